//! `context_store_search` over the store: a query checked by
//! `harvest_core::context_store::search::validate` becomes one SQL statement over the entity's
//! rows (a top-level field is its column, or `_extra` where the value did not fit it; a nested
//! one is read from its column's JSON), every value bound as a parameter (never written into
//! the SQL). The semantics are hosted mode's, operator by operator:
//!
//! - `eq` / `neq`: JSON equality (`true == 1`, as the context store compares); `null` matches
//!   a missing or null field.
//! - `gt` `gte` `lt` `lte`: numbers with numbers, strings with strings (code point order);
//!   any other pair, null or missing is no match.
//! - `in`: `eq` with any member. `contains`: the field is a list holding the value.
//! - `like`: the whole text matches, `%` any run, `_` one character, case-insensitive.
//! - `fuzzy`: every word of the text given appears in the field, in order; `keyword`: at
//!   least one does (words: letters, digits and `_`, lower-cased). On an indexed text path the
//!   word index first narrows the rows to those holding the words; the exact test decides.
//! - `any`: the field is a list of which some object matches the condition.
//! - `sort`: per field, values of one JSON type in their order, null last (first for `desc`);
//!   ties keep Harvest's list order.

use std::time::Instant;

use rusqlite::params_from_iter;
use rusqlite::types::Value as Sql;
use serde_json::{json, Map, Value};

use harvest_core::error::{Error, Result};

use super::rows::record_text;
use super::schema::{quote, Table};
use super::text::words_query;
use super::Store;

/// Records per page when the call gives no `limit`.
pub const DEFAULT_LIMIT: usize = 1000;

/// A field name as a JSON path (`client.name` → `$."client"."name"`).
fn json_path(field: &str) -> String {
    let mut path = String::from("$");
    for part in field.split('.') {
        path.push_str(".\"");
        path.push_str(&part.replace('"', ""));
        path.push('"');
    }
    path
}

/// A JSON value as the SQL value of a bound parameter: scalars as they are (booleans 0/1),
/// objects and lists as JSON text.
fn sql_value(value: Option<&Value>) -> Sql {
    match value {
        None | Some(Value::Null) => Sql::Null,
        Some(Value::Bool(b)) => Sql::Integer(i64::from(*b)),
        Some(Value::Number(n)) => match n.as_i64() {
            Some(i) => Sql::Integer(i),
            None => Sql::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(Value::String(s)) => Sql::Text(s.clone()),
        Some(other) => Sql::Text(other.to_string()),
    }
}

/// One value to test: its SQL value and its JSON type, as SQL expressions.
#[derive(Clone)]
struct Operand {
    value: String,
    ty: String,
}

/// What a condition's fields are read from.
#[derive(Clone)]
enum Base {
    /// The row being tested.
    Row,
    /// A JSON value (an element of a list, inside `any`).
    Json(String),
}

struct Builder {
    table: &'static Table,
    binds: Vec<Sql>,
    aliases: usize,
}

impl Builder {
    /// Bind `value`; returns its numbered placeholder (`?7`), which may be used any number of
    /// times.
    fn bind(&mut self, value: Sql) -> String {
        self.binds.push(value);
        format!("?{}", self.binds.len())
    }

    /// The field `field` of `base`. In a row: a top-level field is its column where the
    /// value fitted it, else `_extra`; a nested one is read from its column's JSON.
    fn field(&mut self, base: &Base, field: &str) -> Operand {
        if let Base::Json(doc) = base {
            let path = self.bind(Sql::Text(json_path(field)));
            return Operand {
                value: format!("json_extract({doc}, {path})"),
                ty: format!("json_type({doc}, {path})"),
            };
        }
        let extra = self.bind(Sql::Text(json_path(field)));
        let (head, rest) = match field.split_once('.') {
            Some((head, rest)) => (head, Some(rest)),
            None => (field, None),
        };
        let column = self.table.column_of(head).map(|c| &self.table.columns[c]);
        match (column, rest) {
            (Some(column), None) => {
                let col = format!("r.{}", quote(&column.name));
                Operand {
                    value: format!("COALESCE({col}, json_extract(r._extra, {extra}))"),
                    ty: format!(
                        "(CASE WHEN {col} IS NOT NULL THEN {} ELSE json_type(r._extra, {extra}) END)",
                        column.json_type_sql(&col)
                    ),
                }
            }
            (Some(column), Some(rest)) if column.is_json() => {
                let col = format!("r.{}", quote(&column.name));
                let path = self.bind(Sql::Text(json_path(rest)));
                Operand {
                    value: format!(
                        "COALESCE(json_extract({col}, {path}), json_extract(r._extra, {extra}))"
                    ),
                    ty: format!("COALESCE(json_type({col}, {path}), json_type(r._extra, {extra}))"),
                }
            }
            _ => Operand {
                value: format!("json_extract(r._extra, {extra})"),
                ty: format!("json_type(r._extra, {extra})"),
            },
        }
    }

    fn condition(&mut self, base: &Base, condition: &Value) -> String {
        let Some((operator, operand)) = condition.as_object().and_then(|c| c.iter().next()) else {
            return "0".to_string();
        };
        match operator.as_str() {
            "and" | "or" => {
                let parts: Vec<String> = operand
                    .as_array()
                    .map(|c| c.iter().map(|c| self.condition(base, c)).collect())
                    .unwrap_or_default();
                let joiner = if operator == "and" { " AND " } else { " OR " };
                format!("({})", parts.join(joiner))
            }
            "not" => format!("(NOT {})", self.condition(base, operand)),
            _ => {
                let Some(fields) = operand.as_object() else {
                    return "0".to_string();
                };
                // Several fields in one comparison: all of them must match.
                let parts: Vec<String> = fields
                    .iter()
                    .map(|(field, value)| self.compare(base, operator, field, value))
                    .collect();
                format!("({})", parts.join(" AND "))
            }
        }
    }

    /// `field` of `base` against `value` under `operator`, always 0 or 1 (never NULL, so
    /// `not` inverts exactly).
    fn compare(&mut self, base: &Base, operator: &str, field: &str, value: &Value) -> String {
        match operator {
            "any" | "contains" => {
                let list = self.field(base, field);
                self.aliases += 1;
                let each = format!("e{}", self.aliases);
                let test = if operator == "any" {
                    let inner = self.condition(&Base::Json(format!("{each}.value")), value);
                    format!("{each}.type = 'object' AND {inner}")
                } else {
                    let element = Operand {
                        value: format!("{each}.value"),
                        ty: format!("{each}.type"),
                    };
                    self.equals(&element, value)
                };
                // CASE: the list is only read as JSON once it is known to be one.
                format!(
                    "COALESCE(CASE WHEN {} = 'array' THEN EXISTS (SELECT 1 FROM json_each({}) AS {each} WHERE {test}) ELSE 0 END, 0)",
                    list.ty, list.value
                )
            }
            // A record's own id: the table's key, so the index answers (the common "resolve
            // this id" lookup) instead of a scan.
            "eq" if matches!(base, Base::Row) && field == "id" && value.as_i64().is_some() => {
                let mark = self.bind(sql_value(Some(value)));
                format!("(r.id = {mark})")
            }
            "in" if matches!(base, Base::Row)
                && field == "id"
                && value
                    .as_array()
                    .is_some_and(|m| !m.is_empty() && m.iter().all(|v| v.as_i64().is_some())) =>
            {
                let members: Vec<String> = value
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|member| self.bind(sql_value(Some(member))))
                    .collect();
                format!("(r.id IN ({}))", members.join(", "))
            }
            _ => {
                let at = self.field(base, field);
                match operator {
                    "eq" => self.equals(&at, value),
                    "neq" => format!("(NOT {})", self.equals(&at, value)),
                    "gt" | "gte" | "lt" | "lte" => {
                        let sign = match operator {
                            "gt" => ">",
                            "gte" => ">=",
                            "lt" => "<",
                            _ => "<=",
                        };
                        let types = if value.is_string() {
                            "('text')"
                        } else {
                            "('integer', 'real')"
                        };
                        let mark = self.bind(sql_value(Some(value)));
                        format!(
                            "COALESCE({} IN {types} AND {} {sign} {mark}, 0)",
                            at.ty, at.value
                        )
                    }
                    "in" => {
                        let members = value.as_array().cloned().unwrap_or_default();
                        if members.is_empty() {
                            return "0".to_string();
                        }
                        let tests: Vec<String> = members
                            .iter()
                            .map(|member| self.equals(&at, member))
                            .collect();
                        format!("({})", tests.join(" OR "))
                    }
                    "like" | "fuzzy" | "keyword" => {
                        let mark = self.bind(sql_value(Some(value)));
                        let exact = format!("COALESCE(store_{operator}({}, {mark}), 0)", at.value);
                        match self.narrowing(base, operator, field, value) {
                            Some(narrow) => format!("({narrow} AND {exact})"),
                            None => exact,
                        }
                    }
                    _ => "0".to_string(),
                }
            }
        }
    }

    /// For `fuzzy` / `keyword` on a text path the word index covers: the rows holding the
    /// words (a superset of the matches; the exact test runs on them).
    fn narrowing(
        &mut self,
        base: &Base,
        operator: &str,
        field: &str,
        value: &Value,
    ) -> Option<String> {
        if operator == "like" || !matches!(base, Base::Row) {
            return None;
        }
        let words = self.table.words_table()?;
        let n = self.table.text_path(field)?;
        let text = match value {
            Value::String(s) => s.clone(),
            // As the text operators read a number (`text_of`).
            Value::Number(n) => match n.as_i64() {
                Some(i) => i.to_string(),
                None => n.as_f64().map(|f| f.to_string()).unwrap_or_default(),
            },
            _ => return None,
        };
        let query = words_query(n, operator, &text)?;
        let mark = self.bind(Sql::Text(query));
        let words = quote(&words);
        Some(format!(
            "r.id IN (SELECT rowid FROM {words} WHERE {words} MATCH {mark})"
        ))
    }

    /// JSON equality of `at` and `value`, 0 or 1.
    fn equals(&mut self, at: &Operand, value: &Value) -> String {
        match value {
            Value::Null => format!("({} IS NULL)", at.value),
            Value::String(_) => {
                let mark = self.bind(sql_value(Some(value)));
                format!("COALESCE({} = 'text' AND {} = {mark}, 0)", at.ty, at.value)
            }
            Value::Bool(_) | Value::Number(_) => {
                let mark = self.bind(sql_value(Some(value)));
                format!(
                    "COALESCE({} IN ('integer', 'real', 'true', 'false') AND {} = {mark}, 0)",
                    at.ty, at.value
                )
            }
            Value::Array(_) | Value::Object(_) => {
                let kind = if value.is_array() { "array" } else { "object" };
                let mark = self.bind(Sql::Text(value.to_string()));
                format!(
                    "COALESCE({} = '{kind}' AND json({}) = json({mark}), 0)",
                    at.ty, at.value
                )
            }
        }
    }
}

/// The `fields` projection: each path set in the result (null where the record lacks it).
fn project(record: &Value, paths: &[Value]) -> Value {
    let mut out = Map::new();
    for path in paths {
        let names: Vec<&str> = path
            .as_array()
            .map(|p| p.iter().filter_map(Value::as_str).collect())
            .unwrap_or_default();
        let Some((last, parents)) = names.split_last() else {
            continue;
        };
        let mut value = Some(record);
        for name in &names {
            value = value.and_then(|v| v.get(*name));
        }
        let mut target = &mut out;
        for parent in parents {
            let slot = target
                .entry(parent.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !slot.is_object() {
                *slot = Value::Object(Map::new());
            }
            target = slot.as_object_mut().expect("an object");
        }
        target.insert(last.to_string(), value.cloned().unwrap_or(Value::Null));
    }
    Value::Object(out)
}

/// Where the page a `cursor` continues starts (0 without one); a cursor this store did not
/// give is refused, naming the parameter.
pub fn offset(table: &Table, params: &Value) -> Result<usize> {
    match params.get("cursor").and_then(Value::as_str) {
        None => Ok(0),
        Some(cursor) => cursor
            .parse::<usize>()
            .map_err(|_| Error::InvalidParameter {
                entity: table.entity.name,
                action: harvest_core::context_store::search::ACTION,
                param: "cursor",
                reason: format!(
                    "{:?} is not a cursor of the local store",
                    harvest_core::values::truncate(cursor, 40)
                ),
                expected: "the cursor string from a previous result's meta.cursor".to_string(),
            }),
    }
}

impl Store {
    /// Run a checked `context_store_search` (`params` as `validate` returned them) over
    /// `table`: the JSON text of `{data, meta}` as hosted mode returns it, `meta` with the
    /// store's freshness.
    pub fn search(&self, table: &'static Table, params: &Value) -> Result<String> {
        let started = Instant::now();
        let entity = table.name();
        let query = params.get("query").cloned().unwrap_or(Value::Null);
        let limit = params
            .get("limit")
            .and_then(Value::as_u64)
            .map_or(DEFAULT_LIMIT, |n| n as usize);
        let offset = offset(table, params)?;
        let mut builder = Builder {
            table,
            binds: Vec::new(),
            aliases: 0,
        };
        let filter = match query.get("filter") {
            Some(filter) => builder.condition(&Base::Row, filter),
            None => "1".to_string(),
        };
        let mut order = Vec::new();
        for entry in query
            .get("sort")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for (field, direction) in entry.as_object().into_iter().flatten() {
                let dir = if direction.as_str() == Some("desc") {
                    "DESC"
                } else {
                    "ASC"
                };
                let at = builder.field(&Base::Row, field);
                order.push(format!("({} IS NULL) {dir}", at.value));
                order.push(format!(
                    "CASE {} WHEN 'true' THEN 0 WHEN 'false' THEN 0 WHEN 'object' THEN 1 WHEN 'real' THEN 2 WHEN 'integer' THEN 3 WHEN 'array' THEN 4 ELSE 5 END {dir}",
                    at.ty
                ));
                order.push(format!("{} {dir}", at.value));
            }
        }
        order.push("r._pos ASC".to_string());
        order.push("r.id ASC".to_string());
        let limit_mark = builder.bind(Sql::Integer(limit as i64 + 1));
        let offset_mark = builder.bind(Sql::Integer(offset as i64));
        let columns: Vec<String> = table
            .stored
            .iter()
            .map(|&c| format!("r.{}", quote(&table.columns[c].name)))
            .chain(["r._extra".to_string(), "r._absent".to_string()])
            .collect();
        let statement = format!(
            "SELECT {} FROM {} AS r WHERE {filter} ORDER BY {} LIMIT {limit_mark} OFFSET {offset_mark}",
            columns.join(", "),
            quote(&table.data_table()),
            order.join(", ")
        );
        let texts: Vec<String> = self.with_search(|conn| {
            let go = || -> rusqlite::Result<Vec<String>> {
                let mut stmt = conn.prepare(&statement)?;
                let rows = stmt.query_map(params_from_iter(builder.binds.iter()), |row| {
                    record_text(table, row)
                })?;
                rows.collect()
            };
            go().map_err(|e| self.fail(e))
        })?;
        let has_more = texts.len() > limit;
        let fields = params.get("fields").and_then(Value::as_array);
        let mut out = String::with_capacity(texts.iter().map(|t| t.len() + 1).sum::<usize>() + 256);
        out.push_str("{\"data\":[");
        let mut returned = 0;
        for text in texts.iter().take(limit) {
            if returned > 0 {
                out.push(',');
            }
            match fields {
                Some(paths) => {
                    let record = serde_json::from_str::<Value>(text).unwrap_or(Value::Null);
                    out.push_str(&project(&record, paths).to_string());
                }
                None => out.push_str(text),
            }
            returned += 1;
        }
        let end = offset + returned;
        let mut meta = self.freshness(entity)?;
        if let Value::Object(meta) = &mut meta {
            meta.insert("has_more".into(), json!(has_more));
            meta.insert(
                "cursor".into(),
                if has_more {
                    json!(end.to_string())
                } else {
                    Value::Null
                },
            );
            meta.insert(
                "took_ms".into(),
                json!((started.elapsed().as_secs_f64() * 1e4).round() / 10.0),
            );
        }
        out.push_str("],\"meta\":");
        out.push_str(&meta.to_string());
        out.push('}');
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;
    use harvest_core::context_store::search::validate;

    fn store() -> Store {
        let store = Store::open(None, "1").unwrap();
        let records = vec![
            json!({"id": 1, "first_name": "Ana", "is_active": true, "roles": ["Founder", "CEO"],
                   "weekly_capacity": 100, "telephone": null, "updated_at": "2024-01-02T00:00:00Z"}),
            json!({"id": 2, "first_name": "Bo", "is_active": false, "roles": [],
                   "weekly_capacity": 50.5, "telephone": "555", "updated_at": "2024-01-01T00:00:00Z"}),
            json!({"id": 3, "first_name": "Cy", "is_active": true, "roles": ["Designer"],
                   "access_roles": [{"name": "manager"}]}),
        ];
        crate::apply::tests::apply_records(&store, "users", &records, true);
        store
    }

    fn ids(store: &Store, params: Value) -> Vec<i64> {
        let users = schema::table("users").unwrap();
        let checked = validate(users.entity, &params).unwrap();
        let result: Value = serde_json::from_str(&store.search(users, &checked).unwrap()).unwrap();
        result["data"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["id"].as_i64().unwrap())
            .collect()
    }

    #[test]
    fn operators() {
        let s = store();
        let q = |filter: Value| ids(&s, json!({"query": {"filter": filter}}));
        assert_eq!(q(json!({"eq": {"is_active": true}})), [1, 3]);
        assert_eq!(q(json!({"eq": {"is_active": 1}})), [1, 3], "true == 1");
        assert_eq!(
            q(json!({"eq": {"telephone": null}})),
            [1, 3],
            "null or missing"
        );
        assert_eq!(q(json!({"neq": {"telephone": "555"}})), [1, 3]);
        assert_eq!(q(json!({"not": {"eq": {"telephone": "555"}}})), [1, 3]);
        assert_eq!(q(json!({"gt": {"weekly_capacity": 50}})), [1, 2]);
        assert_eq!(q(json!({"lt": {"first_name": "C"}})), [1, 2]);
        assert_eq!(
            q(json!({"gt": {"first_name": 1}})),
            Vec::<i64>::new(),
            "text vs number"
        );
        assert_eq!(q(json!({"in": {"id": [3, "1", null]}})), [3]);
        assert_eq!(q(json!({"like": {"first_name": "_o"}})), [2]);
        assert_eq!(q(json!({"keyword": {"roles": "ceo designer"}})), [1, 3]);
        assert_eq!(q(json!({"fuzzy": {"roles": "founder ceo"}})), [1]);
        assert_eq!(q(json!({"contains": {"roles": "Designer"}})), [3]);
        assert_eq!(
            q(json!({"any": {"access_roles": {"eq": {"name": "manager"}}}})),
            [3]
        );
        assert_eq!(
            q(
                json!({"or": [{"eq": {"id": 2}}, {"and": [{"eq": {"id": 3}}, {"eq": {"is_active": true}}]}]})
            ),
            [2, 3]
        );
        // A value that looks like SQL is only ever a bound value.
        assert_eq!(
            q(json!({"eq": {"first_name": "x' OR 1=1 --"}})),
            Vec::<i64>::new()
        );
        assert_eq!(
            q(json!({"eq": {"first_name\" OR 1=1 --": "x"}})),
            Vec::<i64>::new()
        );
    }

    #[test]
    fn values_that_fit_no_column_are_still_found() {
        let s = Store::open(None, "1").unwrap();
        // A number where the catalogue says text, text where it says a list, an unknown field.
        let records = vec![
            json!({"id": 1, "first_name": 42, "roles": "Founder", "nickname": "Ace"}),
            json!({"id": 2, "first_name": "Forty Two", "roles": ["Founder"], "weekly_capacity": 1.5}),
        ];
        crate::apply::tests::apply_records(&s, "users", &records, true);
        let q = |filter: Value| ids(&s, json!({"query": {"filter": filter}}));
        assert_eq!(
            q(json!({"fuzzy": {"first_name": "42"}})),
            [1],
            "a misfit is tested, not skipped by the word index"
        );
        assert_eq!(q(json!({"keyword": {"roles": "founder"}})), [1, 2]);
        assert_eq!(q(json!({"eq": {"first_name": 42}})), [1]);
        assert_eq!(q(json!({"gt": {"first_name": 40}})), [1]);
        assert_eq!(q(json!({"eq": {"nickname": "Ace"}})), [1]);
        assert_eq!(
            q(json!({"contains": {"roles": "Founder"}})),
            [2],
            "only a list contains"
        );
        assert_eq!(q(json!({"eq": {"weekly_capacity": 1.5}})), [2]);
        assert_eq!(
            ids(&s, json!({"query": {"sort": [{"first_name": "asc"}]}})),
            [1, 2],
            "a number sorts before text, as hosted mode orders JSON types"
        );
    }

    #[test]
    fn sort_paging_and_fields() {
        let s = store();
        assert_eq!(ids(&s, json!({"query": {}})), [1, 2, 3], "Harvest's order");
        assert_eq!(
            ids(&s, json!({"query": {"sort": [{"telephone": "asc"}]}})),
            [2, 1, 3],
            "nulls last, ties in Harvest's order"
        );
        assert_eq!(
            ids(&s, json!({"query": {"sort": [{"telephone": "desc"}]}})),
            [1, 3, 2]
        );
        let users = schema::table("users").unwrap();
        let page = |cursor: Option<&str>| {
            let mut params = json!({"query": {"sort": [{"id": "desc"}]}, "limit": 2, "fields": [["id"], ["x", "y"]]});
            if let Some(c) = cursor {
                params["cursor"] = json!(c);
            }
            let text = s
                .search(users, &validate(users.entity, &params).unwrap())
                .unwrap();
            serde_json::from_str::<Value>(&text).unwrap()
        };
        let first = page(None);
        assert_eq!(
            first["data"],
            json!([{"id": 3, "x": {"y": null}}, {"id": 2, "x": {"y": null}}])
        );
        assert_eq!(first["meta"]["has_more"], json!(true));
        let second = page(first["meta"]["cursor"].as_str());
        assert_eq!(second["data"], json!([{"id": 1, "x": {"y": null}}]));
        assert_eq!(second["meta"]["has_more"], json!(false));
    }

    #[test]
    fn sql_is_read_only() {
        let s = store();
        let users = schema::table("users").unwrap();
        let run = |sql: &str| s.sql(users, &json!({"sql": sql}));
        let rows = run("SELECT COUNT(*) AS n, SUM(is_active) AS active FROM users").unwrap();
        assert_eq!(rows["data"], json!([{"n": 3, "active": 2}]));
        for bad in [
            "DELETE FROM users",
            "INSERT INTO users (id) VALUES (9)",
            "ATTACH DATABASE ':memory:' AS x",
            "PRAGMA user_version = 3",
            "SELECT 1; DELETE FROM users",
        ] {
            let err = run(bad).unwrap_err();
            assert!(matches!(err, Error::SqlRefused { .. }), "{bad}: {err}");
        }
        assert!(matches!(
            run("SELECT nope FROM users").unwrap_err(),
            Error::InvalidParameter { param: "sql", .. }
        ));
        assert_eq!(
            run("SELECT COUNT(*) AS n FROM users").unwrap()["data"],
            json!([{"n": 3}])
        );
    }
}
