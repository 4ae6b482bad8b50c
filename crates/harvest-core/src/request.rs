//! Turns `(entity, action, params)` into a validated request, using only the catalogue. Every
//! check happens here, before anything leaves the process; whatever passes is safe to put on
//! the wire (path segments are ASCII digits, query values are normalised, a cursor can only
//! name a page of the same listing).

use serde_json::{Map, Value};

use crate::catalog::{
    self, Action, Entity, Location, Param, ParamType, MAX_LIMIT, MAX_PER_PAGE, MAX_REPORT_DAYS,
};
use crate::error::{Error, Result};
use crate::pagination::{self, Relative};
use crate::values::{
    civil_from_days, days_from_civil, iso, json_kind, params_object, parse_date, parse_id_string,
    preview, truncate,
};
use crate::write_body::{self, Upload};

/// A request that passed validation.
#[derive(Debug, Clone)]
pub struct RequestSpec {
    pub entity: &'static Entity,
    pub action: &'static Action,
    /// Path below the host's root, placeholders filled (e.g. `/users/42`).
    pub path: String,
    /// Query parameters, values already in Harvest's format.
    pub query: Vec<(&'static str, String)>,
    /// JSON body of a write action (its `Location::Body` parameters and fixed members); a
    /// file's place holds its summary, the file itself is `upload`.
    pub body: Option<Value>,
    /// A file to send with the body as `multipart/form-data`.
    pub upload: Option<Upload>,
    /// Collect up to this many records across pages (lists only).
    pub limit: Option<usize>,
    /// Records at the start of the first page already returned by an earlier call (from a
    /// cursor that ended mid-page).
    pub skip: usize,
    /// Attempts per request for this call, overriding the client's retry policy (set to 1 when
    /// an outer layer, such as a tool's own retry loop, owns retrying).
    pub max_attempts: Option<u32>,
}

impl RequestSpec {
    /// `path?query`, relative to the host's root: the resume point of this request.
    pub fn relative(&self) -> String {
        pagination::render_relative(&self.path, &self.query)
    }

    /// The path parameters' values, read back from the filled path (`[("id", "42")]`).
    pub fn path_params(&self) -> Vec<(&'static str, String)> {
        let template = self.action.path.split('/');
        template
            .zip(self.path.split('/'))
            .filter_map(|(name, value)| {
                let name = name.strip_prefix('{')?.strip_suffix('}')?;
                let param = self.action.param(name)?;
                Some((param.name, value.to_string()))
            })
            .collect()
    }

    /// What a delete returns: `{"deleted": true, "entity": ..., "id": ...}` with every path
    /// parameter (and `action` when it deleted a part of the record, not the record).
    pub fn deleted(&self) -> Value {
        let mut out = Map::new();
        out.insert("deleted".to_string(), Value::Bool(true));
        out.insert("entity".to_string(), Value::from(self.entity.name));
        for (name, value) in self.path_params() {
            let id = value
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or(Value::String(value));
            out.insert(name.to_string(), id);
        }
        if self.action.name != "delete" {
            out.insert("action".to_string(), Value::from(self.action.name));
        }
        Value::Object(out)
    }

    /// The same action for another request of its listing (a followed link or a page).
    pub fn at(&self, relative: Relative) -> RequestSpec {
        RequestSpec {
            path: relative.path,
            query: relative.query,
            skip: 0,
            ..self.clone()
        }
    }
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
    build_action(entity_def, action_def, params)
}

/// Validate `params` for a known action.
pub fn build_action(
    entity: &'static Entity,
    action: &'static Action,
    params: &Value,
) -> Result<RequestSpec> {
    let params = params_object(params)?;
    let values = collect_values(entity, action, params)?;
    let check = Checker { entity, action };

    let mut limit = None;
    let mut cursor = None;
    let mut upload = None;
    let mut given = Vec::new();
    for (param, value) in action.params.iter().zip(values) {
        match (param.ty, value) {
            (ParamType::Limit, Some(value)) => limit = Some(check.limit(param, value)?),
            (ParamType::Cursor, Some(value)) => cursor = Some(check.cursor(param, value)?),
            (ParamType::File, Some(value)) => {
                let file = write_body::upload(param.name, value).map_err(|refusal| {
                    Error::InvalidParameter {
                        entity: entity.name,
                        action: action.name,
                        param: param.name,
                        reason: refusal.reason,
                        expected: refusal.expected,
                    }
                })?;
                given.push((param, file.summary()));
                upload = Some(file);
            }
            (_, Some(value)) => given.push((param, check.normalise(param, value)?)),
            (_, None) => {}
        }
    }
    if let Some((relative, skip)) = cursor {
        if let Some((page, _)) = given.iter().find(|(p, _)| p.name == "page") {
            return Err(Error::InvalidParameter {
                entity: entity.name,
                action: action.name,
                param: page.name,
                reason: "cannot be combined with cursor: a cursor already names the page it \
                         continues from"
                    .to_string(),
                expected: "either cursor (meta.next_cursor, recommended) or page, not both"
                    .to_string(),
            });
        }
        let mut spec = check.resume(&relative, &given)?;
        spec.limit = limit;
        spec.skip = skip;
        return Ok(spec);
    }

    let mut path = action.path.to_string();
    let mut query = Vec::new();
    let mut body = (action.takes_body() || !action.fixed_body.is_empty()).then(Map::new);
    for param in action.params {
        let value = given.iter().find(|(p, _)| p.name == param.name);
        let Some((_, wire)) = value else {
            if param.required {
                return Err(Error::MissingParameter {
                    entity: entity.name,
                    action: action.name,
                    param: param.name,
                    usage: usage(action),
                });
            }
            continue;
        };
        match param.location {
            Location::Path => path = path.replace(&format!("{{{}}}", param.name), &text(wire)),
            Location::Query => query.push((param.name, text(wire))),
            Location::Body => {
                if let Some(body) = body.as_mut() {
                    body.insert(param.name.to_string(), wire.clone());
                }
            }
            Location::Paging => {}
        }
    }
    check.report_period(&query)?;
    if let Some(body) = body.as_mut() {
        write_body::check_rules(entity, action, body)?;
        for (name, value) in action.fixed_body {
            body.insert(name.to_string(), Value::String(value.to_string()));
        }
    }
    // A walk asks for big pages (Harvest's default is 100 for invoices), but never for more
    // records than it needs.
    if let (Some(limit), Some(per_page)) = (limit, action.param("per_page")) {
        if !query.iter().any(|(k, _)| *k == per_page.name) {
            query.push((per_page.name, limit.min(MAX_PER_PAGE as usize).to_string()));
        }
    }
    Ok(RequestSpec {
        entity,
        action,
        path,
        query,
        body: body.map(Value::Object),
        upload,
        limit,
        skip: 0,
        max_attempts: None,
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

/// `id (positive integer id, required), per_page (integer 1..2000)`: the action's parameters
/// at a glance.
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

/// A normalised value as query text.
fn text(wire: &Value) -> String {
    match wire {
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        other => other.to_string(),
    }
}

struct Checker {
    entity: &'static Entity,
    action: &'static Action,
}

impl Checker {
    fn invalid(&self, param: &'static Param, reason: String) -> Error {
        Error::InvalidParameter {
            entity: self.entity.name,
            action: self.action.name,
            param: param.name,
            reason,
            expected: param.ty.describe(),
        }
    }

    /// Validate one value against its type and return what Harvest receives: a JSON number for
    /// ids, integers and decimals, a boolean, a string in Harvest's format, or (in a write's
    /// body) a list or mapping of those.
    fn normalise(&self, param: &'static Param, value: &Value) -> Result<Value> {
        write_body::normalise(param.ty, "", param.name, value).map_err(|refusal| {
            Error::InvalidParameter {
                entity: self.entity.name,
                action: self.action.name,
                param: param.name,
                reason: refusal.reason,
                expected: refusal.expected,
            }
        })
    }

    fn limit(&self, param: &'static Param, value: &Value) -> Result<usize> {
        match value.as_i64() {
            Some(n) if value.is_i64() || value.is_u64() => {
                if (1..=MAX_LIMIT).contains(&n) {
                    Ok(n as usize)
                } else {
                    Err(self.invalid(param, format!("{n} is out of range")))
                }
            }
            _ => Err(self.invalid(param, format!("got {}", preview(value)))),
        }
    }

    /// A cursor, decoded and checked against this action.
    fn cursor(&self, param: &'static Param, value: &Value) -> Result<(Relative, usize)> {
        let refuse = |reason: String| Error::InvalidParameter {
            entity: self.entity.name,
            action: self.action.name,
            param: param.name,
            reason,
            expected: format!(
                "meta.next_cursor of an earlier {}.{} call, passed back unchanged",
                self.entity.name, self.action.name
            ),
        };
        let Value::String(token) = value else {
            return Err(refuse(format!("got {}", json_kind(value))));
        };
        let (relative, skip) = pagination::decode_cursor(token).map_err(&refuse)?;
        let relative = pagination::parse_relative(self.action, &relative).map_err(&refuse)?;
        Ok((relative, skip))
    }

    /// The request a cursor names. Other parameters given alongside must agree with what the
    /// cursor carries: a cursor continues one listing, with its filters.
    fn resume(
        &self,
        relative: &Relative,
        given: &[(&'static Param, Value)],
    ) -> Result<RequestSpec> {
        for (param, wire) in given {
            let wire = text(wire);
            let carried = match param.location {
                Location::Path => relative
                    .path_params
                    .iter()
                    .find(|(name, _)| *name == param.name),
                _ => relative.query.iter().find(|(name, _)| *name == param.name),
            };
            let carried = carried.map(|(_, value)| value.as_str());
            let same = match (param.ty, carried) {
                (ParamType::ReportDate, Some(carried)) => parse_date(carried)
                    .is_some_and(|(y, m, d)| format!("{y:04}{m:02}{d:02}") == wire),
                (ParamType::Id, Some(carried)) => {
                    parse_id_string(carried).as_deref() == Some(&wire)
                }
                (_, Some(carried)) => carried == wire,
                (_, None) => false,
            };
            if !same {
                return Err(Error::InvalidParameter {
                    entity: self.entity.name,
                    action: self.action.name,
                    param: param.name,
                    reason: match carried {
                        Some(carried) => {
                            format!("{wire} differs from the {carried} the cursor continues with")
                        }
                        None => "the cursor continues a listing made without it".to_string(),
                    },
                    expected: "the value of the call that returned the cursor, or leave it out \
                               (a cursor carries its listing's filters; to change them, start \
                               again without cursor)"
                        .to_string(),
                });
            }
        }
        self.report_period(&relative.query)?;
        Ok(RequestSpec {
            entity: self.entity,
            action: self.action,
            path: relative.path.clone(),
            query: relative.query.clone(),
            body: None,
            upload: None,
            limit: None,
            skip: 0,
            max_attempts: None,
        })
    }

    /// Reports need `from` on or before `to`, at most `MAX_REPORT_DAYS` apart (Harvest's limit).
    fn report_period(&self, query: &[(&str, String)]) -> Result<()> {
        let day = |name: &str| {
            query
                .iter()
                .find(|(k, _)| *k == name)
                .and_then(|(_, v)| parse_date(v))
        };
        let (Some(from), Some(to)) = (day("from"), day("to")) else {
            return Ok(());
        };
        let param = self.action.param("to").map(|p| p.name).unwrap_or("to");
        let (first, last) = (days_from_civil(from), days_from_civil(to));
        let invalid = |reason: String, expected: String| Error::InvalidParameter {
            entity: self.entity.name,
            action: self.action.name,
            param,
            reason,
            expected,
        };
        if last < first {
            return Err(invalid(
                format!("to ({}) is before from ({})", iso(to), iso(from)),
                "a date on or after from".to_string(),
            ));
        }
        // A period of any length is fine for a listing's filters; reports take a year at most.
        if !self.action.is_report() {
            return Ok(());
        }
        if last - first > MAX_REPORT_DAYS {
            let windows = report_windows(first, last);
            let shown: Vec<String> = windows
                .iter()
                .take(3)
                .map(|(a, b)| {
                    format!(
                        "from={} to={}",
                        iso(civil_from_days(*a)),
                        iso(civil_from_days(*b))
                    )
                })
                .collect();
            return Err(invalid(
                format!(
                    "the period {} to {} spans {} days, and Harvest reports cover at most \
                     {MAX_REPORT_DAYS} days (to minus from)",
                    iso(from),
                    iso(to),
                    last - first
                ),
                format!(
                    "a to at most {MAX_REPORT_DAYS} days after from (here {} or earlier); split \
                     the period into {} consecutive calls ({}{}) and combine their rows",
                    iso(civil_from_days(first + MAX_REPORT_DAYS)),
                    windows.len(),
                    shown.join(", then "),
                    if windows.len() > shown.len() {
                        ", …"
                    } else {
                        ""
                    }
                ),
            ));
        }
        Ok(())
    }
}

/// Consecutive windows of at most `MAX_REPORT_DAYS` (to minus from) covering `[first, last]`.
pub fn report_windows(first: i64, last: i64) -> Vec<(i64, i64)> {
    let mut windows = Vec::new();
    let mut start = first;
    while start <= last {
        let end = (start + MAX_REPORT_DAYS).min(last);
        windows.push((start, end));
        start = end + 1;
    }
    windows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::values::parse_datetime;
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
        let e = err("users", "archive", Value::Null);
        assert_eq!(
            e.to_string(),
            "Action \"archive\" is not supported for entity 'users'. Supported actions: list, \
             get, me, create, update, delete."
        );
        let e = err("users", "list", json!({"foo": 1}));
        assert!(e
            .to_string()
            .ends_with("Accepted parameters: is_active, updated_since, per_page, cursor, limit."));
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

    #[test]
    fn filters_are_typed_and_normalised() {
        let spec = ok(
            "time_entries",
            "list",
            json!({
                "user_id": 4955600,
                "project_id": "41068200",
                "is_billed": false,
                "approval_status": "Approved",
                "external_reference_id": "PR-1 #2",
                "updated_since": "2024-03-01T10:30:00+02:00",
                "from_": "2024-01-01",
                "to": "2024-01-31",
            }),
        );
        assert_eq!(
            spec.query,
            vec![
                ("user_id", "4955600".to_string()),
                ("project_id", "41068200".to_string()),
                ("external_reference_id", "PR-1 #2".to_string()),
                ("is_billed", "false".to_string()),
                ("approval_status", "approved".to_string()),
                ("updated_since", "2024-03-01T08:30:00Z".to_string()),
                ("from", "2024-01-01".to_string()),
                ("to", "2024-01-31".to_string()),
            ]
        );
        assert_eq!(
            ok("clients", "list", json!({"is_active": true})).query,
            vec![("is_active", "true".to_string())]
        );
        for (key, bad) in [
            ("is_billed", json!("true")),
            ("is_billed", json!(1)),
            ("approval_status", json!("pending")),
            ("approval_status", json!(["approved"])),
            ("user_id", json!(0)),
            ("user_id", json!("4955600x")),
            ("from", json!("20240101")),
            ("from", json!("2024-02-30")),
            ("updated_since", json!("2024-03-01")),
            ("updated_since", json!("2024-03-01T10:30:00")),
            ("updated_since", json!("2024-03-01 10:30:00+25:00")),
            ("external_reference_id", json!("")),
            ("external_reference_id", json!("a\nb")),
        ] {
            match err("time_entries", "list", json!({ key: bad })) {
                Error::InvalidParameter { param, .. } => assert!(
                    param == key || (key == "from" && param == "from"),
                    "{key}: {param}"
                ),
                other => panic!("{key}={bad}: {other}"),
            }
        }
        let e = err(
            "time_entries",
            "list",
            json!({"approval_status": "pending"}),
        );
        assert_eq!(
            e.to_string(),
            "Invalid value for parameter 'approval_status' of time_entries.list: got \"pending\". \
             Expected one of unsubmitted, submitted, approved."
        );
        let e = err(
            "users",
            "list",
            json!({"updated_since": "2024-03-01T10:30:00"}),
        );
        assert!(e.to_string().contains("no zone: add Z for UTC"), "{e}");
    }

    #[test]
    fn ids_are_64_bit() {
        let spec = ok(
            "time_entries",
            "list",
            json!({"task_id": 9_007_199_254_740_993i64}),
        );
        assert_eq!(spec.query[0].1, "9007199254740993");
        let spec = ok(
            "project_user_assignments",
            "get",
            json!({"project_id": 3_000_000_000u64, "id": "4000000000"}),
        );
        assert_eq!(
            spec.path,
            "/projects/3000000000/user_assignments/4000000000"
        );
    }

    #[test]
    fn datetimes_normalise_to_utc() {
        for (given, sent) in [
            ("2024-01-31T09:00:00Z", "2024-01-31T09:00:00Z"),
            ("2024-01-31t09:00z", "2024-01-31T09:00:00Z"),
            ("2024-01-31 09:00:59.999999+00:00", "2024-01-31T09:00:59Z"),
            ("2024-01-01T01:00:00+0200", "2023-12-31T23:00:00Z"),
            ("2024-02-28T23:30:00-01", "2024-02-29T00:30:00Z"),
            ("2023-12-31T22:00:00-05:30", "2024-01-01T03:30:00Z"),
        ] {
            assert_eq!(parse_datetime(given).as_deref(), Some(sent), "{given}");
        }
        for bad in [
            "2024-01-31",
            "2024-01-31T09:00:00",
            "2024-01-31T24:00:00Z",
            "2024-01-31T09:00:00+2",
            "2024-01-31T09:00:00.Z",
            "2024-01-31T09:00:00Z ",
            "0001-01-01T00:00:00+01:00",
            "2024-01-31T09:00:00Zulu",
            "２０２４-01-31T09:00:00Z",
        ] {
            assert_eq!(parse_datetime(bad), None, "{bad}");
        }
    }

    #[test]
    fn civil_days_round_trip() {
        for date in [
            (1970, 1, 1),
            (2000, 2, 29),
            (2024, 12, 31),
            (1, 1, 1),
            (9999, 12, 31),
        ] {
            assert_eq!(civil_from_days(days_from_civil(date)), date);
        }
        assert_eq!(days_from_civil((1970, 1, 2)), 1);
        assert_eq!(
            days_from_civil((2024, 12, 31)) - days_from_civil((2024, 1, 1)),
            365
        );
    }

    #[test]
    fn reports_over_365_days_are_refused_with_windows() {
        // A whole leap year is 365 days from first to last: allowed, as Harvest allows it.
        ok(
            "time_team",
            "list",
            json!({"from": "2024-01-01", "to": "2024-12-31"}),
        );
        let e = err(
            "expenses_categories",
            "list",
            json!({"from": "2023-01-01", "to": "2024-06-30"}),
        );
        assert!(matches!(e, Error::InvalidParameter { param: "to", .. }));
        assert_eq!(
            e.to_string(),
            "Invalid value for parameter 'to' of expenses_categories.list: the period 2023-01-01 \
             to 2024-06-30 spans 546 days, and Harvest reports cover at most 365 days (to minus \
             from). Expected a to at most 365 days after from (here 2024-01-01 or earlier); split \
             the period into 2 consecutive calls (from=2023-01-01 to=2024-01-01, then \
             from=2024-01-02 to=2024-06-30) and combine their rows."
        );
        assert_eq!(
            report_windows(0, 2000).len(),
            6,
            "366-day windows cover 2001 days in 6 calls"
        );
        assert!(report_windows(0, 2000)
            .windows(2)
            .all(|w| w[1].0 == w[0].1 + 1 && w[0].1 - w[0].0 == MAX_REPORT_DAYS));
        // Non-report date filters have no such limit.
        ok(
            "time_entries",
            "list",
            json!({"from": "2020-01-01", "to": "2024-06-30"}),
        );
        // project_budget takes no period at all.
        assert!(matches!(
            err("project_budget", "list", json!({"from": "2024-01-01"})),
            Error::UnknownParameter { .. }
        ));
    }

    #[test]
    fn limit_is_bounded_and_asks_for_big_enough_pages() {
        let spec = ok("invoices", "list", json!({"limit": 100_000}));
        assert_eq!(spec.limit, Some(100_000));
        assert_eq!(spec.query, vec![("per_page", "2000".to_string())]);
        let spec = ok("invoices", "list", json!({"limit": 150}));
        assert_eq!(spec.query, vec![("per_page", "150".to_string())]);
        let spec = ok("invoices", "list", json!({"limit": 150, "per_page": 10}));
        assert_eq!(spec.query, vec![("per_page", "10".to_string())]);
        for bad in [
            json!(0),
            json!(100_001),
            json!("5"),
            json!(2.5),
            json!(true),
        ] {
            assert!(matches!(
                err("users", "list", json!({ "limit": bad })),
                Error::InvalidParameter { param: "limit", .. }
            ));
        }
        assert!(matches!(
            err("users", "get", json!({"id": 1, "limit": 5})),
            Error::UnknownParameter { .. }
        ));
    }

    fn cursor_for(relative: &str, skip: usize) -> Value {
        json!(pagination::encode_cursor(relative, skip))
    }

    #[test]
    fn page_is_sent_on_numbered_lists_and_never_with_a_cursor() {
        let spec = ok("time_entries", "list", json!({"page": 2, "per_page": 5}));
        assert_eq!(spec.relative(), "/time_entries?per_page=5&page=2");
        assert!(matches!(
            err("users", "list", json!({"page": 2})),
            Error::UnknownParameter { param, .. } if param == "page"
        ));
        let cursor = cursor_for("/time_entries?page=3&per_page=5", 0);
        let refused = err("time_entries", "list", json!({"page": 2, "cursor": cursor}));
        assert!(matches!(
            &refused,
            Error::InvalidParameter { param: "page", reason, .. } if reason.contains("cannot be combined with cursor")
        ));
        // A cursor's own page number is still read back from it.
        ok("time_entries", "list", json!({ "cursor": cursor }));
    }

    #[test]
    fn a_list_period_must_not_end_before_it_starts() {
        let refused = err(
            "time_entries",
            "list",
            json!({"from": "2024-05-02", "to": "2024-05-01"}),
        );
        assert!(matches!(
            &refused,
            Error::InvalidParameter { param: "to", reason, .. }
                if reason.contains("2024-05-01") && reason.contains("2024-05-02")
        ));
        // Longer than a year is fine for a listing's filter (reports are limited).
        ok(
            "time_entries",
            "list",
            json!({"from": "2020-01-01", "to": "2024-05-01"}),
        );
    }

    #[test]
    fn cursors_resume_the_same_listing_only() {
        let cursor = cursor_for(
            "/invoices/13150403/payments?cursor=eyJhZnRlciI6eyJpZCI6MX19&per_page=2&ref=next_cursor&updated_since=2024-01-01T00:00:00Z",
            1,
        );
        let spec = ok(
            "invoice_payments",
            "list",
            json!({"cursor": cursor, "limit": 3}),
        );
        assert_eq!(spec.path, "/invoices/13150403/payments");
        assert_eq!(spec.skip, 1);
        assert_eq!(spec.limit, Some(3));
        assert_eq!(
            spec.relative(),
            "/invoices/13150403/payments?cursor=eyJhZnRlciI6eyJpZCI6MX19&per_page=2&ref=next_cursor&updated_since=2024-01-01T00%3A00%3A00Z"
        );
        // Repeating the same parameters is fine; changing them is not.
        ok(
            "invoice_payments",
            "list",
            json!({"cursor": cursor, "invoice_id": "13150403", "per_page": 2,
                   "updated_since": "2024-01-01T01:00:00+01:00"}),
        );
        for (key, value) in [
            ("invoice_id", json!(13150404)),
            ("per_page", json!(3)),
            ("updated_since", json!("2024-02-01T00:00:00Z")),
        ] {
            let e = err(
                "invoice_payments",
                "list",
                json!({"cursor": cursor, key: value}),
            );
            assert!(
                matches!(e, Error::InvalidParameter { param, .. } if param == key),
                "{key}: {e}"
            );
        }

        let refused = |entity: &str, action: &str, cursor: Value| match err(
            entity,
            action,
            json!({ "cursor": cursor }),
        ) {
            Error::InvalidParameter {
                param: "cursor",
                reason,
                ..
            } => reason,
            other => panic!("{other}"),
        };
        // Another listing's cursor.
        assert!(refused("users", "list", cursor.clone()).contains("different listing"));
        assert!(refused(
            "invoice_messages",
            "list",
            cursor_for("/invoices/1/payments?per_page=2", 0)
        )
        .contains("different listing"));
        // Anything that could steer the request elsewhere.
        for relative in [
            "/users/../company",
            "//evil.example/v2/users",
            "https://evil.example/v2/users?per_page=1",
            "/users?per_page=1&redirect=https://evil.example",
            "/users?access_token=x",
            "/users?account_id=1",
            "/users?per_page=1&per_page=2",
            "/users?per_page=5000",
            "/users?page=-1",
            "/users?cursor=%22%3E%3Cscript%3E",
            "/users?is_active=maybe",
            "/users/me",
        ] {
            let reason = refused("users", "list", cursor_for(relative, 0));
            assert!(!reason.is_empty(), "{relative}");
        }
        for token in ["", "not base64!", "e30", "bnVsbA", "eyJwIjoiL3VzZXJzIn0"] {
            refused("users", "list", json!(token));
        }
        refused("users", "list", json!(42));
        // Page-numbered listings carry no Harvest cursor.
        refused(
            "time_entries",
            "list",
            cursor_for("/time_entries?cursor=abc", 0),
        );
        // A report cursor must keep its required period (and the 365-day rule).
        refused(
            "time_tasks",
            "list",
            cursor_for("/reports/time/tasks?page=2", 0),
        );
        assert!(matches!(
            err(
                "time_tasks",
                "list",
                json!({"cursor": cursor_for("/reports/time/tasks?from=20200101&page=2&to=20240101", 0)})
            ),
            Error::InvalidParameter { param: "to", .. }
        ));
        let spec = ok(
            "time_tasks",
            "list",
            json!({"cursor": cursor_for("/reports/time/tasks?from=20240101&page=2&per_page=1&to=20240131", 0),
                   "from_": "2024-01-01", "to": "20240131"}),
        );
        assert_eq!(spec.path, "/reports/time/tasks");
    }

    #[test]
    fn write_actions_build_a_json_body() {
        let entity = &catalog::TEST_WRITES;
        let action = &entity.actions[0];
        let spec = build_action(
            entity,
            action,
            &json!({"name": "Acme", "is_active": false, "currency": "eur", "estimate_id": "12"}),
        )
        .unwrap();
        assert_eq!(spec.path, "/clients");
        assert!(spec.query.is_empty());
        assert_eq!(
            spec.body,
            Some(json!({"name": "Acme", "is_active": false, "currency": "EUR", "estimate_id": 12}))
        );
        assert_eq!(action.expected_status, 201);
        assert!(matches!(
            build_action(entity, action, &json!({"is_active": true})),
            Err(Error::MissingParameter { param: "name", .. })
        ));
        assert!(matches!(
            build_action(entity, action, &json!({"name": "A", "is_active": "yes"})),
            Err(Error::InvalidParameter {
                param: "is_active",
                ..
            })
        ));
        // Reads carry no body.
        assert_eq!(ok("users", "list", Value::Null).body, None);
    }
}
