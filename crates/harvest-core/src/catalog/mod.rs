//! The catalogue: every entity and action the connector exposes, with its HTTP method, host,
//! path template, parameters and response shape. Validation, URL building, pagination,
//! `list_entities()`, `entity_schema()`, the stubs, the README table and the tool description
//! are all derived from this table, so adding a Harvest endpoint means adding rows here (and
//! tests), not new code paths.
//!
//! One file per Harvest area holds that area's rows; [`rows`] holds the row types; this file
//! puts the entities in their public order (the reference's 18 first, as `list_entities()`
//! has always listed them) and derives the plain-data description from them.

#[macro_use]
mod rows;
mod body_fields;
mod common;
mod record_fields;

mod accounts;
mod expenses;
mod invoicing;
mod projects_people;
mod reports;
mod time;

use serde_json::{json, Value};

pub use record_fields::{record_fields, FieldKind, RecordField};
pub use rows::*;

// ---------------------------------------------------------------------------
// The entities. Top-level resources keep Harvest's plural name; sub-resources are
// `<parent>_<child>` with a `<parent>_id` path parameter; reports are `<report>_<grouping>`.

pub static ENTITIES: &[Entity] = &[
    projects_people::USERS,
    projects_people::CLIENTS,
    projects_people::CONTACTS,
    accounts::COMPANY,
    projects_people::PROJECTS,
    projects_people::TASKS,
    time::TIME_ENTRIES,
    invoicing::INVOICES,
    invoicing::INVOICE_MESSAGES,
    invoicing::INVOICE_PAYMENTS,
    invoicing::INVOICE_ITEM_CATEGORIES,
    invoicing::ESTIMATES,
    invoicing::ESTIMATE_MESSAGES,
    invoicing::ESTIMATE_ITEM_CATEGORIES,
    expenses::EXPENSES,
    expenses::EXPENSE_CATEGORIES,
    projects_people::ROLES,
    projects_people::USER_ASSIGNMENTS,
    projects_people::TASK_ASSIGNMENTS,
    projects_people::PROJECT_USER_ASSIGNMENTS,
    projects_people::PROJECT_TASK_ASSIGNMENTS,
    projects_people::USER_PROJECT_ASSIGNMENTS,
    projects_people::USER_TEAMMATES,
    projects_people::USER_BILLABLE_RATES,
    projects_people::USER_COST_RATES,
    reports::TIME_CLIENTS,
    reports::TIME_PROJECTS,
    reports::TIME_TASKS,
    reports::TIME_TEAM,
    reports::EXPENSES_CLIENTS,
    reports::EXPENSES_PROJECTS,
    reports::EXPENSES_CATEGORIES,
    reports::EXPENSES_TEAM,
    reports::UNINVOICED,
    reports::PROJECT_BUDGET,
    accounts::ACCOUNTS,
];

pub fn entity(name: &str) -> Option<&'static Entity> {
    ENTITIES.iter().find(|e| e.name == name)
}

pub fn entity_names() -> Vec<&'static str> {
    ENTITIES.iter().map(|e| e.name).collect()
}

fn describe_param(param: &Param) -> Value {
    let mut out = json!({
        "name": param.name,
        "in": param.location.as_str(),
        "required": param.required,
        "type": param.ty.json_type(),
        "kind": param.ty.kind(),
        "format": param.ty.describe(),
        "description": param.description,
    });
    match param.ty {
        ParamType::Id => out["minimum"] = json!(1),
        ParamType::Enum(values) => out["enum"] = json!(values),
        ParamType::List(item) => out["items"] = describe_type(*item),
        ParamType::Object(fields) => {
            out["fields"] = json!(fields.iter().map(describe_param).collect::<Vec<_>>())
        }
        ParamType::Items(shape) => {
            out["fields"] = json!(shape.fields.iter().map(describe_param).collect::<Vec<_>>());
            out["updates_by_id"] = json!(shape.updates_by_id);
        }
        ty => {
            if let Some((min, max)) = ty.range() {
                out["minimum"] = json!(min);
                out["maximum"] = json!(max);
            }
        }
    }
    if !param.aliases.is_empty() {
        out["aliases"] = json!(param.aliases);
    }
    out
}

/// The type of a list's entries as plain data.
fn describe_type(ty: ParamType) -> Value {
    let mut out = json!({"type": ty.json_type(), "kind": ty.kind(), "format": ty.describe()});
    if let ParamType::Enum(values) = ty {
        out["enum"] = json!(values);
    } else if let Some((min, _)) = ty.range() {
        out["minimum"] = json!(min);
    }
    out
}

/// One action as plain data.
pub fn describe_action(action: &Action) -> Value {
    let (shape, record_key, paging) = match action.response {
        ResponseShape::List { record_key, paging } => {
            ("list", Some(record_key), Some(paging.as_str()))
        }
        ResponseShape::Object => ("object", None, None),
    };
    json!({
        "name": action.name,
        "method": action.method.as_str(),
        "host": action.host.as_str(),
        "path": action.path,
        "description": action.description,
        "response": shape,
        "record_key": record_key,
        "pagination": paging,
        "expected_status": action.expected_status,
        "write": action.method.is_write(),
        "sends": action.fixed_body.iter().map(|(k, v)| (k.to_string(), json!(v))).collect::<serde_json::Map<_, _>>(),
        "parameters": action.params.iter().map(describe_param).collect::<Vec<_>>(),
    })
}

/// The whole catalogue as plain data, for the Python layer (`list_entities()`, typed query
/// objects, the tool description) and for documentation.
pub fn describe() -> Value {
    let entities: Vec<Value> = ENTITIES
        .iter()
        .map(|entity| {
            json!({
                "name": entity.name,
                "description": entity.description,
                "actions": entity.actions.iter().map(describe_action).collect::<Vec<_>>(),
                "fields": record_fields(entity.name)
                    .iter()
                    .map(|f| json!({"path": f.path, "type": f.kind.as_str()}))
                    .collect::<Vec<_>>(),
            })
        })
        .collect();
    Value::Array(entities)
}

/// A write action that exists only in tests, to prove the catalogue and the request builder
/// carry writes (method, JSON body schema, expected status) before any is exposed.
#[cfg(test)]
pub(crate) static TEST_WRITES: Entity = Entity {
    name: "clients",
    description: "test-only writes",
    actions: &[Action {
        name: "create",
        method: Method::Post,
        host: Host::Api,
        path: "/clients",
        params: &[
            param!(
                "name",
                Body,
                ParamType::Text { max_len: 255 },
                true,
                "Name of the client."
            ),
            param!(
                "is_active",
                Body,
                ParamType::Bool,
                false,
                "Whether the client is active."
            ),
            param!(
                "currency",
                Body,
                ParamType::Enum(&["USD", "EUR"]),
                false,
                "Currency of the client."
            ),
            param!(
                "estimate_id",
                Body,
                ParamType::Id,
                false,
                "An id travels as a JSON number."
            ),
        ],
        response: ResponseShape::Object,
        expected_status: 201,
        description: "Create a client.",
        fixed_body: &[],
        rules: &[],
    }],
};

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn keeps_the_reference_surface_and_adds_every_read() {
        let names = entity_names();
        for reference in [
            "users",
            "clients",
            "contacts",
            "company",
            "projects",
            "tasks",
            "time_entries",
            "invoices",
            "invoice_item_categories",
            "estimates",
            "estimate_item_categories",
            "expenses",
            "expense_categories",
            "roles",
            "user_assignments",
            "task_assignments",
            "time_projects",
            "time_tasks",
        ] {
            assert!(names.contains(&reference), "{reference}");
        }
        for (entity, actions) in [
            ("users", vec!["list", "get", "me"]),
            ("company", vec!["get"]),
            ("user_assignments", vec!["list"]),
            ("time_tasks", vec!["list"]),
            ("invoice_messages", vec!["list", "template"]),
            ("user_project_assignments", vec!["list", "list_mine"]),
            ("accounts", vec!["list"]),
        ] {
            let reads: Vec<_> = super::entity(entity)
                .unwrap()
                .actions
                .iter()
                .filter(|a| a.method == Method::Get)
                .map(|a| a.name)
                .collect();
            assert_eq!(reads, actions);
        }
        // Harvest v2 has 55 GET operations; all are here, plus account discovery.
        let gets: Vec<_> = ENTITIES
            .iter()
            .flat_map(|e| e.actions.iter())
            .filter(|a| a.method == Method::Get)
            .collect();
        assert_eq!(gets.len(), 56);
        let paths: HashSet<_> = gets.iter().map(|a| (a.host, a.path)).collect();
        assert_eq!(paths.len(), 56, "no endpoint is listed twice");
    }

    #[test]
    fn names_are_unique_and_paths_declare_their_params() {
        let mut seen = HashSet::new();
        for entity in ENTITIES {
            assert!(seen.insert(entity.name), "duplicate entity {}", entity.name);
            for action in entity.actions {
                let mut names = HashSet::new();
                for param in action.params {
                    assert!(names.insert(param.name), "{}.{}", entity.name, action.name);
                }
                for param in action
                    .params
                    .iter()
                    .filter(|p| p.location == Location::Path)
                {
                    assert!(
                        action.path.contains(&format!("{{{}}}", param.name)),
                        "{}.{} path lacks {{{}}}",
                        entity.name,
                        action.name,
                        param.name
                    );
                    assert!(param.required, "path params are always required");
                }
                let placeholders = action.path.matches('{').count();
                let path_params = action
                    .params
                    .iter()
                    .filter(|p| p.location == Location::Path)
                    .count();
                assert_eq!(placeholders, path_params, "{}.{}", entity.name, action.name);
                // Reads carry no body; a write's expected status is Harvest's.
                if action.method == Method::Get {
                    assert!(!action.takes_body(), "{}.{}", entity.name, action.name);
                } else {
                    let status = if action.method == Method::Post {
                        201
                    } else {
                        200
                    };
                    assert_eq!(
                        action.expected_status, status,
                        "{}.{}",
                        entity.name, action.name
                    );
                    assert_eq!(action.response, ResponseShape::Object);
                }
            }
        }
    }

    #[test]
    fn every_write_of_harvest_is_a_row() {
        let writes: Vec<_> = ENTITIES
            .iter()
            .flat_map(|e| e.actions.iter().map(move |a| (e, a)))
            .filter(|(_, a)| a.method.is_write())
            .collect();
        // harvest-api.md §8: 20 POST, 19 PATCH, 19 DELETE operations; the state changes of
        // invoices and estimates are four more rows each on their messages endpoints.
        let shape = |path: &str| {
            path.split('/')
                .map(|s| if s.starts_with('{') { "{}" } else { s })
                .collect::<Vec<_>>()
                .join("/")
        };
        let operations: HashSet<_> = writes
            .iter()
            .map(|(_, a)| (a.method, shape(a.path)))
            .collect();
        assert_eq!(operations.len(), 58);
        let count = |m: Method| operations.iter().filter(|(method, _)| *method == m).count();
        assert_eq!(
            (
                count(Method::Post),
                count(Method::Patch),
                count(Method::Delete)
            ),
            (20, 19, 19)
        );
        assert_eq!(writes.len(), 66);
        for (entity, action) in &writes {
            if action.name == "update" && action.takes_body() {
                assert!(
                    action
                        .params
                        .iter()
                        .all(|p| !p.required || p.location == Location::Path)
                        || entity.name == "user_teammates",
                    "{}.update",
                    entity.name
                );
            }
            if !action.fixed_body.is_empty() {
                assert!(
                    action.path.ends_with("/messages"),
                    "{}.{}",
                    entity.name,
                    action.name
                );
            }
        }
        for (entity, actions) in [
            (
                "time_entries",
                vec![
                    "list",
                    "get",
                    "create",
                    "update",
                    "delete",
                    "stop",
                    "restart",
                    "delete_external_reference",
                ],
            ),
            (
                "invoices",
                vec![
                    "list",
                    "get",
                    "create",
                    "update",
                    "delete",
                    "mark_sent",
                    "mark_draft",
                    "close",
                    "reopen",
                ],
            ),
            (
                "estimates",
                vec![
                    "list",
                    "get",
                    "create",
                    "update",
                    "delete",
                    "mark_sent",
                    "accept",
                    "decline",
                    "reopen",
                ],
            ),
            ("user_teammates", vec!["list", "update"]),
            ("user_cost_rates", vec!["list", "get", "create"]),
            ("company", vec!["get", "update"]),
        ] {
            assert_eq!(super::entity(entity).unwrap().action_names(), actions);
        }
    }

    #[test]
    fn paginated_lists_take_paging_params_and_others_do_not() {
        for entity in ENTITIES {
            for action in entity.actions {
                let paginated =
                    matches!(action.paging(), Some(Paging::Pages) | Some(Paging::Cursor));
                for name in ["per_page", "cursor", "limit"] {
                    assert_eq!(
                        action.param(name).is_some(),
                        paginated,
                        "{}.{} {name}",
                        entity.name,
                        action.name
                    );
                }
            }
        }
        let cursor_lists = ENTITIES
            .iter()
            .flat_map(|e| e.actions.iter())
            .filter(|a| a.paging() == Some(Paging::Cursor))
            .count();
        assert_eq!(
            cursor_lists, 18,
            "harvest-api.md §3.3 lists 18 cursor endpoints"
        );
    }

    #[test]
    fn reports_require_a_period_except_project_budget() {
        for entity in ENTITIES.iter().filter(|e| e.actions[0].is_report()) {
            let action = &entity.actions[0];
            let requires_period = action.param("from").is_some_and(|p| p.required)
                && action.param("to").is_some_and(|p| p.required);
            assert_eq!(
                requires_period,
                entity.name != "project_budget",
                "{}",
                entity.name
            );
        }
    }

    #[test]
    fn aliases_resolve_to_their_param() {
        let action = entity("time_projects").unwrap().action("list").unwrap();
        assert_eq!(action.param("from_").unwrap().name, "from");
        assert!(action.is_report());
        // Harvest's `page` is a parameter of the page-numbered lists only.
        assert_eq!(action.param("page").unwrap().name, "page");
        assert!(entity("users")
            .unwrap()
            .action("list")
            .unwrap()
            .param("page")
            .is_none());
        let action = entity("time_entries").unwrap().action("list").unwrap();
        assert_eq!(action.param("from_").unwrap().ty, ParamType::Date);
    }

    #[test]
    fn describe_carries_what_a_tool_description_needs() {
        let all = describe();
        let time_entries = all
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["name"] == "time_entries")
            .unwrap();
        let list = &time_entries["actions"][0];
        assert_eq!(list["pagination"], "pages");
        let param = |name: &str| {
            list["parameters"]
                .as_array()
                .unwrap()
                .iter()
                .find(|p| p["name"] == name)
                .unwrap()
                .clone()
        };
        assert_eq!(
            param("approval_status")["enum"],
            json!(["unsubmitted", "submitted", "approved"])
        );
        assert_eq!(param("is_billed")["type"], "boolean");
        assert_eq!(param("updated_since")["kind"], "datetime");
        assert_eq!(param("limit")["maximum"], json!(MAX_LIMIT));
        assert_eq!(param("per_page")["maximum"], json!(2000));
        assert_eq!(param("user_id")["type"], "integer");
        assert_eq!(param("from")["aliases"], json!(["from_"]));
        for p in list["parameters"].as_array().unwrap() {
            assert!(p["description"].as_str().is_some_and(|d| !d.is_empty()));
        }
        let write = describe_action(&TEST_WRITES.actions[0]);
        assert_eq!(write["expected_status"], 201);
        assert_eq!(write["parameters"][0]["in"], "body");
    }
}
