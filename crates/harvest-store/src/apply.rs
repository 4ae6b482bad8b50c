//! Changes to the store: a sync's pages, applied in one transaction as the pull delivers
//! them, and the records this connector's writes return or delete (read-your-writes).

use rusqlite::{params, Connection, TransactionBehavior};

use harvest_core::error::{Error, Result, Target};
use harvest_core::pagination::PagePart;

use super::json::{page_records, Members};
use super::rows::{Change, Counts, Splitter, Writer};
use super::schema::{quote, Table};
use super::{Store, SyncProgress};

/// The page cache of a sync's transaction, KiB (SQLite allocates it as pages are used).
/// Enough for the pages a sync keeps rewriting (each index's insertion points, the table's
/// edge, the word index's pending segment); the pages it has filled go out once. A larger
/// cache made a sync slower: each page of it is fresh memory the kernel must fault in, and an
/// in-memory store then holds its pages twice until the commit (50,000 entries into a memory
/// store: 11.8-13.2 us a record at 16 MiB against 11.7-17.5 us at 64 MiB, most of the
/// difference system time; a file store the same within the noise).
const SYNC_CACHE_KIB: u32 = 16 * 1024;

/// What a pull hands the store.
pub enum Feed {
    /// A page's body, with which of its records to take (the walk drops a record seen on an
    /// earlier page; records past the end of `keep` are taken).
    Page(PagePart),
    /// The pull finished: the transaction may commit.
    Done,
}

/// serde's message without its " at line 1 column 9": a position in one record's text, which
/// the reader of the error does not have.
fn without_position(reason: &str) -> &str {
    reason.rfind(" at line ").map_or(reason, |at| &reason[..at])
}

fn count(counts: &mut Counts, change: Change) {
    match change {
        Change::Added => counts.added += 1,
        Change::Updated => counts.updated += 1,
        Change::Same => {}
    }
}

impl Store {
    /// Apply a pull of `table` page by page, as `next` delivers them, in one immediate
    /// transaction that commits only once `next` gives [`Feed::Done`]: a pull that fails (or
    /// a process killed) half-way leaves the previous state. For a `full` pull (every record
    /// of the listing, in Harvest's order) the records not in it are removed and the order is
    /// learned. `started` (seconds since the epoch) becomes the entity's `synced_at`;
    /// `target` names the listing in the error for a body that is not one.
    pub fn apply_feed(
        &self,
        table: &'static Table,
        next: &mut dyn FnMut() -> Option<Feed>,
        full: bool,
        started: f64,
        target: &Target,
    ) -> Result<Counts> {
        let db = |e: rusqlite::Error| self.fail(e);
        self.with_write(|conn| {
            // A sync rewrites the index pages of every reference column again and again: with
            // SQLite's default 2 MB cache they would go to the WAL each time they were pushed
            // out (most of a sync's time). They stay in memory until the commit instead, and
            // the memory is given back afterwards.
            conn.execute_batch(&format!("PRAGMA cache_size = -{SYNC_CACHE_KIB}"))
                .map_err(db)?;
            self.report_progress(Some(SyncProgress {
                entity: table.name(),
                received: 0,
                total: None,
            }));
            let result = self.apply_in(conn, table, next, full, started, target);
            self.report_progress(None);
            let _ = conn.execute_batch("PRAGMA cache_size = -2000; PRAGMA shrink_memory");
            result
        })
    }

    fn apply_in(
        &self,
        conn: &mut Connection,
        table: &'static Table,
        next: &mut dyn FnMut() -> Option<Feed>,
        full: bool,
        started: f64,
        target: &Target,
    ) -> Result<Counts> {
        let db = |e: rusqlite::Error| self.fail(e);
        let counts = {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(db)?;
            let mut counts = Counts::default();
            {
                let mut writer = Writer::new(&tx, table).map_err(db)?;
                let mut splitter = Splitter::new(table);
                // A full pull's ids: the records not among them are gone from Harvest.
                let mut seen = Vec::new();
                let mut pos = 0.0;
                // The first page's count: every page says it, and a cursor continuation
                // (past 100,000 records) would say how many remain.
                let mut progress_total: Option<u64> = None;
                let invalid = |reason: String| Error::InvalidResponse {
                    target: target.clone(),
                    reason,
                };
                loop {
                    let part =
                        match next() {
                            Some(Feed::Page(part)) => part,
                            Some(Feed::Done) => break,
                            // The pull stopped without finishing: nothing of it is kept.
                            None => return Err(Error::Store {
                                path: self.label().to_string(),
                                reason:
                                    "the sync stopped before its last page; nothing of it was kept"
                                        .to_string(),
                            }),
                        };
                    let page = page_records(&part.body, table.record_key).map_err(invalid)?;
                    let keep = part.keep.iter().chain(std::iter::repeat(&true));
                    let records = page.records.iter().enumerate().zip(keep);
                    for ((index, record), _) in records.filter(|(_, keep)| **keep) {
                        counts.received += 1;
                        let split = record
                            .as_ref()
                            .map_err(Clone::clone)
                            .and_then(|members| splitter.row(members));
                        let split = split.map_err(|reason| {
                            invalid(format!(
                                "{}[{index}]: {}",
                                table.record_key,
                                without_position(&reason)
                            ))
                        });
                        let Some(row) = split? else {
                            continue;
                        };
                        let at = full.then_some(pos);
                        pos += 1.0;
                        if full {
                            seen.push(row.id);
                        }
                        count(&mut counts, writer.upsert(row, at).map_err(db)?);
                    }
                    writer.flush_words().map_err(db)?;
                    progress_total = progress_total.or(page.total_entries);
                    self.report_progress(Some(SyncProgress {
                        entity: table.name(),
                        received: counts.received,
                        total: progress_total,
                    }));
                }
                if full {
                    seen.sort_unstable();
                    counts.removed = writer.remove_others(&seen).map_err(db)?;
                }
            }
            let total: i64 = tx
                .query_row(
                    &format!("SELECT COUNT(*) FROM {}", quote(&table.data_table())),
                    [],
                    |r| r.get(0),
                )
                .map_err(db)?;
            tx.execute(
                "INSERT INTO _syncs (entity, synced_at, full_synced_at, records) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT(entity) DO UPDATE SET synced_at = excluded.synced_at,
                     full_synced_at = COALESCE(excluded.full_synced_at, _syncs.full_synced_at),
                     records = excluded.records",
                params![table.name(), started, full.then_some(started), total],
            )
            .map_err(db)?;
            tx.commit().map_err(db)?;
            counts
        };
        checkpoint(conn);
        Ok(counts)
    }

    /// A record a write returned (create, update, state change): upserted at once, so the
    /// next search sees it (read-your-writes). A body that is not one record changes nothing.
    pub fn put(&self, table: &'static Table, body: &[u8]) -> Result<Counts> {
        let Ok(members) = serde_json::from_slice::<Members>(body) else {
            return Ok(Counts::default());
        };
        let Ok(Some(record)) = Splitter::new(table).row(&members) else {
            return Ok(Counts::default());
        };
        self.with_write(|conn| {
            let go = || -> rusqlite::Result<Change> {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let change = {
                    let mut writer = Writer::new(&tx, table)?;
                    let change = writer.upsert(record, None)?;
                    writer.flush_words()?;
                    change
                };
                tx.commit()?;
                Ok(change)
            };
            let change = go().map_err(|e| self.fail(e))?;
            Ok(Counts {
                added: u64::from(change == Change::Added),
                updated: u64::from(change == Change::Updated),
                removed: 0,
                received: 1,
            })
        })
    }

    /// A record deleted through this connector: removed at once.
    pub fn remove(&self, table: &'static Table, id: i64) -> Result<bool> {
        self.with_write(|conn| {
            let mut go = || -> rusqlite::Result<bool> {
                let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
                let removed = Writer::new(&tx, table)?.remove(id)?;
                tx.commit()?;
                Ok(removed)
            };
            go().map_err(|e| self.fail(e))
        })
    }

    /// How many records of `table` the store holds.
    pub fn count(&self, table: &Table) -> Result<u64> {
        self.with_search(|conn| {
            conn.query_row(
                &format!("SELECT COUNT(*) FROM {}", quote(&table.data_table())),
                [],
                |r| r.get::<_, i64>(0),
            )
            .map(|n| n as u64)
            .map_err(|e| self.fail(e))
        })
    }
}

/// Copy a sync into the database file now and empty the WAL, which would otherwise stay as
/// large as the biggest sync (a reader of another process holding an older snapshot makes
/// this wait, at most the busy timeout). Best effort: the data is committed either way.
fn checkpoint(conn: &Connection) {
    let _ = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(()));
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use serde_json::{json, Value};

    /// Apply `records` to `entity` as one page of a pull.
    pub(crate) fn apply_records(
        store: &Store,
        entity: &str,
        records: &[Value],
        full: bool,
    ) -> Counts {
        let table = crate::schema::table(entity).unwrap();
        let body = json!({ table.record_key: records }).to_string();
        let mut feed = vec![
            Feed::Page(PagePart {
                body: body.into(),
                keep: vec![true; records.len()],
            }),
            Feed::Done,
        ]
        .into_iter();
        let target = Target {
            method: "GET",
            path: format!("/v2/{entity}"),
        };
        store
            .apply_feed(table, &mut || feed.next(), full, 0.0, &target)
            .unwrap()
    }

    fn record(store: &Store, entity: &str, id: i64) -> Value {
        let table = crate::schema::table(entity).unwrap();
        let params = json!({"query": {"filter": {"eq": {"id": id}}}});
        let checked = harvest_core::context_store::search::validate(table.entity, &params).unwrap();
        let result: Value = serde_json::from_str(&store.search(table, &checked).unwrap()).unwrap();
        result["data"][0].clone()
    }

    #[test]
    fn a_record_reads_back_as_it_was_sent() {
        let store = Store::open(None, "1").unwrap();
        let sent = json!({"id": 7, "first_name": "Zoë \"Z\"", "is_active": false,
            "weekly_capacity": 2.5, "cost_rate": 3, "roles": ["Ops", "Ad\u{e9}"],
            "telephone": null, "nickname": {"a": [1, 2.0]}});
        let counts = apply_records(&store, "users", std::slice::from_ref(&sent), true);
        assert_eq!((counts.added, counts.received), (1, 1));
        let back = record(&store, "users", 7);
        assert_eq!(
            back, sent,
            "every field, misfits and unknown ones included; nothing added"
        );
        // Sent again unchanged: nothing to update; changed: one update; gone: removed.
        let counts = apply_records(&store, "users", std::slice::from_ref(&sent), true);
        assert_eq!((counts.added, counts.updated), (0, 0));
        let mut changed = sent.clone();
        changed["first_name"] = json!("Zoe");
        let counts = apply_records(&store, "users", &[changed.clone(), json!({"id": 8})], true);
        assert_eq!((counts.added, counts.updated), (1, 1));
        assert_eq!(record(&store, "users", 7), changed);
        let counts = apply_records(&store, "users", &[json!({"id": 8})], true);
        assert_eq!(counts.removed, 1);
        assert_eq!(
            store.count(crate::schema::table("users").unwrap()).unwrap(),
            1
        );
    }

    /// While a sync's transaction is open (its pull still running), a file store's searches
    /// answer from the last committed state at once (WAL).
    #[test]
    fn searches_of_a_file_do_not_wait_for_a_sync() {
        let path =
            std::env::temp_dir().join(format!("harvest-store-{}-busy.db", std::process::id()));
        {
            let file = Some(path.clone());
            if let Some(path) = &file {
                let _ = std::fs::remove_file(path);
            }
            let store = std::sync::Arc::new(Store::open(file.as_deref(), "1").unwrap());
            apply_records(&store, "users", &[json!({"id": 1})], true);
            let (go_on, wait) = std::sync::mpsc::channel::<()>();
            let (started, page_taken) = std::sync::mpsc::channel::<()>();
            let writer = {
                let store = std::sync::Arc::clone(&store);
                std::thread::spawn(move || {
                    let table = crate::schema::table("users").unwrap();
                    let body = json!({"users": [{"id": 1}, {"id": 2}]}).to_string();
                    let mut feed = vec![
                        Feed::Page(PagePart {
                            body: body.into(),
                            keep: vec![true, true],
                        }),
                        Feed::Done,
                    ]
                    .into_iter();
                    let target = Target {
                        method: "GET",
                        path: "/v2/users".into(),
                    };
                    let mut next = || {
                        let item = feed.next();
                        if matches!(item, Some(Feed::Done)) {
                            // The first page is written; the "pull" goes on until told.
                            started.send(()).unwrap();
                            wait.recv().unwrap();
                        }
                        item
                    };
                    store
                        .apply_feed(table, &mut next, true, 0.0, &target)
                        .unwrap()
                })
            };
            page_taken.recv().unwrap();
            let t = std::time::Instant::now();
            assert_eq!(record(&store, "users", 2), Value::Null, "not committed yet");
            assert_eq!(record(&store, "users", 1)["id"], json!(1));
            assert!(
                t.elapsed() < std::time::Duration::from_secs(5),
                "{file:?}: the search waited"
            );
            go_on.send(()).unwrap();
            assert_eq!(writer.join().unwrap().added, 1);
            assert_eq!(record(&store, "users", 2)["id"], json!(2));
        }
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
        }
    }

    #[test]
    fn a_record_twice_in_one_pull_is_kept_once_the_later_copy() {
        let store = Store::open(None, "1").unwrap();
        let twice = [
            json!({"id": 1, "first_name": "A"}),
            json!({"id": 1, "first_name": "B"}),
        ];
        let counts = apply_records(&store, "users", &twice, true);
        assert_eq!((counts.added, counts.received), (1, 2));
        assert_eq!(
            store.count(crate::schema::table("users").unwrap()).unwrap(),
            1
        );
        assert_eq!(record(&store, "users", 1)["first_name"], json!("B"));
    }

    #[test]
    fn a_pull_that_stops_leaves_the_previous_state() {
        let store = Store::open(None, "1").unwrap();
        apply_records(&store, "users", &[json!({"id": 1})], true);
        let table = crate::schema::table("users").unwrap();
        let body = json!({"users": [{"id": 2}, {"id": 3}]}).to_string();
        let mut feed = vec![Feed::Page(PagePart {
            body: body.into(),
            keep: vec![true, true],
        })]
        .into_iter();
        let target = Target {
            method: "GET",
            path: "/v2/users".to_string(),
        };
        let err = store
            .apply_feed(table, &mut || feed.next(), true, 0.0, &target)
            .unwrap_err();
        assert!(err.to_string().contains("nothing of it was kept"), "{err}");
        assert_eq!(store.count(table).unwrap(), 1);
    }

    fn index_names(store: &Store, table: &Table) -> Vec<String> {
        store
            .with_search(|conn| {
                let mut stmt = conn
                    .prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = ?1 AND sql IS NOT NULL ORDER BY name")
                    .unwrap();
                let names = stmt
                    .query_map([table.data_table()], |r| r.get::<_, String>(0))
                    .unwrap();
                Ok(names.map(|name| name.unwrap()).collect())
            })
            .unwrap()
    }

    /// The indexes `schema::indexes` names are the table's, and a search by reference uses
    /// one.
    #[test]
    fn a_table_has_its_indexes_and_a_reference_search_uses_one() {
        let table = crate::schema::table("time_entries").unwrap();
        let mut expected: Vec<String> = crate::schema::indexes(table)
            .into_iter()
            .map(|(name, _)| name.trim_matches('"').to_string())
            .collect();
        expected.sort();
        assert!(expected.len() >= 5, "{expected:?}");
        let store = Store::open(None, "1").unwrap();
        assert_eq!(index_names(&store, table), expected);
        let records = [
            json!({"id": 2, "user": {"id": 5}}),
            json!({"id": 3, "user": {"id": 6}}),
        ];
        apply_records(&store, "time_entries", &records, true);
        let plan: String = store
            .with_search(|conn| {
                Ok(conn
                    .query_row(
                        &format!(
                            "EXPLAIN QUERY PLAN SELECT id FROM {} WHERE user_id = 6",
                            quote(&table.data_table())
                        ),
                        [],
                        |r| r.get::<_, String>(3),
                    )
                    .unwrap())
            })
            .unwrap();
        assert!(plan.contains("USING") && plan.contains("INDEX"), "{plan}");
        let found: i64 = store
            .with_search(|conn| {
                Ok(conn
                    .query_row(
                        &format!(
                            "SELECT id FROM {} WHERE user_id = 6",
                            quote(&table.data_table())
                        ),
                        [],
                        |r| r.get(0),
                    )
                    .unwrap())
            })
            .unwrap();
        assert_eq!(found, 3);
    }

    fn ids_found(store: &Store, entity: &str, filter: Value) -> Vec<i64> {
        let table = crate::schema::table(entity).unwrap();
        let params = json!({"query": {"filter": filter}});
        let checked = harvest_core::context_store::search::validate(table.entity, &params)
            .unwrap_or_else(|e| panic!("{params}: {e}"));
        let result: Value = serde_json::from_str(&store.search(table, &checked).unwrap()).unwrap();
        let data = result["data"].as_array().unwrap();
        data.iter().map(|r| r["id"].as_i64().unwrap()).collect()
    }

    /// Words are written only for a record that changed: one that only moved in the listing
    /// keeps them, one that changed has its new ones.
    #[test]
    fn a_moved_record_keeps_its_words_and_a_changed_one_gets_new_ones() {
        let store = Store::open(None, "1").unwrap();
        let ana = json!({"id": 1, "first_name": "Ana"});
        let bo = json!({"id": 2, "first_name": "Bo"});
        apply_records(&store, "users", &[ana.clone(), bo.clone()], true);
        let counts = apply_records(&store, "users", &[bo.clone(), ana], true);
        assert_eq!((counts.added, counts.updated), (0, 0));
        assert_eq!(
            ids_found(&store, "users", json!({"fuzzy": {"first_name": "ana"}})),
            [1]
        );
        assert_eq!(
            ids_found(&store, "users", json!({"gt": {"id": 0}})),
            [2, 1],
            "the listing's order"
        );
        let zed = json!({"id": 1, "first_name": "Zed"});
        let counts = apply_records(&store, "users", &[bo, zed], true);
        assert_eq!(counts.updated, 1);
        assert_eq!(
            ids_found(&store, "users", json!({"keyword": {"first_name": "zed"}})),
            [1]
        );
        assert!(ids_found(&store, "users", json!({"fuzzy": {"first_name": "ana"}})).is_empty());
    }
}
