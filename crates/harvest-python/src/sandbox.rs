//! `HarvestSandbox`'s native half: the in-process fake Harvest, served on the shared tokio
//! runtime, for offline tests and demos.

use std::time::Duration;

use pyo3::prelude::*;
use pyo3::types::PyDict;

use harvest_sandbox::{Fault, Sandbox, SandboxOptions};

const JSON: &str = "application/json";

#[pyclass(frozen, module = "airbyte_agent_sdk._native", name = "Sandbox")]
pub struct NativeSandbox {
    inner: Sandbox,
    /// The credentials it accepts, so the Python side can hand out matching configs.
    credentials: [String; 5],
}

fn seconds(value: f64, what: &str) -> PyResult<Duration> {
    if (0.0..=86_400.0).contains(&value) {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(pyo3::exceptions::PyValueError::new_err(format!(
            "{what} must be between 0 and 86400 seconds"
        )))
    }
}

impl NativeSandbox {
    fn push(&self, faults: Vec<Fault>, after_apply: bool) {
        if after_apply {
            self.inner.push_faults_after_write(faults);
        } else {
            self.inner.push_faults(faults);
        }
    }
}

#[pymethods]
impl NativeSandbox {
    #[new]
    #[pyo3(signature = (*, token=None, account_id=None, client_id=None, client_secret=None, refresh_token=None, access_token_ttl=None, rotate_refresh_tokens=true, time_entries=None, records_per_entity=None, wants_timestamp_timers=false, port=0))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        token: Option<String>,
        account_id: Option<String>,
        client_id: Option<String>,
        client_secret: Option<String>,
        refresh_token: Option<String>,
        access_token_ttl: Option<u64>,
        rotate_refresh_tokens: bool,
        time_entries: Option<usize>,
        records_per_entity: Option<usize>,
        wants_timestamp_timers: bool,
        port: u16,
    ) -> PyResult<Self> {
        let defaults = SandboxOptions::default();
        let options = SandboxOptions {
            token: token.unwrap_or(defaults.token),
            account_id: account_id.unwrap_or(defaults.account_id),
            client_id: client_id.unwrap_or(defaults.client_id),
            client_secret: client_secret.unwrap_or(defaults.client_secret),
            refresh_token: refresh_token.unwrap_or(defaults.refresh_token),
            access_token_ttl_secs: access_token_ttl.unwrap_or(defaults.access_token_ttl_secs),
            rotate_refresh_tokens,
            time_entries: time_entries.unwrap_or(defaults.time_entries),
            records_per_entity: records_per_entity.unwrap_or(defaults.records_per_entity),
            wants_timestamp_timers,
            port,
        };
        let credentials = [
            options.token.clone(),
            options.account_id.clone(),
            options.client_id.clone(),
            options.client_secret.clone(),
            options.refresh_token.clone(),
        ];
        let runtime = pyo3_async_runtimes::tokio::get_runtime();
        let inner = py.detach(|| runtime.block_on(Sandbox::start(options)))?;
        Ok(NativeSandbox { inner, credentials })
    }

    /// `(token, account_id, client_id, client_secret, refresh_token)` the sandbox accepts.
    #[getter]
    fn credentials(&self) -> (String, String, String, String, String) {
        let [a, b, c, d, e] = self.credentials.clone();
        (a, b, c, d, e)
    }

    #[getter]
    fn base_url(&self) -> String {
        self.inner.base_url()
    }

    #[getter]
    fn id_url(&self) -> String {
        self.inner.id_url()
    }

    #[getter]
    fn port(&self) -> u16 {
        self.inner.addr().port()
    }

    /// Every request received, oldest first, as dicts (method, path, query, headers, body, at).
    fn requests<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyDict>>> {
        self.inner
            .requests()
            .into_iter()
            .map(|request| {
                let dict = PyDict::new(py);
                dict.set_item("method", &request.method)?;
                dict.set_item("path", &request.path)?;
                dict.set_item("query", &request.query)?;
                dict.set_item("query_pairs", request.query_pairs())?;
                let headers = PyDict::new(py);
                for (name, value) in &request.headers {
                    headers.set_item(name, value)?;
                }
                dict.set_item("headers", headers)?;
                dict.set_item("body", pyo3::types::PyBytes::new(py, &request.body))?;
                dict.set_item("at", request.at.as_secs_f64())?;
                dict.set_item("in_flight", request.in_flight)?;
                Ok(dict)
            })
            .collect()
    }

    fn request_count(&self) -> usize {
        self.inner.request_count()
    }

    fn token_requests(&self) -> usize {
        self.inner.token_requests()
    }

    fn clear_requests(&self) {
        self.inner.clear_requests()
    }

    fn set_latency(&self, seconds_: f64) -> PyResult<()> {
        self.inner.set_latency(seconds(seconds_, "latency")?);
        Ok(())
    }

    /// Queue a failure for the next /v2 request: an HTTP status (with optional Retry-After).
    /// With `after_apply`, for the next writes instead, answered once they were applied.
    #[pyo3(signature = (status, body=None, content_type=None, retry_after=None, times=1, after_apply=false))]
    fn push_status(
        &self,
        status: u16,
        body: Option<String>,
        content_type: Option<String>,
        retry_after: Option<String>,
        times: usize,
        after_apply: bool,
    ) {
        let body = body.unwrap_or_default();
        let content_type = content_type.unwrap_or_else(|| JSON.to_string());
        let faults = (0..times)
            .map(|_| Fault::Status {
                status,
                body: body.clone(),
                content_type: content_type.clone(),
                retry_after: retry_after.clone(),
            })
            .collect();
        self.push(faults, after_apply);
    }

    /// Queue a malformed response for the next /v2 request.
    #[pyo3(signature = (body, status=200, content_type=None, gzip_header_without_gzip=false))]
    fn push_body(
        &self,
        body: Vec<u8>,
        status: u16,
        content_type: Option<String>,
        gzip_header_without_gzip: bool,
    ) {
        let content_type = content_type.unwrap_or_else(|| JSON.to_string());
        self.inner.push_faults(vec![Fault::Body {
            status,
            body,
            content_type,
            gzip_header_without_gzip,
        }]);
    }

    /// The next /v2 request is never answered.
    fn push_hang(&self) {
        self.inner.push_faults(vec![Fault::Hang]);
    }

    /// The next /v2 request's connection is dropped without a response (with `after_apply`:
    /// the next write's, once it was applied).
    #[pyo3(signature = (after_apply=false))]
    fn push_close_connection(&self, after_apply: bool) {
        self.push(vec![Fault::CloseConnection], after_apply);
    }

    fn clear_faults(&self) {
        self.inner.clear_faults()
    }

    fn revoke_access_tokens(&self) {
        self.inner.revoke_access_tokens()
    }

    /// Enforce `limit` requests per `window` seconds on /v2 (None turns it off).
    #[pyo3(signature = (limit=None, window=15.0))]
    fn set_rate_limit(&self, limit: Option<u32>, window: f64) -> PyResult<()> {
        let window = seconds(window, "window")?;
        self.inner.set_rate_limit(limit.map(|l| (l, window)));
        Ok(())
    }

    /// Stop serving and wait (at most five seconds) until the port is really closed, so that
    /// the next connection attempt is refused.
    fn shutdown(&self, py: Python<'_>) {
        self.inner.shutdown();
        let runtime = pyo3_async_runtimes::tokio::get_runtime();
        py.detach(|| {
            runtime.block_on(async {
                let _ = tokio::time::timeout(Duration::from_secs(5), self.inner.closed()).await;
            })
        });
    }
}
