//! Pulls from Harvest into the store, through the same client as every other call (budgets,
//! retries, timeouts). A pull is every page of the entity's `list` (walked concurrently by
//! the client), full or since the last sync (`updated_since`, minus a safety overlap for
//! clocks and records written while the last pull ran). The pages go, as they arrive, to a
//! thread that turns their bytes into rows in one transaction, so the store is written while
//! the pull waits on Harvest's rate limit.

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Map, Value};

use harvest_core::catalog::MAX_LIMIT;
use harvest_core::client::HarvestClient;
use harvest_core::error::{Error, Result};

use super::apply::Feed;
use super::rows::Counts;
use super::schema::{self, Table};
use super::{iso_datetime, now, Store};

/// Why a pull stopped early: the thread writing its pages failed (its error is the sync's).
const WRITER_GONE: &str = "the store stopped taking pages";

/// How far before the last sync an incremental pull starts.
pub const OVERLAP: Duration = Duration::from_secs(60);

/// When the store goes back to Harvest by itself.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Freshness {
    /// A search or SQL first syncs its entity when its data is older (None: only if never
    /// synced).
    pub max_age: Option<Duration>,
    /// A sync is a full one (which finds deletions) when the last full one is older (None:
    /// only when asked).
    pub full_every: Option<Duration>,
}

impl Freshness {
    /// Whether a full pull is due for an entity last fully synced at `full` (None: never).
    fn full_due(&self, full: Option<f64>) -> bool {
        match (full, self.full_every) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(at), Some(every)) => now() - at >= every.as_secs_f64(),
        }
    }
}

/// What one entity's sync did.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub entity: &'static str,
    pub full: bool,
    pub counts: Counts,
    pub requests: u64,
    pub seconds: f64,
    /// The `updated_since` sent, for an incremental pull.
    pub since: Option<String>,
}

impl Report {
    pub fn to_json(&self) -> Value {
        json!({
            "full": self.full,
            "added": self.counts.added,
            "updated": self.counts.updated,
            "removed": self.counts.removed,
            "received": self.counts.received,
            "requests": self.requests,
            "seconds": (self.seconds * 1000.0).round() / 1000.0,
            "updated_since": self.since,
        })
    }
}

/// The table of `entity` for `action`, or why the store has none.
pub fn table_for(entity: &str, action: &'static str) -> Result<&'static Table> {
    let def = harvest_core::catalog::entity(entity).ok_or_else(|| Error::UnknownEntity {
        entity: entity.chars().take(64).collect(),
        valid: harvest_core::catalog::entity_names(),
    })?;
    match schema::table(def.name) {
        Some(table) => Ok(table),
        None => Err(Error::StoreUnsupported {
            entity: def.name,
            action,
            reason: schema::unsupported(def).unwrap_or_default(),
        }),
    }
}

/// Pull `table` from Harvest into `store`: a full pull when asked, when the entity was never
/// fully synced or not within `freshness.full_every`, or when its listing takes no
/// `updated_since`; otherwise only what changed.
pub async fn sync_table(
    store: &Arc<Store>,
    client: &HarvestClient,
    table: &'static Table,
    full: bool,
    freshness: Freshness,
) -> Result<Report> {
    let clock = Instant::now();
    let times = store.sync_times(table.name())?;
    let last = times.map(|(at, _)| at);
    let full = full || !table.incremental || freshness.full_due(times.and_then(|(_, f)| f));
    let since = match last {
        Some(last) if !full => Some(iso_datetime(last - OVERLAP.as_secs_f64())),
        _ => None,
    };
    let started = now();
    log::info!(
        "store: syncing {} ({})",
        table.name(),
        since
            .as_deref()
            .map_or_else(|| "full".to_string(), |s| format!("updated_since {s}"))
    );
    let first = client.prepare(table.name(), "list", &list_params(since.as_deref(), None))?;
    let target = client.target(&first);
    let (pages, mut feed) = tokio::sync::mpsc::unbounded_channel::<Feed>();
    let writer = {
        let store = Arc::clone(store);
        tokio::task::spawn_blocking(move || {
            store.apply_feed(table, &mut || feed.blocking_recv(), full, started, &target)
        })
    };
    let pulled = pull(client, table, since.as_deref(), &pages).await;
    if pulled.is_ok() {
        let _ = pages.send(Feed::Done);
    }
    // Closing the channel without `Done` makes the writer roll back.
    drop(pages);
    let applied = writer.await.map_err(|e| Error::Store {
        path: store.label().to_string(),
        reason: format!("the sync's writer stopped: {e}"),
    });
    // The writer's own error says more than the pull's "it stopped taking pages"; a pull
    // that failed by itself made the writer roll back, and its error is the sync's.
    let (requests, counts) = match (pulled, applied) {
        (Ok(requests), applied) => (requests, applied??),
        (Err(Error::Store { reason, .. }), Ok(Err(error))) if reason == WRITER_GONE => {
            return Err(error)
        }
        (Err(error), _) => return Err(error),
    };
    let report = Report {
        entity: table.name(),
        full,
        counts,
        requests,
        seconds: clock.elapsed().as_secs_f64(),
        since,
    };
    log::info!(
        "store: synced {}: {} added, {} updated, {} removed ({} received, {} requests, {:.2}s)",
        report.entity,
        counts.added,
        counts.updated,
        counts.removed,
        counts.received,
        requests,
        report.seconds
    );
    Ok(report)
}

fn list_params(since: Option<&str>, cursor: Option<&str>) -> Value {
    let mut params = Map::new();
    params.insert("limit".into(), json!(MAX_LIMIT));
    if let Some(since) = since {
        params.insert("updated_since".into(), json!(since));
    }
    if let Some(cursor) = cursor {
        params.insert("cursor".into(), json!(cursor));
    }
    Value::Object(params)
}

/// Every page of the listing (since `since`) into `pages`; how many requests it took.
async fn pull(
    client: &HarvestClient,
    table: &'static Table,
    since: Option<&str>,
    pages: &tokio::sync::mpsc::UnboundedSender<Feed>,
) -> Result<u64> {
    let mut requests = 0u64;
    let mut cursor: Option<String> = None;
    loop {
        let spec = client.prepare(table.name(), "list", &list_params(since, cursor.as_deref()))?;
        let mut each = |part| {
            requests += 1;
            // The writer is gone only after failing: no point fetching the rest.
            pages.send(Feed::Page(part)).map_err(|_| Error::Store {
                path: String::new(),
                reason: WRITER_GONE.to_string(),
            })
        };
        let outcome = client.walk_pages(&spec, &mut each).await?;
        log::debug!("store: {}: {requests} requests so far", table.name());
        match outcome.meta.next_cursor {
            Some(next) if outcome.meta.has_more => cursor = Some(next),
            _ => return Ok(requests),
        }
    }
}

/// Sync `table` first when its data is older than `freshness.max_age` (never synced: always;
/// None: only if never synced). One sync at a time per store: a caller that waited re-checks.
pub async fn refresh_if_stale(
    store: &Arc<Store>,
    client: &HarvestClient,
    table: &'static Table,
    freshness: Freshness,
) -> Result<Option<Report>> {
    let stale = |synced: Option<f64>| match (synced, freshness.max_age) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(at), Some(age)) => now() - at >= age.as_secs_f64(),
    };
    // Off the runtime's threads: in memory, reading waits while a sync of another entity
    // commits its pages, and that sync's pull needs the runtime.
    let synced = {
        let reader = Arc::clone(store);
        tokio::task::spawn_blocking(move || reader.synced_at(table.name()))
            .await
            .map_err(|e| Error::Store {
                path: store.label().to_string(),
                reason: format!("the store call stopped: {e}"),
            })??
    };
    if !stale(synced) {
        return Ok(None);
    }
    let _one = store.sync_lock.lock().await;
    if !stale(store.synced_at(table.name())?) {
        return Ok(None);
    }
    sync_table(store, client, table, false, freshness)
        .await
        .map(Some)
}

/// Sync several entities (None: every table), one after the other; `{entity: report}`.
pub async fn sync_all(
    store: &Arc<Store>,
    client: &HarvestClient,
    entities: Option<Vec<&'static Table>>,
    full: bool,
    freshness: Freshness,
) -> Result<Value> {
    let tables = entities.unwrap_or_else(|| schema::tables().iter().collect());
    let mut out = Map::new();
    let _one = store.sync_lock.lock().await;
    for table in tables {
        let report = sync_table(store, client, table, full, freshness).await?;
        out.insert(table.name().to_string(), report.to_json());
    }
    Ok(Value::Object(out))
}
