//! The mutable account behind every route: the generated dataset (`data.rs`) as JSON records,
//! which writes change and reads see.
//!
//! Master data and the per-parent lists (clients, projects, invoices, their messages, rates,
//! ...) are small (`records_per_entity` each), so they are materialized once, as Harvest
//! would return them, in their list order. Time entries may number tens of thousands: they
//! stay generated on demand, and only the ones a write touched are held here (an overlay),
//! so an untouched account lists them as cheaply as before.
//!
//! One mutex guards it all: a write is applied atomically, concurrent creates get distinct
//! ids, and a read never sees half a write.

use std::collections::{HashMap, HashSet};
use std::time::{SystemTime, UNIX_EPOCH};

use serde::Serialize;
use serde_json::{Map, Value};

use std::sync::{Mutex, MutexGuard, PoisonError};

use super::calendar::{Date, Timestamp};
use super::data::{Dataset, EntryCore};
use super::order::FieldOrders;

/// A record as Harvest sends it.
pub(crate) type Record = Map<String, Value>;

/// The record tables (time entries excepted, see [`Tables::time_entry`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    Users,
    Clients,
    Contacts,
    Projects,
    Tasks,
    UserAssignments,
    TaskAssignments,
    Expenses,
    ExpenseCategories,
    Invoices,
    InvoiceMessages,
    InvoicePayments,
    InvoiceItemCategories,
    Estimates,
    EstimateMessages,
    EstimateItemCategories,
    Roles,
    BillableRates,
    CostRates,
}

/// One stored record and the record it is listed under (`/users/{id}/billable_rates`,
/// `/invoices/{id}/messages`, `/projects/{id}/user_assignments`).
#[derive(Clone, Debug)]
pub(crate) struct Row {
    pub parent: Option<u64>,
    pub record: Record,
}

impl Row {
    pub(crate) fn id(&self) -> u64 {
        id_of(&self.record)
    }
}

pub(crate) fn id_of(record: &Record) -> u64 {
    record.get("id").and_then(Value::as_u64).unwrap_or(0)
}

/// Ids of created records start above every generated id (time entries reach ~2.4e9).
const FIRST_NEW_ID: u64 = 3_000_000_001;

/// What the time-entry list needs to know about the overlay, cheaply.
pub(crate) struct EntryOverlay<'a> {
    pub changed: &'a HashMap<u64, Option<Record>>,
    pub deleted_projects: &'a HashSet<u64>,
}

impl EntryOverlay<'_> {
    /// A generated entry that no write changed, deleted or took away with its project.
    pub(crate) fn untouched(&self, data: &Dataset, core: &EntryCore) -> bool {
        !self.changed.contains_key(&core.id)
            && !self
                .deleted_projects
                .contains(&data.project_id(core.project))
    }
}

pub(crate) struct Tables {
    data: Dataset,
    rows: HashMap<Kind, Vec<Row>>,
    /// Generated or created time entries a write touched: the record, or `None` once deleted.
    entry_changes: HashMap<u64, Option<Record>>,
    /// Projects deleted with their generated time entries (Harvest deletes a project's time).
    deleted_projects: HashSet<u64>,
    /// Managers whose teammates were replaced (`PATCH /users/{id}/teammates`).
    teammates: HashMap<u64, Vec<u64>>,
    pub company: Record,
    next_id: u64,
    last_write: i64,
}

pub(crate) fn to_record<T: Serialize>(value: &T) -> Record {
    match serde_json::to_value(value) {
        Ok(Value::Object(map)) => map,
        _ => Record::new(),
    }
}

/// The rows of generated records, learning their field order on the way.
fn rows_of<T: Serialize>(
    orders: &mut FieldOrders,
    records: impl IntoIterator<Item = T>,
    parent: Option<u64>,
) -> Vec<Row> {
    records
        .into_iter()
        .map(|r| {
            orders.learn(&r);
            Row {
                parent,
                record: to_record(&r),
            }
        })
        .collect()
}

impl Tables {
    /// The tables, and the field order of every record shape they hold.
    pub(crate) fn new(data: Dataset, wants_timestamp_timers: bool) -> (Tables, FieldOrders) {
        let mut rows = HashMap::new();
        let mut orders = FieldOrders::default();
        let o = &mut orders;
        let d = &data;
        rows.insert(Kind::Users, rows_of(o, d.users(), None));
        rows.insert(Kind::Clients, rows_of(o, d.clients(), None));
        rows.insert(
            Kind::Contacts,
            rows_of(o, (0..d.contact_count()).map(|k| d.contact(k)), None),
        );
        rows.insert(
            Kind::Projects,
            rows_of(o, (0..d.project_count()).map(|p| d.project(p)), None),
        );
        rows.insert(Kind::Tasks, rows_of(o, d.tasks(), None));
        let user_assignments = d
            .user_assignments()
            .flat_map(|(p, slot)| rows_of(o, [d.user_assignment(p, slot)], Some(d.project_id(p))))
            .collect();
        rows.insert(Kind::UserAssignments, user_assignments);
        let task_assignments = d
            .task_assignments()
            .flat_map(|(p, slot)| rows_of(o, [d.task_assignment(p, slot)], Some(d.project_id(p))))
            .collect();
        rows.insert(Kind::TaskAssignments, task_assignments);
        rows.insert(
            Kind::Expenses,
            rows_of(o, (0..d.expense_count()).map(|k| d.expense(k)), None),
        );
        rows.insert(
            Kind::ExpenseCategories,
            rows_of(o, d.expense_categories(), None),
        );
        let invoices = 0..d.invoice_count();
        rows.insert(
            Kind::Invoices,
            rows_of(o, invoices.clone().map(|k| d.invoice(k)), None),
        );
        rows.insert(
            Kind::InvoiceMessages,
            invoices
                .clone()
                .flat_map(|k| rows_of(o, d.invoice_messages(k), Some(d.invoice_id(k))))
                .collect(),
        );
        rows.insert(
            Kind::InvoicePayments,
            invoices
                .flat_map(|k| rows_of(o, d.invoice_payments(k), Some(d.invoice_id(k))))
                .collect(),
        );
        rows.insert(
            Kind::InvoiceItemCategories,
            rows_of(o, d.invoice_item_categories(), None),
        );
        let estimates = 0..d.estimate_count();
        rows.insert(
            Kind::Estimates,
            rows_of(o, estimates.clone().map(|k| d.estimate(k)), None),
        );
        rows.insert(
            Kind::EstimateMessages,
            estimates
                .flat_map(|k| {
                    let id = d.estimate(k).id;
                    rows_of(o, d.estimate_messages(k), Some(id))
                })
                .collect(),
        );
        rows.insert(
            Kind::EstimateItemCategories,
            rows_of(o, d.estimate_item_categories(), None),
        );
        rows.insert(Kind::Roles, rows_of(o, d.roles(), None));
        let users = 0..d.user_count();
        rows.insert(
            Kind::BillableRates,
            users
                .clone()
                .flat_map(|u| rows_of(o, d.billable_rates(u), Some(d.user_id(u))))
                .collect(),
        );
        rows.insert(
            Kind::CostRates,
            users
                .flat_map(|u| rows_of(o, d.cost_rates(u), Some(d.user_id(u))))
                .collect(),
        );
        if d.time_entry_count() > 0 {
            o.learn(&d.time_entry(0));
        }
        o.learn(&d.company());
        o.learn(&d.teammates(0));
        if d.invoice_count() > 0 {
            o.learn(&d.invoice_message_template(0, false, false));
        }
        let mut company = to_record(&d.company());
        company.insert(
            "wants_timestamp_timers".to_owned(),
            Value::Bool(wants_timestamp_timers),
        );
        let tables = Tables {
            data,
            rows,
            entry_changes: HashMap::new(),
            deleted_projects: HashSet::new(),
            teammates: HashMap::new(),
            company,
            next_id: FIRST_NEW_ID,
            last_write: 0,
        };
        (tables, orders)
    }

    pub(crate) fn data(&self) -> &Dataset {
        &self.data
    }

    /// The time of a write: the wall clock (so `updated_since=<a moment ago>` finds it),
    /// never earlier than the previous write.
    pub(crate) fn now(&mut self) -> Timestamp {
        let wall = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.last_write = self.last_write.max(wall);
        Timestamp(self.last_write)
    }

    /// Today's date (UTC) for defaults such as `issue_date`.
    pub(crate) fn today(&mut self) -> Date {
        self.now().date()
    }

    pub(crate) fn new_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    pub(crate) fn wants_timestamp_timers(&self) -> bool {
        self.company.get("wants_timestamp_timers") == Some(&Value::Bool(true))
    }

    // --- record tables -------------------------------------------------------

    pub(crate) fn rows(&self, kind: Kind) -> &[Row] {
        self.rows.get(&kind).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn rows_mut(&mut self, kind: Kind) -> &mut Vec<Row> {
        self.rows.entry(kind).or_default()
    }

    pub(crate) fn find(&self, kind: Kind, id: u64) -> Option<&Row> {
        self.rows(kind).iter().find(|row| row.id() == id)
    }

    pub(crate) fn find_mut(&mut self, kind: Kind, id: u64) -> Option<&mut Row> {
        self.rows_mut(kind).iter_mut().find(|row| row.id() == id)
    }

    pub(crate) fn record(&self, kind: Kind, id: u64) -> Option<&Record> {
        self.find(kind, id).map(|row| &row.record)
    }

    /// Created records come first: lists are newest first (dated lists re-sort on read).
    pub(crate) fn insert(&mut self, kind: Kind, row: Row) {
        self.rows_mut(kind).insert(0, row);
    }

    pub(crate) fn replace(&mut self, kind: Kind, record: Record) {
        let id = id_of(&record);
        if let Some(row) = self.find_mut(kind, id) {
            row.record = record;
        }
    }

    pub(crate) fn remove(&mut self, kind: Kind, id: u64) -> Option<Row> {
        let rows = self.rows_mut(kind);
        let position = rows.iter().position(|row| row.id() == id)?;
        Some(rows.remove(position))
    }

    /// Removes every row of `kind` that `doomed` selects.
    pub(crate) fn remove_where(&mut self, kind: Kind, doomed: impl Fn(&Row) -> bool) {
        self.rows_mut(kind).retain(|row| !doomed(row));
    }

    // --- time entries ----------------------------------------------------------

    pub(crate) fn entry_overlay(&self) -> EntryOverlay<'_> {
        EntryOverlay {
            changed: &self.entry_changes,
            deleted_projects: &self.deleted_projects,
        }
    }

    /// Time entries that writes created or changed (not deleted ones).
    pub(crate) fn written_entries(&self) -> impl Iterator<Item = &Record> {
        self.entry_changes.values().flatten()
    }

    pub(crate) fn time_entry(&self, id: u64) -> Option<Record> {
        if let Some(change) = self.entry_changes.get(&id) {
            return change.clone();
        }
        let index = self.data.time_entry_index(id)?;
        let core = self.data.entry_core(index);
        self.entry_overlay()
            .untouched(&self.data, &core)
            .then(|| to_record(&self.data.time_entry(index)))
    }

    /// Refreshes every embedded copy of a record (`"client": {"id", "name", ...}`) under
    /// `key` with the id `id`: the keys it embeds take their values from `fresh`. Stored
    /// records and written time entries follow; untouched generated entries keep theirs.
    pub(crate) fn refresh_embedded(&mut self, key: &str, id: u64, fresh: &Record) {
        fn refresh(value: &mut Value, key: &str, id: u64, fresh: &Record) {
            match value {
                Value::Object(map) => {
                    for (name, inner) in map.iter_mut() {
                        let embeds =
                            name == key && inner.get("id").and_then(Value::as_u64) == Some(id);
                        match inner {
                            Value::Object(embedded) if embeds => {
                                for (field, slot) in embedded.iter_mut() {
                                    if let Some(new) = fresh.get(field) {
                                        *slot = new.clone();
                                    }
                                }
                            }
                            _ => refresh(inner, key, id, fresh),
                        }
                    }
                }
                Value::Array(items) => items.iter_mut().for_each(|v| refresh(v, key, id, fresh)),
                _ => {}
            }
        }
        let visit = |record: &mut Record| {
            let mut value = Value::Object(std::mem::take(record));
            refresh(&mut value, key, id, fresh);
            if let Value::Object(map) = value {
                *record = map;
            }
        };
        for rows in self.rows.values_mut() {
            rows.iter_mut().for_each(|row| visit(&mut row.record));
        }
        self.entry_changes.values_mut().flatten().for_each(visit);
    }

    pub(crate) fn put_time_entry(&mut self, record: Record) {
        self.entry_changes.insert(id_of(&record), Some(record));
    }

    pub(crate) fn delete_time_entry(&mut self, id: u64) {
        self.entry_changes.insert(id, None);
    }

    /// Every visible time entry `wanted` selects, as records (generated ones are scanned
    /// through their cheap cores and built only when `wanted_core` lets them through).
    pub(crate) fn time_entries_where(
        &self,
        wanted_core: impl Fn(&EntryCore) -> bool,
        wanted: impl Fn(&Record) -> bool,
    ) -> Vec<Record> {
        let overlay = self.entry_overlay();
        let mut found: Vec<Record> = (0..self.data.time_entry_count())
            .map(|i| self.data.entry_core(i))
            .filter(|core| overlay.untouched(&self.data, core) && wanted_core(core))
            .map(|core| to_record(&self.data.time_entry(core.index)))
            .filter(&wanted)
            .collect();
        found.extend(self.written_entries().filter(|r| wanted(r)).cloned());
        found
    }

    /// Whether any visible time entry has the id `value` at `path` (e.g. `["task", "id"]`).
    pub(crate) fn any_time_entry(&self, path: &[&str], value: u64) -> bool {
        let data = &self.data;
        // The cores answer user, project and task questions without building the record.
        let from_core = |core: &EntryCore| match path {
            ["user", "id"] => Some(data.user_id(core.user) == value),
            ["project", "id"] => Some(data.project_id(core.project) == value),
            ["task", "id"] => Some(data.task_id(core.task) == value),
            _ => None,
        };
        let has = |record: &Record| at_path(record, path).and_then(Value::as_u64) == Some(value);
        let overlay = self.entry_overlay();
        (0..data.time_entry_count())
            .map(|i| data.entry_core(i))
            .filter(|core| overlay.untouched(data, core))
            .any(|core| {
                from_core(&core).unwrap_or_else(|| has(&to_record(&data.time_entry(core.index))))
            })
            || self.written_entries().any(has)
    }

    /// Deletes a project's time entries with it (generated ones by their project).
    pub(crate) fn delete_project_entries(&mut self, project_id: u64) {
        self.deleted_projects.insert(project_id);
        for change in self.entry_changes.values_mut() {
            if change.as_ref().is_some_and(|r| {
                at_path(r, &["project", "id"]).and_then(Value::as_u64) == Some(project_id)
            }) {
                *change = None;
            }
        }
    }

    // --- teammates ---------------------------------------------------------------

    /// The teammate ids of a manager, if a write replaced the generated ones.
    pub(crate) fn assigned_teammates(&self, user_id: u64) -> Option<&[u64]> {
        self.teammates.get(&user_id).map(Vec::as_slice)
    }

    pub(crate) fn set_teammates(&mut self, user_id: u64, ids: Vec<u64>) {
        self.teammates.insert(user_id, ids);
    }
}

/// The value at a path of object keys; `*` steps into every element of an array and
/// yields the first match (see [`any_at_path`] for all of them).
pub(crate) fn at_path<'a>(record: &'a Record, path: &[&str]) -> Option<&'a Value> {
    let (first, rest) = path.split_first()?;
    let mut value = record.get(*first)?;
    for key in rest {
        value = value.get(*key)?;
    }
    Some(value)
}

/// Whether some value reached by `path` (with `*` over arrays) satisfies `test`.
pub(crate) fn any_at_path(value: &Value, path: &[&str], test: &dyn Fn(&Value) -> bool) -> bool {
    match path.split_first() {
        None => test(value),
        Some((&"*", rest)) => value
            .as_array()
            .is_some_and(|items| items.iter().any(|item| any_at_path(item, rest, test))),
        Some((key, rest)) => value.get(*key).is_some_and(|v| any_at_path(v, rest, test)),
    }
}

/// Locks a mutex even if a previous holder panicked (the data stays usable).
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}
