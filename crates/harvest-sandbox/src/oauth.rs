//! The fake id.getharvest.com: the OAuth2 token endpoint (refresh grant) with
//! its token bookkeeping, and the account-discovery endpoint.

use std::collections::{HashMap, HashSet};
use std::time::{Duration, Instant};

use hyper::header::{HeaderValue, CACHE_CONTROL};
use hyper::StatusCode;
use serde_json::json;

use super::data::Dataset;
use super::reply::Reply;
use super::SandboxOptions;

/// Access and refresh tokens issued by the token endpoint.
#[derive(Debug)]
pub(crate) struct TokenStore {
    /// Access token -> expiry.
    access: HashMap<String, Instant>,
    refresh: HashSet<String>,
    issued: u64,
    salt: u64,
}

impl TokenStore {
    pub(crate) fn new(initial_refresh_token: &str, salt: u64) -> TokenStore {
        TokenStore {
            access: HashMap::new(),
            refresh: HashSet::from([initial_refresh_token.to_owned()]),
            issued: 0,
            salt,
        }
    }

    pub(crate) fn access_token_is_valid(&self, token: &str, now: Instant) -> bool {
        self.access.get(token).is_some_and(|expiry| now < *expiry)
    }

    pub(crate) fn revoke_access_tokens(&mut self) {
        self.access.clear();
    }

    fn mint(&mut self, kind: &str) -> String {
        self.issued += 1;
        let mut z = self.salt ^ self.issued.wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 31)).wrapping_mul(0xD6E8_FEB8_6659_FD93);
        z ^= z >> 32;
        format!("sandbox-{kind}-{}-{z:016x}", self.issued)
    }
}

const INVALID_REQUEST: &str = "invalid_request";

fn oauth_error(status: StatusCode, error: &str, description: &str) -> Reply {
    Reply::json(
        status,
        &json!({ "error": error, "error_description": description }),
    )
    .with_header(CACHE_CONTROL, HeaderValue::from_static("no-store"))
}

/// The fields of a token request, from a form body (what Harvest documents)
/// or a JSON object (which some clients send and Harvest appears to accept).
fn token_request_fields(content_type: Option<&str>, body: &[u8]) -> HashMap<String, String> {
    let is_json = content_type.is_some_and(|kind| kind.to_ascii_lowercase().contains("json"));
    if is_json {
        let Ok(serde_json::Value::Object(object)) = serde_json::from_slice(body) else {
            return HashMap::new();
        };
        return object
            .into_iter()
            .filter_map(|(key, value)| match value {
                serde_json::Value::String(text) => Some((key, text)),
                serde_json::Value::Number(number) => Some((key, number.to_string())),
                _ => None,
            })
            .collect();
    }
    url::form_urlencoded::parse(body)
        .map(|(key, value)| (key.into_owned(), value.into_owned()))
        .collect()
}

/// `POST /api/v2/oauth2/token`.
pub(crate) fn token_endpoint(
    store: &mut TokenStore,
    options: &SandboxOptions,
    content_type: Option<&str>,
    body: &[u8],
    now: Instant,
) -> Reply {
    let fields = token_request_fields(content_type, body);
    let field = |name: &str| fields.get(name).map(|v| v.trim()).filter(|v| !v.is_empty());

    let Some(grant_type) = field("grant_type") else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            INVALID_REQUEST,
            "The request is missing a required parameter: grant_type.",
        );
    };
    if grant_type != "refresh_token" {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "unsupported_grant_type",
            "The authorization grant type is not supported by the authorization server.",
        );
    }
    let missing: Vec<&str> = ["refresh_token", "client_id", "client_secret"]
        .into_iter()
        .filter(|name| field(name).is_none())
        .collect();
    if !missing.is_empty() {
        let quoted: Vec<String> = missing.iter().map(|name| format!("'{name}'")).collect();
        return oauth_error(
            StatusCode::BAD_REQUEST,
            INVALID_REQUEST,
            &format!("{} required", quoted.join(", ")),
        );
    }
    let (Some(refresh_token), Some(client_id), Some(client_secret)) = (
        field("refresh_token"),
        field("client_id"),
        field("client_secret"),
    ) else {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            INVALID_REQUEST,
            "missing parameters",
        );
    };
    if client_id != options.client_id || client_secret != options.client_secret {
        return oauth_error(
            StatusCode::UNAUTHORIZED,
            "invalid_client",
            "Client authentication failed due to unknown client, no client authentication included, or unsupported authentication method.",
        );
    }
    if !store.refresh.contains(refresh_token) {
        return oauth_error(
            StatusCode::BAD_REQUEST,
            "invalid_grant",
            "The provided authorization grant is invalid, expired, revoked, does not match the redirection URI used in the authorization request, or was issued to another client.",
        );
    }

    let refresh_token = refresh_token.to_owned();
    let access_token = store.mint("access");
    store.access.retain(|_, expiry| now < *expiry);
    let ttl = Duration::from_secs(options.access_token_ttl_secs);
    // An absurd TTL (u64::MAX seconds) means "a century", not an overflow.
    let expiry = now
        .checked_add(ttl)
        .or_else(|| now.checked_add(Duration::from_secs(100 * 365 * 86_400)))
        .unwrap_or(now);
    store.access.insert(access_token.clone(), expiry);
    let refresh_token = if options.rotate_refresh_tokens {
        store.refresh.remove(&refresh_token);
        let fresh = store.mint("refresh");
        store.refresh.insert(fresh.clone());
        fresh
    } else {
        refresh_token
    };
    Reply::ok_json(&json!({
        "access_token": access_token,
        "refresh_token": refresh_token,
        "token_type": "bearer",
        "expires_in": options.access_token_ttl_secs,
    }))
    .with_header(CACHE_CONTROL, HeaderValue::from_static("no-store"))
}

/// `GET /api/v2/accounts`: the token's user and the accounts it can reach —
/// the sandbox's Harvest account plus a Forecast one, so that clients must
/// filter on `product`.
pub(crate) fn accounts(data: &Dataset) -> Reply {
    let me = data.me();
    let user = data.user(me);
    let harvest_id = match data.account_id().parse::<u64>() {
        Ok(id) => json!(id),
        Err(_) => json!(data.account_id()),
    };
    let forecast_id = match data.account_id().parse::<u64>() {
        Ok(id) if id != 88_888 => json!(88_888),
        Ok(_) => json!(88_889),
        Err(_) => json!(88_888),
    };
    Reply::ok_json(&json!({
        "user": {
            "id": user.id,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
        },
        "accounts": [
            { "id": harvest_id, "name": data.company_name(), "product": "harvest" },
            { "id": forecast_id, "name": format!("{} Forecast", data.company_name()), "product": "forecast" },
        ],
    }))
}
