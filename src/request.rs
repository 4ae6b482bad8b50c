//! Turns `(entity, action, params)` into a validated request, using only the catalogue. Every
//! check happens here, before anything leaves the process; whatever passes is safe to put on
//! the wire (path segments are ASCII digits, query values are normalised).

use serde_json::{Map, Value};

use crate::catalog::{self, Action, Entity, Location, Param, ParamType};
use crate::error::{Error, Result};

/// A request that passed validation.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub entity: &'static Entity,
    pub action: &'static Action,
    /// Path below the API base, placeholders filled (e.g. `/users/42`).
    pub path: String,
    /// Query parameters in catalogue order, values already in Harvest's format.
    pub query: Vec<(&'static str, String)>,
}

/// Look up the entity and action and validate `params` (`Value::Null` or an object).
pub fn build(entity: &str, action: &str, params: &Value) -> Result<RequestSpec> {
    let entity_def = catalog::entity(entity).ok_or_else(|| Error::UnknownEntity {
        entity: entity.to_string(),
        valid: catalog::entity_names(),
    })?;
    let action_def = entity_def
        .action(action)
        .ok_or_else(|| Error::UnknownAction {
            entity: entity_def.name,
            action: action.to_string(),
            supported: entity_def.action_names(),
        })?;
    let empty = Map::new();
    let params = match params {
        Value::Null => &empty,
        Value::Object(map) => map,
        other => {
            return Err(Error::InvalidParams {
                reason: format!(
                    "params must be a mapping of parameter names to values (or None), got {}",
                    json_kind(other)
                ),
            })
        }
    };
    let values = collect_values(entity_def, action_def, params)?;

    let mut path = action_def.path.to_string();
    let mut query = Vec::new();
    for (param, value) in action_def.params.iter().zip(values) {
        let Some(value) = value else {
            if param.required {
                return Err(Error::MissingParameter {
                    entity: entity_def.name,
                    action: action_def.name,
                    param: param.name,
                    usage: usage(action_def),
                });
            }
            continue;
        };
        let wire = normalise(entity_def, action_def, param, value)?;
        match param.location {
            Location::Path => path = path.replace(&format!("{{{}}}", param.name), &wire),
            Location::Query => query.push((param.name, wire)),
            // Body parameters arrive with write actions; none are exposed yet.
            Location::Body => {}
        }
    }
    check_report_range(entity_def, action_def, &query)?;
    Ok(RequestSpec {
        entity: entity_def,
        action: action_def,
        path,
        query,
    })
}

/// Match every given key to a catalogue parameter, refusing unknown keys and a parameter given
/// under two names. `None`/null values count as absent.
fn collect_values<'a>(
    entity: &'static Entity,
    action: &'static Action,
    params: &'a Map<String, Value>,
) -> Result<Vec<Option<&'a Value>>> {
    let mut values: Vec<Option<&Value>> = vec![None; action.params.len()];
    for (key, value) in params {
        let Some(index) = action
            .params
            .iter()
            .position(|p| p.name == key || p.aliases.contains(&key.as_str()))
        else {
            return Err(Error::UnknownParameter {
                entity: entity.name,
                action: action.name,
                param: truncate(key, 64),
                accepted: action.params.iter().map(|p| p.name).collect(),
            });
        };
        if value.is_null() {
            continue;
        }
        if values[index].is_some() {
            let param = &action.params[index];
            return Err(Error::InvalidParameter {
                entity: entity.name,
                action: action.name,
                param: param.name,
                reason: "given more than once (under an alias)".to_string(),
                expected: format!("one of the keys {}", keys_of(param)),
            });
        }
        values[index] = Some(value);
    }
    Ok(values)
}

fn keys_of(param: &Param) -> String {
    std::iter::once(param.name)
        .chain(param.aliases.iter().copied())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `id (integer, required), per_page (integer 1..2000)`: the action's parameters at a glance.
pub fn usage(action: &Action) -> String {
    if action.params.is_empty() {
        return "none".to_string();
    }
    action
        .params
        .iter()
        .map(|p| {
            format!(
                "{} ({}{})",
                p.name,
                p.ty.describe(),
                if p.required { ", required" } else { "" }
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Validate one value against its type and return the text Harvest receives.
fn normalise(
    entity: &'static Entity,
    action: &'static Action,
    param: &'static Param,
    value: &Value,
) -> Result<String> {
    let invalid = |reason: String| Error::InvalidParameter {
        entity: entity.name,
        action: action.name,
        param: param.name,
        reason,
        expected: param.ty.describe(),
    };
    match param.ty {
        ParamType::Id => match value {
            Value::Number(n) => match n.as_i64() {
                Some(id) if id > 0 => Ok(id.to_string()),
                _ => Err(invalid(format!("got {}", preview(value)))),
            },
            Value::String(s) => {
                parse_id_string(s).ok_or_else(|| invalid(format!("got {}", preview(value))))
            }
            other => Err(invalid(format!("got {}", json_kind(other)))),
        },
        ParamType::Integer { min, max } => match value.as_i64() {
            Some(n) if value.is_i64() || value.is_u64() => {
                if (min..=max).contains(&n) {
                    Ok(n.to_string())
                } else {
                    Err(invalid(format!("{n} is out of range")))
                }
            }
            _ => Err(invalid(format!("got {}", preview(value)))),
        },
        ParamType::ReportDate => match value {
            Value::String(s) => parse_date(s)
                .map(|(y, m, d)| format!("{y:04}{m:02}{d:02}"))
                .ok_or_else(|| invalid(format!("got {}", preview(value)))),
            other => Err(invalid(format!("got {}", json_kind(other)))),
        },
    }
}

/// Harvest ids are positive and fit in i64; a string id must be ASCII digits only, so nothing
/// but digits can ever reach a URL path.
fn parse_id_string(s: &str) -> Option<String> {
    if s.is_empty() || s.len() > 19 || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    match s.parse::<i64>() {
        Ok(id) if id > 0 => Some(id.to_string()),
        _ => None,
    }
}

/// `YYYY-MM-DD` or `YYYYMMDD`, ASCII digits, a real calendar date.
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let bytes = s.as_bytes();
    let digits: Vec<u8> = match bytes.len() {
        8 => bytes.to_vec(),
        10 if bytes[4] == b'-' && bytes[7] == b'-' => {
            [&bytes[0..4], &bytes[5..7], &bytes[8..10]].concat()
        }
        _ => return None,
    };
    if !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        digits[range]
            .iter()
            .fold(0u32, |acc, d| acc * 10 + u32::from(d - b'0'))
    };
    let (year, month, day) = (number(0..4), number(4..6), number(6..8));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days_in_month = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (year >= 1 && (1..=days_in_month).contains(&day)).then_some((year, month, day))
}

/// Reports need `from` on or before `to`; their values are already `YYYYMMDD`, which sorts
/// as text.
fn check_report_range(
    entity: &'static Entity,
    action: &'static Action,
    query: &[(&str, String)],
) -> Result<()> {
    let value = |name: &str| query.iter().find(|(k, _)| *k == name).map(|(_, v)| v);
    if let (Some(from), Some(to)) = (value("from"), value("to")) {
        if from > to {
            let param = action.param("to").map(|p| p.name).unwrap_or("to");
            return Err(Error::InvalidParameter {
                entity: entity.name,
                action: action.name,
                param,
                reason: format!("to ({to}) is before from ({from})"),
                expected: "a date on or after from".to_string(),
            });
        }
    }
    Ok(())
}

fn json_kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

/// A short, safe rendering of a bad value for an error message.
fn preview(value: &Value) -> String {
    match value {
        Value::String(s) => format!("{:?}", truncate(s, 40)),
        Value::Number(n) => n.to_string(),
        other => json_kind(other).to_string(),
    }
}

fn truncate(s: &str, max_chars: usize) -> String {
    if s.chars().count() <= max_chars {
        s.to_string()
    } else {
        let head: String = s.chars().take(max_chars).collect();
        format!("{head}…")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn ok(entity: &str, action: &str, params: Value) -> RequestSpec {
        build(entity, action, &params).unwrap()
    }

    fn err(entity: &str, action: &str, params: Value) -> Error {
        build(entity, action, &params).unwrap_err()
    }

    #[test]
    fn builds_paths_and_queries() {
        let spec = ok("users", "get", json!({"id": 42}));
        assert_eq!(spec.path, "/users/42");
        assert!(spec.query.is_empty());
        let spec = ok("time_entries", "get", json!({"id": "2380504951"}));
        assert_eq!(spec.path, "/time_entries/2380504951");
        let spec = ok("users", "list", json!({"per_page": 5}));
        assert_eq!(spec.query, vec![("per_page", "5".to_string())]);
        let spec = ok("company", "get", Value::Null);
        assert_eq!(spec.path, "/company");
    }

    #[test]
    fn report_dates_normalise_and_accept_from_alias() {
        let spec = ok(
            "time_projects",
            "list",
            json!({"from_": "2024-01-01", "to": "20240131"}),
        );
        assert_eq!(
            spec.query,
            vec![
                ("from", "20240101".to_string()),
                ("to", "20240131".to_string())
            ]
        );
        assert!(matches!(
            err(
                "time_tasks",
                "list",
                json!({"from": "2024-02-01", "to": "2024-01-01"})
            ),
            Error::InvalidParameter { param: "to", .. }
        ));
        assert!(matches!(
            err(
                "time_tasks",
                "list",
                json!({"from": "2023-02-29", "to": "2024-01-01"})
            ),
            Error::InvalidParameter { param: "from", .. }
        ));
        assert!(matches!(
            err("time_tasks", "list", json!({"to": "2024-01-01"})),
            Error::MissingParameter { param: "from", .. }
        ));
        assert!(matches!(
            err(
                "time_tasks",
                "list",
                json!({"from": "2024-01-01", "from_": "2024-01-01", "to": "2024-01-02"})
            ),
            Error::InvalidParameter { param: "from", .. }
        ));
    }

    #[test]
    fn rejects_unknown_entities_actions_and_params() {
        let e = err("widgets", "list", Value::Null);
        assert!(e.to_string().contains("Valid entities: users, clients"));
        let e = err("users", "delete", Value::Null);
        assert_eq!(
            e.to_string(),
            "Action \"delete\" is not supported for entity 'users'. Supported actions: list, get."
        );
        let e = err("users", "list", json!({"foo": 1}));
        assert!(e.to_string().ends_with("Accepted parameters: per_page."));
        assert!(matches!(
            err("users", "list", json!([1])),
            Error::InvalidParams { .. }
        ));
    }

    #[test]
    fn ids_are_strict() {
        for bad in [
            json!("../users/me"),
            json!("1?x=y"),
            json!("東京"),
            json!(""),
            json!("-1"),
            json!(" 1"),
            json!(0),
            json!(-5),
            json!(1.5),
            json!(true),
            json!("9223372036854775808"),
            json!(18446744073709551615u64),
            json!([1]),
        ] {
            assert!(
                matches!(
                    err("users", "get", json!({ "id": bad })),
                    Error::InvalidParameter { param: "id", .. }
                ),
                "accepted {bad}"
            );
        }
        assert!(matches!(
            err("users", "get", json!({"id": null})),
            Error::MissingParameter { .. }
        ));
        assert_eq!(
            ok("users", "get", json!({"id": i64::MAX})).path,
            format!("/users/{}", i64::MAX)
        );
    }

    #[test]
    fn per_page_is_bounded_and_typed() {
        for bad in [json!(0), json!(2001), json!("50"), json!(true), json!(5.0)] {
            assert!(matches!(
                err("users", "list", json!({ "per_page": bad })),
                Error::InvalidParameter {
                    param: "per_page",
                    ..
                }
            ));
        }
        assert_eq!(
            ok("users", "list", json!({"per_page": 2000})).query[0].1,
            "2000"
        );
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
        assert_eq!(parse_date("19000229"), None);
        assert_eq!(parse_date("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("２０２４0101"), None);
        assert_eq!(parse_date("2024/01/01"), None);
    }
}
