//! The request log: every request the sandbox received, as it arrived.

use std::time::Duration;

/// One request as received (recorded before latency, faults or auth apply).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordedRequest {
    pub method: String,
    /// The raw (percent-encoded) path, e.g. `/v2/time_entries`.
    pub path: String,
    /// The raw query string without the leading `?` (empty if none).
    pub query: String,
    /// Header names lowercased, in the order hyper exposes them.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// Arrival time, measured from the sandbox's start.
    pub at: Duration,
    /// Requests being handled when this one arrived, itself included: above 1 means the
    /// client had several requests in flight at once.
    pub in_flight: usize,
}

impl RecordedRequest {
    /// The first value of a header, by case-insensitive name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The decoded query parameters, in order.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        url::form_urlencoded::parse(self.query.as_bytes())
            .map(|(key, value)| (key.into_owned(), value.into_owned()))
            .collect()
    }
}
