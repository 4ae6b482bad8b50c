//! The native half of `HarvestConnector`: validates synchronously, then runs the request on the
//! tokio runtime and reports to the caller's `CompletionQueue`.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyMapping, PyString};
use serde_json::Value;

use crate::auth::{Credentials, Secret};
use crate::client::{ClientConfig, HarvestClient};
use crate::error::Error;

use super::completion::{CompletionQueue, QueueInner};
use super::errors::to_pyerr;
use super::params::StrictValue;

struct InFlight {
    abort: tokio::task::AbortHandle,
    queue: Arc<QueueInner>,
}

type Calls = Arc<Mutex<HashMap<u64, InFlight>>>;

fn lock(calls: &Calls) -> std::sync::MutexGuard<'_, HashMap<u64, InFlight>> {
    match calls.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

#[pyclass(frozen, module = "airbyte_agent_sdk._native", name = "Connector")]
pub struct NativeConnector {
    client: Arc<HarvestClient>,
    calls: Calls,
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

/// A short description of a non-string entity/action for the error message.
fn describe_non_string(value: &Bound<'_, PyAny>) -> String {
    let type_name = value
        .get_type()
        .name()
        .map(|n| n.to_string())
        .unwrap_or_else(|_| "object".to_string());
    format!("<{type_name}> (must be a string)")
}

impl NativeConnector {
    /// Owned Rust inputs from the Python call; nothing Python survives past this point.
    fn inputs(
        &self,
        entity: &Bound<'_, PyAny>,
        action: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
    ) -> Result<(String, String, Value), Error> {
        let entity = match entity.cast::<PyString>() {
            Ok(s) => s
                .to_cow()
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| "<invalid text>".to_string()),
            Err(_) => {
                return Err(Error::UnknownEntity {
                    entity: describe_non_string(entity),
                    valid: crate::catalog::entity_names(),
                })
            }
        };
        let action = match action.cast::<PyString>() {
            Ok(s) => s
                .to_cow()
                .map(|c| c.into_owned())
                .unwrap_or_else(|_| "<invalid text>".to_string()),
            Err(_) => describe_non_string(action),
        };
        let params = if params.is_none() {
            Value::Null
        } else if params.cast::<PyDict>().is_ok() || params.cast::<PyMapping>().is_ok() {
            pythonize::depythonize::<StrictValue>(params).map(|v| v.0).map_err(|e| Error::InvalidParams {
                reason: format!("params hold a value that cannot be sent ({e}); use str, int, float, bool, None, lists and dicts"),
            })?
        } else {
            return Err(Error::InvalidParams {
                reason: format!(
                    "params must be a mapping of parameter names to values (or None), got {}",
                    describe_non_string(params).replace(" (must be a string)", "")
                ),
            });
        };
        Ok((entity, action, params))
    }
}

#[pymethods]
impl NativeConnector {
    #[new]
    #[pyo3(signature = (auth, *, base_url=None, id_url=None, user_agent=None, timeout=None, max_attempts=None))]
    fn new(
        py: Python<'_>,
        auth: &Bound<'_, PyDict>,
        base_url: Option<String>,
        id_url: Option<String>,
        user_agent: Option<String>,
        timeout: Option<f64>,
        max_attempts: Option<u32>,
    ) -> PyResult<Self> {
        let mut config = ClientConfig::default();
        if let Some(base_url) = base_url {
            config.base_url = base_url;
        }
        if let Some(id_url) = id_url {
            config.id_url = id_url;
        }
        if let Some(user_agent) = user_agent {
            config.user_agent = user_agent;
        }
        if let Some(timeout) = timeout {
            if !(timeout.is_finite() && timeout > 0.0 && timeout <= 86_400.0) {
                return Err(to_pyerr(
                    py,
                    &Error::Config {
                        field: "timeout",
                        reason: format!(
                            "must be a number of seconds between 0 and 86400, got {timeout}"
                        ),
                    },
                ));
            }
            config.timeout = Duration::from_secs_f64(timeout);
        }
        if let Some(max_attempts) = max_attempts {
            config.retry.max_attempts = max_attempts.max(1);
        }
        let credentials = credentials(auth)?;
        // Building the client loads the TLS roots: keep that off the interpreter.
        let client = py
            .detach(|| HarvestClient::new(credentials, config))
            .map_err(|e| to_pyerr(py, &e))?;
        Ok(NativeConnector {
            client: Arc::new(client),
            calls: Arc::new(Mutex::new(HashMap::new())),
        })
    }

    /// Validate and start a call; returns its id. Input errors raise here, before any I/O.
    fn submit(
        &self,
        py: Python<'_>,
        queue: &CompletionQueue,
        entity: &Bound<'_, PyAny>,
        action: &Bound<'_, PyAny>,
        params: &Bound<'_, PyAny>,
    ) -> PyResult<u64> {
        let (entity, action, params) = self
            .inputs(entity, action, params)
            .map_err(|e| to_pyerr(py, &e))?;
        let spec = self
            .client
            .prepare(&entity, &action, &params)
            .map_err(|e| to_pyerr(py, &e))?;
        let call_id = super::completion::next_call_id();
        let client = Arc::clone(&self.client);
        let calls = Arc::clone(&self.calls);
        let queue = Arc::clone(&queue.inner);
        let runtime = pyo3_async_runtimes::tokio::get_runtime();
        // Register before the task can finish, so its own removal always finds the entry.
        let mut registry = lock(&self.calls);
        let task_queue = Arc::clone(&queue);
        let handle = runtime.spawn(async move {
            let result = client.send(&spec).await;
            // Only the call that still owns its registry entry reports: a call that was
            // cancelled or closed has been answered already.
            let owned = lock(&calls).remove(&call_id).is_some();
            if owned {
                task_queue.push(call_id, result);
            }
        });
        registry.insert(
            call_id,
            InFlight {
                abort: handle.abort_handle(),
                queue,
            },
        );
        Ok(call_id)
    }

    /// Abort a call (its asyncio task was cancelled). Returns whether it was still running.
    fn cancel(&self, call_id: u64) -> bool {
        match lock(&self.calls).remove(&call_id) {
            Some(in_flight) => {
                in_flight.abort.abort();
                true
            }
            None => false,
        }
    }

    /// Abort every call in flight (each ends with `ConnectorClosedError`) and drop the pooled
    /// connections. The connector stays usable: a later call opens a new pool.
    fn close(&self, py: Python<'_>) -> PyResult<usize> {
        let aborted: Vec<(u64, InFlight)> = lock(&self.calls).drain().collect();
        let count = aborted.len();
        for (call_id, in_flight) in aborted {
            in_flight.abort.abort();
            in_flight.queue.push(call_id, Err(Error::Closed));
        }
        self.client.reset_pool().map_err(|e| to_pyerr(py, &e))?;
        Ok(count)
    }

    /// Calls in flight now.
    fn in_flight(&self) -> usize {
        lock(&self.calls).len()
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
