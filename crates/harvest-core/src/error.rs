//! The one error type of the core. Every message is written for two readers: a developer and
//! an LLM deciding its next call, so each says what was wrong and what is accepted. No message
//! ever contains a credential: Harvest's own text is passed through `redact` by the client.

use std::time::Duration;

use serde_json::{json, Map, Value};

/// Which time limit fired.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeoutKind {
    Connect,
    /// One attempt (sending and reading the response).
    Read,
    /// The whole call, retries included.
    Total,
}

impl TimeoutKind {
    pub fn as_str(self) -> &'static str {
        match self {
            TimeoutKind::Connect => "connect",
            TimeoutKind::Read => "read",
            TimeoutKind::Total => "total",
        }
    }
}

/// The request an HTTP-level error belongs to (never with its query string, which may hold
/// user data, and never with headers).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub method: &'static str,
    pub path: String,
}

impl std::fmt::Display for Target {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.method, self.path)
    }
}

fn unknown_field_message(entity: &str, option: &str, field: &str, accepted: &[&str]) -> String {
    let known = if accepted.is_empty() {
        "none listed".to_string()
    } else {
        accepted.join(", ")
    };
    if field.is_empty() {
        format!("{option} for {entity} must name at least one field. Known fields: {known}.")
    } else {
        format!("Unknown field {field:?} in {option} for {entity}. Known fields: {known}.")
    }
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("Unknown entity {entity:?}. Valid entities: {}.", valid.join(", "))]
    UnknownEntity {
        entity: String,
        valid: Vec<&'static str>,
    },

    #[error("Action {action:?} is not supported for entity '{entity}'. Supported actions: {}.", supported.join(", "))]
    UnknownAction {
        entity: &'static str,
        action: String,
        supported: Vec<&'static str>,
    },

    #[error("Missing required parameter '{param}' for {entity}.{action}. Parameters: {usage}.")]
    MissingParameter {
        entity: &'static str,
        action: &'static str,
        param: &'static str,
        usage: String,
    },

    #[error("Invalid value for parameter '{param}' of {entity}.{action}: {reason}. Expected {expected}.")]
    InvalidParameter {
        entity: &'static str,
        action: &'static str,
        param: &'static str,
        reason: String,
        expected: String,
    },

    #[error("Unknown parameter {param:?} for {entity}.{action}. Accepted parameters: {}.", if accepted.is_empty() { "none".to_string() } else { accepted.join(", ") })]
    UnknownParameter {
        entity: &'static str,
        action: &'static str,
        param: String,
        accepted: Vec<&'static str>,
    },

    /// A write the connector's `allow_writes` does not enable; nothing was sent.
    #[error("{entity}.{action} changes data in Harvest, and {}. Nothing was sent. To allow it, create the connector with allow_writes=True or allow_writes={{\"{entity}\"}} (or \"{entity}.{action}\"); to show the exact request without sending it, pass dry_run=True.", if enabled.is_empty() { "this connector is read-only (allow_writes is off)".to_string() } else { format!("allow_writes enables only {}", enabled.join(", ")) })]
    WritesDisabled {
        entity: &'static str,
        action: &'static str,
        enabled: Vec<String>,
    },

    /// Hosted mode runs a read-only Harvest connector; nothing was sent.
    #[error("{entity}.{action} changes data in Harvest, and hosted mode cannot write: the Airbyte API runs a read-only Harvest connector. Nothing was sent. To write, use a connector with Harvest credentials (HarvestPersonalAccessTokenAuthConfig or HarvestOauth20AuthConfig) and allow_writes.")]
    HostedWrite {
        entity: &'static str,
        action: &'static str,
    },

    /// A write failed in a way that leaves open whether Harvest applied it (a timeout, a
    /// connection lost after sending, a 5xx); it was not re-sent.
    #[error("{inner} The write may have been applied: Harvest may have received and processed it before the failure, so it was not re-sent. Before retrying, check whether it took effect: {how_to_check}.")]
    MaybeApplied {
        inner: Box<Error>,
        how_to_check: String,
    },

    /// A write needs at least one of several parameters (an update with nothing to change, a
    /// message without recipients).
    #[error("{entity}.{action} needs at least one of {}: {why}.", accepted.join(", "))]
    NeedsOneOf {
        entity: &'static str,
        action: &'static str,
        accepted: Vec<&'static str>,
        why: &'static str,
    },

    /// A `select_fields` / `exclude_fields` path that is not a field of the entity's records
    /// (an empty `field`: `select_fields` named none).
    #[error("{}", unknown_field_message(entity, option, field, accepted))]
    UnknownField {
        entity: &'static str,
        option: &'static str,
        field: String,
        accepted: Vec<&'static str>,
    },

    /// `params` as a whole is unusable (not a mapping, or holds values JSON cannot carry).
    #[error("Invalid params: {reason}")]
    InvalidParams { reason: String },

    #[error("{}", http_status_message(*status, target, harvest_message, *retry_after))]
    HttpStatus {
        status: u16,
        target: Target,
        /// Harvest's own explanation (`message`, `error_description` or `error`), redacted.
        harvest_message: String,
        /// Seconds, from `Retry-After`, on 429.
        retry_after: Option<f64>,
        request_id: Option<String>,
    },

    #[error("Network error for {target}: {reason}. The request did not complete; it is safe to retry a read.")]
    Network { target: Target, reason: String },

    #[error("Request timed out for {target}: the {} timeout of {:.1} s fired.", kind.as_str(), after.as_secs_f64())]
    Timeout {
        target: Target,
        kind: TimeoutKind,
        after: Duration,
    },

    #[error("Invalid response for {target}: {reason}")]
    InvalidResponse { target: Target, reason: String },

    /// The OAuth token endpoint refused or failed; `status` is None for transport failures.
    #[error("Failed to obtain a Harvest access token via token refresh{}: {harvest_message}. Check client_id, client_secret and refresh_token.", status.map(|s| format!(" (HTTP {s})")).unwrap_or_default())]
    TokenRefresh {
        status: Option<u16>,
        harvest_message: String,
    },

    #[error("The connector was closed while the call was in flight; the call was abandoned.")]
    Closed,

    #[error("Invalid configuration for '{field}': {reason}")]
    Config { field: &'static str, reason: String },

    // ---- Hosted mode (the Airbyte API executor, `crate::hosted`) ----
    /// The Airbyte API answered with an error status.
    #[error("{}", airbyte_status_message(*status, target, *token_request, airbyte_message, *retry_after))]
    AirbyteStatus {
        status: u16,
        target: Target,
        /// The refused call was the application-token request: the advice is then about the
        /// application's credentials, not about the token's access.
        token_request: bool,
        /// The API's own explanation (`detail`, `message` or `error`), redacted.
        airbyte_message: String,
        retry_after: Option<f64>,
        request_id: Option<String>,
    },

    #[error("No {connector} connector found in Airbyte workspace {workspace:?} (connector definition {definition_id}). Create one with HarvestConnector.create(...), or pass connector_id.")]
    ConnectorNotFound {
        connector: &'static str,
        workspace: String,
        definition_id: &'static str,
    },

    #[error("Multiple {connector} connectors found in Airbyte workspace {workspace:?} (connector definition {definition_id}): expected exactly 1, found {}. Pass connector_id to choose one of: {}.", ids.len(), ids.join(", "))]
    ConnectorAmbiguous {
        connector: &'static str,
        workspace: String,
        definition_id: &'static str,
        ids: Vec<String>,
    },

    #[error("Unknown connector: {name:?}. Available connectors: {}.", available.join(", "))]
    UnknownConnector {
        name: String,
        available: Vec<&'static str>,
    },

    /// Hosted mode was asked for without the Airbyte application credentials.
    #[error("Hosted mode needs Airbyte application credentials, and {} {} missing. Pass AirbyteAuthConfig(airbyte_client_id=..., airbyte_client_secret=...), or give connect() client_id=/client_secret= or set AIRBYTE_CLIENT_ID and AIRBYTE_CLIENT_SECRET.", missing.join(" and "), if missing.len() == 1 { "is" } else { "are" })]
    MissingCredentials { missing: Vec<&'static str> },

    /// An action only the Airbyte API serves, called on a connector that talks to Harvest
    /// directly.
    #[error("{action} needs hosted mode: create the connector with AirbyteAuthConfig(workspace_name=..., airbyte_client_id=..., airbyte_client_secret=...) or with connect(\"harvest\", ...). It searches the data Airbyte has replicated; a connector holding Harvest credentials calls Harvest directly and has no context store. Use list or get instead.")]
    HostedModeRequired {
        entity: &'static str,
        action: &'static str,
    },

    // ---- The local store (`harvest-store`) ----
    /// The store could not be opened, read or written (I/O, a corrupt or foreign file).
    #[error("Local store {path}: {reason}")]
    Store { path: String, reason: String },

    /// The store file holds another Harvest account's records.
    #[error("Local store {path} holds the records of Harvest account {stored}, and this connector uses account {given}: a store is bound to one account. Pass another store path (or store=None for an in-memory store).")]
    StoreAccount {
        path: String,
        stored: String,
        given: String,
    },

    /// SQL that would change something (write, attach, pragma, ...), refused before it runs.
    #[error("context_store_sql_query on {entity} runs read-only SQL over the local store: {reason}. Only SELECT (and WITH ... SELECT) over the entity tables is allowed.")]
    SqlRefused {
        entity: &'static str,
        reason: String,
    },

    /// An entity the local store does not hold (no full listing to sync from).
    #[error("{action} on {entity} is not served by the local store: {reason}")]
    StoreUnsupported {
        entity: &'static str,
        action: &'static str,
        reason: String,
    },
}

pub type Result<T> = std::result::Result<T, Error>;

fn http_status_message(
    status: u16,
    target: &Target,
    harvest_message: &str,
    retry_after: Option<f64>,
) -> String {
    let (what, advice) = match status {
        401 => (
            "Authentication failed",
            "Check the access token and that account_id is the Harvest account the token belongs to.".to_string(),
        ),
        403 => (
            "Not authorized",
            "The Harvest user's role does not allow this; try another entity or ask an administrator.".to_string(),
        ),
        404 => (
            "Not found",
            "Check the id; list the entity to find valid ids.".to_string(),
        ),
        400 | 422 => (
            "Validation error",
            "Fix the parameters named in Harvest's message and retry.".to_string(),
        ),
        429 => (
            "Rate limit exceeded",
            match retry_after {
                Some(seconds) => format!("Retry after {seconds:.0} s."),
                None => "Retry later.".to_string(),
            },
        ),
        500..=599 => (
            "Harvest server error",
            "This is usually temporary; retrying later may succeed.".to_string(),
        ),
        _ => ("Unexpected HTTP status", String::new()),
    };
    let mut message = format!("{what} (HTTP {status}) for {target}");
    if !harvest_message.is_empty() {
        message.push_str(": ");
        message.push_str(harvest_message.trim_end_matches('.'));
        message.push('.');
    } else {
        message.push('.');
    }
    if !advice.is_empty() {
        message.push(' ');
        message.push_str(&advice);
    }
    message
}

/// Where a failed Airbyte API call came from decides the advice: a refused token request means
/// bad application credentials, a refused call with a token means the token lost access.
fn airbyte_status_message(
    status: u16,
    target: &Target,
    token_call: bool,
    airbyte_message: &str,
    retry_after: Option<f64>,
) -> String {
    let (what, advice) = match status {
        401 | 403 if token_call => (
            "Airbyte refused the application credentials",
            "Check airbyte_client_id and airbyte_client_secret (AIRBYTE_CLIENT_ID / AIRBYTE_CLIENT_SECRET).".to_string(),
        ),
        401 => (
            "Airbyte authentication failed",
            "The application token was refused even after renewing it; check the application's access.".to_string(),
        ),
        403 => (
            "Not authorized by Airbyte",
            "The application cannot use this workspace or connector; check organization_id and workspace_name.".to_string(),
        ),
        404 => (
            "Not found in Airbyte",
            "Check connector_id and workspace_name, or the record id.".to_string(),
        ),
        400 | 422 => (
            "Airbyte refused the request",
            "Fix what the message names and retry.".to_string(),
        ),
        429 => (
            "Airbyte rate limit exceeded",
            match retry_after {
                Some(seconds) => format!("Retry after {seconds:.0} s."),
                None => "Retry later.".to_string(),
            },
        ),
        500..=599 => (
            "Airbyte API server error",
            "This is usually temporary; retrying later may succeed.".to_string(),
        ),
        _ => ("Unexpected HTTP status from the Airbyte API", String::new()),
    };
    let mut message = format!("{what} (HTTP {status}) for {target}");
    if airbyte_message.is_empty() {
        message.push('.');
    } else {
        message.push_str(": ");
        message.push_str(airbyte_message.trim_end_matches('.'));
        message.push('.');
    }
    if !advice.is_empty() {
        message.push(' ');
        message.push_str(&advice);
    }
    message
}

impl Error {
    /// Structured fields for the Python exception's `details` (and attributes).
    pub fn details(&self) -> Value {
        let mut map = Map::new();
        let mut put = |key: &str, value: Value| {
            map.insert(key.to_string(), value);
        };
        match self {
            Error::UnknownEntity { entity, valid } => {
                put("entity", json!(entity));
                put("accepted", json!(valid));
            }
            Error::UnknownAction {
                entity,
                action,
                supported,
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("accepted", json!(supported));
            }
            Error::MissingParameter {
                entity,
                action,
                param,
                ..
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("param", json!(param));
            }
            Error::InvalidParameter {
                entity,
                action,
                param,
                expected,
                ..
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("param", json!(param));
                put("expected", json!(expected));
            }
            Error::UnknownParameter {
                entity,
                action,
                param,
                accepted,
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("param", json!(param));
                put("accepted", json!(accepted));
            }
            Error::NeedsOneOf {
                entity,
                action,
                accepted,
                ..
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("param", json!(accepted.first()));
                put("accepted", json!(accepted));
            }
            Error::WritesDisabled {
                entity,
                action,
                enabled,
            } => {
                put("entity", json!(entity));
                put("action", json!(action));
                put("field", json!("allow_writes"));
                put("enabled", json!(enabled));
            }
            Error::HostedWrite { entity, action } => {
                put("entity", json!(entity));
                put("action", json!(action));
            }
            Error::MaybeApplied {
                inner,
                how_to_check,
            } => {
                if let Value::Object(inner) = inner.details() {
                    map.extend(inner);
                }
                map.insert("may_have_been_applied".to_string(), json!(true));
                map.insert("how_to_check".to_string(), json!(how_to_check));
                return Value::Object(map);
            }
            Error::UnknownField {
                entity,
                option,
                field,
                accepted,
            } => {
                put("entity", json!(entity));
                put("param", json!(option));
                put("field", json!(field));
                put("accepted", json!(accepted));
            }
            Error::InvalidParams { .. } | Error::Closed => {}
            Error::HttpStatus {
                status,
                target,
                harvest_message,
                retry_after,
                request_id,
            } => {
                put("status_code", json!(status));
                put("method", json!(target.method));
                put("path", json!(target.path));
                put("harvest_message", json!(harvest_message));
                put("retry_after", json!(retry_after));
                put("request_id", json!(request_id));
            }
            Error::Network { target, .. } | Error::InvalidResponse { target, .. } => {
                put("method", json!(target.method));
                put("path", json!(target.path));
            }
            Error::Timeout {
                target,
                kind,
                after,
            } => {
                put("method", json!(target.method));
                put("path", json!(target.path));
                put("timeout_type", json!(kind.as_str()));
                put("timeout", json!(after.as_secs_f64()));
            }
            Error::TokenRefresh {
                status,
                harvest_message,
            } => {
                put("status_code", json!(status.unwrap_or(401)));
                put("harvest_message", json!(harvest_message));
            }
            Error::Config { field, .. } => put("field", json!(field)),
            Error::AirbyteStatus {
                status,
                target,
                airbyte_message,
                retry_after,
                request_id,
                ..
            } => {
                put("status_code", json!(status));
                put("method", json!(target.method));
                put("path", json!(target.path));
                put("airbyte_message", json!(airbyte_message));
                put("retry_after", json!(retry_after));
                put("request_id", json!(request_id));
            }
            Error::ConnectorNotFound {
                connector,
                workspace,
                definition_id,
            } => {
                put("connector", json!(connector));
                put("workspace_name", json!(workspace));
                put("definition_id", json!(definition_id));
            }
            Error::ConnectorAmbiguous {
                connector,
                workspace,
                definition_id,
                ids,
            } => {
                put("connector", json!(connector));
                put("workspace_name", json!(workspace));
                put("definition_id", json!(definition_id));
                put("connector_ids", json!(ids));
            }
            Error::UnknownConnector { name, available } => {
                put("connector", json!(name));
                put("accepted", json!(available));
            }
            Error::MissingCredentials { missing } => {
                put("field", json!(missing.first()));
                put("missing", json!(missing));
            }
            Error::HostedModeRequired { entity, action } => {
                put("entity", json!(entity));
                put("action", json!(action));
            }
            Error::Store { path, .. } => {
                put("path", json!(path));
            }
            Error::StoreAccount {
                path,
                stored,
                given,
            } => {
                put("field", json!("store"));
                put("path", json!(path));
                put("stored_account_id", json!(stored));
                put("account_id", json!(given));
            }
            Error::SqlRefused { entity, .. } => {
                put("entity", json!(entity));
                put("action", json!("context_store_sql_query"));
                put("param", json!("sql"));
            }
            Error::StoreUnsupported { entity, action, .. } => {
                put("entity", json!(entity));
                put("action", json!(action));
            }
        }
        Value::Object(map)
    }

    /// The same error with every caller-supplied text passed through `redact`.
    pub fn redacted(self, secrets: &[String]) -> Error {
        let refs: Vec<&str> = secrets.iter().map(String::as_str).collect();
        let clean = |text: String| redact(&text, &refs);
        match self {
            Error::UnknownEntity { entity, valid } => Error::UnknownEntity {
                entity: clean(entity),
                valid,
            },
            Error::UnknownAction {
                entity,
                action,
                supported,
            } => Error::UnknownAction {
                entity,
                action: clean(action),
                supported,
            },
            Error::InvalidParameter {
                entity,
                action,
                param,
                reason,
                expected,
            } => Error::InvalidParameter {
                entity,
                action,
                param,
                reason: clean(reason),
                expected,
            },
            Error::UnknownParameter {
                entity,
                action,
                param,
                accepted,
            } => Error::UnknownParameter {
                entity,
                action,
                param: clean(param),
                accepted,
            },
            Error::UnknownField {
                entity,
                option,
                field,
                accepted,
            } => Error::UnknownField {
                entity,
                option,
                field: clean(field),
                accepted,
            },
            Error::InvalidParams { reason } => Error::InvalidParams {
                reason: clean(reason),
            },
            Error::UnknownConnector { name, available } => Error::UnknownConnector {
                name: clean(name),
                available,
            },
            other => other,
        }
    }

    /// A failure worth retrying for an idempotent request.
    pub fn is_transient(&self) -> bool {
        match self {
            Error::HttpStatus { status, .. } | Error::AirbyteStatus { status, .. } => {
                *status == 429 || *status >= 500
            }
            Error::Network { .. } => true,
            // A hung attempt; the total budget bounds how often it is tried again.
            Error::Timeout { kind, .. } => *kind != TimeoutKind::Total,
            _ => false,
        }
    }
}

/// Replace every occurrence of a secret with `***`. Applied to any text that came from the
/// network before it can reach a message. A secret cut short for a message (a long value shown
/// as its first characters and `…`) is caught too, from 8 characters on.
pub fn redact(text: &str, secrets: &[&str]) -> String {
    let mut out = text.to_string();
    for secret in secrets.iter().filter(|s| s.len() >= 4) {
        if out.contains(*secret) {
            out = out.replace(*secret, "***");
        }
        if out.contains('…') {
            let cuts = secret.char_indices().map(|(i, _)| i).filter(|&i| i >= 8);
            for cut in cuts.rev() {
                let shortened = format!("{}…", &secret[..cut]);
                if out.contains(&shortened) {
                    out = out.replace(&shortened, "***…");
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target() -> Target {
        Target {
            method: "GET",
            path: "/v2/users/9".to_string(),
        }
    }

    #[test]
    fn http_messages_carry_status_method_path_and_harvest_text() {
        let err = Error::HttpStatus {
            status: 404,
            target: target(),
            harvest_message: "Not Found".into(),
            retry_after: None,
            request_id: None,
        };
        assert_eq!(
            err.to_string(),
            "Not found (HTTP 404) for GET /v2/users/9: Not Found. Check the id; list the entity to find valid ids."
        );
        let err = Error::HttpStatus {
            status: 429,
            target: target(),
            harvest_message: String::new(),
            retry_after: Some(12.0),
            request_id: None,
        };
        assert!(err.to_string().contains("Retry after 12 s"));
        assert_eq!(err.details()["retry_after"], json!(12.0));
    }

    #[test]
    fn validation_messages_list_accepted_values() {
        let err = Error::UnknownParameter {
            entity: "users",
            action: "list",
            param: "foo".into(),
            accepted: vec!["per_page"],
        };
        assert_eq!(
            err.to_string(),
            "Unknown parameter \"foo\" for users.list. Accepted parameters: per_page."
        );
    }

    #[test]
    fn redact_hides_secrets() {
        assert_eq!(
            redact("bad token tok-123456 here", &["tok-123456"]),
            "bad token *** here"
        );
        assert_eq!(redact("abc", &[""]), "abc");
        let long = "s3cr3t-0123456789-abcdefghij-KLMNOPQRSTUVWXYZ";
        assert_eq!(
            redact("got \"s3cr3t-0123456789-abcdefghij-KLMNO…\"", &[long]),
            "got \"***…\""
        );
    }
}
