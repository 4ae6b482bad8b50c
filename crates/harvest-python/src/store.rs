//! The local store's face in Python: `_native.Store(path, account_id)` opens it, and the
//! connector runs searches, SQL and syncs on it (`NativeConnector::submit_store`) on the
//! tokio runtime, reporting to the completion queue like every other call.

use std::path::PathBuf;
use std::sync::Arc;

use bytes::Bytes;
use pyo3::prelude::*;
use serde_json::Value;

use harvest_core::client::{HarvestClient, Outcome};
use harvest_core::context_store::{search, sql};
use harvest_core::error::{Error, Result};
use harvest_core::request::RequestSpec;
use harvest_store::sync::{self, table_for};
use harvest_store::Store;

use super::errors::to_pyerr;

#[pyclass(frozen, module = "airbyte_agent_sdk._native", name = "Store")]
pub struct NativeStore {
    pub store: Arc<Store>,
}

#[pymethods]
impl NativeStore {
    /// Open (or create, mode 0600) the store at `path`, or an in-memory one for None, bound
    /// to Harvest account `account_id`.
    #[new]
    #[pyo3(signature = (path, account_id))]
    fn new(py: Python<'_>, path: Option<PathBuf>, account_id: String) -> PyResult<Self> {
        let store = py
            .detach(|| Store::open(path.as_deref(), &account_id))
            .map_err(|e| to_pyerr(py, &e))?;
        Ok(NativeStore {
            store: Arc::new(store),
        })
    }

    /// The file path, or `:memory:`.
    #[getter]
    fn path(&self) -> String {
        self.store.label().to_string()
    }

    /// The sync running now: `(entity, records received so far, total or None)`, or None.
    fn progress(&self) -> Option<(&'static str, u64, Option<u64>)> {
        self.store
            .progress()
            .map(|p| (p.entity, p.received, p.total))
    }

    /// Every table with its columns (`[{table, incremental, columns: [{name, type, holds}]}]`).
    #[staticmethod]
    fn tables(py: Python<'_>) -> PyResult<Bound<'_, PyAny>> {
        Ok(pythonize::pythonize(py, &Store::describe())?)
    }

    fn __repr__(&self) -> String {
        format!("Store(path={:?})", self.store.label())
    }
}

/// What a store call does, checked before it starts.
pub enum StoreOp {
    Search(&'static harvest_store::schema::Table, Value),
    Sql(&'static harvest_store::schema::Table, Value),
    Sync(Option<Vec<&'static harvest_store::schema::Table>>, bool),
}

fn entity_def(entity: &str) -> Result<&'static harvest_core::catalog::Entity> {
    harvest_core::catalog::entity(entity).ok_or_else(|| Error::UnknownEntity {
        entity: entity.chars().take(64).collect(),
        valid: harvest_core::catalog::entity_names(),
    })
}

/// Check a search or SQL call (the query language and parameters first, then whether the
/// store holds the entity).
pub fn prepare(action: &str, entity: &str, params: &Value) -> Result<StoreOp> {
    let def = entity_def(entity)?;
    match action {
        search::ACTION => {
            let checked = search::validate(def, params)?;
            let table = table_for(entity, search::ACTION)?;
            harvest_store::search::offset(table, &checked)?;
            Ok(StoreOp::Search(table, checked))
        }
        _ => {
            let checked = sql::validate(def, params)?;
            Ok(StoreOp::Sql(table_for(entity, sql::ACTION)?, checked))
        }
    }
}

/// Check the entities of a `sync()`.
pub fn prepare_sync(entities: Option<Vec<String>>, full: bool) -> Result<StoreOp> {
    let tables = match entities {
        None => None,
        Some(names) => Some(
            names
                .iter()
                .map(|name| table_for(name, "sync"))
                .collect::<Result<Vec<_>>>()?,
        ),
    };
    Ok(StoreOp::Sync(tables, full))
}

/// Run a checked store call: a search or SQL refreshes its entity first when stale.
pub async fn run(
    store: Arc<Store>,
    client: Arc<HarvestClient>,
    op: StoreOp,
    freshness: sync::Freshness,
) -> Result<Outcome> {
    let value = match op {
        StoreOp::Search(table, params) => {
            sync::refresh_if_stale(&store, &client, table, freshness).await?;
            let text = blocking(&store, move |store| store.search(table, &params)).await?;
            return Ok(Outcome::Object(Bytes::from(text)));
        }
        StoreOp::Sql(table, params) => {
            // The entity called on, and every other entity table the query reads (a join).
            let sql = params.get("sql").and_then(Value::as_str).unwrap_or("");
            let mut tables = vec![table];
            let sql_text = sql.to_string();
            let read = blocking(&store, move |store| Ok(store.tables_read(&sql_text))).await?;
            for read in read {
                if !tables.iter().any(|t| t.name() == read.name()) {
                    tables.push(read);
                }
            }
            for each in tables {
                sync::refresh_if_stale(&store, &client, each, freshness).await?;
            }
            blocking(&store, move |store| store.sql(table, &params)).await?
        }
        StoreOp::Sync(tables, full) => {
            sync::sync_all(&store, &client, tables, full, freshness).await?
        }
    };
    Ok(Outcome::Object(Bytes::from(value.to_string())))
}

/// Run `f` on the store off the runtime's threads: it may wait for a sync's transaction
/// (a write) or scan many rows (a search, SQL), and the runtime must go on serving the pull.
async fn blocking<T: Send + 'static>(
    store: &Arc<Store>,
    f: impl FnOnce(&Store) -> Result<T> + Send + 'static,
) -> Result<T> {
    let store = Arc::clone(store);
    let label = store.label().to_string();
    tokio::task::spawn_blocking(move || f(&store))
        .await
        .map_err(|e| Error::Store {
            path: label,
            reason: format!("the store call stopped: {e}"),
        })?
}

/// After a successful write: the record it returned upserted, or the deleted one removed
/// (read-your-writes). Writes to an entity the store does not hold change nothing; a store
/// failure here is logged, not the write's failure (the write happened).
pub async fn after_write(store: &Arc<Store>, spec: &RequestSpec, outcome: &Outcome) {
    let Some(table) = harvest_store::schema::table(spec.entity.name) else {
        return;
    };
    let result = match outcome {
        Outcome::Object(body) if !body.is_empty() => {
            let body = body.clone();
            blocking(store, move |store| store.put(table, &body).map(|_| ())).await
        }
        Outcome::Deleted(summary) if spec.action.name == "delete" => {
            match summary.get("id").and_then(Value::as_i64) {
                Some(id) => blocking(store, move |store| store.remove(table, id).map(|_| ())).await,
                None => Ok(()),
            }
        }
        _ => Ok(()),
    };
    if let Err(error) = result {
        log::warn!(
            "store: {}.{} succeeded but the local store was not updated: {error}",
            spec.entity.name,
            spec.action.name
        );
    }
}
