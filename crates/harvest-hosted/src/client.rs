//! The Airbyte API pipeline: token -> connector id -> request -> classify -> retry -> check.
//! One `HostedClient` per connector, holding one pooled `reqwest::Client`.

use harvest_core::body::BodyError;
use harvest_core::client::SwappablePool;
use std::time::Duration;

use bytes::Bytes;
use reqwest::header::{HeaderMap, HeaderValue, CONTENT_TYPE};
use serde_json::{json, Map, Value};
use tokio::sync::OnceCell;
use tokio::time::Instant;
use url::Url;

use super::token::{AppToken, Fetched, TokenCache};
use super::wire::{self, ResultShape};
use super::{
    check_connector_id, Definition, HostedAccount, HostedCall, CONNECTORS_PATH,
    OAUTH_INITIATE_PATH, SKILL_DOCS_PATH, TOKEN_PATH,
};
use harvest_core::auth::Secret;
use harvest_core::error::{redact, Error, Result, Target, TimeoutKind};
use harvest_core::response::describe_transport_error;
use harvest_core::retry::RetryPolicy;

#[derive(Debug, Clone)]
pub struct HostedConfig {
    /// API root, e.g. `https://api.airbyte.ai` (no trailing slash).
    pub api_url: String,
    pub user_agent: String,
    /// Budget for a whole call: token, lookup, retries and waits included.
    pub timeout: Duration,
    pub connect_timeout: Duration,
    pub retry: RetryPolicy,
}

impl Default for HostedConfig {
    fn default() -> Self {
        HostedConfig {
            api_url: super::DEFAULT_API_URL.to_string(),
            user_agent: harvest_core::client::DEFAULT_USER_AGENT.to_string(),
            timeout: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(10),
            retry: RetryPolicy::default(),
        }
    }
}

/// What `HarvestConnector.create()` posts (besides the definition and workspace).
#[derive(Debug, Clone, Default)]
pub struct CreateRequest {
    pub name: Option<String>,
    /// Harvest credentials (`token` + `account_id`, or the OAuth fields). Sent, never shown.
    pub credentials: Option<Map<String, Value>>,
    pub replication_config: Option<Map<String, Value>>,
    pub server_side_oauth_secret_id: Option<String>,
    pub source_template_id: Option<String>,
}

/// What `HarvestConnector.get_consent_url()` posts (besides the definition and workspace).
#[derive(Debug, Clone, Default)]
pub struct ConsentRequest {
    pub redirect_url: String,
    pub name: Option<String>,
    pub replication_config: Option<Map<String, Value>>,
    pub source_template_id: Option<String>,
}

/// One request to the Airbyte API.
struct Outgoing {
    method: reqwest::Method,
    path: String,
    query: Vec<(&'static str, String)>,
    body: Option<Value>,
    /// Retried after transient failures.
    idempotent: bool,
    /// Overrides the retry policy's attempts.
    max_attempts: Option<u32>,
}

impl Outgoing {
    fn target(&self) -> Target {
        Target {
            method: if self.method == reqwest::Method::GET {
                "GET"
            } else {
                "POST"
            },
            path: self.path.clone(),
        }
    }
}

fn check_api_url(value: &str) -> Result<String> {
    let trimmed = value.trim_end_matches('/');
    let invalid = |reason: String| Error::Config {
        field: "api_url",
        reason,
    };
    let url = Url::parse(trimmed).map_err(|e| invalid(format!("not a URL ({e})")))?;
    if !matches!(url.scheme(), "http" | "https") || url.host().is_none() {
        return Err(invalid("must be an http(s) URL with a host".to_string()));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("must not have a query or fragment".to_string()));
    }
    Ok(trimmed.to_string())
}

fn pool(config: &HostedConfig, account: &HostedAccount) -> Result<SwappablePool> {
    let mut headers = HeaderMap::new();
    if let Some(org) = &account.organization_id {
        let value = HeaderValue::from_str(org).map_err(|_| Error::Config {
            field: "organization_id",
            reason: "must be printable ASCII".to_string(),
        })?;
        headers.insert("X-Organization-Id", value);
    }
    SwappablePool::new(&config.user_agent, config.connect_timeout, headers)
}

pub struct HostedClient {
    http: SwappablePool,
    config: HostedConfig,
    account: HostedAccount,
    definition: &'static Definition,
    token: TokenCache,
    /// Given, created, or found by the first call that needs it (single flight).
    connector_id: OnceCell<String>,
}

impl HostedClient {
    pub fn new(
        definition: &'static Definition,
        account: HostedAccount,
        mut config: HostedConfig,
    ) -> Result<Self> {
        config.api_url = check_api_url(&config.api_url)?;
        if config.timeout.is_zero() {
            return Err(Error::Config {
                field: "timeout",
                reason: "must be a positive number of seconds".to_string(),
            });
        }
        let http = pool(&config, &account)?;
        let connector_id = OnceCell::new_with(account.connector_id.clone());
        Ok(HostedClient {
            http,
            config,
            account,
            definition,
            token: TokenCache::default(),
            connector_id,
        })
    }

    pub fn config(&self) -> &HostedConfig {
        &self.config
    }

    pub fn account(&self) -> &HostedAccount {
        &self.account
    }

    pub fn definition(&self) -> &'static Definition {
        self.definition
    }

    /// The connector id, once given, created or looked up.
    pub fn connector_id(&self) -> Option<String> {
        self.connector_id.get().cloned()
    }

    /// Drop the pooled connections; later calls start a fresh pool. The token and connector
    /// id are kept.
    pub fn reset_pool(&self) {
        self.http.reset();
    }

    /// Validate without sending; a bad value quoted back never shows a credential.
    pub fn prepare(&self, entity: &str, action: &str, params: &Value) -> Result<HostedCall> {
        super::prepare(entity, action, params).map_err(|e| e.redacted(&self.secrets(&[])))
    }

    /// Run a validated call: token and connector id first (each fetched once, whoever asks),
    /// then the execute request. The answer is handed on once checked: a JSON object
    /// `{result, connector_metadata}` whose `result` has the call's shape.
    pub async fn execute(&self, call: &HostedCall) -> Result<Bytes> {
        let shape = call.shape;
        self.on_connector(
            ("POST", reqwest::Method::POST),
            "execute",
            Some(call.body()),
            (call.idempotent, call.max_attempts),
            |request, body| self.checked(request, shape, body),
        )
        .await
    }

    /// `{method} .../connectors/{id}/{action}` within a call's budget: the token and the
    /// connector id first (each fetched once, whoever asks; the id looked up if not given),
    /// then the request, whose answer `check` turns into the result. `(idempotent,
    /// max_attempts)`: whether it is retried after transient failures, and how often if not
    /// as the policy says.
    async fn on_connector(
        &self,
        (verb, method): (&'static str, reqwest::Method),
        action: &'static str,
        body: Option<Value>,
        (idempotent, max_attempts): (bool, Option<u32>),
        check: impl FnOnce(&Outgoing, Bytes) -> Result<Bytes>,
    ) -> Result<Bytes> {
        let target = Target {
            method: verb,
            path: format!(
                "{CONNECTORS_PATH}/{}/{action}",
                self.connector_id()
                    .unwrap_or_else(|| "{connector_id}".to_string())
            ),
        };
        self.within_budget(target, |deadline| async move {
            let connector_id = self
                .connector_id
                .get_or_try_init(|| self.lookup(deadline))
                .await?
                .clone();
            let request = Outgoing {
                method,
                path: format!("{CONNECTORS_PATH}/{connector_id}/{action}"),
                query: Vec::new(),
                body,
                idempotent,
                max_attempts,
            };
            let answer = self.authenticated(&request, deadline, &[]).await?;
            check(&request, answer)
        })
        .await
    }

    /// Check a `create()` before anything is sent: an explicit workspace, and exactly one of
    /// Harvest credentials or a server-side OAuth secret.
    pub fn validate_create(&self, create: &CreateRequest) -> Result<()> {
        self.explicit_workspace("create()")?;
        if self.account.connector_id.is_some() {
            return Err(Error::Config {
                field: "connector_id",
                reason: "create() makes a new connector: leave connector_id out of airbyte_config"
                    .to_string(),
            });
        }
        match (&create.credentials, &create.server_side_oauth_secret_id) {
            (Some(_), Some(_)) => Err(Error::Config {
                field: "auth_config",
                reason: "give either auth_config or server_side_oauth_secret_id, not both"
                    .to_string(),
            }),
            (None, None) => Err(Error::Config {
                field: "auth_config",
                reason: "create() needs auth_config (Harvest credentials) or server_side_oauth_secret_id (from your own OAuth flow)".to_string(),
            }),
            (Some(credentials), None) if credentials.is_empty() => Err(Error::Config {
                field: "auth_config",
                reason: "has no credentials".to_string(),
            }),
            _ => Ok(()),
        }?;
        if create.name.as_deref().is_some_and(|n| n.trim().is_empty()) {
            return Err(Error::Config {
                field: "name",
                reason: "must not be empty (leave it out for the default name)".to_string(),
            });
        }
        Ok(())
    }

    /// Check a `get_consent_url()` before anything is sent.
    pub fn validate_consent(&self, consent: &ConsentRequest) -> Result<()> {
        self.explicit_workspace("get_consent_url()")?;
        Url::parse(&consent.redirect_url)
            .ok()
            .filter(|u| matches!(u.scheme(), "http" | "https") && u.host().is_some())
            .map(|_| ())
            .ok_or_else(|| Error::Config {
                field: "redirect_url",
                reason: "must be an absolute http(s) URL, e.g. https://yourapp.com/oauth/callback"
                    .to_string(),
            })
    }

    /// `POST /api/v1/integrations/connectors`: create this workspace's connector; afterwards
    /// calls go to it. Not retried (a retry could create a second connector).
    /// The answer is the API's JSON object (with the new `id`).
    pub async fn create_connector(&self, create: &CreateRequest) -> Result<Bytes> {
        self.validate_create(create)?;
        let workspace = self.explicit_workspace("create()")?;
        let mut body = json!({
            "name": create.name.clone().unwrap_or_else(|| format!("{} - {workspace}", self.definition.name)),
            "definition_id": self.definition.id,
            "workspace_name": workspace,
        });
        let extra_secrets: Vec<String> = create
            .credentials
            .iter()
            .flat_map(|c| c.values())
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect();
        if let Some(credentials) = &create.credentials {
            body["credentials"] = Value::Object(credentials.clone());
        }
        if let Some(replication) = &create.replication_config {
            body["replication_config"] = Value::Object(replication.clone());
        }
        if let Some(id) = &create.server_side_oauth_secret_id {
            body["server_side_oauth_secret_id"] = json!(id);
        }
        if let Some(id) = &create.source_template_id {
            body["source_template_id"] = json!(id);
        }
        let request = Outgoing {
            method: reqwest::Method::POST,
            path: CONNECTORS_PATH.to_string(),
            query: Vec::new(),
            body: Some(body),
            idempotent: false,
            max_attempts: None,
        };
        let target = &request.target();
        let (request_ref, extra_secrets) = (&request, &extra_secrets);
        let response = self
            .within_budget(target.clone(), |deadline| async move {
                let body = self
                    .authenticated(request_ref, deadline, extra_secrets)
                    .await?;
                let id = wire::string_member(&body, "id")
                    .and_then(|id| check_connector_id(&id).map(|()| id))
                    .map_err(|reason| Error::InvalidResponse {
                        target: target.clone(),
                        reason: self.redact(&reason, &[]),
                    })?;
                Ok((id, body))
            })
            .await;
        let (id, body) = response?;
        if self.connector_id.set(id.clone()).is_err() {
            log::warn!("created connector {id}, but this connector already had an id");
        }
        log::info!("created Airbyte connector {id}");
        Ok(body)
    }

    /// `POST /api/v1/integrations/connectors/oauth/initiate`: a consent URL for the user.
    /// The answer is the API's JSON object (with `consent_url`).
    pub async fn initiate_oauth(&self, consent: &ConsentRequest) -> Result<Bytes> {
        self.validate_consent(consent)?;
        let workspace = self.explicit_workspace("get_consent_url()")?;
        let mut body = json!({
            "workspace_name": workspace,
            "definition_id": self.definition.id,
            "redirect_url": consent.redirect_url,
        });
        if let Some(name) = &consent.name {
            body["name"] = json!(name);
        }
        if let Some(replication) = &consent.replication_config {
            body["replication_config"] = Value::Object(replication.clone());
        }
        if let Some(id) = &consent.source_template_id {
            body["source_template_id"] = json!(id);
        }
        // A second consent URL has no side effect until a user consents: safe to retry.
        let request = Outgoing {
            method: reqwest::Method::POST,
            path: OAUTH_INITIATE_PATH.to_string(),
            query: Vec::new(),
            body: Some(body),
            idempotent: true,
            max_attempts: None,
        };
        let (target, request_ref) = (&request.target(), &request);
        self.within_budget(target.clone(), |deadline| async move {
            let body = self.authenticated(request_ref, deadline, &[]).await?;
            wire::string_member(&body, "consent_url").map_err(|reason| Error::InvalidResponse {
                target: target.clone(),
                reason,
            })?;
            Ok(body)
        })
        .await
    }

    /// `GET /api/v1/integrations/connectors/{id}/inspect`: the connector's metadata and
    /// readiness (with its `docs_skill_id`), as the API's JSON object. The connector id is
    /// looked up first if it is not known yet, as for `execute`.
    pub async fn inspect_connector(&self) -> Result<Bytes> {
        self.on_connector(
            ("GET", reqwest::Method::GET),
            "inspect",
            None,
            (true, None),
            |_, answer| Ok(answer),
        )
        .await
    }

    /// `GET /api/v1/skills/docs?id=…&section=…`: one skill's docs (its outline, or one
    /// section), as the API's JSON object.
    pub async fn skill_docs(&self, id: &str, section: Option<&str>) -> Result<Bytes> {
        let mut query = vec![("id", id.to_string())];
        if let Some(section) = section {
            query.push(("section", section.to_string()));
        }
        let request = Outgoing {
            method: reqwest::Method::GET,
            path: SKILL_DOCS_PATH.to_string(),
            query,
            body: None,
            idempotent: true,
            max_attempts: None,
        };
        let (target, request_ref) = (request.target(), &request);
        self.within_budget(target, |deadline| async move {
            self.authenticated(request_ref, deadline, &[]).await
        })
        .await
    }

    fn explicit_workspace(&self, operation: &str) -> Result<&str> {
        self.account
            .workspace_name
            .as_deref()
            .ok_or_else(|| Error::Config {
                field: "workspace_name",
                reason: format!(
                    "is required for {operation}: pass AirbyteAuthConfig(workspace_name=...)"
                ),
            })
    }

    /// Run `work` within the configured budget; past it, a `Timeout` naming `target`.
    async fn within_budget<T, F, Fut>(&self, target: Target, work: F) -> Result<T>
    where
        F: FnOnce(Instant) -> Fut,
        Fut: std::future::Future<Output = Result<T>>,
    {
        let budget = self.config.timeout;
        let deadline = Instant::now() + budget;
        match tokio::time::timeout(budget, work(deadline)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout {
                target,
                kind: TimeoutKind::Total,
                after: budget,
            }),
        }
    }

    /// `GET /api/v1/integrations/connectors?workspace_name=…&definition_id=…`: exactly one.
    async fn lookup(&self, deadline: Instant) -> Result<String> {
        let workspace = self.account.workspace().to_string();
        let request = Outgoing {
            method: reqwest::Method::GET,
            path: CONNECTORS_PATH.to_string(),
            query: vec![
                ("workspace_name", workspace.clone()),
                ("definition_id", self.definition.id.to_string()),
            ],
            body: None,
            idempotent: true,
            max_attempts: None,
        };
        let body = self.authenticated(&request, deadline, &[]).await?;
        let invalid = |reason: String| Error::InvalidResponse {
            target: request.target(),
            reason,
        };
        let mut ids = wire::connector_ids(&body).map_err(invalid)?;
        match ids.len() {
            0 => Err(Error::ConnectorNotFound {
                connector: self.definition.name,
                workspace,
                definition_id: self.definition.id,
            }),
            1 => {
                let id = ids.remove(0);
                check_connector_id(&id).map_err(invalid)?;
                log::debug!("workspace {workspace:?} has connector {id}");
                Ok(id)
            }
            _ => Err(Error::ConnectorAmbiguous {
                connector: self.definition.name,
                workspace,
                definition_id: self.definition.id,
                ids: ids.into_iter().take(10).collect(),
            }),
        }
    }

    /// `POST /api/v1/account/applications/token`. Called under the token lock: one at a time.
    async fn fetch_token(&self, deadline: Instant) -> Result<Fetched> {
        let request = Outgoing {
            method: reqwest::Method::POST,
            path: TOKEN_PATH.to_string(),
            query: Vec::new(),
            body: Some(json!({
                "client_id": self.account.client_id,
                "client_secret": self.account.client_secret.expose(),
            })),
            idempotent: true,
            max_attempts: None,
        };
        log::debug!("requesting an Airbyte application token");
        let body = self.attempts(&request, None, deadline, &[]).await?;
        let (access_token, expires_in) =
            wire::token(&body).map_err(|reason| Error::InvalidResponse {
                target: request.target(),
                reason,
            })?;
        log::info!("obtained an Airbyte application token");
        Ok(Fetched {
            access_token: Secret::new(access_token),
            expires_in,
        })
    }

    /// Send with the application token; after a 401, renew it once (unless another call has)
    /// and send again.
    async fn authenticated(
        &self,
        request: &Outgoing,
        deadline: Instant,
        extra_secrets: &[String],
    ) -> Result<Bytes> {
        let token = self.token.bearer(|| self.fetch_token(deadline)).await?;
        match self
            .attempts(request, Some(&token), deadline, extra_secrets)
            .await
        {
            Err(Error::AirbyteStatus { status: 401, .. }) => {
                log::debug!(
                    "{} was refused with 401; renewing the application token",
                    request.target()
                );
                let renewed = self
                    .token
                    .renew(&token, || self.fetch_token(deadline))
                    .await?;
                self.attempts(request, Some(&renewed), deadline, extra_secrets)
                    .await
            }
            other => other,
        }
    }

    /// Send, retrying transient failures of idempotent requests with backoff (honouring
    /// `Retry-After`), as long as the wait fits before `deadline`.
    async fn attempts(
        &self,
        request: &Outgoing,
        token: Option<&AppToken>,
        deadline: Instant,
        extra_secrets: &[String],
    ) -> Result<Bytes> {
        let mut url =
            Url::parse(&format!("{}{}", self.config.api_url, request.path)).map_err(|e| {
                Error::Config {
                    field: "api_url",
                    reason: e.to_string(),
                }
            })?;
        if !request.query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(request.query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        let body = match &request.body {
            Some(value) => Some(Bytes::from(serde_json::to_vec(value).map_err(|e| {
                Error::InvalidParams {
                    reason: e.to_string(),
                }
            })?)),
            None => None,
        };
        let target = request.target();
        let http = self.http.current()?;
        let mut policy = self.config.retry.clone();
        if let Some(max_attempts) = request.max_attempts {
            policy.max_attempts = max_attempts.max(1);
        }
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let error = match self
                .send_once(
                    &http,
                    request,
                    &url,
                    body.clone(),
                    token,
                    &target,
                    extra_secrets,
                )
                .await
            {
                Ok(body) => return Ok(body),
                Err(error) => error,
            };
            let delay = if request.idempotent {
                policy.delay_after(attempt, &error)
            } else {
                None
            };
            match delay {
                // A wait past the call's budget would only end in a timeout: report the real
                // cause instead.
                Some(delay) if Instant::now() + delay < deadline => {
                    log::debug!(
                        "retrying {target} in {:.2} s after: {error} (attempt {attempt} of {})",
                        delay.as_secs_f64(),
                        policy.max_attempts
                    );
                    tokio::time::sleep(delay).await;
                }
                _ => return Err(error),
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    async fn send_once(
        &self,
        http: &reqwest::Client,
        request: &Outgoing,
        url: &Url,
        body: Option<Bytes>,
        token: Option<&AppToken>,
        target: &Target,
        extra_secrets: &[String],
    ) -> Result<Bytes> {
        let mut builder = http
            .request(request.method.clone(), url.clone())
            .timeout(self.config.timeout);
        if let Some(body) = body {
            builder = builder
                .header(CONTENT_TYPE, HeaderValue::from_static("application/json"))
                .body(body);
        }
        if let Some(token) = token {
            builder = builder.bearer_auth(token.value.expose());
        }
        let response = builder
            .send()
            .await
            .map_err(|e| self.transport_error(e, target, extra_secrets))?;
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let body = harvest_core::body::read(response)
            .await
            .map_err(|e| match e {
                BodyError::Transport(e) => self.transport_error(e, target, extra_secrets),
                BodyError::Decode(reason) => Error::InvalidResponse {
                    target: target.clone(),
                    reason: self.redact(&reason, extra_secrets),
                },
            })?;
        if (200..300).contains(&status) {
            return Ok(body);
        }
        let content_type = headers
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        let (retry_after, request_id) =
            harvest_core::response::error_headers(&headers, matches!(status, 429 | 503));
        Err(Error::AirbyteStatus {
            status,
            target: target.clone(),
            token_request: target.path == TOKEN_PATH,
            airbyte_message: self.redact(&wire::error_message(&body, content_type), extra_secrets),
            retry_after,
            request_id,
        })
    }

    fn transport_error(
        &self,
        error: reqwest::Error,
        target: &Target,
        extra_secrets: &[String],
    ) -> Error {
        if error.is_timeout() {
            let connect = error.is_connect();
            return Error::Timeout {
                target: target.clone(),
                kind: if connect {
                    TimeoutKind::Connect
                } else {
                    TimeoutKind::Total
                },
                after: if connect {
                    self.config.connect_timeout
                } else {
                    self.config.timeout
                },
            };
        }
        Error::Network {
            target: target.clone(),
            reason: self.redact(&describe_transport_error(&error), extra_secrets),
        }
    }

    /// Check an execute answer: it is handed on as the JSON object it is (`{result,
    /// connector_metadata}`).
    fn checked(&self, request: &Outgoing, shape: ResultShape, body: Bytes) -> Result<Bytes> {
        wire::check_execute(shape, &body).map_err(|reason| Error::InvalidResponse {
            target: request.target(),
            reason: self.redact(&reason, &[]),
        })?;
        Ok(body)
    }

    /// Every secret this client knows of: the client secret, the latest application token, and
    /// whatever the caller adds (credentials posted by `create`).
    fn secrets(&self, extra: &[String]) -> Vec<String> {
        let mut out = vec![self.account.client_secret.expose().to_string()];
        if let Some(token) = self.token.latest() {
            out.push(token.expose().to_string());
        }
        out.extend(extra.iter().cloned());
        out
    }

    fn redact(&self, text: &str, extra: &[String]) -> String {
        let secrets = self.secrets(extra);
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        redact(text, &refs)
    }
}
