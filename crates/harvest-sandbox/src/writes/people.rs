//! Writes of people and projects: users, teammates, billable and cost rates, projects and
//! their user and task assignments.

use hyper::StatusCode;
use serde_json::{json, Value};

use super::super::calendar::Date;
use super::super::context::Ctx;
use super::super::fields::{self, opt, req, Field, Ty};
use super::super::lists::{date_of, parent_id};
use super::super::reply::{ApiError, Reply};
use super::super::store::lock;
use super::super::store::{id_of, Kind, Record, Row, Tables};
use super::{
    copy_given, defaults, given_id, input, project, reference, stamp, str_of, unprocessable,
    user_ref, Entity, Op, Table, CLIENT_WITH_CURRENCY, PROJECT_REF,
};

// --- users -------------------------------------------------------------------------

const ACCESS_ROLES: &[&str] = &[
    "administrator",
    "manager",
    "member",
    "project_creator",
    "billable_rates_manager",
    "managed_projects_invoice_drafter",
    "managed_projects_invoice_manager",
    "client_and_task_manager",
    "time_and_expenses_manager",
    "estimates_manager",
];

const USER_CREATE: &[Field] = &[
    req("first_name", Ty::Text),
    req("last_name", Ty::Text),
    req("email", Ty::Email),
    opt("timezone", Ty::Text),
    opt("has_access_to_all_future_projects", Ty::Bool),
    opt("is_contractor", Ty::Bool),
    opt("is_active", Ty::Bool),
    opt("weekly_capacity", Ty::Int),
    opt("default_hourly_rate", Ty::Decimal),
    opt("cost_rate", Ty::Decimal),
    opt("roles", Ty::Texts),
    opt("access_roles", Ty::Texts),
];

/// Rates change only through the rate endpoints (§14), so an update does not list them.
const USER_UPDATE: &[Field] = &[
    opt("first_name", Ty::Text),
    opt("last_name", Ty::Text),
    opt("email", Ty::Email),
    opt("timezone", Ty::Text),
    opt("has_access_to_all_future_projects", Ty::Bool),
    opt("is_contractor", Ty::Bool),
    opt("is_active", Ty::Bool),
    opt("weekly_capacity", Ty::Int),
    opt("roles", Ty::Texts),
    opt("access_roles", Ty::Texts),
];

fn build_user(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    let id = id_of(record);
    if let Some(email) = str_of(accepted, "email") {
        let taken = tables.rows(Kind::Users).iter().any(|row| {
            row.id() != id
                && str_of(&row.record, "email").is_some_and(|e| e.eq_ignore_ascii_case(email))
        });
        if taken {
            return Err(unprocessable("Email has already been taken"));
        }
    }
    if let Some(Value::Array(roles)) = accepted.get("access_roles") {
        if roles
            .iter()
            .any(|r| !r.as_str().is_some_and(|r| ACCESS_ROLES.contains(&r)))
        {
            return Err(unprocessable("Access roles is not included in the list"));
        }
    }
    let inactive = !op.creating && record.get("is_active") == Some(&Value::Bool(false));
    let renames = ["first_name", "last_name", "email"]
        .iter()
        .any(|name| accepted.contains_key(*name));
    if inactive && renames {
        return Err(unprocessable(
            "First name, last name and email can't be updated while the user is archived",
        ));
    }
    copy_given(record, accepted);
    if op.creating {
        defaults(
            record,
            &[
                ("telephone", json!("")),
                ("timezone", json!("Eastern Time (US & Canada)")),
                ("has_access_to_all_future_projects", Value::Bool(false)),
                ("is_contractor", Value::Bool(false)),
                ("is_active", Value::Bool(true)),
                ("weekly_capacity", json!(126_000)),
                ("default_hourly_rate", json!(0.0)),
                ("cost_rate", json!(0.0)),
                ("roles", json!([])),
                ("access_roles", json!(["member"])),
                (
                    "avatar_url",
                    json!("https://d3s3969qhosaug.cloudfront.net/v2/user.png"),
                ),
            ],
        );
    }
    Ok(())
}

/// "Only possible if they have no time entries or expenses associated with them."
fn user_removable(tables: &mut Tables, user: &Record) -> Result<(), ApiError> {
    let id = id_of(user);
    let has_expenses = tables
        .rows(Kind::Expenses)
        .iter()
        .any(|row| row.record["user"]["id"].as_u64() == Some(id));
    if has_expenses || tables.any_time_entry(&["user", "id"], id) {
        return Err(unprocessable(
            "This user is not removable. They still have time entries or expenses associated with them.",
        ));
    }
    tables.remove_where(Kind::UserAssignments, |row| {
        row.record["user"]["id"].as_u64() == Some(id)
    });
    tables.remove_where(Kind::BillableRates, |row| row.parent == Some(id));
    tables.remove_where(Kind::CostRates, |row| row.parent == Some(id));
    Ok(())
}

pub(crate) static USERS: Entity = Entity {
    table: Table::Rows(Kind::Users),
    parent: None,
    create: USER_CREATE,
    update: USER_UPDATE,
    build: build_user,
    on_delete: user_removable,
    embedded_as: Some("user"),
};

pub(crate) fn has_role(user: &Record, role: &str) -> bool {
    user.get("access_roles")
        .and_then(Value::as_array)
        .is_some_and(|roles| roles.iter().any(|r| r.as_str() == Some(role)))
}

// --- teammates -----------------------------------------------------------------------

const TEAMMATE_FIELDS: &[Field] = &[req("teammate_ids", Ty::Ids)];

pub(crate) fn teammate(user: &Record) -> Value {
    project(user, &["id", "first_name", "last_name", "email"])
}

/// `PATCH /v2/users/{id}/teammates`: the full list replaces the manager's teammates; the
/// first ones grant `people_manager`, an empty list takes it away.
pub(crate) fn update_teammates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let manager_id = parent_id(ctx, &tables, Kind::Users)?;
    // An empty array is a valid answer here ("unassign all"): only absence is blank.
    if !body.contains_key("teammate_ids") {
        fields::check(&body, TEAMMATE_FIELDS, true)?;
    }
    let ids: Vec<u64> = match body.get("teammate_ids") {
        Some(Value::Array(items)) if items.is_empty() => Vec::new(),
        _ => {
            let accepted = fields::check(&body, TEAMMATE_FIELDS, false)?;
            accepted["teammate_ids"]
                .as_array()
                .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
                .unwrap_or_default()
        }
    };
    let manager = tables
        .record(Kind::Users, manager_id)
        .ok_or(ApiError::NotFound)?;
    if !has_role(manager, "manager") {
        return Err(unprocessable(
            "Teammates can only be assigned to a user with the Manager role",
        ));
    }
    let mut teammates = Vec::new();
    for id in &ids {
        let user = tables
            .record(Kind::Users, *id)
            .ok_or_else(|| unprocessable(format!("Teammate {id} does not exist")))?;
        teammates.push(teammate(user));
    }
    tables.set_teammates(manager_id, ids.clone());
    let now = tables.now();
    if let Some(row) = tables.find_mut(Kind::Users, manager_id) {
        if let Some(Value::Array(roles)) = row.record.get_mut("access_roles") {
            roles.retain(|r| r.as_str() != Some("people_manager"));
            if !ids.is_empty() {
                roles.push(json!("people_manager"));
            }
        }
        stamp(&mut row.record, now, false);
    }
    let mut answer = Record::new();
    answer.insert("teammates".to_owned(), Value::Array(teammates));
    Ok(ctx.ok(&answer))
}

// --- rates -------------------------------------------------------------------------------

const RATE_FIELDS: &[Field] = &[req("amount", Ty::Decimal), opt("start_date", Ty::Date)];

/// `POST /v2/users/{id}/billable_rates|cost_rates`. Without `start_date` the new rate
/// replaces all of the user's rates; with one, it replaces the rates starting on or after
/// it and ends the one before; a future `start_date` is refused. The user's current
/// `default_hourly_rate` / `cost_rate` follows.
fn create_rate(ctx: &Ctx<'_>, kind: Kind, user_field: &str) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let user_id = parent_id(ctx, &tables, Kind::Users)?;
    let accepted = fields::check(&body, RATE_FIELDS, true)?;
    let today = tables.today();
    let start = accepted.get("start_date").and_then(date_of);
    if start.is_some_and(|d| d > today) {
        return Err(unprocessable("Start date can't be in the future"));
    }
    match start {
        None => tables.remove_where(kind, |row| row.parent == Some(user_id)),
        Some(start) => {
            tables.remove_where(kind, |row| {
                row.parent == Some(user_id)
                    && row.record.get("start_date").and_then(date_of) >= Some(start)
            });
            for row in tables.rows_mut(kind) {
                let open = row.record.get("end_date").is_none_or(|e| {
                    e.is_null() || date_of(e).is_some_and(|end: Date| end >= start)
                });
                if row.parent == Some(user_id) && open {
                    row.record.insert(
                        "end_date".to_owned(),
                        Value::String(start.add_days(-1).to_string()),
                    );
                }
            }
        }
    }
    let now = tables.now();
    let mut rate = Record::new();
    rate.insert("id".to_owned(), Value::from(tables.new_id()));
    rate.insert("amount".to_owned(), accepted["amount"].clone());
    rate.insert(
        "start_date".to_owned(),
        start.map_or(Value::Null, |d| Value::String(d.to_string())),
    );
    rate.insert("end_date".to_owned(), Value::Null);
    stamp(&mut rate, now, true);
    tables.rows_mut(kind).push(Row {
        parent: Some(user_id),
        record: rate.clone(),
    });
    if let Some(user) = tables.find_mut(Kind::Users, user_id) {
        user.record
            .insert(user_field.to_owned(), accepted["amount"].clone());
        stamp(&mut user.record, now, false);
    }
    Ok(ctx.reply(StatusCode::CREATED, &rate))
}

pub(crate) fn create_billable_rate(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    create_rate(ctx, Kind::BillableRates, "default_hourly_rate")
}

pub(crate) fn create_cost_rate(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    create_rate(ctx, Kind::CostRates, "cost_rate")
}

// --- projects ---------------------------------------------------------------------------

const BILL_BY: &[&str] = &["Project", "Tasks", "People", "none"];
const BUDGET_BY: &[&str] = &[
    "project",
    "project_cost",
    "task",
    "task_fees",
    "person",
    "none",
];

macro_rules! project_fields {
    ($required:ident) => {
        &[
            $required("client_id", Ty::Int),
            $required("name", Ty::Text),
            opt("code", Ty::Text),
            opt("is_active", Ty::Bool),
            $required("is_billable", Ty::Bool),
            opt("is_fixed_fee", Ty::Bool),
            $required("bill_by", Ty::OneOf(BILL_BY)),
            opt("hourly_rate", Ty::Decimal),
            opt("budget", Ty::Decimal),
            $required("budget_by", Ty::OneOf(BUDGET_BY)),
            opt("budget_is_monthly", Ty::Bool),
            opt("notify_when_over_budget", Ty::Bool),
            opt("over_budget_notification_percentage", Ty::Decimal),
            opt("show_budget_to_all", Ty::Bool),
            opt("cost_budget", Ty::Decimal),
            opt("cost_budget_include_expenses", Ty::Bool),
            opt("fee", Ty::Decimal),
            opt("notes", Ty::Text),
            opt("starts_on", Ty::Date),
            opt("ends_on", Ty::Date),
        ]
    };
}

const PROJECT_CREATE: &[Field] = project_fields!(req);
const PROJECT_UPDATE: &[Field] = project_fields!(opt);

fn build_project(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if let Some(client) = given_id(accepted, "client_id") {
        let client = reference(
            tables,
            Kind::Clients,
            client,
            "client_id",
            CLIENT_WITH_CURRENCY,
        )?;
        record.insert("client".to_owned(), client);
    }
    copy_given(record, accepted);
    if op.creating {
        defaults(
            record,
            &[
                ("code", Value::Null),
                ("is_active", Value::Bool(true)),
                ("is_fixed_fee", Value::Bool(false)),
                ("hourly_rate", Value::Null),
                ("budget", Value::Null),
                ("budget_is_monthly", Value::Bool(false)),
                ("notify_when_over_budget", Value::Bool(false)),
                ("over_budget_notification_percentage", json!(80.0)),
                ("over_budget_notification_date", Value::Null),
                ("show_budget_to_all", Value::Bool(false)),
                ("cost_budget", Value::Null),
                ("cost_budget_include_expenses", Value::Bool(false)),
                ("fee", Value::Null),
                ("notes", json!("")),
                ("starts_on", Value::Null),
                ("ends_on", Value::Null),
            ],
        );
    }
    let (starts, ends) = (
        record.get("starts_on").and_then(date_of),
        record.get("ends_on").and_then(date_of),
    );
    if starts.zip(ends).is_some_and(|(s, e)| e < s) {
        return Err(unprocessable("Ends on must be after the start date"));
    }
    if op.creating {
        // Harvest assigns the creator (the administrator) as the project's manager.
        let me = super::me(tables);
        let user = user_ref(tables, me, "user_id")?;
        let mut assignment = assignment_base(tables, record);
        assignment.extend([
            ("user".to_owned(), user),
            ("is_project_manager".to_owned(), Value::Bool(true)),
            ("use_default_rates".to_owned(), Value::Bool(true)),
            ("hourly_rate".to_owned(), Value::Null),
            ("budget".to_owned(), Value::Null),
        ]);
        stamp(&mut assignment, op.now, true);
        tables.insert(
            Kind::UserAssignments,
            Row {
                parent: Some(id_of(record)),
                record: assignment,
            },
        );
    }
    Ok(())
}

/// Harvest deletes a project's time entries and expenses with it (§6; archive instead to
/// keep them), and its assignments.
fn delete_project_contents(tables: &mut Tables, project: &Record) -> Result<(), ApiError> {
    let id = id_of(project);
    tables.delete_project_entries(id);
    tables.remove_where(Kind::Expenses, |row| {
        row.record["project"]["id"].as_u64() == Some(id)
    });
    tables.remove_where(Kind::UserAssignments, |row| row.parent == Some(id));
    tables.remove_where(Kind::TaskAssignments, |row| row.parent == Some(id));
    Ok(())
}

pub(crate) static PROJECTS: Entity = Entity {
    table: Table::Rows(Kind::Projects),
    parent: None,
    create: PROJECT_CREATE,
    update: PROJECT_UPDATE,
    build: build_project,
    on_delete: delete_project_contents,
    embedded_as: Some("project"),
};

// --- assignments -------------------------------------------------------------------------

/// `id` plus the project embedded, as every assignment starts.
fn assignment_base(tables: &mut Tables, project_record: &Record) -> Record {
    let mut record = Record::new();
    record.insert("id".to_owned(), Value::from(tables.new_id()));
    record.insert("is_active".to_owned(), Value::Bool(true));
    record.insert("project".to_owned(), project(project_record, PROJECT_REF));
    record
}

fn project_of(tables: &Tables, op: &Op) -> Result<Record, ApiError> {
    op.parent
        .and_then(|p| tables.record(Kind::Projects, p))
        .cloned()
        .ok_or(ApiError::NotFound)
}

const USER_ASSIGNMENT_CREATE: &[Field] = &[
    req("user_id", Ty::Int),
    opt("is_active", Ty::Bool),
    opt("is_project_manager", Ty::Bool),
    opt("use_default_rates", Ty::Bool),
    opt("hourly_rate", Ty::Decimal),
    opt("budget", Ty::Decimal),
];

const USER_ASSIGNMENT_UPDATE: &[Field] = &[
    opt("is_active", Ty::Bool),
    opt("is_project_manager", Ty::Bool),
    opt("use_default_rates", Ty::Bool),
    opt("hourly_rate", Ty::Decimal),
    opt("budget", Ty::Decimal),
];

fn already_assigned(
    tables: &Tables,
    kind: Kind,
    project_id: Option<u64>,
    path: &str,
    id: u64,
) -> bool {
    tables
        .rows(kind)
        .iter()
        .any(|row| row.parent == project_id && row.record[path]["id"].as_u64() == Some(id))
}

fn build_user_assignment(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if op.creating {
        let project_record = project_of(tables, op)?;
        let user_id = given_id(accepted, "user_id").unwrap_or(0);
        let user = user_ref(tables, user_id, "user_id")?;
        if already_assigned(tables, Kind::UserAssignments, op.parent, "user", user_id) {
            return Err(unprocessable(
                "User has already been assigned to this project",
            ));
        }
        let is_manager = tables
            .record(Kind::Users, user_id)
            .is_some_and(|u| has_role(u, "administrator") || has_role(u, "manager"));
        let base = assignment_base(tables, &project_record);
        record.extend(base.into_iter().filter(|(k, _)| k != "id"));
        record.insert("user".to_owned(), user);
        defaults(
            record,
            &[
                ("is_project_manager", Value::Bool(is_manager)),
                ("use_default_rates", Value::Bool(true)),
                ("hourly_rate", Value::Null),
                ("budget", Value::Null),
            ],
        );
    }
    copy_given(record, accepted);
    Ok(())
}

/// "Only possible if it has no time entries or expenses associated with it."
fn user_assignment_removable(tables: &mut Tables, assignment: &Record) -> Result<(), ApiError> {
    let id = id_of(assignment);
    let project = assignment["project"]["id"].as_u64();
    let user = assignment["user"]["id"].as_u64();
    let has_expenses = tables.rows(Kind::Expenses).iter().any(|row| {
        row.record["project"]["id"].as_u64() == project && row.record["user"]["id"].as_u64() == user
    });
    if has_expenses || tables.any_time_entry(&["user_assignment", "id"], id) {
        return Err(unprocessable(
            "This user assignment is not removable. It still has time entries or expenses associated with it.",
        ));
    }
    Ok(())
}

pub(crate) static USER_ASSIGNMENTS: Entity = Entity {
    table: Table::Rows(Kind::UserAssignments),
    parent: Some(Kind::Projects),
    create: USER_ASSIGNMENT_CREATE,
    update: USER_ASSIGNMENT_UPDATE,
    build: build_user_assignment,
    on_delete: user_assignment_removable,
    embedded_as: None,
};

const TASK_ASSIGNMENT_CREATE: &[Field] = &[
    req("task_id", Ty::Int),
    opt("is_active", Ty::Bool),
    opt("billable", Ty::Bool),
    opt("hourly_rate", Ty::Decimal),
    opt("budget", Ty::Decimal),
];

const TASK_ASSIGNMENT_UPDATE: &[Field] = &[
    opt("is_active", Ty::Bool),
    opt("billable", Ty::Bool),
    opt("hourly_rate", Ty::Decimal),
    opt("budget", Ty::Decimal),
];

fn build_task_assignment(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if op.creating {
        let project_record = project_of(tables, op)?;
        let task_id = given_id(accepted, "task_id").unwrap_or(0);
        let task = reference(tables, Kind::Tasks, task_id, "task_id", &["id", "name"])?;
        if already_assigned(tables, Kind::TaskAssignments, op.parent, "task", task_id) {
            return Err(unprocessable(
                "Task has already been assigned to this project",
            ));
        }
        let base = assignment_base(tables, &project_record);
        record.extend(base.into_iter().filter(|(k, _)| k != "id"));
        record.insert("task".to_owned(), task);
        defaults(
            record,
            &[
                ("billable", Value::Bool(false)),
                ("hourly_rate", Value::Null),
                ("budget", Value::Null),
            ],
        );
    }
    copy_given(record, accepted);
    Ok(())
}

fn task_assignment_removable(tables: &mut Tables, assignment: &Record) -> Result<(), ApiError> {
    if tables.any_time_entry(&["task_assignment", "id"], id_of(assignment)) {
        return Err(unprocessable(
            "This task assignment is not removable. It still has time entries associated with it.",
        ));
    }
    Ok(())
}

pub(crate) static TASK_ASSIGNMENTS: Entity = Entity {
    table: Table::Rows(Kind::TaskAssignments),
    parent: Some(Kind::Projects),
    create: TASK_ASSIGNMENT_CREATE,
    update: TASK_ASSIGNMENT_UPDATE,
    build: build_task_assignment,
    on_delete: task_assignment_removable,
    embedded_as: None,
};
