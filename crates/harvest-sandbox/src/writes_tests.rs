//! Tests of the write routes over real HTTP (reqwest against a started sandbox): every
//! write at least once, Harvest's rules, faults after a write, concurrency.

use std::collections::HashSet;

use reqwest::header::{CONTENT_TYPE, USER_AGENT};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use super::tests::{Harness, UA};
use super::*;

impl Harness {
    fn request(&self, method: Method, path: &str) -> reqwest::RequestBuilder {
        self.client
            .request(method, self.url(path))
            .header(USER_AGENT, UA)
            .bearer_auth(&self.token)
            .header("Harvest-Account-Id", &self.account)
    }

    async fn send(&self, method: Method, path: &str, body: Option<Value>) -> (StatusCode, Value) {
        let mut request = self.request(method, path);
        if let Some(body) = body {
            request = request
                .header(CONTENT_TYPE, "application/json")
                .body(body.to_string());
        }
        let response = request.send().await.expect("response");
        let status = response.status();
        let bytes = response.bytes().await.expect("body");
        let value = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes)
                .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()))
        };
        (status, value)
    }

    async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::POST, path, Some(body)).await
    }

    async fn patch(&self, path: &str, body: Value) -> (StatusCode, Value) {
        self.send(Method::PATCH, path, Some(body)).await
    }

    async fn delete(&self, path: &str) -> (StatusCode, Value) {
        self.send(Method::DELETE, path, None).await
    }

    async fn created(&self, path: &str, body: Value) -> Value {
        let (status, value) = self.post(path, body).await;
        assert_eq!(status, StatusCode::CREATED, "POST {path}: {value}");
        value
    }

    async fn updated(&self, path: &str, body: Value) -> Value {
        let (status, value) = self.patch(path, body).await;
        assert_eq!(status, StatusCode::OK, "PATCH {path}: {value}");
        value
    }

    /// The 422 message of a refused write.
    async fn refused(&self, method: Method, path: &str, body: Option<Value>) -> String {
        let (status, value) = self.send(method.clone(), path, body).await;
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{method} {path}: {value}"
        );
        value["message"].as_str().expect("a message").to_owned()
    }
}

fn id(record: &Value) -> u64 {
    record["id"].as_u64().expect("an id")
}

/// A project and task the administrator (`/users/me`) may log time to.
async fn assigned_project_and_task(h: &Harness) -> (u64, u64, u64) {
    let me = h.ok("/v2/users/me").await;
    let assignments = h.ok("/v2/users/me/project_assignments").await;
    let first = &assignments["project_assignments"][0];
    (
        id(&me),
        first["project"]["id"].as_u64().expect("project"),
        first["task_assignments"][0]["task"]["id"]
            .as_u64()
            .expect("task"),
    )
}

/// (collection path, create body, update body, a field the update changes).
fn simple_entities(client_id: u64, user_id: u64) -> Vec<(String, Value, Value, &'static str)> {
    vec![
        (
            "/v2/clients".into(),
            json!({"name": "New Client", "currency": "EUR"}),
            json!({"name": "Renamed Client"}),
            "name",
        ),
        (
            "/v2/contacts".into(),
            json!({"client_id": client_id, "first_name": "Ada", "email": "ada@example.com"}),
            json!({"title": "CFO"}),
            "title",
        ),
        (
            "/v2/tasks".into(),
            json!({"name": "Brand New Task", "default_hourly_rate": 120}),
            json!({"is_active": false}),
            "is_active",
        ),
        (
            "/v2/expense_categories".into(),
            json!({"name": "Parking"}),
            json!({"unit_name": "hour", "unit_price": 4.5}),
            "unit_price",
        ),
        (
            "/v2/invoice_item_categories".into(),
            json!({"name": "Retainer"}),
            json!({"name": "Retainer fee"}),
            "name",
        ),
        (
            "/v2/estimate_item_categories".into(),
            json!({"name": "Discovery"}),
            json!({"name": "Discovery phase"}),
            "name",
        ),
        (
            "/v2/roles".into(),
            json!({"name": "Auditor", "user_ids": [user_id]}),
            json!({"name": "Lead auditor"}),
            "name",
        ),
        (
            "/v2/users".into(),
            json!({"first_name": "Grace", "last_name": "Hopper", "email": "grace@example.com"}),
            json!({"weekly_capacity": 72000}),
            "weekly_capacity",
        ),
        (
            "/v2/projects".into(),
            json!({"client_id": client_id, "name": "Launch", "is_billable": true,
                   "bill_by": "Project", "hourly_rate": 150, "budget_by": "project", "budget": 40}),
            json!({"notes": "Phase two"}),
            "notes",
        ),
        (
            "/v2/estimates".into(),
            json!({"client_id": client_id, "subject": "Proposal",
                   "line_items": [{"kind": "Service", "description": "Work", "quantity": 3, "unit_price": 100}]}),
            json!({"discount": 10}),
            "discount",
        ),
        (
            "/v2/invoices".into(),
            json!({"client_id": client_id, "payment_term": "net 30",
                   "line_items": [{"kind": "Service", "description": "Work", "quantity": 2, "unit_price": 50}]}),
            json!({"purchase_order": "PO-1"}),
            "purchase_order",
        ),
    ]
}

#[tokio::test]
async fn every_entity_round_trips_create_get_update_delete() {
    let h = Harness::start().await;
    let client = h.created("/v2/clients", json!({"name": "Owner"})).await;
    let me = h.ok("/v2/users/me").await;
    for (path, create, update, field) in simple_entities(id(&client), id(&me)) {
        let created = h.created(&path, create.clone()).await;
        let record_path = format!("{path}/{}", id(&created));
        assert!(created["created_at"].is_string(), "{path}: {created}");
        assert_eq!(h.ok(&record_path).await, created, "{path}");
        let key = path.trim_start_matches("/v2/");
        let listed = h.ok(&path).await;
        assert!(
            listed[key].as_array().expect("list").contains(&created),
            "{path} lists the new record"
        );
        let changed = h.updated(&record_path, update.clone()).await;
        let same = changed[field] == update[field]
            || (changed[field].is_f64() && changed[field].as_f64() == update[field].as_f64());
        assert!(same, "{path}: {} became {}", update[field], changed[field]);
        assert_eq!(h.ok(&record_path).await, changed, "{path}");
        let (status, body) = h.delete(&record_path).await;
        assert_eq!((status, body), (StatusCode::OK, Value::Null), "{path}");
        assert_eq!(
            h.json(&record_path).await.0,
            StatusCode::NOT_FOUND,
            "{path}"
        );
        assert_eq!(h.delete(&record_path).await.0, StatusCode::NOT_FOUND);
        assert_eq!(h.patch(&record_path, update).await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn assignments_round_trip_under_their_project() {
    let h = Harness::start().await;
    let client = h.created("/v2/clients", json!({"name": "Owner"})).await;
    let project = h
        .created(
            "/v2/projects",
            json!({"client_id": id(&client), "name": "P", "is_billable": false, "bill_by": "none", "budget_by": "none"}),
        )
        .await;
    let base = format!("/v2/projects/{}", id(&project));
    // The creator manages a new project.
    let managers = h.ok(&format!("{base}/user_assignments")).await;
    assert_eq!(managers["user_assignments"][0]["is_project_manager"], true);
    let user = h
        .created(
            "/v2/users",
            json!({"first_name": "A", "last_name": "B", "email": "ab@example.com"}),
        )
        .await;
    let ua = h
        .created(
            &format!("{base}/user_assignments"),
            json!({"user_id": id(&user), "hourly_rate": 90}),
        )
        .await;
    assert_eq!(ua["user"]["id"], user["id"]);
    assert_eq!(ua["project"]["id"], project["id"]);
    let again = h
        .refused(
            Method::POST,
            &format!("{base}/user_assignments"),
            Some(json!({"user_id": id(&user)})),
        )
        .await;
    assert!(again.contains("already been assigned"), "{again}");
    let task = h.created("/v2/tasks", json!({"name": "Fresh task"})).await;
    let ta = h
        .created(
            &format!("{base}/task_assignments"),
            json!({"task_id": id(&task), "billable": true}),
        )
        .await;
    let ua_path = format!("{base}/user_assignments/{}", id(&ua));
    let ta_path = format!("{base}/task_assignments/{}", id(&ta));
    assert_eq!(h.ok(&ua_path).await, ua);
    assert_eq!(
        h.updated(&ua_path, json!({"budget": 10})).await["budget"],
        10.0
    );
    assert_eq!(
        h.updated(&ta_path, json!({"is_active": false})).await["is_active"],
        false
    );
    // The user now sees the project in their assignments.
    let theirs = h
        .ok(&format!("/v2/users/{}/project_assignments", id(&user)))
        .await;
    assert_eq!(
        theirs["project_assignments"][0]["project"]["id"],
        project["id"]
    );
    // Another project's path does not reach it.
    assert_eq!(
        h.json(&format!(
            "/v2/projects/{}/user_assignments/{}",
            id(&project) + 1,
            id(&ua)
        ))
        .await
        .0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(h.delete(&ua_path).await.0, StatusCode::OK);
    assert_eq!(h.delete(&ta_path).await.0, StatusCode::OK);
    assert_eq!(h.json(&ta_path).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn renames_show_wherever_the_record_is_embedded() {
    let h = Harness::start().await;
    let projects = h.ok("/v2/projects").await;
    let project = &projects["projects"][0];
    let client_path = format!("/v2/clients/{}", project["client"]["id"]);
    h.updated(&client_path, json!({"name": "Renamed Corp"}))
        .await;
    let project = h.ok(&format!("/v2/projects/{}", id(project))).await;
    assert_eq!(project["client"]["name"], "Renamed Corp");
    let me = h.ok("/v2/users/me").await;
    h.updated(
        &format!("/v2/users/{}", id(&me)),
        json!({"last_name": "Newname"}),
    )
    .await;
    let assignments = h
        .ok(&format!("/v2/user_assignments?user_id={}", id(&me)))
        .await;
    let name = assignments["user_assignments"][0]["user"]["name"].clone();
    assert_eq!(
        name,
        format!("{} Newname", me["first_name"].as_str().expect("name"))
    );
    h.updated(
        &format!("/v2/projects/{}", id(&project)),
        json!({"name": "Relaunch"}),
    )
    .await;
    let assignments = h
        .ok(&format!("/v2/projects/{}/task_assignments", id(&project)))
        .await;
    assert_eq!(
        assignments["task_assignments"][0]["project"]["name"],
        "Relaunch"
    );
}

#[tokio::test]
async fn missing_and_invalid_fields_get_harvests_422() {
    let h = Harness::start().await;
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(json!({"notes": "x"})),
        )
        .await;
    assert_eq!(
        message,
        "Project can't be blank, Task can't be blank, Spent date can't be blank"
    );
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(
                json!({"project_id": 1, "task_id": 2, "spent_date": "2024-13-01", "hours": "lots"}),
            ),
        )
        .await;
    assert_eq!(
        message,
        "Spent date is not a valid date, Hours is not a number"
    );
    let message = h
        .refused(
            Method::POST,
            "/v2/projects",
            Some(json!({"client_id": 1, "name": "x", "is_billable": true, "bill_by": "Hours", "budget_by": "none"})),
        )
        .await;
    assert_eq!(message, "Bill by is not included in the list");
    let message = h
        .refused(
            Method::POST,
            "/v2/contacts",
            Some(json!({"client_id": 1, "first_name": "A"})),
        )
        .await;
    assert_eq!(message, "Client must exist");
    let message = h
        .refused(
            Method::POST,
            "/v2/users",
            Some(json!({"first_name": "A", "last_name": "B", "email": "nope"})),
        )
        .await;
    assert_eq!(message, "Email is invalid");
    // Unknown ids are 404s, also under a parent.
    assert_eq!(
        h.patch("/v2/clients/1", json!({"name": "x"})).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        h.post("/v2/projects/1/user_assignments", json!({"user_id": 1}))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    // A body that is not JSON is a 400.
    let response = h
        .request(Method::POST, "/v2/clients")
        .header(CONTENT_TYPE, "application/json")
        .body("{not json")
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
}

#[tokio::test]
async fn form_encoded_bodies_are_accepted() {
    let h = Harness::start().await;
    let response = h
        .request(Method::POST, "/v2/roles")
        .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
        .body(format!(
            "name=Reviewers&user_ids[]={}",
            h.ok("/v2/users/me").await["id"]
        ))
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::CREATED);
    let role: Value = serde_json::from_slice(&response.bytes().await.expect("body")).expect("json");
    assert_eq!(role["name"], "Reviewers");
    assert_eq!(role["user_ids"].as_array().map(Vec::len), Some(1));
    // The user lists the role by name, as generated users do.
    let me = h.ok("/v2/users/me").await;
    assert!(me["roles"]
        .as_array()
        .expect("roles")
        .contains(&json!("Reviewers")));
}

#[tokio::test]
async fn timers_run_one_per_user_and_refuse_the_wrong_transition() {
    let h = Harness::start().await;
    let (user, project, task) = assigned_project_and_task(&h).await;
    let start = json!({"user_id": user, "project_id": project, "task_id": task, "spent_date": "2024-06-28"});
    let first = h.created("/v2/time_entries", start.clone()).await;
    assert_eq!(first["is_running"], true);
    assert_eq!(first["hours"], 0.0);
    assert!(first["timer_started_at"].is_string());
    let second = h.created("/v2/time_entries", start).await;
    let running = h
        .ok(&format!("/v2/time_entries?is_running=true&user_id={user}"))
        .await;
    let running_ids: Vec<u64> = running["time_entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(id)
        .collect();
    assert_eq!(
        running_ids,
        vec![id(&second)],
        "starting one stopped the others"
    );
    let first_path = format!("/v2/time_entries/{}", id(&first));
    assert_eq!(h.ok(&first_path).await["is_running"], false);
    assert_eq!(
        h.refused(Method::PATCH, &format!("{first_path}/stop"), None)
            .await,
        "This time entry is not running"
    );
    let second_path = format!("/v2/time_entries/{}", id(&second));
    assert_eq!(
        h.refused(Method::PATCH, &format!("{second_path}/restart"), None)
            .await,
        "This time entry is already running"
    );
    let restarted = h.updated(&format!("{first_path}/restart"), json!({})).await;
    assert_eq!(restarted["is_running"], true);
    assert_eq!(h.ok(&second_path).await["is_running"], false);
    let stopped = h.updated(&format!("{first_path}/stop"), json!({})).await;
    assert_eq!(stopped["is_running"], false);
    assert!(stopped["timer_started_at"].is_null());
    // A duration entry is stopped from the start; hours can be edited.
    let logged = h
        .created(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27", "hours": 1.5, "notes": "Review",
                   "external_reference": {"id": "42", "permalink": "https://github.com/o/r/issues/42"}}),
        )
        .await;
    assert_eq!(
        (logged["hours"].clone(), logged["is_running"].clone()),
        (json!(1.5), json!(false))
    );
    assert_eq!(logged["external_reference"]["service"], "github.com");
    let path = format!("/v2/time_entries/{}", id(&logged));
    assert_eq!(
        h.updated(&path, json!({"hours": 2.25})).await["hours"],
        2.25
    );
    let (status, _) = h.delete(&format!("{path}/external_reference")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(h.ok(&path).await["external_reference"].is_null());
    // Duration accounts refuse start and end times.
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27", "started_time": "8:00am"})),
        )
        .await;
    assert!(
        message.contains("wants_timestamp_timers is false"),
        "{message}"
    );
    // Time goes only to assigned projects.
    let client = h.created("/v2/clients", json!({"name": "C"})).await;
    let other = h
        .created(
            "/v2/projects",
            json!({"client_id": id(&client), "name": "P", "is_billable": true, "bill_by": "Project", "budget_by": "none"}),
        )
        .await;
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(json!({"project_id": id(&other), "task_id": task, "spent_date": "2024-06-27", "hours": 1})),
        )
        .await;
    assert_eq!(message, "Task is not assigned to the project");
}

#[tokio::test]
async fn timestamp_accounts_use_start_and_end_times() {
    let h = Harness::with(SandboxOptions {
        wants_timestamp_timers: true,
        ..SandboxOptions::default()
    })
    .await;
    assert_eq!(h.ok("/v2/company").await["wants_timestamp_timers"], true);
    let (_, project, task) = assigned_project_and_task(&h).await;
    let entry = h
        .created(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27",
                   "started_time": "8:00am", "ended_time": "9:30am"}),
        )
        .await;
    assert_eq!(entry["hours"], 1.5);
    assert_eq!(entry["started_time"], "08:00");
    assert_eq!(entry["ended_time"], "09:30");
    assert_eq!(entry["is_running"], false);
    let running = h
        .created(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27", "started_time": "13:00"}),
        )
        .await;
    assert_eq!(running["is_running"], true);
    assert!(running["ended_time"].is_null());
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27", "hours": 1})),
        )
        .await;
    assert!(
        message.contains("wants_timestamp_timers is true"),
        "{message}"
    );
    let message = h
        .refused(
            Method::POST,
            "/v2/time_entries",
            Some(
                json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27",
                        "started_time": "10:00", "ended_time": "9:00"}),
            ),
        )
        .await;
    assert_eq!(message, "Ended time must be after the started time");
    // The account can be switched back.
    let company = h
        .updated("/v2/company", json!({"wants_timestamp_timers": false}))
        .await;
    assert_eq!(company["wants_timestamp_timers"], false);
    h.created(
        "/v2/time_entries",
        json!({"project_id": project, "task_id": task, "spent_date": "2024-06-27", "hours": 1}),
    )
    .await;
}

#[tokio::test]
async fn billed_and_approved_entries_are_locked() {
    let h = Harness::start().await;
    let billed = h.ok("/v2/time_entries?is_billed=true").await;
    let entry = &billed["time_entries"][0];
    assert_eq!(
        entry["is_billed"], true,
        "the generated data has billed time"
    );
    assert!(entry["invoice"]["id"].is_u64());
    let invoice = h
        .ok(&format!("/v2/invoices/{}", entry["invoice"]["id"]))
        .await;
    assert_eq!(invoice["client"]["id"], entry["client"]["id"]);
    let path = format!("/v2/time_entries/{}", id(entry));
    let message = h
        .refused(Method::PATCH, &path, Some(json!({"notes": "x"})))
        .await;
    assert!(message.contains("locked"), "{message}");
    let message = h.refused(Method::DELETE, &path, None).await;
    assert!(message.contains("invoiced"), "{message}");
    assert_eq!(h.ok(&path).await, *entry, "nothing changed");
}

#[tokio::test]
async fn deletes_are_refused_where_harvest_refuses_them() {
    let h = Harness::start().await;
    let projects = h.ok("/v2/projects").await;
    let project = &projects["projects"][0];
    let client_path = format!("/v2/clients/{}", project["client"]["id"]);
    assert_eq!(
        h.refused(Method::DELETE, &client_path, None).await,
        "This client is not removable. It still has projects and/or invoices."
    );
    let entries = h.ok("/v2/time_entries?per_page=1").await;
    let task = &entries["time_entries"][0]["task"];
    let message = h
        .refused(Method::DELETE, &format!("/v2/tasks/{}", task["id"]), None)
        .await;
    assert!(message.contains("time entries"), "{message}");
    let me = h.ok("/v2/users/me").await;
    let message = h
        .refused(Method::DELETE, &format!("/v2/users/{}", id(&me)), None)
        .await;
    assert!(message.contains("time entries or expenses"), "{message}");
    // Deleting a project deletes its time entries (Harvest: archive to keep them).
    let project_id = entries["time_entries"][0]["project"]["id"].clone();
    let before = h
        .ok(&format!("/v2/time_entries?project_id={project_id}"))
        .await;
    assert!(before["total_entries"].as_u64() > Some(0));
    let (status, _) = h.delete(&format!("/v2/projects/{project_id}")).await;
    assert_eq!(status, StatusCode::OK);
    let after = h
        .ok(&format!("/v2/time_entries?project_id={project_id}"))
        .await;
    assert_eq!(after["total_entries"], 0);
    let first_entry = format!("/v2/time_entries/{}", id(&before["time_entries"][0]));
    assert_eq!(h.json(&first_entry).await.0, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn updated_since_sees_writes() {
    let h = Harness::start().await;
    let clients = h.ok("/v2/clients").await;
    let old = &clients["clients"][0];
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("clock")
        .as_secs() as i64;
    let since = format!("{}", super::calendar::Timestamp(now - 120));
    let recent = h.ok(&format!("/v2/clients?updated_since={since}")).await;
    assert_eq!(recent["clients"], json!([]));
    let changed = h
        .updated(
            &format!("/v2/clients/{}", id(old)),
            json!({"address": "1 New St"}),
        )
        .await;
    assert!(changed["updated_at"].as_str() > old["updated_at"].as_str());
    assert_eq!(changed["created_at"], old["created_at"]);
    let recent = h.ok(&format!("/v2/clients?updated_since={since}")).await;
    assert_eq!(recent["clients"], json!([changed]));
    // Time entries too, generated or created.
    let (_, project, task) = assigned_project_and_task(&h).await;
    let entry = h
        .created(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2023-01-02", "hours": 1}),
        )
        .await;
    let recent = h
        .ok(&format!("/v2/time_entries?updated_since={since}"))
        .await;
    let ids: HashSet<u64> = recent["time_entries"]
        .as_array()
        .expect("entries")
        .iter()
        .map(id)
        .collect();
    assert!(ids.contains(&id(&entry)), "{recent}");
    // And a created entry takes its place by spent_date in the full list.
    let all = h.ok("/v2/time_entries").await;
    let listed = all["time_entries"].as_array().expect("entries");
    assert_eq!(all["total_entries"], listed.len());
    let position = listed
        .iter()
        .position(|e| e["id"] == entry["id"])
        .expect("listed");
    assert!(listed[..position]
        .iter()
        .all(|e| e["spent_date"].as_str() >= Some("2023-01-02")));
}

use std::time::{SystemTime, UNIX_EPOCH};

#[tokio::test]
async fn invoices_line_items_messages_and_payments() {
    let h = Harness::start().await;
    let client = h.created("/v2/clients", json!({"name": "Payer"})).await;
    let invoice = h
        .created(
            "/v2/invoices",
            json!({"client_id": id(&client), "tax": 10, "payment_term": "net 15", "issue_date": "2024-06-01",
                   "line_items": [
                       {"kind": "Service", "description": "A", "quantity": 2, "unit_price": 100, "taxed": true},
                       {"kind": "Product", "description": "B", "quantity": 1, "unit_price": 50}]}),
        )
        .await;
    assert_eq!(invoice["state"], "draft");
    assert_eq!(invoice["amount"], 270.0);
    assert_eq!(invoice["tax_amount"], 20.0);
    assert_eq!(invoice["due_date"], "2024-06-16");
    let path = format!("/v2/invoices/{}", id(&invoice));
    let items = invoice["line_items"].as_array().expect("items");
    let changed = h
        .updated(
            &path,
            json!({"line_items": [
                {"id": items[0]["id"], "quantity": 3},
                {"id": items[1]["id"], "_destroy": true},
                {"kind": "Service", "description": "C", "quantity": 1, "unit_price": 10}]}),
        )
        .await;
    let kept: Vec<&str> = changed["line_items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["description"].as_str().expect("description"))
        .collect();
    assert_eq!(kept, ["A", "C"]);
    assert_eq!(changed["amount"], 340.0);
    let message = h
        .refused(
            Method::PATCH,
            &path,
            Some(json!({"payment_term": "custom"})),
        )
        .await;
    assert_eq!(message, "Payment term is not included in the list");
    let messages = format!("{path}/messages");
    assert_eq!(
        h.refused(Method::POST, &messages, Some(json!({"subject": "Hi"})))
            .await,
        "Recipients can't be blank"
    );
    let payments = format!("{path}/payments");
    assert!(h
        .refused(Method::POST, &payments, Some(json!({"amount": 10})))
        .await
        .contains("open"));
    let sent = h.created(&messages, json!({"event_type": "send"})).await;
    assert_eq!(sent["event_type"], "send");
    assert_eq!(h.ok(&path).await["state"], "open");
    assert!(h
        .refused(
            Method::POST,
            &messages,
            Some(json!({"event_type": "re-open"}))
        )
        .await
        .contains("closed"));
    h.created(&messages, json!({"event_type": "close"})).await;
    assert_eq!(h.ok(&path).await["state"], "closed");
    h.created(&messages, json!({"event_type": "re-open"})).await;
    h.created(&messages, json!({"event_type": "draft"})).await;
    assert_eq!(h.ok(&path).await["state"], "draft");
    let emailed = h
        .created(
            &messages,
            json!({"recipients": [{"name": "Boss", "email": "boss@example.com"}], "subject": "Invoice"}),
        )
        .await;
    assert_eq!(h.ok(&path).await["state"], "open");
    let listed = h.ok(&messages).await;
    assert_eq!(listed["invoice_messages"][0], emailed);
    let (status, _) = h.delete(&format!("{messages}/{}", id(&emailed))).await;
    assert_eq!(status, StatusCode::OK);
    // Payments: both dates refused, too much refused, the rest pays it.
    assert_eq!(
        h.refused(
            Method::POST,
            &payments,
            Some(
                json!({"amount": 10, "paid_at": "2024-06-02T10:00:00Z", "paid_date": "2024-06-02"})
            )
        )
        .await,
        "Pass either paid_at or paid_date, not both"
    );
    assert!(h
        .refused(Method::POST, &payments, Some(json!({"amount": 1000})))
        .await
        .contains("amount due"));
    let part = h
        .created(&payments, json!({"amount": 40, "paid_date": "2024-06-03"}))
        .await;
    assert_eq!(part["paid_date"], "2024-06-03");
    assert_eq!(h.ok(&path).await["due_amount"], 300.0);
    let rest = h.created(&payments, json!({"amount": 300})).await;
    let paid = h.ok(&path).await;
    assert_eq!(
        (paid["state"].clone(), paid["due_amount"].clone()),
        (json!("paid"), json!(0.0))
    );
    let (status, _) = h.delete(&format!("{payments}/{}", id(&rest))).await;
    assert_eq!(status, StatusCode::OK);
    let reopened = h.ok(&path).await;
    assert_eq!(
        (reopened["state"].clone(), reopened["due_amount"].clone()),
        (json!("open"), json!(300.0))
    );
    assert_eq!(h.ok(&payments).await["invoice_payments"][0], part);
}

#[tokio::test]
async fn importing_tracked_time_bills_it_and_deleting_the_invoice_releases_it() {
    let h = Harness::start().await;
    let (_, project, task) = assigned_project_and_task(&h).await;
    let entry = h
        .created(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2024-06-28", "hours": 2}),
        )
        .await;
    let projects = h.ok(&format!("/v2/projects/{project}")).await;
    let invoice = h
        .created(
            "/v2/invoices",
            json!({"client_id": projects["client"]["id"],
                   "line_items_import": {"project_ids": [project], "time": {"summary_type": "project", "from": "2024-06-28", "to": "2024-06-28"}}}),
        )
        .await;
    let entry_path = format!("/v2/time_entries/{}", id(&entry));
    let billed = h.ok(&entry_path).await;
    if entry["billable"] == true {
        assert_eq!(billed["is_billed"], true);
        assert_eq!(billed["invoice"]["id"], invoice["id"]);
        assert!(invoice["amount"].as_f64() > Some(0.0));
        assert!(h
            .refused(Method::PATCH, &entry_path, Some(json!({"hours": 3})))
            .await
            .contains("locked"));
    }
    let (status, _) = h.delete(&format!("/v2/invoices/{}", id(&invoice))).await;
    assert_eq!(status, StatusCode::OK);
    let released = h.ok(&entry_path).await;
    assert_eq!(released["is_billed"], false);
    assert!(released["invoice"].is_null());
    let message = h
        .refused(
            Method::POST,
            "/v2/invoices",
            Some(json!({"client_id": projects["client"]["id"],
                        "line_items_import": {"project_ids": [project], "time": {"summary_type": "weekly"}}})),
        )
        .await;
    assert_eq!(message, "Time summary type is not included in the list");
}

#[tokio::test]
async fn estimate_state_changes() {
    let h = Harness::start().await;
    let client = h.created("/v2/clients", json!({"name": "Prospect"})).await;
    let estimate = h
        .created("/v2/estimates", json!({"client_id": id(&client)}))
        .await;
    let path = format!("/v2/estimates/{}", id(&estimate));
    let messages = format!("{path}/messages");
    assert!(h
        .refused(
            Method::POST,
            &messages,
            Some(json!({"event_type": "accept"}))
        )
        .await
        .contains("sent"));
    for (event, state) in [
        ("send", "sent"),
        ("decline", "declined"),
        ("re-open", "sent"),
        ("accept", "accepted"),
    ] {
        h.created(&messages, json!({"event_type": event})).await;
        assert_eq!(h.ok(&path).await["state"], state, "{event}");
    }
    assert!(h.ok(&path).await["accepted_at"].is_string());
    let message = h
        .refused(
            Method::PATCH,
            &path,
            Some(json!({"line_items": [{"kind": "Service", "quantity": 1.5, "unit_price": 1}]})),
        )
        .await;
    assert_eq!(message, "Line items 0: Quantity is not a number");
    assert_eq!(
        h.ok(&messages).await["estimate_messages"]
            .as_array()
            .map(Vec::len),
        Some(4)
    );
}

#[tokio::test]
async fn rates_teammates_and_company() {
    let h = Harness::start().await;
    let users = h.ok("/v2/users").await;
    let member = users["users"]
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["access_roles"] == json!(["member"]))
        .expect("a member")
        .clone();
    let manager = users["users"]
        .as_array()
        .expect("users")
        .iter()
        .find(|u| u["access_roles"][0] == "manager")
        .expect("a manager")
        .clone();
    let rates = format!("/v2/users/{}/billable_rates", id(&member));
    assert_eq!(
        h.refused(
            Method::POST,
            &rates,
            Some(json!({"amount": 1, "start_date": "2999-01-01"}))
        )
        .await,
        "Start date can't be in the future"
    );
    let rate = h
        .created(&rates, json!({"amount": 210, "start_date": "2024-01-01"}))
        .await;
    let listed = h.ok(&rates).await["billable_rates"].clone();
    let listed = listed.as_array().expect("rates");
    assert_eq!(listed.last(), Some(&rate), "oldest first, the new one last");
    assert!(listed
        .iter()
        .all(|r| r["start_date"].as_str() < Some("2024-01-01") || r == &rate));
    assert_eq!(h.ok(&format!("{rates}/{}", id(&rate))).await, rate);
    assert_eq!(
        h.ok(&format!("/v2/users/{}", id(&member))).await["default_hourly_rate"],
        210.0
    );
    let costs = format!("/v2/users/{}/cost_rates", id(&member));
    let cost = h.created(&costs, json!({"amount": 70})).await;
    assert_eq!(
        h.ok(&costs).await["cost_rates"],
        json!([cost]),
        "no start_date replaces all"
    );
    // Teammates: managers only; the list replaces; people_manager follows.
    let teammates = json!({"teammate_ids": [id(&member)]});
    assert!(h
        .refused(
            Method::PATCH,
            &format!("/v2/users/{}/teammates", id(&member)),
            Some(teammates.clone())
        )
        .await
        .contains("Manager"));
    let path = format!("/v2/users/{}/teammates", id(&manager));
    let answer = h.updated(&path, teammates).await;
    assert_eq!(answer["teammates"][0]["id"], member["id"]);
    assert_eq!(h.ok(&path).await["teammates"], answer["teammates"]);
    let roles = h.ok(&format!("/v2/users/{}", id(&manager))).await["access_roles"].clone();
    assert!(roles
        .as_array()
        .expect("roles")
        .contains(&json!("people_manager")));
    assert_eq!(
        h.updated(&path, json!({"teammate_ids": []})).await["teammates"],
        json!([])
    );
    let roles = h.ok(&format!("/v2/users/{}", id(&manager))).await["access_roles"].clone();
    assert!(!roles
        .as_array()
        .expect("roles")
        .contains(&json!("people_manager")));
    let company = h
        .updated("/v2/company", json!({"weekly_capacity": 144000}))
        .await;
    assert_eq!(company["weekly_capacity"], 144000);
}

#[tokio::test]
async fn expenses_take_receipts_as_multipart() {
    let h = Harness::start().await;
    let (_, project, _) = assigned_project_and_task(&h).await;
    let categories = h.ok("/v2/expense_categories").await;
    let plain = categories["expense_categories"]
        .as_array()
        .expect("categories")
        .iter()
        .find(|c| c["unit_price"].is_null())
        .expect("a category without unit price")
        .clone();
    assert_eq!(
        h.refused(
            Method::POST,
            "/v2/expenses",
            Some(json!({"project_id": project, "expense_category_id": id(&plain), "spent_date": "2024-06-01"}))
        )
        .await,
        "Total cost can't be blank"
    );
    let boundary = "sandbox-boundary";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"project_id\"\r\n\r\n{project}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"expense_category_id\"\r\n\r\n{}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"spent_date\"\r\n\r\n2024-06-28\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"total_cost\"\r\n\r\n12.5\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"receipt\"; filename=\"taxi.pdf\"\r\n\
         Content-Type: application/pdf\r\n\r\n%PDF-1.4 fake\r\n--{boundary}--\r\n",
        id(&plain)
    );
    let response = h
        .request(Method::POST, "/v2/expenses")
        .header(
            CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .body(body)
        .send()
        .await
        .expect("response");
    assert_eq!(response.status(), StatusCode::CREATED);
    let expense: Value =
        serde_json::from_slice(&response.bytes().await.expect("body")).expect("json");
    assert_eq!(expense["total_cost"], 12.5);
    assert_eq!(expense["receipt"]["file_name"], "taxi.pdf");
    assert_eq!(expense["receipt"]["file_size"], 13);
    let path = format!("/v2/expenses/{}", id(&expense));
    let cleared = h.updated(&path, json!({"delete_receipt": true})).await;
    assert!(cleared["receipt"].is_null());
    assert_eq!(
        h.ok("/v2/expenses?per_page=1").await["expenses"][0]["id"],
        expense["id"]
    );
}

#[tokio::test]
async fn faults_after_a_write_keep_the_write() {
    let h = Harness::start().await;
    h.sandbox
        .push_faults_after_write(vec![Fault::json_status(500, r#"{"message":"boom"}"#)]);
    // Reads pass through without consuming the fault.
    h.ok("/v2/company").await;
    let (status, body) = h
        .post("/v2/clients", json!({"name": "Kept despite 500"}))
        .await;
    assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(body["message"], "boom");
    let clients = h.ok("/v2/clients").await;
    assert_eq!(clients["clients"][0]["name"], "Kept despite 500");
    h.sandbox
        .push_faults_after_write(vec![Fault::CloseConnection]);
    let dropped = h
        .request(Method::POST, "/v2/clients")
        .header(CONTENT_TYPE, "application/json")
        .body(json!({"name": "Kept despite a reset"}).to_string())
        .send()
        .await;
    assert!(dropped.is_err(), "no response");
    let clients = h.ok("/v2/clients").await;
    assert_eq!(clients["clients"][0]["name"], "Kept despite a reset");
    let log = h.sandbox.requests();
    let bodies: Vec<&[u8]> = log
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| r.body.as_slice())
        .collect();
    assert_eq!(bodies.len(), 2);
    assert!(String::from_utf8_lossy(bodies[1]).contains("Kept despite a reset"));
    // The next write is normal again.
    assert_eq!(
        h.post("/v2/clients", json!({"name": "Fine"})).await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn fifty_concurrent_creates_give_fifty_records() {
    let h = Harness::start().await;
    let (_, project, task) = assigned_project_and_task(&h).await;
    let before = h.ok("/v2/time_entries").await["total_entries"]
        .as_u64()
        .expect("total");
    let creates = (0..50).map(|n| {
        h.post(
            "/v2/time_entries",
            json!({"project_id": project, "task_id": task, "spent_date": "2024-06-20", "hours": 0.5, "notes": format!("n{n}")}),
        )
    });
    let results = futures_join_all(creates).await;
    let ids: HashSet<u64> = results
        .iter()
        .map(|(status, body)| {
            assert_eq!(*status, StatusCode::CREATED, "{body}");
            id(body)
        })
        .collect();
    assert_eq!(ids.len(), 50);
    let after = h.ok("/v2/time_entries").await;
    assert_eq!(after["total_entries"].as_u64(), Some(before + 50));
}

/// Runs the futures concurrently on this task (no extra dependency).
async fn futures_join_all<F: std::future::Future>(
    futures: impl Iterator<Item = F>,
) -> Vec<F::Output> {
    let mut set = Vec::new();
    for future in futures {
        set.push(Box::pin(future));
    }
    let mut outputs: Vec<Option<F::Output>> = set.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut pending = false;
        for (slot, future) in outputs.iter_mut().zip(set.iter_mut()) {
            if slot.is_none() {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => *slot = Some(value),
                    std::task::Poll::Pending => pending = true,
                }
            }
        }
        if pending {
            std::task::Poll::Pending
        } else {
            std::task::Poll::Ready(())
        }
    })
    .await;
    outputs.into_iter().flatten().collect()
}
