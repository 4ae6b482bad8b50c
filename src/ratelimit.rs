//! Client-side request budgets, so that callers wait for budget instead of collecting 429s.
//!
//! Harvest allows 100 requests per 15 seconds, and 100 per 15 minutes under `/reports/`, per
//! account and token. Every connector in the process that talks to the same API with the same
//! account and credentials shares one budget (see `shared`), so ten connectors (or a
//! framework that builds one per call) cannot together exceed it.

use std::collections::hash_map::DefaultHasher;
use std::collections::{HashMap, VecDeque};
use std::hash::{Hash, Hasher};
use std::sync::{Arc, Mutex, OnceLock, Weak};
use std::time::Duration;

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

/// Clocks of client and server differ by the request's travel time; a slot is reused only
/// this long after its window ended, so the server never counts one request too many.
const SAFETY_MARGIN: Duration = Duration::from_millis(50);

/// A sliding-window log of the requests sent under one budget.
#[derive(Debug)]
pub struct Limiter {
    limit: RateLimit,
    sent: Mutex<VecDeque<Instant>>,
}

impl Limiter {
    pub fn new(limit: RateLimit) -> Self {
        Limiter {
            limit,
            sent: Mutex::new(VecDeque::new()),
        }
    }

    pub fn limit(&self) -> RateLimit {
        self.limit
    }

    /// Take a slot now, or say how long until one frees up.
    fn try_take(&self) -> Result<(), Duration> {
        let mut sent = match self.sent.lock() {
            Ok(sent) => sent,
            Err(poisoned) => poisoned.into_inner(),
        };
        let now = Instant::now();
        let span = self.limit.window + SAFETY_MARGIN;
        while sent.front().is_some_and(|t| now.duration_since(*t) >= span) {
            sent.pop_front();
        }
        if sent.len() < self.limit.requests.max(1) as usize {
            sent.push_back(now);
            return Ok(());
        }
        let oldest = sent.front().copied().unwrap_or(now);
        Err(span.saturating_sub(now.duration_since(oldest)))
    }

    /// Wait until the budget allows one more request, and take it. Dropping the future while
    /// it waits (a cancelled call) takes nothing.
    pub async fn acquire(&self) {
        loop {
            match self.try_take() {
                Ok(()) => return,
                Err(wait) => {
                    log::debug!(
                        "rate limit of {} requests per {:.0} s reached: waiting {:.2} s",
                        self.limit.requests,
                        self.limit.window.as_secs_f64(),
                        wait.as_secs_f64()
                    );
                    tokio::time::sleep(wait).await;
                }
            }
        }
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
                limiter.acquire().await;
                Instant::now().duration_since(start)
            }));
        }
        let mut times = Vec::new();
        for task in tasks {
            times.push(task.await.unwrap());
        }
        times.sort();
        // 10 at once, 10 more one window (plus margin) later, the last 5 after another.
        let span = Duration::from_secs(1) + SAFETY_MARGIN;
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
        let limiter = Limiter::new(per_second(1));
        limiter.acquire().await;
        let waited = tokio::time::timeout(Duration::from_millis(100), limiter.acquire()).await;
        assert!(waited.is_err(), "the second request must wait");
        tokio::time::sleep(Duration::from_secs(2)).await;
        limiter.acquire().await;
        assert!(
            limiter.try_take().is_err(),
            "exactly one slot was taken after the wait"
        );
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
