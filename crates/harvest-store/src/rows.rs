//! Records into rows: each record's JSON text into `_records` and its columns into the entity
//! table, in one transaction per sync (a sync killed half-way leaves the previous state).

use std::collections::HashSet;

use rusqlite::functions::FunctionFlags;
use rusqlite::types::Value as Sql;
use rusqlite::{params, params_from_iter, Connection, OptionalExtension, Transaction};
use serde_json::Value;

use harvest_core::error::Result;

use super::schema::{quote, Source, Table};
use super::Store;

/// What one sync (or one write) changed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    /// Records received, changed or not.
    pub received: u64,
}

/// A JSON value as the SQL value of a column: scalars as they are (booleans 0/1), objects
/// and lists as JSON text.
pub fn sql_value(value: Option<&Value>) -> Sql {
    match value {
        None | Some(Value::Null) => Sql::Null,
        Some(Value::Bool(b)) => Sql::Integer(i64::from(*b)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(Value::String(s)) => Sql::Text(s.clone()),
        Some(other) => Sql::Text(other.to_string()),
    }
}

fn row(table: &Table, record: &Value) -> Vec<Sql> {
    table
        .columns
        .iter()
        .map(|c| match c.source {
            Source::Field => sql_value(record.get(c.field)),
            Source::NestedId { object } => sql_value(record.get(object).and_then(|o| o.get("id"))),
        })
        .collect()
}

fn insert_sql(table: &Table) -> String {
    let names: Vec<String> = table.columns.iter().map(|c| quote(&c.name)).collect();
    let marks: Vec<&str> = table.columns.iter().map(|_| "?").collect();
    format!(
        "INSERT OR REPLACE INTO {} ({}) VALUES ({})",
        quote(table.name()),
        names.join(", "),
        marks.join(", ")
    )
}

/// The records of one list body (under `record_key`).
pub fn page_records(body: &[u8], record_key: &str) -> std::result::Result<Vec<Value>, String> {
    let mut page: Value = serde_json::from_slice(body).map_err(|e| e.to_string())?;
    match page.get_mut(record_key).map(Value::take) {
        Some(Value::Array(records)) => Ok(records),
        Some(Value::Null) | None => Ok(Vec::new()),
        Some(_) => Err(format!("{record_key} is not a list")),
    }
}

/// Upsert one record; returns whether it was new, changed or the same (None: no id).
fn upsert(
    tx: &Transaction<'_>,
    table: &Table,
    record: &Value,
    pos: Option<f64>,
) -> rusqlite::Result<Option<Change>> {
    let Some(id) = record.get("id").and_then(Value::as_i64) else {
        return Ok(None);
    };
    let text = record.to_string();
    let before: Option<(String, f64)> = tx
        .prepare_cached("SELECT record, pos FROM _records WHERE entity = ?1 AND id = ?2")?
        .query_row(params![table.name(), id], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?;
    let change = match &before {
        None => Change::Added,
        Some((old, _)) if *old == text => Change::Same,
        Some(_) => Change::Updated,
    };
    let pos = match (pos, &before) {
        (Some(pos), _) => pos,
        (None, Some((_, pos))) => *pos,
        // First seen outside a full listing: Harvest lists newest first, so it goes first.
        (None, None) => {
            let min: Option<f64> = tx
                .prepare_cached("SELECT MIN(pos) FROM _records WHERE entity = ?1")?
                .query_row([table.name()], |r| r.get(0))?;
            min.unwrap_or(0.0) - 1.0
        }
    };
    if change == Change::Same && before.as_ref().is_some_and(|(_, p)| *p == pos) {
        return Ok(Some(change));
    }
    let updated_at = record.get("updated_at").and_then(Value::as_str);
    tx.prepare_cached(
        "INSERT OR REPLACE INTO _records (entity, id, pos, updated_at, record) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![table.name(), id, pos, updated_at, text])?;
    tx.prepare_cached(&insert_sql(table))?
        .execute(params_from_iter(row(table, record)))?;
    Ok(Some(change))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Change {
    Added,
    Updated,
    Same,
}

impl Store {
    /// Apply a pull of `table`: every record upserted; for a `full` pull (every record of the
    /// listing, in Harvest's order) the records not in it are removed and the order is
    /// learned. `started` (seconds since the epoch) becomes the entity's `synced_at`. One
    /// immediate transaction: all of it or nothing.
    pub fn apply(
        &self,
        table: &Table,
        records: &[Value],
        full: bool,
        started: f64,
    ) -> Result<Counts> {
        self.with_write(|conn| {
            let mut go = || -> rusqlite::Result<Counts> {
                let tx = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let mut counts = Counts::default();
                let mut seen = HashSet::new();
                for (index, record) in records.iter().enumerate() {
                    let pos = full.then_some(index as f64);
                    match upsert(&tx, table, record, pos)? {
                        Some(Change::Added) => counts.added += 1,
                        Some(Change::Updated) => counts.updated += 1,
                        Some(Change::Same) | None => {}
                    }
                    if let Some(id) = record.get("id").and_then(Value::as_i64) {
                        seen.insert(id);
                    }
                    counts.received += 1;
                }
                if full {
                    let stale: Vec<i64> = {
                        let mut stmt = tx.prepare("SELECT id FROM _records WHERE entity = ?1")?;
                        let ids = stmt.query_map([table.name()], |r| r.get::<_, i64>(0))?;
                        ids.filter_map(|id| id.ok())
                            .filter(|id| !seen.contains(id))
                            .collect()
                    };
                    for id in stale {
                        remove_row(&tx, table, id)?;
                        counts.removed += 1;
                    }
                }
                let total: i64 = tx.query_row(
                    "SELECT COUNT(*) FROM _records WHERE entity = ?1",
                    [table.name()],
                    |r| r.get(0),
                )?;
                tx.execute(
                    "INSERT INTO _syncs (entity, synced_at, full_synced_at, records) VALUES (?1, ?2, ?3, ?4)
                     ON CONFLICT(entity) DO UPDATE SET synced_at = excluded.synced_at,
                         full_synced_at = COALESCE(excluded.full_synced_at, _syncs.full_synced_at),
                         records = excluded.records",
                    params![table.name(), started, full.then_some(started), total],
                )?;
                tx.commit()?;
                // Copy the sync into the database file now and empty the WAL, which would
                // otherwise stay as large as the biggest sync (a reader of another process
                // holding an older snapshot makes this wait, at most the busy timeout).
                let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
                Ok(counts)
            };
            go().map_err(|e| self.fail(e))
        })
    }

    /// A record a write returned (create, update, state change): upserted at once, so the
    /// next search sees it (read-your-writes).
    pub fn put(&self, table: &Table, body: &[u8]) -> Result<Counts> {
        let Ok(record) = serde_json::from_slice::<Value>(body) else {
            return Ok(Counts::default());
        };
        if !record.is_object() {
            return Ok(Counts::default());
        }
        self.with_write(|conn| {
            let mut go = || -> rusqlite::Result<Counts> {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let change = upsert(&tx, table, &record, None)?;
                tx.commit()?;
                Ok(Counts {
                    added: u64::from(change == Some(Change::Added)),
                    updated: u64::from(change == Some(Change::Updated)),
                    removed: 0,
                    received: 1,
                })
            };
            go().map_err(|e| self.fail(e))
        })
    }

    /// A record deleted through this connector: removed at once.
    pub fn remove(&self, table: &Table, id: i64) -> Result<bool> {
        self.with_write(|conn| {
            let mut go = || -> rusqlite::Result<bool> {
                let tx =
                    conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
                let removed = remove_row(&tx, table, id)?;
                tx.commit()?;
                Ok(removed)
            };
            go().map_err(|e| self.fail(e))
        })
    }

    /// How many records of `entity` the store holds.
    pub fn count(&self, entity: &str) -> Result<u64> {
        self.with_write(|conn| {
            conn.query_row(
                "SELECT COUNT(*) FROM _records WHERE entity = ?1",
                [entity],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| self.fail(e))
        })
    }
}

fn remove_row(tx: &Transaction<'_>, table: &Table, id: i64) -> rusqlite::Result<bool> {
    let removed = tx.execute(
        "DELETE FROM _records WHERE entity = ?1 AND id = ?2",
        params![table.name(), id],
    )?;
    tx.execute(
        &format!("DELETE FROM {} WHERE \"id\" = ?1", quote(table.name())),
        [id],
    )?;
    Ok(removed > 0)
}

/// The words of a text as the search's `fuzzy` and `keyword` see them: runs of letters,
/// digits and `_`, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A field's value as text for the text operators (missing or null: None).
fn text_of(value: rusqlite::types::ValueRef<'_>) -> Option<String> {
    use rusqlite::types::ValueRef;
    match value {
        ValueRef::Null => None,
        ValueRef::Integer(i) => Some(i.to_string()),
        ValueRef::Real(f) => Some(f.to_string()),
        ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
    }
}

/// `like`: the whole text matches the pattern, `%` any run and `_` one character, case
/// insensitive.
pub fn like(text: &str, pattern: &str) -> bool {
    let text: Vec<char> = text.chars().flat_map(char::to_lowercase).collect();
    let pattern: Vec<char> = pattern.chars().flat_map(char::to_lowercase).collect();
    // Iterative wildcard matching with backtracking to the last `%`.
    let (mut t, mut p) = (0usize, 0usize);
    let mut star: Option<(usize, usize)> = None;
    while t < text.len() {
        if p < pattern.len() && (pattern[p] == '_' || pattern[p] == text[t]) {
            t += 1;
            p += 1;
        } else if p < pattern.len() && pattern[p] == '%' {
            star = Some((p, t));
            p += 1;
        } else if let Some((sp, st)) = star {
            p = sp + 1;
            t = st + 1;
            star = Some((sp, st + 1));
        } else {
            return false;
        }
    }
    pattern[p..].iter().all(|c| *c == '%')
}

/// `fuzzy`: every word of the query appears among the text's words, in order.
pub fn fuzzy(text: &str, query: &str) -> bool {
    let have = words(text);
    let mut at = 0;
    for word in words(query) {
        match have[at..].iter().position(|w| *w == word) {
            Some(found) => at += found + 1,
            None => return false,
        }
    }
    true
}

/// `keyword`: at least one word of the query is one of the text's words.
pub fn keyword(text: &str, query: &str) -> bool {
    let have: HashSet<String> = words(text).into_iter().collect();
    words(query).iter().any(|w| have.contains(w))
}

/// The text operators as SQL functions of the connection that searches.
pub fn register_functions(conn: &Connection) -> rusqlite::Result<()> {
    let flags = FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC;
    type Test = fn(&str, &str) -> bool;
    let tests: [(&str, Test); 3] = [
        ("store_like", like),
        ("store_fuzzy", fuzzy),
        ("store_keyword", keyword),
    ];
    for (name, test) in tests {
        conn.create_scalar_function(name, 2, flags, move |ctx| {
            let text = text_of(ctx.get_raw(0));
            let query = text_of(ctx.get_raw(1)).unwrap_or_default();
            Ok(match (name, text) {
                ("store_like", None) => false,
                (_, None) => test("", &query),
                (_, Some(text)) => test(&text, &query),
            })
        })?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_operators() {
        assert!(like("Ana.Rivera@Example.com", "%.r%@example.com"));
        assert!(!like("ana@example.com", "%.r%@example.com"));
        assert!(like("abc", "a_c") && !like("abcd", "a_c") && like("", "%"));
        assert!(fuzzy("sofia.lopez@example.com", "sofia example"));
        assert!(!fuzzy("sofia.lopez@example.com", "example sofia"));
        assert!(keyword("[\"Founder\"]", "founder legal"));
        assert!(!keyword("[\"Designer\"]", "founder legal"));
    }
}
