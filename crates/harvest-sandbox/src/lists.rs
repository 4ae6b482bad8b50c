//! Reads of the stored records: a list endpoint is a [`ListSpec`] row (table, envelope key,
//! pagination mode, filters as data), a record endpoint a table and an optional parent.

use serde_json::Value;

use super::calendar::{Date, Timestamp};
use super::context::Ctx;
use super::envelope::{self, Mode};
use super::reply::{ApiError, Reply, JSON};
use super::store::lock;
use super::store::{any_at_path, id_of, Kind, Record, Tables};

/// How a query parameter selects records.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Test {
    Bool,
    Id,
    Text,
    /// A date on or after the parameter's.
    From,
    /// A date on or before the parameter's.
    To,
}

/// `param` compares with the value at `path` (`*` = any element of an array).
pub(crate) struct Filter {
    pub param: &'static str,
    pub path: &'static [&'static str],
    pub test: Test,
}

pub(crate) const fn filter(
    param: &'static str,
    path: &'static [&'static str],
    test: Test,
) -> Filter {
    Filter { param, path, test }
}

pub(crate) const IS_ACTIVE: Filter = filter("is_active", &["is_active"], Test::Bool);

/// Harvest's list orders (§3.4): as stored (newest first), or by a date field.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Order {
    Stored,
    NewestFirst(&'static str),
    OldestFirst(&'static str),
}

pub(crate) struct ListSpec {
    pub kind: Kind,
    pub key: &'static str,
    pub mode: Mode,
    pub per_page: u64,
    pub filters: &'static [Filter],
    pub updated_since: bool,
    pub order: Order,
    /// Listed under a record of this table, whose id is the path's first `{id}`.
    pub parent: Option<Kind>,
}

/// One parsed condition of a request.
enum Want {
    Bool(bool),
    Id(u64),
    Text(String),
    From(Date),
    To(Date),
    UpdatedAfter(Timestamp),
}

/// The request's conditions, parsed once (a malformed value is Harvest's 422 or 400).
pub(crate) struct Conditions(Vec<(&'static [&'static str], Want)>);

impl Conditions {
    pub(crate) fn parse(
        ctx: &Ctx<'_>,
        filters: &[Filter],
        updated_since: bool,
    ) -> Result<Conditions, ApiError> {
        let mut wants = Vec::new();
        for f in filters {
            let want = match f.test {
                Test::Bool => ctx.query.bool(f.param)?.map(Want::Bool),
                Test::Id => ctx.query.id(f.param)?.map(Want::Id),
                Test::Text => ctx.query.get(f.param).map(|v| Want::Text(v.to_owned())),
                Test::From => ctx.query.date(f.param)?.map(Want::From),
                Test::To => ctx.query.date(f.param)?.map(Want::To),
            };
            if let Some(want) = want {
                wants.push((f.path, want));
            }
        }
        if updated_since {
            if let Some(since) = ctx.updated_since()? {
                wants.push((&["updated_at"], Want::UpdatedAfter(since)));
            }
        }
        Ok(Conditions(wants))
    }

    pub(crate) fn accept(&self, record: &Record) -> bool {
        self.0.iter().all(|(path, want)| {
            let test = |v: &Value| match want {
                Want::Bool(b) => v.as_bool() == Some(*b),
                Want::Id(id) => v.as_u64() == Some(*id),
                Want::Text(text) => v.as_str() == Some(text.as_str()),
                Want::From(from) => date_of(v).is_some_and(|d| d >= *from),
                Want::To(to) => date_of(v).is_some_and(|d| d <= *to),
                Want::UpdatedAfter(since) => v
                    .as_str()
                    .and_then(Timestamp::parse_iso8601)
                    .is_some_and(|t| t > *since),
            };
            path.split_first().is_some_and(|(first, rest)| {
                record
                    .get(*first)
                    .is_some_and(|v| any_at_path(v, rest, &test))
            })
        })
    }
}

pub(crate) fn date_of(value: &Value) -> Option<Date> {
    value.as_str().and_then(Date::parse)
}

/// Sorts by a date field, stably: generated records are already in order, so only
/// created ones move (before older-or-same-day ones when newest first).
pub(crate) fn sort(records: &mut [Record], order: Order) {
    let key = |r: &Record, field: &str| r.get(field).and_then(date_of);
    match order {
        Order::Stored => {}
        Order::NewestFirst(field) => records.sort_by_key(|r| std::cmp::Reverse(key(r, field))),
        Order::OldestFirst(field) => records.sort_by_key(|r| key(r, field)),
    }
}

/// A page of `records` in Harvest's envelope.
pub(crate) fn page(
    ctx: &Ctx<'_>,
    key: &str,
    mode: Mode,
    per_page: u64,
    records: &[Record],
) -> Result<Reply, ApiError> {
    let params = ctx.list_params(mode, per_page)?;
    let window = params.window(records.len(), |i| id_of(&records[i]))?;
    let ordered: Vec<_> = records[window.start..window.end]
        .iter()
        .map(|r| ctx.orders.ordered(r))
        .collect();
    let body = envelope::render(key, &ordered, &window.meta)?;
    Ok(Reply::new(hyper::StatusCode::OK, JSON, body))
}

/// The parent id of a nested path, once its record is known to exist.
pub(crate) fn parent_id(ctx: &Ctx<'_>, tables: &Tables, parent: Kind) -> Result<u64, ApiError> {
    let id = ctx.id(0)?;
    tables
        .find(parent, id)
        .map(|_| id)
        .ok_or(ApiError::NotFound)
}

pub(crate) fn list(ctx: &Ctx<'_>, spec: &ListSpec) -> Result<Reply, ApiError> {
    let conditions = Conditions::parse(ctx, spec.filters, spec.updated_since)?;
    let mut records: Vec<Record> = {
        let tables = lock(ctx.store);
        let parent = spec
            .parent
            .map(|kind| parent_id(ctx, &tables, kind))
            .transpose()?;
        tables
            .rows(spec.kind)
            .iter()
            .filter(|row| parent.is_none_or(|p| row.parent == Some(p)))
            .filter(|row| conditions.accept(&row.record))
            .map(|row| row.record.clone())
            .collect()
    };
    sort(&mut records, spec.order);
    page(ctx, spec.key, spec.mode, spec.per_page, &records)
}

/// `GET .../{id}` of a table, under `parent` when nested.
pub(crate) fn get(ctx: &Ctx<'_>, kind: Kind, parent: Option<Kind>) -> Result<Reply, ApiError> {
    let tables = lock(ctx.store);
    let record = match parent {
        Some(parent_kind) => {
            let p = parent_id(ctx, &tables, parent_kind)?;
            tables
                .find(kind, ctx.id(1)?)
                .filter(|row| row.parent == Some(p))
                .map(|row| &row.record)
        }
        None => tables.record(kind, ctx.id(0)?),
    };
    record.map(|r| ctx.ok(r)).ok_or(ApiError::NotFound)
}
