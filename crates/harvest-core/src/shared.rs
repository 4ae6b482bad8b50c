//! The seam for state that several processes on one Harvest account share: request budgets
//! and OAuth token state. The client asks a [`SharedState`] for them at construction; the
//! implementation (Redis, in `harvest-shared`) is chosen by the binding, so this crate names
//! no store.

use std::sync::Arc;
use std::time::Duration;

use crate::auth::{Credentials, TokenStore};
use crate::ratelimit::{Budget, RateLimit};

pub trait SharedState: Send + Sync {
    /// The budget `name` (`general`, `reports`) of the account and credential of
    /// `credentials` at `base_url`, allowing `limit`. `lease`: how long a slot may be held
    /// by a process that vanished before releasing it.
    fn budget(
        &self,
        base_url: &str,
        credentials: &Credentials,
        name: &'static str,
        limit: RateLimit,
        lease: Duration,
    ) -> Arc<dyn Budget>;

    /// The shared OAuth token state of `credentials`; None for credentials that have none
    /// (a personal access token never changes).
    fn tokens(&self, base_url: &str, credentials: &Credentials) -> Option<Arc<dyn TokenStore>>;
}
