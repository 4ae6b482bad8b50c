//! OAuth token state shared in Redis: the access token (kept only while it is fresh: its key
//! expires when the token is due for renewal), the latest refresh token, and the refresh lock
//! with its lease. Both tokens are stored encrypted (ChaCha20-Poly1305) with a key derived from
//! the OAuth client secret, which every process sharing the state has and Redis never sees;
//! the client secret itself is never stored.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use harvest_core::auth::{RefreshLock, Secret, SharedTokens, TokenStore, Unavailable};
use harvest_core::ratelimit::BoxFuture;
use redis::Script;
use ring::aead::{Aad, LessSafeKey, Nonce, UnboundKey, CHACHA20_POLY1305, NONCE_LEN};
use ring::hkdf::{Salt, HKDF_SHA256};

use crate::connection::Connection;
use crate::keys::{random_bytes, unique_name};

/// How long the latest refresh token is kept after the last refresh. Harvest's refresh tokens
/// outlive this; a process that finds none uses the one it was configured with.
const REFRESH_TOKEN_KEPT: Duration = Duration::from_secs(30 * 24 * 3600);

/// KEYS: access, refresh, lock. ARGV: lock name, access blob, access ms, refresh blob,
/// refresh ms. Saves only while the lock is still this process's: after a lost lease another
/// process may have refreshed (and rotated the refresh token) since.
static SAVE: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('GET', KEYS[3]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[4], 'PX', ARGV[5])
redis.call('DEL', KEYS[3])
return 1
",
    )
});

/// KEYS: lock. ARGV: lock name. Deletes the lock only if this process still holds it.
static UNLOCK: LazyLock<Script> = LazyLock::new(|| {
    Script::new(
        r"
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
",
    )
});

pub(crate) struct RedisTokens {
    connection: Arc<Connection>,
    access_key: String,
    refresh_key: String,
    lock_key: String,
    cipher: LessSafeKey,
}

impl RedisTokens {
    pub(crate) fn new(
        connection: Arc<Connection>,
        prefix: &str,
        client_id: &str,
        client_secret: &Secret,
    ) -> Self {
        let salt = Salt::new(HKDF_SHA256, b"harvest-shared-token-v1");
        let info = [client_id.as_bytes()];
        let key = salt
            .extract(client_secret.expose().as_bytes())
            .expand(&info, &CHACHA20_POLY1305)
            .map(UnboundKey::from)
            // Expanding 32 bytes from SHA-256 cannot fail (the limit is 255 * 32).
            .unwrap_or_else(|_| unreachable!("HKDF-SHA256 yields a 32-byte key"));
        RedisTokens {
            connection,
            access_key: format!("{prefix}oauth:access"),
            refresh_key: format!("{prefix}oauth:refresh"),
            lock_key: format!("{prefix}oauth:lock"),
            cipher: LessSafeKey::new(key),
        }
    }

    /// nonce || ciphertext || tag, bound to the key it is stored under.
    fn seal(&self, key: &str, secret: &Secret) -> Option<Vec<u8>> {
        let nonce = random_bytes::<NONCE_LEN>()?;
        let mut sealed = secret.expose().as_bytes().to_vec();
        self.cipher
            .seal_in_place_append_tag(
                Nonce::assume_unique_for_key(nonce),
                Aad::from(key.as_bytes()),
                &mut sealed,
            )
            .ok()?;
        let mut out = nonce.to_vec();
        out.extend_from_slice(&sealed);
        Some(out)
    }

    /// None for anything that was not sealed by `seal` with this client's secret.
    fn open(&self, key: &str, blob: &[u8]) -> Option<Secret> {
        if blob.len() < NONCE_LEN {
            return None;
        }
        let (nonce, sealed) = blob.split_at(NONCE_LEN);
        let nonce = Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut buffer = sealed.to_vec();
        let plain = self
            .cipher
            .open_in_place(nonce, Aad::from(key.as_bytes()), &mut buffer)
            .ok()?;
        let text = std::str::from_utf8(plain).ok()?;
        (!text.is_empty()).then(|| Secret::new(text))
    }
}

fn millis(duration: Duration) -> u64 {
    u64::try_from(duration.as_millis())
        .unwrap_or(u64::MAX)
        .max(1)
}

impl TokenStore for RedisTokens {
    fn load(&self) -> BoxFuture<'_, Result<SharedTokens, Unavailable>> {
        Box::pin(async move {
            let (access, ttl_ms, refresh): (Option<Vec<u8>>, i64, Option<Vec<u8>>) = self
                .connection
                .run(|mut manager| async move {
                    redis::pipe()
                        .cmd("GET")
                        .arg(&self.access_key)
                        .cmd("PTTL")
                        .arg(&self.access_key)
                        .cmd("GET")
                        .arg(&self.refresh_key)
                        .query_async(&mut manager)
                        .await
                })
                .await
                .ok_or(Unavailable)?;
            let access = access
                .and_then(|blob| self.open(&self.access_key, &blob))
                .filter(|_| ttl_ms > 0)
                .map(|token| (token, Duration::from_millis(ttl_ms.unsigned_abs())));
            let refresh = refresh.and_then(|blob| self.open(&self.refresh_key, &blob));
            Ok(SharedTokens { access, refresh })
        })
    }

    fn try_lock(&self, lease: Duration) -> BoxFuture<'_, Result<Option<RefreshLock>, Unavailable>> {
        Box::pin(async move {
            let name = unique_name();
            let taken: Option<String> = self
                .connection
                .run(|mut manager| {
                    let mut command = redis::cmd("SET");
                    command
                        .arg(&self.lock_key)
                        .arg(&name)
                        .arg("NX")
                        .arg("PX")
                        .arg(millis(lease));
                    async move { command.query_async(&mut manager).await }
                })
                .await
                .ok_or(Unavailable)?;
            Ok(taken.map(|_| RefreshLock(name)))
        })
    }

    fn save<'a>(
        &'a self,
        lock: RefreshLock,
        access: &'a Secret,
        fresh_for: Duration,
        refresh: &'a Secret,
    ) -> BoxFuture<'a, Result<(), Unavailable>> {
        Box::pin(async move {
            let sealed = self
                .seal(&self.access_key, access)
                .zip(self.seal(&self.refresh_key, refresh));
            let Some((access_blob, refresh_blob)) = sealed else {
                // No random nonce to be had: share nothing rather than something weak.
                self.unlock(lock).await;
                return Err(Unavailable);
            };
            let saved: i64 = self
                .connection
                .run(|mut manager| async move {
                    SAVE.key(&self.access_key)
                        .key(&self.refresh_key)
                        .key(&self.lock_key)
                        .arg(&lock.0)
                        .arg(access_blob)
                        .arg(millis(fresh_for))
                        .arg(refresh_blob)
                        .arg(millis(REFRESH_TOKEN_KEPT))
                        .invoke_async(&mut manager)
                        .await
                })
                .await
                .ok_or(Unavailable)?;
            if saved == 0 {
                log::debug!("the refresh lock's lease ran out before the token was shared");
            }
            Ok(())
        })
    }

    fn unlock(&self, lock: RefreshLock) -> BoxFuture<'_, ()> {
        Box::pin(async move {
            self.connection
                .run(|mut manager| async move {
                    UNLOCK
                        .key(&self.lock_key)
                        .arg(&lock.0)
                        .invoke_async::<i64>(&mut manager)
                        .await
                })
                .await;
        })
    }
}
