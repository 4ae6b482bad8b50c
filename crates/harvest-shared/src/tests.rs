//! Against a real `redis-server` on a free port of 127.0.0.1, started per test and killed
//! when it ends. Skipped (with the reason printed) only where the binary is absent, and never
//! under `CI=true`, where scripts/test installs it.

use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use harvest_core::auth::{Credentials, Secret};
use harvest_core::ratelimit::{Budget, RateLimit};
use harvest_core::shared::SharedState;

use crate::RedisState;

struct Server {
    child: Child,
    url: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    let probe = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    probe.local_addr().expect("its address").port()
}

/// A fresh server, or None (after saying why) where redis-server is not installed.
async fn server() -> Option<Server> {
    let port = free_port();
    let spawned = Command::new("redis-server")
        .args(["--port", &port.to_string(), "--bind", "127.0.0.1"])
        .args(["--save", "", "--appendonly", "no"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    let child = match spawned {
        Ok(child) => child,
        Err(error) if std::env::var("CI").as_deref() != Ok("true") => {
            eprintln!(
                "skipped: redis-server cannot be started ({error}); apt-get install redis-server"
            );
            return None;
        }
        Err(error) => panic!("redis-server is required under CI: {error}"),
    };
    let server = Server {
        child,
        url: format!("redis://127.0.0.1:{port}/0"),
    };
    for _ in 0..200 {
        if tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
        {
            return Some(server);
        }
        tokio::time::sleep(Duration::from_millis(25)).await;
    }
    panic!("redis-server did not start on port {port}");
}

async fn raw(server: &Server) -> redis::aio::MultiplexedConnection {
    redis::Client::open(server.url.as_str())
        .expect("url")
        .get_multiplexed_async_connection()
        .await
        .expect("connects")
}

fn pat() -> Credentials {
    Credentials::PersonalAccessToken {
        token: Secret::new("pat-SENTINEL"),
        account_id: "42".into(),
    }
}

fn oauth(client_secret: &str) -> Credentials {
    Credentials::OAuth {
        client_id: "client".into(),
        client_secret: Secret::new(client_secret),
        refresh_token: Secret::new("rt-configured"),
        account_id: "42".into(),
    }
}

const BASE: &str = "https://api.harvestapp.com/v2";

fn budget(state: &RedisState, requests: u32) -> Arc<dyn Budget> {
    let limit = RateLimit {
        requests,
        window: Duration::from_secs(2),
    };
    state.budget(BASE, &pat(), "general", limit, Duration::from_secs(10))
}

#[tokio::test]
async fn two_connection_managers_share_one_budget_whose_keys_expire() {
    let Some(server) = server().await else { return };
    // Two states: two connection managers, as two processes would have.
    let (a, b) = (
        RedisState::open(&server.url).expect("url"),
        RedisState::open(&server.url).expect("url"),
    );
    let (a, b) = (budget(&a, 3), budget(&b, 3));
    let held = vec![a.acquire().await, b.acquire().await, a.acquire().await];
    let fourth = tokio::time::timeout(Duration::from_millis(300), b.acquire()).await;
    assert!(
        fourth.is_err(),
        "three slots of three are taken, across both"
    );
    drop(held);
    let mut redis = raw(&server).await;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("*")
        .query_async(&mut redis)
        .await
        .unwrap();
    assert_eq!(keys.len(), 2, "{keys:?}");
    for key in &keys {
        assert!(!key.contains("SENTINEL"), "{key}");
        let ttl: i64 = redis::cmd("PTTL")
            .arg(key)
            .query_async(&mut redis)
            .await
            .unwrap();
        assert!(ttl > 0 && ttl <= 120_000, "{key}: {ttl}");
    }
}

#[tokio::test]
async fn a_pause_holds_back_every_sharer() {
    let Some(server) = server().await else { return };
    let a = budget(&RedisState::open(&server.url).expect("url"), 100);
    let b = budget(&RedisState::open(&server.url).expect("url"), 100);
    drop(a.acquire().await);
    a.pause(Duration::from_millis(800)).await; // set in Redis when this returns
    let started = tokio::time::Instant::now();
    drop(b.acquire().await);
    assert!(
        started.elapsed() >= Duration::from_millis(500),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn tokens_are_sealed_and_only_the_same_client_opens_them() {
    let Some(server) = server().await else { return };
    let store = |secret: &str| {
        RedisState::open(&server.url)
            .expect("url")
            .tokens(BASE, &oauth(secret))
            .expect("oauth has token state")
    };
    let (one, other, stranger) = (store("cs-1"), store("cs-1"), store("cs-2"));
    let lock = one
        .try_lock(Duration::from_secs(5))
        .await
        .unwrap()
        .expect("free");
    assert!(
        other
            .try_lock(Duration::from_secs(5))
            .await
            .unwrap()
            .is_none(),
        "held"
    );
    let (access, refresh) = (Secret::new("at-SENTINEL"), Secret::new("rt-SENTINEL"));
    one.save(lock, &access, Duration::from_secs(60), &refresh)
        .await
        .unwrap();
    let shared = other.load().await.unwrap();
    let (token, fresh_for) = shared.access.expect("shared");
    assert_eq!(token, access);
    assert!(fresh_for > Duration::from_secs(50) && fresh_for <= Duration::from_secs(60));
    assert_eq!(shared.refresh, Some(refresh));
    let unreadable = stranger.load().await.unwrap();
    assert!(unreadable.access.is_none() && unreadable.refresh.is_none());
    // Saving gave the lock up; and nothing readable is stored.
    assert!(other
        .try_lock(Duration::from_secs(5))
        .await
        .unwrap()
        .is_some());
    let mut redis = raw(&server).await;
    let keys: Vec<String> = redis::cmd("KEYS")
        .arg("*")
        .query_async(&mut redis)
        .await
        .unwrap();
    for key in keys.iter().filter(|k| !k.ends_with("oauth:lock")) {
        let value: Vec<u8> = redis::cmd("GET")
            .arg(key)
            .query_async(&mut redis)
            .await
            .unwrap();
        assert!(
            !String::from_utf8_lossy(&value).contains("SENTINEL"),
            "{key}"
        );
        assert!(!key.contains("cs-1"));
    }
}

#[tokio::test]
async fn an_unreachable_store_falls_back_instead_of_failing() {
    let state = RedisState::open(&format!("redis://127.0.0.1:{}/0", free_port())).expect("url");
    let local = budget(&state, 2);
    for _ in 0..2 {
        let slot = tokio::time::timeout(Duration::from_secs(5), local.acquire()).await;
        assert!(slot.is_ok(), "the fallback budget serves at once");
    }
    let tokens = state.tokens(BASE, &oauth("cs")).expect("oauth");
    assert!(tokens.load().await.is_err());
}

#[test]
fn a_malformed_url_names_the_field_and_never_quotes_a_password() {
    for url in [
        "http://h:1/0",
        "rediss://:pw-SENTINEL@h/0",
        "redis://:pw-SENTINEL@/0",
        "redis://h/x",
        "",
    ] {
        let Err(error) = RedisState::open(url) else {
            panic!("{url} accepted")
        };
        let text = error.to_string();
        assert!(
            text.contains("shared_state") && text.contains(crate::ACCEPTED),
            "{text}"
        );
        assert!(!text.contains("pw-SENTINEL"), "{text}");
    }
    assert!(RedisState::open("redis://:pw@cache:6379/2").is_ok());
}
