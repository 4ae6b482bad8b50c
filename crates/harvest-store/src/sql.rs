//! `context_store_sql_query` over the store: read-only SQL, refused three ways over before
//! anything could change: the connection is opened read-only, an authorizer allows only
//! reading (no write, ATTACH, PRAGMA, transaction or schema change), and a statement SQLite
//! does not call read-only is refused before it is stepped.

use std::collections::BTreeSet;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use rusqlite::hooks::{AuthAction, AuthContext, Authorization};
use rusqlite::types::ValueRef;
use rusqlite::Connection;
use serde_json::{json, Map, Value};

use harvest_core::context_store::sql::ACTION;
use harvest_core::error::{Error, Result};

use super::schema::Table;
use super::Store;

/// Rows returned when the call gives no `limit`.
pub const DEFAULT_LIMIT: usize = 10_000;

/// The tables a statement read while it was prepared (the authorizer sees each one).
pub type Reads = Arc<Mutex<BTreeSet<String>>>;

fn allow(context: AuthContext<'_>, reads: &Reads) -> Authorization {
    match context.action {
        AuthAction::Read { table_name, .. } => {
            if let Ok(mut seen) = reads.lock() {
                seen.insert(table_name.to_string());
            }
            Authorization::Allow
        }
        AuthAction::Select | AuthAction::Function { .. } | AuthAction::Recursive => {
            Authorization::Allow
        }
        _ => Authorization::Deny,
    }
}

/// Make the reading connection refuse everything but reading (and note what it reads).
pub fn lock_down(conn: &Connection, reads: Reads) -> rusqlite::Result<()> {
    conn.authorizer(Some(move |context: AuthContext<'_>| allow(context, &reads)));
    Ok(())
}

/// Statements that change a database: refused however their preparation fails.
const WRITES: &[&str] = &[
    "INSERT", "UPDATE", "DELETE", "REPLACE", "UPSERT", "CREATE", "DROP", "ALTER",
];

/// What the first word of the statement is, for the refusal message.
fn verb(sql: &str) -> String {
    sql.trim_start()
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("")
        .to_ascii_uppercase()
}

fn json_of(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => json!(i),
        ValueRef::Real(f) => json!(f),
        ValueRef::Text(t) => Value::String(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::String(String::from_utf8_lossy(b).into_owned()),
    }
}

impl Store {
    /// The store tables `sql` reads (besides the one it is called on), so that a query joining
    /// entities can refresh each of them first. A query that does not prepare reads none.
    pub fn tables_read(&self, sql: &str) -> Vec<&'static Table> {
        self.with_read(|conn| {
            if let Ok(mut seen) = self.reads.lock() {
                seen.clear();
            }
            let _ = conn.prepare(sql);
            let seen = self.reads.lock().map(|s| s.clone()).unwrap_or_default();
            Ok(seen
                .iter()
                // A query reads an entity's view, which reads its `_t_` table.
                .filter_map(|name| {
                    super::schema::table(name)
                        .or_else(|| name.strip_prefix("_t_").and_then(super::schema::table))
                })
                .collect())
        })
        .unwrap_or_default()
    }

    /// Run checked `{sql, limit?}` (as `harvest_core::context_store::sql::validate` returned
    /// them), called on `table`'s entity: `{data, meta}`, rows as objects by column name.
    pub fn sql(&self, table: &Table, params: &Value) -> Result<Value> {
        let started = Instant::now();
        let entity = table.entity.name;
        let sql = params.get("sql").and_then(Value::as_str).unwrap_or("");
        let limit = params
            .get("limit")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_LIMIT, |n| n as usize);
        let refused = |reason: String| Error::SqlRefused { entity, reason };
        let invalid = |reason: String| {
            Error::InvalidParameter {
            entity,
            action: ACTION,
            param: "sql",
            reason,
            expected: format!(
                "one SELECT over the store's tables (one per entity, e.g. SELECT id, name FROM {entity} LIMIT 10); entity_schema(\"{entity}\")[\"store\"] lists the columns"
            ),
        }
        };
        let (columns, rows, has_more) = self.with_read(|conn| {
            let mut stmt = match conn.prepare(sql) {
                Ok(stmt) => stmt,
                Err(rusqlite::Error::MultipleStatement) => {
                    return Err(refused("one statement at a time".to_string()))
                }
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if e.code == rusqlite::ErrorCode::AuthorizationForStatementDenied =>
                {
                    return Err(refused(format!("{} is not allowed", verb(sql))));
                }
                // Writing into a view (every entity is one) fails as it is prepared.
                Err(_) if WRITES.contains(&verb(sql).as_str()) => {
                    return Err(refused(format!("{} would change the store", verb(sql))));
                }
                Err(e) if e.to_string().contains("cannot modify") => {
                    return Err(refused(format!(
                        "the statement would change the store ({e})"
                    )));
                }
                Err(e) => return Err(invalid(e.to_string())),
            };
            if !stmt.readonly() {
                return Err(refused(format!("{} would change the store", verb(sql))));
            }
            let columns: Vec<String> = stmt.column_names().iter().map(|c| c.to_string()).collect();
            let mut rows = Vec::new();
            let mut has_more = false;
            let mut cursor = stmt.raw_query();
            loop {
                match cursor.next() {
                    Ok(Some(row)) => {
                        if rows.len() == limit {
                            has_more = true;
                            break;
                        }
                        let mut out = Map::new();
                        for (index, name) in columns.iter().enumerate() {
                            let value = row.get_ref(index).map(json_of).unwrap_or(Value::Null);
                            out.insert(name.clone(), value);
                        }
                        rows.push(Value::Object(out));
                    }
                    Ok(None) => break,
                    Err(rusqlite::Error::SqliteFailure(e, _))
                        if e.code == rusqlite::ErrorCode::ReadOnly =>
                    {
                        return Err(refused(format!("{} would change the store", verb(sql))))
                    }
                    Err(e) => return Err(invalid(e.to_string())),
                }
            }
            Ok((columns, rows, has_more))
        })?;
        let mut meta = self.freshness(entity)?;
        if let Value::Object(meta) = &mut meta {
            meta.insert("has_more".into(), json!(has_more));
            meta.insert("columns".into(), json!(columns));
            meta.insert(
                "took_ms".into(),
                json!((started.elapsed().as_secs_f64() * 1e4).round() / 10.0),
            );
        }
        Ok(json!({"data": rows, "meta": meta}))
    }
}
