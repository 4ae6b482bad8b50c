//! Hosted mode: calls run through the Airbyte API (`https://api.airbyte.ai`), which holds the
//! Harvest credentials, instead of going to Harvest directly.
//!
//! The protocol (reference-sdk.md §9):
//! 1. `POST /api/v1/account/applications/token` with `{client_id, client_secret}` gives an
//!    application token (`access_token`, `expires_in`);
//! 2. `GET /api/v1/integrations/connectors?workspace_name=…&definition_id=…` finds the
//!    workspace's Harvest connector, unless its id is known;
//! 3. `POST /api/v1/integrations/connectors/{id}/execute` with `{entity, action, params}` runs
//!    the call; the answer is `{result, connector_metadata}`.
//!
//! `create` (`POST /api/v1/integrations/connectors`) and the consent flow
//! (`POST /api/v1/integrations/connectors/oauth/initiate`) set connectors up.
//!
//! Unlike the reference, every call is validated against the catalogue before anything is
//! sent; missing credentials fail at construction; the token is kept for its `expires_in`,
//! renewed on a 401 and fetched once for any number of concurrent callers, as is the
//! connector lookup; reads are retried with backoff; every failure is a typed `Error`.

mod client;
pub use harvest_core::context_store::{search, sql};
#[cfg(test)]
mod tests;
pub mod token;
pub mod wire;

use serde_json::Value;

use harvest_core::catalog::{self, Location, ResponseShape};
use harvest_core::error::{Error, Result};
use harvest_core::request;

pub use client::{ConsentRequest, CreateRequest, HostedClient, HostedConfig};
use wire::ResultShape;

pub const DEFAULT_API_URL: &str = "https://api.airbyte.ai";
pub const TOKEN_PATH: &str = "/api/v1/account/applications/token";
pub const CONNECTORS_PATH: &str = "/api/v1/integrations/connectors";
pub const OAUTH_INITIATE_PATH: &str = "/api/v1/integrations/connectors/oauth/initiate";
/// `GET ?id=…&section=…`: a skill's docs (a connector's is named by its `docs_skill_id`).
pub const SKILL_DOCS_PATH: &str = "/api/v1/skills/docs";
/// The workspace used when none is named (as in the reference).
pub const DEFAULT_WORKSPACE: &str = "default";

/// A connector type the Airbyte API knows, as `connect()` names it.
#[derive(Debug)]
pub struct Definition {
    /// `connect()`'s slug.
    pub name: &'static str,
    /// Airbyte's connector definition id.
    pub id: &'static str,
}

/// The connectors this package implements.
pub static DEFINITIONS: &[Definition] = &[Definition {
    name: "harvest",
    id: "fe2b4084-3386-4d3b-9ad6-308f61a6f1e6",
}];

/// The definition for a `connect()` slug (case-sensitive, as in the reference).
pub fn definition(name: &str) -> Result<&'static Definition> {
    DEFINITIONS
        .iter()
        .find(|d| d.name == name)
        .ok_or_else(|| Error::UnknownConnector {
            name: name.chars().take(64).collect(),
            available: DEFINITIONS.iter().map(|d| d.name).collect(),
        })
}

/// Who calls the Airbyte API, and for which workspace and connector. Checked on construction:
/// missing application credentials fail here, before any request.
#[derive(Debug, Clone)]
pub struct HostedAccount {
    pub client_id: String,
    pub client_secret: harvest_core::auth::Secret,
    pub organization_id: Option<String>,
    /// None: the default workspace (`create` and the consent flow need an explicit one).
    pub workspace_name: Option<String>,
    pub connector_id: Option<String>,
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

impl HostedAccount {
    pub fn new(
        client_id: Option<String>,
        client_secret: Option<String>,
        organization_id: Option<String>,
        workspace_name: Option<String>,
        connector_id: Option<String>,
    ) -> Result<Self> {
        let client_id = non_empty(client_id);
        let client_secret = non_empty(client_secret);
        let mut missing = Vec::new();
        if client_id.is_none() {
            missing.push("airbyte_client_id");
        }
        if client_secret.is_none() {
            missing.push("airbyte_client_secret");
        }
        let (Some(client_id), Some(client_secret)) = (client_id, client_secret) else {
            return Err(Error::MissingCredentials { missing });
        };
        let organization_id = non_empty(organization_id);
        if let Some(org) = &organization_id {
            if !org.bytes().all(|b| b.is_ascii_graphic()) {
                return Err(Error::Config {
                    field: "organization_id",
                    reason: "must be printable ASCII without spaces (it travels as the X-Organization-Id header)".to_string(),
                });
            }
        }
        let connector_id = non_empty(connector_id);
        if let Some(id) = &connector_id {
            check_connector_id(id).map_err(|reason| Error::Config {
                field: "connector_id",
                reason,
            })?;
        }
        Ok(HostedAccount {
            client_id,
            client_secret: harvest_core::auth::Secret::new(client_secret),
            organization_id,
            workspace_name: non_empty(workspace_name),
            connector_id,
        })
    }

    /// The workspace calls run in.
    pub fn workspace(&self) -> &str {
        self.workspace_name.as_deref().unwrap_or(DEFAULT_WORKSPACE)
    }
}

/// A connector id goes into a URL path: letters, digits, `-` and `_` only (Airbyte's are UUIDs).
pub fn check_connector_id(id: &str) -> std::result::Result<(), String> {
    if !id.is_empty()
        && id.len() <= 128
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
    {
        Ok(())
    } else {
        Err(format!(
            "{:?} is not a connector id (expected letters, digits, '-' and '_', e.g. a UUID)",
            id.chars().take(40).collect::<String>()
        ))
    }
}

/// A call that passed validation, ready for the execute endpoint.
#[derive(Debug, Clone)]
pub struct HostedCall {
    pub entity: &'static str,
    pub action: &'static str,
    /// As sent: canonical names, validated values.
    pub params: Value,
    pub shape: ResultShape,
    /// Safe to retry after a transient failure (every read).
    pub idempotent: bool,
    /// Attempts for the execute request, overriding the client's retry policy (1 when an outer
    /// layer, such as a tool's own retry loop, owns retrying).
    pub max_attempts: Option<u32>,
    /// Forwarded as given: the Airbyte API projects and truncates its own records.
    pub options: wire::ExecuteOptions,
}

impl HostedCall {
    pub fn body(&self) -> Value {
        wire::execute_body(self.entity, self.action, &self.params, &self.options)
    }
}

/// The actions the Airbyte API serves on every entity besides the catalogue's.
pub const CONTEXT_STORE_ACTIONS: &[&str] = &[search::ACTION, sql::ACTION];

/// Validate `(entity, action, params)` for hosted execution: the catalogue's actions, plus
/// `context_store_search` and `context_store_sql_query` on every entity. Nothing is sent for
/// a call that fails here.
pub fn prepare(entity: &str, action: &str, params: &Value) -> Result<HostedCall> {
    let entity_def = catalog::entity(entity).ok_or_else(|| Error::UnknownEntity {
        entity: entity.to_string(),
        valid: catalog::entity_names(),
    })?;
    if action == search::ACTION {
        return Ok(HostedCall {
            entity: entity_def.name,
            action: search::ACTION,
            params: search::validate(entity_def, params)?,
            shape: ResultShape::Search,
            idempotent: true,
            max_attempts: None,
            options: wire::ExecuteOptions::default(),
        });
    }
    if action == sql::ACTION {
        return Ok(HostedCall {
            entity: entity_def.name,
            action: sql::ACTION,
            params: sql::validate(entity_def, params)?,
            shape: ResultShape::Search,
            idempotent: true,
            max_attempts: None,
            options: wire::ExecuteOptions::default(),
        });
    }
    if let Some(write) = entity_def.action(action).filter(|a| a.method.is_write()) {
        return Err(Error::HostedWrite {
            entity: entity_def.name,
            action: write.name,
        });
    }
    if entity_def.action(action).is_none() {
        let mut supported = entity_def.action_names();
        supported.extend_from_slice(CONTEXT_STORE_ACTIONS);
        return Err(Error::UnknownAction {
            entity: entity_def.name,
            action: action.to_string(),
            supported,
        });
    }
    let spec = request::build(entity, action, params)?;
    // `cursor` and `limit` drive this package's own page walk, which the Airbyte API does not
    // offer: refuse them rather than silently returning one page.
    if let Some(param) = spec
        .action
        .params
        .iter()
        .find(|p| p.location == Location::Paging && wire::given(spec.action, p.name, params))
    {
        return Err(Error::InvalidParameter {
            entity: spec.entity.name,
            action: spec.action.name,
            param: param.name,
            reason: "is not available in hosted mode (the Airbyte API returns one page per call)"
                .to_string(),
            expected: "per_page and filters; for cursor and limit use a local connector \
                       (HarvestPersonalAccessTokenAuthConfig or HarvestOauth20AuthConfig)"
                .to_string(),
        });
    }
    Ok(HostedCall {
        entity: spec.entity.name,
        action: spec.action.name,
        params: wire::execute_params(spec.action, &spec, params),
        shape: match spec.action.response {
            ResponseShape::List { .. } => ResultShape::Records,
            ResponseShape::Object => ResultShape::Record,
        },
        idempotent: spec.action.method.is_idempotent(),
        max_attempts: None,
        options: wire::ExecuteOptions::default(),
    })
}

/// For a connector in local (direct) mode: the error for an action only hosted mode serves,
/// or None when the action is not one of those (the local pipeline then validates as usual).
pub fn refuse_in_local_mode(entity: &str, action: &str) -> Option<Error> {
    let action = CONTEXT_STORE_ACTIONS
        .iter()
        .copied()
        .find(|a| *a == action)?;
    Some(match catalog::entity(entity) {
        Some(entity_def) => Error::HostedModeRequired {
            entity: entity_def.name,
            action,
        },
        None => Error::UnknownEntity {
            entity: entity.chars().take(64).collect(),
            valid: catalog::entity_names(),
        },
    })
}

#[cfg(test)]
mod unit_tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn definitions_are_case_sensitive_slugs() {
        assert_eq!(
            definition("harvest").unwrap().id,
            "fe2b4084-3386-4d3b-9ad6-308f61a6f1e6"
        );
        let err = definition("Harvest").unwrap_err();
        assert_eq!(
            err.to_string(),
            "Unknown connector: \"Harvest\". Available connectors: harvest."
        );
    }

    #[test]
    fn missing_credentials_are_named() {
        let err = HostedAccount::new(None, Some(" ".into()), None, None, None).unwrap_err();
        assert!(
            matches!(&err, Error::MissingCredentials { missing } if missing == &["airbyte_client_id", "airbyte_client_secret"])
        );
        assert!(err
            .to_string()
            .starts_with("Hosted mode needs Airbyte application credentials, and airbyte_client_id and airbyte_client_secret are missing."));
        let err = HostedAccount::new(Some("id".into()), None, None, None, None).unwrap_err();
        assert!(err.to_string().contains("airbyte_client_secret is missing"));
        let account =
            HostedAccount::new(Some("id".into()), Some("s".into()), None, None, None).unwrap();
        assert_eq!(account.workspace(), "default");
        assert!(!format!("{account:?}").contains("\"s\""));
    }

    #[test]
    fn ids_that_would_escape_the_path_are_refused() {
        for bad in ["../x", "a/b", "a b", "", "ü"] {
            assert!(check_connector_id(bad).is_err(), "{bad}");
        }
        assert!(check_connector_id("fe2b4084-3386-4d3b-9ad6-308f61a6f1e6").is_ok());
        assert!(matches!(
            HostedAccount::new(
                Some("i".into()),
                Some("s".into()),
                None,
                None,
                Some("a/b".into())
            ),
            Err(Error::Config {
                field: "connector_id",
                ..
            })
        ));
        assert!(matches!(
            HostedAccount::new(
                Some("i".into()),
                Some("s".into()),
                Some("org 1".into()),
                None,
                None
            ),
            Err(Error::Config {
                field: "organization_id",
                ..
            })
        ));
    }

    #[test]
    fn prepare_validates_like_local_mode_and_adds_search() {
        let call = prepare(
            "time_tasks",
            "list",
            &json!({"from_": "2024-01-01", "to": "2024-01-31"}),
        )
        .unwrap();
        assert_eq!(
            call.body(),
            json!({"entity": "time_tasks", "action": "list", "params": {"from": "20240101", "to": "20240131"}, "skip_truncation": true})
        );
        assert!(call.idempotent);
        assert_eq!(
            prepare("users", "get", &json!({"id": 1})).unwrap().shape,
            ResultShape::Record
        );
        let search = prepare("company", "context_store_search", &json!({"query": {}})).unwrap();
        assert_eq!(search.shape, ResultShape::Search);
        assert!(matches!(
            prepare("widgets", "list", &Value::Null),
            Err(Error::UnknownEntity { .. })
        ));
        let err = prepare("users", "archive", &Value::Null).unwrap_err();
        assert_eq!(
            err.to_string(),
            "Action \"archive\" is not supported for entity 'users'. Supported actions: list, \
             get, me, create, update, delete, context_store_search, context_store_sql_query."
        );
        // The Airbyte API runs a read-only connector: writes stop here, before any request.
        assert!(matches!(
            prepare("time_entries", "create", &json!({"project_id": 1})),
            Err(Error::HostedWrite {
                entity: "time_entries",
                action: "create"
            })
        ));
        assert!(matches!(
            prepare("users", "list", &json!({"per_page": 5000})),
            Err(Error::InvalidParameter {
                param: "per_page",
                ..
            })
        ));
    }

    #[test]
    fn local_mode_refuses_search_with_a_pointer_to_hosted_mode() {
        assert!(refuse_in_local_mode("users", "list").is_none());
        let err = refuse_in_local_mode("users", "context_store_search").unwrap();
        assert!(err.to_string().starts_with(
            "context_store_search needs hosted mode: create the connector with AirbyteAuthConfig("
        ));
        assert!(matches!(
            refuse_in_local_mode("widgets", "context_store_search"),
            Some(Error::UnknownEntity { .. })
        ));
    }
}
