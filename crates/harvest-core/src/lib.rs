//! The core of harvest-agent-connector: what Harvest API v2 offers (the catalogue) and the
//! pipeline that turns one call into requests and records. Pure Rust, no Python: the binding
//! (`harvest-python`) and hosted mode (`harvest-hosted`) build on it, never the other way.
//!
//! The modules, from the bottom up (each names only those above it in this list):
//! - [`catalog`]: THE table of entities, actions and parameters; everything else reads it.
//! - [`error`]: the one error type, with messages written for a person and for an LLM.
//! - [`values`]: parsing and checking parameter values (ids, dates, text) and their wire form.
//! - [`json_scan`]: serde pieces for reading JSON bodies without a value tree.
//! - [`body`], [`retry`], [`ratelimit`]: reading bodies, retry policy, client-side budgets.
//! - [`response`]: classifying an answer and finding its records.
//! - [`pagination`]: cursors, pages and `limit` walks.
//! - [`write_body`]: the bodies of writes: nested values, rules across fields, uploads.
//! - [`write_policy`]: which writes a connector may send (`allow_writes`).
//! - [`context_store`]: the parameters and query language of `context_store_search` and
//!   `context_store_sql_query`, shared by hosted mode and the local store.
//! - [`request`]: one call's params validated against the catalogue into a request.
//! - [`auth`]: personal access tokens and OAuth2 token state.
//! - [`shared`]: the seam for budgets and token state shared by processes (kept elsewhere).
//! - [`client`]: the pipeline: validate, throttle, send, classify, retry, decode.

pub mod auth;
pub mod body;
pub mod catalog;
pub mod client;
pub mod context_store;
pub mod error;
pub mod json_scan;
pub mod pagination;
pub mod projection;
pub mod ratelimit;
pub mod request;
pub mod response;
pub mod retry;
pub mod shared;
pub mod values;
pub mod write_body;
pub mod write_policy;
