//! `context_store_search`: the query language of Airbyte's context store (the data Airbyte has
//! replicated from Harvest, or the local store's copy), checked here so that a malformed query
//! fails before anything is sent or run, with the path of the offending part and the accepted
//! forms. Hosted mode sends the checked query as it is; the local store translates it to SQL.
//!
//! ```text
//! params   = {query: query, limit?: 1..10000, cursor?: "from meta.cursor", fields?: [["a", "b"], ...]}
//! query    = {filter?: condition, sort?: [{field: "asc" | "desc"}, ...]}
//! condition = {eq|neq: {field: value}} | {gt|gte|lt|lte: {field: number | string}}
//!           | {in: {field: [value, ...]}} | {like|fuzzy|keyword: {field: "text"}}
//!           | {contains: {field: value}} | {any: {field: condition}}
//!           | {not: condition} | {and|or: [condition, ...]}
//! ```
//!
//! Several fields in one comparison (`{eq: {a: 1, b: 2}}`) are passed on as given; the server
//! decides how they combine. Field names are not checked against a schema: the context store's
//! columns are the replicated record's, which this package does not own.

use serde_json::{Map, Value};

use crate::catalog::Entity;
use crate::error::{Error, Result};
use crate::values::{json_kind as kind, params_object, preview, truncate};

/// The action name, as callers pass it and as the Airbyte API receives it.
pub const ACTION: &str = "context_store_search";

/// Largest `limit` accepted.
pub const MAX_LIMIT: i64 = 10_000;

/// Every operator, in the order the error messages list them.
pub const OPERATORS: &[&str] = &[
    "eq", "neq", "gt", "gte", "lt", "lte", "in", "like", "fuzzy", "keyword", "contains", "any",
    "not", "and", "or",
];

const PARAMS: &[&str] = &["query", "limit", "cursor", "fields"];
const QUERY_KEYS: &[&str] = &["filter", "sort"];
/// Deeper nesting is refused rather than risking the stack on hostile input.
const MAX_DEPTH: usize = 32;

const CONDITION_FORMS: &str = "a condition: an object with one operator, {eq|neq: {field: value}}, {gt|gte|lt|lte: {field: number or string}}, {in: {field: [values]}}, {like|fuzzy|keyword: {field: \"text\"}}, {contains: {field: value}}, {any: {field: condition}}, {not: condition} or {and|or: [conditions]}";
const QUERY_FORM: &str =
    "an object {filter?: condition, sort?: [{field: \"asc\" | \"desc\"}]} (use {} for everything)";
const SORT_FORM: &str =
    "a list of single-field objects {field: \"asc\" | \"desc\"}, e.g. [{\"updated_at\": \"desc\"}]";
const FIELDS_FORM: &str =
    "a list of field paths, each a list of names, e.g. [[\"id\"], [\"client\", \"name\"]]";

/// What is wrong and where, before it becomes an `Error` naming the parameter.
struct Problem {
    path: String,
    reason: String,
    expected: &'static str,
}

impl Problem {
    fn new(path: &str, reason: impl Into<String>, expected: &'static str) -> Self {
        Problem {
            path: path.to_string(),
            reason: reason.into(),
            expected,
        }
    }
}

type Check = std::result::Result<(), Problem>;

/// Validate `params` of `context_store_search` on `entity` and return what is sent: the same
/// object, with `None`/null members dropped.
pub fn validate(entity: &'static Entity, params: &Value) -> Result<Value> {
    let invalid = |param: &'static str, problem: Problem| Error::InvalidParameter {
        entity: entity.name,
        action: ACTION,
        param,
        reason: format!("at {}: {}", problem.path, problem.reason),
        expected: problem.expected.to_string(),
    };
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
        let checked = match param {
            "query" => check_query(value),
            "limit" => check_limit(value),
            "cursor" => check_cursor(value),
            _ => check_fields(value),
        };
        checked.map_err(|problem| invalid(param, problem))?;
        out.insert(param.to_string(), value.clone());
    }
    if !out.contains_key("query") {
        return Err(Error::MissingParameter {
            entity: entity.name,
            action: ACTION,
            param: "query",
            usage: "query (object, required), limit (integer 1..10000), cursor (string), fields (list of field paths)".to_string(),
        });
    }
    Ok(Value::Object(out))
}

fn check_query(value: &Value) -> Check {
    let Value::Object(query) = value else {
        return Err(Problem::new(
            "query",
            format!("got {}", kind(value)),
            QUERY_FORM,
        ));
    };
    for (key, member) in query {
        match key.as_str() {
            "filter" => check_condition(member, "query.filter", 0)?,
            "sort" => check_sort(member)?,
            other => {
                return Err(Problem::new(
                    "query",
                    format!(
                        "unknown key {:?} (accepted: {})",
                        truncate(other, 40),
                        QUERY_KEYS.join(", ")
                    ),
                    QUERY_FORM,
                ))
            }
        }
    }
    Ok(())
}

fn check_condition(value: &Value, path: &str, depth: usize) -> Check {
    if depth > MAX_DEPTH {
        return Err(Problem::new(
            path,
            format!("nested more than {MAX_DEPTH} levels deep"),
            CONDITION_FORMS,
        ));
    }
    let Value::Object(condition) = value else {
        return Err(Problem::new(
            path,
            format!("got {}", kind(value)),
            CONDITION_FORMS,
        ));
    };
    let mut members = condition.iter();
    let (operator, operand) = match (members.next(), members.next()) {
        (Some(only), None) => only,
        (None, _) => return Err(Problem::new(path, "empty condition", CONDITION_FORMS)),
        (Some(_), Some(_)) => {
            let keys: Vec<&str> = condition.keys().map(String::as_str).take(5).collect();
            return Err(Problem::new(
                path,
                format!(
                    "one operator per condition, got {} ({}); combine conditions with and/or",
                    condition.len(),
                    keys.join(", ")
                ),
                CONDITION_FORMS,
            ));
        }
    };
    let here = format!("{path}.{operator}");
    match operator.as_str() {
        "eq" | "neq" | "contains" => check_fields_map(operand, &here, |_, _| Ok(())),
        "gt" | "gte" | "lt" | "lte" => check_fields_map(operand, &here, |value, at| match value {
            Value::Number(_) | Value::String(_) => Ok(()),
            other => Err(Problem::new(
                at,
                format!(
                    "got {}; comparisons take a number or a string (dates as text)",
                    kind(other)
                ),
                CONDITION_FORMS,
            )),
        }),
        "in" => check_fields_map(operand, &here, |value, at| match value {
            Value::Array(items) => match items.iter().position(|v| v.is_object() || v.is_array()) {
                None => Ok(()),
                Some(index) => Err(Problem::new(
                    &format!("{at}[{index}]"),
                    format!("got {}; list members are plain values", kind(&items[index])),
                    CONDITION_FORMS,
                )),
            },
            other => Err(Problem::new(
                at,
                format!("got {}; 'in' takes a list of values", kind(other)),
                CONDITION_FORMS,
            )),
        }),
        "like" | "fuzzy" | "keyword" => check_fields_map(operand, &here, |value, at| match value {
            Value::String(text) if !text.trim().is_empty() => Ok(()),
            Value::String(_) => Err(Problem::new(at, "empty text", CONDITION_FORMS)),
            other => Err(Problem::new(
                at,
                format!("got {}; text operators take a string", kind(other)),
                CONDITION_FORMS,
            )),
        }),
        "any" => check_fields_map(operand, &here, |value, at| {
            check_condition(value, at, depth + 1)
        }),
        "not" => check_condition(operand, &here, depth + 1),
        "and" | "or" => match operand {
            Value::Array(conditions) if !conditions.is_empty() => {
                for (index, nested) in conditions.iter().enumerate() {
                    check_condition(nested, &format!("{here}[{index}]"), depth + 1)?;
                }
                Ok(())
            }
            Value::Array(_) => Err(Problem::new(
                &here,
                "empty list of conditions",
                CONDITION_FORMS,
            )),
            other => Err(Problem::new(
                &here,
                format!("got {}; {operator} takes a list of conditions", kind(other)),
                CONDITION_FORMS,
            )),
        },
        unknown => Err(Problem::new(
            path,
            format!(
                "unknown operator {:?} (accepted: {})",
                truncate(unknown, 40),
                OPERATORS.join(", ")
            ),
            CONDITION_FORMS,
        )),
    }
}

/// `{field: value, ...}` with at least one field, each value passing `check_value`.
fn check_fields_map(
    value: &Value,
    path: &str,
    check_value: impl Fn(&Value, &str) -> Check,
) -> Check {
    let Value::Object(fields) = value else {
        return Err(Problem::new(
            path,
            format!("got {}; expected {{field: value}}", kind(value)),
            CONDITION_FORMS,
        ));
    };
    if fields.is_empty() {
        return Err(Problem::new(path, "names no field", CONDITION_FORMS));
    }
    for (field, field_value) in fields {
        let at = format!("{path}.{}", truncate(field, 64));
        if field.trim().is_empty() {
            return Err(Problem::new(path, "empty field name", CONDITION_FORMS));
        }
        check_value(field_value, &at)?;
    }
    Ok(())
}

fn check_sort(value: &Value) -> Check {
    let Value::Array(orders) = value else {
        return Err(Problem::new(
            "query.sort",
            format!("got {}", kind(value)),
            SORT_FORM,
        ));
    };
    for (index, order) in orders.iter().enumerate() {
        let at = format!("query.sort[{index}]");
        let Value::Object(order) = order else {
            return Err(Problem::new(&at, format!("got {}", kind(order)), SORT_FORM));
        };
        if order.len() != 1 {
            return Err(Problem::new(
                &at,
                format!("one field per sort entry, got {}", order.len()),
                SORT_FORM,
            ));
        }
        for (field, direction) in order {
            if field.trim().is_empty() {
                return Err(Problem::new(&at, "empty field name", SORT_FORM));
            }
            if !matches!(direction.as_str(), Some("asc" | "desc")) {
                return Err(Problem::new(
                    &format!("{at}.{}", truncate(field, 64)),
                    format!("got {}", preview(direction)),
                    SORT_FORM,
                ));
            }
        }
    }
    Ok(())
}

fn check_limit(value: &Value) -> Check {
    const FORM: &str = "an integer from 1 to 10000";
    match value.as_i64() {
        Some(n) if (value.is_i64() || value.is_u64()) && (1..=MAX_LIMIT).contains(&n) => Ok(()),
        Some(n) if value.is_i64() || value.is_u64() => {
            Err(Problem::new("limit", format!("{n} is out of range"), FORM))
        }
        _ => Err(Problem::new(
            "limit",
            format!("got {}", preview(value)),
            FORM,
        )),
    }
}

fn check_cursor(value: &Value) -> Check {
    const FORM: &str = "the cursor string from a previous result's meta.cursor";
    match value {
        Value::String(s) if !s.is_empty() => Ok(()),
        other => Err(Problem::new(
            "cursor",
            format!("got {}", preview(other)),
            FORM,
        )),
    }
}

fn check_fields(value: &Value) -> Check {
    let Value::Array(paths) = value else {
        return Err(Problem::new(
            "fields",
            format!("got {}", kind(value)),
            FIELDS_FORM,
        ));
    };
    for (index, path) in paths.iter().enumerate() {
        let at = format!("fields[{index}]");
        let Value::Array(names) = path else {
            return Err(Problem::new(
                &at,
                format!("got {}", preview(path)),
                FIELDS_FORM,
            ));
        };
        if names.is_empty() {
            return Err(Problem::new(&at, "empty field path", FIELDS_FORM));
        }
        if let Some(bad) = names
            .iter()
            .position(|n| n.as_str().is_none_or(|s| s.trim().is_empty()))
        {
            return Err(Problem::new(
                &format!("{at}[{bad}]"),
                format!("got {}", preview(&names[bad])),
                FIELDS_FORM,
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn users() -> &'static Entity {
        crate::catalog::entity("users").unwrap()
    }

    fn err(params: Value) -> Error {
        validate(users(), &params).unwrap_err()
    }

    fn invalid(params: Value) -> (String, String) {
        match err(params) {
            Error::InvalidParameter { param, reason, .. } => (param.to_string(), reason),
            other => panic!("expected InvalidParameter, got {other:?}"),
        }
    }

    #[test]
    fn accepts_every_operator_sort_limit_cursor_and_fields() {
        let params = json!({
            "query": {
                "filter": {"and": [
                    {"eq": {"is_active": true}},
                    {"neq": {"email": null}},
                    {"gt": {"id": 1}}, {"gte": {"updated_at": "2024-01-01"}},
                    {"lt": {"id": 100}}, {"lte": {"weekly_capacity": 144000.5}},
                    {"in": {"id": [1, 2, "3"]}},
                    {"or": [{"like": {"email": "%@example.com"}}, {"fuzzy": {"first_name": "jon"}}]},
                    {"not": {"keyword": {"roles": "designer"}}},
                    {"contains": {"roles": "Founder"}},
                    {"any": {"addresses": {"eq": {"state": "CA"}}}}
                ]},
                "sort": [{"last_name": "asc"}, {"id": "desc"}]
            },
            "limit": 10,
            "cursor": "abc",
            "fields": [["id"], ["client", "name"]]
        });
        assert_eq!(validate(users(), &params).unwrap(), params);
        assert_eq!(
            validate(users(), &json!({"query": {}, "limit": null})).unwrap(),
            json!({"query": {}})
        );
    }

    #[test]
    fn names_the_path_of_the_bad_part() {
        let (param, reason) =
            invalid(json!({"query": {"filter": {"and": [{"eq": {"a": 1}}, {"gt": {"b": true}}]}}}));
        assert_eq!(param, "query");
        assert!(
            reason.starts_with("at query.filter.and[1].gt.b: got a boolean"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"filter": {"between": {"a": [1, 2]}}}}));
        assert!(
            reason.contains("unknown operator \"between\" (accepted: eq, neq, gt"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"filter": {"eq": {"a": 1}, "neq": {"b": 2}}}}));
        assert!(
            reason.contains("one operator per condition, got 2"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"filter": {"in": {"id": 3}}}}));
        assert!(
            reason.contains("at query.filter.in.id: got a number; 'in' takes a list"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"filter": {"like": {"name": 3}}}}));
        assert!(reason.contains("text operators take a string"), "{reason}");
        let (_, reason) = invalid(json!({"query": {"filter": {"or": []}}}));
        assert!(
            reason.contains("at query.filter.or: empty list"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"filter": {"eq": {}}}}));
        assert!(reason.contains("names no field"), "{reason}");
        let (_, reason) = invalid(json!({"query": {"where": {}}}));
        assert!(
            reason.contains("unknown key \"where\" (accepted: filter, sort)"),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": {"sort": [{"id": "up"}]}}));
        assert!(
            reason.contains("at query.sort[0].id: got \"up\""),
            "{reason}"
        );
        let (_, reason) = invalid(json!({"query": "name = 'x'"}));
        assert!(reason.contains("at query: got a string"), "{reason}");
    }

    #[test]
    fn limit_cursor_fields_and_unknown_params() {
        assert_eq!(invalid(json!({"query": {}, "limit": 0})).0, "limit");
        assert_eq!(invalid(json!({"query": {}, "limit": 10001})).0, "limit");
        assert_eq!(invalid(json!({"query": {}, "limit": "5"})).0, "limit");
        assert_eq!(invalid(json!({"query": {}, "cursor": ""})).0, "cursor");
        assert_eq!(invalid(json!({"query": {}, "fields": ["id"]})).0, "fields");
        assert_eq!(invalid(json!({"query": {}, "fields": [[]]})).0, "fields");
        assert!(matches!(
            err(json!({"query": {}, "page": 2})),
            Error::UnknownParameter { ref accepted, .. } if accepted == &PARAMS.to_vec()
        ));
        assert!(matches!(
            err(json!({"limit": 5})),
            Error::MissingParameter { param: "query", .. }
        ));
        assert!(matches!(err(json!([1])), Error::InvalidParams { .. }));
    }

    #[test]
    fn deep_nesting_is_refused_not_recursed() {
        let mut condition = json!({"eq": {"a": 1}});
        for _ in 0..100 {
            condition = json!({ "not": condition });
        }
        let (_, reason) = invalid(json!({"query": {"filter": condition}}));
        assert!(
            reason.contains("nested more than 32 levels deep"),
            "{reason}"
        );
    }
}
