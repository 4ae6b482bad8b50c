//! Harvest's request throttle (harvest-api.md §4): at most N requests per
//! sliding window; the excess gets 429 with `Retry-After` in whole seconds.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

#[derive(Debug, Default)]
pub(crate) struct Throttle {
    limit: Option<(u32, Duration)>,
    /// Arrival times of the admitted requests still inside the window.
    admitted: VecDeque<Instant>,
}

impl Throttle {
    pub(crate) fn configure(&mut self, limit: Option<(u32, Duration)>) {
        self.limit = limit;
        self.admitted.clear();
    }

    /// `Ok(())` admits the request; `Err(seconds)` is the Retry-After value.
    /// Rejected requests do not count against the window.
    pub(crate) fn admit(&mut self, now: Instant) -> Result<(), u64> {
        let Some((limit, window)) = self.limit else {
            return Ok(());
        };
        while let Some(&oldest) = self.admitted.front() {
            if now.saturating_duration_since(oldest) >= window {
                self.admitted.pop_front();
            } else {
                break;
            }
        }
        if self.admitted.len() < limit as usize {
            self.admitted.push_back(now);
            return Ok(());
        }
        let wait = self
            .admitted
            .front()
            .and_then(|oldest| oldest.checked_add(window))
            .map_or(window, |free_at| free_at.saturating_duration_since(now));
        Err(whole_seconds_at_least_one(wait))
    }
}

fn whole_seconds_at_least_one(wait: Duration) -> u64 {
    let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
    seconds.max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sliding_window_admits_after_expiry() {
        let mut throttle = Throttle::default();
        let start = Instant::now();
        assert_eq!(throttle.admit(start), Ok(()));
        throttle.configure(Some((2, Duration::from_millis(1500))));
        assert_eq!(throttle.admit(start), Ok(()));
        assert_eq!(throttle.admit(start + Duration::from_millis(100)), Ok(()));
        assert_eq!(throttle.admit(start + Duration::from_millis(200)), Err(2));
        assert_eq!(throttle.admit(start + Duration::from_millis(1450)), Err(1));
        assert_eq!(throttle.admit(start + Duration::from_millis(1500)), Ok(()));
        throttle.configure(Some((0, Duration::from_secs(15))));
        assert_eq!(throttle.admit(start), Err(15));
        throttle.configure(None);
        assert_eq!(throttle.admit(start), Ok(()));
    }
}
