//! Tests of the sandbox over real HTTP (reqwest against a started server).
//! Every test is bounded to well under two seconds.

use std::collections::HashSet;
use std::time::{Duration, Instant};

use reqwest::header::{
    ACCEPT_ENCODING, CONTENT_ENCODING, CONTENT_TYPE, RETRY_AFTER, USER_AGENT, WWW_AUTHENTICATE,
};
use reqwest::StatusCode;
use serde_json::Value;

use super::*;

pub(crate) const UA: &str = "SandboxTests (tests@example.com)";
const INVALID_TOKEN: &str = r#"{"error":"invalid_token","error_description":"The access token provided is expired, revoked, malformed or invalid for other reasons."}"#;

pub(crate) fn http_client(timeout: Option<Duration>) -> reqwest::Client {
    // reqwest is built with `rustls-no-provider`: a provider must exist even for plain http.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder().no_proxy();
    if let Some(timeout) = timeout {
        builder = builder.timeout(timeout);
    }
    builder.build().expect("reqwest client")
}

fn gunzip(compressed: &[u8]) -> Vec<u8> {
    use std::io::Read;
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(compressed)
        .read_to_end(&mut json)
        .expect("a valid gzip member");
    json
}

pub(crate) struct Harness {
    pub sandbox: Sandbox,
    pub client: reqwest::Client,
    pub token: String,
    pub account: String,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::with(SandboxOptions::default()).await
    }

    pub async fn with(options: SandboxOptions) -> Harness {
        let token = options.token.clone();
        let account = options.account_id.clone();
        let sandbox = Sandbox::start(options).await.expect("sandbox starts");
        Harness {
            sandbox,
            client: http_client(Some(Duration::from_secs(5))),
            token,
            account,
        }
    }

    pub fn url(&self, path_and_query: &str) -> String {
        if path_and_query.starts_with("http") {
            path_and_query.to_owned()
        } else {
            format!("{}{path_and_query}", self.sandbox.id_url())
        }
    }

    /// An authenticated GET as a well-behaved client sends it.
    fn get(&self, path_and_query: &str) -> reqwest::RequestBuilder {
        self.client
            .get(self.url(path_and_query))
            .header(USER_AGENT, UA)
            .bearer_auth(&self.token)
            .header("Harvest-Account-Id", &self.account)
    }

    pub async fn json(&self, path_and_query: &str) -> (StatusCode, Value) {
        let response = self.get(path_and_query).send().await.expect("response");
        let status = response.status();
        let body = response.bytes().await.expect("body");
        let value = serde_json::from_slice(&body)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&body).into_owned()));
        (status, value)
    }

    pub async fn ok(&self, path_and_query: &str) -> Value {
        let (status, value) = self.json(path_and_query).await;
        assert_eq!(status, StatusCode::OK, "{path_and_query}: {value}");
        value
    }

    /// Follows `links.next` from `first` and returns every record id seen, in order.
    async fn walk(&self, first: &str, key: &str) -> (Vec<u64>, Vec<Value>) {
        let mut ids = Vec::new();
        let mut pages = Vec::new();
        let mut next = Some(first.to_owned());
        while let Some(url) = next {
            let page = self.ok(&url).await;
            ids.extend(
                page[key]
                    .as_array()
                    .expect("records")
                    .iter()
                    .map(|r| r["id"].as_u64().expect("id")),
            );
            next = page["links"]["next"].as_str().map(str::to_owned);
            pages.push(page);
            assert!(pages.len() < 1000, "runaway pagination");
        }
        (ids, pages)
    }

    async fn refresh(
        &self,
        refresh_token: &str,
        client_id: &str,
        client_secret: &str,
    ) -> (StatusCode, Value) {
        let response = self
            .client
            .post(format!("{}/api/v2/oauth2/token", self.sandbox.id_url()))
            .header(USER_AGENT, UA)
            .form(&[
                ("grant_type", "refresh_token"),
                ("refresh_token", refresh_token),
                ("client_id", client_id),
                ("client_secret", client_secret),
            ])
            .send()
            .await
            .expect("token response");
        let status = response.status();
        (status, json_body(response).await.expect("token json"))
    }
}

/// The response body as JSON (reqwest's `json` feature is not enabled).
async fn json_body(response: reqwest::Response) -> Result<Value, String> {
    let bytes = response.bytes().await.map_err(|e| e.to_string())?;
    serde_json::from_slice(&bytes).map_err(|e| e.to_string())
}

fn ids_of(page: &Value, key: &str) -> Vec<u64> {
    page[key]
        .as_array()
        .map(|records| records.iter().filter_map(|r| r["id"].as_u64()).collect())
        .unwrap_or_default()
}

fn hundredths(value: &Value) -> i64 {
    (value.as_f64().expect("number") * 100.0).round() as i64
}

#[tokio::test]
async fn auth_failures_match_harvest() {
    let h = Harness::start().await;
    let url = h.url("/v2/users/me");

    let bad_token = h
        .client
        .get(&url)
        .header(USER_AGENT, UA)
        .bearer_auth("nope")
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(bad_token.status(), StatusCode::UNAUTHORIZED);
    let challenge = bad_token.headers()[WWW_AUTHENTICATE]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(challenge
        .starts_with(r#"Bearer realm="Rack::OAuth2 Protected Resources", error="invalid_token""#));
    assert!(bad_token.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(bad_token.text().await.unwrap(), INVALID_TOKEN);

    let no_account = h
        .client
        .get(&url)
        .header(USER_AGENT, UA)
        .bearer_auth(&h.token)
        .send()
        .await
        .unwrap();
    assert_eq!(no_account.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(no_account.text().await.unwrap(), INVALID_TOKEN);

    let wrong_account = h
        .client
        .get(&url)
        .header(USER_AGENT, UA)
        .bearer_auth(&h.token)
        .header("Harvest-Account-Id", "7654321")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_account.status(), StatusCode::UNAUTHORIZED);

    let no_token = h
        .client
        .get(&url)
        .header(USER_AGENT, UA)
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(no_token.status(), StatusCode::UNAUTHORIZED);

    let no_user_agent = h
        .client
        .get(&url)
        .bearer_auth(&h.token)
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(no_user_agent.status(), StatusCode::BAD_REQUEST);

    let with_body = h.get("/v2/users/me").body("{}").send().await.unwrap();
    assert_eq!(with_body.status(), StatusCode::BAD_REQUEST);
    assert!(with_body.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    assert_eq!(
        with_body.text().await.unwrap(),
        "HTTP GET requests with a body are not accepted."
    );

    // Harvest also takes the credentials as query parameters, and any case of "Bearer".
    let by_query = h
        .client
        .get(format!(
            "{url}?access_token={}&account_id={}",
            h.token, h.account
        ))
        .header(USER_AGENT, UA)
        .send()
        .await
        .unwrap();
    assert_eq!(by_query.status(), StatusCode::OK);
    let lowercase = h
        .client
        .get(&url)
        .header(USER_AGENT, UA)
        .header("Authorization", format!("bearer {}", h.token))
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(lowercase.status(), StatusCode::OK);
}

#[tokio::test]
async fn list_envelope_has_harvest_fields_and_absolute_links() {
    let h = Harness::start().await;
    let page = h.ok("/v2/users?is_active=true&per_page=3").await;
    let mut keys: Vec<&str> = page
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    assert_eq!(
        keys,
        [
            "links",
            "next_page",
            "page",
            "per_page",
            "previous_page",
            "total_entries",
            "total_pages",
            "users"
        ]
    );
    assert_eq!(page["per_page"], 3);
    assert_eq!(page["page"], 1);
    assert_eq!(page["next_page"], 2);
    assert_eq!(page["previous_page"], Value::Null);
    let active = page["total_entries"].as_u64().unwrap();
    assert!(
        active > 3 && active < 12,
        "some users are archived: {active}"
    );
    assert_eq!(page["total_pages"].as_u64().unwrap(), active.div_ceil(3));
    let origin = h.sandbox.id_url();
    assert_eq!(
        page["links"]["first"],
        format!("{origin}/v2/users?is_active=true&page=1&per_page=3&ref=first")
    );
    assert_eq!(
        page["links"]["last"],
        format!(
            "{origin}/v2/users?is_active=true&page={}&per_page=3&ref=last",
            active.div_ceil(3)
        )
    );
    let next = page["links"]["next"].as_str().unwrap();
    assert!(next.starts_with(&format!("{origin}/v2/users?")), "{next}");
    assert!(
        next.contains("is_active=true") && next.contains("ref=next_cursor"),
        "{next}"
    );
    assert_eq!(page["links"]["previous"], Value::Null);

    // Links are built from the Host the client used.
    let response = h
        .get("/v2/clients")
        .header("Host", "api.sandbox.test:8080")
        .send()
        .await
        .unwrap();
    let body: Value = json_body(response).await.unwrap();
    assert_eq!(
        body["links"]["first"],
        "http://api.sandbox.test:8080/v2/clients?page=1&per_page=2000&ref=first"
    );
    assert_eq!(body["links"]["next"], Value::Null);

    // A user record has the documented shape.
    let user = &page["users"][0];
    for field in [
        "id",
        "first_name",
        "last_name",
        "email",
        "timezone",
        "is_active",
        "weekly_capacity",
        "roles",
        "access_roles",
        "avatar_url",
        "created_at",
        "updated_at",
    ] {
        assert!(user.get(field).is_some(), "users[0].{field}");
    }
    assert!(user["created_at"].as_str().unwrap().ends_with('Z'));
}

#[tokio::test]
async fn page_mode_walk_sees_every_time_entry_once() {
    let h = Harness::with(SandboxOptions {
        time_entries: 250,
        ..SandboxOptions::default()
    })
    .await;
    let (ids, pages) = h.walk("/v2/time_entries?per_page=40", "time_entries").await;
    assert_eq!(ids.len(), 250);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 250);
    assert!(ids.iter().all(|&id| id > 1 << 31));
    assert_eq!(pages.len(), 7);
    assert_eq!(pages[0]["total_entries"], 250);
    assert_eq!(pages[0]["total_pages"], 7);
    assert_eq!(pages[3]["page"], 4);
    assert_eq!(pages[3]["previous_page"], 3);
    assert_eq!(pages[3]["next_page"], 5);
    assert!(pages[3]["links"]["previous"]
        .as_str()
        .unwrap()
        .contains("page=3"));
    assert_eq!(pages[6]["next_page"], Value::Null);
    // Newest first by spent_date.
    let dates: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p["time_entries"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["spent_date"].as_str().unwrap().to_owned())
        })
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]));

    // A filtered walk keeps the filter in every link and sees exactly the matching entries.
    let all = h.ok("/v2/time_entries").await;
    let project_id = all["time_entries"][0]["project"]["id"].as_u64().unwrap();
    let expected: Vec<u64> = all["time_entries"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["project"]["id"] == project_id)
        .map(|e| e["id"].as_u64().unwrap())
        .collect();
    let (filtered, pages) = h
        .walk(
            &format!("/v2/time_entries?project_id={project_id}&per_page=7"),
            "time_entries",
        )
        .await;
    assert_eq!(filtered, expected);
    for page in &pages {
        assert!(page["links"]["first"]
            .as_str()
            .unwrap()
            .contains(&format!("project_id={project_id}")));
    }
}

#[tokio::test]
async fn cursor_mode_walk_sees_every_record_once() {
    let h = Harness::with(SandboxOptions {
        records_per_entity: 23,
        ..SandboxOptions::default()
    })
    .await;
    let (ids, pages) = h.walk("/v2/clients?per_page=5", "clients").await;
    assert_eq!(ids.len(), 23);
    assert_eq!(ids.iter().collect::<HashSet<_>>().len(), 23);
    assert_eq!(pages.len(), 5);
    assert_eq!(
        (pages[0]["page"].clone(), pages[0]["next_page"].clone()),
        (1.into(), 2.into())
    );
    let next = pages[0]["links"]["next"].as_str().unwrap();
    assert!(
        next.contains("cursor=") && next.contains("ref=next_cursor") && next.contains("per_page=5"),
        "{next}"
    );
    for middle in &pages[1..4] {
        assert_eq!(middle["page"], Value::Null);
        assert_eq!(middle["next_page"], Value::Null);
        assert_eq!(middle["previous_page"], Value::Null);
        assert!(middle["links"]["first"]
            .as_str()
            .unwrap()
            .contains("ref=first"));
    }
    assert_eq!(pages[4]["page"], 5);
    assert_eq!(pages[4]["previous_page"], 4);
    assert_eq!(pages[4]["links"]["next"], Value::Null);

    // links.previous goes back exactly one page.
    let previous = pages[2]["links"]["previous"].as_str().unwrap();
    assert!(previous.contains("ref=previous_cursor"));
    assert_eq!(
        ids_of(&h.ok(previous).await, "clients"),
        ids_of(&pages[1], "clients")
    );

    // `cursor` wins over `page`.
    let with_page = format!("{next}&page=4");
    assert_eq!(
        ids_of(&h.ok(&with_page).await, "clients"),
        ids_of(&pages[1], "clients")
    );

    // Deprecated page numbers still work on cursor endpoints.
    assert_eq!(
        ids_of(&h.ok("/v2/clients?per_page=5&page=2").await, "clients"),
        ids_of(&pages[1], "clients")
    );

    // Filters survive in cursor links.
    let (active, pages) = h
        .walk("/v2/projects?is_active=true&per_page=4", "projects")
        .await;
    let expected = h.ok("/v2/projects?is_active=true").await;
    assert_eq!(active, ids_of(&expected, "projects"));
    assert!(pages[0]["links"]["next"]
        .as_str()
        .unwrap()
        .contains("is_active=true"));
}

#[tokio::test]
async fn per_page_bounds_are_enforced() {
    let h = Harness::start().await;
    for bad in ["0", "2001", "abc", "-1", "1.5", "99999999999999999999999"] {
        let (status, body) = h.json(&format!("/v2/users?per_page={bad}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "per_page={bad}");
        assert_eq!(
            body,
            serde_json::json!({"message": "per_page must be between 1 and 2000"})
        );
    }
    let (status, body) = h.json("/v2/time_entries?page=abc").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(body["message"].is_string());
    assert_eq!(
        h.ok("/v2/time_entries?per_page=2000").await["per_page"],
        2000
    );
    assert_eq!(h.ok("/v2/time_entries").await["per_page"], 2000);
    assert_eq!(h.ok("/v2/invoices").await["per_page"], 100);
    // Beyond the last page: an empty page, not an error.
    let beyond = h.ok("/v2/time_entries?page=9999").await;
    assert_eq!(beyond["time_entries"].as_array().unwrap().len(), 0);
    assert_eq!(beyond["next_page"], Value::Null);
}

#[tokio::test]
async fn records_by_id_and_not_found() {
    let h = Harness::start().await;
    let list = h.ok("/v2/time_entries?per_page=1").await;
    let entry = &list["time_entries"][0];
    let id = entry["id"].as_u64().unwrap();
    assert!(id > u64::from(u32::MAX) / 2, "time entry ids exceed 2^31");
    let fetched = h.ok(&format!("/v2/time_entries/{id}")).await;
    assert_eq!(&fetched, entry);

    // Everything a time entry refers to exists.
    let user = h.ok(&format!("/v2/users/{}", entry["user"]["id"])).await;
    assert_eq!(
        format!(
            "{} {}",
            user["first_name"].as_str().unwrap(),
            user["last_name"].as_str().unwrap()
        ),
        entry["user"]["name"]
    );
    let project = h
        .ok(&format!("/v2/projects/{}", entry["project"]["id"]))
        .await;
    assert_eq!(project["client"]["id"], entry["client"]["id"]);
    assert_eq!(
        h.ok(&format!("/v2/clients/{}", entry["client"]["id"]))
            .await["name"],
        entry["client"]["name"]
    );
    assert_eq!(
        h.ok(&format!("/v2/tasks/{}", entry["task"]["id"])).await["name"],
        entry["task"]["name"]
    );
    let assignments = h
        .ok(&format!(
            "/v2/projects/{}/task_assignments",
            entry["project"]["id"]
        ))
        .await;
    assert!(assignments["task_assignments"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == entry["task_assignment"]["id"]));
    let assignment = h
        .ok(&format!(
            "/v2/projects/{}/user_assignments/{}",
            entry["project"]["id"], entry["user_assignment"]["id"]
        ))
        .await;
    assert_eq!(assignment["user"]["id"], entry["user"]["id"]);

    let missing = h.get("/v2/time_entries/1").send().await.unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(missing.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json"));
    assert_eq!(
        missing.text().await.unwrap(),
        r#"{"status":404,"error":"Not Found"}"#
    );

    for path in [
        "/v2/time_entries/abc",
        "/v2/no_such_thing",
        "/v2/projects//user_assignments",
        "/elsewhere",
    ] {
        let response = h.get(path).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        assert!(
            response.headers()[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"),
            "{path}"
        );
    }
    // Harvest has no PUT: the methods the path has are listed.
    let put = h
        .client
        .put(h.url("/v2/time_entries"))
        .header(USER_AGENT, UA)
        .bearer_auth(&h.token)
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(put.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(put.headers()["allow"], "GET, POST");
}

#[tokio::test]
async fn reports_validate_and_aggregate() {
    let h = Harness::with(SandboxOptions {
        time_entries: 400,
        ..SandboxOptions::default()
    })
    .await;
    for query in [
        "",
        "?from=20240101",
        "?to=20240101",
        "?from=2024-13-01&to=20240601",
        "?from=20230101&to=20240601",
        "?from=20240601&to=20240101",
    ] {
        let (status, body) = h.json(&format!("/v2/reports/time/projects{query}")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{query}");
        assert!(body["message"].is_string(), "{query}");
    }
    // A whole (leap) year is fine.
    h.ok("/v2/reports/time/projects?from=20240101&to=20241231")
        .await;

    let entries = h.ok("/v2/time_entries?from=2024-05-01&to=2024-06-15").await;
    let entries = entries["time_entries"].as_array().unwrap();
    assert!(!entries.is_empty());
    let total: i64 = entries.iter().map(|e| hundredths(&e["hours"])).sum();
    let billable: i64 = entries
        .iter()
        .filter(|e| e["billable"] == true)
        .map(|e| hundredths(&e["hours"]))
        .sum();
    let amount: i64 = entries
        .iter()
        .filter(|e| e["billable"] == true)
        .map(|e| hundredths(&e["hours"]) * e["billable_rate"].as_f64().unwrap() as i64)
        .sum();

    let report = h
        .ok("/v2/reports/time/projects?from=20240501&to=20240615&include_fixed_fee=true")
        .await;
    let rows = report["results"].as_array().unwrap();
    // By default, fixed-fee projects have no billable amount in time reports.
    let fixed_fee: HashSet<u64> = h.ok("/v2/projects").await["projects"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["is_fixed_fee"] == true)
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert!(!fixed_fee.is_empty());
    let default = h
        .ok("/v2/reports/time/projects?from=20240501&to=20240615")
        .await;
    let default_rows = default["results"].as_array().unwrap();
    assert_eq!(default_rows.len(), rows.len());
    for (with, without) in rows.iter().zip(default_rows) {
        let id = with["project_id"].as_u64().unwrap();
        if fixed_fee.contains(&id) {
            assert_eq!(hundredths(&without["billable_amount"]), 0);
        } else {
            assert_eq!(with["billable_amount"], without["billable_amount"]);
        }
    }
    let uninvoiced = |query: &'static str| {
        let h = &h;
        async move {
            h.ok(&format!(
                "/v2/reports/uninvoiced?from=20240101&to=20241231{query}"
            ))
            .await["results"]
                .as_array()
                .unwrap()
                .iter()
                .map(|r| r["project_id"].as_u64().unwrap())
                .collect::<HashSet<u64>>()
        }
    };
    let all = uninvoiced("").await;
    let without_fixed_fee = uninvoiced("&include_fixed_fee=false").await;
    assert!(all.iter().any(|id| fixed_fee.contains(id)));
    assert_eq!(
        without_fixed_fee,
        all.difference(&fixed_fee)
            .copied()
            .collect::<HashSet<u64>>()
    );
    assert_eq!(
        report["total_entries"].as_u64().unwrap() as usize,
        rows.len()
    );
    assert!(report["links"]["first"]
        .as_str()
        .unwrap()
        .contains("from=20240501"));
    assert_eq!(
        rows.iter()
            .map(|r| hundredths(&r["total_hours"]))
            .sum::<i64>(),
        total
    );
    assert_eq!(
        rows.iter()
            .map(|r| hundredths(&r["billable_hours"]))
            .sum::<i64>(),
        billable
    );
    assert_eq!(
        rows.iter()
            .map(|r| hundredths(&r["billable_amount"]))
            .sum::<i64>(),
        amount
    );
    for row in rows {
        for field in [
            "project_id",
            "project_name",
            "client_id",
            "client_name",
            "currency",
        ] {
            assert!(row.get(field).is_some(), "{field}");
        }
    }

    let tasks = h
        .ok("/v2/reports/time/tasks?from=2024-05-01&to=2024-06-15")
        .await;
    let rows = tasks["results"].as_array().unwrap();
    assert_eq!(
        rows.iter()
            .map(|r| hundredths(&r["total_hours"]))
            .sum::<i64>(),
        total
    );
    assert!(rows
        .iter()
        .all(|r| r["task_id"].is_u64() && r["task_name"].is_string()));
}

#[tokio::test]
async fn token_endpoint_refreshes_and_rotates() {
    let h = Harness::start().await;
    let (status, body) = h
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 1_209_600);
    let access = body["access_token"].as_str().unwrap().to_owned();
    let refresh = body["refresh_token"].as_str().unwrap().to_owned();
    assert_ne!(refresh, "sandbox-refresh-token");

    let me = h
        .client
        .get(h.url("/v2/users/me"))
        .header(USER_AGENT, UA)
        .bearer_auth(&access)
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap();
    assert_eq!(me.status(), StatusCode::OK);

    // The used refresh token is gone; the new one works and yields a new access token.
    let (status, body) = h
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["error"], "invalid_grant");
    let (status, body) = h
        .refresh(&refresh, "sandbox-client-id", "sandbox-client-secret")
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(body["access_token"], access.as_str());

    let (status, body) = h
        .refresh(
            body["refresh_token"].as_str().unwrap(),
            "sandbox-client-id",
            "wrong",
        )
        .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_eq!(body["error"], "invalid_client");
    assert!(body["error_description"].is_string());

    let missing = h
        .client
        .post(format!("{}/api/v2/oauth2/token", h.sandbox.id_url()))
        .form(&[("grant_type", "refresh_token"), ("refresh_token", "x")])
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::BAD_REQUEST);
    assert_eq!(
        json_body(missing).await.unwrap()["error"],
        "invalid_request"
    );

    assert_eq!(h.sandbox.token_requests(), 5);
    assert!(h
        .sandbox
        .requests()
        .iter()
        .any(|r| r.path == "/api/v2/oauth2/token" && r.method == "POST"));

    // Without rotation the same refresh token comes back and stays usable.
    let fixed = Harness::with(SandboxOptions {
        rotate_refresh_tokens: false,
        ..SandboxOptions::default()
    })
    .await;
    for _ in 0..2 {
        let (status, body) = fixed
            .refresh(
                "sandbox-refresh-token",
                "sandbox-client-id",
                "sandbox-client-secret",
            )
            .await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(body["refresh_token"], "sandbox-refresh-token");
    }
}

#[tokio::test]
async fn revoked_and_expired_access_tokens_get_401() {
    let h = Harness::start().await;
    let (_, body) = h
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    let access = body["access_token"].as_str().unwrap().to_owned();
    let call = |token: String| {
        h.client
            .get(h.url("/v2/company"))
            .header(USER_AGENT, UA)
            .bearer_auth(token)
            .header("Harvest-Account-Id", &h.account)
            .send()
    };
    assert_eq!(call(access.clone()).await.unwrap().status(), StatusCode::OK);
    h.sandbox.revoke_access_tokens();
    let revoked = call(access).await.unwrap();
    assert_eq!(revoked.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(revoked.text().await.unwrap(), INVALID_TOKEN);
    assert_eq!(
        call(h.token.clone()).await.unwrap().status(),
        StatusCode::OK
    );

    let expiring = Harness::with(SandboxOptions {
        access_token_ttl_secs: 0,
        ..SandboxOptions::default()
    })
    .await;
    let (_, body) = expiring
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    assert_eq!(body["expires_in"], 0);
    let expired = expiring
        .client
        .get(expiring.url("/v2/company"))
        .header(USER_AGENT, UA)
        .bearer_auth(body["access_token"].as_str().unwrap())
        .header("Harvest-Account-Id", &expiring.account)
        .send()
        .await
        .unwrap();
    assert_eq!(expired.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn faults_are_consumed_in_order() {
    let h = Harness::start().await;
    h.sandbox.push_faults(vec![
        Fault::too_many_requests(7),
        Fault::Status {
            status: 503,
            body: "<html><body>Service Unavailable</body></html>".into(),
            content_type: "text/html".into(),
            retry_after: None,
        },
        Fault::Body {
            status: 200,
            body: br#"{"users":[{"id":1"#.to_vec(),
            content_type: "application/json".into(),
            gzip_header_without_gzip: false,
        },
    ]);
    // The token endpoint does not consume faults.
    let (status, _) = h
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    assert_eq!(status, StatusCode::OK);

    let throttled = h.get("/v2/users").send().await.unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(throttled.headers()[RETRY_AFTER], "7");
    let unavailable = h.get("/v2/users").send().await.unwrap();
    assert_eq!(unavailable.status(), StatusCode::SERVICE_UNAVAILABLE);
    assert!(unavailable.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    let truncated = h.get("/v2/users").send().await.unwrap();
    assert_eq!(truncated.status(), StatusCode::OK);
    assert!(json_body(truncated).await.is_err());
    assert_eq!(
        h.get("/v2/users").send().await.unwrap().status(),
        StatusCode::OK
    );

    // Faults apply before auth, and clear_faults empties the queue.
    h.sandbox.push_faults(vec![
        Fault::json_status(500, r#"{"message":"boom"}"#),
        Fault::Hang,
    ]);
    let anonymous = h.client.get(h.url("/v2/users")).send().await.unwrap();
    assert_eq!(anonymous.status(), StatusCode::INTERNAL_SERVER_ERROR);
    h.sandbox.clear_faults();
    assert_eq!(
        h.get("/v2/users").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(h.sandbox.request_count(), 7);
}

#[tokio::test]
async fn hang_fault_times_out_the_client() {
    let h = Harness::start().await;
    let impatient = http_client(Some(Duration::from_millis(300)));
    h.sandbox.push_faults(vec![Fault::Hang]);
    let started = Instant::now();
    let err = impatient
        .get(h.url("/v2/users/me"))
        .header(USER_AGENT, UA)
        .bearer_auth(&h.token)
        .header("Harvest-Account-Id", &h.account)
        .send()
        .await
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        h.get("/v2/users/me").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(h.sandbox.request_count(), 2);
}

#[tokio::test]
async fn close_connection_fault_drops_the_connection() {
    let h = Harness::start().await;
    h.sandbox.push_faults(vec![Fault::CloseConnection]);
    let started = Instant::now();
    let err = h.get("/v2/users/me").send().await.unwrap_err();
    assert!(!err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(
        h.get("/v2/users/me").send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn lying_content_encoding_breaks_decoding() {
    let h = Harness::start().await;
    h.sandbox.push_faults(vec![Fault::Body {
        status: 200,
        body: br#"{"users":[]}"#.to_vec(),
        content_type: "application/json; charset=utf-8".into(),
        gzip_header_without_gzip: true,
    }]);
    let response = h
        .get("/v2/users")
        .header(ACCEPT_ENCODING, "gzip")
        .send()
        .await
        .unwrap();
    assert_eq!(response.headers()[CONTENT_ENCODING], "gzip");
    // The header says gzip; the bytes are the plain JSON, not a gzip member (which would
    // start with the magic bytes 1f 8b), so a client that trusts the header fails to inflate.
    let body = response.bytes().await.unwrap();
    assert_eq!(&body[..], br#"{"users":[]}"#);
}

#[tokio::test]
async fn latency_delays_responses() {
    let h = Harness::start().await;
    h.sandbox.set_latency(Duration::from_millis(250));
    let started = Instant::now();
    assert_eq!(
        h.get("/v2/company").send().await.unwrap().status(),
        StatusCode::OK
    );
    assert!(started.elapsed() >= Duration::from_millis(250));
    h.sandbox.set_latency(Duration::ZERO);
    let started = Instant::now();
    h.get("/v2/company").send().await.unwrap();
    assert!(started.elapsed() < Duration::from_millis(250));
}

#[tokio::test]
async fn rate_limit_returns_429_with_retry_after() {
    let h = Harness::start().await;
    h.sandbox.set_rate_limit(Some((3, Duration::from_secs(2))));
    for _ in 0..3 {
        assert_eq!(
            h.get("/v2/company").send().await.unwrap().status(),
            StatusCode::OK
        );
    }
    let throttled = h.get("/v2/company").send().await.unwrap();
    assert_eq!(throttled.status(), StatusCode::TOO_MANY_REQUESTS);
    let retry_after: u64 = throttled.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=2).contains(&retry_after), "{retry_after}");
    assert!(throttled.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(throttled.bytes().await.unwrap().is_empty());
    // The id host is not throttled.
    let (status, _) = h
        .refresh(
            "sandbox-refresh-token",
            "sandbox-client-id",
            "sandbox-client-secret",
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    h.sandbox.set_rate_limit(None);
    assert_eq!(
        h.get("/v2/company").send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn gzip_when_the_client_accepts_it() {
    let h = Harness::start().await;
    let raw = {
        let _ = rustls::crypto::ring::default_provider().install_default();
        reqwest::Client::builder()
            .no_proxy()
            .no_gzip()
            .build()
            .unwrap()
    };
    let request = |accept: Option<&str>| {
        let mut builder = raw
            .get(h.url("/v2/time_entries"))
            .header(USER_AGENT, UA)
            .bearer_auth(&h.token)
            .header("Harvest-Account-Id", &h.account);
        if let Some(accept) = accept {
            builder = builder.header(ACCEPT_ENCODING, accept);
        }
        builder.send()
    };
    let compressed = request(Some("gzip, deflate, br")).await.unwrap();
    assert_eq!(compressed.headers()[CONTENT_ENCODING], "gzip");
    assert!(compressed.headers()[CONTENT_TYPE]
        .to_str()
        .unwrap()
        .starts_with("application/json; charset=utf-8"));
    let bytes = compressed.bytes().await.unwrap();
    let json = gunzip(&bytes);
    let value: Value = serde_json::from_slice(&json).unwrap();
    assert_eq!(value["total_entries"], 120);
    assert!(bytes.len() < json.len() / 3);

    let plain = request(None).await.unwrap();
    assert!(plain.headers().get(CONTENT_ENCODING).is_none());
    let refused = request(Some("gzip;q=0, identity")).await.unwrap();
    assert!(refused.headers().get(CONTENT_ENCODING).is_none());
    // A client that does not ask for gzip gets plain JSON.
    assert_eq!(h.ok("/v2/time_entries").await["total_entries"], 120);
}

#[tokio::test]
async fn request_log_records_everything() {
    let h = Harness::start().await;
    h.get("/v2/time_entries?per_page=2&project_id=41068200&notes=caf%C3%A9")
        .send()
        .await
        .unwrap();
    h.client
        .post(h.url("/v2/time_entries"))
        .header(USER_AGENT, UA)
        .body("{\"hours\":1}")
        .send()
        .await
        .unwrap();
    h.refresh(
        "sandbox-refresh-token",
        "sandbox-client-id",
        "sandbox-client-secret",
    )
    .await;
    let log = h.sandbox.requests();
    assert_eq!(log.len(), 3);
    assert_eq!(h.sandbox.request_count(), 3);
    let first = &log[0];
    assert_eq!(
        (first.method.as_str(), first.path.as_str()),
        ("GET", "/v2/time_entries")
    );
    assert_eq!(
        first.query,
        "per_page=2&project_id=41068200&notes=caf%C3%A9"
    );
    assert_eq!(
        first.query_pairs(),
        vec![
            ("per_page".to_owned(), "2".to_owned()),
            ("project_id".to_owned(), "41068200".to_owned()),
            ("notes".to_owned(), "café".to_owned())
        ]
    );
    assert_eq!(first.header("User-Agent"), Some(UA));
    assert_eq!(first.header("harvest-account-id"), Some("1234567"));
    assert_eq!(
        first.header("authorization"),
        Some("Bearer sandbox-personal-access-token")
    );
    assert!(first
        .headers
        .iter()
        .all(|(name, _)| *name == name.to_ascii_lowercase()));
    assert!(first.body.is_empty());
    assert_eq!(log[1].method, "POST");
    assert_eq!(log[1].body, b"{\"hours\":1}");
    assert_eq!(log[2].path, "/api/v2/oauth2/token");
    assert!(String::from_utf8_lossy(&log[2].body).contains("grant_type=refresh_token"));
    assert!(log.windows(2).all(|w| w[0].at <= w[1].at));
    h.sandbox.clear_requests();
    assert_eq!(h.sandbox.request_count(), 0);
}

#[tokio::test]
async fn shutdown_stops_serving() {
    let h = Harness::start().await;
    let addr = h.sandbox.addr();
    assert_eq!(
        h.get("/v2/company").send().await.unwrap().status(),
        StatusCode::OK
    );

    // An in-flight (hanging) request is cut off by shutdown.
    h.sandbox.push_faults(vec![Fault::Hang]);
    let hanging = tokio::spawn(h.get("/v2/company").send());
    while h.sandbox.request_count() < 2 {
        tokio::time::sleep(Duration::from_millis(5)).await;
    }
    h.sandbox.shutdown();
    h.sandbox.shutdown();
    tokio::time::timeout(Duration::from_secs(2), h.sandbox.closed())
        .await
        .expect("server tasks end");
    let outcome = tokio::time::timeout(Duration::from_secs(2), hanging)
        .await
        .expect("hanging request ends");
    assert!(outcome.unwrap().is_err());
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
    assert!(h.get("/v2/company").send().await.is_err());
}

#[tokio::test]
async fn dropping_the_last_clone_shuts_down() {
    let sandbox = Sandbox::start(SandboxOptions::default()).await.unwrap();
    let addr = sandbox.addr();
    let clone = sandbox.clone();
    drop(sandbox);
    assert!(tokio::net::TcpStream::connect(addr).await.is_ok());
    drop(clone);
    let deadline = Instant::now() + Duration::from_secs(2);
    loop {
        tokio::task::yield_now().await;
        if tokio::net::TcpStream::connect(addr).await.is_err() {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "still accepting after the last clone was dropped"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn serves_hundreds_of_concurrent_connections() {
    let h = Harness::start().await;
    // With 100 ms per response, 300 simultaneous requests make the client's
    // pool open hundreds of keep-alive connections.
    h.sandbox.set_latency(Duration::from_millis(100));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for i in 0..300 {
        let request = h
            .get(&format!("/v2/time_entries?per_page=1&page={}", i % 100 + 1))
            .send();
        tasks.push(tokio::spawn(
            async move { request.await.map(|r| r.status()) },
        ));
    }
    for task in tasks {
        assert_eq!(task.await.unwrap().unwrap(), StatusCode::OK);
    }
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(h.sandbox.request_count(), 300);
    let connections = h
        .sandbox
        .state()
        .connections
        .load(std::sync::atomic::Ordering::Relaxed);
    assert!(connections >= 100, "only {connections} connections");
}

#[tokio::test]
async fn keep_alive_connections_are_reused() {
    let h = Harness::start().await;
    for path in [
        "/v2/company",
        "/v2/users",
        "/v2/time_entries/1",
        "/v2/nope",
        "/v2/users?per_page=0",
    ] {
        let response = h.get(path).send().await.unwrap();
        response.bytes().await.unwrap();
    }
    let connections = h
        .sandbox
        .state()
        .connections
        .load(std::sync::atomic::Ordering::Relaxed);
    assert_eq!(
        connections, 1,
        "errors must not close the connection either"
    );
}

#[tokio::test]
async fn every_documented_get_endpoint_answers() {
    let h = Harness::start().await;
    let first_id = |page: &Value, key: &str| {
        page[key][0]["id"]
            .as_u64()
            .unwrap_or_else(|| panic!("{key}: {page}"))
    };
    let user = h.ok("/v2/users/me").await["id"].as_u64().unwrap();
    let manager = h.ok("/v2/users").await["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["access_roles"][0] == "manager")
        .map(|u| u["id"].as_u64().unwrap())
        .unwrap();
    let project = first_id(&h.ok("/v2/projects").await, "projects");
    let invoice = first_id(&h.ok("/v2/invoices").await, "invoices");
    let estimate = first_id(&h.ok("/v2/estimates").await, "estimates");
    let billable_rate = first_id(
        &h.ok(&format!("/v2/users/{user}/billable_rates")).await,
        "billable_rates",
    );
    let cost_rate = first_id(
        &h.ok(&format!("/v2/users/{user}/cost_rates")).await,
        "cost_rates",
    );
    let user_assignment = first_id(
        &h.ok(&format!("/v2/projects/{project}/user_assignments"))
            .await,
        "user_assignments",
    );
    let task_assignment = first_id(
        &h.ok(&format!("/v2/projects/{project}/task_assignments"))
            .await,
        "task_assignments",
    );
    let range = "from=20240101&to=20241231";

    let lists = [
        ("/v2/users".to_owned(), "users"),
        (
            format!("/v2/users/{user}/project_assignments"),
            "project_assignments",
        ),
        (
            "/v2/users/me/project_assignments".to_owned(),
            "project_assignments",
        ),
        (format!("/v2/users/{manager}/teammates"), "teammates"),
        (format!("/v2/users/{user}/billable_rates"), "billable_rates"),
        (format!("/v2/users/{user}/cost_rates"), "cost_rates"),
        ("/v2/clients".to_owned(), "clients"),
        ("/v2/contacts".to_owned(), "contacts"),
        ("/v2/projects".to_owned(), "projects"),
        (
            format!("/v2/projects/{project}/user_assignments"),
            "user_assignments",
        ),
        (
            format!("/v2/projects/{project}/task_assignments"),
            "task_assignments",
        ),
        ("/v2/user_assignments".to_owned(), "user_assignments"),
        ("/v2/task_assignments".to_owned(), "task_assignments"),
        ("/v2/tasks".to_owned(), "tasks"),
        ("/v2/time_entries".to_owned(), "time_entries"),
        ("/v2/expenses".to_owned(), "expenses"),
        ("/v2/expense_categories".to_owned(), "expense_categories"),
        ("/v2/invoices".to_owned(), "invoices"),
        (
            format!("/v2/invoices/{invoice}/messages"),
            "invoice_messages",
        ),
        (
            format!("/v2/invoices/{invoice}/payments"),
            "invoice_payments",
        ),
        (
            "/v2/invoice_item_categories".to_owned(),
            "invoice_item_categories",
        ),
        ("/v2/estimates".to_owned(), "estimates"),
        (
            format!("/v2/estimates/{estimate}/messages"),
            "estimate_messages",
        ),
        (
            "/v2/estimate_item_categories".to_owned(),
            "estimate_item_categories",
        ),
        ("/v2/roles".to_owned(), "roles"),
        (format!("/v2/reports/time/clients?{range}"), "results"),
        (format!("/v2/reports/time/projects?{range}"), "results"),
        (format!("/v2/reports/time/tasks?{range}"), "results"),
        (format!("/v2/reports/time/team?{range}"), "results"),
        (format!("/v2/reports/expenses/clients?{range}"), "results"),
        (format!("/v2/reports/expenses/projects?{range}"), "results"),
        (
            format!("/v2/reports/expenses/categories?{range}"),
            "results",
        ),
        (format!("/v2/reports/expenses/team?{range}"), "results"),
        (format!("/v2/reports/uninvoiced?{range}"), "results"),
        ("/v2/reports/project_budget".to_owned(), "results"),
    ];
    for (path, key) in &lists {
        let page = h.ok(path).await;
        let records = page[*key]
            .as_array()
            .unwrap_or_else(|| panic!("{path}: no {key}"));
        assert!(!records.is_empty(), "{path} is empty");
        assert_eq!(
            page["total_entries"].as_u64().unwrap() as usize,
            records.len(),
            "{path}"
        );
    }

    let mut singles = vec![
        "/v2/company".to_owned(),
        "/v2/users/me".to_owned(),
        format!("/v2/users/{user}/billable_rates/{billable_rate}"),
        format!("/v2/users/{user}/cost_rates/{cost_rate}"),
        format!("/v2/projects/{project}/user_assignments/{user_assignment}"),
        format!("/v2/projects/{project}/task_assignments/{task_assignment}"),
        format!("/v2/invoices/{invoice}/messages/new?reminder=true"),
    ];
    for (list, key) in [
        ("/v2/users", "users"),
        ("/v2/clients", "clients"),
        ("/v2/contacts", "contacts"),
        ("/v2/projects", "projects"),
        ("/v2/tasks", "tasks"),
        ("/v2/time_entries", "time_entries"),
        ("/v2/expenses", "expenses"),
        ("/v2/expense_categories", "expense_categories"),
        ("/v2/invoices", "invoices"),
        ("/v2/invoice_item_categories", "invoice_item_categories"),
        ("/v2/estimates", "estimates"),
        ("/v2/estimate_item_categories", "estimate_item_categories"),
        ("/v2/roles", "roles"),
    ] {
        let id = first_id(&h.ok(list).await, key);
        singles.push(format!("{list}/{id}"));
        let (status, _) = h.json(&format!("{list}/{}", id + 1_000_000)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{list}");
    }
    for path in &singles {
        let record = h.ok(path).await;
        assert!(
            record.is_object() && !record.as_object().unwrap().contains_key("links"),
            "{path}"
        );
    }
    // Nested records belong to their parent.
    let (status, _) = h
        .json(&format!(
            "/v2/projects/{}/user_assignments/{user_assignment}",
            project + 1
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = h
        .json(&format!(
            "/v2/users/{manager}/billable_rates/{billable_rate}"
        ))
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        h.ok(&format!(
            "/v2/invoices/{invoice}/messages/new?thank_you=true"
        ))
        .await["thank_you"],
        true
    );

    // The id host's account discovery: Bearer + User-Agent, no account header.
    let accounts = h
        .client
        .get(format!("{}/api/v2/accounts", h.sandbox.id_url()))
        .header(USER_AGENT, UA)
        .bearer_auth(&h.token)
        .send()
        .await
        .unwrap();
    let accounts = json_body(accounts).await.unwrap();
    assert_eq!(accounts["user"]["id"], user);
    let harvest: Vec<&Value> = accounts["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["product"] == "harvest")
        .collect();
    assert_eq!(harvest.len(), 1);
    assert_eq!(harvest[0]["id"], 1_234_567);
    let anonymous = h
        .client
        .get(format!("{}/api/v2/accounts", h.sandbox.id_url()))
        .header(USER_AGENT, UA)
        .send()
        .await
        .unwrap();
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn list_filters_are_honoured() {
    let h = Harness::with(SandboxOptions {
        time_entries: 600,
        ..SandboxOptions::default()
    })
    .await;
    let all = h.ok("/v2/time_entries").await;
    let entries = all["time_entries"].as_array().unwrap().clone();
    let count = |pred: &dyn Fn(&Value) -> bool| entries.iter().filter(|e| pred(e)).count() as u64;
    let sample = &entries[5];

    let checks: Vec<(String, u64)> = vec![
        (
            format!("user_id={}", sample["user"]["id"]),
            count(&|e| e["user"]["id"] == sample["user"]["id"]),
        ),
        (
            format!("client_id={}", sample["client"]["id"]),
            count(&|e| e["client"]["id"] == sample["client"]["id"]),
        ),
        (
            format!("project_id={}", sample["project"]["id"]),
            count(&|e| e["project"]["id"] == sample["project"]["id"]),
        ),
        (
            format!("task_id={}", sample["task"]["id"]),
            count(&|e| e["task"]["id"] == sample["task"]["id"]),
        ),
        ("is_running=true".to_owned(), 1),
        ("is_running=false".to_owned(), 599),
        (
            "is_billed=true".to_owned(),
            count(&|e| e["is_billed"] == true),
        ),
        (
            "approval_status=approved".to_owned(),
            count(&|e| e["approval_status"] == "approved"),
        ),
        (
            "approval_status=unsubmitted".to_owned(),
            count(&|e| e["approval_status"] == "unsubmitted"),
        ),
        ("external_reference_id=100003".to_owned(), 1),
        (
            "from=2024-06-01&to=2024-06-10".to_owned(),
            count(&|e| {
                e["spent_date"].as_str().unwrap() >= "2024-06-01"
                    && e["spent_date"].as_str().unwrap() <= "2024-06-10"
            }),
        ),
        (
            "updated_since=2024-06-20T00:00:00Z".to_owned(),
            count(&|e| e["updated_at"].as_str().unwrap() > "2024-06-20T00:00:00Z"),
        ),
        (
            format!("user_id={}&is_billed=false", sample["user"]["id"]),
            count(&|e| e["user"]["id"] == sample["user"]["id"] && e["is_billed"] == false),
        ),
        ("user_id=1".to_owned(), 0),
    ];
    for (query, expected) in checks {
        let page = h.ok(&format!("/v2/time_entries?{query}")).await;
        assert_eq!(page["total_entries"], expected, "{query}");
        assert!(
            expected == 0 || expected < 600 || query.contains("is_running"),
            "{query} filters nothing"
        );
    }
    assert!(count(&|e| e["is_billed"] == true) > 0);
    assert_eq!(
        h.ok("/v2/time_entries?is_running=true").await["time_entries"][0]["is_running"],
        true
    );

    let users = h.ok("/v2/users?is_active=false").await;
    assert!(users["users"]
        .as_array()
        .unwrap()
        .iter()
        .all(|u| u["is_active"] == false));
    assert!(users["total_entries"].as_u64().unwrap() > 0);
    let client = h.ok("/v2/projects").await["projects"][0]["client"]["id"]
        .as_u64()
        .unwrap();
    let projects = h.ok(&format!("/v2/projects?client_id={client}")).await;
    assert!(projects["projects"]
        .as_array()
        .unwrap()
        .iter()
        .all(|p| p["client"]["id"] == client));
    let contacts = h.ok(&format!("/v2/contacts?client_id={client}")).await;
    assert!(contacts["contacts"]
        .as_array()
        .unwrap()
        .iter()
        .all(|c| c["client"]["id"] == client));
    let invoices = h.ok("/v2/invoices?state=paid").await;
    assert!(invoices["total_entries"].as_u64().unwrap() > 0);
    assert!(invoices["invoices"]
        .as_array()
        .unwrap()
        .iter()
        .all(|i| i["state"] == "paid"));
    let billed = h.ok("/v2/expenses?is_billed=true").await;
    assert!(billed["expenses"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["is_billed"] == true && e["invoice"].is_object()));
    let me = h.ok("/v2/users/me").await["id"].as_u64().unwrap();
    let mine = h.ok(&format!("/v2/user_assignments?user_id={me}")).await;
    assert!(mine["user_assignments"]
        .as_array()
        .unwrap()
        .iter()
        .all(|a| a["user"]["id"] == me));

    let (status, _) = h.json("/v2/users?is_active=maybe").await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = h
        .json("/v2/time_entries?updated_since=2010-01-01+00:00:00+00:00")
        .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn large_accounts_are_cheap() {
    let started = Instant::now();
    let h = Harness::with(SandboxOptions {
        time_entries: 50_000,
        ..SandboxOptions::default()
    })
    .await;
    let last = h.ok("/v2/time_entries?page=25").await;
    assert_eq!(last["total_entries"], 50_000);
    assert_eq!(last["time_entries"].as_array().unwrap().len(), 2000);
    assert_eq!(last["time_entries"][1999]["id"], 2_380_504_951u64 + 49_999);
    let report = h
        .ok("/v2/reports/time/team?from=20230701&to=20240628")
        .await;
    assert!(!report["results"].as_array().unwrap().is_empty());
    let filtered = h.ok("/v2/time_entries?is_running=true").await;
    assert_eq!(filtered["total_entries"], 1);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn hostile_input_does_not_break_the_server() {
    let h = Harness::start().await;
    let long = "x".repeat(20_000);
    let cases = [
        (
            "/v2/users/99999999999999999999999999".to_owned(),
            StatusCode::NOT_FOUND,
        ),
        ("/v2/users/%2e%2e".to_owned(), StatusCode::NOT_FOUND),
        ("/v2/users/+5".to_owned(), StatusCode::NOT_FOUND),
        (
            format!("/v2/users?cursor={long}"),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v2/users?cursor=eyJhZnRlciI6eyJpZCI6MX19".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v2/users?cursor=%FF%FE".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v2/time_entries?page=18446744073709551615".to_owned(),
            StatusCode::OK,
        ),
        (
            "/v2/time_entries?user_id=18446744073709551615".to_owned(),
            StatusCode::OK,
        ),
        (
            "/v2/time_entries?from=99999999&to=00000000".to_owned(),
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            "/v2/reports/time/team?from=00010101&to=00010102".to_owned(),
            StatusCode::OK,
        ),
        (
            "/v2/reports/time/team?from=99991230&to=99991231".to_owned(),
            StatusCode::OK,
        ),
        (
            "/v2/time_entries?updated_since=9999-12-31T23:59:59%2B23:59".to_owned(),
            StatusCode::OK,
        ),
        (format!("/v2/time_entries?{long}={long}"), StatusCode::OK),
    ];
    for (path, expected) in &cases {
        let response = h.get(path).header("Host", "bad host/x").send().await;
        let status = match response {
            Ok(response) => response.status(),
            // An unsendable Host header is the client's problem; retry without it.
            Err(_) => h.get(path).send().await.unwrap().status(),
        };
        assert_eq!(status, *expected, "{}", &path[..path.len().min(80)]);
    }
    // A cursor from another account position: before the very first record.
    let first = h.ok("/v2/users?per_page=2").await;
    let before_first =
        super::envelope::Cursor::Before(first["users"][0]["id"].as_u64().unwrap()).encode();
    let page = h
        .ok(&format!("/v2/users?per_page=2&cursor={before_first}"))
        .await;
    assert_eq!(page["users"].as_array().unwrap().len(), 0);
    assert_eq!(
        h.get("/v2/company").send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn the_request_log_shows_overlapping_requests() {
    let h = Harness::start().await;
    h.sandbox.set_latency(Duration::from_millis(200));
    let (a, b) = tokio::join!(h.json("/v2/company"), h.json("/v2/users/me"));
    assert_eq!((a.0, b.0), (StatusCode::OK, StatusCode::OK));
    let in_flight: Vec<usize> = h.sandbox.requests().iter().map(|r| r.in_flight).collect();
    assert_eq!(in_flight, vec![1, 2]);
    h.sandbox.set_latency(Duration::ZERO);
    h.ok("/v2/company").await;
    assert_eq!(h.sandbox.requests().last().map(|r| r.in_flight), Some(1));
}
