//! Harvest's list envelope and its two pagination modes (harvest-api.md §3):
//! page numbers everywhere, plus opaque cursors on the 18 endpoints that
//! deprecated `page` in 2023.

use bytes::Bytes;
use serde::ser::{SerializeMap, Serializer};
use serde::Serialize;

use super::query::Query;
use super::reply::ApiError;

pub(crate) const MAX_PER_PAGE: u64 = 2000;
pub(crate) const DEFAULT_PER_PAGE: u64 = 2000;
const PER_PAGE_MESSAGE: &str = "per_page must be between 1 and 2000";

/// Parameters that belong to pagination (or to authentication) and are
/// therefore not carried over into the envelope's links as filters.
const NON_FILTER_PARAMS: [&str; 6] = [
    "page",
    "per_page",
    "cursor",
    "ref",
    "access_token",
    "account_id",
];

/// How an endpoint paginates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mode {
    Pages,
    Cursor,
}

/// A decoded cursor: the page after, or before, the record with this id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Cursor {
    After(u64),
    Before(u64),
}

impl Cursor {
    /// Base64url (unpadded) of `{"after":{"id":N}}` / `{"before":{"id":N}}`,
    /// the shape Harvest's own cursors decode to.
    pub(crate) fn encode(self) -> String {
        let json = match self {
            Cursor::After(id) => format!(r#"{{"after":{{"id":{id}}}}}"#),
            Cursor::Before(id) => format!(r#"{{"before":{{"id":{id}}}}}"#),
        };
        base64url_encode(json.as_bytes())
    }

    pub(crate) fn decode(token: &str) -> Option<Cursor> {
        let bytes = base64url_decode(token.trim())?;
        let value: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
        let object = value.as_object()?;
        if object.len() != 1 {
            return None;
        }
        let (direction, target) = object.iter().next()?;
        let id = target.get("id")?.as_u64()?;
        match direction.as_str() {
            "after" => Some(Cursor::After(id)),
            "before" => Some(Cursor::Before(id)),
            _ => None,
        }
    }
}

/// Pagination parameters of one list request.
#[derive(Debug)]
pub(crate) struct ListParams {
    mode: Mode,
    per_page: u64,
    page: u64,
    cursor: Option<Cursor>,
    /// `scheme://host/path` of the request, the prefix of every link.
    url: String,
    /// The request's filters, preserved in every link.
    filters: Vec<(String, String)>,
}

impl ListParams {
    pub(crate) fn parse(
        query: &Query,
        mode: Mode,
        default_per_page: u64,
        url: String,
    ) -> Result<ListParams, ApiError> {
        let per_page = match query.positive_integer("per_page") {
            Ok(Some(n)) if n <= MAX_PER_PAGE => n,
            Ok(None) => default_per_page,
            Ok(Some(_)) | Err(()) => return Err(ApiError::unprocessable(PER_PAGE_MESSAGE)),
        };
        let page = query
            .positive_integer("page")
            .map_err(|()| ApiError::unprocessable("page must be a positive integer"))?
            .unwrap_or(1);
        let cursor = match (mode, query.get("cursor")) {
            (Mode::Cursor, Some(token)) => Some(
                Cursor::decode(token)
                    .ok_or_else(|| ApiError::unprocessable("cursor is invalid"))?,
            ),
            _ => None,
        };
        let filters = query
            .pairs()
            .iter()
            .filter(|(name, _)| !NON_FILTER_PARAMS.contains(&name.as_str()))
            .cloned()
            .collect();
        Ok(ListParams {
            mode,
            per_page,
            page,
            cursor,
            url,
            filters,
        })
    }

    /// Selects the records of this page out of `total` ordered records;
    /// `id_at(i)` is the id of the i-th one (used by cursors only).
    pub(crate) fn window(
        &self,
        total: usize,
        id_at: impl Fn(usize) -> u64,
    ) -> Result<Window, ApiError> {
        let per_page = usize::try_from(self.per_page).unwrap_or(usize::MAX);
        let total_pages = total.div_ceil(per_page) as u64;
        let (start, end, cursor_mode) = match self.cursor {
            Some(cursor) => {
                let target = match cursor {
                    Cursor::After(id) | Cursor::Before(id) => id,
                };
                let position = (0..total)
                    .find(|&i| id_at(i) == target)
                    .ok_or_else(|| ApiError::unprocessable("cursor is invalid"))?;
                match cursor {
                    Cursor::After(_) => {
                        let start = position + 1;
                        (start, start.saturating_add(per_page).min(total), true)
                    }
                    Cursor::Before(_) => (position.saturating_sub(per_page), position, true),
                }
            }
            None => {
                let start = usize::try_from(self.page - 1)
                    .unwrap_or(usize::MAX)
                    .saturating_mul(per_page)
                    .min(total);
                (start, start.saturating_add(per_page).min(total), false)
            }
        };

        let (page, next_page, previous_page) = if !cursor_mode {
            let page = self.page;
            (
                Some(page),
                (page < total_pages).then(|| page + 1),
                (page > 1).then(|| page - 1),
            )
        } else if start == 0 {
            (Some(1), (total_pages > 1).then_some(2), None)
        } else if end >= total {
            (
                Some(total_pages.max(1)),
                None,
                (total_pages > 1).then(|| total_pages - 1),
            )
        } else {
            // Middle pages reached through a cursor have no page number (§3.3).
            (None, None, None)
        };

        let last_page = total_pages.max(1);
        let (next, previous) = match self.mode {
            Mode::Pages => (
                next_page.map(|n| self.link(&[("page", n.to_string())])),
                (self.page > 1).then(|| self.link(&[("page", (self.page - 1).to_string())])),
            ),
            Mode::Cursor => (
                (end > 0 && end < total).then(|| {
                    self.link(&[
                        ("cursor", Cursor::After(id_at(end - 1)).encode()),
                        ("ref", "next_cursor".into()),
                    ])
                }),
                (start > 0 && start < total).then(|| {
                    self.link(&[
                        ("cursor", Cursor::Before(id_at(start)).encode()),
                        ("ref", "previous_cursor".into()),
                    ])
                }),
            ),
        };
        // A page-mode request beyond the end still gets a way back.
        let previous = match (self.mode, previous) {
            (Mode::Cursor, None) if !cursor_mode && self.page > 1 => {
                Some(self.link(&[("page", (self.page - 1).to_string())]))
            }
            (_, previous) => previous,
        };

        Ok(Window {
            start,
            end,
            meta: Meta {
                per_page: self.per_page,
                total_pages,
                total_entries: total as u64,
                next_page,
                previous_page,
                page,
                links: Links {
                    first: self.link(&[("page", "1".into()), ("ref", "first".into())]),
                    next,
                    previous,
                    last: self.link(&[("page", last_page.to_string()), ("ref", "last".into())]),
                },
            },
        })
    }

    /// An absolute link with the filters, `per_page` and `extra`, keys sorted
    /// alphabetically as Rails' `to_query` does.
    fn link(&self, extra: &[(&str, String)]) -> String {
        let mut params: Vec<(&str, &str)> = self
            .filters
            .iter()
            .map(|(name, value)| (name.as_str(), value.as_str()))
            .collect();
        let per_page = self.per_page.to_string();
        params.push(("per_page", &per_page));
        params.extend(extra.iter().map(|(name, value)| (*name, value.as_str())));
        params.sort_by(|a, b| a.0.cmp(b.0));
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        for (name, value) in params {
            query.append_pair(name, value);
        }
        format!("{}?{}", self.url, query.finish())
    }
}

/// The selected records `[start, end)` and the envelope fields describing them.
#[derive(Debug)]
pub(crate) struct Window {
    pub start: usize,
    pub end: usize,
    pub meta: Meta,
}

#[derive(Debug, Serialize)]
pub(crate) struct Meta {
    per_page: u64,
    total_pages: u64,
    total_entries: u64,
    next_page: Option<u64>,
    previous_page: Option<u64>,
    page: Option<u64>,
    links: Links,
}

#[derive(Debug, Serialize)]
struct Links {
    first: String,
    next: Option<String>,
    previous: Option<String>,
    last: String,
}

/// Serializes `{<key>: [records], per_page, ..., links}`.
pub(crate) fn render<T: Serialize>(
    key: &str,
    records: &[T],
    meta: &Meta,
) -> Result<Bytes, ApiError> {
    struct Envelope<'a, T> {
        key: &'a str,
        records: &'a [T],
        meta: &'a Meta,
    }
    impl<T: Serialize> Serialize for Envelope<'_, T> {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let meta = self.meta;
            let mut map = serializer.serialize_map(Some(8))?;
            map.serialize_entry(self.key, self.records)?;
            map.serialize_entry("per_page", &meta.per_page)?;
            map.serialize_entry("total_pages", &meta.total_pages)?;
            map.serialize_entry("total_entries", &meta.total_entries)?;
            map.serialize_entry("next_page", &meta.next_page)?;
            map.serialize_entry("previous_page", &meta.previous_page)?;
            map.serialize_entry("page", &meta.page)?;
            map.serialize_entry("links", &meta.links)?;
            map.end()
        }
    }
    serde_json::to_vec(&Envelope { key, records, meta })
        .map(Bytes::from)
        .map_err(|err| ApiError::Internal(err.to_string()))
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

fn base64url_encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let emit = chunk.len() + 1;
        for i in 0..emit {
            out.push(BASE64URL[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Accepts the URL-safe and the standard alphabet, padded or not.
fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=');
    if input.len() % 4 == 1 || input.len() > 4096 {
        return None;
    }
    let mut out = Vec::with_capacity(input.len() * 3 / 4);
    let mut buffer = 0u32;
    let mut bits = 0;
    for byte in input.bytes() {
        let value = match byte {
            b'A'..=b'Z' => byte - b'A',
            b'a'..=b'z' => byte - b'a' + 26,
            b'0'..=b'9' => byte - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursor_round_trips_and_matches_harvest_shape() {
        // Harvest's documented example cursor decodes to {"after":{"id":3007}}.
        assert_eq!(
            Cursor::decode("eyJhZnRlciI6eyJpZCI6MzAwN319"),
            Some(Cursor::After(3007))
        );
        assert_eq!(Cursor::After(3007).encode(), "eyJhZnRlciI6eyJpZCI6MzAwN319");
        for cursor in [
            Cursor::After(0),
            Cursor::Before(2_380_504_951),
            Cursor::After(u64::MAX),
        ] {
            assert_eq!(Cursor::decode(&cursor.encode()), Some(cursor));
        }
        for bad in ["", "!!!!", "e", "eyJ4Ijp7ImlkIjoxfX0", "bnVsbA"] {
            assert_eq!(Cursor::decode(bad), None, "{bad}");
        }
    }

    #[test]
    fn links_sort_keys_and_keep_filters() {
        let query = Query::parse("to=20171231&from=20170101&per_page=10&access_token=secret");
        let params = ListParams::parse(&query, Mode::Pages, 2000, "http://h/v2/x".into());
        let params = params.unwrap_or_else(|e| panic!("{e:?}"));
        let window = params
            .window(25, |i| i as u64)
            .unwrap_or_else(|e| panic!("{e:?}"));
        assert_eq!(
            window.meta.links.first,
            "http://h/v2/x?from=20170101&page=1&per_page=10&ref=first&to=20171231"
        );
        assert_eq!(
            window.meta.links.next.as_deref(),
            Some("http://h/v2/x?from=20170101&page=2&per_page=10&to=20171231")
        );
        assert_eq!(window.meta.total_pages, 3);
        assert_eq!((window.start, window.end), (0, 10));
    }
}
