//! A list call's records as Python objects: built when the call completes, or kept unbuilt
//! ([`PageRecords`]) for a call made inside a tool, whose text `page_text` measured already.

use std::sync::Arc;

use pyo3::prelude::*;
use pyo3::types::{PyList, PyString};

use harvest_core::client::Outcome;
use harvest_core::error::{Error, Target};
use harvest_core::pagination::{ListOutcome, OnePage, OutcomeMeta};
use harvest_core::projection::{Projection, View};

use super::errors::exception_object;
use super::gc_pause::{GcPause, PAUSE_FROM_BYTES};
use super::json_build::{read_page, ReadError, Select};
use super::json_text;
use super::page_text::{PageText, PREVIEW_KEEP};

/// The records of one page as Python objects (with `view` applied), and the call's meta.
pub fn page_records<'py>(
    py: Python<'py>,
    page: &OnePage,
    view: Option<View<'_>>,
) -> PyResult<(Bound<'py, PyList>, OutcomeMeta)> {
    let _pause = pause_gc_for(py, page.body.len())?;
    let records = PyList::empty(py);
    match read_page(
        py,
        &page.body,
        page.record_key,
        Select::After(page.skip),
        view,
        &records,
    ) {
        Ok(meta) => Ok((records, page.finish(&meta))),
        Err(error) => Err(read_error(py, error, &page.target)),
    }
}

/// A body that turned out not to be a list envelope is Harvest's fault, not the caller's: the
/// same `InvalidResponseError`, naming the request, as any other bad answer.
fn read_error(py: Python<'_>, error: ReadError, target: &Target) -> PyErr {
    let reason = match error {
        ReadError::Python(err) => return err,
        ReadError::Body(reason) => reason,
        // Only the text pass gives up, and its bodies are built this way instead.
        ReadError::GaveUp => "the body could not be read".to_string(),
    };
    let error = Error::InvalidResponse {
        target: target.clone(),
        reason,
    };
    match exception_object(py, &error) {
        Ok(exception) => PyErr::from_value(exception.into_bound(py)),
        Err(err) => err,
    }
}

fn pause_gc_for(py: Python<'_>, size: usize) -> PyResult<Option<GcPause<'_>>> {
    (size >= PAUSE_FROM_BYTES)
        .then(|| GcPause::new(py))
        .transpose()
}

/// The selected records of every page a walk read, in order. Each page's ids and meta were
/// read as it arrived; what that pass does not check (the text inside strings) is checked
/// here, and reported the same way.
pub fn walk_records<'py>(
    py: Python<'py>,
    list: &ListOutcome,
    view: Option<View<'_>>,
) -> PyResult<Bound<'py, PyList>> {
    let size: usize = list.parts.iter().map(|part| part.body.len()).sum();
    let _pause = pause_gc_for(py, size)?;
    let out = PyList::empty(py);
    for part in &list.parts {
        let select = Select::Kept(&part.keep);
        read_page(py, &part.body, list.record_key, select, view, &out)
            .map_err(|error| read_error(py, error, &list.target))?;
    }
    Ok(out)
}

/// The records of a list call, unbuilt: the response bytes, the projection to build them
/// through, and the text `json.dumps` would give for them, measured from the bytes. `records()`
/// builds them once (the bytes are let go then); `json_size()` answers without building.
#[pyclass(module = "airbyte_agent_sdk._native")]
pub struct PageRecords {
    outcome: Option<Outcome>,
    projection: Option<Arc<Projection>>,
    chars: usize,
    preview: String,
    built: Option<Py<PyList>>,
}

impl PageRecords {
    pub fn new(outcome: Outcome, projection: Option<Arc<Projection>>, text: PageText) -> Self {
        PageRecords {
            outcome: Some(outcome),
            projection,
            chars: text.chars,
            preview: text.preview,
            built: None,
        }
    }
}

/// `{"data": [`, then the records, then this, then the meta's text and `}`: how `json.dumps`
/// writes `{"data": records, "meta": meta}`.
const BEFORE_RECORDS: &str = "{\"data\": [";
const BEFORE_META: &str = "], \"meta\": ";

#[pymethods]
impl PageRecords {
    /// The records as a list of dicts (built at the first call; the same list after that).
    fn records(&mut self, py: Python<'_>) -> PyResult<Py<PyList>> {
        if let Some(built) = &self.built {
            return Ok(built.clone_ref(py));
        }
        let view = self.projection.as_deref().map(Projection::root);
        let records = match &self.outcome {
            Some(Outcome::Page(page)) => page_records(py, page, view)?.0,
            Some(Outcome::List(list)) => walk_records(py, list, view)?,
            _ => PyList::empty(py),
        };
        let records = records.unbind();
        self.built = Some(records.clone_ref(py));
        self.outcome = None;
        self.projection = None;
        Ok(records)
    }

    /// Whether `records()` has been called (from then on the list may have been changed, and
    /// only its own text counts).
    #[getter]
    fn built(&self) -> bool {
        self.built.is_some()
    }

    /// `(len(text), text[:preview])` of `json.dumps({"data": records, "meta": meta},
    /// default=str, ensure_ascii=False)`, without building the records; None once they are
    /// built, for a longer preview than is kept, or a meta `json_text` leaves to `json.dumps`.
    fn json_size(
        &self,
        py: Python<'_>,
        meta: &Bound<'_, PyAny>,
        preview: usize,
    ) -> Option<(usize, Py<PyString>)> {
        if self.built.is_some() || preview > PREVIEW_KEEP {
            return None;
        }
        let meta = json_text::write(py, meta)?;
        let meta = std::str::from_utf8(&meta).ok()?;
        let meta_chars = meta.chars().count();
        let length = BEFORE_RECORDS.len() + self.chars + BEFORE_META.len() + meta_chars + 1;
        let mut text = String::with_capacity(preview + 16);
        text.push_str(BEFORE_RECORDS);
        text.push_str(&self.preview);
        if self.chars <= PREVIEW_KEEP {
            // The whole records' text is kept: what follows it is known too.
            text.push_str(BEFORE_META);
            text.push_str(meta);
            text.push('}');
        }
        let end = text
            .char_indices()
            .nth(preview)
            .map_or(text.len(), |(at, _)| at);
        Some((length, PyString::new(py, &text[..end]).unbind()))
    }
}
