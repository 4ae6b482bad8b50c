//! Pagination: the opaque `next_cursor` handed to callers, the checks that keep every followed
//! link on the configured API, and the walk that collects up to `limit` records across pages
//! (deduplicated by id, in Harvest's order).
//!
//! A cursor is base64url (unpadded) of `{"p": "<path>?<query>", "s": <skip>}`: the request
//! that yields the next records, relative to the API root, and how many records at the start
//! of that page the earlier call already returned (non-zero when a `limit` ended mid-page).
//! Decoding re-validates everything, since a cursor comes back from the caller.

use std::collections::HashSet;

use bytes::Bytes;
use serde_json::{json, Value};
use url::Url;

use crate::catalog::{Action, Location, Paging, MAX_PER_PAGE};
use crate::error::Target;
use crate::response::{ListMeta, ListPage, RecordId};
use crate::values::{check_wire, parse_id_string};

/// Longest cursor accepted back from a caller.
const MAX_CURSOR_CHARS: usize = 8192;
/// Pages of a page-numbered listing fetched at once during a `limit` walk.
pub const CONCURRENT_PAGES: usize = 4;

/// Query keys that belong to Harvest's pagination rather than to the catalogue's filters.
const PAGING_KEYS: [&str; 4] = ["page", "per_page", "cursor", "ref"];

/// Encode a resume point as an opaque cursor.
pub fn encode_cursor(relative: &str, skip: usize) -> String {
    let json = json!({ "p": relative, "s": skip }).to_string();
    base64url_encode(json.as_bytes())
}

/// Decode a cursor into `(relative request, skip)`; the request itself is checked by
/// [`parse_relative`].
pub fn decode_cursor(token: &str) -> Result<(String, usize), String> {
    if token.is_empty() {
        return Err("it is empty".to_string());
    }
    if token.len() > MAX_CURSOR_CHARS {
        return Err(format!("it is longer than {MAX_CURSOR_CHARS} characters"));
    }
    let bytes = base64url_decode(token).ok_or("it is not a cursor this connector issued")?;
    let value: Value =
        serde_json::from_slice(&bytes).map_err(|_| "it is not a cursor this connector issued")?;
    let relative = value.get("p").and_then(Value::as_str);
    let skip = value.get("s").and_then(Value::as_u64);
    match (relative, skip, value.as_object().map(|o| o.len())) {
        (Some(relative), Some(skip), Some(2)) if skip <= MAX_PER_PAGE as u64 => {
            Ok((relative.to_string(), skip as usize))
        }
        _ => Err("it is not a cursor this connector issued".to_string()),
    }
}

/// A request below the API root, split and checked against `action`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Relative {
    pub path: String,
    /// `(name, value)` of every path placeholder, in template order.
    pub path_params: Vec<(&'static str, String)>,
    pub query: Vec<(&'static str, String)>,
}

/// Check that `relative` (`/path?query`) is a request of `action`: the same path template
/// (placeholders holding ids), and only query keys the action declares or Harvest's paging
/// keys, each value well-formed, none twice. Nothing else can reach the wire from a cursor or
/// a followed link.
pub fn parse_relative(action: &Action, relative: &str) -> Result<Relative, String> {
    let (path, query) = relative.split_once('?').unwrap_or((relative, ""));
    let path_params = match_template(action.path, path).ok_or_else(|| {
        format!(
            "it continues a different listing ({}), not {} {}",
            shorten(path),
            action.method.as_str(),
            action.path
        )
    })?;
    let mut pairs: Vec<(&'static str, String)> = Vec::new();
    for (key, value) in url::form_urlencoded::parse(query.as_bytes()) {
        let name = known_key(action, &key)
            .ok_or_else(|| format!("it carries the unknown parameter {:?}", shorten(&key)))?;
        if pairs.iter().any(|(k, _)| *k == name) {
            return Err(format!("it carries {name} twice"));
        }
        let ok = match name {
            "page" => parse_id_string(&value).is_some_and(|p| p.len() <= 9),
            "cursor" => {
                action.paging() == Some(Paging::Cursor)
                    && !value.is_empty()
                    && value.len() <= 2048
                    && value
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b"-_=+/.".contains(&b))
            }
            "ref" => {
                !value.is_empty()
                    && value.len() <= 32
                    && value.bytes().all(|b| b.is_ascii_lowercase() || b == b'_')
            }
            _ => action
                .param(name)
                .is_some_and(|param| check_wire(param.ty, &value)),
        };
        if !ok {
            return Err(format!(
                "its value for {name} is malformed ({:?})",
                shorten(&value)
            ));
        }
        pairs.push((name, value.into_owned()));
    }
    for param in action
        .params
        .iter()
        .filter(|p| p.required && p.location == Location::Query)
    {
        if !pairs.iter().any(|(k, _)| *k == param.name) {
            return Err(format!("it lacks the required parameter {}", param.name));
        }
    }
    Ok(Relative {
        path: path.to_string(),
        path_params,
        query: pairs,
    })
}

/// The catalogue (static) name of a query key from a link, if the action may carry it.
fn known_key(action: &Action, key: &str) -> Option<&'static str> {
    if let Some(param) = action
        .params
        .iter()
        .find(|p| p.name == key && p.location == Location::Query)
    {
        return Some(param.name);
    }
    let paginated = matches!(action.paging(), Some(Paging::Pages | Paging::Cursor));
    PAGING_KEYS
        .into_iter()
        .find(|k| *k == key)
        .filter(|_| paginated)
}

/// Match `/users/42/cost_rates` against `/users/{user_id}/cost_rates`; placeholders must hold
/// ids (ASCII digits).
fn match_template(template: &'static str, path: &str) -> Option<Vec<(&'static str, String)>> {
    let mut out = Vec::new();
    let mut want = template.split('/');
    let mut got = path.split('/');
    loop {
        match (want.next(), got.next()) {
            (None, None) => return Some(out),
            (Some(w), Some(g)) if w.starts_with('{') && w.ends_with('}') => {
                out.push((&w[1..w.len() - 1], parse_id_string(g)?));
            }
            (Some(w), Some(g)) if w == g => {}
            _ => return None,
        }
    }
}

/// `links.next` as a request relative to `root`, if it stays on the configured API: same
/// scheme, host and port, a path under the root's path. Anything else is never followed.
pub fn relative_to_root(root: &str, link: &str) -> Option<String> {
    let root = Url::parse(root).ok()?;
    let link = Url::parse(link).ok()?;
    if link.scheme() != root.scheme()
        || link.host_str() != root.host_str()
        || link.port_or_known_default() != root.port_or_known_default()
        || !link.username().is_empty()
        || link.password().is_some()
        || link.fragment().is_some()
    {
        return None;
    }
    let prefix = root.path().trim_end_matches('/');
    let rest = link.path().strip_prefix(prefix)?;
    if !rest.starts_with('/') {
        return None;
    }
    Some(match link.query() {
        Some(query) if !query.is_empty() => format!("{rest}?{query}"),
        _ => rest.to_string(),
    })
}

/// The same request for another page number.
pub fn with_page(query: &[(&'static str, String)], page: u64) -> Vec<(&'static str, String)> {
    let mut out: Vec<(&'static str, String)> = query
        .iter()
        .filter(|(k, _)| *k != "page")
        .cloned()
        .collect();
    out.push(("page", page.to_string()));
    out
}

/// `path?query` with the query form-encoded in the given order.
pub fn render_relative(path: &str, query: &[(&'static str, String)]) -> String {
    if query.is_empty() {
        return path.to_string();
    }
    let mut encoder = url::form_urlencoded::Serializer::new(String::new());
    for (key, value) in query {
        encoder.append_pair(key, value);
    }
    format!("{path}?{}", encoder.finish())
}

/// One list page as received.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The request that produced it, relative to the API root (a resume point).
    pub relative: String,
    pub body: Bytes,
    pub page: ListPage,
    /// Records at the start of this page to pass over (already returned by an earlier call).
    pub skip: usize,
    /// `links.next`, checked and made relative; None if absent or pointing elsewhere.
    pub next: Option<String>,
}

/// Which records of one page's body go into the result.
#[derive(Debug, Clone, PartialEq)]
pub struct PagePart {
    pub body: Bytes,
    /// Per record of the page: keep it?
    pub keep: Vec<bool>,
}

/// Pagination facts of a finished list call.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct OutcomeMeta {
    /// Harvest's `links.next` of the last page read.
    pub next_link: Option<String>,
    /// Pass back as `cursor` to continue exactly after the last record returned.
    pub next_cursor: Option<String>,
    pub has_more: bool,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub total_pages: Option<u64>,
    pub total_entries: Option<u64>,
}

/// A finished list call: the selected records of each page read, in order, and its meta.
#[derive(Debug, Clone, PartialEq)]
pub struct ListOutcome {
    pub record_key: &'static str,
    pub parts: Vec<PagePart>,
    pub meta: OutcomeMeta,
    /// The first request of the walk, for errors found while building its records.
    pub target: Target,
}

/// What to do after a page was taken.
#[derive(Debug)]
pub enum Step {
    /// Fetch more: the next page's request, relative to the root.
    Next {
        relative: String,
        meta: ListMeta,
    },
    Done(ListOutcome),
}

/// Collects records page by page until `limit` (or the end of the listing).
pub struct Walk {
    record_key: &'static str,
    limit: usize,
    target: Target,
    collected: usize,
    seen: HashSet<RecordId>,
    /// Requests already read: a link back to one of them would loop forever.
    visited: HashSet<String>,
    parts: Vec<PagePart>,
}

impl Walk {
    pub fn new(record_key: &'static str, limit: usize, target: Target) -> Walk {
        Walk {
            record_key,
            limit,
            target,
            collected: 0,
            seen: HashSet::new(),
            visited: HashSet::new(),
            parts: Vec::new(),
        }
    }

    /// The pages taken so far (a consumer of pages empties them as the walk goes).
    pub fn take_parts(&mut self) -> Vec<PagePart> {
        std::mem::take(&mut self.parts)
    }

    /// Records still wanted.
    pub fn remaining(&self) -> usize {
        self.limit.saturating_sub(self.collected)
    }

    /// Take the wanted records of `fetched` (pages must come in Harvest's order).
    pub fn take(&mut self, fetched: Fetched) -> Result<Step, String> {
        let Fetched {
            relative,
            body,
            page,
            skip,
            next,
        } = fetched;
        let count = page.ids.len();
        let limit = self.limit;
        let mut keep = vec![false; count];
        let mut stopped_at = None;
        for (index, id) in page.ids.iter().enumerate().skip(skip) {
            if self.collected == limit {
                stopped_at = Some(index);
                break;
            }
            // Records shift between pages when data changes mid-walk: keep the first copy.
            let fresh = match id {
                Some(id) => self.seen.insert(id.clone()),
                None => true,
            };
            if fresh {
                keep[index] = true;
                self.collected += 1;
            }
        }
        self.parts.push(PagePart { body, keep });
        if let Some(index) = stopped_at {
            let resume = encode_cursor(&relative, index);
            return Ok(Step::Done(self.finish(&page.meta, next, Some(resume))));
        }
        self.visited.insert(relative);
        match (&page.meta.links.next, next) {
            // An empty page ends the walk whatever its links say (Harvest sends none then).
            _ if count == 0 => Ok(Step::Done(self.finish(&page.meta, None, None))),
            (Some(_), Some(next)) if self.visited.contains(&next) => Err(format!(
                "links.next leads back to a page already read ({}); the walk was stopped",
                shorten(&next)
            )),
            (Some(_), Some(next)) if self.collected < limit => Ok(Step::Next {
                relative: next,
                meta: page.meta,
            }),
            (Some(link), None) if self.collected < limit => Err(format!(
                "links.next points outside the configured API ({}); it was not followed",
                shorten(link)
            )),
            (_, next) => Ok(Step::Done(self.finish(&page.meta, next, None))),
        }
    }

    fn finish(
        &mut self,
        meta: &ListMeta,
        next: Option<String>,
        resume: Option<String>,
    ) -> ListOutcome {
        let next_cursor = resume.or_else(|| next.map(|relative| encode_cursor(&relative, 0)));
        ListOutcome {
            record_key: self.record_key,
            parts: std::mem::take(&mut self.parts),
            meta: OutcomeMeta::new(meta, next_cursor),
            target: self.target.clone(),
        }
    }
}

impl OutcomeMeta {
    fn new(meta: &ListMeta, next_cursor: Option<String>) -> OutcomeMeta {
        OutcomeMeta {
            has_more: next_cursor.is_some() || meta.links.next.is_some(),
            next_link: meta.links.next.clone(),
            next_cursor,
            page: meta.page,
            per_page: meta.per_page,
            total_pages: meta.total_pages,
            total_entries: meta.total_entries,
        }
    }
}

/// `links.next` as the request this client would send for it, relative to `root`; None if
/// it leaves the configured API or is not a page of the same listing (it is then not
/// followed, and a warning says so).
pub fn next_request(
    root: &str,
    action: &Action,
    link: Option<&str>,
    target: &Target,
) -> Option<String> {
    let link = link?;
    let next = relative_to_root(root, link)
        .and_then(|relative| parse_relative(action, &relative).ok())
        // In the form this client sends it, so equal requests compare equal.
        .map(|next| render_relative(&next.path, &next.query));
    if next.is_none() {
        log::warn!(
            "{target}: links.next {:?} is not a page of the same listing on the configured \
             API; it is not followed",
            link.chars().take(120).collect::<String>()
        );
    }
    next
}

/// One page of a listing read without a `limit`. Its body is not read as it arrives: the
/// binding builds the records and reads the meta in one pass (see `response::Scan::Later`),
/// then asks [`OnePage::finish`] for the call's meta.
#[derive(Debug, Clone)]
pub struct OnePage {
    pub record_key: &'static str,
    pub body: Bytes,
    /// Records at the start of the page to pass over (already returned by an earlier call).
    pub skip: usize,
    /// For errors found while reading the body: the method and path that got it.
    pub target: Target,
    /// The API root and action the request went to, which `links.next` must stay on.
    pub root: String,
    pub action: &'static Action,
}

impl OnePage {
    pub fn finish(&self, meta: &ListMeta) -> OutcomeMeta {
        let next = next_request(
            &self.root,
            self.action,
            meta.links.next.as_deref(),
            &self.target,
        );
        OutcomeMeta::new(meta, next.map(|relative| encode_cursor(&relative, 0)))
    }
}

/// The page numbers to fetch at once after a page of a page-numbered listing: from the next
/// one up to the last page that can still hold wanted records.
pub fn pages_to_fetch(next_page: u64, meta: &ListMeta, remaining: usize) -> Vec<u64> {
    let per_page = meta.per_page.unwrap_or(MAX_PER_PAGE as u64).max(1);
    let wanted = (remaining as u64).div_ceil(per_page).max(1);
    let last_by_need = next_page.saturating_add(wanted - 1);
    let last = meta
        .total_pages
        .map_or(next_page, |total| total.min(last_by_need))
        .max(next_page);
    (next_page..=last).collect()
}

/// The `page` value of a relative request, if it has one.
pub fn page_number(query: &[(&'static str, String)]) -> Option<u64> {
    query
        .iter()
        .find(|(k, _)| *k == "page")
        .and_then(|(_, v)| v.parse().ok())
}

fn shorten(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

const BASE64URL: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

pub fn base64url_encode(input: &[u8]) -> String {
    let mut out = String::with_capacity(input.len().div_ceil(3) * 4);
    for chunk in input.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(BASE64URL[(n >> (18 - 6 * i) & 63) as usize]));
        }
    }
    out
}

pub fn base64url_decode(input: &str) -> Option<Vec<u8>> {
    let input = input.trim_end_matches('=');
    if input.len() % 4 == 1 {
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
            b'-' => 62,
            b'_' => 63,
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
    use crate::catalog;
    use crate::response::inspect_list;

    fn action(entity: &str, action: &str) -> &'static Action {
        catalog::entity(entity).unwrap().action(action).unwrap()
    }

    #[test]
    fn cursors_round_trip_and_stay_opaque() {
        let relative = "/time_entries?from=2024-01-01&page=3&per_page=2000";
        let token = encode_cursor(relative, 17);
        assert!(token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        assert_eq!(decode_cursor(&token), Ok((relative.to_string(), 17)));
        assert!(decode_cursor(&encode_cursor(relative, 2001)).is_err());
        assert!(decode_cursor(&"A".repeat(MAX_CURSOR_CHARS + 4)).is_err());
    }

    #[test]
    fn only_links_on_the_configured_api_are_followed() {
        let root = "https://api.harvestapp.com/v2";
        assert_eq!(
            relative_to_root(
                root,
                "https://api.harvestapp.com/v2/users?cursor=abc&per_page=2"
            )
            .as_deref(),
            Some("/users?cursor=abc&per_page=2")
        );
        assert_eq!(
            relative_to_root(root, "https://api.harvestapp.com:443/v2/users").as_deref(),
            Some("/users")
        );
        for foreign in [
            "http://api.harvestapp.com/v2/users",
            "https://evil.example/v2/users",
            "https://api.harvestapp.com.evil.example/v2/users",
            "https://api.harvestapp.com:8443/v2/users",
            "https://user:pw@api.harvestapp.com/v2/users",
            "https://api.harvestapp.com/v3/users",
            "https://api.harvestapp.com/v2x/users",
            "https://api.harvestapp.com/v2/users#frag",
            "/v2/users",
            "not a url",
        ] {
            assert_eq!(relative_to_root(root, foreign), None, "{foreign}");
        }
    }

    #[test]
    fn relatives_are_checked_against_the_action() {
        let list = action("user_cost_rates", "list");
        let parsed = parse_relative(
            list,
            "/users/4955600/cost_rates?per_page=1&cursor=eyJh&ref=next_cursor",
        )
        .unwrap();
        assert_eq!(parsed.path_params, vec![("user_id", "4955600".to_string())]);
        assert_eq!(parsed.query.len(), 3);
        assert!(parse_relative(list, "/users/me/cost_rates").is_err());
        assert!(parse_relative(list, "/users/0/cost_rates").is_err());
        assert!(parse_relative(list, "/users/1/cost_rates/2").is_err());
        // Single-response lists take no paging keys at all.
        assert!(parse_relative(action("accounts", "list"), "/api/v2/accounts?page=2").is_err());
    }

    fn target() -> Target {
        Target {
            method: "GET",
            path: "/v2/users".into(),
        }
    }

    fn fetched(relative: &str, body: &str, skip: usize, next: Option<&str>) -> Fetched {
        Fetched {
            relative: relative.to_string(),
            body: Bytes::from(body.to_string()),
            page: inspect_list(body.as_bytes(), "users").unwrap(),
            skip,
            next: next.map(str::to_string),
        }
    }

    fn page(ids: &[u64], next: Option<&str>) -> String {
        let records: Vec<String> = ids.iter().map(|id| format!(r#"{{"id":{id}}}"#)).collect();
        format!(
            r#"{{"users":[{}],"per_page":3,"total_pages":3,"total_entries":9,"page":1,"links":{{"next":{}}}}}"#,
            records.join(","),
            next.map_or("null".to_string(), |n| format!("\"http://h/v2{n}\""))
        )
    }

    #[test]
    fn a_walk_dedupes_and_stops_exactly_at_the_limit() {
        let mut walk = Walk::new("users", 5, target());
        let step = walk
            .take(fetched(
                "/users?per_page=3",
                &page(&[1, 2, 3], Some("/users?page=2")),
                0,
                Some("/users?page=2"),
            ))
            .unwrap();
        assert!(matches!(step, Step::Next { ref relative, .. } if relative == "/users?page=2"));
        assert_eq!(walk.remaining(), 2);
        // Record 3 moved onto page 2 between requests: it is returned once.
        let step = walk
            .take(fetched(
                "/users?page=2",
                &page(&[3, 4, 5, 6], Some("/users?page=3")),
                0,
                Some("/users?page=3"),
            ))
            .unwrap();
        let Step::Done(outcome) = step else {
            panic!("the limit is reached")
        };
        assert_eq!(outcome.parts.len(), 2);
        assert_eq!(outcome.parts[0].keep, vec![true, true, true]);
        assert_eq!(outcome.parts[1].keep, vec![false, true, true, false]);
        // The cursor resumes at record 6, not at page 3.
        let cursor = outcome.meta.next_cursor.unwrap();
        assert_eq!(decode_cursor(&cursor), Ok(("/users?page=2".to_string(), 3)));
        assert!(outcome.meta.has_more);
        assert_eq!(
            outcome.meta.next_link.as_deref(),
            Some("http://h/v2/users?page=3")
        );

        // Resuming: skip the first 3 records of that page.
        let mut walk = Walk::new("users", 10, target());
        let step = walk
            .take(fetched(
                "/users?page=2",
                &page(&[3, 4, 5, 6], None),
                3,
                None,
            ))
            .unwrap();
        let Step::Done(outcome) = step else {
            panic!("no next page")
        };
        assert_eq!(outcome.parts[0].keep, vec![false, false, false, true]);
        assert_eq!(outcome.meta.next_cursor, None);
        assert!(!outcome.meta.has_more);
    }

    #[test]
    fn a_limit_at_a_page_end_resumes_at_the_next_page() {
        let mut walk = Walk::new("users", 3, target());
        let Step::Done(outcome) = walk
            .take(fetched(
                "/users",
                &page(&[1, 2, 3], Some("/users?c=1")),
                0,
                Some("/users?c=1"),
            ))
            .unwrap()
        else {
            panic!("limit reached")
        };
        assert_eq!(
            decode_cursor(outcome.meta.next_cursor.as_deref().unwrap()),
            Ok(("/users?c=1".to_string(), 0))
        );
    }

    #[test]
    fn one_page_resumes_after_its_next_link_only_on_the_configured_api() {
        let one = |link: &str| {
            OnePage {
                record_key: "users",
                body: Bytes::new(),
                skip: 0,
                target: crate::error::Target {
                    method: "GET",
                    path: "/v2/users".into(),
                },
                root: "http://h/v2".into(),
                action: action("users", "list"),
            }
            .finish(&ListMeta {
                links: crate::response::Links {
                    next: Some(link.to_string()),
                },
                total_entries: Some(9),
                ..ListMeta::default()
            })
        };
        let meta = one("http://h/v2/users?page=2&per_page=3");
        assert_eq!(
            decode_cursor(meta.next_cursor.as_deref().unwrap()),
            Ok(("/users?page=2&per_page=3".to_string(), 0))
        );
        assert!(meta.has_more);
        assert_eq!(meta.total_entries, Some(9));
        // Elsewhere: reported as Harvest's link, never turned into a cursor.
        let meta = one("http://evil.example/v2/users?page=2");
        assert_eq!(meta.next_cursor, None);
        assert_eq!(
            meta.next_link.as_deref(),
            Some("http://evil.example/v2/users?page=2")
        );
        assert!(meta.has_more);
    }

    #[test]
    fn a_walk_cannot_loop_or_run_on_empty_pages() {
        let mut walk = Walk::new("users", 10, target());
        let step = walk
            .take(fetched(
                "/users",
                &page(&[1], Some("/users?c=1")),
                0,
                Some("/users?c=1"),
            ))
            .unwrap();
        assert!(matches!(step, Step::Next { .. }));
        let error = walk
            .take(fetched(
                "/users?c=1",
                &page(&[2], Some("/users")),
                0,
                Some("/users"),
            ))
            .unwrap_err();
        assert!(error.contains("already read"), "{error}");
        let mut walk = Walk::new("users", 10, target());
        let step = walk
            .take(fetched(
                "/users",
                &page(&[], Some("/users?c=1")),
                0,
                Some("/users?c=1"),
            ))
            .unwrap();
        let Step::Done(outcome) = step else {
            panic!("an empty page ends the walk")
        };
        assert_eq!(outcome.meta.next_cursor, None);
    }

    #[test]
    fn a_foreign_next_link_ends_a_walk_with_an_error() {
        let mut walk = Walk::new("users", 10, target());
        let error = walk
            .take(fetched("/users", &page(&[1], Some("/x")), 0, None))
            .unwrap_err();
        assert!(error.contains("not followed"), "{error}");
    }

    #[test]
    fn page_batches_cover_what_is_still_wanted() {
        let meta = ListMeta {
            per_page: Some(100),
            total_pages: Some(9),
            ..ListMeta::default()
        };
        assert_eq!(pages_to_fetch(2, &meta, 250), vec![2, 3, 4]);
        assert_eq!(
            pages_to_fetch(2, &meta, 100_000),
            (2..=9).collect::<Vec<_>>()
        );
        assert_eq!(pages_to_fetch(9, &meta, 1), vec![9]);
        assert_eq!(pages_to_fetch(3, &ListMeta::default(), 5), vec![3]);
        assert_eq!(
            with_page(&[("page", "2".into()), ("per_page", "5".into())], 7),
            vec![("per_page", "5".to_string()), ("page", "7".to_string())]
        );
    }
}
