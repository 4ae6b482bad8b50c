//! The pipeline against a minimal Airbyte API on 127.0.0.1 (hyper), without Python: single
//! flight of token and lookup, renewal after a 401, retries, and typed failures. The full fake,
//! with forwarding to the fake Harvest, is `tests/fake_airbyte.py`.

use std::convert::Infallible;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use serde_json::{json, Value};
use tokio::net::TcpListener;

use super::*;

#[derive(Default)]
struct Api {
    tokens: AtomicUsize,
    lookups: AtomicUsize,
    executes: AtomicUsize,
    /// Statuses the next execute requests get, in order.
    execute_faults: Mutex<Vec<u16>>,
    /// Tokens issued before this count are refused (a revocation).
    revoked_below: AtomicUsize,
    connectors: Mutex<Vec<&'static str>>,
    execute_bodies: Mutex<Vec<Value>>,
}

fn reply(status: u16, body: Value) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(body.to_string())));
    *response.status_mut() = StatusCode::from_u16(status).unwrap_or(StatusCode::IM_A_TEAPOT);
    response
        .headers_mut()
        .insert("content-type", "application/json".parse().expect("static"));
    response
}

async fn route(api: Arc<Api>, request: Request<hyper::body::Incoming>) -> Response<Full<Bytes>> {
    let (parts, body) = request.into_parts();
    let body = body
        .collect()
        .await
        .map(|b| b.to_bytes())
        .unwrap_or_default();
    let path = parts.uri.path().to_string();
    if path == TOKEN_PATH {
        let sent: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        if sent != json!({"client_id": "id", "client_secret": "secret-value"}) {
            return reply(401, json!({"detail": "Invalid client credentials"}));
        }
        // Slow enough that concurrent first calls all wait for the same token.
        tokio::time::sleep(Duration::from_millis(50)).await;
        let n = api.tokens.fetch_add(1, Ordering::SeqCst) + 1;
        return reply(
            200,
            json!({"access_token": format!("tok-{n}"), "expires_in": 900}),
        );
    }
    let authorization = parts
        .headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let token_number: usize = authorization
        .strip_prefix("Bearer tok-")
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    if token_number == 0 || token_number <= api.revoked_below.load(Ordering::SeqCst) {
        return reply(401, json!({"detail": "expired"}));
    }
    if path == CONNECTORS_PATH {
        api.lookups.fetch_add(1, Ordering::SeqCst);
        tokio::time::sleep(Duration::from_millis(20)).await;
        let ids: Vec<Value> = api
            .connectors
            .lock()
            .expect("lock")
            .iter()
            .map(|id| json!({"id": id}))
            .collect();
        return reply(200, json!({"data": ids}));
    }
    if path.ends_with("/execute") {
        api.executes.fetch_add(1, Ordering::SeqCst);
        let fault = {
            let mut faults = api.execute_faults.lock().expect("lock");
            (!faults.is_empty()).then(|| faults.remove(0))
        };
        if let Some(status) = fault {
            return reply(status, json!({"detail": "injected"}));
        }
        let sent: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
        api.execute_bodies.lock().expect("lock").push(sent);
        return reply(
            200,
            json!({"result": [{"id": 1}], "connector_metadata": {"next_link": null}}),
        );
    }
    reply(404, json!({"detail": "no route"}))
}

async fn serve(api: Arc<Api>) -> String {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let address = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let api = Arc::clone(&api);
            tokio::spawn(async move {
                let service = service_fn(move |request| {
                    let api = Arc::clone(&api);
                    async move { Ok::<_, Infallible>(route(api, request).await) }
                });
                let _ = http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    format!("http://{address}")
}

async fn client(api: &Arc<Api>, secret: &str) -> Arc<HostedClient> {
    let config = HostedConfig {
        api_url: serve(Arc::clone(api)).await,
        retry: harvest_core::retry::RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(1),
            max_delay: Duration::from_millis(5),
        },
        timeout: Duration::from_secs(20),
        ..HostedConfig::default()
    };
    let account = HostedAccount::new(
        Some("id".into()),
        Some(secret.into()),
        None,
        Some("acme".into()),
        None,
    )
    .expect("account");
    Arc::new(
        HostedClient::new(definition("harvest").expect("harvest"), account, config)
            .expect("client"),
    )
}

fn list_call() -> HostedCall {
    prepare("users", "list", &json!({"per_page": 5})).expect("valid")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_first_calls_share_one_token_and_one_lookup() {
    let api = Arc::new(Api::default());
    api.connectors.lock().expect("lock").push("c-1");
    let client = client(&api, "secret-value").await;
    assert_eq!(client.connector_id(), None);
    let calls: Vec<_> = (0..20)
        .map(|_| {
            let client = Arc::clone(&client);
            tokio::spawn(async move { client.execute(&list_call()).await })
        })
        .collect();
    for call in calls {
        let body = call.await.expect("task").expect("call");
        assert!(wire::check_execute(wire::ResultShape::Records, &body).is_ok());
    }
    assert_eq!(api.tokens.load(Ordering::SeqCst), 1);
    assert_eq!(api.lookups.load(Ordering::SeqCst), 1);
    assert_eq!(api.executes.load(Ordering::SeqCst), 20);
    assert_eq!(client.connector_id().as_deref(), Some("c-1"));
    assert_eq!(
        api.execute_bodies.lock().expect("lock")[0],
        json!({"entity": "users", "action": "list", "params": {"per_page": 5}, "skip_truncation": true})
    );
}

#[tokio::test]
async fn a_401_renews_once_and_transient_failures_are_retried() {
    let api = Arc::new(Api::default());
    api.connectors.lock().expect("lock").push("c-1");
    let client = client(&api, "secret-value").await;
    client.execute(&list_call()).await.expect("first call");
    api.revoked_below.store(1, Ordering::SeqCst);
    api.execute_faults.lock().expect("lock").extend([503, 429]);
    client
        .execute(&list_call())
        .await
        .expect("renewed and retried");
    assert_eq!(api.tokens.load(Ordering::SeqCst), 2);
    // The first call; then (after the 401, refused before it counts) 503 and 429, retried,
    // and the success.
    assert_eq!(api.executes.load(Ordering::SeqCst), 1 + 3);
    // A 401 with the renewed token is an error, not a loop.
    api.execute_faults
        .lock()
        .expect("lock")
        .extend([401, 401, 401]);
    let err = client.execute(&list_call()).await.unwrap_err();
    assert!(
        matches!(err, Error::AirbyteStatus { status: 401, .. }),
        "{err:?}"
    );
    assert_eq!(api.tokens.load(Ordering::SeqCst), 3);
}

#[tokio::test]
async fn failures_are_typed() {
    let api = Arc::new(Api::default());
    let refused = client(&api, "wrong-secret").await;
    let err = refused.execute(&list_call()).await.unwrap_err();
    assert!(
        err.to_string().starts_with(
            "Airbyte refused the application credentials (HTTP 401) for POST /api/v1/account/applications/token"
        ),
        "{err}"
    );
    let client = client(&api, "secret-value").await;
    let err = client.execute(&list_call()).await.unwrap_err();
    assert!(matches!(err, Error::ConnectorNotFound { .. }), "{err:?}");
    api.connectors.lock().expect("lock").extend(["c-1", "c-2"]);
    let err = client.execute(&list_call()).await.unwrap_err();
    assert!(
        matches!(&err, Error::ConnectorAmbiguous { ids, .. } if ids.len() == 2),
        "{err:?}"
    );
    assert_eq!(client.connector_id(), None, "failed lookups are not cached");
    api.execute_faults
        .lock()
        .expect("lock")
        .extend([500, 500, 500]);
    api.connectors.lock().expect("lock").truncate(1);
    let err = client.execute(&list_call()).await.unwrap_err();
    assert!(
        err.is_transient() && err.to_string().contains("HTTP 500"),
        "{err}"
    );
}
