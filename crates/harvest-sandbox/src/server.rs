//! The HTTP side: accept loop, per-connection tasks, and the request
//! pipeline (record -> latency -> faults -> throttle -> request hygiene ->
//! auth -> route -> encode).

use std::collections::VecDeque;
use std::convert::Infallible;
use std::io::Write;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::header::{
    HeaderMap, HeaderValue, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_ENCODING, CONTENT_TYPE, HOST,
    RETRY_AFTER, USER_AGENT, VARY,
};
use hyper::http::request::Parts;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{watch, Notify};

use super::context::Ctx;
use super::data::Dataset;
use super::faults::{self, Fault, FaultAction};
use super::oauth::{self, TokenStore};
use super::order::FieldOrders;
use super::query::Query;
use super::recording::RecordedRequest;
use super::reply::{ApiError, Reply, TEXT};
use super::routes::{self, RouteMatch};
use super::store::lock;
use super::store::Tables;
use super::throttle::Throttle;
use super::SandboxOptions;

const TOKEN_PATH: &str = "/api/v2/oauth2/token";
const ACCOUNTS_PATH: &str = "/api/v2/accounts";
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;
const GET_WITH_BODY_MESSAGE: &str = "HTTP GET requests with a body are not accepted.";

/// Everything the connection tasks share with the `Sandbox` handle.
pub(crate) struct State {
    pub options: SandboxOptions,
    pub data: Dataset,
    /// The records reads serve and writes change (see `store.rs`).
    pub store: Mutex<Tables>,
    pub orders: FieldOrders,
    pub addr: SocketAddr,
    pub started: Instant,
    pub requests: Mutex<Vec<RecordedRequest>>,
    pub latency: Mutex<Duration>,
    pub faults: Mutex<VecDeque<Fault>>,
    /// Faults for the next writes (POST, PATCH, DELETE), applied after the write was.
    pub faults_after_write: Mutex<VecDeque<Fault>>,
    pub tokens: Mutex<TokenStore>,
    pub throttle: Mutex<Throttle>,
    pub token_requests: AtomicUsize,
    /// TCP connections accepted so far (lets tests check connection reuse and fan-out).
    pub connections: AtomicUsize,
    /// Requests received and not yet answered (or abandoned).
    pub active: AtomicUsize,
    request_ids: AtomicU64,
}

impl State {
    pub(crate) fn new(options: SandboxOptions, addr: SocketAddr) -> State {
        let data = Dataset::new(
            options.records_per_entity,
            options.time_entries,
            &options.account_id,
        );
        let (tables, orders) = Tables::new(data.clone(), options.wants_timestamp_timers);
        let store = Mutex::new(tables);
        let tokens = TokenStore::new(&options.refresh_token, u64::from(addr.port()) << 32);
        State {
            options,
            data,
            store,
            orders,
            addr,
            started: Instant::now(),
            requests: Mutex::new(Vec::new()),
            latency: Mutex::new(Duration::ZERO),
            faults: Mutex::new(VecDeque::new()),
            faults_after_write: Mutex::new(VecDeque::new()),
            tokens: Mutex::new(tokens),
            throttle: Mutex::new(Throttle::default()),
            token_requests: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            active: AtomicUsize::new(0),
            request_ids: AtomicU64::new(0),
        }
    }
}

/// Resolves once shutdown was requested (or the handle is gone).
async fn shutdown_requested(shutdown: &mut watch::Receiver<bool>) {
    while !*shutdown.borrow_and_update() {
        if shutdown.changed().await.is_err() {
            return;
        }
    }
}

/// Accepts connections until shutdown. `alive` is held by this task and every
/// connection task so the handle can wait for all of them to end.
pub(crate) async fn accept_loop(
    state: Arc<State>,
    listener: TcpListener,
    mut shutdown: watch::Receiver<bool>,
    alive: watch::Receiver<()>,
) {
    loop {
        tokio::select! {
            () = shutdown_requested(&mut shutdown) => break,
            accepted = listener.accept() => match accepted {
                Ok((stream, _peer)) => {
                    state.connections.fetch_add(1, Ordering::Relaxed);
                    let _ = stream.set_nodelay(true);
                    tokio::spawn(serve_connection(
                        state.clone(),
                        stream,
                        shutdown.clone(),
                        alive.clone(),
                    ));
                }
                Err(err) => {
                    // E.g. too many open files: back off instead of spinning.
                    log::warn!("sandbox accept failed: {err}");
                    tokio::time::sleep(Duration::from_millis(20)).await;
                }
            },
        }
    }
}

async fn serve_connection(
    state: Arc<State>,
    stream: TcpStream,
    mut shutdown: watch::Receiver<bool>,
    _alive: watch::Receiver<()>,
) {
    // Fault::CloseConnection pulls this to drop the socket mid-request.
    let kill = Arc::new(Notify::new());
    let service_kill = kill.clone();
    let service = service_fn(move |request| {
        let state = state.clone();
        let kill = service_kill.clone();
        async move { Ok::<_, Infallible>(handle(state, request, kill).await) }
    });
    let connection = http1::Builder::new()
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    tokio::select! {
        result = connection => {
            if let Err(err) = result {
                log::debug!("sandbox connection ended: {err}");
            }
        }
        () = kill.notified() => {}
        () = shutdown_requested(&mut shutdown) => {}
    }
}

/// Membership in `State::active` for the life of one request.
struct Active<'a> {
    counter: &'a AtomicUsize,
    count: usize,
}

impl<'a> Active<'a> {
    fn enter(counter: &'a AtomicUsize) -> Active<'a> {
        let count = counter.fetch_add(1, Ordering::SeqCst) + 1;
        Active { counter, count }
    }
}

impl Drop for Active<'_> {
    fn drop(&mut self) {
        self.counter.fetch_sub(1, Ordering::SeqCst);
    }
}

enum Outcome {
    Reply(Reply),
    Hang,
    CloseConnection,
}

async fn handle(
    state: Arc<State>,
    request: Request<Incoming>,
    kill: Arc<Notify>,
) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let (body, body_error) = match Limited::new(body, MAX_BODY_BYTES).collect().await {
        Ok(collected) => (collected.to_bytes(), None),
        Err(err) => (Bytes::new(), Some(err)),
    };
    // Counts this request until its response is built (or the connection drops it).
    let active = Active::enter(&state.active);
    lock(&state.requests).push(RecordedRequest {
        in_flight: active.count,
        method: parts.method.as_str().to_owned(),
        path: parts.uri.path().to_owned(),
        query: parts.uri.query().unwrap_or("").to_owned(),
        headers: parts
            .headers
            .iter()
            .map(|(name, value)| {
                (
                    name.as_str().to_owned(),
                    String::from_utf8_lossy(value.as_bytes()).into_owned(),
                )
            })
            .collect(),
        body: body.to_vec(),
        at: state.started.elapsed(),
    });

    let latency = *lock(&state.latency);
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }

    let outcome = match body_error {
        Some(err) => {
            let too_large = err.is::<http_body_util::LengthLimitError>();
            Outcome::Reply(if too_large {
                Reply::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    TEXT,
                    "Request body too large.",
                )
            } else {
                Reply::new(StatusCode::BAD_REQUEST, TEXT, "Malformed request body.")
            })
        }
        // A handler bug must cost one 500, not the connection.
        None => std::panic::catch_unwind(AssertUnwindSafe(|| dispatch(&state, &parts, &body)))
            .unwrap_or_else(|_| {
                Outcome::Reply(ApiError::Internal("the sandbox panicked".to_owned()).into_reply())
            }),
    };
    let reply = match outcome {
        Outcome::Reply(reply) => reply,
        Outcome::Hang => return std::future::pending().await,
        Outcome::CloseConnection => {
            kill.notify_one();
            return std::future::pending().await;
        }
    };
    let request_id = state.request_ids.fetch_add(1, Ordering::Relaxed) + 1;
    encode(reply, accepts_gzip(&parts.headers), request_id)
}

fn dispatch(state: &State, parts: &Parts, body: &Bytes) -> Outcome {
    let path = parts.uri.path();
    let reply = if path == TOKEN_PATH {
        token(state, parts, body)
    } else if path == ACCOUNTS_PATH {
        accounts(state, parts, body)
    } else if path == "/v2" || path.starts_with("/v2/") {
        return api(state, parts, body);
    } else {
        Reply::route_not_found()
    };
    Outcome::Reply(reply)
}

fn token(state: &State, parts: &Parts, body: &Bytes) -> Reply {
    if parts.method != Method::POST {
        return ApiError::MethodNotAllowed(vec![Method::POST]).into_reply();
    }
    state.token_requests.fetch_add(1, Ordering::SeqCst);
    let content_type = parts
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok());
    oauth::token_endpoint(
        &mut lock(&state.tokens),
        &state.options,
        content_type,
        body,
        Instant::now(),
    )
}

fn accounts(state: &State, parts: &Parts, body: &Bytes) -> Reply {
    if parts.method != Method::GET {
        return ApiError::MethodNotAllowed(vec![Method::GET]).into_reply();
    }
    if let Some(reply) = hygiene(parts, body) {
        return reply;
    }
    let query = Query::parse(parts.uri.query().unwrap_or(""));
    match bearer_token(&parts.headers, &query) {
        Some(token) if token_is_valid(state, token) => oauth::accounts(&state.data),
        _ => Reply::unauthorized(),
    }
}

/// Harvest's edge checks: a User-Agent is required and GETs may not carry a body.
fn hygiene(parts: &Parts, body: &Bytes) -> Option<Reply> {
    let has_user_agent = parts
        .headers
        .get(USER_AGENT)
        .is_some_and(|ua| !ua.as_bytes().iter().all(u8::is_ascii_whitespace));
    if !has_user_agent {
        return Some(
            ApiError::BadRequest(
                "A User-Agent header is required, e.g. \"MyApp (you@example.com)\".".to_owned(),
            )
            .into_reply(),
        );
    }
    if parts.method == Method::GET && !body.is_empty() {
        return Some(Reply::new(
            StatusCode::BAD_REQUEST,
            TEXT,
            GET_WITH_BODY_MESSAGE,
        ));
    }
    None
}

fn outcome_of(fault: Fault) -> Outcome {
    match faults::action(fault) {
        FaultAction::Respond(reply) => Outcome::Reply(reply),
        FaultAction::Hang => Outcome::Hang,
        FaultAction::CloseConnection => Outcome::CloseConnection,
    }
}

fn api(state: &State, parts: &Parts, body: &Bytes) -> Outcome {
    let fault = lock(&state.faults).pop_front();
    if let Some(fault) = fault {
        return outcome_of(fault);
    }
    let reply = handle_api(state, parts, body);
    // A write was handled (and kept, if it succeeded): the client now sees the fault.
    if parts.method != Method::GET {
        let fault = lock(&state.faults_after_write).pop_front();
        if let Some(fault) = fault {
            return outcome_of(fault);
        }
    }
    Outcome::Reply(reply)
}

fn handle_api(state: &State, parts: &Parts, body: &Bytes) -> Reply {
    let admitted = lock(&state.throttle).admit(Instant::now());
    if let Err(retry_after) = admitted {
        return Reply {
            status: StatusCode::TOO_MANY_REQUESTS,
            content_type: HeaderValue::from_static("text/html"),
            body: Bytes::new(),
            headers: Vec::new(),
            may_compress: false,
        }
        .with_header(RETRY_AFTER, HeaderValue::from(retry_after));
    }
    if let Some(reply) = hygiene(parts, body) {
        return reply;
    }
    let query = Query::parse(parts.uri.query().unwrap_or(""));
    if !authorized(state, parts, &query) {
        return Reply::unauthorized();
    }
    let path = parts.uri.path();
    match routes::find(&parts.method, path) {
        RouteMatch::Found(action, ids) => {
            let origin = origin(state, &parts.headers);
            let ctx = Ctx {
                data: &state.data,
                store: &state.store,
                orders: &state.orders,
                body,
                content_type: parts
                    .headers
                    .get(CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok()),
                query,
                ids,
                origin: &origin,
                path,
            };
            action.run(&ctx).unwrap_or_else(ApiError::into_reply)
        }
        RouteMatch::WrongMethod(allowed) => ApiError::MethodNotAllowed(allowed).into_reply(),
        RouteMatch::NoRoute => Reply::route_not_found(),
    }
}

/// `Authorization: Bearer <token>`, or the `access_token` query parameter
/// Harvest also accepts.
fn bearer_token<'a>(headers: &'a HeaderMap, query: &'a Query) -> Option<&'a str> {
    let from_header = headers
        .get(AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| {
            let (scheme, token) = value.trim().split_once(' ')?;
            scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
        });
    from_header
        .or_else(|| query.get("access_token"))
        .filter(|t| !t.is_empty())
}

fn token_is_valid(state: &State, token: &str) -> bool {
    token == state.options.token || lock(&state.tokens).access_token_is_valid(token, Instant::now())
}

/// A valid token and the right `Harvest-Account-Id` (or `account_id` query
/// parameter); a missing account id is a 401 like a bad token (§2.1).
fn authorized(state: &State, parts: &Parts, query: &Query) -> bool {
    let account = parts
        .headers
        .get("harvest-account-id")
        .and_then(|value| value.to_str().ok())
        .map(str::trim)
        .or_else(|| query.get("account_id"));
    account == Some(state.options.account_id.as_str())
        && bearer_token(&parts.headers, query).is_some_and(|token| token_is_valid(state, token))
}

/// `http://<Host>` for absolute links; the bound address if Host is absent or odd.
fn origin(state: &State, headers: &HeaderMap) -> String {
    let host = headers
        .get(HOST)
        .and_then(|value| value.to_str().ok())
        .filter(|host| {
            !host.is_empty()
                && host.len() <= 255
                && host
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-.:[]_".contains(&b))
        });
    match host {
        Some(host) => format!("http://{host}"),
        None => format!("http://{}", state.addr),
    }
}

/// True if `Accept-Encoding` lists gzip (or `*`) with a non-zero quality.
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(ACCEPT_ENCODING)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .any(|item| {
            let mut pieces = item.split(';');
            let coding = pieces.next().unwrap_or("").trim();
            let rejected = pieces.any(|param| {
                let param = param.trim().replace(' ', "");
                param == "q=0" || param == "q=0.0" || param == "q=0.00" || param == "q=0.000"
            });
            (coding.eq_ignore_ascii_case("gzip")
                || coding.eq_ignore_ascii_case("x-gzip")
                || coding == "*")
                && !rejected
        })
}

fn gzip(body: &[u8]) -> Option<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(
        Vec::with_capacity(body.len() / 4 + 64),
        flate2::Compression::fast(),
    );
    encoder.write_all(body).ok()?;
    encoder.finish().ok()
}

fn encode(reply: Reply, gzip_accepted: bool, request_id: u64) -> Response<Full<Bytes>> {
    let Reply {
        status,
        content_type,
        body,
        headers,
        may_compress,
    } = reply;
    let compressed = if gzip_accepted && may_compress && !body.is_empty() {
        gzip(&body)
    } else {
        None
    };
    let is_compressed = compressed.is_some();
    let body = compressed.map_or(body, Bytes::from);
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    let response_headers = response.headers_mut();
    response_headers.insert(CONTENT_TYPE, content_type);
    response_headers.insert("x-request-id", HeaderValue::from(request_id));
    if may_compress {
        response_headers.insert(VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    if is_compressed {
        response_headers.insert(CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    for (name, value) in headers {
        response_headers.append(name, value);
    }
    response
}
