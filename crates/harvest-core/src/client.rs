//! The request pipeline: validate -> authenticate -> send -> classify -> retry -> check.
//! One `HarvestClient` per connector, holding one pooled `reqwest::Client`.

use std::sync::{Arc, Once, RwLock};
use std::time::Duration;

use bytes::Bytes;
use futures_util::stream::{self, StreamExt};
use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, ACCEPT_ENCODING, CONTENT_TYPE};
use serde_json::Value;
use url::Url;

use crate::auth::{Authenticator, Bearer, Credentials, TokenEvent};
use crate::body::BodyError;
use crate::catalog::{Host, Method, Paging, ResponseShape, Rule};
use crate::error::{redact, Error, Result, Target, TimeoutKind};
use crate::pagination::{
    self, Fetched, ListOutcome, OnePage, PagePart, Step, Walk, CONCURRENT_PAGES,
};
use crate::ratelimit::{self, Budget, RateLimit, Slot};
use crate::request::{self, RequestSpec};
use crate::response::{self, describe_transport_error, harvest_message, Response};
use crate::retry::RetryPolicy;
use crate::shared::SharedState;
use crate::write_body;
use crate::write_policy::WritePolicy;

/// What a call returns: one object's JSON, one page of a listing (read by the binding), or
/// the selected records of a `limit` walk.
#[derive(Debug)]
pub enum Outcome {
    Object(Bytes),
    /// What a delete returns (Harvest answers with an empty body): `{"deleted": true,
    /// "entity": ..., "id": ...}`.
    Deleted(Value),
    Page(OnePage),
    List(ListOutcome),
}

pub const DEFAULT_BASE_URL: &str = "https://api.harvestapp.com/v2";
pub const DEFAULT_ID_URL: &str = "https://id.getharvest.com";
/// Harvest requires a User-Agent naming the application and a way to reach its authors.
pub const DEFAULT_USER_AGENT: &str = concat!(
    "harvest-agent-connector/",
    env!("CARGO_PKG_VERSION"),
    " (https://pypi.org/project/harvest-agent-connector/)"
);

#[derive(Debug, Clone)]
pub struct ClientConfig {
    /// API root, e.g. `https://api.harvestapp.com/v2` (no trailing slash).
    pub base_url: String,
    /// Harvest ID root (OAuth token endpoint, account discovery).
    pub id_url: String,
    pub user_agent: String,
    /// Budget for a whole call, retries and waits included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    /// Budget for one attempt (sending and reading the whole response); a hung attempt fails
    /// after it and is retried while the total budget lasts.
    pub read_timeout: Duration,
    pub retry: RetryPolicy,
    /// Client-side budget for every API request (None: unthrottled).
    pub rate_limit: Option<RateLimit>,
    /// Additional budget for `/reports/` requests, which Harvest limits separately.
    pub reports_rate_limit: Option<RateLimit>,
    /// Which writes may be sent (`allow_writes`); none by default.
    pub writes: WritePolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            id_url: DEFAULT_ID_URL.to_string(),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            read_timeout: Duration::from_secs(30),
            retry: RetryPolicy::default(),
            rate_limit: Some(RateLimit::HARVEST_GENERAL),
            reports_rate_limit: Some(RateLimit::HARVEST_REPORTS),
            writes: WritePolicy::Disabled,
        }
    }
}

fn check_root(field: &'static str, value: &str) -> Result<String> {
    let trimmed = value.trim_end_matches('/');
    let url = Url::parse(trimmed).map_err(|e| Error::Config {
        field,
        reason: format!("not a URL ({e})"),
    })?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(Error::Config {
            field,
            reason: "must be an http(s) URL with a host".to_string(),
        });
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(Error::Config {
            field,
            reason: "must not have a query or fragment".to_string(),
        });
    }
    Ok(trimmed.to_string())
}

/// The rustls crypto provider is process-wide; install ours unless the host application
/// already installed one.
fn install_crypto_provider() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let _ = rustls::crypto::ring::default_provider().install_default();
    });
}

fn account_header(account_id: &str) -> Result<HeaderValue> {
    HeaderValue::from_str(account_id).map_err(|_| Error::Config {
        field: "account_id",
        reason: "must be printable ASCII".to_string(),
    })
}

/// A pooled HTTP client (rustls, gzip) sending JSON `Accept`, `user_agent` and `headers` on
/// every request: the one recipe for both the Harvest and the Airbyte API clients.
///
/// The client itself is built at the first request, not with the connector: building it
/// loads the platform's root certificates (~3 ms), which constructing a connector, importing
/// the package or a script that never calls should not pay. `close()` drops it, and the next
/// call builds a fresh one, so the pool can be swapped while calls keep a (cheap, shared)
/// handle to the one they started with.
pub struct SwappablePool {
    user_agent: HeaderValue,
    connect_timeout: Duration,
    headers: HeaderMap,
    current: RwLock<Option<reqwest::Client>>,
}

impl SwappablePool {
    /// Checks the recipe now, so that a bad user agent is a construction error.
    pub fn new(
        user_agent: &str,
        connect_timeout: Duration,
        mut headers: HeaderMap,
    ) -> Result<Self> {
        let user_agent = HeaderValue::from_str(user_agent).map_err(|_| Error::Config {
            field: "user_agent",
            reason: "must be printable ASCII".to_string(),
        })?;
        headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(
            ACCEPT_ENCODING,
            HeaderValue::from_static(crate::body::ACCEPTED_ENCODING),
        );
        Ok(SwappablePool {
            user_agent,
            connect_timeout,
            headers,
            current: RwLock::new(None),
        })
    }

    /// The pool calls use now, built if there is none yet.
    pub fn current(&self) -> Result<reqwest::Client> {
        let read = self.current.read().unwrap_or_else(|p| p.into_inner());
        if let Some(http) = read.as_ref() {
            return Ok(http.clone());
        }
        drop(read);
        let mut write = self.current.write().unwrap_or_else(|p| p.into_inner());
        // Another call may have built it while this one waited for the lock.
        if let Some(http) = write.as_ref() {
            return Ok(http.clone());
        }
        let http = self.build()?;
        *write = Some(http.clone());
        Ok(http)
    }

    /// Drop the pooled connections (idle ones close now, busy ones when their call ends);
    /// the next call starts a fresh pool.
    pub fn reset(&self) {
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = None;
    }

    fn build(&self) -> Result<reqwest::Client> {
        install_crypto_provider();
        reqwest::Client::builder()
            .user_agent(self.user_agent.clone())
            .default_headers(self.headers.clone())
            .connect_timeout(self.connect_timeout)
            .pool_idle_timeout(Duration::from_secs(60))
            .build()
            .map_err(|e| Error::Config {
                field: "http client",
                reason: describe_transport_error(&e),
            })
    }
}

pub struct HarvestClient {
    http: SwappablePool,
    config: ClientConfig,
    auth: Authenticator,
    account: HeaderValue,
    token_url: String,
    /// Shared with every connector of the process for the same API, account and credentials,
    /// or with every process using the same shared state.
    general_budget: Option<Arc<dyn Budget>>,
    reports_budget: Option<Arc<dyn Budget>>,
    /// `company.wants_timestamp_timers`, read once, at the first write that logs time.
    timestamp_timers: tokio::sync::OnceCell<bool>,
}

/// A failed attempt, and whether its request may have reached Harvest (a refused connection
/// did not; anything after the request was written may have).
struct Failure {
    error: Error,
    reached: bool,
}

impl Failure {
    fn reached(error: Error) -> Failure {
        Failure {
            error,
            reached: true,
        }
    }
}

impl HarvestClient {
    pub fn new(credentials: Credentials, config: ClientConfig) -> Result<Self> {
        Self::with_shared_state(credentials, config, None)
    }

    /// With `shared`, budgets and OAuth token state are kept there, for every process using it.
    pub fn with_shared_state(
        credentials: Credentials,
        mut config: ClientConfig,
        shared: Option<Arc<dyn SharedState>>,
    ) -> Result<Self> {
        config.base_url = check_root("base_url", &config.base_url)?;
        config.id_url = check_root("id_url", &config.id_url)?;
        if config.timeout.is_zero() {
            return Err(Error::Config {
                field: "timeout",
                reason: "must be a positive number of seconds".to_string(),
            });
        }
        if credentials.account_id().is_empty() {
            return Err(Error::Config {
                field: "account_id",
                reason: "must not be empty".to_string(),
            });
        }
        let account = account_header(credentials.account_id())?;
        // `Harvest-Account-Id` is added per request: the ID host takes none.
        let http =
            SwappablePool::new(&config.user_agent, config.connect_timeout, HeaderMap::new())?;
        let token_url = format!("{}/api/v2/oauth2/token", config.id_url);
        let scope = format!("{}#{}", config.base_url, credentials.account_id());
        let budget = |name, limit: Option<RateLimit>| -> Option<Arc<dyn Budget>> {
            let limit = limit?;
            Some(match &shared {
                Some(shared) => {
                    shared.budget(&config.base_url, &credentials, name, limit, config.timeout)
                }
                None => Arc::new(ratelimit::shared(&scope, credentials.identity(), limit)),
            })
        };
        let general_budget = budget("general", config.rate_limit);
        let reports_budget = budget("reports", config.reports_rate_limit);
        let tokens = shared
            .as_ref()
            .and_then(|shared| shared.tokens(&config.base_url, &credentials));
        Ok(HarvestClient {
            http,
            config,
            auth: Authenticator::with_store(credentials, tokens),
            account,
            token_url,
            general_budget,
            reports_budget,
            timestamp_timers: tokio::sync::OnceCell::new(),
        })
    }

    /// Drop the pooled connections (idle ones close now, busy ones when their call ends);
    /// later calls start a fresh pool. Token state is kept.
    pub fn reset_pool(&self) {
        self.http.reset();
    }

    pub fn config(&self) -> &ClientConfig {
        &self.config
    }

    pub fn take_token_events(&self) -> Vec<TokenEvent> {
        self.auth.take_events()
    }

    /// Validate without sending: every input error surfaces here, synchronously.
    pub fn prepare(&self, entity: &str, action: &str, params: &Value) -> Result<RequestSpec> {
        // A bad value is quoted back in the message; if a caller pasted a credential into a
        // parameter, it must not be quoted.
        request::build(entity, action, params).map_err(|e| e.redacted(&self.secret_refs()))
    }

    /// Refuse a write `allow_writes` does not enable (before validation: an agent should not
    /// polish the parameters of a call that cannot be sent).
    pub fn check_write_allowed(&self, entity: &str, action: &str) -> Result<()> {
        self.config.writes.check(entity, action)
    }

    /// The exact request `spec` would send, with the credentials masked: for `dry_run` and for
    /// the `confirm_write` hook. No I/O; the account's time tracking mode is checked only if a
    /// write has read it already.
    pub fn preview(&self, spec: &RequestSpec) -> Result<Value> {
        if let Some(wants) = self.timestamp_timers.get() {
            write_body::check_time_form(spec.entity, spec.action, spec.body.as_ref(), *wants)?;
        }
        let url = self.url(spec)?;
        let mut headers = serde_json::Map::new();
        let mut header = |name: &str, value: &str| {
            headers.insert(name.to_string(), Value::String(value.to_string()));
        };
        header("Authorization", "Bearer ***");
        if spec.action.host == Host::Api {
            header(
                "Harvest-Account-Id",
                self.account.to_str().unwrap_or_default(),
            );
        }
        header("User-Agent", &self.config.user_agent);
        header("Accept", "application/json");
        header("Accept-Encoding", crate::body::ACCEPTED_ENCODING);
        if spec.upload.is_some() {
            header("Content-Type", "multipart/form-data");
        } else if spec.body.is_some() {
            header("Content-Type", "application/json");
        }
        let query: serde_json::Map<String, Value> = spec
            .query
            .iter()
            .map(|(k, v)| (k.to_string(), Value::String(v.clone())))
            .collect();
        let target = self.target(spec);
        let mut body = spec.body.clone();
        if let Some(body) = body.as_mut() {
            // A credential pasted into a field is not shown back.
            self.redact_strings(body);
        }
        Ok(serde_json::json!({
            "dry_run": true,
            "entity": spec.entity.name,
            "action": spec.action.name,
            "method": target.method,
            "url": url.as_str(),
            "path": target.path,
            "query": query,
            "body": body,
            "headers": headers,
        }))
    }

    /// `company.wants_timestamp_timers`, asked of Harvest once per connector.
    async fn wants_timestamp_timers(&self) -> Result<bool> {
        self.timestamp_timers
            .get_or_try_init(|| async {
                let spec = request::build("company", "get", &Value::Null)?;
                let response = self.send(&spec).await?;
                let company: Value = serde_json::from_slice(&response.body).unwrap_or(Value::Null);
                company["wants_timestamp_timers"].as_bool().ok_or_else(|| {
                    self.invalid_response(
                        &spec,
                        "the company has no boolean wants_timestamp_timers, so the account's \
                         time tracking mode is unknown"
                            .to_string(),
                    )
                })
            })
            .await
            .copied()
    }

    /// Run a validated call: one request for an object or a page, or a walk across pages when
    /// `limit` is set.
    pub async fn execute(&self, spec: &RequestSpec) -> Result<Outcome> {
        if spec
            .action
            .rules
            .iter()
            .any(|r| matches!(r, Rule::TimeForm { .. }))
        {
            let wants = self.wants_timestamp_timers().await?;
            write_body::check_time_form(spec.entity, spec.action, spec.body.as_ref(), wants)?;
        }
        match spec.action.response {
            ResponseShape::Object if spec.action.method == Method::Delete => {
                self.send(spec).await?;
                Ok(Outcome::Deleted(spec.deleted()))
            }
            ResponseShape::Object => Ok(Outcome::Object(self.send(spec).await?.body)),
            ResponseShape::List { record_key, paging } => match spec.limit {
                Some(limit) => self
                    .walk(spec, record_key, paging, limit, None)
                    .await
                    .map(Outcome::List),
                None => Ok(Outcome::Page(OnePage {
                    record_key,
                    body: self.send(spec).await?.body,
                    skip: spec.skip,
                    target: self.target(spec),
                    root: self.root(spec.action.host).to_string(),
                    action: spec.action,
                })),
            },
        }
    }

    /// A list call with a `limit` whose pages go to `each` as they are read, in Harvest's
    /// order, instead of into the outcome (whose `parts` are then empty): a consumer works on
    /// one page while the next ones are fetched. An error from `each` stops the walk (the
    /// requests in flight are dropped) and is the call's. Anything else than a list call with
    /// a limit is refused.
    pub async fn walk_pages(
        &self,
        spec: &RequestSpec,
        each: &mut (dyn FnMut(PagePart) -> Result<()> + Send),
    ) -> Result<ListOutcome> {
        match (spec.action.response, spec.limit) {
            (ResponseShape::List { record_key, paging }, Some(limit)) => {
                self.walk(spec, record_key, paging, limit, Some(each)).await
            }
            _ => Err(self.invalid_response(
                spec,
                "walk_pages needs a list call with a limit".to_string(),
            )),
        }
    }

    /// Walk pages until `limit` records: page-numbered listings fetch the pages still needed
    /// concurrently (at most `CONCURRENT_PAGES` at once), cursor ones follow `links.next` one
    /// after another. Each request goes through the whole pipeline (auth, retries honouring
    /// `Retry-After`, its own timeout). With `each`, every page goes there once taken.
    async fn walk(
        &self,
        spec: &RequestSpec,
        record_key: &'static str,
        paging: Paging,
        limit: usize,
        mut each: Option<&mut (dyn FnMut(PagePart) -> Result<()> + Send)>,
    ) -> Result<ListOutcome> {
        let mut walk = Walk::new(record_key, limit, self.target(spec));
        let first = self.fetch(spec.clone(), spec.skip).await?;
        let mut step = self.take(&mut walk, spec, first)?;
        hand_over(&mut walk, &mut step, &mut each)?;
        loop {
            let (relative, meta) = match step {
                Step::Done(outcome) => return Ok(outcome),
                Step::Next { relative, meta } => (relative, meta),
            };
            let next = pagination::parse_relative(spec.action, &relative)
                .map_err(|reason| self.invalid_response(spec, format!("links.next: {reason}")))?;
            let next = spec.at(next);
            let batch: Vec<RequestSpec> = match (paging, pagination::page_number(&next.query)) {
                (Paging::Pages, Some(page)) => {
                    pagination::pages_to_fetch(page, &meta, walk.remaining())
                        .into_iter()
                        .map(|n| RequestSpec {
                            query: pagination::with_page(&next.query, n),
                            ..next.clone()
                        })
                        .collect()
                }
                _ => vec![next],
            };
            let mut pages = stream::iter(batch)
                .map(|page| self.fetch(page, 0))
                .buffered(CONCURRENT_PAGES);
            let mut last = None;
            // Pages arrive in Harvest's order; the walk stops as soon as it has enough (the
            // requests still in flight are dropped, i.e. cancelled).
            while let Some(fetched) = pages.next().await {
                let mut taken = self.take(&mut walk, spec, fetched?)?;
                hand_over(&mut walk, &mut taken, &mut each)?;
                let done = matches!(taken, Step::Done(_));
                last = Some(taken);
                if done {
                    break;
                }
            }
            step = last
                .ok_or_else(|| self.invalid_response(spec, "no page left to read".to_string()))?;
        }
    }

    fn take(&self, walk: &mut Walk, spec: &RequestSpec, fetched: Fetched) -> Result<Step> {
        walk.take(fetched)
            .map_err(|reason| self.invalid_response(spec, reason))
    }

    /// One page, with its `links.next` checked against the configured API.
    async fn fetch(&self, spec: RequestSpec, skip: usize) -> Result<Fetched> {
        let response = self.send(&spec).await?;
        let page = response.page.unwrap_or_default();
        let next = pagination::next_request(
            self.root(spec.action.host),
            spec.action,
            page.meta.links.next.as_deref(),
            &self.target(&spec),
        );
        Ok(Fetched {
            relative: spec.relative(),
            body: response.body,
            page,
            skip,
            next,
        })
    }

    fn invalid_response(&self, spec: &RequestSpec, reason: String) -> Error {
        Error::InvalidResponse {
            target: self.target(spec),
            reason: self.redact(&reason),
        }
    }

    /// The method and path (with the API root) that errors about `spec` name.
    pub fn target(&self, spec: &RequestSpec) -> Target {
        Target {
            method: spec.action.method.as_str(),
            path: format!("{}{}", self.root_path(spec.action.host), spec.path),
        }
    }

    /// Send one validated request, within the configured total timeout.
    pub async fn send(&self, spec: &RequestSpec) -> Result<Response> {
        let target = self.target(spec);
        let budget = self.config.timeout;
        match tokio::time::timeout(budget, self.send_with_retries(spec, &target)).await {
            Ok(result) => result,
            Err(_) => {
                let error = Error::Timeout {
                    target,
                    kind: TimeoutKind::Total,
                    after: budget,
                };
                Err(if spec.action.method.is_idempotent() {
                    error
                } else {
                    maybe_applied(spec, error)
                })
            }
        }
    }

    fn root(&self, host: Host) -> &str {
        match host {
            Host::Api => &self.config.base_url,
            Host::Id => &self.config.id_url,
        }
    }

    /// `/v2` for the default base: the path part of a root, used in messages.
    fn root_path(&self, host: Host) -> String {
        Url::parse(self.root(host))
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default()
    }

    fn url(&self, spec: &RequestSpec) -> Result<Url> {
        let root = self.root(spec.action.host);
        let mut url = Url::parse(&format!("{root}{}", spec.path)).map_err(|e| Error::Config {
            field: match spec.action.host {
                Host::Api => "base_url",
                Host::Id => "id_url",
            },
            reason: e.to_string(),
        })?;
        if !spec.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(spec.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    async fn send_with_retries(&self, spec: &RequestSpec, target: &Target) -> Result<Response> {
        let url = self.url(spec)?;
        let started = tokio::time::Instant::now();
        let mut attempt = 0u32;
        let mut renewed_after_401 = false;
        let http = self.http.current()?;
        let mut bearer = self.auth.bearer(&http, &self.token_url).await?;
        loop {
            attempt += 1;
            let permits = self.wait_for_budget(spec).await;
            let outcome = self.send_once(&http, spec, &url, target, &bearer).await;
            drop(permits);
            let Failure { error, reached } = match outcome {
                Ok(response) => return Ok(response),
                Err(failure) => failure,
            };
            if let Error::HttpStatus { status: 401, .. } = error {
                // One renewal per call: a second 401 means the new token is refused too.
                if !renewed_after_401 {
                    renewed_after_401 = true;
                    if let Some(renewed) = self
                        .auth
                        .after_unauthorized(&bearer, &http, &self.token_url)
                        .await?
                    {
                        log::debug!("retrying {target} with a renewed access token");
                        bearer = renewed;
                        attempt -= 1;
                        continue;
                    }
                }
                return Err(error);
            }
            if let Error::HttpStatus {
                status: 429,
                retry_after: Some(seconds),
                ..
            } = &error
            {
                self.pause_budgets(spec, *seconds).await;
            }
            let max_attempts = spec.max_attempts.unwrap_or(self.config.retry.max_attempts);
            let policy = RetryPolicy {
                max_attempts,
                ..self.config.retry.clone()
            };
            // A POST or PATCH is sent again only when Harvest certainly did not act on it: the
            // connection was refused, or Harvest throttled it (429). After a timeout, a
            // connection lost after sending or a 5xx it may have been applied: a second send
            // could log the hours twice.
            let throttled = matches!(error, Error::HttpStatus { status: 429, .. });
            let resend = spec.action.method.is_idempotent() || !reached || throttled;
            let delay = if resend {
                policy.delay_after(attempt, &error)
            } else {
                None
            };
            let unknown_outcome = reached
                && !spec.action.method.is_idempotent()
                && !matches!(
                    error,
                    Error::HttpStatus {
                        status: 400..=499,
                        ..
                    }
                );
            match delay {
                // Waiting past the call's budget would only end in a timeout: report the real
                // cause (e.g. the rate limit with its Retry-After) instead.
                Some(delay) if started.elapsed() + delay < self.config.timeout => {
                    log::debug!(
                        "retrying {target} in {:.2} s after: {error} (attempt {attempt} of {max_attempts})",
                        delay.as_secs_f64(),
                    );
                    tokio::time::sleep(delay).await;
                }
                _ if unknown_outcome => return Err(maybe_applied(spec, error)),
                _ => return Err(error),
            }
        }
    }

    /// Wait until the client-side budgets allow this request (every attempt counts, as it
    /// does for Harvest); the permits are held until the response has been read.
    async fn wait_for_budget(&self, spec: &RequestSpec) -> Vec<Slot> {
        let mut permits = Vec::new();
        if spec.action.host != Host::Api {
            return permits;
        }
        if spec.action.is_report() {
            if let Some(reports) = &self.reports_budget {
                permits.push(reports.acquire().await);
            }
        }
        if let Some(general) = &self.general_budget {
            permits.push(general.acquire().await);
        }
        permits
    }

    /// Harvest's `Retry-After` holds back everyone who shares the budget it answered for.
    async fn pause_budgets(&self, spec: &RequestSpec, seconds: f64) {
        let wait = Duration::from_secs_f64(seconds.clamp(0.0, 86_400.0));
        let budget = match spec.action.is_report() {
            true => &self.reports_budget,
            false => &self.general_budget,
        };
        if let Some(budget) = budget {
            budget.pause(wait).await;
        }
    }

    async fn send_once(
        &self,
        http: &reqwest::Client,
        spec: &RequestSpec,
        url: &Url,
        target: &Target,
        bearer: &Bearer,
    ) -> std::result::Result<Response, Failure> {
        let method = match spec.action.method {
            crate::catalog::Method::Get => reqwest::Method::GET,
            crate::catalog::Method::Post => reqwest::Method::POST,
            crate::catalog::Method::Patch => reqwest::Method::PATCH,
            crate::catalog::Method::Delete => reqwest::Method::DELETE,
        };
        let mut request = http
            .request(method, url.clone())
            .bearer_auth(bearer.token.expose());
        // A read timeout at or above the call's total would only race it: the total decides.
        if self.config.read_timeout < self.config.timeout {
            request = request.timeout(self.config.read_timeout);
        }
        if spec.action.host == Host::Api {
            request = request.header("Harvest-Account-Id", self.account.clone());
        }
        match (&spec.body, &spec.upload) {
            (Some(Value::Object(body)), Some(upload)) => {
                let (bytes, content_type) = write_body::multipart(body, upload);
                request = request.header(CONTENT_TYPE, content_type).body(bytes);
            }
            (Some(body), _) => {
                let json = serde_json::to_vec(body).map_err(|e| Failure {
                    error: Error::InvalidParams {
                        reason: format!("the request body cannot be encoded ({e})"),
                    },
                    reached: false,
                })?;
                request = request
                    .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                    .body(json);
            }
            (None, _) => {}
        }
        let response = request.send().await.map_err(|e| Failure {
            reached: !e.is_connect(),
            error: self.transport_error(e, target),
        })?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = crate::body::read(response).await.map_err(|e| {
            Failure::reached(match e {
                BodyError::Transport(e) => self.transport_error(e, target),
                // The bytes arrived but do not decode (e.g. a Content-Encoding that lies).
                BodyError::Decode(reason) => Error::InvalidResponse {
                    target: target.clone(),
                    reason: self.redact(&reason),
                },
            })
        })?;
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if (200..300).contains(&status) {
            if status != spec.action.expected_status {
                log::debug!(
                    "{target}: HTTP {status} where the catalogue expects {}",
                    spec.action.expected_status
                );
            }
            // A walk needs each page's meta and ids to go on; one page is read in the pass
            // that builds its records.
            let scan = match spec.limit {
                Some(_) => response::Scan::Ids,
                None => response::Scan::Later,
            };
            return response::check_success(spec.action.response, content_type, body, scan)
                .map_err(|reason| {
                    Failure::reached(Error::InvalidResponse {
                        target: target.clone(),
                        reason: self.redact(&reason),
                    })
                });
        }
        let (retry_after, request_id) = response::error_headers(&headers, status == 429);
        Err(Failure::reached(Error::HttpStatus {
            status,
            target: target.clone(),
            harvest_message: self.redact(&harvest_message(&body, content_type)),
            retry_after,
            request_id,
        }))
    }

    fn transport_error(&self, error: reqwest::Error, target: &Target) -> Error {
        if error.is_timeout() {
            return Error::Timeout {
                target: target.clone(),
                kind: if error.is_connect() {
                    TimeoutKind::Connect
                } else {
                    TimeoutKind::Read
                },
                after: if error.is_connect() {
                    self.config.connect_timeout
                } else {
                    self.config.read_timeout
                },
            };
        }
        Error::Network {
            target: target.clone(),
            reason: self.redact(&describe_transport_error(&error)),
        }
    }

    fn redact_strings(&self, value: &mut Value) {
        match value {
            Value::String(text) => *text = self.redact(text),
            Value::Array(items) => items.iter_mut().for_each(|v| self.redact_strings(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.redact_strings(v)),
            _ => {}
        }
    }

    fn secret_refs(&self) -> Vec<String> {
        self.auth.secrets()
    }

    fn redact(&self, text: &str) -> String {
        let secrets = self.secret_refs();
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        redact(text, &refs)
    }
}

/// A write whose outcome is unknown, with the way to find out.
fn maybe_applied(spec: &RequestSpec, error: Error) -> Error {
    Error::MaybeApplied {
        inner: Box::new(error),
        how_to_check: how_to_check(spec),
    }
}

/// Which read shows whether a write took effect: the record itself for a change, a recent
/// listing for a create.
fn how_to_check(spec: &RequestSpec) -> String {
    let entity = spec.entity;
    let params = spec.path_params();
    let given = params
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join(", ");
    let has_id = params.iter().any(|(k, _)| *k == "id");
    if has_id && entity.action("get").is_some() {
        return format!(
            "call {}.get with {given} and compare it with what was sent",
            entity.name
        );
    }
    match entity.action("list") {
        Some(list) => {
            let mut how = format!("call {}.list", entity.name);
            let parents: Vec<String> = params
                .iter()
                .filter(|(k, _)| *k != "id")
                .map(|(k, v)| format!("{k}={v}"))
                .collect();
            if !parents.is_empty() {
                how.push_str(&format!(" with {}", parents.join(", ")));
            }
            if list.param("updated_since").is_some() {
                how.push_str(if parents.is_empty() { " with" } else { " and" });
                how.push_str(" updated_since set to just before this call");
            }
            how.push_str(" and look for the record");
            how
        }
        None => format!("read {} again", entity.name),
    }
}

/// With a consumer of pages: the pages just taken (still in the walk, or in the finished
/// outcome) go to it.
fn hand_over(
    walk: &mut Walk,
    step: &mut Step,
    each: &mut Option<&mut (dyn FnMut(PagePart) -> Result<()> + Send)>,
) -> Result<()> {
    let Some(each) = each else {
        return Ok(());
    };
    for part in walk.take_parts() {
        each(part)?;
    }
    if let Step::Done(outcome) = step {
        for part in std::mem::take(&mut outcome.parts) {
            each(part)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::auth::Secret;
    use crate::pagination::decode_cursor;
    use harvest_sandbox::{Sandbox, SandboxOptions};
    use serde_json::json;

    async fn start() -> (Sandbox, HarvestClient) {
        let options = SandboxOptions {
            time_entries: 40,
            ..SandboxOptions::default()
        };
        let credentials = Credentials::PersonalAccessToken {
            token: Secret::new(options.token.clone()),
            account_id: options.account_id.clone(),
        };
        let sandbox = Sandbox::start(options).await.expect("sandbox starts");
        let config = ClientConfig {
            base_url: sandbox.base_url(),
            id_url: sandbox.id_url(),
            ..ClientConfig::default()
        };
        let client = HarvestClient::new(credentials, config).expect("client");
        (sandbox, client)
    }

    async fn list(client: &HarvestClient, entity: &str, params: Value) -> ListOutcome {
        let spec = client.prepare(entity, "list", &params).expect("valid");
        match client.execute(&spec).await.expect("listed") {
            Outcome::List(list) => list,
            // One page, read as the binding reads it: records after `skip`, then the meta.
            Outcome::Page(page) => {
                let read = crate::response::inspect_list(&page.body, page.record_key).unwrap();
                ListOutcome {
                    record_key: page.record_key,
                    parts: vec![crate::pagination::PagePart {
                        body: page.body.clone(),
                        keep: (0..read.ids.len()).map(|i| i >= page.skip).collect(),
                    }],
                    meta: page.finish(&read.meta),
                    target: page.target.clone(),
                }
            }
            Outcome::Object(_) | Outcome::Deleted(_) => panic!("a list"),
        }
    }

    /// The ids of the records a list call returns, as the binding would build them.
    fn ids(list: &ListOutcome) -> Vec<u64> {
        let mut out = Vec::new();
        for part in &list.parts {
            let body: Value = serde_json::from_slice(&part.body).expect("json");
            let records = body[list.record_key]
                .as_array()
                .cloned()
                .unwrap_or_default();
            for (index, record) in records.iter().enumerate() {
                if part.keep[index] {
                    out.push(record["id"].as_u64().expect("id"));
                }
            }
        }
        out
    }

    #[tokio::test]
    async fn a_page_numbered_walk_fetches_pages_concurrently_and_in_order() {
        let (sandbox, client) = start().await;
        let whole = ids(&list(&client, "time_entries", Value::Null).await);
        assert_eq!(whole.len(), 40);
        sandbox.set_latency(Duration::from_millis(150));
        sandbox.clear_requests();
        let walked = list(&client, "time_entries", json!({"per_page": 5, "limit": 23})).await;
        assert_eq!(ids(&walked), whole[..23]);
        let requests = sandbox.requests();
        assert_eq!(requests.len(), 5, "pages 1..=5 hold the first 23 records");
        assert_eq!(requests[0].in_flight, 1);
        assert_eq!(requests.iter().map(|r| r.in_flight).max(), Some(4));
        let cursor = walked.meta.next_cursor.as_deref().expect("more remain");
        assert_eq!(
            decode_cursor(cursor),
            Ok(("/time_entries?per_page=5&page=5".to_string(), 3))
        );
    }

    #[tokio::test]
    async fn a_cursor_walk_follows_links_one_at_a_time() {
        let (sandbox, client) = start().await;
        let whole = ids(&list(&client, "users", Value::Null).await);
        sandbox.set_latency(Duration::from_millis(50));
        sandbox.clear_requests();
        let walked = list(&client, "users", json!({"per_page": 4, "limit": 100})).await;
        assert_eq!(ids(&walked), whole);
        let requests = sandbox.requests();
        assert_eq!(requests.len(), whole.len().div_ceil(4));
        assert!(requests.iter().all(|r| r.in_flight == 1));
        assert!(requests[1..]
            .iter()
            .all(|r| r.query_pairs().iter().any(|(k, _)| k == "cursor")));
        assert_eq!(walked.meta.next_cursor, None);
        assert!(!walked.meta.has_more);
    }

    #[tokio::test]
    async fn account_discovery_uses_the_id_host_without_an_account_header() {
        let (sandbox, client) = start().await;
        let accounts = list(&client, "accounts", Value::Null).await;
        assert_eq!(ids(&accounts).len(), 2);
        let request = sandbox.requests().pop().expect("one request");
        assert_eq!(request.path, "/api/v2/accounts");
        assert_eq!(request.header("harvest-account-id"), None);
    }
}
