//! Writes of the account's master data: company, clients, contacts, tasks, roles and the
//! expense, invoice and estimate item categories.

use serde_json::{json, Value};

use super::super::context::Ctx;
use super::super::fields::{self, opt, req, Field, Ty};
use super::super::reply::{ApiError, Reply};
use super::super::store::lock;
use super::super::store::{id_of, Kind, Record, Tables};
use super::{
    always, bool_of, copy_given, defaults, given_id, input, reference, unprocessable, Entity, Op,
    Table, CLIENT_REF,
};

// --- company -----------------------------------------------------------------

const COMPANY_FIELDS: &[Field] = &[
    opt("wants_timestamp_timers", Ty::Bool),
    opt("weekly_capacity", Ty::Int),
];

/// `PATCH /v2/company`: only the timer mode and the weekly capacity are writable.
pub(crate) fn update_company(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let accepted = fields::check(&input(ctx)?, COMPANY_FIELDS, false)?;
    let mut tables = lock(ctx.store);
    for (name, value) in accepted {
        if !value.is_null() {
            tables.company.insert(name, value);
        }
    }
    Ok(ctx.ok(&tables.company))
}

// --- clients and contacts ------------------------------------------------------

const CLIENT_FIELDS: &[Field] = &[
    req("name", Ty::Text),
    opt("is_active", Ty::Bool),
    opt("address", Ty::Text),
    opt("currency", Ty::Text),
];

fn build_client(
    _: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    copy_given(record, accepted);
    if op.creating {
        let key = format!("{:032x}", id_of(record).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        defaults(
            record,
            &[
                ("is_active", Value::Bool(true)),
                ("address", Value::Null),
                ("currency", json!("USD")),
                ("statement_key", Value::String(key)),
            ],
        );
    }
    Ok(())
}

/// Harvest's recorded refusal (2021).
fn client_removable(tables: &mut Tables, client: &Record) -> Result<(), ApiError> {
    let id = id_of(client);
    let owns = |kind| {
        tables
            .rows(kind)
            .iter()
            .any(|row| row.record["client"]["id"].as_u64() == Some(id))
    };
    if owns(Kind::Projects) || owns(Kind::Invoices) || owns(Kind::Estimates) {
        return Err(unprocessable(
            "This client is not removable. It still has projects and/or invoices.",
        ));
    }
    tables.remove_where(Kind::Contacts, |row| {
        row.record["client"]["id"].as_u64() == Some(id)
    });
    Ok(())
}

pub(crate) static CLIENTS: Entity = Entity {
    table: Table::Rows(Kind::Clients),
    parent: None,
    create: CLIENT_FIELDS,
    update: CLIENT_FIELDS,
    build: build_client,
    on_delete: client_removable,
    embedded_as: Some("client"),
};

const CONTACT_FIELDS: &[Field] = &[
    req("client_id", Ty::Int),
    opt("title", Ty::Text),
    req("first_name", Ty::Text),
    opt("last_name", Ty::Text),
    opt("email", Ty::Email),
    opt("phone_office", Ty::Text),
    opt("phone_mobile", Ty::Text),
    opt("fax", Ty::Text),
];

fn build_contact(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if let Some(client) = given_id(accepted, "client_id") {
        let client = reference(tables, Kind::Clients, client, "client_id", CLIENT_REF)?;
        record.insert("client".to_owned(), client);
    }
    copy_given(record, accepted);
    if op.creating {
        defaults(
            record,
            &[
                ("title", Value::Null),
                ("last_name", Value::Null),
                ("email", Value::Null),
                ("phone_office", json!("")),
                ("phone_mobile", json!("")),
                ("fax", json!("")),
            ],
        );
    }
    Ok(())
}

pub(crate) static CONTACTS: Entity = Entity {
    table: Table::Rows(Kind::Contacts),
    parent: None,
    create: CONTACT_FIELDS,
    update: CONTACT_FIELDS,
    build: build_contact,
    on_delete: always,
    embedded_as: None,
};

// --- tasks -----------------------------------------------------------------------

const TASK_FIELDS: &[Field] = &[
    req("name", Ty::Text),
    opt("billable_by_default", Ty::Bool),
    opt("default_hourly_rate", Ty::Decimal),
    opt("is_default", Ty::Bool),
    opt("is_active", Ty::Bool),
];

/// Task names are unique in a Harvest account.
fn unique_name(
    tables: &Tables,
    kind: Kind,
    record: &Record,
    accepted: &Record,
) -> Result<(), ApiError> {
    let Some(name) = accepted.get("name").and_then(Value::as_str) else {
        return Ok(());
    };
    let id = id_of(record);
    let taken = tables.rows(kind).iter().any(|row| {
        row.id() != id
            && row.record["name"]
                .as_str()
                .is_some_and(|n| n.eq_ignore_ascii_case(name))
    });
    if taken {
        return Err(unprocessable("Name has already been taken"));
    }
    Ok(())
}

fn build_task(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    unique_name(tables, Kind::Tasks, record, accepted)?;
    copy_given(record, accepted);
    if op.creating {
        defaults(
            record,
            &[
                ("billable_by_default", Value::Bool(true)),
                ("default_hourly_rate", json!(0.0)),
                ("is_default", Value::Bool(false)),
                ("is_active", Value::Bool(true)),
            ],
        );
    }
    Ok(())
}

fn task_removable(tables: &mut Tables, task: &Record) -> Result<(), ApiError> {
    let id = id_of(task);
    if tables.any_time_entry(&["task", "id"], id) {
        return Err(unprocessable(
            "This task is not removable. It still has time entries associated with it.",
        ));
    }
    tables.remove_where(Kind::TaskAssignments, |row| {
        row.record["task"]["id"].as_u64() == Some(id)
    });
    Ok(())
}

pub(crate) static TASKS: Entity = Entity {
    table: Table::Rows(Kind::Tasks),
    parent: None,
    create: TASK_FIELDS,
    update: TASK_FIELDS,
    build: build_task,
    on_delete: task_removable,
    embedded_as: Some("task"),
};

// --- item and expense categories ------------------------------------------------------

const NAME_ONLY: &[Field] = &[req("name", Ty::Text)];

fn build_item_category(
    _: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    _: &Op,
) -> Result<(), ApiError> {
    copy_given(record, accepted);
    Ok(())
}

fn build_invoice_item_category(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    build_item_category(tables, record, accepted, op)?;
    if op.creating {
        defaults(
            record,
            &[
                ("use_as_service", Value::Bool(false)),
                ("use_as_expense", Value::Bool(false)),
            ],
        );
    }
    Ok(())
}

/// Harvest: "only possible if use_as_service and use_as_expense are both false".
fn invoice_item_category_removable(_: &mut Tables, category: &Record) -> Result<(), ApiError> {
    if bool_of(category, "use_as_service") || bool_of(category, "use_as_expense") {
        return Err(unprocessable(
            "This invoice item category is not removable. It is used as the service or expense category.",
        ));
    }
    Ok(())
}

pub(crate) static INVOICE_ITEM_CATEGORIES: Entity = Entity {
    table: Table::Rows(Kind::InvoiceItemCategories),
    parent: None,
    create: NAME_ONLY,
    update: NAME_ONLY,
    build: build_invoice_item_category,
    on_delete: invoice_item_category_removable,
    embedded_as: None,
};

pub(crate) static ESTIMATE_ITEM_CATEGORIES: Entity = Entity {
    table: Table::Rows(Kind::EstimateItemCategories),
    parent: None,
    create: NAME_ONLY,
    update: NAME_ONLY,
    build: build_item_category,
    on_delete: always,
    embedded_as: None,
};

const EXPENSE_CATEGORY_FIELDS: &[Field] = &[
    req("name", Ty::Text),
    opt("unit_name", Ty::Text),
    opt("unit_price", Ty::Decimal),
    opt("is_active", Ty::Bool),
];

fn build_expense_category(
    _: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    copy_given(record, accepted);
    if op.creating {
        defaults(
            record,
            &[
                ("unit_name", Value::Null),
                ("unit_price", Value::Null),
                ("is_active", Value::Bool(true)),
            ],
        );
    }
    Ok(())
}

fn expense_category_removable(tables: &mut Tables, category: &Record) -> Result<(), ApiError> {
    let id = id_of(category);
    let used = tables
        .rows(Kind::Expenses)
        .iter()
        .any(|row| row.record["expense_category"]["id"].as_u64() == Some(id));
    if used {
        return Err(unprocessable(
            "This expense category is not removable. It still has expenses associated with it.",
        ));
    }
    Ok(())
}

pub(crate) static EXPENSE_CATEGORIES: Entity = Entity {
    table: Table::Rows(Kind::ExpenseCategories),
    parent: None,
    create: EXPENSE_CATEGORY_FIELDS,
    update: EXPENSE_CATEGORY_FIELDS,
    build: build_expense_category,
    on_delete: expense_category_removable,
    embedded_as: Some("expense_category"),
};

// --- roles -----------------------------------------------------------------------

const ROLE_FIELDS: &[Field] = &[req("name", Ty::Text), opt("user_ids", Ty::Ids)];

/// Users list their roles by name: keep both sides of the link in step.
fn relink_role_users(tables: &mut Tables, old_name: Option<&str>, role: Option<&Record>) {
    let new_name = role.and_then(|r| r["name"].as_str()).map(str::to_owned);
    let members: Vec<u64> = role
        .and_then(|r| r["user_ids"].as_array())
        .map(|ids| ids.iter().filter_map(Value::as_u64).collect())
        .unwrap_or_default();
    for row in tables.rows_mut(Kind::Users) {
        let id = row.id();
        let Some(Value::Array(roles)) = row.record.get_mut("roles") else {
            continue;
        };
        roles.retain(|r| old_name.is_none_or(|old| r.as_str() != Some(old)));
        if let Some(name) = &new_name {
            roles.retain(|r| r.as_str() != Some(name.as_str()));
            if members.contains(&id) {
                roles.push(Value::String(name.clone()));
            }
        }
    }
}

fn build_role(
    tables: &mut Tables,
    record: &mut Record,
    accepted: &Record,
    op: &Op,
) -> Result<(), ApiError> {
    if let Some(Value::Array(ids)) = accepted.get("user_ids") {
        if let Some(unknown) = ids
            .iter()
            .filter_map(Value::as_u64)
            .find(|id| tables.find(Kind::Users, *id).is_none())
        {
            return Err(unprocessable(format!("User {unknown} does not exist")));
        }
    }
    let old_name = record
        .get("name")
        .and_then(Value::as_str)
        .map(str::to_owned);
    copy_given(record, accepted);
    if op.creating {
        defaults(record, &[("user_ids", json!([]))]);
    }
    if record.get("user_ids").is_some_and(Value::is_null) {
        record.insert("user_ids".to_owned(), json!([]));
    }
    relink_role_users(tables, old_name.as_deref(), Some(record));
    Ok(())
}

/// "Deleting a role will unlink it from any users it was assigned to."
fn unlink_role(tables: &mut Tables, role: &Record) -> Result<(), ApiError> {
    relink_role_users(tables, role["name"].as_str(), None);
    Ok(())
}

pub(crate) static ROLES: Entity = Entity {
    table: Table::Rows(Kind::Roles),
    parent: None,
    create: ROLE_FIELDS,
    update: ROLE_FIELDS,
    build: build_role,
    on_delete: unlink_role,
    embedded_as: None,
};
