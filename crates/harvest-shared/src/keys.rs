//! The names of the Redis keys, and random identifiers. A key names the account (not a
//! secret) and a hash of the API root, account and credential, so that two tokens of one
//! account, or two accounts, never share a budget; the credential itself is in no key.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

use harvest_core::auth::Credentials;
use ring::digest::{digest, SHA256};
use ring::rand::{SecureRandom, SystemRandom};

/// Every key of one account and credential starts with this. The braces are a Redis Cluster
/// hash tag: all keys of a scope live on one node, as a script touching several requires.
pub(crate) fn scope_prefix(base_url: &str, credentials: &Credentials) -> String {
    let account = credentials.account_id();
    let shown: String = account
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .take(32)
        .collect();
    let material = [
        "harvest-shared-v1",
        base_url,
        account,
        credentials.identity(),
    ]
    .join("\0");
    format!(
        "harvest:{{{shown}:{}}}:",
        hex(&digest(&SHA256, material.as_bytes()).as_ref()[..12])
    )
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// `N` random bytes from the system's source (None only on a broken platform).
pub(crate) fn random_bytes<const N: usize>() -> Option<[u8; N]> {
    let mut bytes = [0u8; N];
    SystemRandom::new().fill(&mut bytes).ok()?;
    Some(bytes)
}

/// The id of this process, counted among those sharing a budget.
pub(crate) fn process_id() -> &'static str {
    static ID: OnceLock<String> = OnceLock::new();
    ID.get_or_init(random_id)
}

/// A name no other slot or lock of any process has: this process's id and a counter.
pub(crate) fn unique_name() -> String {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    format!("{}:{}", process_id(), NEXT.fetch_add(1, Ordering::Relaxed))
}

fn random_id() -> String {
    match random_bytes::<8>() {
        Some(bytes) => hex(&bytes),
        // Unique enough without randomness: ids only need to differ between processes.
        None => format!(
            "pid{}-{}",
            std::process::id(),
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos())
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use harvest_core::auth::Secret;

    fn pat(token: &str, account: &str) -> Credentials {
        Credentials::PersonalAccessToken {
            token: Secret::new(token),
            account_id: account.to_string(),
        }
    }

    #[test]
    fn a_prefix_tells_accounts_and_tokens_apart_and_holds_no_secret() {
        let a = scope_prefix("https://x/v2", &pat("secret-token-1", "123"));
        assert_eq!(
            a,
            scope_prefix("https://x/v2", &pat("secret-token-1", "123"))
        );
        assert_ne!(
            a,
            scope_prefix("https://x/v2", &pat("secret-token-2", "123"))
        );
        assert_ne!(
            a,
            scope_prefix("https://x/v2", &pat("secret-token-1", "124"))
        );
        assert_ne!(
            a,
            scope_prefix("https://y/v2", &pat("secret-token-1", "123"))
        );
        assert!(a.starts_with("harvest:{123:") && a.ends_with("}:"), "{a}");
        assert!(!a.contains("secret"));
        let odd = scope_prefix("https://x/v2", &pat("t", "a}b{c d"));
        assert!(odd.starts_with("harvest:{abcd:"), "{odd}");
    }
}
