//! State that many processes on one Harvest account share, kept in Redis: request budgets
//! (with Harvest's `Retry-After` pauses) and OAuth token state. It implements the seams of
//! `harvest-core` (`ratelimit::Budget`, `auth::TokenStore`, `shared::SharedState`), which does
//! not know this crate; the binding wires it in when a connector is given `shared_state`.
//!
//! Redis unreachable: each call falls back to an in-process budget holding this process's part
//! of the limit (the limit divided by the processes last seen sharing it) and OAuth refreshes
//! happen per process; one log line says so, another when Redis is back, and the store is
//! tried again once a second meanwhile.

mod budget;
mod connection;
mod keys;
mod tokens;

use std::sync::Arc;
use std::time::Duration;

use harvest_core::auth::{Credentials, TokenStore};
use harvest_core::error::Error;
use harvest_core::ratelimit::{Budget, RateLimit};
use harvest_core::shared::SharedState;

use crate::budget::RedisBudget;
use crate::connection::Connection;
use crate::tokens::RedisTokens;

/// What `shared_state` accepts, for error messages.
pub const ACCEPTED: &str = "redis://[[user]:password@]host[:port][/db]";

/// One connector's handle on the shared store: one connection manager, opened at first use.
pub struct RedisState {
    connection: Arc<Connection>,
}

impl RedisState {
    /// Check `url` now (a malformed one is a construction error); connect at first use.
    pub fn open(url: &str) -> Result<Self, Error> {
        let invalid = |reason: String| Error::Config {
            field: "shared_state",
            reason: format!("{reason}; accepted: {ACCEPTED}"),
        };
        // Never quote the URL back: it may hold a password.
        let parsed =
            url::Url::parse(url.trim()).map_err(|e| invalid(format!("not a URL ({e})")))?;
        match parsed.scheme() {
            "redis" => {}
            "rediss" => {
                return Err(invalid(
                    "TLS (rediss://) is not supported yet: reach Redis over a private network \
                     or a local TLS tunnel"
                        .to_string(),
                ))
            }
            other => return Err(invalid(format!("the scheme is '{other}', not 'redis'"))),
        }
        if parsed.host_str().is_none_or(str::is_empty) {
            return Err(invalid("it names no host".to_string()));
        }
        let db = parsed.path().trim_start_matches('/');
        if !db.is_empty() && db.parse::<u32>().is_err() {
            return Err(invalid("the path must be a database number".to_string()));
        }
        if parsed.query().is_some() || parsed.fragment().is_some() {
            return Err(invalid("it must have no query or fragment".to_string()));
        }
        let client = redis::Client::open(parsed.as_str())
            .map_err(|e| invalid(format!("not a Redis URL ({:?})", e.kind())))?;
        Ok(RedisState {
            connection: Arc::new(Connection::new(client, shown(&parsed))),
        })
    }
}

/// The URL as logs may show it: any password replaced by `***`.
pub fn shown(url: &url::Url) -> String {
    let mut url = url.clone();
    if url.password().is_some() {
        let _ = url.set_password(Some("***"));
    }
    url.to_string()
}

impl SharedState for RedisState {
    fn budget(
        &self,
        base_url: &str,
        credentials: &Credentials,
        name: &'static str,
        limit: RateLimit,
        lease: Duration,
    ) -> Arc<dyn Budget> {
        Arc::new(RedisBudget::new(
            Arc::clone(&self.connection),
            &keys::scope_prefix(base_url, credentials),
            name,
            limit,
            lease,
        ))
    }

    fn tokens(&self, base_url: &str, credentials: &Credentials) -> Option<Arc<dyn TokenStore>> {
        match credentials {
            Credentials::OAuth {
                client_id,
                client_secret,
                ..
            } => Some(Arc::new(RedisTokens::new(
                Arc::clone(&self.connection),
                &keys::scope_prefix(base_url, credentials),
                client_id,
                client_secret,
            ))),
            Credentials::PersonalAccessToken { .. } => None,
        }
    }
}

#[cfg(test)]
mod tests;
