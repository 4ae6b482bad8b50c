//! Client-side request budgets, so that callers wait for budget instead of collecting 429s.
//!
//! Harvest allows 100 requests per 15 seconds, and 100 per 15 minutes under `/reports/`, per
//! account and token. Every connector in the process that talks to the same API with the same
//! account and credentials shares one budget (see `shared`), so ten connectors (or a
//! framework that builds one per call) cannot together exceed it.
//!
//! Several processes on one account need a budget kept outside any of them: [`Budget`] is the
//! seam. The client holds `Arc<dyn Budget>`; this module's [`Limiter`] is the in-process one,
//! and `harvest-shared` (which this crate does not know) keeps one in Redis.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::future::Future;
use std::hash::{Hash, Hasher};
use std::pin::Pin;
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

/// At most `requests` per sliding `window`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RateLimit {
    pub requests: u32,
    pub window: Duration,
}

impl RateLimit {
    pub const HARVEST_GENERAL: RateLimit = RateLimit {
        requests: 100,
        window: Duration::from_secs(15),
    };
    pub const HARVEST_REPORTS: RateLimit = RateLimit {
        requests: 100,
        window: Duration::from_secs(15 * 60),
    };
}

/// The budget of one account: requests in flight, and when the recent ones completed.
///
/// A slot is counted from the moment its request is sent until `window` after its response
/// arrived. Harvest counts a request when it arrives, which is between the two, so however the
/// travel times of requests vary, Harvest never sees more than `requests` in any window: no
/// clock margin to tune, no 429 under load.
#[derive(Debug)]
pub struct Limiter {
    limit: RateLimit,
    state: Mutex<State>,
    /// Signalled when a request completes, for callers waiting while every slot is in flight.
    completed: Notify,
}

#[derive(Debug, Default)]
struct State {
    in_flight: u32,
    /// Completion times, oldest first (pushed as requests complete, so in order).
    done: VecDeque<Instant>,
}

/// A slot held while its request is in flight; dropping it (response read, error, or a
/// cancelled call) starts the slot's window.
#[derive(Debug)]
pub struct Permit {
    limiter: Arc<Limiter>,
}

impl Drop for Permit {
    fn drop(&mut self) {
        {
            let mut state = self.limiter.lock();
            state.in_flight = state.in_flight.saturating_sub(1);
            state.done.push_back(Instant::now());
        }
        self.limiter.completed.notify_waiters();
    }
}

/// What a caller must wait for before trying again.
enum Wait {
    For(Duration),
    Completion,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            state: Mutex::new(State::default()),
            completed: Notify::new(),
        }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// Take a slot now, or say what to wait for.
    fn try_take(&self) -> Result<(), Wait> {
        let mut state = self.lock();
        let now = Instant::now();
        let window = self.limit.window;
        while state
            .done
            .front()
            .is_some_and(|t| now.duration_since(*t) >= window)
        {
            state.done.pop_front();
        }
        let used = state.in_flight as usize + state.done.len();
        if used < self.limit.requests.max(1) as usize {
            state.in_flight += 1;
            return Ok(());
        }
        match state.done.front() {
            Some(oldest) => Err(Wait::For(
                window.saturating_sub(now.duration_since(*oldest)),
            )),
            None => Err(Wait::Completion),
        }
    }

    /// Wait until the budget allows one more request, and hold its slot until the returned
    /// permit is dropped. Dropping this future while it waits (a cancelled call) takes nothing.
    pub async fn acquire(self: &Arc<Self>) -> Permit {
        loop {
            // Registered before checking, so a completion between the check and the wait is
            // not missed.
            let completed = self.completed.notified();
            match self.try_take() {
                Ok(()) => {
                    return Permit {
                        limiter: Arc::clone(self),
                    }
                }
                Err(wait) => {
                    log::debug!(
                        "rate limit of {} requests per {:.0} s reached: waiting",
                        self.limit.requests,
                        self.limit.window.as_secs_f64(),
                    );
                    match wait {
                        Wait::For(delay) => {
                            tokio::select! {
                                _ = tokio::time::sleep(delay) => {}
                                _ = completed => {}
                            }
                        }
                        Wait::Completion => completed.await,
                    }
                }
            }
        }
    }
}

/// A boxed future, so that [`Budget`] can be used as a trait object.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A slot of some budget, held while its request is in flight; dropping it (response read,
/// error, or a cancelled call) starts the slot's window, wherever the budget is kept.
pub struct Slot(#[allow(dead_code)] Box<dyn Send + Sync>);

impl Slot {
    pub fn new(held: impl Send + Sync + 'static) -> Self {
        Slot(Box::new(held))
    }
}

/// Where a request budget is kept: this process, or a store that several processes share.
pub trait Budget: Send + Sync {
    /// Wait until the budget allows one more request; hold the slot until the `Slot` drops.
    /// Dropping the future while it waits takes nothing.
    fn acquire(&self) -> BoxFuture<'_, Slot>;

    /// Harvest answered 429 with `Retry-After`: nobody sharing this budget should send before
    /// `wait` has passed. Awaited before the 429 is retried or returned, so the pause holds
    /// for the other sharers before this caller can send again. The calling request waits for
    /// its own retry anyway, so a budget of one process (this module's) has nothing to do.
    fn pause(&self, _wait: Duration) -> BoxFuture<'_, ()> {
        Box::pin(async {})
    }
}

impl Budget for Arc<Limiter> {
    fn acquire(&self) -> BoxFuture<'_, Slot> {
        Box::pin(async move { Slot::new(Limiter::acquire(self).await) })
    }
}

type Registry = Mutex<HashMap<(String, u64, u32, Duration), Weak<Limiter>>>;

/// The limiter shared by every connector of this process for `scope` (API root and account)
/// and `credential` (hashed, never stored), with this limit.
pub fn shared(scope: &str, credential: &str, limit: RateLimit) -> Arc<Limiter> {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    let registry = REGISTRY.get_or_init(|| Mutex::new(HashMap::new()));
    let mut hasher = DefaultHasher::new();
    credential.hash(&mut hasher);
    let key = (
        scope.to_string(),
        hasher.finish(),
        limit.requests,
        limit.window,
    );
    let mut map = match registry.lock() {
        Ok(map) => map,
        Err(poisoned) => poisoned.into_inner(),
    };
    map.retain(|_, limiter| limiter.strong_count() > 0);
    if let Some(existing) = map.get(&key).and_then(Weak::upgrade) {
        return existing;
    }
    let limiter = Arc::new(Limiter::new(limit));
    map.insert(key, Arc::downgrade(&limiter));
    limiter
}

#[cfg(test)]
mod tests {
    use super::*;

    fn per_second(n: u32) -> RateLimit {
        RateLimit {
            requests: n,
            window: Duration::from_secs(1),
        }
    }

    #[tokio::test(start_paused = true)]
    async fn waits_for_the_window_instead_of_exceeding_it() {
        let limiter = Arc::new(Limiter::new(per_second(10)));
        let start = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..25 {
            let limiter = Arc::clone(&limiter);
            tasks.push(tokio::spawn(async move {
                let permit = limiter.acquire().await;
                let sent = Instant::now().duration_since(start);
                drop(permit); // an instant request
                sent
            }));
        }
        let mut times = Vec::new();
        for task in tasks {
            times.push(task.await.unwrap());
        }
        times.sort();
        // 10 at once, 10 more one window later, the last 5 after another.
        let span = Duration::from_secs(1);
        assert!(times[..10].iter().all(|t| *t < span));
        assert!(times[10..20].iter().all(|t| *t >= span && *t < span * 2));
        assert!(times[20..].iter().all(|t| *t >= span * 2));
        // No sliding window of one second ever holds more than 10.
        for (i, t) in times.iter().enumerate() {
            let in_window = times[i..]
                .iter()
                .filter(|u| **u < *t + Duration::from_secs(1))
                .count();
            assert!(
                in_window <= 10,
                "{in_window} requests within a second from {t:?}"
            );
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_cancelled_wait_takes_no_slot() {
        let limiter = Arc::new(Limiter::new(per_second(1)));
        drop(limiter.acquire().await);
        let waited = tokio::time::timeout(Duration::from_millis(100), limiter.acquire()).await;
        assert!(waited.is_err(), "the second request must wait");
        tokio::time::sleep(Duration::from_secs(2)).await;
        let _held = limiter.acquire().await;
        assert!(
            limiter.try_take().is_err(),
            "exactly one slot was taken after the wait"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_slow_request_holds_its_slot_until_its_window_after_completion() {
        let limiter = Arc::new(Limiter::new(per_second(2)));
        let slow = limiter.acquire().await;
        drop(limiter.acquire().await);
        // The budget is used: one in flight, one completed now.
        let start = Instant::now();
        let waiter = {
            let limiter = Arc::clone(&limiter);
            tokio::spawn(async move {
                let _permit = limiter.acquire().await;
                Instant::now().duration_since(start)
            })
        };
        tokio::time::sleep(Duration::from_secs(5)).await;
        // The quick request's window ended after 1 s, which freed a slot for the waiter.
        let waited = waiter.await.unwrap();
        assert!(
            waited >= Duration::from_secs(1) && waited < Duration::from_millis(1100),
            "{waited:?}"
        );
        // The slow one, still in flight after 5 s, still counts: one slot of two is left.
        let other = limiter.acquire().await;
        assert!(limiter.try_take().is_err());
        drop(other);
        drop(slow);
        tokio::time::sleep(Duration::from_millis(999)).await;
        assert!(
            limiter.try_take().is_err(),
            "a slot is counted until a window after completion"
        );
        tokio::time::sleep(Duration::from_millis(2)).await;
        assert!(limiter.try_take().is_ok());
    }

    #[test]
    fn connectors_with_the_same_account_and_token_share_a_budget() {
        let a = shared("https://x/v2#1", "token", per_second(5));
        let b = shared("https://x/v2#1", "token", per_second(5));
        let other_token = shared("https://x/v2#1", "other", per_second(5));
        let other_account = shared("https://x/v2#2", "token", per_second(5));
        assert!(Arc::ptr_eq(&a, &b));
        assert!(!Arc::ptr_eq(&a, &other_token));
        assert!(!Arc::ptr_eq(&a, &other_account));
    }
}
