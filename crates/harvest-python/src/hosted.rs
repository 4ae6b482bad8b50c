//! The native half of a hosted `HarvestConnector` (calls through the Airbyte API). It has the
//! interface of `Connector` (`submit`, `cancel`, `close`, `in_flight`, `take_token_events`), so
//! `_bridge.call` drives it unchanged: input errors raise synchronously from `submit`, the call
//! runs on the tokio runtime, and its result (the checked Airbyte answer, as JSON bytes) reaches
//! the event loop through the `CompletionQueue`, where it becomes a dict. Tokio workers never
//! touch the interpreter.

use std::sync::Arc;
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;
use serde_json::{Map, Value};

use harvest_core::catalog::ResponseShape;
use harvest_core::client::Outcome;
use harvest_core::error::{Error, Target};
use harvest_core::response;
use harvest_hosted::wire::ExecuteOptions;
use harvest_hosted::{
    self, ConsentRequest, CreateRequest, HostedAccount, HostedClient, HostedConfig,
};

use super::calls::CallRegistry;
use super::completion::CompletionQueue;
use super::errors::{exception_object, to_pyerr};
use super::params::{call_inputs, field_list, json_value, text_or_description};

/// A checked Airbyte answer (a JSON object) in the form the completion queue carries: an
/// object response, which the drain turns into a dict. The one place that knows the local
/// pipeline's result type.
fn object_answer(body: bytes::Bytes) -> Result<Outcome, Error> {
    response::check_success(
        ResponseShape::Object,
        "application/json",
        body,
        response::Scan::Later,
    )
    .map(|checked| Outcome::Object(checked.body))
    .map_err(|reason| Error::InvalidResponse {
        target: Target {
            method: "POST",
            path: harvest_hosted::CONNECTORS_PATH.to_string(),
        },
        reason,
    })
}

fn json_object(
    value: Option<&Bound<'_, PyAny>>,
    what: &str,
) -> Result<Option<Map<String, Value>>, Error> {
    match value {
        None => Ok(None),
        Some(value) => match json_value(value, what)? {
            Value::Null => Ok(None),
            Value::Object(map) => Ok(Some(map)),
            _ => Err(Error::InvalidParams {
                reason: format!("{what} must be a mapping"),
            }),
        },
    }
}

#[pyclass(frozen, module = "airbyte_agent_sdk._native", name = "HostedConnector")]
pub struct NativeHostedConnector {
    client: Arc<HostedClient>,
    calls: CallRegistry,
}

#[pymethods]
impl NativeHostedConnector {
    /// No I/O: the token and the connector lookup happen on the first call that needs them.
    #[new]
    #[pyo3(signature = (connector_name, *, client_id=None, client_secret=None, workspace_name=None, organization_id=None, connector_id=None, api_url=None, user_agent=None, timeout=None, max_attempts=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        connector_name: &str,
        client_id: Option<String>,
        client_secret: Option<String>,
        workspace_name: Option<String>,
        organization_id: Option<String>,
        connector_id: Option<String>,
        api_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        max_attempts: Option<u32>,
    ) -> PyResult<Self> {
        let raise = |e: Error| to_pyerr(py, &e);
        let definition = harvest_hosted::definition(connector_name).map_err(raise)?;
        let account = HostedAccount::new(
            client_id,
            client_secret,
            organization_id,
            workspace_name,
            connector_id,
        )
        .map_err(raise)?;
        let mut config = HostedConfig::default();
        if let Some(api_url) = api_url {
            config.api_url = api_url;
        }
        if let Some(user_agent) = user_agent {
            config.user_agent = user_agent;
        }
        if let Some(timeout) = timeout {
            if !(timeout.is_finite() && timeout > 0.0 && timeout <= 86_400.0) {
                return Err(raise(Error::Config {
                    field: "timeout",
                    reason: format!(
                        "must be a number of seconds between 0 and 86400, got {timeout}"
                    ),
                }));
            }
            config.timeout = Duration::from_secs_f64(timeout);
        }
        if let Some(max_attempts) = max_attempts {
            config.retry.max_attempts = max_attempts.max(1);
        }
        // Cheap: the HTTP client (and its TLS roots) is built at the first request.
        let client = HostedClient::new(definition, account, config).map_err(raise)?;
        Ok(NativeHostedConnector {
            client: Arc::new(client),
            calls: CallRegistry::default(),
        })
    }

    /// Validate and start an execute call; returns its id. Input errors raise here, before
    /// any I/O. `max_attempts` overrides the retry attempts of this call's execute request.
    /// `select_fields`, `exclude_fields` and `skip_truncation` are forwarded for the Airbyte API
    /// to apply.
    #[pyo3(signature = (queue, entity, action, params, *, max_attempts=None, select_fields=None, exclude_fields=None, skip_truncation=true))]
    #[allow(clippy::too_many_arguments)]
    fn submit(
        &self,
        py: Python<'_>,
        queue: &CompletionQueue,
        entity: &Bound<'_, PyAny>,
        action: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
        max_attempts: Option<u32>,
        select_fields: Option<&Bound<'_, PyAny>>,
        exclude_fields: Option<&Bound<'_, PyAny>>,
        skip_truncation: bool,
    ) -> PyResult<u64> {
        let raise = |e: Error| to_pyerr(py, &e);
        let (entity, action, params) = call_inputs(entity, action, params).map_err(raise)?;
        let options = ExecuteOptions {
            select_fields: field_list(select_fields, "select_fields").map_err(raise)?,
            exclude_fields: field_list(exclude_fields, "exclude_fields").map_err(raise)?,
            skip_truncation,
        };
        let mut call = self
            .client
            .prepare(&entity, &action, &params)
            .map_err(raise)?;
        call.max_attempts = max_attempts;
        call.options = options;
        let client = Arc::clone(&self.client);
        Ok(self.calls.spawn(queue, async move {
            client.execute(&call).await.and_then(object_answer)
        }))
    }

    /// Start `POST /api/v1/integrations/connectors`; on success this connector uses the new
    /// connector id. The result is the API's answer (a dict with `id`).
    #[pyo3(signature = (queue, *, name=None, credentials=None, replication_config=None, server_side_oauth_secret_id=None, source_template_id=None))]
    #[allow(clippy::too_many_arguments)]
    fn submit_create(
        &self,
        py: Python<'_>,
        queue: &CompletionQueue,
        name: Option<String>,
        credentials: Option<&Bound<'_, PyAny>>,
        replication_config: Option<&Bound<'_, PyAny>>,
        server_side_oauth_secret_id: Option<String>,
        source_template_id: Option<String>,
    ) -> PyResult<u64> {
        let raise = |e: Error| to_pyerr(py, &e);
        let create = CreateRequest {
            name,
            credentials: json_object(credentials, "credentials").map_err(raise)?,
            replication_config: json_object(replication_config, "replication_config")
                .map_err(raise)?,
            server_side_oauth_secret_id,
            source_template_id,
        };
        self.client.validate_create(&create).map_err(raise)?;
        let client = Arc::clone(&self.client);
        Ok(self.calls.spawn(queue, async move {
            client
                .create_connector(&create)
                .await
                .and_then(object_answer)
        }))
    }

    /// Start `POST /api/v1/integrations/connectors/oauth/initiate`. The result is the API's
    /// answer (a dict with `consent_url`).
    #[pyo3(signature = (queue, redirect_url, *, name=None, replication_config=None, source_template_id=None))]
    fn submit_consent_url(
        &self,
        py: Python<'_>,
        queue: &CompletionQueue,
        redirect_url: String,
        name: Option<String>,
        replication_config: Option<&Bound<'_, PyAny>>,
        source_template_id: Option<String>,
    ) -> PyResult<u64> {
        let raise = |e: Error| to_pyerr(py, &e);
        let consent = ConsentRequest {
            redirect_url,
            name,
            replication_config: json_object(replication_config, "replication_config")
                .map_err(raise)?,
            source_template_id,
        };
        self.client.validate_consent(&consent).map_err(raise)?;
        let client = Arc::clone(&self.client);
        Ok(self.calls.spawn(queue, async move {
            client
                .initiate_oauth(&consent)
                .await
                .and_then(object_answer)
        }))
    }

    /// Start `GET /api/v1/integrations/connectors/{id}/inspect` (the id looked up first if
    /// needed). The result is the API's answer (a dict with `docs_skill_id`).
    fn submit_inspect(&self, queue: &CompletionQueue) -> u64 {
        let client = Arc::clone(&self.client);
        self.calls.spawn(queue, async move {
            client.inspect_connector().await.and_then(object_answer)
        })
    }

    /// Start `GET /api/v1/skills/docs?id=…&section=…`. The result is the API's answer (a
    /// dict: the skill's metadata, outline and content).
    #[pyo3(signature = (queue, id, section=None))]
    fn submit_skill_docs(
        &self,
        queue: &CompletionQueue,
        id: String,
        section: Option<String>,
    ) -> u64 {
        let client = Arc::clone(&self.client);
        self.calls.spawn(queue, async move {
            client
                .skill_docs(&id, section.as_deref())
                .await
                .and_then(object_answer)
        })
    }

    /// Abort a call (its asyncio task was cancelled). Returns whether it was still running.
    fn cancel(&self, call_id: u64) -> bool {
        self.calls.cancel(call_id)
    }

    /// Abort every call in flight (each ends with `ConnectorClosedError`) and drop the pooled
    /// connections. The connector stays usable; the token and connector id are kept.
    fn close(&self) -> usize {
        let count = self.calls.close();
        self.client.reset_pool();
        count
    }

    fn in_flight(&self) -> usize {
        self.calls.len()
    }

    /// Harvest OAuth refreshes happen inside Airbyte in hosted mode: never any here.
    fn take_token_events<'py>(&self, _py: Python<'py>) -> Vec<Bound<'py, PyDict>> {
        Vec::new()
    }

    /// The connector id, once given, created or looked up (None before).
    #[getter]
    fn connector_id(&self) -> Option<String> {
        self.client.connector_id()
    }

    /// The Airbyte API root (the counterpart of a local connector's Harvest `base_url`).
    #[getter]
    fn base_url(&self) -> String {
        self.client.config().api_url.clone()
    }

    #[getter]
    fn workspace_name(&self) -> String {
        self.client.account().workspace().to_string()
    }

    #[getter]
    fn organization_id(&self) -> Option<String> {
        self.client.account().organization_id.clone()
    }

    #[getter]
    fn definition_id(&self) -> &'static str {
        self.client.definition().id
    }

    #[getter]
    fn user_agent(&self) -> String {
        self.client.config().user_agent.clone()
    }

    #[getter]
    fn timeout(&self) -> f64 {
        self.client.config().timeout.as_secs_f64()
    }

    fn __repr__(&self) -> String {
        format!(
            "HostedConnector(api_url={:?}, workspace_name={:?}, connector_id={:?})",
            self.client.config().api_url,
            self.client.account().workspace(),
            self.client.connector_id()
        )
    }
}

/// Airbyte's connector definition id for a `connect()` name; `UnknownConnectorError` otherwise.
#[pyfunction]
pub fn connector_definition_id(py: Python<'_>, name: &str) -> PyResult<&'static str> {
    harvest_hosted::definition(name)
        .map(|d| d.id)
        .map_err(|e| to_pyerr(py, &e))
}

/// For a local (direct) connector: the exception for an action only hosted mode serves
/// (`context_store_search`), or None for any other action.
#[pyfunction]
pub fn hosted_only_error(
    py: Python<'_>,
    entity: &Bound<'_, PyAny>,
    action: &Bound<'_, PyAny>,
) -> PyResult<Option<Py<PyAny>>> {
    let (Ok(entity), Ok(action)) = (text_or_description(entity), text_or_description(action))
    else {
        return Ok(None);
    };
    harvest_hosted::refuse_in_local_mode(&entity, &action)
        .map(|error| exception_object(py, &error))
        .transpose()
}
