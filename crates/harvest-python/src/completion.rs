//! How finished calls get back to asyncio without a Rust thread ever touching the interpreter.
//!
//! The usual bridge (`future_into_py`) resolves the asyncio future from a tokio worker thread,
//! which must attach to the interpreter to do so. At interpreter shutdown that races
//! finalisation (a worker attaching while the interpreter is being torn down is killed by
//! CPython mid-Rust-frame, which aborts the process). Here workers only push owned Rust results
//! into a queue and write one byte to a pipe; the event loop watches the pipe (`add_reader`) and
//! drains the queue on its own thread, where Python objects are built and futures resolved. So
//! no Python object is created, touched or dropped off the event-loop thread, and a process
//! that exits with calls in flight simply leaves the workers blocked in Rust.

use std::fs::File;
use std::io::Write;
use std::os::fd::{BorrowedFd, RawFd};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyTuple};

use harvest_core::client::Outcome;
use harvest_core::error::Error;
use harvest_core::pagination::OutcomeMeta;
use harvest_core::projection::{Projection, View};

use super::errors::exception_object;
use super::json_build::parse_value;
use super::page_text::PageText;
use super::records::{page_records, walk_records, PageRecords};

/// A new call id. Ids are process-wide, not per connector: every connector used on one event
/// loop shares that loop's queue and table of pending futures, so two connectors numbering
/// their calls from 1 would answer each other's futures (and leave one waiting forever).
pub fn next_call_id() -> u64 {
    static NEXT: AtomicU64 = AtomicU64::new(1);
    NEXT.fetch_add(1, Ordering::Relaxed)
}

/// How a finished call's records are to reach Python: built through `projection`, or, when
/// the pass of `page_text` read them already, kept unbuilt with their measured text.
#[derive(Default)]
pub struct Delivery {
    pub projection: Option<Arc<Projection>>,
    pub text: Option<PageText>,
}

/// A finished call: its id, its result, and how its records are delivered.
type Finished = (u64, Result<Outcome, Error>, Delivery);

#[derive(Default)]
struct State {
    ready: Vec<Finished>,
    /// A wake byte is in the pipe and not yet drained: no need to write another.
    signalled: bool,
}

pub struct QueueInner {
    state: Mutex<State>,
    wake: File,
}

impl QueueInner {
    /// Called from tokio workers: pure Rust, never attaches to the interpreter.
    pub fn push(&self, call_id: u64, result: Result<Outcome, Error>, delivery: Delivery) {
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        state.ready.push((call_id, result, delivery));
        if !state.signalled {
            state.signalled = true;
            // Non-blocking pipe: if it is somehow full a wake-up is pending anyway; if the
            // loop is gone (read end closed) nobody is waiting for the result.
            let _ = (&self.wake).write(&[1]);
        }
    }

    fn take(&self) -> Vec<Finished> {
        let mut state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        state.signalled = false;
        std::mem::take(&mut state.ready)
    }
}

/// One per asyncio event loop (created by `airbyte_agent_sdk._bridge`).
#[pyclass(frozen, module = "airbyte_agent_sdk._native")]
pub struct CompletionQueue {
    pub inner: Arc<QueueInner>,
}

#[pymethods]
impl CompletionQueue {
    /// `wake_fd` is the non-blocking write end of a pipe; the queue keeps its own duplicate.
    #[new]
    fn new(wake_fd: RawFd) -> PyResult<Self> {
        if wake_fd < 0 {
            return Err(pyo3::exceptions::PyValueError::new_err(
                "wake_fd must be an open file descriptor",
            ));
        }
        // SAFETY: the caller passes an fd it keeps open for the duration of this call; we
        // only duplicate it.
        let borrowed = unsafe { BorrowedFd::borrow_raw(wake_fd) };
        let owned = borrowed.try_clone_to_owned()?;
        Ok(CompletionQueue {
            inner: Arc::new(QueueInner {
                state: Mutex::new(State::default()),
                wake: File::from(owned),
            }),
        })
    }

    /// Finished calls as `(call_id, ok, value)`: `value` is the result, or the exception to
    /// raise when `ok` is False. A list result is `(records, meta)`, an object a dict.
    fn drain<'py>(&self, py: Python<'py>) -> PyResult<Vec<(u64, bool, Py<PyAny>)>> {
        let mut out = Vec::new();
        for (call_id, result, delivery) in self.inner.take() {
            let converted = match result {
                Ok(outcome) => match deliver(py, outcome, delivery) {
                    Ok(value) => (call_id, true, value),
                    Err(err) => (call_id, false, err.into_value(py).into_any()),
                },
                Err(error) => (call_id, false, exception_object(py, &error)?),
            };
            out.push(converted);
        }
        Ok(out)
    }
}

fn deliver(py: Python<'_>, outcome: Outcome, delivery: Delivery) -> PyResult<Py<PyAny>> {
    let Delivery { projection, text } = delivery;
    if let Some(text) = text {
        let meta = meta_dict(py, &text.meta)?;
        let records = PageRecords::new(outcome, projection, text);
        let records = Bound::new(py, records)?;
        return Ok(PyTuple::new(py, [records.into_any(), meta.into_any()])?
            .into_any()
            .unbind());
    }
    let view = projection.as_deref().map(Projection::root);
    to_python(py, &outcome, view)
}

fn to_python(py: Python<'_>, outcome: &Outcome, view: Option<View<'_>>) -> PyResult<Py<PyAny>> {
    match outcome {
        Outcome::Page(page) => {
            let (records, meta) = page_records(py, page, view)?;
            list_result(py, records, &meta)
        }
        Outcome::List(list) => {
            let records = walk_records(py, list, view)?;
            list_result(py, records, &list.meta)
        }
        Outcome::Deleted(summary) => Ok(pythonize::pythonize(py, summary)?.unbind()),
        Outcome::Object(body) => {
            if body.is_empty() {
                return Ok(PyDict::new(py).into_any().unbind());
            }
            Ok(parse_value(py, body, view)?.unbind())
        }
    }
}

/// A list result: `(records, meta)`.
fn list_result(
    py: Python<'_>,
    records: Bound<'_, PyList>,
    meta: &OutcomeMeta,
) -> PyResult<Py<PyAny>> {
    let meta = meta_dict(py, meta)?;
    Ok(PyTuple::new(py, [records.into_any(), meta.into_any()])?
        .into_any()
        .unbind())
}

pub fn meta_dict<'py>(py: Python<'py>, meta: &OutcomeMeta) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("next_link", meta.next_link.as_deref())?;
    dict.set_item("next_cursor", meta.next_cursor.as_deref())?;
    dict.set_item("has_more", meta.has_more)?;
    dict.set_item("page", meta.page)?;
    dict.set_item("per_page", meta.per_page)?;
    dict.set_item("total_pages", meta.total_pages)?;
    dict.set_item("total_entries", meta.total_entries)?;
    Ok(dict)
}
