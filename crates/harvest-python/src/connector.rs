//! The native half of `HarvestConnector`: validates synchronously, then runs the request on the
//! tokio runtime and reports to the caller's `CompletionQueue`.

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use harvest_core::auth::{Credentials, Secret};
use harvest_core::client::{ClientConfig, HarvestClient};
use harvest_core::error::Error;
use harvest_core::projection::Projection;
use harvest_core::ratelimit::RateLimit;
use harvest_core::retry::RetryPolicy;
use harvest_core::shared::SharedState;
use harvest_core::write_policy::WritePolicy;
use harvest_shared::RedisState;

use super::calls::CallRegistry;
use super::completion::CompletionQueue;
use super::errors::to_pyerr;
use super::params::{call_inputs, field_list};
use super::store::{self as store_calls, NativeStore};

/// A positive number of seconds, at most a day.
fn seconds(field: &'static str, value: f64) -> Result<Duration, Error> {
    if value.is_finite() && value > 0.0 && value <= 86_400.0 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(Error::Config {
            field,
            reason: format!("must be a number of seconds between 0 and 86400, got {value}"),
        })
    }
}

fn budget(field: &'static str, (requests, window): (u32, f64)) -> Result<RateLimit, Error> {
    if requests == 0 {
        return Err(Error::Config {
            field,
            reason: "must allow at least one request per window".to_string(),
        });
    }
    Ok(RateLimit {
        requests,
        window: seconds(field, window)?,
    })
}

#[pyclass(frozen, module = "airbyte_agent_sdk._native", name = "Connector")]
pub struct NativeConnector {
    client: Arc<HarvestClient>,
    calls: CallRegistry,
    /// The local store, once attached: searches and SQL run on it, writes update it.
    store: OnceLock<Arc<harvest_store::Store>>,
}

fn required_str(auth: &Bound<'_, PyDict>, key: &str) -> PyResult<String> {
    match auth.get_item(key)? {
        Some(value) => value.extract::<String>(),
        None => Err(pyo3::exceptions::PyValueError::new_err(format!(
            "auth is missing '{key}'"
        ))),
    }
}

fn credentials(auth: &Bound<'_, PyDict>) -> PyResult<Credentials> {
    let account_id = required_str(auth, "account_id")?;
    if auth.contains("token")? {
        Ok(Credentials::PersonalAccessToken {
            token: Secret::new(required_str(auth, "token")?),
            account_id,
        })
    } else {
        Ok(Credentials::OAuth {
            client_id: required_str(auth, "client_id")?,
            client_secret: Secret::new(required_str(auth, "client_secret")?),
            refresh_token: Secret::new(required_str(auth, "refresh_token")?),
            account_id,
        })
    }
}

/// `allow_writes` as given to the connector: None/False, True, or a sequence of names (the
/// Python layer turns any iterable into a list and refuses other types).
fn write_policy(value: Option<&Bound<'_, PyAny>>) -> Result<WritePolicy, Error> {
    let refuse = |reason: String| Error::Config {
        field: "allow_writes",
        reason,
    };
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(WritePolicy::Disabled);
    };
    if let Ok(flag) = value.cast::<pyo3::types::PyBool>() {
        return Ok(if flag.is_true() {
            WritePolicy::All
        } else {
            WritePolicy::Disabled
        });
    }
    let names: Vec<String> = value.extract().map_err(|_| {
        refuse(
            "must be True, False, or an iterable of \"entity\" or \"entity.action\" strings"
                .to_string(),
        )
    })?;
    WritePolicy::from_names(&names)
}

#[pymethods]
impl NativeConnector {
    /// `rate_limit` / `reports_rate_limit`: `(requests, window_seconds)`, or None for no
    /// client-side budget (the Python layer always passes Harvest's limits unless told not to).
    /// `allow_writes`: False, True, or a list of `"entity"` / `"entity.action"` names.
    /// `shared_state`: a `redis://` URL where budgets and OAuth token state are shared with
    /// every process using it.
    #[new]
    #[pyo3(signature = (auth, *, base_url=None, id_url=None, user_agent=None, timeout=None, connect_timeout=None, read_timeout=None, max_attempts=None, rate_limit=None, reports_rate_limit=None, allow_writes=None, shared_state=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        auth: &Bound<'_, PyDict>,
        base_url: Option<String>,
        id_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        connect_timeout: Option<f64>,
        read_timeout: Option<f64>,
        max_attempts: Option<u32>,
        rate_limit: Option<(u32, f64)>,
        reports_rate_limit: Option<(u32, f64)>,
        allow_writes: Option<&Bound<'_, PyAny>>,
        shared_state: Option<String>,
    ) -> PyResult<Self> {
        let defaults = ClientConfig::default();
        let config = (|| -> Result<ClientConfig, Error> {
            Ok(ClientConfig {
                base_url: base_url.unwrap_or(defaults.base_url),
                id_url: id_url.unwrap_or(defaults.id_url),
                user_agent: user_agent.unwrap_or(defaults.user_agent),
                timeout: timeout
                    .map(|t| seconds("timeout", t))
                    .transpose()?
                    .unwrap_or(defaults.timeout),
                connect_timeout: connect_timeout
                    .map(|t| seconds("connect_timeout", t))
                    .transpose()?
                    .unwrap_or(defaults.connect_timeout),
                read_timeout: read_timeout
                    .map(|t| seconds("read_timeout", t))
                    .transpose()?
                    .unwrap_or(defaults.read_timeout),
                retry: RetryPolicy {
                    max_attempts: max_attempts.map_or(defaults.retry.max_attempts, |n| n.max(1)),
                    ..defaults.retry
                },
                rate_limit: rate_limit.map(|l| budget("rate_limit", l)).transpose()?,
                reports_rate_limit: reports_rate_limit
                    .map(|l| budget("reports_rate_limit", l))
                    .transpose()?,
                writes: write_policy(allow_writes)?,
            })
        })()
        .map_err(|e| to_pyerr(py, &e))?;
        let credentials = credentials(auth)?;
        // Checked now, connected at the first request.
        let shared = shared_state
            .map(|url| RedisState::open(&url).map(|s| Arc::new(s) as Arc<dyn SharedState>))
            .transpose()
            .map_err(|e| to_pyerr(py, &e))?;
        // Cheap: the HTTP client (and its TLS roots) is built at the first request.
        let client = HarvestClient::with_shared_state(credentials, config, shared)
            .map_err(|e| to_pyerr(py, &e))?;
        Ok(NativeConnector {
            client: Arc::new(client),
            calls: CallRegistry::default(),
            store: OnceLock::new(),
        })
    }

    /// Validate and start a call; returns its id. Input errors raise here, before any I/O.
    /// `select_fields` / `exclude_fields` (dotted paths, checked against the entity's record
    /// fields) are applied while the records are built.
    /// `unbuilt`: a list result's records stay unbuilt (`PageRecords`) until asked for.
    #[pyo3(signature = (queue, entity, action, params, *, max_attempts=None, select_fields=None, exclude_fields=None, unbuilt=false))]
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
        unbuilt: bool,
    ) -> PyResult<u64> {
        let (entity, action, params) =
            call_inputs(entity, action, params).map_err(|e| to_pyerr(py, &e))?;
        self.client
            .check_write_allowed(&entity, &action)
            .map_err(|e| to_pyerr(py, &e))?;
        let select_fields =
            field_list(select_fields, "select_fields").map_err(|e| to_pyerr(py, &e))?;
        let exclude_fields =
            field_list(exclude_fields, "exclude_fields").map_err(|e| to_pyerr(py, &e))?;
        let mut spec = self
            .client
            .prepare(&entity, &action, &params)
            .map_err(|e| to_pyerr(py, &e))?;
        spec.max_attempts = max_attempts.map(|n| n.max(1));
        let projection = Projection::new(
            spec.entity.name,
            select_fields.as_deref(),
            exclude_fields.as_deref(),
        )
        .map_err(|e| to_pyerr(py, &e))?
        .map(Arc::new);
        let client = Arc::clone(&self.client);
        let store = self
            .store
            .get()
            .filter(|_| spec.action.method.is_write())
            .cloned();
        let call_id = self
            .calls
            .spawn_projected(queue, projection, unbuilt, async move {
                let outcome = client.execute(&spec).await?;
                if let Some(store) = store {
                    store_calls::after_write(&store, &spec, &outcome).await;
                }
                Ok(outcome)
            });
        Ok(call_id)
    }

    /// Attach the local store (once): `submit_store` runs on it and writes update it.
    fn attach_store(&self, py: Python<'_>, store: &NativeStore) -> PyResult<()> {
        self.store.set(Arc::clone(&store.store)).map_err(|_| {
            to_pyerr(
                py,
                &Error::Config {
                    field: "store",
                    reason: "this connector has a store already".to_string(),
                },
            )
        })
    }

    /// Start a store call: `context_store_search` / `context_store_sql_query` on `entity`
    /// with `params`, or `sync` (`params`: `{entities: [..] | None, full: bool}`). A search
    /// or SQL first syncs its entity when older than `max_age` seconds (None: only if never
    /// synced); a sync is a full one when the last full one is older than `full_every`
    /// seconds (None: only when asked). Input errors raise here, before any I/O.
    // The binding's keyword arguments, as Python passes them.
    #[allow(clippy::too_many_arguments)]
    #[pyo3(signature = (queue, action, entity, params, *, max_age=None, full_every=None))]
    fn submit_store(
        &self,
        py: Python<'_>,
        queue: &CompletionQueue,
        action: &str,
        entity: Option<&str>,
        params: &Bound<'_, PyAny>,
        max_age: Option<f64>,
        full_every: Option<f64>,
    ) -> PyResult<u64> {
        let store = self.store.get().cloned().ok_or_else(|| {
            to_pyerr(
                py,
                &Error::Config {
                    field: "store",
                    reason: "this connector has no local store".to_string(),
                },
            )
        })?;
        let seconds = |value: Option<f64>, field: &'static str| {
            value
                .map(|s| {
                    if s.is_finite() && s >= 0.0 {
                        Ok(Duration::from_secs_f64(s))
                    } else {
                        Err(Error::Config {
                            field,
                            reason: format!("must be a number of seconds >= 0 or None, got {s}"),
                        })
                    }
                })
                .transpose()
                .map_err(|e| to_pyerr(py, &e))
        };
        let freshness = harvest_store::sync::Freshness {
            max_age: seconds(max_age, "store_max_age")?,
            full_every: seconds(full_every, "store_full_sync_interval")?,
        };
        let op = if action == "sync" {
            let params: serde_json::Value = pythonize::depythonize(params)?;
            let entities = match params.get("entities") {
                None | Some(serde_json::Value::Null) => None,
                Some(serde_json::Value::Array(names)) => Some(
                    names
                        .iter()
                        .map(|n| n.as_str().unwrap_or("").to_string())
                        .collect(),
                ),
                Some(_) => None,
            };
            let full = params.get("full").and_then(serde_json::Value::as_bool) == Some(true);
            store_calls::prepare_sync(entities, full)
        } else {
            let (entity, _, params) = call_inputs(
                &pyo3::types::PyString::new(py, entity.unwrap_or("")).into_any(),
                &pyo3::types::PyString::new(py, action).into_any(),
                params,
            )
            .map_err(|e| to_pyerr(py, &e))?;
            store_calls::prepare(action, &entity, &params)
        }
        .map_err(|e| to_pyerr(py, &e))?;
        let client = Arc::clone(&self.client);
        Ok(self
            .calls
            .spawn(queue, store_calls::run(store, client, op, freshness)))
    }

    /// The exact request a call would send (method, URL, query, body, headers with the
    /// credentials masked), validated and sent nowhere. With `check_writes`, a write
    /// `allow_writes` does not enable is refused first (the preview `confirm_write` sees).
    #[pyo3(signature = (entity, action, params, *, check_writes=false))]
    fn preview<'py>(
        &self,
        py: Python<'py>,
        entity: &Bound<'py, PyAny>,
        action: &Bound<'py, PyAny>,
        params: &Bound<'py, PyAny>,
        check_writes: bool,
    ) -> PyResult<Bound<'py, PyAny>> {
        let (entity, action, params) =
            call_inputs(entity, action, params).map_err(|e| to_pyerr(py, &e))?;
        let preview = (|| {
            if check_writes {
                self.client.check_write_allowed(&entity, &action)?;
            }
            let spec = self.client.prepare(&entity, &action, &params)?;
            self.client.preview(&spec)
        })()
        .map_err(|e| to_pyerr(py, &e))?;
        Ok(pythonize::pythonize(py, &preview)?)
    }

    /// Whether this connector may send the write (`allow_writes`); reads are always allowed.
    fn allows(&self, entity: &str, action: &str) -> bool {
        self.client.check_write_allowed(entity, action).is_ok()
    }

    /// What `allow_writes` enables: `[]`, `["all"]`, or the names given.
    #[getter]
    fn allowed_writes(&self) -> Vec<String> {
        self.client.config().writes.enabled()
    }

    /// Abort a call (its asyncio task was cancelled). Returns whether it was still running.
    fn cancel(&self, call_id: u64) -> bool {
        self.calls.cancel(call_id)
    }

    /// Abort every call in flight (each ends with `ConnectorClosedError`) and drop the pooled
    /// connections. The connector stays usable: a later call opens a new pool.
    fn close(&self) -> usize {
        let count = self.calls.close();
        self.client.reset_pool();
        count
    }

    /// Calls in flight now.
    fn in_flight(&self) -> usize {
        self.calls.len()
    }

    /// OAuth refreshes since the last call, for `on_token_refresh`.
    fn take_token_events<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.client
            .take_token_events()
            .into_iter()
            .map(|event| {
                let dict = PyDict::new(py);
                dict.set_item("access_token", event.access_token.expose())?;
                dict.set_item("token_type", event.token_type)?;
                dict.set_item("refresh_token", event.refresh_token.expose())?;
                dict.set_item("expires_in", event.expires_in)?;
                Ok(dict)
            })
            .collect()
    }

    #[getter]
    fn base_url(&self) -> String {
        self.client.config().base_url.clone()
    }

    #[getter]
    fn id_url(&self) -> String {
        self.client.config().id_url.clone()
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
        format!("Connector(base_url={:?})", self.client.config().base_url)
    }
}
