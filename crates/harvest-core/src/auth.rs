//! Credentials and access-token state. A personal access token is used as is; OAuth2 access
//! tokens are obtained with the refresh token, renewed shortly before they expire, and renewed
//! once more after a 401. All renewals are single-flight: one token request however many
//! calls need it, and a refresh never reuses a refresh token that another refresh rotated.
//! The lock is held only around the token request itself, never around an API call, so a 401
//! after a refresh cannot deadlock.
//!
//! Several processes sharing one refresh token need more: a [`TokenStore`] (the seam; the
//! Redis one lives in `harvest-shared`) holds the fresh token and a lock with a lease, so that
//! one process refreshes and the others take its token.

use std::sync::Arc;
use std::sync::Mutex as SyncMutex;
use std::time::Duration;

use serde::Deserialize;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::error::{Error, Result};
use crate::ratelimit::BoxFuture;
use crate::response::harvest_message;

/// A credential that must never be printed. `Debug` shows `***`.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(value.into())
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone)]
pub enum Credentials {
    PersonalAccessToken {
        token: Secret,
        account_id: String,
    },
    OAuth {
        client_id: String,
        client_secret: Secret,
        refresh_token: Secret,
        account_id: String,
    },
}

impl Credentials {
    /// What identifies the credential for rate limiting: the token, or the OAuth client (whose
    /// access tokens change).
    pub fn identity(&self) -> &str {
        match self {
            Credentials::PersonalAccessToken { token, .. } => token.expose(),
            Credentials::OAuth { client_id, .. } => client_id,
        }
    }

    pub fn account_id(&self) -> &str {
        match self {
            Credentials::PersonalAccessToken { account_id, .. }
            | Credentials::OAuth { account_id, .. } => account_id,
        }
    }
}

/// What `on_token_refresh` receives after every successful refresh.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TokenEvent {
    pub access_token: Secret,
    pub token_type: String,
    pub refresh_token: Secret,
    pub expires_in: Option<u64>,
}

/// The access token a request was sent with, and which generation of token it was, so that a
/// 401 can tell whether someone else has already refreshed since.
#[derive(Debug, Clone)]
pub struct Bearer {
    pub token: Secret,
    generation: u64,
}

struct AccessToken {
    value: Secret,
    /// None when Harvest did not say (`expires_in` absent): then only a 401 renews it.
    refresh_at: Option<Instant>,
}

struct OAuthState {
    access: Option<AccessToken>,
    refresh_token: Secret,
    generation: u64,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: Option<String>,
    token_type: Option<String>,
    refresh_token: Option<String>,
    expires_in: Option<f64>,
}

/// What the other processes left in a [`TokenStore`].
#[derive(Debug, Default)]
pub struct SharedTokens {
    /// The access token a process obtained, and how long it stays fresh; None when there is
    /// none or it is due for renewal.
    pub access: Option<(Secret, Duration)>,
    /// The latest refresh token (Harvest may rotate it at every refresh).
    pub refresh: Option<Secret>,
}

/// The store cannot be reached: one process falls back to refreshing on its own.
#[derive(Debug)]
pub struct Unavailable;

/// The right to refresh, held by one process until it saves, unlocks, or the lease runs out.
#[derive(Debug)]
pub struct RefreshLock(pub String);

/// OAuth token state shared by several processes.
pub trait TokenStore: Send + Sync {
    fn load(&self) -> BoxFuture<'_, std::result::Result<SharedTokens, Unavailable>>;
    /// Become the one process that refreshes (`Some`), or learn another one is (`None`).
    fn try_lock(
        &self,
        lease: Duration,
    ) -> BoxFuture<'_, std::result::Result<Option<RefreshLock>, Unavailable>>;
    /// Keep what a refresh returned for the others, then give the lock up.
    fn save<'a>(
        &'a self,
        lock: RefreshLock,
        access: &'a Secret,
        fresh_for: Duration,
        refresh: &'a Secret,
    ) -> BoxFuture<'a, std::result::Result<(), Unavailable>>;
    fn unlock(&self, lock: RefreshLock) -> BoxFuture<'_, ()>;
}

/// How long one process may hold the refresh lock: a token request that takes longer has
/// failed, and another process may try.
const REFRESH_LEASE: Duration = Duration::from_secs(30);
/// How often a process waiting for another one's refresh looks for its token.
const REFRESH_POLL: Duration = Duration::from_millis(25);
/// How long a token with no stated lifetime is shared: until a 401 says otherwise.
const UNSTATED_LIFETIME: Duration = Duration::from_secs(3600);

/// Renew this long before expiry: a tenth of the lifetime, at most five minutes.
fn refresh_margin(expires_in: Duration) -> Duration {
    (expires_in / 10).min(Duration::from_secs(300))
}

pub struct Authenticator {
    credentials: Credentials,
    oauth: Option<Mutex<OAuthState>>,
    events: SyncMutex<Vec<TokenEvent>>,
    store: Option<Arc<dyn TokenStore>>,
}

impl Authenticator {
    pub fn new(credentials: Credentials) -> Self {
        Self::with_store(credentials, None)
    }

    /// With `store`, OAuth refreshes are shared with every process using the same store.
    pub fn with_store(credentials: Credentials, store: Option<Arc<dyn TokenStore>>) -> Self {
        let oauth = match &credentials {
            Credentials::OAuth { refresh_token, .. } => Some(Mutex::new(OAuthState {
                access: None,
                refresh_token: refresh_token.clone(),
                generation: 0,
            })),
            Credentials::PersonalAccessToken { .. } => None,
        };
        Authenticator {
            credentials,
            oauth,
            events: SyncMutex::new(Vec::new()),
            store,
        }
    }

    pub fn account_id(&self) -> &str {
        self.credentials.account_id()
    }

    /// Every secret this authenticator knows of now, for redaction.
    pub fn secrets(&self) -> Vec<String> {
        let mut out = match &self.credentials {
            Credentials::PersonalAccessToken { token, .. } => vec![token.expose().to_string()],
            Credentials::OAuth {
                client_secret,
                refresh_token,
                ..
            } => vec![
                client_secret.expose().to_string(),
                refresh_token.expose().to_string(),
            ],
        };
        if let Some(oauth) = &self.oauth {
            if let Ok(state) = oauth.try_lock() {
                out.push(state.refresh_token.expose().to_string());
                if let Some(access) = &state.access {
                    out.push(access.value.expose().to_string());
                }
            }
        }
        out
    }

    /// Token events since the last call (for `on_token_refresh`).
    pub fn take_events(&self) -> Vec<TokenEvent> {
        match self.events.lock() {
            Ok(mut events) => std::mem::take(&mut *events),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }

    /// The token to send now, refreshing first if there is none or it is about to expire.
    pub async fn bearer(&self, http: &reqwest::Client, token_url: &str) -> Result<Bearer> {
        let Some(oauth) = &self.oauth else {
            return Ok(self.static_bearer());
        };
        let mut state = oauth.lock().await;
        let fresh = state
            .access
            .as_ref()
            .is_some_and(|a| a.refresh_at.is_none_or(|at| Instant::now() < at));
        if !fresh {
            self.renew(&mut state, None, http, token_url).await?;
        }
        current(&state)
    }

    /// After a 401: a new token if one can be had (refreshing only if nobody has since the
    /// failed request was sent), or None when the credentials cannot be renewed.
    pub async fn after_unauthorized(
        &self,
        failed: &Bearer,
        http: &reqwest::Client,
        token_url: &str,
    ) -> Result<Option<Bearer>> {
        let Some(oauth) = &self.oauth else {
            return Ok(None);
        };
        let mut state = oauth.lock().await;
        if state.generation == failed.generation {
            self.renew(&mut state, Some(&failed.token), http, token_url)
                .await?;
        }
        current(&state).map(Some)
    }

    fn static_bearer(&self) -> Bearer {
        match &self.credentials {
            Credentials::PersonalAccessToken { token, .. } => Bearer {
                token: token.clone(),
                generation: 0,
            },
            // Unreachable by construction: OAuth credentials always have `oauth` state.
            Credentials::OAuth { .. } => Bearer {
                token: Secret::new(""),
                generation: 0,
            },
        }
    }

    /// A new access token: from the shared store if another process has one that is not
    /// `stale`, else refreshed here (by one process of all sharing the store).
    async fn renew(
        &self,
        state: &mut OAuthState,
        stale: Option<&Secret>,
        http: &reqwest::Client,
        token_url: &str,
    ) -> Result<()> {
        let Some(store) = &self.store else {
            return self.refresh(state, http, token_url).await;
        };
        let started = Instant::now();
        loop {
            let Ok(shared) = store.load().await else {
                return self.refresh(state, http, token_url).await;
            };
            if adopt(state, shared, stale) {
                return Ok(());
            }
            match store.try_lock(REFRESH_LEASE).await {
                Err(Unavailable) => return self.refresh(state, http, token_url).await,
                Ok(Some(lock)) => {
                    // The previous holder may have saved its token between the load and now.
                    if let Ok(shared) = store.load().await {
                        if adopt(state, shared, stale) {
                            store.unlock(lock).await;
                            return Ok(());
                        }
                    }
                    let refreshed = self.refresh(state, http, token_url).await;
                    match (&refreshed, &state.access) {
                        (Ok(()), Some(access)) => {
                            let fresh_for = access.refresh_at.map_or(UNSTATED_LIFETIME, |at| {
                                at.saturating_duration_since(Instant::now())
                            });
                            let saved = store
                                .save(lock, &access.value, fresh_for, &state.refresh_token)
                                .await;
                            if saved.is_err() {
                                log::debug!("the refreshed token could not be shared");
                            }
                        }
                        _ => store.unlock(lock).await,
                    }
                    return refreshed;
                }
                Ok(None) if started.elapsed() < REFRESH_LEASE + REFRESH_POLL => {
                    tokio::time::sleep(REFRESH_POLL).await;
                }
                Ok(None) => {
                    log::warn!(
                        "another process has held the OAuth refresh lock for {} s without \
                         sharing a token: refreshing here",
                        REFRESH_LEASE.as_secs()
                    );
                    return self.refresh(state, http, token_url).await;
                }
            }
        }
    }

    async fn refresh(
        &self,
        state: &mut OAuthState,
        http: &reqwest::Client,
        token_url: &str,
    ) -> Result<()> {
        let Credentials::OAuth {
            client_id,
            client_secret,
            ..
        } = &self.credentials
        else {
            return Ok(());
        };
        log::debug!("refreshing the Harvest OAuth access token");
        let form = [
            ("grant_type", "refresh_token"),
            ("refresh_token", state.refresh_token.expose()),
            ("client_id", client_id.as_str()),
            ("client_secret", client_secret.expose()),
        ];
        let secrets = [state.refresh_token.expose(), client_secret.expose()];
        let response =
            http.post(token_url)
                .form(&form)
                .send()
                .await
                .map_err(|e| Error::TokenRefresh {
                    status: None,
                    harvest_message: crate::error::redact(
                        &crate::response::describe_transport_error(&e),
                        &secrets,
                    ),
                })?;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(reqwest::header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_string();
        let body = crate::body::read(response).await.map_err(|e| {
            let reason = match e {
                crate::body::BodyError::Transport(e) => {
                    crate::response::describe_transport_error(&e)
                }
                crate::body::BodyError::Decode(reason) => reason,
            };
            Error::TokenRefresh {
                status: Some(status),
                harvest_message: crate::error::redact(&reason, &secrets),
            }
        })?;
        if !(200..300).contains(&status) {
            return Err(Error::TokenRefresh {
                status: Some(status),
                harvest_message: crate::error::redact(
                    &harvest_message(&body, &content_type),
                    &secrets,
                ),
            });
        }
        let parsed: TokenResponse =
            serde_json::from_slice(&body).map_err(|_| Error::TokenRefresh {
                status: Some(status),
                harvest_message:
                    "the token endpoint answered with something other than a JSON object"
                        .to_string(),
            })?;
        let Some(access_token) = parsed.access_token.filter(|t| !t.is_empty()) else {
            return Err(Error::TokenRefresh {
                status: Some(status),
                harvest_message: "the token response has no access_token".to_string(),
            });
        };
        let expires_in = parsed
            .expires_in
            .filter(|s| s.is_finite() && *s > 0.0)
            .map(|s| Duration::from_secs_f64(s.min(1e9)));
        if let Some(rotated) = parsed.refresh_token.filter(|t| !t.is_empty()) {
            state.refresh_token = Secret::new(rotated);
        }
        state.access = Some(AccessToken {
            value: Secret::new(access_token),
            refresh_at: expires_in.map(|ttl| Instant::now() + ttl - refresh_margin(ttl)),
        });
        state.generation += 1;
        log::info!("obtained a new Harvest OAuth access token");
        let event = TokenEvent {
            access_token: state
                .access
                .as_ref()
                .map(|a| a.value.clone())
                .unwrap_or_else(|| Secret::new("")),
            token_type: parsed.token_type.unwrap_or_else(|| "bearer".to_string()),
            refresh_token: state.refresh_token.clone(),
            expires_in: expires_in.map(|d| d.as_secs()),
        };
        match self.events.lock() {
            Ok(mut events) => events.push(event),
            Err(poisoned) => poisoned.into_inner().push(event),
        }
        Ok(())
    }
}

/// Take what another process shared: always its refresh token (the latest, if Harvest
/// rotated it), and its access token unless it is the one that just failed. True when there
/// is an access token to use now.
fn adopt(state: &mut OAuthState, shared: SharedTokens, stale: Option<&Secret>) -> bool {
    if let Some(refresh) = shared.refresh {
        state.refresh_token = refresh;
    }
    match shared.access {
        Some((token, fresh_for)) if stale != Some(&token) => {
            state.access = Some(AccessToken {
                value: token,
                refresh_at: Some(Instant::now() + fresh_for),
            });
            state.generation += 1;
            log::debug!("took the OAuth access token another process obtained");
            true
        }
        _ => false,
    }
}

fn current(state: &OAuthState) -> Result<Bearer> {
    match &state.access {
        Some(access) => Ok(Bearer {
            token: access.value.clone(),
            generation: state.generation,
        }),
        None => Err(Error::TokenRefresh {
            status: None,
            harvest_message: "no access token is available".to_string(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harvest_sandbox::{Sandbox, SandboxOptions};

    /// A token store in memory, as several processes would see one store.
    #[derive(Default)]
    struct MemoryStore {
        state: SyncMutex<(Option<Secret>, Option<Secret>, Option<String>)>,
        down: std::sync::atomic::AtomicBool,
    }

    impl MemoryStore {
        fn up(&self) -> std::result::Result<(), Unavailable> {
            match self.down.load(std::sync::atomic::Ordering::SeqCst) {
                true => Err(Unavailable),
                false => Ok(()),
            }
        }
    }

    impl TokenStore for MemoryStore {
        fn load(&self) -> BoxFuture<'_, std::result::Result<SharedTokens, Unavailable>> {
            Box::pin(async move {
                self.up()?;
                let state = self.state.lock().unwrap();
                Ok(SharedTokens {
                    access: state.0.clone().map(|t| (t, Duration::from_secs(60))),
                    refresh: state.1.clone(),
                })
            })
        }
        fn try_lock(
            &self,
            _lease: Duration,
        ) -> BoxFuture<'_, std::result::Result<Option<RefreshLock>, Unavailable>> {
            Box::pin(async move {
                self.up()?;
                let mut state = self.state.lock().unwrap();
                if state.2.is_some() {
                    return Ok(None);
                }
                state.2 = Some("held".into());
                Ok(Some(RefreshLock("held".into())))
            })
        }
        fn save<'a>(
            &'a self,
            _lock: RefreshLock,
            access: &'a Secret,
            _fresh_for: Duration,
            refresh: &'a Secret,
        ) -> BoxFuture<'a, std::result::Result<(), Unavailable>> {
            Box::pin(async move {
                *self.state.lock().unwrap() = (Some(access.clone()), Some(refresh.clone()), None);
                Ok(())
            })
        }
        fn unlock(&self, _lock: RefreshLock) -> BoxFuture<'_, ()> {
            Box::pin(async move { self.state.lock().unwrap().2 = None })
        }
    }

    async fn oauth_sandbox() -> (Sandbox, Credentials, String) {
        let options = SandboxOptions {
            rotate_refresh_tokens: true,
            ..SandboxOptions::default()
        };
        let credentials = Credentials::OAuth {
            client_id: options.client_id.clone(),
            client_secret: Secret::new(options.client_secret.clone()),
            refresh_token: Secret::new(options.refresh_token.clone()),
            account_id: options.account_id.clone(),
        };
        let sandbox = Sandbox::start(options).await.expect("sandbox starts");
        // reqwest is built without a crypto provider: the client installs one; so does this.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let token_url = format!("{}/api/v2/oauth2/token", sandbox.id_url());
        (sandbox, credentials, token_url)
    }

    #[tokio::test]
    async fn authenticators_sharing_a_store_refresh_once_and_take_the_rotated_token() {
        let (sandbox, credentials, token_url) = oauth_sandbox().await;
        let store = Arc::new(MemoryStore::default());
        let processes: Vec<Authenticator> = (0..4)
            .map(|_| Authenticator::with_store(credentials.clone(), Some(store.clone())))
            .collect();
        let http = reqwest::Client::new();
        let bearers =
            futures_util::future::join_all(processes.iter().map(|a| a.bearer(&http, &token_url)))
                .await;
        let first: Vec<Secret> = bearers.into_iter().map(|b| b.unwrap().token).collect();
        assert_eq!(sandbox.token_requests(), 1);
        assert!(first.iter().all(|t| *t == first[0]));
        let events: usize = processes.iter().map(|a| a.take_events().len()).sum();
        assert_eq!(
            events, 1,
            "on_token_refresh: once, in the one that refreshed"
        );
        // The token is refused everywhere: one renewal, with the rotated refresh token (the
        // configured one is burnt), which the others take.
        let failed = processes[3].bearer(&http, &token_url).await.unwrap();
        let renewed = futures_util::future::join_all(
            processes
                .iter()
                .map(|a| a.after_unauthorized(&failed, &http, &token_url)),
        )
        .await;
        let renewed: Vec<Secret> = renewed
            .into_iter()
            .map(|b| b.unwrap().unwrap().token)
            .collect();
        assert_eq!(sandbox.token_requests(), 2);
        assert!(renewed.iter().all(|t| *t == renewed[0] && *t != first[0]));
    }

    #[tokio::test]
    async fn an_unreachable_store_means_refreshing_alone() {
        let (sandbox, credentials, token_url) = oauth_sandbox().await;
        let store = Arc::new(MemoryStore::default());
        store.down.store(true, std::sync::atomic::Ordering::SeqCst);
        let auth = Authenticator::with_store(credentials, Some(store));
        let http = reqwest::Client::new();
        assert!(auth.bearer(&http, &token_url).await.is_ok());
        assert_eq!(sandbox.token_requests(), 1);
    }

    #[test]
    fn secrets_never_debug_print() {
        let creds = Credentials::OAuth {
            client_id: "cid".into(),
            client_secret: Secret::new("csecret-XYZ"),
            refresh_token: Secret::new("rt-XYZ"),
            account_id: "1".into(),
        };
        let text = format!("{creds:?}");
        assert!(!text.contains("XYZ"), "{text}");
        assert!(text.contains("***"));
    }

    #[test]
    fn margin_is_a_tenth_capped_at_five_minutes() {
        assert_eq!(
            refresh_margin(Duration::from_secs(100)),
            Duration::from_secs(10)
        );
        assert_eq!(
            refresh_margin(Duration::from_secs(1_209_600)),
            Duration::from_secs(300)
        );
    }
}
