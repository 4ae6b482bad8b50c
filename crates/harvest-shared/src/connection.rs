//! One Redis connection manager per connector, opened at first use, and the health of the
//! store: the one log line when it becomes unreachable, the one when it is back, and how often
//! a process that has fallen back looks again.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Mutex;
use std::time::Duration;

use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use tokio::sync::OnceCell;
use tokio::time::Instant;

/// One Redis operation on loopback or a LAN takes well under a millisecond; one that has not
/// answered after this is treated as a store that is down, so calls fall back instead of
/// hanging.
const OPERATION_TIMEOUT: Duration = Duration::from_millis(750);
/// While the store is down, one operation in this long tries it again.
const PROBE_INTERVAL: Duration = Duration::from_secs(1);

pub(crate) struct Connection {
    client: redis::Client,
    /// The URL as logs may show it (no password).
    shown: String,
    manager: OnceCell<ConnectionManager>,
    /// None while the store answers; when down, the time of the next probe.
    down: Mutex<Option<Instant>>,
    /// How many processes were sharing the budgets when the store last answered (0: it never
    /// has), so that each takes its part of Harvest's limit while it cannot.
    processes: AtomicU32,
}

impl Connection {
    pub(crate) fn new(client: redis::Client, shown: String) -> Self {
        Connection {
            client,
            shown,
            manager: OnceCell::new(),
            down: Mutex::new(None),
            processes: AtomicU32::new(0),
        }
    }

    pub(crate) fn processes(&self) -> u32 {
        self.processes.load(Ordering::Relaxed).max(1)
    }

    pub(crate) fn saw_processes(&self, count: i64) {
        let count = u32::try_from(count.max(1)).unwrap_or(u32::MAX);
        self.processes.store(count, Ordering::Relaxed);
    }

    fn down_guard(&self) -> std::sync::MutexGuard<'_, Option<Instant>> {
        self.down.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Whether to ask the store now: always while it answers; while it is down, once per
    /// probe interval (the caller that gets the probe tries, the others fall back at once).
    fn may_try(&self) -> bool {
        let mut down = self.down_guard();
        match *down {
            None => true,
            Some(next_probe) if Instant::now() >= next_probe => {
                *down = Some(Instant::now() + PROBE_INTERVAL);
                true
            }
            Some(_) => false,
        }
    }

    fn failed(&self, reason: &str) {
        let mut down = self.down_guard();
        if down.is_none() {
            let processes = self.processes();
            log::warn!(
                "shared state {} is unreachable ({reason}): until it is back, this process keeps \
                 its own budgets at 1/{processes} of each limit ({processes} process(es) were \
                 sharing them) and refreshes OAuth tokens on its own",
                self.shown
            );
        }
        *down = Some(Instant::now() + PROBE_INTERVAL);
    }

    fn answered(&self) {
        let mut down = self.down_guard();
        if down.take().is_some() {
            log::warn!(
                "shared state {} is reachable again: budgets and OAuth tokens are shared",
                self.shown
            );
        }
    }

    /// Run one operation on the store, or None when it is down (or found down now).
    pub(crate) async fn run<T, F, Fut>(&self, operation: F) -> Option<T>
    where
        F: FnOnce(ConnectionManager) -> Fut,
        Fut: Future<Output = redis::RedisResult<T>>,
    {
        if !self.may_try() {
            return None;
        }
        let outcome = tokio::time::timeout(OPERATION_TIMEOUT, async {
            let manager = self
                .manager
                .get_or_try_init(|| {
                    let config = ConnectionManagerConfig::new()
                        .set_connection_timeout(OPERATION_TIMEOUT)
                        .set_response_timeout(OPERATION_TIMEOUT)
                        .set_number_of_retries(1);
                    ConnectionManager::new_with_config(self.client.clone(), config)
                })
                .await?;
            operation(manager.clone()).await
        })
        .await;
        match outcome {
            Ok(Ok(value)) => {
                self.answered();
                Some(value)
            }
            Ok(Err(error)) => {
                self.failed(&describe(&error));
                None
            }
            Err(_) => {
                self.failed(&format!(
                    "no answer within {} ms",
                    OPERATION_TIMEOUT.as_millis()
                ));
                None
            }
        }
    }
}

/// A Redis error in a few words, never with the URL (which may hold a password).
fn describe(error: &redis::RedisError) -> String {
    if error.is_connection_refusal() {
        "connection refused".to_string()
    } else if error.is_timeout() {
        "timed out".to_string()
    } else if error.is_io_error() || error.is_connection_dropped() {
        "connection lost".to_string()
    } else {
        format!("{:?}", error.kind())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn connection() -> Connection {
        let client = redis::Client::open("redis://127.0.0.1:1/0").expect("url");
        Connection::new(client, "redis://127.0.0.1:1/0".to_string())
    }

    #[tokio::test(start_paused = true)]
    async fn a_store_found_down_is_probed_once_a_second_until_it_answers() {
        let connection = connection();
        assert!(
            connection.may_try(),
            "a store not known to be down is asked"
        );
        connection.failed("connection refused");
        assert!(!connection.may_try(), "calls fall back at once");
        tokio::time::advance(PROBE_INTERVAL).await;
        assert!(connection.may_try(), "one call probes");
        assert!(!connection.may_try(), "the others still fall back");
        connection.failed("connection refused");
        tokio::time::advance(PROBE_INTERVAL).await;
        assert!(connection.may_try());
        connection.answered();
        assert!(
            connection.may_try() && connection.may_try(),
            "back: every call asks"
        );
    }

    #[test]
    fn the_part_of_the_limit_follows_the_processes_last_seen() {
        let connection = connection();
        assert_eq!(connection.processes(), 1, "never reached: the whole limit");
        connection.saw_processes(4);
        assert_eq!(connection.processes(), 4);
        connection.saw_processes(0);
        assert_eq!(connection.processes(), 1);
    }
}
