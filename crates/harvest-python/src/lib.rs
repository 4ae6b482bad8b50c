//! The Python binding: the only place that uses pyo3.

mod calls;
mod completion;
mod connector;
mod errors;
mod gc_pause;
mod hosted;
mod json_build;
mod json_text;
mod logbridge;
mod page_text;
mod params;
mod records;
mod sandbox;
mod store;

use pyo3::prelude::*;

/// The catalogue as plain data (entities, actions, parameters).
#[pyfunction]
fn catalog(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
    Ok(pythonize::pythonize(
        py,
        &harvest_core::catalog::describe(),
    )?)
}

/// Parse a JSON document with the same one-pass builder responses use (for benchmarks and
/// tests of the builder itself).
#[pyfunction]
fn parse_json<'py>(py: Python<'py>, body: &[u8]) -> PyResult<Bound<'py, PyAny>> {
    json_build::parse_value(py, body, None)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add(
        "DEFAULT_USER_AGENT",
        harvest_core::client::DEFAULT_USER_AGENT,
    )?;
    m.add("DEFAULT_BASE_URL", harvest_core::client::DEFAULT_BASE_URL)?;
    m.add("DEFAULT_ID_URL", harvest_core::client::DEFAULT_ID_URL)?;
    m.add_function(wrap_pyfunction!(catalog, m)?)?;
    m.add_function(wrap_pyfunction!(parse_json, m)?)?;
    m.add_function(wrap_pyfunction!(json_text::dumps_json, m)?)?;
    m.add_function(wrap_pyfunction!(json_text::json_size, m)?)?;
    m.add_function(wrap_pyfunction!(logbridge::take_log_records, m)?)?;
    logbridge::install();
    m.add_class::<completion::CompletionQueue>()?;
    m.add_class::<records::PageRecords>()?;
    m.add_class::<connector::NativeConnector>()?;
    m.add_class::<sandbox::NativeSandbox>()?;
    m.add_class::<store::NativeStore>()?;
    // Hosted mode (the Airbyte API executor).
    m.add("DEFAULT_API_URL", harvest_hosted::DEFAULT_API_URL)?;
    m.add_class::<hosted::NativeHostedConnector>()?;
    m.add_function(wrap_pyfunction!(hosted::hosted_only_error, m)?)?;
    m.add_function(wrap_pyfunction!(hosted::connector_definition_id, m)?)?;
    Ok(())
}
