//! Writes of tracked time and expenses: time entries with their two creation forms and the
//! timer (one running per user), external references, and expenses with receipts.

use serde_json::{json, Value};

use super::super::calendar::{Timestamp, SECONDS_PER_DAY};
use super::super::context::Ctx;
use super::super::fields::{opt, req, Field, Ty};
use super::super::reply::{ApiError, Reply};
use super::super::store::lock;
use super::super::store::{at_path, id_of, Kind, Record, Tables};
use super::{
    bool_of, copy, defaults, deleted, f64_of, given_id, me, number, project, reference, round2,
    stamp, str_of, unprocessable, user_ref, Entity, Op, Table, CLIENT_WITH_CURRENCY, PROJECT_REF,
};

const TIME_ENTRY_CREATE: &[Field] = &[
    opt("user_id", Ty::Int),
    req("project_id", Ty::Int),
    req("task_id", Ty::Int),
    req("spent_date", Ty::Date),
    opt("started_time", Ty::Time),
    opt("ended_time", Ty::Time),
    opt("notes", Ty::Text),
    opt("external_reference", Ty::Any),
    opt("hours", Ty::Decimal),
];

const TIME_ENTRY_UPDATE: &[Field] = &[
    opt("project_id", Ty::Int),
    opt("task_id", Ty::Int),
    opt("spent_date", Ty::Date),
    opt("started_time", Ty::Time),
    opt("ended_time", Ty::Time),
    opt("hours", Ty::Decimal),
    opt("notes", Ty::Text),
    opt("external_reference", Ty::Any),
];

/// `HH:MM`, the account's 24-hour clock.
fn clock_time(minutes: i64) -> Value {
    Value::String(format!("{:02}:{:02}", minutes / 60 % 24, minutes % 60))
}

fn minutes_of_day(at: Timestamp) -> i64 {
    at.0.rem_euclid(SECONDS_PER_DAY) / 60
}

fn set_hours(record: &mut Record, hours: f64) {
    let hours = round2(hours.max(0.0));
    record.insert("hours".to_owned(), number(hours));
    record.insert("hours_without_timer".to_owned(), number(hours));
    record.insert(
        "rounded_hours".to_owned(),
        number((hours * 4.0).ceil() / 4.0),
    );
}

fn refuse_locked(entry: &Record, what: &str) -> Result<(), ApiError> {
    if bool_of(entry, "is_locked") {
        let reason = str_of(entry, "locked_reason").unwrap_or("Item locked");
        return Err(unprocessable(format!(
            "This {what} is locked and can't be changed: {reason}"
        )));
    }
    Ok(())
}

/// Stops a running entry: the elapsed time is added to its hours.
fn stop(entry: &mut Record, now: Timestamp, timestamps: bool) {
    let started = entry
        .get("timer_started_at")
        .and_then(Value::as_str)
        .and_then(Timestamp::parse_iso8601)
        .unwrap_or(now);
    let elapsed = (now.0 - started.0).max(0) as f64 / 3600.0;
    let hours = f64_of(entry, "hours").unwrap_or(0.0) + elapsed;
    set_hours(entry, hours);
    entry.insert("is_running".to_owned(), Value::Bool(false));
    entry.insert("timer_started_at".to_owned(), Value::Null);
    if timestamps {
        entry.insert("ended_time".to_owned(), clock_time(minutes_of_day(now)));
    }
    stamp(entry, now, false);
}

fn start(entry: &mut Record, now: Timestamp) {
    entry.insert("is_running".to_owned(), Value::Bool(true));
    entry.insert(
        "timer_started_at".to_owned(),
        Value::String(now.to_string()),
    );
}

/// One running timer per user: starting one stops the others of that user.
fn stop_other_timers(tables: &mut Tables, user_id: u64, except: u64, now: Timestamp) {
    let data = tables.data();
    let running = tables.time_entries_where(
        |core| core.is_running && data.user_id(core.user) == user_id,
        |entry| {
            bool_of(entry, "is_running")
                && at_path(entry, &["user", "id"]).and_then(Value::as_u64) == Some(user_id)
                && id_of(entry) != except
        },
    );
    let timestamps = tables.wants_timestamp_timers();
    for mut entry in running {
        stop(&mut entry, now, timestamps);
        tables.put_time_entry(entry);
    }
}

fn external_reference(value: &Value) -> Result<Value, ApiError> {
    if value.is_null() {
        return Ok(Value::Null);
    }
    let text = |key: &str| match value.get(key) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let id = text("id").ok_or_else(|| unprocessable("External reference id can't be blank"))?;
    let permalink = text("permalink").unwrap_or_default();
    let service = permalink
        .split("://")
        .nth(1)
        .and_then(|rest| rest.split('/').next())
        .unwrap_or("")
        .to_owned();
    Ok(json!({
        "id": id,
        "group_id": text("group_id"),
        "account_id": text("account_id"),
        "permalink": permalink,
        "service": service,
        "service_icon_url": format!("https://proxy.harvestfiles.net/production_harvestapp_public/assets/platform_icons/{service}.png"),
    }))
}

/// Sets project, task and everything derived from them, checking that the user is assigned
/// to the project and the task to the project, as Harvest requires.
fn place(
    tables: &Tables,
    entry: &mut Record,
    user_id: u64,
    project_id: u64,
    task_id: u64,
) -> Result<(), ApiError> {
    let project_record = tables
        .record(Kind::Projects, project_id)
        .ok_or_else(|| unprocessable("Project must exist"))?;
    reference(tables, Kind::Tasks, task_id, "task_id", &["id"])?;
    let user_assignment = tables
        .rows(Kind::UserAssignments)
        .iter()
        .find(|row| {
            row.parent == Some(project_id) && row.record["user"]["id"].as_u64() == Some(user_id)
        })
        .ok_or_else(|| unprocessable("User is not assigned to the project"))?;
    let task_assignment = tables
        .rows(Kind::TaskAssignments)
        .iter()
        .find(|row| {
            row.parent == Some(project_id) && row.record["task"]["id"].as_u64() == Some(task_id)
        })
        .ok_or_else(|| unprocessable("Task is not assigned to the project"))?;
    let without = |record: &Record, keys: [&str; 2]| {
        let mut embedded = record.clone();
        for key in keys {
            embedded.remove(key);
        }
        Value::Object(embedded)
    };
    let billable =
        bool_of(project_record, "is_billable") && bool_of(&task_assignment.record, "billable");
    let rate = project_record
        .get("hourly_rate")
        .filter(|r| !r.is_null())
        .or_else(|| task_assignment.record.get("hourly_rate"))
        .cloned()
        .unwrap_or(Value::Null);
    let user_cost = tables
        .record(Kind::Users, user_id)
        .and_then(|u| u.get("cost_rate"))
        .cloned()
        .unwrap_or(Value::Null);
    entry.extend([
        ("client".to_owned(), project_record["client"].clone()),
        ("project".to_owned(), project(project_record, PROJECT_REF)),
        ("task".to_owned(), task_assignment.record["task"].clone()),
        (
            "user_assignment".to_owned(),
            without(&user_assignment.record, ["project", "user"]),
        ),
        (
            "task_assignment".to_owned(),
            without(&task_assignment.record, ["project", "task"]),
        ),
        ("billable".to_owned(), Value::Bool(billable)),
        (
            "billable_rate".to_owned(),
            if billable { rate } else { Value::Null },
        ),
        ("cost_rate".to_owned(), user_cost),
        (
            "budgeted".to_owned(),
            Value::Bool(project_record["budget_by"].as_str() != Some("none")),
        ),
    ]);
    Ok(())
}

fn build_time_entry(
    tables: &mut Tables,
    entry: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if !op.creating {
        refuse_locked(entry, "time entry")?;
    }
    let timestamps = tables.wants_timestamp_timers();
    let given = |name: &str| accepted.get(name).is_some_and(|v| !v.is_null());
    if !timestamps && (given("started_time") || given("ended_time")) {
        return Err(unprocessable(
            "Started time and ended time can't be set: this account tracks time as durations (wants_timestamp_timers is false), send hours instead",
        ));
    }
    if timestamps && given("hours") {
        return Err(unprocessable(
            "Hours can't be set: this account tracks start and end times (wants_timestamp_timers is true), send started_time and ended_time instead",
        ));
    }
    let user_id = if op.creating {
        let id = given_id(accepted, "user_id").unwrap_or_else(|| me(tables));
        entry.insert("user".to_owned(), user_ref(tables, id, "user_id")?);
        id
    } else {
        at_path(entry, &["user", "id"])
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    if op.creating || given("project_id") || given("task_id") {
        let current = |path: [&str; 2]| at_path(entry, &path).and_then(Value::as_u64);
        let project_id = given_id(accepted, "project_id")
            .or_else(|| current(["project", "id"]))
            .unwrap_or(0);
        let task_id = given_id(accepted, "task_id")
            .or_else(|| current(["task", "id"]))
            .unwrap_or(0);
        place(tables, entry, user_id, project_id, task_id)?;
    }
    copy(entry, accepted, &["spent_date", "notes"]);
    if let Some(reference) = accepted.get("external_reference") {
        entry.insert(
            "external_reference".to_owned(),
            external_reference(reference)?,
        );
    }
    if op.creating {
        defaults(
            entry,
            &[
                ("notes", Value::Null),
                ("is_locked", Value::Bool(false)),
                ("locked_reason", Value::Null),
                ("is_closed", Value::Bool(false)),
                ("approval_status", json!("unsubmitted")),
                ("is_billed", Value::Bool(false)),
                ("invoice", Value::Null),
                ("external_reference", Value::Null),
                ("started_time", Value::Null),
                ("ended_time", Value::Null),
                ("timer_started_at", Value::Null),
                ("is_running", Value::Bool(false)),
            ],
        );
        set_hours(entry, 0.0);
    }
    let mut starts_timer = false;
    if timestamps {
        let started = accepted
            .get("started_time")
            .and_then(Value::as_i64)
            .or_else(|| {
                entry
                    .get("started_time")
                    .and_then(Value::as_str)
                    .and_then(super::super::fields::parse_time)
            })
            .unwrap_or_else(|| minutes_of_day(op.now));
        entry.insert("started_time".to_owned(), clock_time(started));
        match accepted.get("ended_time").and_then(Value::as_i64) {
            Some(ended) if ended < started => {
                return Err(unprocessable("Ended time must be after the started time"));
            }
            Some(ended) => {
                entry.insert("ended_time".to_owned(), clock_time(ended));
                set_hours(entry, (ended - started) as f64 / 60.0);
                entry.insert("is_running".to_owned(), Value::Bool(false));
                entry.insert("timer_started_at".to_owned(), Value::Null);
            }
            None => starts_timer = op.creating,
        }
    } else if let Some(hours) = accepted.get("hours").and_then(Value::as_f64) {
        set_hours(entry, hours);
    } else {
        starts_timer = op.creating;
    }
    if starts_timer {
        start(entry, op.now);
        stop_other_timers(tables, user_id, id_of(entry), op.now);
    }
    Ok(())
}

/// Harvest keeps invoiced time; approved (closed) entries may be deleted by an administrator.
fn time_entry_removable(_: &mut Tables, entry: &Record) -> Result<(), ApiError> {
    if bool_of(entry, "is_billed") {
        return Err(unprocessable(
            "This time entry is not removable. It has been invoiced.",
        ));
    }
    Ok(())
}

pub(crate) static TIME_ENTRIES: Entity = Entity {
    table: Table::TimeEntries,
    parent: None,
    create: TIME_ENTRY_CREATE,
    update: TIME_ENTRY_UPDATE,
    build: build_time_entry,
    on_delete: time_entry_removable,
    embedded_as: None,
};

/// Runs `change` on the time entry the path names and answers with it.
fn change_entry(
    ctx: &Ctx<'_>,
    change: impl FnOnce(&mut Tables, &mut Record, Timestamp) -> Result<(), ApiError>,
) -> Result<Record, ApiError> {
    let mut tables = lock(ctx.store);
    let mut entry = tables.time_entry(ctx.id(0)?).ok_or(ApiError::NotFound)?;
    let now = tables.now();
    change(&mut tables, &mut entry, now)?;
    tables.put_time_entry(entry.clone());
    Ok(entry)
}

/// `PATCH /v2/time_entries/{id}/stop`: only a running entry.
pub(crate) fn stop_timer(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let entry = change_entry(ctx, |tables, entry, now| {
        refuse_locked(entry, "time entry")?;
        if !bool_of(entry, "is_running") {
            return Err(unprocessable("This time entry is not running"));
        }
        stop(entry, now, tables.wants_timestamp_timers());
        Ok(())
    })?;
    Ok(ctx.ok(&entry))
}

/// `PATCH /v2/time_entries/{id}/restart`: only a stopped entry; stops the user's other timer.
pub(crate) fn restart_timer(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let entry = change_entry(ctx, |tables, entry, now| {
        refuse_locked(entry, "time entry")?;
        if bool_of(entry, "is_running") {
            return Err(unprocessable("This time entry is already running"));
        }
        start(entry, now);
        if tables.wants_timestamp_timers() {
            entry.insert("ended_time".to_owned(), Value::Null);
        }
        stamp(entry, now, false);
        let user = at_path(entry, &["user", "id"])
            .and_then(Value::as_u64)
            .unwrap_or(0);
        stop_other_timers(tables, user, id_of(entry), now);
        Ok(())
    })?;
    Ok(ctx.ok(&entry))
}

/// `DELETE /v2/time_entries/{id}/external_reference`.
pub(crate) fn delete_external_reference(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    change_entry(ctx, |_, entry, now| {
        refuse_locked(entry, "time entry")?;
        entry.insert("external_reference".to_owned(), Value::Null);
        stamp(entry, now, false);
        Ok(())
    })?;
    Ok(deleted())
}

// --- expenses ----------------------------------------------------------------------

const EXPENSE_CREATE: &[Field] = &[
    opt("user_id", Ty::Int),
    req("project_id", Ty::Int),
    req("expense_category_id", Ty::Int),
    req("spent_date", Ty::Date),
    opt("units", Ty::Int),
    opt("total_cost", Ty::Decimal),
    opt("notes", Ty::Text),
    opt("billable", Ty::Bool),
    opt("receipt", Ty::Any),
];

const EXPENSE_UPDATE: &[Field] = &[
    opt("project_id", Ty::Int),
    opt("expense_category_id", Ty::Int),
    opt("spent_date", Ty::Date),
    opt("units", Ty::Int),
    opt("total_cost", Ty::Decimal),
    opt("notes", Ty::Text),
    opt("billable", Ty::Bool),
    opt("receipt", Ty::Any),
    opt("delete_receipt", Ty::Bool),
];

/// A receipt is a file part of a multipart body (see `body.rs`).
fn receipt(value: &Value, expense_id: u64) -> Result<Value, ApiError> {
    let file_name = value
        .get("file_name")
        .and_then(Value::as_str)
        .ok_or_else(|| unprocessable("Receipt must be a file sent as multipart/form-data"))?;
    Ok(json!({
        "url": format!("https://sandbox.harvestapp.com/expenses/{expense_id}/receipt"),
        "file_name": file_name,
        "file_size": value.get("file_size").cloned().unwrap_or(json!(0)),
        "content_type": value.get("content_type").cloned().unwrap_or(json!("application/octet-stream")),
    }))
}

fn build_expense(
    tables: &mut Tables,
    expense: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    let mut accepted = accepted.clone();
    if !op.creating && bool_of(expense, "is_locked") {
        // "changes to project_id and expense_category_id will be silently dropped if the
        // expense is locked"
        accepted.remove("project_id");
        accepted.remove("expense_category_id");
    }
    let user_id = if op.creating {
        let id = given_id(&accepted, "user_id").unwrap_or_else(|| me(tables));
        expense.insert("user".to_owned(), user_ref(tables, id, "user_id")?);
        id
    } else {
        at_path(expense, &["user", "id"])
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    if let Some(project_id) = given_id(&accepted, "project_id") {
        let project_record = tables
            .record(Kind::Projects, project_id)
            .ok_or_else(|| unprocessable("Project must exist"))?;
        let assignment = tables
            .rows(Kind::UserAssignments)
            .iter()
            .find(|row| {
                row.parent == Some(project_id) && row.record["user"]["id"].as_u64() == Some(user_id)
            })
            .ok_or_else(|| unprocessable("User is not assigned to the project"))?;
        let mut embedded = assignment.record.clone();
        embedded.remove("project");
        embedded.remove("user");
        let billable_project = bool_of(project_record, "is_billable");
        expense.extend([
            ("project".to_owned(), project(project_record, PROJECT_REF)),
            (
                "client".to_owned(),
                project_record
                    .get("client")
                    .map(|c| {
                        project(
                            c.as_object().unwrap_or(&Record::new()),
                            CLIENT_WITH_CURRENCY,
                        )
                    })
                    .unwrap_or(Value::Null),
            ),
            ("user_assignment".to_owned(), Value::Object(embedded)),
        ]);
        if op.creating {
            expense.insert("billable".to_owned(), Value::Bool(billable_project));
        }
    }
    if let Some(category) = given_id(&accepted, "expense_category_id") {
        let category = reference(
            tables,
            Kind::ExpenseCategories,
            category,
            "expense_category_id",
            &["id", "name", "unit_price", "unit_name"],
        )?;
        expense.insert("expense_category".to_owned(), category);
    }
    copy(expense, &accepted, &["spent_date", "notes", "billable"]);
    let unit_price = at_path(expense, &["expense_category", "unit_price"]).and_then(Value::as_f64);
    match unit_price {
        Some(price) => {
            let units = accepted
                .get("units")
                .and_then(Value::as_f64)
                .or_else(|| f64_of(expense, "units").filter(|_| !op.creating));
            let units = units.ok_or_else(|| unprocessable("Units can't be blank"))?;
            expense.insert("units".to_owned(), number(units));
            expense.insert("total_cost".to_owned(), number(round2(units * price)));
        }
        None => {
            if let Some(cost) = accepted.get("total_cost").filter(|v| !v.is_null()) {
                expense.insert("total_cost".to_owned(), cost.clone());
            } else if op.creating {
                return Err(unprocessable("Total cost can't be blank"));
            }
            defaults(expense, &[("units", json!(1.0))]);
        }
    }
    if let Some(file) = accepted.get("receipt").filter(|v| !v.is_null()) {
        expense.insert("receipt".to_owned(), receipt(file, id_of(expense))?);
    }
    if bool_of(&accepted, "delete_receipt") {
        expense.insert("receipt".to_owned(), Value::Null);
    }
    if op.creating {
        defaults(
            expense,
            &[
                ("notes", Value::Null),
                ("is_closed", Value::Bool(false)),
                ("approval_status", json!("unsubmitted")),
                ("is_locked", Value::Bool(false)),
                ("is_billed", Value::Bool(false)),
                ("locked_reason", Value::Null),
                ("receipt", Value::Null),
                ("invoice", Value::Null),
            ],
        );
    }
    Ok(())
}

fn expense_removable(_: &mut Tables, expense: &Record) -> Result<(), ApiError> {
    if bool_of(expense, "is_billed") {
        return Err(unprocessable(
            "This expense is not removable. It has been invoiced.",
        ));
    }
    Ok(())
}

pub(crate) static EXPENSES: Entity = Entity {
    table: Table::Rows(Kind::Expenses),
    parent: None,
    create: EXPENSE_CREATE,
    update: EXPENSE_UPDATE,
    build: build_expense,
    on_delete: expense_removable,
    embedded_as: None,
};
