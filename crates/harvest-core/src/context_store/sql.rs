//! `context_store_sql_query`: a SQL query over the entity's records in Airbyte's context store,
//! sent as the execute action of that name with `{sql, limit?}`. The SQL itself is the
//! server's to judge; here it must be non-empty text of bounded size, so that a wrong type or
//! a missing query fails before anything is sent.

use serde_json::{Map, Value};

use crate::catalog::Entity;
use crate::error::{Error, Result};
use crate::values::{json_kind as kind, params_object, truncate};

use super::search::MAX_LIMIT;

/// The action name, as callers pass it and as the Airbyte API receives it.
pub const ACTION: &str = "context_store_sql_query";

/// Longest query accepted, in characters.
pub const MAX_SQL_CHARS: usize = 100_000;

const PARAMS: &[&str] = &["sql", "limit"];

/// Validate `params` of `context_store_sql_query` on `entity` and return what is sent (null
/// members dropped).
pub fn validate(entity: &'static Entity, params: &Value) -> Result<Value> {
    let given = params_object(params)?;
    let mut out = Map::new();
    for (key, value) in given {
        let Some(param) = PARAMS.iter().copied().find(|p| p == key) else {
            return Err(Error::UnknownParameter {
                entity: entity.name,
                action: ACTION,
                param: truncate(key, 64),
                accepted: PARAMS.to_vec(),
            });
        };
        if value.is_null() {
            continue;
        }
        let invalid = |reason: String, expected: String| Error::InvalidParameter {
            entity: entity.name,
            action: ACTION,
            param,
            reason,
            expected,
        };
        match (param, value) {
            ("sql", Value::String(sql)) if sql.trim().is_empty() => {
                return Err(invalid(
                    "is empty".to_string(),
                    "a SQL query, e.g. SELECT id FROM <entity> LIMIT 10".to_string(),
                ))
            }
            ("sql", Value::String(sql)) if sql.chars().count() > MAX_SQL_CHARS => {
                return Err(invalid(
                    format!("is {} characters long", sql.chars().count()),
                    format!("a SQL query of at most {MAX_SQL_CHARS} characters"),
                ))
            }
            ("sql", Value::String(_)) => {}
            ("sql", other) => {
                return Err(invalid(
                    format!("got {}", kind(other)),
                    "a SQL query as a string".to_string(),
                ))
            }
            (_, limit) => {
                if !limit.as_i64().is_some_and(|n| (1..=MAX_LIMIT).contains(&n)) || limit.is_f64() {
                    return Err(invalid(
                        format!("got {}", truncate(&limit.to_string(), 40)),
                        format!("an integer 1..{MAX_LIMIT}"),
                    ));
                }
            }
        }
        out.insert(param.to_string(), value.clone());
    }
    if !out.contains_key("sql") {
        return Err(Error::MissingParameter {
            entity: entity.name,
            action: ACTION,
            param: "sql",
            usage: format!("sql (string, required), limit (integer 1..{MAX_LIMIT})"),
        });
    }
    Ok(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use serde_json::json;

    fn users() -> &'static Entity {
        catalog::entity("users").unwrap()
    }

    #[test]
    fn sends_sql_and_limit() {
        let sent = validate(users(), &json!({"sql": "SELECT id FROM users", "limit": 5})).unwrap();
        assert_eq!(sent, json!({"sql": "SELECT id FROM users", "limit": 5}));
    }

    #[test]
    fn refuses_missing_empty_or_mistyped_input() {
        let err = validate(users(), &json!({"limit": 5})).unwrap_err();
        assert!(err.to_string().contains("'sql'"), "{err}");
        let err = validate(users(), &json!({"sql": "  "})).unwrap_err();
        assert!(err.to_string().contains("is empty"), "{err}");
        let err = validate(users(), &json!({"sql": 3})).unwrap_err();
        assert!(
            err.to_string().contains("got an integer") || err.to_string().contains("got"),
            "{err}"
        );
        let err = validate(users(), &json!({"sql": "SELECT 1", "limit": 0})).unwrap_err();
        assert!(err.to_string().contains("1..10000"), "{err}");
        let err = validate(users(), &json!({"sql": "SELECT 1", "query": {}})).unwrap_err();
        assert!(err.to_string().contains("sql, limit"), "{err}");
    }
}
