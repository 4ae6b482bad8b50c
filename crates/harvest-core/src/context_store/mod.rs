//! The two context store actions, `context_store_search` and `context_store_sql_query`: their
//! parameters and the search query language, checked in one place for both places that answer
//! them: hosted mode (`harvest-hosted`, which sends them to the Airbyte API) and the local
//! store (`harvest-store`, which answers them from SQLite).

pub mod search;
pub mod sql;

/// Both action names, as callers pass them.
pub const ACTIONS: &[&str] = &[search::ACTION, sql::ACTION];
