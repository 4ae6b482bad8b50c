//! The request pipeline: validate -> authenticate -> send -> classify -> retry -> check.
//! One `HarvestClient` per connector, holding one pooled `reqwest::Client`.

use std::sync::{Once, RwLock};
use std::time::Duration;

use reqwest::header::{HeaderMap, HeaderValue, ACCEPT, CONTENT_TYPE};
use serde_json::Value;
use url::Url;

use crate::auth::{Authenticator, Bearer, Credentials, TokenEvent};
use crate::error::{redact, Error, Result, Target, TimeoutKind};
use crate::request::{self, RequestSpec};
use crate::response::{self, describe_transport_error, harvest_message, Response};
use crate::retry::{parse_retry_after, RetryPolicy};

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
    pub retry: RetryPolicy,
}

impl Default for ClientConfig {
    fn default() -> Self {
        ClientConfig {
            base_url: DEFAULT_BASE_URL.to_string(),
            id_url: DEFAULT_ID_URL.to_string(),
            user_agent: DEFAULT_USER_AGENT.to_string(),
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
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

fn build_http(config: &ClientConfig, account_id: &str) -> Result<reqwest::Client> {
    let account = HeaderValue::from_str(account_id).map_err(|_| Error::Config {
        field: "account_id",
        reason: "must be printable ASCII".to_string(),
    })?;
    let user_agent = HeaderValue::from_str(&config.user_agent).map_err(|_| Error::Config {
        field: "user_agent",
        reason: "must be printable ASCII".to_string(),
    })?;
    let mut headers = HeaderMap::new();
    headers.insert(ACCEPT, HeaderValue::from_static("application/json"));
    headers.insert("Harvest-Account-Id", account);
    install_crypto_provider();
    reqwest::Client::builder()
        .user_agent(user_agent)
        .default_headers(headers)
        .connect_timeout(config.connect_timeout)
        .pool_idle_timeout(Duration::from_secs(60))
        .build()
        .map_err(|e| Error::Config {
            field: "http client",
            reason: describe_transport_error(&e),
        })
}

pub struct HarvestClient {
    /// Replaced by `reset_pool`; requests take a (cheap, shared) clone.
    http: RwLock<reqwest::Client>,
    config: ClientConfig,
    auth: Authenticator,
    token_url: String,
}

impl HarvestClient {
    pub fn new(credentials: Credentials, mut config: ClientConfig) -> Result<Self> {
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
        let http = build_http(&config, credentials.account_id())?;
        let token_url = format!("{}/api/v2/oauth2/token", config.id_url);
        Ok(HarvestClient {
            http: RwLock::new(http),
            config,
            auth: Authenticator::new(credentials),
            token_url,
        })
    }

    /// Drop the pooled connections (idle ones close now, busy ones when their call ends) and
    /// start a fresh pool for later calls. Token state is kept.
    pub fn reset_pool(&self) -> Result<()> {
        let fresh = build_http(&self.config, self.auth.account_id())?;
        match self.http.write() {
            Ok(mut http) => *http = fresh,
            Err(poisoned) => *poisoned.into_inner() = fresh,
        }
        Ok(())
    }

    fn http(&self) -> reqwest::Client {
        match self.http.read() {
            Ok(http) => http.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
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

    /// Send a validated request, within the configured total timeout.
    pub async fn send(&self, spec: &RequestSpec) -> Result<Response> {
        let target = Target {
            method: spec.action.method.as_str(),
            path: format!("{}{}", self.base_path(), spec.path),
        };
        let budget = self.config.timeout;
        match tokio::time::timeout(budget, self.send_with_retries(spec, &target)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                target,
                kind: TimeoutKind::Total,
                after: budget,
            }),
        }
    }

    /// `/v2` for the default base: the path part of the base URL, used in messages.
    fn base_path(&self) -> String {
        Url::parse(&self.config.base_url)
            .map(|u| u.path().trim_end_matches('/').to_string())
            .unwrap_or_default()
    }

    fn url(&self, spec: &RequestSpec) -> Result<Url> {
        let mut url =
            Url::parse(&format!("{}{}", self.config.base_url, spec.path)).map_err(|e| {
                Error::Config {
                    field: "base_url",
                    reason: e.to_string(),
                }
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
        let http = self.http();
        let mut bearer = self.auth.bearer(&http, &self.token_url).await?;
        loop {
            attempt += 1;
            let outcome = self.send_once(&http, spec, &url, target, &bearer).await;
            let error = match outcome {
                Ok(response) => return Ok(response),
                Err(error) => error,
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
            let delay = if spec.action.method.is_idempotent() {
                self.config.retry.delay_after(attempt, &error)
            } else {
                None
            };
            match delay {
                // Waiting past the call's budget would only end in a timeout: report the real
                // cause (e.g. the rate limit with its Retry-After) instead.
                Some(delay) if started.elapsed() + delay < self.config.timeout => {
                    log::debug!(
                        "retrying {target} in {:.2} s after: {error} (attempt {attempt} of {})",
                        delay.as_secs_f64(),
                        self.config.retry.max_attempts
                    );
                    tokio::time::sleep(delay).await;
                }
                _ => return Err(error),
            }
        }
    }

    async fn send_once(
        &self,
        http: &reqwest::Client,
        spec: &RequestSpec,
        url: &Url,
        target: &Target,
        bearer: &Bearer,
    ) -> Result<Response> {
        let method = match spec.action.method {
            crate::catalog::Method::Get => reqwest::Method::GET,
            crate::catalog::Method::Post => reqwest::Method::POST,
            crate::catalog::Method::Patch => reqwest::Method::PATCH,
            crate::catalog::Method::Delete => reqwest::Method::DELETE,
        };
        let request = http
            .request(method, url.clone())
            .bearer_auth(bearer.token.expose())
            .timeout(self.config.timeout);
        let response = request
            .send()
            .await
            .map_err(|e| self.transport_error(e, target))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = response
            .bytes()
            .await
            .map_err(|e| self.transport_error(e, target))?;
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        if (200..300).contains(&status) {
            return response::check_success(spec.action.response, content_type, body).map_err(
                |reason| Error::InvalidResponse {
                    target: target.clone(),
                    reason: self.redact(&reason),
                },
            );
        }
        let retry_after = (status == 429)
            .then(|| headers.get("retry-after").and_then(|v| v.to_str().ok()))
            .flatten()
            .and_then(|v| parse_retry_after(v, std::time::SystemTime::now()));
        let request_id = headers
            .get("x-request-id")
            .and_then(|v| v.to_str().ok())
            .map(|s| s.chars().take(64).collect());
        Err(Error::HttpStatus {
            status,
            target: target.clone(),
            harvest_message: self.redact(&harvest_message(&body, content_type)),
            retry_after,
            request_id,
        })
    }

    fn transport_error(&self, error: reqwest::Error, target: &Target) -> Error {
        if error.is_timeout() {
            return Error::Timeout {
                target: target.clone(),
                kind: if error.is_connect() {
                    TimeoutKind::Connect
                } else {
                    TimeoutKind::Total
                },
                after: if error.is_connect() {
                    self.config.connect_timeout
                } else {
                    self.config.timeout
                },
            };
        }
        Error::Network {
            target: target.clone(),
            reason: self.redact(&describe_transport_error(&error)),
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
