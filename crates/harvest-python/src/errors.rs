//! The one conversion from the core's `Error` to a Python exception. The classes are defined
//! once, in `airbyte_agent_sdk/errors.py`; each takes `(message, details)`.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

use harvest_core::error::Error;

static ERRORS_MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();

/// The Python class for each error variant.
fn class_name(error: &Error) -> &'static str {
    match error {
        Error::UnknownEntity { .. } => "EntityNotFoundError",
        Error::UnknownAction { .. } => "ActionNotSupportedError",
        Error::MissingParameter { .. } | Error::NeedsOneOf { .. } => "MissingParameterError",
        Error::WritesDisabled { .. } => "WritesDisabledError",
        Error::HostedWrite { .. } => "HostedWritesUnsupportedError",
        // The class of what happened (a 500, a timeout); its details say the rest.
        Error::MaybeApplied { inner, .. } => class_name(inner),
        Error::InvalidParameter { .. }
        | Error::UnknownParameter { .. }
        | Error::UnknownField { .. }
        | Error::InvalidParams { .. } => "InvalidParameterError",
        Error::HttpStatus { status, .. } => match status {
            401 | 403 => "AuthenticationError",
            404 => "NotFoundError",
            400 | 422 => "ConnectorValidationError",
            429 => "RateLimitError",
            _ => "HTTPStatusError",
        },
        Error::Network { .. } => "NetworkError",
        Error::Timeout { .. } => "TimeoutError",
        Error::InvalidResponse { .. } => "InvalidResponseError",
        Error::TokenRefresh { .. } => "AuthenticationError",
        Error::Closed => "ConnectorClosedError",
        Error::Config { .. } | Error::MissingCredentials { .. } => "ConfigurationError",
        Error::AirbyteStatus { status, .. } => match status {
            401 | 403 => "AuthenticationError",
            404 => "NotFoundError",
            400 | 422 => "ConnectorValidationError",
            429 => "RateLimitError",
            _ => "HTTPStatusError",
        },
        Error::ConnectorNotFound { .. } => "ConnectorNotFoundError",
        Error::ConnectorAmbiguous { .. } => "ConnectorAmbiguityError",
        Error::UnknownConnector { .. } => "UnknownConnectorError",
        Error::HostedModeRequired { .. } => "HostedModeRequiredError",
        Error::Store { .. } => "StoreError",
        Error::StoreAccount { .. } => "ConfigurationError",
        Error::SqlRefused { .. } => "SqlNotAllowedError",
        Error::StoreUnsupported { .. } => "ActionNotSupportedError",
    }
}

/// Build the exception instance (not raised), e.g. to hand to an asyncio future.
pub fn exception_object(py: Python<'_>, error: &Error) -> PyResult<Py<PyAny>> {
    let module = ERRORS_MODULE.get_or_try_init(py, || {
        PyModule::import(py, "airbyte_agent_sdk.errors").map(Bound::unbind)
    })?;
    let class = module.bind(py).getattr(class_name(error))?;
    let details = pythonize::pythonize(py, &error.details())?;
    Ok(class.call1((error.to_string(), details))?.unbind())
}

/// Convert for raising: `Err(to_pyerr(py, &e))?`.
pub fn to_pyerr(py: Python<'_>, error: &Error) -> PyErr {
    match exception_object(py, error) {
        Ok(instance) => PyErr::from_value(instance.into_bound(py)),
        Err(failed) => failed,
    }
}
