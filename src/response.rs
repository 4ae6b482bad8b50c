//! Reading what Harvest sent back: checking a success body before it is handed on, pulling the
//! pagination facts out of a list envelope, and summarising an error body into one line.

use bytes::Bytes;
use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::catalog::ResponseShape;

/// Pagination facts of one list page, as Harvest reported them.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct ListMeta {
    #[serde(default)]
    pub links: Links,
    pub page: Option<u64>,
    pub per_page: Option<u64>,
    pub total_pages: Option<u64>,
    pub total_entries: Option<u64>,
    pub next_page: Option<u64>,
    pub previous_page: Option<u64>,
}

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
pub struct Links {
    pub next: Option<String>,
}

/// A checked success body. The records stay as bytes: the binding turns them into Python
/// objects in one pass, where the interpreter is held anyway.
#[derive(Debug, Clone)]
pub struct Response {
    pub shape: ResponseShape,
    pub body: Bytes,
    /// Present for list responses.
    pub meta: Option<ListMeta>,
}

/// Validate a 2xx body against the expected shape. An empty body is an empty result (as the
/// reference treats it); anything that is not a JSON object is refused with a reason.
pub fn check_success(
    shape: ResponseShape,
    content_type: &str,
    body: Bytes,
) -> Result<Response, String> {
    if body.iter().all(u8::is_ascii_whitespace) {
        let meta = matches!(shape, ResponseShape::List { .. }).then(ListMeta::default);
        return Ok(Response {
            shape,
            body: Bytes::new(),
            meta,
        });
    }
    let media = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    if !(media.is_empty() || media == "application/json" || media.ends_with("+json")) {
        return Err(format!(
            "expected JSON but got content-type {media} ({} bytes{})",
            body.len(),
            html_title(&body)
                .map(|t| format!(", page title {t:?}"))
                .unwrap_or_default()
        ));
    }
    if body.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
        return Err("expected a JSON object".to_string());
    }
    let meta = match shape {
        ResponseShape::List { record_key } => {
            let meta: ListMeta =
                serde_json::from_slice(&body).map_err(|e| format!("invalid JSON ({e})"))?;
            check_record_array(&body, record_key)?;
            Some(meta)
        }
        ResponseShape::Object => {
            serde_json::from_slice::<IgnoredAny>(&body)
                .map_err(|e| format!("invalid JSON ({e})"))?;
            None
        }
    };
    Ok(Response { shape, body, meta })
}

/// The records member, if present, must be an array (a missing one means no records).
fn check_record_array(body: &[u8], record_key: &str) -> Result<(), String> {
    struct Probe<'k>(&'k str);
    impl<'de> serde::de::Visitor<'de> for Probe<'_> {
        type Value = bool;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a JSON object")
        }
        fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<bool, A::Error> {
            let mut ok = true;
            while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
                if key == self.0 {
                    let value: serde_json::Value = map.next_value()?;
                    ok = value.is_array();
                } else {
                    map.next_value::<IgnoredAny>()?;
                }
            }
            Ok(ok)
        }
    }
    let mut de = serde_json::Deserializer::from_slice(body);
    let ok = serde::Deserializer::deserialize_map(&mut de, Probe(record_key))
        .map_err(|e| format!("invalid JSON ({e})"))?;
    if ok {
        Ok(())
    } else {
        Err(format!("expected a list under '{record_key}'"))
    }
}

/// Harvest's own explanation from an error body: `message`, else `error_description`
/// (with `error`), else `error`; an HTML page becomes its title; other text its first line.
pub fn harvest_message(body: &[u8], content_type: &str) -> String {
    if let Ok(serde_json::Value::Object(map)) = serde_json::from_slice::<serde_json::Value>(body) {
        let text = |key: &str| {
            map.get(key)
                .and_then(|v| v.as_str())
                .filter(|s| !s.is_empty())
        };
        if let Some(message) = text("message") {
            return one_line(message, 300);
        }
        match (text("error"), text("error_description")) {
            (Some(error), Some(description)) => {
                return one_line(&format!("{error}: {description}"), 300)
            }
            (None, Some(description)) => return one_line(description, 300),
            (Some(error), None) => return one_line(error, 300),
            (None, None) => {}
        }
        return String::new();
    }
    if content_type.contains("html") || looks_like_html(body) {
        return match html_title(body) {
            Some(title) => format!("HTML error page {title:?}"),
            None => format!("HTML error page ({} bytes)", body.len()),
        };
    }
    one_line(&String::from_utf8_lossy(body), 200)
}

fn looks_like_html(body: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&body[..body.len().min(256)]).to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

fn html_title(body: &[u8]) -> Option<String> {
    let text = String::from_utf8_lossy(&body[..body.len().min(8192)]);
    let lower = text.to_ascii_lowercase();
    let start = lower.find("<title>")? + "<title>".len();
    let end = start + lower[start..].find("</title>")?;
    let title = one_line(text.get(start..end)?, 120);
    (!title.is_empty()).then_some(title)
}

fn one_line(text: &str, max_chars: usize) -> String {
    let collapsed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if collapsed.chars().count() <= max_chars {
        collapsed
    } else {
        format!("{}…", collapsed.chars().take(max_chars).collect::<String>())
    }
}

/// A transport error as one line, naming its kind (the URL is deliberately left out: the caller
/// adds method and path, and a URL may carry a query the user did not mean to log).
pub fn describe_transport_error(error: &reqwest::Error) -> String {
    let kind = if error.is_connect() {
        "could not connect"
    } else if error.is_timeout() {
        "timed out"
    } else if error.is_decode() || error.is_body() {
        "the response body could not be read"
    } else if error.is_request() {
        "the request could not be sent"
    } else {
        "transport failure"
    };
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(error);
    let mut innermost = None;
    while let Some(err) = source {
        innermost = Some(err.to_string());
        source = err.source();
    }
    match innermost {
        Some(detail) => format!("{kind} ({})", one_line(&detail, 160)),
        None => kind.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIST: ResponseShape = ResponseShape::List {
        record_key: "users",
    };

    #[test]
    fn list_meta_is_extracted() {
        let body = Bytes::from_static(
            br#"{"users":[{"id":1}],"per_page":1,"total_pages":3,"total_entries":3,"next_page":2,"previous_page":null,"page":1,"links":{"next":"http://x/v2/users?page=2"}}"#,
        );
        let response = check_success(LIST, "application/json; charset=utf-8", body).unwrap();
        let meta = response.meta.unwrap();
        assert_eq!(meta.total_entries, Some(3));
        assert_eq!(meta.links.next.as_deref(), Some("http://x/v2/users?page=2"));
    }

    #[test]
    fn bad_bodies_are_refused_with_a_reason() {
        let html = Bytes::from_static(b"<html><title>Oops</title></html>");
        assert!(check_success(LIST, "text/html", html)
            .unwrap_err()
            .contains("\"Oops\""));
        assert!(check_success(
            LIST,
            "application/json",
            Bytes::from_static(b"{\"users\":[")
        )
        .is_err());
        assert!(check_success(LIST, "application/json", Bytes::from_static(b"[1]")).is_err());
        assert!(check_success(
            LIST,
            "application/json",
            Bytes::from_static(b"{\"users\":{}}")
        )
        .is_err());
        assert!(check_success(
            ResponseShape::Object,
            "",
            Bytes::from_static(b"{\"a\":1} x")
        )
        .is_err());
        let empty = check_success(LIST, "application/json", Bytes::from_static(b"  ")).unwrap();
        assert!(empty.body.is_empty());
    }

    #[test]
    fn error_messages() {
        assert_eq!(
            harvest_message(
                br#"{"error":"invalid_token","error_description":"expired"}"#,
                "application/json"
            ),
            "invalid_token: expired"
        );
        assert_eq!(
            harvest_message(br#"{"message":"Not authorized!"}"#, ""),
            "Not authorized!"
        );
        assert_eq!(
            harvest_message(br#"{"status":404,"error":"Not Found"}"#, ""),
            "Not Found"
        );
        assert_eq!(
            harvest_message(
                b"<!DOCTYPE html><html><head><title>Service Unavailable</title>",
                "text/html"
            ),
            "HTML error page \"Service Unavailable\""
        );
        assert_eq!(
            harvest_message(b"", "text/html"),
            "HTML error page (0 bytes)"
        );
    }
}
