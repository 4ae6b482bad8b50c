//! Holding off CPython's cyclic garbage collector while a large result is built.
//!
//! Every dict the builder makes counts towards the collector's next young-generation pass,
//! so a page of 2,000 records triggers about twenty passes while it is being built, and each
//! promotes what it saw towards the older generations, whose passes then walk the whole
//! page again (and, every few pages, every object of the process). The records being built
//! cannot form cycles, so those passes find nothing: the collector is paused for the build
//! and resumed afterwards, when one young pass sees the finished page once. The GIL is held
//! throughout, so no other thread runs Python in between.

use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyModule;

/// Results smaller than this are built with the collector running: for them a pause would
/// cost more (two calls into `gc`) than the passes it avoids.
pub const PAUSE_FROM_BYTES: usize = 256 * 1024;

/// Resumes the collector when dropped, if it was running when the pause began (a caller that
/// disabled it keeps it disabled).
pub struct GcPause<'py> {
    gc: Option<Bound<'py, PyModule>>,
}

impl<'py> GcPause<'py> {
    pub fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        static GC: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
        let gc = GC
            .get_or_try_init(py, || py.import("gc").map(Bound::unbind))?
            .bind(py)
            .clone();
        if !gc.call_method0("isenabled")?.is_truthy()? {
            return Ok(GcPause { gc: None });
        }
        gc.call_method0("disable")?;
        Ok(GcPause { gc: Some(gc) })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        if let Some(gc) = self.gc.take() {
            // Cannot fail short of interpreter teardown; then there is nothing to resume.
            let _ = gc.call_method0("enable");
        }
    }
}
