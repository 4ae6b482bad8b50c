//! Records into rows, and rows back into records. Each record is kept once: its top-level
//! fields in the columns of its entity's table (scalars as SQLite values, nested objects and
//! lists as their JSON text, as received), with what fits no column in `_extra`; its words in
//! the word index. A page goes from the response bytes to rows without a JSON tree: its
//! records' members are split from the body once, as borrowed slices, and bound as they are.

use std::borrow::Cow;

use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, OptionalExtension, Statement, Transaction};
use serde_json::value::RawValue;
use serde_json::Value;
use xxhash_rust::xxh3::Xxh3;

use super::json::{object_id, Json, Members};
use super::schema::{quote, Source, Table};
use super::text::{push_token, push_words};

/// What one sync (or one write) changed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    /// Records received, changed or not.
    pub received: u64,
}

impl ToSql for Json<'_> {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Json::Null => ValueRef::Null,
            Json::Bool(b) => ValueRef::Integer(i64::from(*b)),
            Json::Int(i) => ValueRef::Integer(*i),
            Json::Real(f) => ValueRef::Real(*f),
            Json::Text(s) => ValueRef::Text(s.as_bytes()),
            Json::Array(t) | Json::Object(t) | Json::Number(t) => ValueRef::Text(t.as_bytes()),
        }))
    }
}

/// One record split into its table's row.
pub struct Row<'a> {
    pub id: i64,
    /// Per column of the table.
    pub values: Vec<Json<'a>>,
    /// `{field: JSON}` of what fits no column, as text.
    pub extra: Option<String>,
    /// `[field, ...]`: catalogue fields the record did not have.
    pub absent: Option<String>,
    /// Of the record's members as received: a record sent again unchanged is not rewritten.
    pub hash: i64,
    /// Per column: whether the record's value was of another type than the column's (it is
    /// in `extra`; its words are not indexed).
    misfit: Vec<bool>,
}

impl Row<'_> {
    /// The word index's tokens, space-separated: made only for a record that is written
    /// (most of a resync's records are unchanged).
    pub fn words(&self, table: &Table) -> String {
        record_words(table, &self.values, &self.misfit)
    }
}

fn push_json_key(out: &mut String, key: &str) {
    // A key is a JSON string: serde's escaping, never failing for a str.
    out.push_str(&serde_json::to_string(key).unwrap_or_else(|_| "\"\"".to_string()));
}

/// Splits records into rows of one table. It remembers which column each member of the last
/// record went to: Harvest sends every record of a listing with its fields in one order, so
/// a member's column is found by one comparison, not a lookup by name.
pub struct Splitter {
    table: &'static Table,
    order: Vec<Option<usize>>,
    /// The `id` column.
    id: Option<usize>,
    /// Each `<name>_id` column with the column of its object.
    nested_ids: Vec<(usize, Option<usize>)>,
    /// Per column, for the record being split: whether a member filled it (kept here, not
    /// allocated per record).
    seen: Vec<bool>,
}

impl Splitter {
    pub fn new(table: &'static Table) -> Splitter {
        let nested_ids = table
            .ids
            .iter()
            .filter_map(|&c| match table.columns[c].source {
                Source::NestedId { object } => Some((c, table.column_of(object))),
                Source::Field => None,
            })
            .collect();
        Splitter {
            table,
            order: Vec::new(),
            id: table.column_of("id"),
            nested_ids,
            seen: Vec::new(),
        }
    }

    /// The column of the `at`-th member, named `key`.
    fn column(&mut self, at: usize, key: &str) -> Option<usize> {
        let columns = &self.table.columns;
        if let Some(&Some(c)) = self.order.get(at) {
            if columns[c].field == key {
                return Some(c);
            }
        }
        let column = self.table.column_of(key);
        match self.order.get_mut(at) {
            Some(slot) => *slot = column,
            None => self.order.push(column),
        }
        column
    }

    /// Split one record (its `members`) into the table's row; None when it has no integer
    /// `id` (it cannot be kept).
    pub fn row<'a>(&mut self, members: &Members<'a>) -> Result<Option<Row<'a>>, String> {
        let table = self.table;
        let mut values = vec![Json::Null; table.columns.len()];
        let mut seen = std::mem::take(&mut self.seen);
        seen.clear();
        seen.resize(table.columns.len(), false);
        let mut misfit = vec![false; table.columns.len()];
        let mut extra = String::new();
        let mut hasher = Xxh3::new();
        for (at, (key, value)) in members.0.iter().enumerate() {
            // Key and value, each ended by a NUL, which JSON text never holds raw: two records
            // hash alike only if their members do (or, for a key unescaped from `\u0000`, by a
            // contrived shift of that NUL).
            hasher.update(key.as_bytes());
            hasher.update(&[0]);
            hasher.update(value.get().as_bytes());
            hasher.update(&[0]);
            if let Some(c) = self.column(at, key) {
                if seen[c] {
                    // A repeated key: the first one counts, as SQLite's JSON functions read it.
                    continue;
                }
                seen[c] = true;
                let parsed = Json::parse(value)?;
                if table.columns[c].holds(parsed.ty()) && !matches!(parsed, Json::Number(_)) {
                    values[c] = parsed;
                    continue;
                }
                misfit[c] = true;
            }
            extra.push(if extra.is_empty() { '{' } else { ',' });
            push_json_key(&mut extra, key);
            extra.push(':');
            extra.push_str(value.get());
        }
        for &(c, object) in &self.nested_ids {
            let id = object.and_then(|o| match &values[o] {
                Json::Object(text) => object_id(text),
                _ => None,
            });
            values[c] = id.map_or(Json::Null, Json::Int);
        }
        let Some(&Json::Int(id)) = self.id.map(|c| &values[c]) else {
            return Ok(None);
        };
        let mut absent = String::new();
        for &c in table.stored.iter().filter(|&&c| !seen[c]) {
            absent.push(if absent.is_empty() { '[' } else { ',' });
            push_json_key(&mut absent, table.columns[c].field);
        }
        self.seen = seen;
        Ok(Some(Row {
            id,
            values,
            extra: (!extra.is_empty()).then(|| extra + "}"),
            absent: (!absent.is_empty()).then(|| absent + "]"),
            hash: hasher.digest() as i64,
            misfit,
        }))
    }
}

/// The word index's tokens of one record (see [`push_token`]): per text path, its words, or
/// `<n>o` where the path holds something else than text.
fn record_words<'a>(table: &Table, values: &[Json<'a>], misfit: &[bool]) -> String {
    if table.text_paths.is_empty() {
        return String::new();
    }
    // About a time entry's tokens: grown once, not token by token.
    let mut out = String::with_capacity(256);
    // The nested objects split so far: several paths read one object (`client.name`,
    // `client.currency`), which is split once.
    let mut objects: Vec<(usize, Option<Members<'a>>)> = Vec::new();
    for (n, path) in table.text_paths.iter().enumerate() {
        if misfit[path.column] {
            push_token(&mut out, n, None);
            continue;
        }
        let text: Option<Cow<'_, str>> = match (&values[path.column], path.path.split_once('.')) {
            (Json::Text(s), None) => Some(Cow::Borrowed(s.as_ref())),
            (Json::Array(t), None) => Some(Cow::Borrowed(*t)),
            (Json::Object(t), Some((_, rest))) => {
                let at = match objects.iter().position(|(c, _)| *c == path.column) {
                    Some(at) => at,
                    None => {
                        objects.push((path.column, Members::of(t).ok()));
                        objects.len() - 1
                    }
                };
                match objects[at].1.as_ref().map_or(Ok(None), |m| nested(m, rest)) {
                    Ok(found) => found,
                    Err(()) => {
                        push_token(&mut out, n, None);
                        continue;
                    }
                }
            }
            _ => None,
        };
        if let Some(text) = text {
            push_words(&mut out, n, &text);
        }
    }
    out
}

/// The text at `path` (`a.b`) inside an object (its `members`): Ok(None) for none (missing,
/// null or not an object on the way), Err(()) for a value that is not text.
fn nested<'a>(members: &Members<'a>, path: &str) -> Result<Option<Cow<'a, str>>, ()> {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let Some(raw) = members.get(head) else {
        return Ok(None);
    };
    match (Json::parse(raw).map_err(|_| ())?, rest) {
        (Json::Null, _) => Ok(None),
        (Json::Text(s), None) => Ok(Some(s)),
        (Json::Object(t), Some(rest)) => match Members::of(t) {
            Ok(inner) => nested(&inner, rest),
            Err(_) => Ok(None),
        },
        (_, Some(_)) => Ok(None),
        (_, None) => Err(()),
    }
}

/// The statements one transaction writes rows with, prepared once.
pub struct Writer<'t> {
    tx: &'t Transaction<'t>,
    table: &'static Table,
    /// For a record the table does not hold: `INSERT OR IGNORE`, which (unlike `OR REPLACE`)
    /// cannot delete a row, so SQLite keeps no statement journal for it (and FTS5 is not
    /// asked to save a point per row).
    insert: Statement<'t>,
    replace: Statement<'t>,
    lookup: Statement<'t>,
    words: Option<(Statement<'t>, Statement<'t>)>,
    /// Whether the table was empty when the transaction began (no row to look up).
    empty: bool,
    /// Where the next record first seen outside a full listing goes.
    next_new: Option<f64>,
    /// Word index rows still to write: (id, its tokens, whether it had some before).
    pending_words: Vec<(i64, String, bool)>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Added,
    Updated,
    Same,
}

impl<'t> Writer<'t> {
    pub fn new(tx: &'t Transaction<'t>, table: &'static Table) -> rusqlite::Result<Writer<'t>> {
        let data = quote(&table.data_table());
        let empty = tx.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM {data})"),
            [],
            |r| r.get::<_, bool>(0),
        )?;
        let mut names: Vec<String> = table
            .stored
            .iter()
            .chain(&table.ids)
            .map(|&c| quote(&table.columns[c].name))
            .collect();
        names.extend(["_pos", "_hash", "_extra", "_absent"].map(String::from));
        let marks = vec!["?"; names.len()].join(", ");
        let insert = tx.prepare(&format!(
            "INSERT OR IGNORE INTO {data} ({}) VALUES ({marks})",
            names.join(", ")
        ))?;
        let replace = tx.prepare(&format!(
            "INSERT OR REPLACE INTO {data} ({}) VALUES ({marks})",
            names.join(", ")
        ))?;
        let lookup = tx.prepare(&format!("SELECT _hash, _pos FROM {data} WHERE id = ?1"))?;
        let words = match table.words_table() {
            Some(words) => {
                let words = quote(&words);
                Some((
                    tx.prepare(&format!("INSERT INTO {words} (rowid, w) VALUES (?1, ?2)"))?,
                    tx.prepare(&format!("DELETE FROM {words} WHERE rowid = ?1"))?,
                ))
            }
            None => None,
        };
        Ok(Writer {
            tx,
            table,
            insert,
            replace,
            lookup,
            words,
            empty,
            next_new: None,
            pending_words: Vec::new(),
        })
    }

    /// Upsert one row at `pos` (None: where it was, or first for a record new to the store).
    pub fn upsert(&mut self, row: Row<'_>, pos: Option<f64>) -> rusqlite::Result<Change> {
        let before: Option<(i64, f64)> = if self.empty {
            None
        } else {
            self.lookup
                .query_row([row.id], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?
        };
        let change = match before {
            None => Change::Added,
            Some((hash, _)) if hash == row.hash => Change::Same,
            Some(_) => Change::Updated,
        };
        // An unchanged record moved in the listing keeps its words.
        let new_words = change != Change::Same;
        let pos = match (pos, before) {
            (Some(pos), _) => pos,
            (None, Some((_, pos))) => pos,
            // First seen outside a full listing: Harvest lists newest first, so it goes first.
            (None, None) => self.new_position()?,
        };
        if change == Change::Same && before.is_some_and(|(_, p)| p == pos) {
            return Ok(change);
        }
        let table = self.table;
        let write = |stmt: &mut Statement<'_>| -> rusqlite::Result<usize> {
            let mut at = 1;
            for &c in table.stored.iter().chain(&table.ids) {
                stmt.raw_bind_parameter(at, &row.values[c])?;
                at += 1;
            }
            stmt.raw_bind_parameter(at, pos)?;
            stmt.raw_bind_parameter(at + 1, row.hash)?;
            stmt.raw_bind_parameter(at + 2, row.extra.as_deref())?;
            stmt.raw_bind_parameter(at + 3, row.absent.as_deref())?;
            stmt.raw_execute()
        };
        let (mut before, mut change) = (before, change);
        if before.is_none() && write(&mut self.insert)? == 0 {
            // Already there after all: a record twice in one pull into an empty table (not
            // looked up). The later copy replaces it, as a lookup would have had it; it was
            // counted as added once.
            (before, change) = (Some((0, pos)), Change::Same);
        }
        if before.is_some() {
            write(&mut self.replace)?;
        }
        if new_words && self.words.is_some() {
            self.pending_words
                .push((row.id, row.words(table), before.is_some()));
        }
        Ok(change)
    }

    /// Write the word index rows of the records upserted since the last call. They are
    /// written together, after the rows: FTS5 writes its pending words out as a new segment
    /// at every statement savepoint, and each row's upsert opens one, so interleaving them
    /// would make a segment (and merges) per record.
    pub fn flush_words(&mut self) -> rusqlite::Result<()> {
        let Some((insert, delete)) = &mut self.words else {
            return Ok(());
        };
        for (id, _, existed) in &self.pending_words {
            if *existed {
                delete.execute([id])?;
            }
        }
        for (id, words, _) in self.pending_words.drain(..) {
            if !words.is_empty() {
                insert.execute(params![id, words])?;
            }
        }
        Ok(())
    }

    fn new_position(&mut self) -> rusqlite::Result<f64> {
        let next = match self.next_new {
            Some(next) => next,
            None => {
                let min: Option<f64> = self.tx.query_row(
                    &format!("SELECT MIN(_pos) FROM {}", quote(&self.table.data_table())),
                    [],
                    |r| r.get(0),
                )?;
                min.unwrap_or(0.0) - 1.0
            }
        };
        self.next_new = Some(next - 1.0);
        Ok(next)
    }

    /// Remove the record `id`; whether it was there.
    pub fn remove(&mut self, id: i64) -> rusqlite::Result<bool> {
        self.flush_words()?;
        let removed = self.tx.execute(
            &format!(
                "DELETE FROM {} WHERE id = ?1",
                quote(&self.table.data_table())
            ),
            [id],
        )?;
        if removed > 0 {
            if let Some((_, delete)) = &mut self.words {
                delete.execute([id])?;
            }
        }
        Ok(removed > 0)
    }

    /// Remove every record whose id is not in `keep` (sorted); how many.
    pub fn remove_others(&mut self, keep: &[i64]) -> rusqlite::Result<u64> {
        let stale: Vec<i64> = {
            let mut stmt = self.tx.prepare(&format!(
                "SELECT id FROM {}",
                quote(&self.table.data_table())
            ))?;
            let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            ids.collect::<rusqlite::Result<Vec<i64>>>()?
                .into_iter()
                .filter(|id| keep.binary_search(id).is_err())
                .collect()
        };
        for &id in &stale {
            self.remove(id)?;
        }
        Ok(stale.len() as u64)
    }
}

/// The record of a row (`SELECT <stored columns>, _extra, _absent`) as JSON text: its fields
/// in the catalogue's order, then the ones the catalogue does not know, as received.
pub fn record_text(table: &Table, row: &rusqlite::Row<'_>) -> rusqlite::Result<String> {
    let n = table.stored.len();
    let extra_text: Option<String> = row.get(n)?;
    let absent_text: Option<String> = row.get(n + 1)?;
    let extra: Vec<(Cow<'_, str>, &RawValue)> = extra_text
        .as_deref()
        .and_then(|t| serde_json::from_str::<Members<'_>>(t).ok())
        .map(|m| m.0)
        .unwrap_or_default();
    let absent: Vec<String> = absent_text
        .as_deref()
        .and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default();
    let mut out = String::with_capacity(1024);
    out.push('{');
    let mut first = true;
    let mut member = |out: &mut String, key: &str| {
        if !first {
            out.push(',');
        }
        first = false;
        push_json_key(out, key);
        out.push(':');
    };
    for (at, &c) in table.stored.iter().enumerate() {
        let column = &table.columns[c];
        let value = row.get_ref(at)?;
        if let ValueRef::Null = value {
            if let Some((_, raw)) = extra.iter().find(|(k, _)| k == column.field) {
                member(&mut out, column.field);
                out.push_str(raw.get());
            } else if !absent.iter().any(|a| a == column.field) {
                member(&mut out, column.field);
                out.push_str("null");
            }
            continue;
        }
        member(&mut out, column.field);
        match (value, column.kind) {
            (ValueRef::Integer(i), harvest_core::catalog::FieldKind::Bool) => {
                out.push_str(if i != 0 { "true" } else { "false" })
            }
            (ValueRef::Integer(i), _) => out.push_str(&i.to_string()),
            (ValueRef::Real(f), _) => out.push_str(&Value::from(f).to_string()),
            (ValueRef::Text(t), _) if column.is_json() => out.push_str(&String::from_utf8_lossy(t)),
            (ValueRef::Text(t) | ValueRef::Blob(t), _) => {
                out.push_str(&Value::from(String::from_utf8_lossy(t)).to_string())
            }
            (ValueRef::Null, _) => out.push_str("null"),
        }
    }
    for (key, raw) in &extra {
        if table.column_of(key).is_none() {
            member(&mut out, key);
            out.push_str(raw.get());
        }
    }
    out.push('}');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    #[test]
    fn a_row_splits_fields_and_keeps_misfits_in_extra() {
        let users = schema::table("users").unwrap();
        let members = Members::of(
            r#"{"id":7,"first_name":"Zoë","is_active":true,"weekly_capacity":"lots","nickname":"Z","roles":["Ops"]}"#,
        )
        .unwrap();
        let row = Splitter::new(users).row(&members).unwrap().unwrap();
        assert_eq!(row.id, 7);
        let extra: Value = serde_json::from_str(row.extra.as_deref().unwrap()).unwrap();
        assert_eq!(
            extra,
            serde_json::json!({"weekly_capacity": "lots", "nickname": "Z"})
        );
        let absent: Vec<String> = serde_json::from_str(row.absent.as_deref().unwrap()).unwrap();
        assert!(absent.contains(&"email".to_string()) && !absent.contains(&"roles".to_string()));
        let first_name = users.text_path("first_name").unwrap();
        assert!(
            row.words(users).contains(&format!("{first_name}h7a6fc3ab")),
            "{}",
            row.words(users)
        );
        let roles = users.text_path("roles").unwrap();
        assert!(row.words(users).contains(&format!("{roles}aops")));
        let no_id = Members::of(r#"{"id":"x"}"#).unwrap();
        assert!(Splitter::new(users).row(&no_id).unwrap().is_none());
    }

    #[test]
    fn nested_objects_give_their_id_and_words_and_the_hash_follows_the_members() {
        let entries = schema::table("time_entries").unwrap();
        let text = r#"{"id":1,"client":{"name":"Acme Ltd","id":5},"project":{"id":9,"name":"Web"},
            "user":{"id":"u","name":{"x":1}},"notes":"Fix  bugs"}"#;
        let members = Members::of(text).unwrap();
        let mut splitter = Splitter::new(entries);
        let one = splitter.row(&members).unwrap().unwrap();
        let column = |name: &str| entries.columns.iter().position(|c| c.name == name).unwrap();
        assert_eq!(one.values[column("client_id")], Json::Int(5));
        assert_eq!(one.values[column("project_id")], Json::Int(9));
        assert_eq!(
            one.values[column("user_id")],
            Json::Null,
            "an id that is not an integer"
        );
        let path = |p: &str| entries.text_path(p).unwrap();
        let words = one.words(entries);
        let tokens: Vec<&str> = words.split(' ').collect();
        for token in [
            format!("{}aacme", path("client.name")),
            format!("{}altd", path("client.name")),
            format!("{}aweb", path("project.name")),
            format!("{}o", path("user.name")),
            format!("{}afix", path("notes")),
            format!("{}abugs", path("notes")),
        ] {
            assert!(tokens.contains(&token.as_str()), "{token} in {tokens:?}");
        }
        let same = Members::of(text).unwrap();
        assert_eq!(splitter.row(&same).unwrap().unwrap().hash, one.hash);
        let mut hash_of = |text: &str| {
            splitter
                .row(&Members::of(text).unwrap())
                .unwrap()
                .unwrap()
                .hash
        };
        assert_ne!(hash_of(&text.replace("Fix  bugs", "Fix bugs")), one.hash);
        // The same text under another key is another record.
        assert_ne!(hash_of(&text.replace("\"notes\"", "\"note\"")), one.hash);
    }
}
