//! A fake Harvest API v2 (plus the bits of id.getharvest.com a client needs)
//! on 127.0.0.1, for tests and benchmarks.
//!
//! It serves a deterministic generated account (`data.rs`) with Harvest's
//! envelopes, pagination (pages and cursors), filters, reports, errors and
//! auth rules as documented in `harvest-api.md`, accepts every documented write
//! with Harvest's rules (`writes/`, over the mutable `store.rs`), and lets a test
//! script failures: injected faults (also after a write was applied), latency, a
//! request throttle, token revocation.
//!
//! ```ignore
//! let sandbox = Sandbox::start(SandboxOptions::default()).await?;
//! // point the client at sandbox.base_url() / sandbox.id_url()
//! sandbox.push_faults(vec![Fault::too_many_requests(1)]);
//! assert_eq!(sandbox.requests()[0].path, "/v2/users/me");
//! sandbox.shutdown();
//! ```

mod body;
mod calendar;
mod context;
mod data;
mod envelope;
mod faults;
mod fields;
mod lists;
mod oauth;
mod order;
mod query;
mod recording;
mod reply;
mod reports;
mod routes;
mod server;
mod store;
#[cfg(test)]
mod tests;
mod throttle;
mod writes;
#[cfg(test)]
mod writes_tests;

use std::net::SocketAddr;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Duration;

use tokio::net::TcpListener;
use tokio::sync::watch;

pub use faults::Fault;
pub use recording::RecordedRequest;

use server::State;
use store::lock;

/// How the sandbox account and its credentials look.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SandboxOptions {
    /// The accepted personal access token.
    pub token: String,
    /// Requests must send this as `Harvest-Account-Id`.
    pub account_id: String,
    /// The OAuth application.
    pub client_id: String,
    pub client_secret: String,
    /// The refresh token valid at start.
    pub refresh_token: String,
    /// `expires_in` of issued access tokens; they stop working after it.
    pub access_token_ttl_secs: u64,
    /// Each refresh returns a new refresh token and invalidates the used one.
    pub rotate_refresh_tokens: bool,
    /// Number of generated time entries (generated lazily, O(1) each).
    pub time_entries: usize,
    /// Number of records of every other list entity (at least 1 is used).
    pub records_per_entity: usize,
    /// The company's `wants_timestamp_timers` at start: `false` tracks time as durations
    /// (`hours`), `true` as start and end times (`started_time`/`ended_time`). Time-entry
    /// writes in the other form get a 422; `PATCH /v2/company` can switch it.
    pub wants_timestamp_timers: bool,
    /// The 127.0.0.1 port to listen on; 0 takes a free one (tests run many sandboxes at once,
    /// a person pointing a client config at one wants a fixed address).
    pub port: u16,
}

impl Default for SandboxOptions {
    fn default() -> Self {
        SandboxOptions {
            token: "sandbox-personal-access-token".to_owned(),
            account_id: "1234567".to_owned(),
            client_id: "sandbox-client-id".to_owned(),
            client_secret: "sandbox-client-secret".to_owned(),
            refresh_token: "sandbox-refresh-token".to_owned(),
            access_token_ttl_secs: 1_209_600,
            rotate_refresh_tokens: true,
            time_entries: 120,
            records_per_entity: 12,
            wants_timestamp_timers: false,
            port: 0,
        }
    }
}

/// A running fake Harvest. Clones share the server; it stops on
/// [`Sandbox::shutdown`] or when the last clone is dropped.
#[derive(Clone)]
pub struct Sandbox {
    handle: Arc<Handle>,
}

struct Handle {
    state: Arc<State>,
    shutdown: watch::Sender<bool>,
    /// Every server task holds a receiver; `closed()` waits for them all.
    alive: watch::Sender<()>,
}

impl Drop for Handle {
    fn drop(&mut self) {
        self.shutdown.send_replace(true);
    }
}

impl std::fmt::Debug for Sandbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Sandbox")
            .field("addr", &self.addr())
            .finish_non_exhaustive()
    }
}

impl Sandbox {
    /// Binds 127.0.0.1 on `opts.port` (0: a free port) and serves on the current tokio runtime.
    /// Loopback only: the fake accepts well-known test credentials.
    pub async fn start(opts: SandboxOptions) -> std::io::Result<Sandbox> {
        let listener = TcpListener::bind(("127.0.0.1", opts.port)).await?;
        let addr = listener.local_addr()?;
        let state = Arc::new(State::new(opts, addr));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let (alive, alive_rx) = watch::channel(());
        tokio::spawn(server::accept_loop(
            state.clone(),
            listener,
            shutdown_rx,
            alive_rx,
        ));
        Ok(Sandbox {
            handle: Arc::new(Handle {
                state,
                shutdown,
                alive,
            }),
        })
    }

    fn state(&self) -> &State {
        &self.handle.state
    }

    pub fn addr(&self) -> SocketAddr {
        self.state().addr
    }

    /// `http://127.0.0.1:PORT/v2`, the stand-in for `https://api.harvestapp.com/v2`.
    pub fn base_url(&self) -> String {
        format!("http://{}/v2", self.addr())
    }

    /// `http://127.0.0.1:PORT`, the stand-in for `https://id.getharvest.com`
    /// (token endpoint `/api/v2/oauth2/token`, accounts `/api/v2/accounts`).
    pub fn id_url(&self) -> String {
        format!("http://{}", self.addr())
    }

    /// Every request received so far, in arrival order (token endpoint included).
    pub fn requests(&self) -> Vec<RecordedRequest> {
        lock(&self.state().requests).clone()
    }

    pub fn request_count(&self) -> usize {
        lock(&self.state().requests).len()
    }

    pub fn clear_requests(&self) {
        lock(&self.state().requests).clear();
    }

    /// Delay added before every response (zero to disable).
    pub fn set_latency(&self, latency: Duration) {
        *lock(&self.state().latency) = latency;
    }

    /// Queues faults; each following `/v2` request consumes one, in order.
    pub fn push_faults(&self, faults: Vec<Fault>) {
        lock(&self.state().faults).extend(faults);
    }

    /// Queues faults for the following writes (POST, PATCH, DELETE under `/v2`): each such
    /// request is handled first — the write is applied and kept — and the client then gets
    /// the fault instead of the answer (e.g. a 500, or a dropped connection). Reads pass
    /// untouched, so a client's own GETs before the write do not consume them.
    pub fn push_faults_after_write(&self, faults: Vec<Fault>) {
        lock(&self.state().faults_after_write).extend(faults);
    }

    /// Drops every queued fault, before and after writes.
    pub fn clear_faults(&self) {
        lock(&self.state().faults).clear();
        lock(&self.state().faults_after_write).clear();
    }

    /// Invalidates every OAuth access token issued so far (the personal
    /// access token keeps working).
    pub fn revoke_access_tokens(&self) {
        lock(&self.state().tokens).revoke_access_tokens();
    }

    /// At most `limit.0` `/v2` requests per sliding `limit.1` window; the
    /// excess gets 429 with `Retry-After`. `None` lifts the limit.
    pub fn set_rate_limit(&self, limit: Option<(u32, Duration)>) {
        lock(&self.state().throttle).configure(limit);
    }

    /// POSTs received by the token endpoint (successful or not).
    pub fn token_requests(&self) -> usize {
        self.state().token_requests.load(Ordering::SeqCst)
    }

    /// Stops accepting and closes every connection (in-flight requests
    /// included). Idempotent; also happens when the last clone is dropped.
    pub fn shutdown(&self) {
        self.handle.shutdown.send_replace(true);
    }

    /// Resolves once the accept loop and every connection task have ended
    /// (after [`Sandbox::shutdown`]); the port is closed by then.
    pub async fn closed(&self) {
        self.handle.alive.closed().await;
    }
}
