//! Rust core of harvest-agent-connector: the Harvest API v2 catalogue, validation, auth,
//! HTTP pipeline and errors. Pure Rust; the Python binding lives in `python/` behind the
//! `python` feature, so `cargo test --no-default-features` needs no interpreter.

pub mod auth;
pub mod body;
pub mod catalog;
pub mod client;
pub mod error;
pub mod hosted;
pub mod pagination;
pub mod ratelimit;
pub mod request;
pub mod response;
pub mod retry;
pub mod sandbox;

#[cfg(feature = "python")]
mod python;
