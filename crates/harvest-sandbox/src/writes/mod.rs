//! Harvest's writes over the store. A writable table is an [`Entity`] row: the fields its
//! create and update accept (checked by `fields.rs`), a `build` that turns accepted fields
//! into the record (defaults, references, derived values, Harvest's rules) and an
//! `on_delete` that refuses or cascades. The generic create/update/delete below give every
//! entity Harvest's statuses: `201` with the record, `200` with the record, `200` with an
//! empty body. State changes (timers, messages, payments, teammates) are handlers of their
//! own in the area files.

pub(crate) mod invoicing;
pub(crate) mod people;
pub(crate) mod records;
pub(crate) mod time;

use hyper::StatusCode;
use serde_json::Value;

use super::body;
use super::calendar::Timestamp;
use super::context::Ctx;
use super::fields::{self, label, Field};
use super::lists::parent_id;
use super::reply::{ApiError, Reply, JSON};
use super::store::lock;
use super::store::{id_of, Kind, Record, Row, Tables};

/// Where an entity's records live.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Table {
    Rows(Kind),
    TimeEntries,
}

/// What a `build` is told about the write.
pub(crate) struct Op {
    pub creating: bool,
    /// The id of the record a nested path names (`/projects/{id}/user_assignments`).
    pub parent: Option<u64>,
    pub now: Timestamp,
}

pub(crate) type Build = fn(&mut Tables, &mut Record, &Record, &Op) -> Result<(), ApiError>;
pub(crate) type OnDelete = fn(&mut Tables, &Record) -> Result<(), ApiError>;

pub(crate) struct Entity {
    pub table: Table,
    pub parent: Option<Kind>,
    pub create: &'static [Field],
    pub update: &'static [Field],
    pub build: Build,
    pub on_delete: OnDelete,
    /// The key other records embed this one under (`"client"`), so a rename shows there too.
    pub embedded_as: Option<&'static str>,
}

/// Deletes that Harvest never refuses.
pub(crate) fn always(_: &mut Tables, _: &Record) -> Result<(), ApiError> {
    Ok(())
}

impl Table {
    fn get(self, tables: &Tables, id: u64, parent: Option<u64>) -> Option<Record> {
        match self {
            Table::TimeEntries => tables.time_entry(id),
            Table::Rows(kind) => tables
                .find(kind, id)
                .filter(|row| parent.is_none() || row.parent == parent)
                .map(|row| row.record.clone()),
        }
    }

    fn put(self, tables: &mut Tables, record: Record, parent: Option<u64>, creating: bool) {
        match self {
            Table::TimeEntries => tables.put_time_entry(record),
            Table::Rows(kind) if creating => tables.insert(kind, Row { parent, record }),
            Table::Rows(kind) => tables.replace(kind, record),
        }
    }

    fn remove(self, tables: &mut Tables, id: u64) {
        match self {
            Table::TimeEntries => tables.delete_time_entry(id),
            Table::Rows(kind) => {
                tables.remove(kind, id);
            }
        }
    }
}

/// The request body as one object (JSON, form or multipart).
pub(crate) fn input(ctx: &Ctx<'_>) -> Result<Record, ApiError> {
    body::parse(ctx.content_type, ctx.body)
}

fn parent_of(ctx: &Ctx<'_>, tables: &Tables, entity: &Entity) -> Result<Option<u64>, ApiError> {
    entity
        .parent
        .map(|kind| parent_id(ctx, tables, kind))
        .transpose()
}

/// The id a path names last (`/clients/{id}`, `/projects/{id}/user_assignments/{id}`).
fn target_id(ctx: &Ctx<'_>, entity: &Entity) -> Result<u64, ApiError> {
    ctx.id(usize::from(entity.parent.is_some()))
}

pub(crate) fn stamp(record: &mut Record, now: Timestamp, creating: bool) {
    let now = Value::String(now.to_string());
    if creating {
        record.insert("created_at".to_owned(), now.clone());
    }
    record.insert("updated_at".to_owned(), now);
}

pub(crate) fn create(ctx: &Ctx<'_>, entity: &Entity) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let parent = parent_of(ctx, &tables, entity)?;
    let accepted = fields::check(&body, entity.create, true)?;
    let op = Op {
        creating: true,
        parent,
        now: tables.now(),
    };
    let mut record = Record::new();
    record.insert("id".to_owned(), Value::from(tables.new_id()));
    (entity.build)(&mut tables, &mut record, &accepted, &op)?;
    stamp(&mut record, op.now, true);
    entity.table.put(&mut tables, record.clone(), parent, true);
    Ok(ctx.reply(StatusCode::CREATED, &record))
}

pub(crate) fn update(ctx: &Ctx<'_>, entity: &Entity) -> Result<Reply, ApiError> {
    let body = input(ctx)?;
    let mut tables = lock(ctx.store);
    let parent = parent_of(ctx, &tables, entity)?;
    let id = target_id(ctx, entity)?;
    let mut record = entity
        .table
        .get(&tables, id, parent)
        .ok_or(ApiError::NotFound)?;
    let accepted = fields::check(&body, entity.update, false)?;
    let op = Op {
        creating: false,
        parent,
        now: tables.now(),
    };
    (entity.build)(&mut tables, &mut record, &accepted, &op)?;
    stamp(&mut record, op.now, false);
    entity.table.put(&mut tables, record.clone(), parent, false);
    if let Some(key) = entity.embedded_as {
        let mut fresh = record.clone();
        if key == "user" {
            // Users are embedded as `{id, name}` with the full name.
            fresh.insert("name".to_owned(), Value::String(full_name(&record)));
        }
        tables.refresh_embedded(key, id, &fresh);
    }
    Ok(ctx.ok(&record))
}

pub(crate) fn delete(ctx: &Ctx<'_>, entity: &Entity) -> Result<Reply, ApiError> {
    let mut tables = lock(ctx.store);
    let parent = parent_of(ctx, &tables, entity)?;
    let id = target_id(ctx, entity)?;
    let record = entity
        .table
        .get(&tables, id, parent)
        .ok_or(ApiError::NotFound)?;
    (entity.on_delete)(&mut tables, &record)?;
    entity.table.remove(&mut tables, id_of(&record));
    Ok(deleted())
}

/// Harvest answers a delete with `200` and an empty body.
pub(crate) fn deleted() -> Reply {
    Reply::new(StatusCode::OK, JSON, "")
}

// ---------------------------------------------------------------------------
// Helpers of the builds

/// Copies every accepted field into the record as given (null included: it clears the
/// field), except the references (`client_id`, ...), which the build resolves into the
/// embedded object Harvest answers with (`client: {id, name}`). The accepted fields are the
/// entity's field table after `fields::check`, so the table is the one list of them.
/// Copies the accepted `names` into the record (null included: it clears the field), for the
/// builds that derive the other accepted fields (time entries, line items).
pub(crate) fn copy(record: &mut Record, accepted: &Record, names: &[&str]) {
    for name in names {
        if let Some(value) = accepted.get(*name) {
            record.insert((*name).to_owned(), value.clone());
        }
    }
}

pub(crate) fn copy_given(record: &mut Record, accepted: &Record) {
    for (name, value) in accepted {
        if !name.ends_with("_id") {
            record.insert(name.clone(), value.clone());
        }
    }
}

/// Sets `defaults` on a new record where `copy` left nothing.
pub(crate) fn defaults(record: &mut Record, defaults: &[(&str, Value)]) {
    for (name, value) in defaults {
        record
            .entry((*name).to_owned())
            .or_insert_with(|| value.clone());
    }
}

pub(crate) fn unprocessable(message: impl Into<String>) -> ApiError {
    ApiError::unprocessable(message)
}

/// The accepted id of a reference field (`project_id`), if given.
pub(crate) fn given_id(accepted: &Record, name: &str) -> Option<u64> {
    accepted.get(name).and_then(Value::as_u64)
}

/// The `keys` of the referenced record (e.g. a project as `{id, name, code}`); a 422 in
/// Rails' words when it does not exist.
pub(crate) fn reference(
    tables: &Tables,
    kind: Kind,
    id: u64,
    field: &str,
    keys: &[&str],
) -> Result<Value, ApiError> {
    let record = tables
        .record(kind, id)
        .ok_or_else(|| unprocessable(format!("{} must exist", label(field))))?;
    Ok(project(record, keys))
}

/// The `keys` of a record, as an embedded object.
pub(crate) fn project(record: &Record, keys: &[&str]) -> Value {
    Value::Object(
        keys.iter()
            .map(|k| {
                (
                    (*k).to_owned(),
                    record.get(*k).cloned().unwrap_or(Value::Null),
                )
            })
            .collect(),
    )
}

pub(crate) fn number(value: f64) -> Value {
    serde_json::Number::from_f64(value).map_or(Value::Null, Value::Number)
}

/// Money and hours with two decimals, as Harvest rounds them.
pub(crate) fn round2(value: f64) -> f64 {
    (value * 100.0).round() / 100.0
}

pub(crate) fn f64_of(record: &Record, name: &str) -> Option<f64> {
    record.get(name).and_then(Value::as_f64)
}

pub(crate) fn str_of<'a>(record: &'a Record, name: &str) -> Option<&'a str> {
    record.get(name).and_then(Value::as_str)
}

pub(crate) fn bool_of(record: &Record, name: &str) -> bool {
    record.get(name).and_then(Value::as_bool).unwrap_or(false)
}

pub(crate) const PROJECT_REF: &[&str] = &["id", "name", "code"];
pub(crate) const CLIENT_REF: &[&str] = &["id", "name"];
pub(crate) const CLIENT_WITH_CURRENCY: &[&str] = &["id", "name", "currency"];

/// A user as `{id, name}` (users carry first and last names only).
pub(crate) fn user_ref(tables: &Tables, id: u64, field: &str) -> Result<Value, ApiError> {
    let user = tables
        .record(Kind::Users, id)
        .ok_or_else(|| unprocessable(format!("{} must exist", label(field))))?;
    Ok(serde_json::json!({ "id": id, "name": full_name(user) }))
}

pub(crate) fn full_name(user: &Record) -> String {
    format!(
        "{} {}",
        str_of(user, "first_name").unwrap_or(""),
        str_of(user, "last_name").unwrap_or("")
    )
}

/// The authenticated user (the account's administrator, as `/users/me` shows).
pub(crate) fn me(tables: &Tables) -> u64 {
    tables.data().user_id(tables.data().me())
}
