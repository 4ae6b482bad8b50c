//! The Airbyte application token: fetched on first use, kept until shortly before the
//! `expires_in` the API gave, renewed once after a 401. Single flight: however many calls need
//! a token at once, one request is made and the others wait for it. The lock is held only
//! around the token request, never around an API call.

use std::future::Future;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex as SyncMutex;
use std::time::Duration;

use tokio::sync::Mutex;
use tokio::time::Instant;

use harvest_core::auth::Secret;
use harvest_core::error::Result;

/// Used when the token response has no `expires_in`: the lifetime the reference assumed
/// (15 minutes) less its one-minute margin.
pub const ASSUMED_LIFETIME: Duration = Duration::from_secs(14 * 60);

/// A token response.
pub struct Fetched {
    pub access_token: Secret,
    /// Seconds, as the API said.
    pub expires_in: Option<f64>,
}

/// The token a request was sent with, and its generation, so that a 401 can tell whether
/// another call has renewed it since.
#[derive(Clone, Debug)]
pub struct AppToken {
    pub value: Secret,
    pub generation: u64,
}

struct Cached {
    value: Secret,
    renew_at: Instant,
}

#[derive(Default)]
pub struct TokenCache {
    state: Mutex<Option<Cached>>,
    /// Bumped after every successful fetch; readable without the lock.
    generation: AtomicU64,
    /// The latest token, for redaction (readable from sync code).
    latest: SyncMutex<Option<Secret>>,
}

/// When to stop using a token fetched at `now`: a tenth of its lifetime early, at most a
/// minute. `expires_in` of zero (or less) means it must not be reused.
pub fn renew_at(now: Instant, expires_in: Option<f64>) -> Instant {
    let lifetime = match expires_in {
        Some(seconds) if seconds.is_finite() => Duration::from_secs_f64(seconds.clamp(0.0, 1e9)),
        _ => ASSUMED_LIFETIME,
    };
    let margin = (lifetime / 10).min(Duration::from_secs(60));
    now + (lifetime - margin)
}

impl TokenCache {
    /// The token to send now, fetching one if there is none or it is due for renewal. A
    /// caller that waited while another fetched uses that token as it is.
    pub async fn bearer<F, Fut>(&self, fetch: F) -> Result<AppToken>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fetched>>,
    {
        let seen = self.generation.load(Ordering::Acquire);
        let mut state = self.state.lock().await;
        let generation = self.generation.load(Ordering::Acquire);
        if let Some(cached) = state.as_ref() {
            if generation != seen || Instant::now() < cached.renew_at {
                return Ok(AppToken {
                    value: cached.value.clone(),
                    generation,
                });
            }
        }
        self.store(&mut state, fetch().await?)
    }

    /// After a 401 with `failed`: a new token, unless another call has already renewed it
    /// since `failed` was handed out (then that one).
    pub async fn renew<F, Fut>(&self, failed: &AppToken, fetch: F) -> Result<AppToken>
    where
        F: FnOnce() -> Fut,
        Fut: Future<Output = Result<Fetched>>,
    {
        let mut state = self.state.lock().await;
        let generation = self.generation.load(Ordering::Acquire);
        if generation != failed.generation {
            if let Some(cached) = state.as_ref() {
                return Ok(AppToken {
                    value: cached.value.clone(),
                    generation,
                });
            }
        }
        self.store(&mut state, fetch().await?)
    }

    fn store(&self, state: &mut Option<Cached>, fetched: Fetched) -> Result<AppToken> {
        let renew_at = renew_at(Instant::now(), fetched.expires_in);
        *state = Some(Cached {
            value: fetched.access_token.clone(),
            renew_at,
        });
        match self.latest.lock() {
            Ok(mut latest) => *latest = Some(fetched.access_token.clone()),
            Err(poisoned) => *poisoned.into_inner() = Some(fetched.access_token.clone()),
        }
        let generation = self.generation.fetch_add(1, Ordering::AcqRel) + 1;
        Ok(AppToken {
            value: fetched.access_token,
            generation,
        })
    }

    /// The latest token, if any (to keep it out of messages).
    pub fn latest(&self) -> Option<Secret> {
        match self.latest.lock() {
            Ok(latest) => latest.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::AtomicUsize;
    use std::sync::Arc;

    #[test]
    fn renewal_time_follows_expires_in() {
        let now = Instant::now();
        assert_eq!(renew_at(now, Some(3600.0)), now + Duration::from_secs(3540));
        assert_eq!(renew_at(now, Some(100.0)), now + Duration::from_secs(90));
        assert_eq!(renew_at(now, Some(0.0)), now);
        assert_eq!(renew_at(now, Some(-5.0)), now);
        assert_eq!(
            renew_at(now, None),
            now + ASSUMED_LIFETIME - Duration::from_secs(60)
        );
        assert_eq!(
            renew_at(now, Some(f64::NAN)),
            renew_at(now, None),
            "a nonsense lifetime is treated as absent"
        );
    }

    fn fetcher(count: &Arc<AtomicUsize>, expires_in: f64) -> impl Future<Output = Result<Fetched>> {
        let count = Arc::clone(count);
        async move {
            let n = count.fetch_add(1, Ordering::SeqCst) + 1;
            tokio::task::yield_now().await;
            Ok(Fetched {
                access_token: Secret::new(format!("tok-{n}")),
                expires_in: Some(expires_in),
            })
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_first_use_fetches_once() {
        let cache = Arc::new(TokenCache::default());
        let count = Arc::new(AtomicUsize::new(0));
        let tasks: Vec<_> = (0..20)
            .map(|_| {
                let cache = Arc::clone(&cache);
                let count = Arc::clone(&count);
                tokio::spawn(async move { cache.bearer(|| fetcher(&count, 3600.0)).await })
            })
            .collect();
        for task in tasks {
            assert_eq!(task.await.unwrap().unwrap().value.expose(), "tok-1");
        }
        assert_eq!(count.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(start_paused = true)]
    async fn expiry_and_renewal_after_401() {
        let cache = TokenCache::default();
        let count = Arc::new(AtomicUsize::new(0));
        let first = cache.bearer(|| fetcher(&count, 100.0)).await.unwrap();
        tokio::time::advance(Duration::from_secs(89)).await;
        assert_eq!(
            cache.bearer(|| fetcher(&count, 100.0)).await.unwrap().value,
            first.value
        );
        tokio::time::advance(Duration::from_secs(2)).await;
        let second = cache.bearer(|| fetcher(&count, 100.0)).await.unwrap();
        assert_eq!(second.value.expose(), "tok-2");
        // Two calls fail with the same token: only the first renews.
        let third = cache
            .renew(&second, || fetcher(&count, 100.0))
            .await
            .unwrap();
        let again = cache
            .renew(&second, || fetcher(&count, 100.0))
            .await
            .unwrap();
        assert_eq!(
            (third.value.expose(), again.value.expose()),
            ("tok-3", "tok-3")
        );
        assert_eq!(count.load(Ordering::SeqCst), 3);
        assert_eq!(cache.latest().unwrap().expose(), "tok-3");
    }

    #[tokio::test]
    async fn a_failed_fetch_leaves_nothing_cached() {
        let cache = TokenCache::default();
        let failed = cache
            .bearer(|| async {
                Err(harvest_core::error::Error::Config {
                    field: "x",
                    reason: "boom".into(),
                })
            })
            .await;
        assert!(failed.is_err());
        let count = Arc::new(AtomicUsize::new(0));
        assert_eq!(
            cache
                .bearer(|| fetcher(&count, 60.0))
                .await
                .unwrap()
                .value
                .expose(),
            "tok-1"
        );
    }
}
