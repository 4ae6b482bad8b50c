//! Records into rows, and rows back into records. Each record is kept once: its top-level
//! fields in the columns of its entity's table (scalars as SQLite values, nested objects and
//! lists as their JSON text, as received), with what fits no column in `_extra`; its words in
//! the word index. A page goes from the response bytes to rows without a JSON tree: fields
//! are split from the body as borrowed slices and bound as they are.

use std::borrow::Cow;
use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};

use rusqlite::functions::FunctionFlags;
use rusqlite::types::{ToSql, ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, OptionalExtension, Statement, Transaction};
use serde::de::{Deserialize, Deserializer, MapAccess, Visitor};
use serde_json::value::RawValue;
use serde_json::Value;

use super::schema::{quote, JsonType, Source, Table};

/// What one sync (or one write) changed.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Counts {
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    /// Records received, changed or not.
    pub received: u64,
}

/// One JSON value as received, borrowed from the body where it can be.
#[derive(Debug, Clone, PartialEq)]
pub enum Json<'a> {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Text(Cow<'a, str>),
    /// Its JSON text, as received.
    Array(&'a str),
    Object(&'a str),
    /// A number SQLite cannot hold as it is (an integer past 64 bits, an overflowing float):
    /// kept as its JSON text.
    Number(&'a str),
}

impl<'a> Json<'a> {
    pub fn parse(raw: &'a RawValue) -> Result<Json<'a>, String> {
        let text = raw.get();
        Ok(match text.as_bytes().first() {
            Some(b'n') => Json::Null,
            Some(b't') => Json::Bool(true),
            Some(b'f') => Json::Bool(false),
            Some(b'"') if !text.contains('\\') => {
                Json::Text(Cow::Borrowed(&text[1..text.len() - 1]))
            }
            Some(b'"') => Json::Text(Cow::Owned(
                serde_json::from_str::<String>(text).map_err(|e| e.to_string())?,
            )),
            Some(b'[') => Json::Array(text),
            Some(b'{') => Json::Object(text),
            _ if text.contains(['.', 'e', 'E']) => match text.parse::<f64>() {
                Ok(f) if f.is_finite() => Json::Real(f),
                _ => Json::Number(text),
            },
            _ => text.parse::<i64>().map_or(Json::Number(text), Json::Int),
        })
    }

    pub fn ty(&self) -> JsonType {
        match self {
            Json::Null => JsonType::Null,
            Json::Bool(_) => JsonType::Bool,
            Json::Int(_) => JsonType::Integer,
            Json::Real(_) | Json::Number(_) => JsonType::Real,
            Json::Text(_) => JsonType::Text,
            Json::Array(_) => JsonType::Array,
            Json::Object(_) => JsonType::Object,
        }
    }
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

/// An object's members in order, keys borrowed where they need no unescaping.
pub struct Members<'a>(pub Vec<(Cow<'a, str>, &'a RawValue)>);

struct Key<'a>(Cow<'a, str>);

impl<'de> Deserialize<'de> for Key<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct KeyVisitor;
        impl<'de> Visitor<'de> for KeyVisitor {
            type Value = Key<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a key")
            }
            fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Borrowed(v)))
            }
            fn visit_str<E>(self, v: &str) -> Result<Key<'de>, E> {
                Ok(Key(Cow::Owned(v.to_string())))
            }
        }
        d.deserialize_str(KeyVisitor)
    }
}

impl<'de> Deserialize<'de> for Members<'de> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct MembersVisitor;
        impl<'de> Visitor<'de> for MembersVisitor {
            type Value = Members<'de>;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Members<'de>, A::Error> {
                let mut members = Vec::with_capacity(map.size_hint().unwrap_or(32));
                while let Some((Key(key), value)) = map.next_entry::<Key, &RawValue>()? {
                    members.push((key, value));
                }
                Ok(Members(members))
            }
        }
        d.deserialize_map(MembersVisitor)
    }
}

/// One list body: its records (under `record_key`), each as its JSON text, and Harvest's
/// `total_entries` (how many the listing holds), when it says.
pub struct Page<'a> {
    pub records: Vec<&'a RawValue>,
    pub total_entries: Option<u64>,
}

pub fn page_records<'a>(body: &'a [u8], record_key: &str) -> Result<Page<'a>, String> {
    let text = std::str::from_utf8(body).map_err(|e| e.to_string())?;
    let page: Members<'a> = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let total_entries = page
        .0
        .iter()
        .find(|(key, _)| key == "total_entries")
        .and_then(|(_, raw)| raw.get().parse::<u64>().ok());
    let records = match page.0.iter().find(|(key, _)| key == record_key) {
        Some((_, raw)) if raw.get() == "null" => Vec::new(),
        Some((_, raw)) => serde_json::from_str::<Vec<&'a RawValue>>(raw.get())
            .map_err(|_| format!("{record_key} is not a list"))?,
        None => Vec::new(),
    };
    Ok(Page {
        records,
        total_entries,
    })
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
    pub hash: i64,
    /// The word index's tokens, space-separated.
    pub words: String,
}

fn push_json_key(out: &mut String, key: &str) {
    // A key is a JSON string: serde's escaping, never failing for a str.
    out.push_str(&serde_json::to_string(key).unwrap_or_else(|_| "\"\"".to_string()));
}

/// Split `raw` (one record) into `table`'s row; None when it has no integer `id` (it cannot
/// be kept).
pub fn row<'a>(table: &Table, raw: &'a RawValue) -> Result<Option<Row<'a>>, String> {
    let members: Members<'a> = serde_json::from_str(raw.get()).map_err(|e| e.to_string())?;
    let mut values = vec![Json::Null; table.columns.len()];
    let mut seen = vec![false; table.columns.len()];
    let mut misfit = vec![false; table.columns.len()];
    let mut extra = String::new();
    for (key, value) in &members.0 {
        let column = table.column_of(key);
        if let Some(c) = column {
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
    for &c in &table.ids {
        if let Source::NestedId { object } = table.columns[c].source {
            let id = table.column_of(object).and_then(|o| match &values[o] {
                Json::Object(text) => nested_id(text),
                _ => None,
            });
            values[c] = id.map_or(Json::Null, Json::Int);
        }
    }
    let Json::Int(id) = table
        .column_of("id")
        .map_or(Json::Null, |c| values[c].clone())
    else {
        return Ok(None);
    };
    let absent: Vec<&str> = table
        .stored
        .iter()
        .filter(|&&c| !seen[c])
        .map(|&c| table.columns[c].field)
        .collect();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    raw.get().hash(&mut hasher);
    let words = record_words(table, &values, &misfit);
    Ok(Some(Row {
        id,
        values,
        extra: (!extra.is_empty()).then(|| extra + "}"),
        absent: (!absent.is_empty()).then(|| Value::from(absent).to_string()),
        hash: hasher.finish() as i64,
        words,
    }))
}

/// The word index's tokens of one record: per text path, `<n>a<word>` for an ASCII word and
/// `<n>h<hex of its UTF-8>` for another (each exactly one token of the `ascii` tokenizer, so
/// a token matches a word exactly), and `<n>o` where the path holds something else than text
/// (its words are then not indexed: a search on the path always tests that record).
fn record_words(table: &Table, values: &[Json<'_>], misfit: &[bool]) -> String {
    let mut out = String::new();
    for (n, path) in table.text_paths.iter().enumerate() {
        if misfit[path.column] {
            push_token(&mut out, n, None);
            continue;
        }
        let text: Option<Cow<'_, str>> = match (&values[path.column], path.path.split_once('.')) {
            (Json::Text(s), None) => Some(Cow::Borrowed(s.as_ref())),
            (Json::Array(t), None) => Some(Cow::Borrowed(*t)),
            (Json::Object(t), Some((_, rest))) => match nested(t, rest) {
                Ok(found) => found,
                Err(()) => {
                    push_token(&mut out, n, None);
                    continue;
                }
            },
            _ => None,
        };
        for word in text.as_deref().map(words).unwrap_or_default() {
            push_token(&mut out, n, Some(&word));
        }
    }
    out
}

/// The text at `path` (`a.b`) inside the object `json`: Ok(None) for none (missing, null or
/// not an object on the way), Err(()) for a value that is not text.
fn nested<'a>(json: &'a str, path: &str) -> Result<Option<Cow<'a, str>>, ()> {
    let (head, rest) = match path.split_once('.') {
        Some((head, rest)) => (head, Some(rest)),
        None => (path, None),
    };
    let Ok(members) = serde_json::from_str::<Members<'a>>(json) else {
        return Ok(None);
    };
    let Some((_, raw)) = members.0.iter().find(|(key, _)| key == head) else {
        return Ok(None);
    };
    match (Json::parse(raw).map_err(|_| ())?, rest) {
        (Json::Null, _) => Ok(None),
        (Json::Text(s), None) => Ok(Some(s)),
        (Json::Object(t), Some(rest)) => nested(t, rest),
        (_, Some(_)) => Ok(None),
        (_, None) => Err(()),
    }
}

/// The integer `id` of the object `json` (as `json_extract(json, '$.id')` reads it).
fn nested_id(json: &str) -> Option<i64> {
    let members = serde_json::from_str::<Members<'_>>(json).ok()?;
    let (_, raw) = members.0.iter().find(|(key, _)| key == "id")?;
    match Json::parse(raw).ok()? {
        Json::Int(id) => Some(id),
        _ => None,
    }
}

fn push_token(out: &mut String, n: usize, word: Option<&str>) {
    use std::fmt::Write;
    if !out.is_empty() {
        out.push(' ');
    }
    match word {
        None => {
            let _ = write!(out, "{n}o");
        }
        Some(word) if word.is_ascii() => {
            let _ = write!(out, "{n}a{word}");
        }
        Some(word) => {
            let _ = write!(out, "{n}h");
            for byte in word.bytes() {
                let _ = write!(out, "{byte:02x}");
            }
        }
    }
}

/// The word index query for `fuzzy` (every word) or `keyword` (any word) on text path `n`:
/// a superset of the records the exact test accepts (None: no query can narrow it down).
pub fn words_query(n: usize, operator: &str, text: &str) -> Option<String> {
    let tokens: Vec<String> = words(text)
        .iter()
        .map(|w| {
            let mut token = String::new();
            push_token(&mut token, n, Some(w));
            format!("\"{token}\"")
        })
        .collect();
    if tokens.is_empty() {
        return None;
    }
    let joined = tokens.join(if operator == "fuzzy" { " AND " } else { " OR " });
    Some(format!("({joined}) OR \"{n}o\""))
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
        let empty = tx.query_row(
            &format!("SELECT NOT EXISTS (SELECT 1 FROM {data})"),
            [],
            |r| r.get::<_, bool>(0),
        )?;
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
    pub fn upsert(&mut self, row: &Row<'_>, pos: Option<f64>) -> rusqlite::Result<Change> {
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
        if self.words.is_some() {
            self.pending_words
                .push((row.id, row.words.clone(), before.is_some()));
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

    /// Remove every record whose id is not in `keep`; how many.
    pub fn remove_others(&mut self, keep: &HashSet<i64>) -> rusqlite::Result<u64> {
        let stale: Vec<i64> = {
            let mut stmt = self.tx.prepare(&format!(
                "SELECT id FROM {}",
                quote(&self.table.data_table())
            ))?;
            let ids = stmt.query_map([], |r| r.get::<_, i64>(0))?;
            ids.collect::<rusqlite::Result<Vec<i64>>>()?
                .into_iter()
                .filter(|id| !keep.contains(id))
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

/// The words of a text as the search's `fuzzy` and `keyword` see them: runs of letters,
/// digits and `_`, lower-cased.
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// A field's value as text for the text operators (missing or null: None).
fn text_of(value: ValueRef<'_>) -> Option<String> {
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

/// The text operators as SQL functions of a connection that searches.
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
    use crate::schema;

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

    #[test]
    fn values_keep_their_json_type() {
        let raw = |t: &'static str| -> &'static RawValue { serde_json::from_str(t).unwrap() };
        assert_eq!(Json::parse(raw("2.0")).unwrap(), Json::Real(2.0));
        assert_eq!(Json::parse(raw("2")).unwrap(), Json::Int(2));
        assert_eq!(Json::parse(raw("1e2")).unwrap(), Json::Real(100.0));
        let big = "123456789012345678901234";
        assert_eq!(Json::parse(raw(big)).unwrap(), Json::Number(big));
        assert_eq!(
            Json::parse(raw(r#""a\"b""#)).unwrap(),
            Json::Text(Cow::Owned("a\"b".into()))
        );
        assert!(matches!(
            Json::parse(raw(r#""ab""#)).unwrap(),
            Json::Text(Cow::Borrowed("ab"))
        ));
    }

    #[test]
    fn a_row_splits_fields_and_keeps_misfits_in_extra() {
        let users = schema::table("users").unwrap();
        let raw: &RawValue = serde_json::from_str(
            r#"{"id":7,"first_name":"Zoë","is_active":true,"weekly_capacity":"lots","nickname":"Z","roles":["Ops"]}"#,
        )
        .unwrap();
        let row = row(users, raw).unwrap().unwrap();
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
            row.words.contains(&format!("{first_name}h7a6fc3ab")),
            "{}",
            row.words
        );
        let roles = users.text_path("roles").unwrap();
        assert!(row.words.contains(&format!("{roles}aops")), "{}", row.words);
        assert_eq!(
            words_query(3, "fuzzy", "A b"),
            Some("(\"3aa\" AND \"3ab\") OR \"3o\"".into())
        );
        assert_eq!(words_query(3, "keyword", " , "), None);
        let no_id: &RawValue = serde_json::from_str(r#"{"id":"x"}"#).unwrap();
        assert!(super::row(users, no_id).unwrap().is_none());
    }
}
