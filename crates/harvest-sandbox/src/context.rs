//! What a route handler is given: the generated dataset and the mutable store over it, the
//! parsed query, the path's ids, the body and where the client addressed the server. Below
//! the handlers of `routes.rs`, `reports.rs` and `writes/` alike.

use std::sync::Mutex;

use super::calendar::Timestamp;
use super::data::Dataset;
use super::envelope::{ListParams, Mode};
use super::order::FieldOrders;
use super::query::Query;
use super::reply::{ApiError, Reply};
use super::store::{Record, Tables};

/// Everything a handler may look at.
pub(crate) struct Ctx<'a> {
    /// The generated account as it was at start (reports aggregate it).
    pub data: &'a Dataset,
    /// The records as writes left them: what record reads and writes use.
    pub store: &'a Mutex<Tables>,
    /// Harvest's field order, for every record answered from the store.
    pub orders: &'a FieldOrders,
    pub body: &'a [u8],
    pub content_type: Option<&'a str>,
    pub query: Query,
    /// The `{id}` segments of the path, in order.
    pub ids: Vec<u64>,
    /// `http://host[:port]` as the client addressed the server.
    pub origin: &'a str,
    pub path: &'a str,
}

impl Ctx<'_> {
    pub(crate) fn id(&self, position: usize) -> Result<u64, ApiError> {
        self.ids
            .get(position)
            .copied()
            .ok_or(ApiError::RouteNotFound)
    }

    pub(crate) fn list_params(
        &self,
        mode: Mode,
        default_per_page: u64,
    ) -> Result<ListParams, ApiError> {
        ListParams::parse(
            &self.query,
            mode,
            default_per_page,
            format!("{}{}", self.origin, self.path),
        )
    }

    /// A record from the store as the answer, in Harvest's field order.
    pub(crate) fn reply(&self, status: hyper::StatusCode, record: &Record) -> Reply {
        Reply::json(status, &self.orders.ordered(record))
    }

    pub(crate) fn ok(&self, record: &Record) -> Reply {
        self.reply(hyper::StatusCode::OK, record)
    }

    pub(crate) fn updated_since(&self) -> Result<Option<Timestamp>, ApiError> {
        self.query.datetime("updated_since")
    }
}

pub(crate) type Handler = fn(&Ctx<'_>) -> Result<Reply, ApiError>;
