//! The local store: Harvest records synced into SQLite, so that `context_store_search` and
//! `context_store_sql_query` work without Airbyte (open-source mode), with the same query
//! language as hosted mode (`harvest_core::context_store`).
//!
//! - [`schema`]: the tables, derived from the catalogue (one per listable entity).
//! - [`json`]: JSON as read from a response body (values, members, a page's records).
//! - [`rows`]: records (response bytes) into rows and rows back into records.
//! - [`text`]: the text operators and the word index's tokens.
//! - [`apply`]: a sync's pages in one transaction as they arrive; writes' records.
//! - [`search`]: a checked `context_store_search` query translated to SQL with bound values.
//! - [`sql`]: read-only SQL (read-only connection, authorizer, `sqlite3_stmt_readonly`).
//! - [`sync`]: pulls from Harvest through `harvest_core::client` (full, or `updated_since`).
//!
//! Every record is kept once, as a row of its entity's table: a column per top-level field
//! (what SQL sees, through a view named after the entity), nested objects and lists as their
//! JSON text, and what fits no column in `_extra`; a search filters on the same columns and
//! rebuilds the record from them. Its text fields' words are in a word index (FTS5) that
//! narrows `fuzzy` and `keyword`. Nothing but records, the account id and sync times is
//! written: no credential ever reaches the store.

pub mod apply;
pub mod json;
pub mod rows;
pub mod schema;
pub mod search;
pub mod sql;
pub mod sync;
pub mod text;

use std::path::Path;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use serde_json::{json, Value};

use harvest_core::error::{Error, Result};
use harvest_core::values::civil_from_days;

/// Bumped when the layout changes: a store of another version is rebuilt (it is a cache).
/// 2: `_records` is a rowid table (WITHOUT ROWID packed its ~1 KB rows two to a page).
/// 3: entity tables index their references and period dates.
/// 4: each record kept once (its row; no `_records` copy), a word index per entity.
/// 5: a record's hash is xxh3 of its members.
const LAYOUT_VERSION: i64 = 5;

/// How long a writer waits for another process's transaction before failing.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// One store: a file (shared by processes, WAL) or private memory.
pub struct Store {
    /// Syncs and writes. A sync holds it for its whole transaction.
    write: Mutex<Connection>,
    /// SQL written by the caller (read-only, locked down by an authorizer): it sees the last
    /// committed state (in a file, without waiting for a sync).
    read: Mutex<Connection>,
    /// Searches (SQL this crate writes, reading the word index too) and freshness, read-only
    /// like `read` but without its authorizer.
    search: Mutex<Connection>,
    /// What the last statement prepared on the reading connection read.
    reads: sql::Reads,
    label: String,
    account_id: String,
    /// One sync at a time per store in this process (another process waits on SQLite's lock).
    pub(crate) sync_lock: tokio::sync::Mutex<()>,
    progress: Mutex<Option<SyncProgress>>,
}

/// Where the sync running now is (for a progress bar).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SyncProgress {
    pub entity: &'static str,
    /// Records received so far.
    pub received: u64,
    /// How many the pull will bring, as Harvest's first page said.
    pub total: Option<u64>,
}

/// Seconds since the Unix epoch, now.
pub fn now() -> f64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// `seconds` since the epoch as Harvest's ISO 8601 (`2024-05-01T12:00:00Z`).
pub fn iso_datetime(seconds: f64) -> String {
    let whole = seconds.floor() as i64;
    let (days, rest) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    )
}

impl Store {
    /// Open (or create) the store at `path`, or a private in-memory one for None, bound to
    /// Harvest account `account_id`: a file that holds another account's records is refused.
    pub fn open(path: Option<&Path>, account_id: &str) -> Result<Store> {
        let label = path.map_or_else(|| ":memory:".to_string(), |p| p.display().to_string());
        let fail = |e: rusqlite::Error| Error::Store {
            path: label.clone(),
            reason: e.to_string(),
        };
        // Where the readers open the database, and with which flags.
        let (write, at, flags) = match path {
            Some(path) => {
                prepare_file(path).map_err(|e| Error::Store {
                    path: label.clone(),
                    reason: e,
                })?;
                let write = Connection::open_with_flags(
                    path,
                    OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
                .map_err(fail)?;
                write.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
                own_settings(&write).map_err(fail)?;
                // WAL: readers never wait for the writer, and two processes can share the file.
                let mode = wal_mode(&write).map_err(fail)?;
                log::debug!("store {label}: journal mode {mode}");
                // A sync writes every page of an entity into the WAL; once checkpointed, the
                // file goes back to this size instead of staying as large as the biggest sync.
                write
                    .execute_batch("PRAGMA journal_size_limit = 4194304")
                    .map_err(fail)?;
                setup(&write, &label, account_id)?;
                (
                    write,
                    path.display().to_string(),
                    OpenFlags::SQLITE_OPEN_NO_MUTEX,
                )
            }
            None => {
                // The memdb VFS: one database in this process's memory that several
                // connections share with ordinary locking: a reader waits (busy timeout) while
                // a sync commits, where shared-cache memory would fail it at once.
                static NEXT: AtomicU64 = AtomicU64::new(1);
                let uri = format!(
                    "file:/harvest-store-{}-{}?vfs=memdb",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::Relaxed)
                );
                let flags = OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX;
                let write = Connection::open_with_flags(
                    &uri,
                    flags | OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
                )
                .map_err(fail)?;
                write.busy_timeout(BUSY_TIMEOUT).map_err(fail)?;
                own_settings(&write).map_err(fail)?;
                // The rollback journal in memory too (it would be a file otherwise).
                write
                    .execute_batch("PRAGMA journal_mode = MEMORY")
                    .map_err(fail)?;
                setup(&write, &label, account_id)?;
                (write, uri, flags)
            }
        };
        let reader = || -> rusqlite::Result<Connection> {
            let conn = Connection::open_with_flags(&at, flags | OpenFlags::SQLITE_OPEN_READ_ONLY)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            text::register_functions(&conn)?;
            Ok(conn)
        };
        let (read, search) = (reader().map_err(fail)?, reader().map_err(fail)?);
        own_settings(&search).map_err(fail)?;
        text::register_functions(&write).map_err(fail)?;
        let reads = sql::Reads::default();
        sql::lock_down(&read, reads.clone()).map_err(fail)?;
        Ok(Store {
            write: Mutex::new(write),
            read: Mutex::new(read),
            search: Mutex::new(search),
            reads,
            label,
            account_id: account_id.to_string(),
            sync_lock: tokio::sync::Mutex::new(()),
            progress: Mutex::new(None),
        })
    }

    /// The sync running now, if any: its entity and records so far.
    pub fn progress(&self) -> Option<SyncProgress> {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn report_progress(&self, now: Option<SyncProgress>) {
        *self.progress.lock().unwrap_or_else(|p| p.into_inner()) = now;
    }

    /// The file path, or `:memory:`.
    pub fn label(&self) -> &str {
        &self.label
    }

    pub fn account_id(&self) -> &str {
        &self.account_id
    }

    fn lock(conn: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
        match conn.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    pub(crate) fn fail(&self, e: rusqlite::Error) -> Error {
        Error::Store {
            path: self.label.clone(),
            reason: e.to_string(),
        }
    }

    /// When `entity` was last synced and last fully synced (the moments their pulls
    /// started), if ever.
    pub fn sync_times(&self, entity: &str) -> Result<Option<(f64, Option<f64>)>> {
        Self::lock(&self.search)
            .query_row(
                "SELECT synced_at, full_synced_at FROM _syncs WHERE entity = ?1",
                [entity],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// When `entity` was last synced (the moment its pull started), if ever.
    pub fn synced_at(&self, entity: &str) -> Result<Option<f64>> {
        Self::lock(&self.search)
            .query_row(
                "SELECT synced_at FROM _syncs WHERE entity = ?1",
                [entity],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.fail(e))
    }

    /// The store's facts about `entity` for a result's `meta`.
    pub fn freshness(&self, entity: &str) -> Result<Value> {
        let row: Option<(f64, Option<f64>)> = Self::lock(&self.search)
            .query_row(
                "SELECT synced_at, full_synced_at FROM _syncs WHERE entity = ?1",
                [entity],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.fail(e))?;
        Ok(match row {
            Some((synced, full)) => json!({
                "synced_at": iso_datetime(synced),
                "full_synced_at": full.map(iso_datetime),
                "age_seconds": (now() - synced).max(0.0).round(),
                "source": "local_store",
            }),
            None => json!({"synced_at": null, "source": "local_store"}),
        })
    }

    pub(crate) fn with_write<T>(&self, f: impl FnOnce(&mut Connection) -> Result<T>) -> Result<T> {
        f(&mut Self::lock(&self.write))
    }

    /// The caller's SQL: the locked-down connection.
    pub(crate) fn with_read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&Self::lock(&self.read))
    }

    /// The store's own reads (searches, counts).
    pub(crate) fn with_search<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        f(&Self::lock(&self.search))
    }

    /// The tables and their columns, as `entity_schema()` shows them.
    pub fn describe() -> Value {
        Value::Array(
            schema::tables()
                .iter()
                .map(|t| {
                    json!({
                        "table": t.name(),
                        "incremental": t.incremental,
                        "columns": t.columns.iter().map(|c| json!({
                            "name": c.name, "type": c.sql_type(), "holds": c.describe(),
                        })).chain([json!({
                            "name": "_extra", "type": "TEXT",
                            "holds": "object as JSON text: fields Harvest sent that have no column, or a value of another type than its column's (null when none)",
                        })]).collect::<Vec<_>>(),
                        "text_search": t.text_paths.iter().map(|p| p.path).collect::<Vec<_>>(),
                    })
                })
                .collect(),
        )
    }
}

/// The settings of a connection whose SQL this crate writes (the caller's SQL keeps SQLite's
/// defaults):
/// - statement journals in memory: every upsert keeps one, and a temporary file for it would
///   be written (and the kernel called) once per record;
/// - `"name"` always an identifier: SQLite otherwise reads an unknown `"name"` as a string,
///   turning a wrong column name into a wrong answer instead of an error.
fn own_settings(conn: &Connection) -> rusqlite::Result<()> {
    use rusqlite::config::DbConfig;
    conn.execute_batch("PRAGMA temp_store = MEMORY")?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DDL, false)?;
    conn.set_db_config(DbConfig::SQLITE_DBCONFIG_DQS_DML, false)?;
    Ok(())
}

/// Create the file with mode 0600 (or make an existing one 0600) before SQLite opens it.
fn prepare_file(path: &Path) -> std::result::Result<(), String> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        if !parent.is_dir() {
            return Err(format!("the folder {} does not exist", parent.display()));
        }
    }
    let file = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .mode(0o600)
        .open(path)
        .map_err(|e| e.to_string())?;
    file.set_permissions(std::fs::Permissions::from_mode(0o600))
        .map_err(|e| e.to_string())?;
    Ok(())
}

/// Switch a file to WAL. Switching takes an exclusive lock, and SQLite answers "database is
/// locked" at once, without the busy handler, while another process holds the file (two
/// processes opening a new store together): retried until that process is done, up to the
/// busy timeout. Once the file is in WAL mode the pragma needs no lock.
fn wal_mode(conn: &Connection) -> rusqlite::Result<String> {
    let deadline = std::time::Instant::now() + BUSY_TIMEOUT;
    loop {
        match conn.query_row("PRAGMA journal_mode=WAL", [], |r| r.get(0)) {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && std::time::Instant::now() < deadline =>
            {
                std::thread::sleep(std::time::Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// Tables, layout version and the account binding, in one immediate transaction (two
/// processes opening a new file at once do it one after the other).
fn setup(conn: &Connection, label: &str, account_id: &str) -> Result<()> {
    let fail = |e: rusqlite::Error| Error::Store {
        path: label.to_string(),
        reason: e.to_string(),
    };
    conn.execute_batch("BEGIN IMMEDIATE").map_err(fail)?;
    let result = (|| -> Result<()> {
        // Read inside the transaction: another process may have just set the store up.
        let version: i64 = conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(fail)?;
        if version != LAYOUT_VERSION {
            // Another layout (or a new file): the store is a cache, rebuilt by the next sync.
            // Views first, then virtual tables (which drop their own shadow tables), then the
            // rest.
            for pass in ["view", "virtual", "table"] {
                let mut drop = Vec::new();
                {
                    let mut stmt = conn
                        .prepare("SELECT type, name, COALESCE(sql, '') FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite_%' AND name != '_meta'")
                        .map_err(fail)?;
                    let rows = stmt
                        .query_map([], |r| {
                            Ok((
                                r.get::<_, String>(0)?,
                                r.get::<_, String>(1)?,
                                r.get::<_, String>(2)?,
                            ))
                        })
                        .map_err(fail)?;
                    for row in rows {
                        let (kind, name, sql) = row.map_err(fail)?;
                        let virtual_table = sql.starts_with("CREATE VIRTUAL TABLE");
                        let this_pass = match pass {
                            "view" => kind == "view",
                            "virtual" => virtual_table,
                            _ => kind == "table" && !virtual_table,
                        };
                        if this_pass {
                            drop.push((kind, name));
                        }
                    }
                }
                for (kind, name) in drop {
                    let what = if kind == "view" { "VIEW" } else { "TABLE" };
                    conn.execute_batch(&format!("DROP {what} IF EXISTS {}", schema::quote(&name)))
                        .map_err(fail)?;
                }
            }
        }
        conn.execute_batch(
            "CREATE TABLE IF NOT EXISTS _meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS _syncs (entity TEXT PRIMARY KEY, synced_at REAL NOT NULL,
                 full_synced_at REAL, records INTEGER NOT NULL DEFAULT 0);",
        )
        .map_err(fail)?;
        for table in schema::tables() {
            conn.execute_batch(&schema::create_table(table))
                .map_err(fail)?;
        }
        let stored: Option<String> = conn
            .query_row(
                "SELECT value FROM _meta WHERE key = 'account_id'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(fail)?;
        match stored {
            Some(stored) if stored != account_id => {
                return Err(Error::StoreAccount {
                    path: label.to_string(),
                    stored,
                    given: account_id.to_string(),
                })
            }
            Some(_) => {}
            None => {
                conn.execute(
                    "INSERT INTO _meta (key, value) VALUES ('account_id', ?1)",
                    params![account_id],
                )
                .map_err(fail)?;
            }
        }
        conn.execute_batch(&format!("PRAGMA user_version = {LAYOUT_VERSION}"))
            .map_err(fail)?;
        Ok(())
    })();
    match result {
        Ok(()) => conn.execute_batch("COMMIT").map_err(fail),
        Err(e) => {
            let _ = conn.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_path(name: &str) -> std::path::PathBuf {
        std::env::temp_dir().join(format!("harvest-store-{}-{name}.db", std::process::id()))
    }

    #[test]
    fn iso_datetimes() {
        assert_eq!(iso_datetime(0.0), "1970-01-01T00:00:00Z");
        assert_eq!(iso_datetime(1_714_564_800.5), "2024-05-01T12:00:00Z");
    }

    #[test]
    fn a_file_is_0600_and_bound_to_one_account() {
        use std::os::unix::fs::PermissionsExt;
        let path = temp_path("account");
        let _ = std::fs::remove_file(&path);
        drop(Store::open(Some(&path), "123").unwrap());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o600);
        drop(Store::open(Some(&path), "123").unwrap());
        let err = Store::open(Some(&path), "999").err().unwrap();
        assert!(matches!(err, Error::StoreAccount { .. }), "{err}");
        assert!(err.to_string().contains("account 123"), "{err}");
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }
}
