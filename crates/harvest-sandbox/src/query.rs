//! Typed access to a request's query string, with Harvest-style 422s for
//! values that do not parse.

use super::calendar::{Date, Timestamp};
use super::reply::ApiError;

/// The decoded `name=value` pairs of a query string, in request order.
#[derive(Debug, Default, Clone)]
pub(crate) struct Query {
    pairs: Vec<(String, String)>,
}

impl Query {
    pub(crate) fn parse(raw: &str) -> Query {
        Query {
            pairs: url::form_urlencoded::parse(raw.as_bytes())
                .map(|(name, value)| (name.into_owned(), value.into_owned()))
                .collect(),
        }
    }

    pub(crate) fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// The first value of `name`; an empty value counts as absent (as Rails'
    /// `params[:x].presence` treats it).
    pub(crate) fn get(&self, name: &str) -> Option<&str> {
        self.pairs
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.trim())
            .filter(|value| !value.is_empty())
    }

    pub(crate) fn bool(&self, name: &str) -> Result<Option<bool>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        match value.to_ascii_lowercase().as_str() {
            "true" | "1" => Ok(Some(true)),
            "false" | "0" => Ok(Some(false)),
            _ => Err(ApiError::unprocessable(format!(
                "{name} must be true or false"
            ))),
        }
    }

    pub(crate) fn id(&self, name: &str) -> Result<Option<u64>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        parse_id(value)
            .map(Some)
            .ok_or_else(|| ApiError::unprocessable(format!("{name} must be an integer")))
    }

    pub(crate) fn date(&self, name: &str) -> Result<Option<Date>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        Date::parse(value)
            .map(Some)
            .ok_or_else(|| ApiError::unprocessable(format!("{name} is not a valid date")))
    }

    /// `updated_since`-style datetimes. A malformed value is a 400, which is
    /// what Airbyte observed for `2010-01-01 00:00:00+00:00` (airbyte#35296).
    pub(crate) fn datetime(&self, name: &str) -> Result<Option<Timestamp>, ApiError> {
        let Some(value) = self.get(name) else {
            return Ok(None);
        };
        Timestamp::parse_iso8601(value)
            .map(Some)
            .ok_or_else(|| ApiError::BadRequest(format!("{name} is not a valid ISO 8601 datetime")))
    }

    /// Positive integers for `page`/`per_page`; `Err(())` when present but not one.
    pub(crate) fn positive_integer(&self, name: &str) -> Result<Option<u64>, ()> {
        match self.get(name) {
            None => Ok(None),
            Some(value) => parse_id(value).filter(|n| *n > 0).map(Some).ok_or(()),
        }
    }
}

/// A non-negative decimal integer made only of ASCII digits (no sign, no spaces).
pub(crate) fn parse_id(text: &str) -> Option<u64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}
