//! Rust `log` records reach Python's `logging` (logger `airbyte_agent_sdk`) without a worker
//! thread ever touching the interpreter: records are buffered here and handed to Python on the
//! event-loop thread, when completions are drained and when each call returns. (A bridge that
//! calls into Python from the logging thread, like pyo3-log, would reintroduce the shutdown race
//! that `completion.rs` exists to avoid.)

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

use log::{Level, LevelFilter, Log, Metadata, Record};
use pyo3::prelude::*;

/// Records kept at most between two flushes; beyond it the oldest are dropped (and counted).
const CAPACITY: usize = 1024;

struct Buffered {
    records: Mutex<VecDeque<(u8, String)>>,
    pending: AtomicBool,
    dropped: AtomicUsize,
}

static BUFFER: Buffered = Buffered {
    records: Mutex::new(VecDeque::new()),
    pending: AtomicBool::new(false),
    dropped: AtomicUsize::new(0),
};

struct BufferedLogger;

static LOGGER: BufferedLogger = BufferedLogger;

/// Python `logging` level numbers.
fn python_level(level: Level) -> u8 {
    match level {
        Level::Error => 40,
        Level::Warn => 30,
        Level::Info => 20,
        Level::Debug | Level::Trace => 10,
    }
}

impl Log for BufferedLogger {
    fn enabled(&self, metadata: &Metadata) -> bool {
        // Only the connector's own crates; the fake Harvest and the HTTP stack stay quiet.
        let target = metadata.target();
        [
            "harvest_core",
            "harvest_hosted",
            "harvest_shared",
            "harvest_store",
            "_native",
        ]
        .iter()
        .any(|own| {
            target
                .strip_prefix(own)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with("::"))
        })
    }

    fn log(&self, record: &Record) {
        if !self.enabled(record.metadata()) {
            return;
        }
        let mut records = match BUFFER.records.lock() {
            Ok(records) => records,
            Err(poisoned) => poisoned.into_inner(),
        };
        if records.len() >= CAPACITY {
            records.pop_front();
            BUFFER.dropped.fetch_add(1, Ordering::Relaxed);
        }
        records.push_back((python_level(record.level()), record.args().to_string()));
        BUFFER.pending.store(true, Ordering::Release);
    }

    fn flush(&self) {}
}

/// Install the buffering logger (once per process; a host that installed its own keeps it).
pub fn install() {
    if log::set_logger(&LOGGER).is_ok() {
        log::set_max_level(LevelFilter::Debug);
    }
}

/// Buffered records as `(level, message)`, oldest first, and how many were dropped since the
/// last call. Cheap when there are none.
#[pyfunction]
pub fn take_log_records() -> (Vec<(u8, String)>, usize) {
    if !BUFFER.pending.swap(false, Ordering::AcqRel) {
        return (Vec::new(), 0);
    }
    let mut records = match BUFFER.records.lock() {
        Ok(records) => records,
        Err(poisoned) => poisoned.into_inner(),
    };
    (
        records.drain(..).collect(),
        BUFFER.dropped.swap(0, Ordering::Relaxed),
    )
}
