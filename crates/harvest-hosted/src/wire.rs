//! What goes to the Airbyte API and what must come back: request bodies, and the checks a 2xx
//! body passes before it is handed to the caller (so a malformed answer is a typed
//! `InvalidResponse`, never a `KeyError` later).

use serde_json::{json, Map, Value};

use harvest_core::catalog::{Action, Location};
use harvest_core::request::RequestSpec;

/// What the `result` of an execute call must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultShape {
    /// A list action: a list of records (`connector_metadata` holds the paging facts).
    Records,
    /// A get: one record object.
    Record,
    /// `context_store_search`: `{data: [records], meta: {has_more, cursor, took_ms}}`.
    Search,
}

/// Parameters as the Airbyte API takes them: canonical names (`from`, not `from_`), values as
/// validated locally (report dates normalised to `YYYYMMDD`, ids and integers as numbers).
pub fn execute_params(action: &Action, spec: &RequestSpec, given: &Value) -> Value {
    let mut out = Map::new();
    for param in action.params {
        let value = match param.location {
            Location::Query => {
                let mut wire = spec
                    .query
                    .iter()
                    .filter(|(name, _)| *name == param.name)
                    .map(|(_, text)| typed(param.ty.json_type(), text));
                match (wire.next(), wire.next()) {
                    (None, _) => continue,
                    (Some(only), None) => only,
                    (Some(first), Some(second)) => {
                        Value::Array([first, second].into_iter().chain(wire).collect())
                    }
                }
            }
            // Local pagination (`cursor`, `limit`): `prepare` refuses it in hosted mode.
            Location::Paging => continue,
            Location::Path | Location::Body => {
                let Some(value) = given_value(action, param.name, given) else {
                    continue;
                };
                match (param.location, value) {
                    (Location::Path, Value::String(text)) => typed(param.ty.json_type(), text),
                    _ => value.clone(),
                }
            }
        };
        out.insert(param.name.to_string(), value);
    }
    Value::Object(out)
}

/// The caller gave `name` (under its name or an alias) a non-null value.
pub fn given(action: &Action, name: &str, params: &Value) -> bool {
    given_value(action, name, params).is_some()
}

/// The caller's value for `name`, under its name or an alias (null counts as absent).
fn given_value<'a>(action: &Action, name: &str, given: &'a Value) -> Option<&'a Value> {
    let map = given.as_object()?;
    map.iter()
        .filter(|(_, v)| !v.is_null())
        .find(|(key, _)| action.param(key).is_some_and(|p| p.name == name))
        .map(|(_, v)| v)
}

/// Validated wire text back to a JSON value of the parameter's type.
fn typed(json_type: &str, text: &str) -> Value {
    match json_type {
        "integer" => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::String(text.to_string())),
        "boolean" => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            _ => Value::String(text.to_string()),
        },
        _ => Value::String(text.to_string()),
    }
}

/// `execute()`'s keyword options, which the Airbyte API applies to its answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExecuteOptions {
    /// Dotted field paths to keep / to drop, sent only when given.
    pub select_fields: Option<Vec<String>>,
    pub exclude_fields: Option<Vec<String>>,
    /// False lets the API shorten long texts of a list.
    pub skip_truncation: bool,
}

impl Default for ExecuteOptions {
    fn default() -> Self {
        ExecuteOptions {
            select_fields: None,
            exclude_fields: None,
            skip_truncation: true,
        }
    }
}

/// The body of `POST /api/v1/integrations/connectors/{id}/execute`.
pub fn execute_body(entity: &str, action: &str, params: &Value, options: &ExecuteOptions) -> Value {
    let mut body = json!({
        "entity": entity,
        "action": action,
        "params": params,
        "skip_truncation": options.skip_truncation,
    });
    if let Some(fields) = &options.select_fields {
        body["select_fields"] = json!(fields);
    }
    if let Some(fields) = &options.exclude_fields {
        body["exclude_fields"] = json!(fields);
    }
    body
}

/// Check an execute answer: a JSON object with a `result` of the expected shape, and a
/// `connector_metadata` that is an object or absent.
pub fn check_execute(shape: ResultShape, body: &[u8]) -> Result<(), String> {
    let value = object(body)?;
    let Some(result) = value.get("result") else {
        return Err(format!(
            "the Airbyte API answered without a 'result' member (members: {})",
            members(&value)
        ));
    };
    match shape {
        ResultShape::Records if !(result.is_array() || result.is_null()) => {
            return Err(format!(
                "expected a list of records as 'result', got {}",
                kind(result)
            ))
        }
        ResultShape::Record if !result.is_object() => {
            return Err(format!(
                "expected a record object as 'result', got {}",
                kind(result)
            ))
        }
        ResultShape::Search => check_search_result(result)?,
        _ => {}
    }
    match value.get("connector_metadata") {
        None | Some(Value::Null) | Some(Value::Object(_)) => Ok(()),
        Some(other) => Err(format!(
            "expected an object or null as 'connector_metadata', got {}",
            kind(other)
        )),
    }
}

fn check_search_result(result: &Value) -> Result<(), String> {
    let Value::Object(result) = result else {
        return Err(format!(
            "expected {{data, meta}} as the search 'result', got {}",
            kind(result)
        ));
    };
    match result.get("data") {
        Some(Value::Array(records)) => {
            if let Some(index) = records.iter().position(|r| !r.is_object()) {
                return Err(format!(
                    "search result data[{index}] is {}, not a record object",
                    kind(&records[index])
                ));
            }
        }
        other => {
            return Err(format!(
                "expected a list as the search result's 'data', got {}",
                other.map(kind).unwrap_or("nothing")
            ))
        }
    }
    let Some(meta) = result.get("meta").filter(|m| !m.is_null()) else {
        return Ok(());
    };
    let Value::Object(meta) = meta else {
        return Err(format!(
            "expected an object as the search result's 'meta', got {}",
            kind(meta)
        ));
    };
    let field_ok = |name: &str, ok: fn(&Value) -> bool| match meta.get(name) {
        None | Some(Value::Null) => Ok(()),
        Some(value) if ok(value) => Ok(()),
        Some(value) => Err(format!("search meta.{name} is {}", kind(value))),
    };
    field_ok("has_more", Value::is_boolean)?;
    field_ok("cursor", Value::is_string)?;
    field_ok("took_ms", Value::is_number)
}

/// The ids in a connector list (`GET /api/v1/integrations/connectors`): `{data: [{id}, ...]}`.
pub fn connector_ids(body: &[u8]) -> Result<Vec<String>, String> {
    let value = object(body)?;
    let Some(Value::Array(connectors)) = value.get("data") else {
        return Err("expected a 'data' list of connectors".to_string());
    };
    connectors
        .iter()
        .enumerate()
        .map(|(index, connector)| {
            connector
                .get("id")
                .and_then(Value::as_str)
                .map(str::to_string)
                .ok_or_else(|| format!("connector data[{index}] has no string 'id'"))
        })
        .collect()
}

/// A string member of an object body (`id` of a created connector, `consent_url`).
pub fn string_member(body: &[u8], name: &str) -> Result<String, String> {
    let value = object(body)?;
    match value.get(name) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s.clone()),
        Some(other) => Err(format!("expected a string '{name}', got {}", kind(other))),
        None => Err(format!(
            "the answer has no '{name}' member (members: {})",
            members(&value)
        )),
    }
}

/// `access_token` and `expires_in` of a token answer.
pub fn token(body: &[u8]) -> Result<(String, Option<f64>), String> {
    let value = object(body)?;
    let access_token = match value.get("access_token") {
        Some(Value::String(s)) if !s.is_empty() => s.clone(),
        _ => return Err("the token answer has no access_token".to_string()),
    };
    let expires_in = value.get("expires_in").and_then(|v| match v {
        Value::Number(n) => n.as_f64(),
        // Some servers send numbers as text.
        Value::String(s) => s.trim().parse::<f64>().ok(),
        _ => None,
    });
    Ok((access_token, expires_in))
}

fn object(body: &[u8]) -> Result<Map<String, Value>, String> {
    match serde_json::from_slice::<Value>(body) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(other) => Err(format!("expected a JSON object, got {}", kind(&other))),
        Err(e) => Err(format!("invalid JSON ({e})")),
    }
}

fn members(map: &Map<String, Value>) -> String {
    if map.is_empty() {
        return "none".to_string();
    }
    map.keys()
        .take(8)
        .map(|k| k.chars().take(40).collect::<String>())
        .collect::<Vec<_>>()
        .join(", ")
}

/// What kind of JSON value the Airbyte API sent, for messages ("an object": JSON's name).
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Object(_) => "an object",
        other => harvest_core::values::json_kind(other),
    }
}

/// The API's own explanation from an error body: FastAPI's `detail` (text, or a list of
/// `{loc, msg}`), else what `response::harvest_message` finds (`message`, `error`, an HTML
/// title, the first line of text).
pub fn error_message(body: &[u8], content_type: &str) -> String {
    if let Ok(Value::Object(map)) = serde_json::from_slice::<Value>(body) {
        match map.get("detail") {
            Some(Value::String(detail)) if !detail.is_empty() => {
                return harvest_core::response::one_line(detail, 300);
            }
            Some(Value::Array(items)) => {
                let parts: Vec<String> = items
                    .iter()
                    .take(5)
                    .filter_map(|item| {
                        let msg = item.get("msg")?.as_str()?;
                        let loc = item
                            .get("loc")
                            .and_then(Value::as_array)
                            .map(|l| {
                                l.iter()
                                    .map(|p| match p {
                                        Value::String(s) => s.clone(),
                                        other => other.to_string(),
                                    })
                                    .collect::<Vec<_>>()
                                    .join(".")
                            })
                            .unwrap_or_default();
                        Some(if loc.is_empty() {
                            msg.to_string()
                        } else {
                            format!("{loc}: {msg}")
                        })
                    })
                    .collect();
                if !parts.is_empty() {
                    return harvest_core::response::one_line(&parts.join("; "), 300);
                }
            }
            _ => {}
        }
    }
    harvest_core::response::harvest_message(body, content_type)
}

#[cfg(test)]
mod tests {
    use super::*;
    use harvest_core::catalog;
    use harvest_core::request;

    fn params(entity: &str, action: &str, given: Value) -> Value {
        let spec = request::build(entity, action, &given).unwrap();
        execute_params(spec.action, &spec, &given)
    }

    #[test]
    fn params_use_canonical_names_and_validated_values() {
        assert_eq!(
            params(
                "time_projects",
                "list",
                json!({"from_": "2024-01-01", "to": "20240131", "per_page": 5})
            ),
            json!({"from": "20240101", "to": "20240131", "per_page": 5})
        );
        assert_eq!(
            params("users", "get", json!({"id": "42"})),
            json!({"id": 42})
        );
        assert_eq!(params("users", "get", json!({"id": 7})), json!({"id": 7}));
        assert_eq!(
            params("users", "list", json!({"per_page": null})),
            json!({})
        );
        assert_eq!(params("company", "get", Value::Null), json!({}));
        assert!(catalog::entity("users").is_some());
    }

    #[test]
    fn execute_answers_are_checked() {
        let ok = |shape, body: &str| check_execute(shape, body.as_bytes());
        assert!(ok(
            ResultShape::Records,
            r#"{"result":[{"id":1}],"connector_metadata":{"next_link":null}}"#
        )
        .is_ok());
        assert!(ok(ResultShape::Records, r#"{"result":[]}"#).is_ok());
        assert!(ok(
            ResultShape::Record,
            r#"{"result":{"id":1},"connector_metadata":null}"#
        )
        .is_ok());
        assert!(ok(
            ResultShape::Search,
            r#"{"result":{"data":[{"id":1}],"meta":{"has_more":false,"cursor":null,"took_ms":3}}}"#
        )
        .is_ok());
        let missing = ok(ResultShape::Records, r#"{"data":[]}"#).unwrap_err();
        assert_eq!(
            missing,
            "the Airbyte API answered without a 'result' member (members: data)"
        );
        assert!(ok(ResultShape::Records, r#"{"result":{"id":1}}"#).is_err());
        assert!(ok(ResultShape::Record, r#"{"result":[1]}"#).is_err());
        assert!(ok(ResultShape::Search, r#"{"result":[]}"#).is_err());
        assert!(ok(ResultShape::Search, r#"{"result":{"data":[1]}}"#).is_err());
        assert!(ok(
            ResultShape::Search,
            r#"{"result":{"data":[],"meta":{"has_more":"no"}}}"#
        )
        .is_err());
        assert!(ok(
            ResultShape::Record,
            r#"{"result":{},"connector_metadata":[]}"#
        )
        .is_err());
        assert!(ok(ResultShape::Record, "[1]").is_err());
        assert!(ok(ResultShape::Record, "{").is_err());
    }

    #[test]
    fn lookup_token_and_members() {
        assert_eq!(
            connector_ids(br#"{"data":[{"id":"a"},{"id":"b"}]}"#).unwrap(),
            ["a", "b"]
        );
        assert!(connector_ids(br#"{"data":[{"name":"x"}]}"#).is_err());
        assert!(connector_ids(br#"{"connectors":[]}"#).is_err());
        assert_eq!(
            token(br#"{"access_token":"t","expires_in":900}"#).unwrap(),
            ("t".into(), Some(900.0))
        );
        assert_eq!(
            token(br#"{"access_token":"t","expires_in":"60"}"#)
                .unwrap()
                .1,
            Some(60.0)
        );
        assert_eq!(token(br#"{"access_token":"t"}"#).unwrap().1, None);
        assert!(token(br#"{"token":"t"}"#).is_err());
        assert_eq!(
            string_member(br#"{"consent_url":"https://x"}"#, "consent_url").unwrap(),
            "https://x"
        );
        assert!(string_member(br#"{"id":5}"#, "id").is_err());
    }

    #[test]
    fn error_messages_read_fastapi_details() {
        assert_eq!(
            error_message(br#"{"detail":"Connector not found"}"#, "application/json"),
            "Connector not found"
        );
        assert_eq!(
            error_message(
                br#"{"detail":[{"loc":["body","entity"],"msg":"field required"}]}"#,
                "application/json"
            ),
            "body.entity: field required"
        );
        assert_eq!(error_message(br#"{"message":"nope"}"#, ""), "nope");
    }
}
