//! Calls in flight: each runs on the tokio runtime and reports to the completion queue of the
//! event loop that awaits it. One registry per native connector, so a call can be cancelled on
//! its own (its asyncio task was cancelled) or all at once (`close()`).

use std::collections::HashMap;
use std::future::Future;
use std::sync::{Arc, Mutex, MutexGuard};

use harvest_core::client::Outcome;
use harvest_core::error::Error;
use harvest_core::projection::Projection;

use super::completion::{next_call_id, CompletionQueue, Delivery, QueueInner};
use super::page_text::{self, Prepared};

struct InFlight {
    abort: tokio::task::AbortHandle,
    queue: Arc<QueueInner>,
}

type Calls = HashMap<u64, InFlight>;

#[derive(Default)]
pub struct CallRegistry {
    calls: Arc<Mutex<Calls>>,
}

fn lock(calls: &Mutex<Calls>) -> MutexGuard<'_, Calls> {
    match calls.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    }
}

impl CallRegistry {
    /// Run `work` on the runtime and report its result to `queue`; returns the call id.
    pub fn spawn<F>(&self, queue: &CompletionQueue, work: F) -> u64
    where
        F: Future<Output = Result<Outcome, Error>> + Send + 'static,
    {
        self.spawn_projected(queue, None, false, work)
    }

    /// [`spawn`](Self::spawn), with the records of the result built through `projection`;
    /// `unbuilt`: a list result's records are read as text here, on the runtime, and built
    /// only when Python asks for them (see `page_text`).
    pub fn spawn_projected<F>(
        &self,
        queue: &CompletionQueue,
        projection: Option<Arc<Projection>>,
        unbuilt: bool,
        work: F,
    ) -> u64
    where
        F: Future<Output = Result<Outcome, Error>> + Send + 'static,
    {
        let call_id = next_call_id();
        let calls = Arc::clone(&self.calls);
        let queue = Arc::clone(&queue.inner);
        let task_queue = Arc::clone(&queue);
        // Register before the task can finish, so its own removal always finds the entry.
        let mut registry = lock(&self.calls);
        let handle = pyo3_async_runtimes::tokio::get_runtime().spawn(async move {
            let mut delivery = Delivery {
                projection,
                text: None,
            };
            let result = match work.await {
                Ok(outcome) if unbuilt => {
                    let view = delivery.projection.as_deref().map(Projection::root);
                    match page_text::prepare(&outcome, view) {
                        Prepared::Text(text) => {
                            delivery.text = Some(text);
                            Ok(outcome)
                        }
                        Prepared::Invalid(error) => Err(error),
                        Prepared::Build => Ok(outcome),
                    }
                }
                other => other,
            };
            // Only a call that still owns its entry reports: a cancelled or closed call has
            // been answered already.
            if lock(&calls).remove(&call_id).is_some() {
                task_queue.push(call_id, result, delivery);
            }
        });
        registry.insert(
            call_id,
            InFlight {
                abort: handle.abort_handle(),
                queue,
            },
        );
        call_id
    }

    /// Abort one call. Returns whether it was still running.
    pub fn cancel(&self, call_id: u64) -> bool {
        match lock(&self.calls).remove(&call_id) {
            Some(in_flight) => {
                in_flight.abort.abort();
                true
            }
            None => false,
        }
    }

    /// Abort every call; each ends with `ConnectorClosedError`. Returns how many there were.
    pub fn close(&self) -> usize {
        let aborted: Vec<(u64, InFlight)> = lock(&self.calls).drain().collect();
        let count = aborted.len();
        for (call_id, in_flight) in aborted {
            in_flight.abort.abort();
            in_flight
                .queue
                .push(call_id, Err(Error::Closed), Delivery::default());
        }
        count
    }

    pub fn len(&self) -> usize {
        lock(&self.calls).len()
    }
}
