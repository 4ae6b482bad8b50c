//! The catalogue: every entity and action the connector exposes, with its HTTP method, path
//! template, parameters and response shape. Validation, URL building, `list_entities()`,
//! `entity_schema()`, the stubs and the tool description are all derived from this table, so
//! adding a Harvest endpoint means adding rows here (and tests), not new code paths.

use serde_json::{json, Value};

/// HTTP method of an action. Write methods are expressible now so that write actions can be
/// added as rows later; the request pipeline only sends a body for them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    Get,
    Post,
    Patch,
    Delete,
}

impl Method {
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
            Method::Patch => "PATCH",
            Method::Delete => "DELETE",
        }
    }

    /// Safe to retry after a transient failure without risking a duplicate side effect.
    pub fn is_idempotent(self) -> bool {
        matches!(self, Method::Get | Method::Delete)
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    /// JSON body member, for write actions.
    Body,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Body => "body",
        }
    }
}

/// The accepted type of a parameter, with its range or format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A Harvest record id: a positive 64-bit integer, or a string of ASCII digits.
    Id,
    /// An integer within an inclusive range.
    Integer { min: i64, max: i64 },
    /// A report date: `YYYYMMDD` or `YYYY-MM-DD`, a real calendar date; sent as `YYYYMMDD`.
    ReportDate,
}

impl ParamType {
    /// JSON-schema type name.
    pub fn json_type(self) -> &'static str {
        match self {
            ParamType::Id | ParamType::Integer { .. } => "integer",
            ParamType::ReportDate => "string",
        }
    }

    /// Short human (and LLM) readable description of what is accepted.
    pub fn describe(self) -> String {
        match self {
            ParamType::Id => "positive integer id".to_string(),
            ParamType::Integer { min, max } => format!("integer {min}..{max}"),
            ParamType::ReportDate => "date YYYY-MM-DD or YYYYMMDD".to_string(),
        }
    }
}

#[derive(Debug)]
pub struct Param {
    /// Name as the caller passes it (and as Harvest receives it).
    pub name: &'static str,
    /// Other keys accepted for the same parameter (`from_` for `from`, since `from` is a
    /// Python keyword).
    pub aliases: &'static [&'static str],
    pub location: Location,
    pub ty: ParamType,
    pub required: bool,
    pub description: &'static str,
}

/// What a successful response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseShape {
    /// Harvest's list envelope; records under `record_key`.
    List { record_key: &'static str },
    /// A single JSON object, returned as is.
    Object,
}

#[derive(Debug)]
pub struct Action {
    pub name: &'static str,
    pub method: Method,
    /// Path below the API base, with `{name}` placeholders for path parameters.
    pub path: &'static str,
    pub params: &'static [Param],
    pub response: ResponseShape,
    pub description: &'static str,
}

impl Action {
    pub fn param(&self, key: &str) -> Option<&'static Param> {
        self.params
            .iter()
            .find(|p| p.name == key || p.aliases.contains(&key))
    }

    /// The endpoint is under `/reports/`, which Harvest rate-limits separately.
    pub fn is_report(&self) -> bool {
        self.path.starts_with("/reports/")
    }
}

#[derive(Debug)]
pub struct Entity {
    pub name: &'static str,
    pub description: &'static str,
    pub actions: &'static [Action],
}

impl Entity {
    pub fn action(&self, name: &str) -> Option<&'static Action> {
        self.actions.iter().find(|a| a.name == name)
    }

    pub fn action_names(&self) -> Vec<&'static str> {
        self.actions.iter().map(|a| a.name).collect()
    }
}

const PER_PAGE: Param = Param {
    name: "per_page",
    aliases: &[],
    location: Location::Query,
    ty: ParamType::Integer { min: 1, max: 2000 },
    required: false,
    description: "Records per page (Harvest's default is the maximum, 2000).",
};

const ID: Param = Param {
    name: "id",
    aliases: &[],
    location: Location::Path,
    ty: ParamType::Id,
    required: true,
    description: "Id of the record.",
};

const REPORT_FROM: Param = Param {
    name: "from",
    aliases: &["from_"],
    location: Location::Query,
    ty: ParamType::ReportDate,
    required: true,
    description: "Start of the reporting period (inclusive).",
};

const REPORT_TO: Param = Param {
    name: "to",
    aliases: &[],
    location: Location::Query,
    ty: ParamType::ReportDate,
    required: true,
    description: "End of the reporting period (inclusive), at most one year after from.",
};

const LIST_PARAMS: &[Param] = &[PER_PAGE];
const GET_PARAMS: &[Param] = &[ID];
const REPORT_PARAMS: &[Param] = &[REPORT_FROM, REPORT_TO, PER_PAGE];

/// Declares an entity with the usual `list` (`GET /<path>`) and `get` (`GET /<path>/{id}`).
macro_rules! list_get_entity {
    ($name:literal, $path:literal, $key:literal, $what:literal) => {
        Entity {
            name: $name,
            description: concat!("Harvest ", $what, "."),
            actions: &[
                Action {
                    name: "list",
                    method: Method::Get,
                    path: $path,
                    params: LIST_PARAMS,
                    response: ResponseShape::List { record_key: $key },
                    description: concat!("List ", $what, ", newest first, one page per call."),
                },
                Action {
                    name: "get",
                    method: Method::Get,
                    path: concat!($path, "/{id}"),
                    params: GET_PARAMS,
                    response: ResponseShape::Object,
                    description: concat!("Get one of the ", $what, " by id."),
                },
            ],
        }
    };
}

/// Declares a list-only entity.
macro_rules! list_entity {
    ($name:literal, $path:literal, $key:literal, $params:expr, $description:literal) => {
        Entity {
            name: $name,
            description: $description,
            actions: &[Action {
                name: "list",
                method: Method::Get,
                path: $path,
                params: $params,
                response: ResponseShape::List { record_key: $key },
                description: $description,
            }],
        }
    };
}

pub static ENTITIES: &[Entity] = &[
    list_get_entity!("users", "/users", "users", "users"),
    list_get_entity!("clients", "/clients", "clients", "clients"),
    list_get_entity!("contacts", "/contacts", "contacts", "client contacts"),
    Entity {
        name: "company",
        description: "The Harvest company (account) settings.",
        actions: &[Action {
            name: "get",
            method: Method::Get,
            path: "/company",
            params: &[],
            response: ResponseShape::Object,
            description:
                "Get the company settings (time tracking mode, clock, currency, enabled features).",
        }],
    },
    list_get_entity!("projects", "/projects", "projects", "projects"),
    list_get_entity!("tasks", "/tasks", "tasks", "tasks"),
    list_get_entity!(
        "time_entries",
        "/time_entries",
        "time_entries",
        "time entries"
    ),
    list_get_entity!("invoices", "/invoices", "invoices", "invoices"),
    list_get_entity!(
        "invoice_item_categories",
        "/invoice_item_categories",
        "invoice_item_categories",
        "invoice item categories"
    ),
    list_get_entity!("estimates", "/estimates", "estimates", "estimates"),
    list_get_entity!(
        "estimate_item_categories",
        "/estimate_item_categories",
        "estimate_item_categories",
        "estimate item categories"
    ),
    list_get_entity!("expenses", "/expenses", "expenses", "expenses"),
    list_get_entity!(
        "expense_categories",
        "/expense_categories",
        "expense_categories",
        "expense categories"
    ),
    list_get_entity!("roles", "/roles", "roles", "roles"),
    list_entity!(
        "user_assignments",
        "/user_assignments",
        "user_assignments",
        LIST_PARAMS,
        "Assignments of users to projects, across all projects."
    ),
    list_entity!(
        "task_assignments",
        "/task_assignments",
        "task_assignments",
        LIST_PARAMS,
        "Assignments of tasks to projects, across all projects."
    ),
    list_entity!(
        "time_projects",
        "/reports/time/projects",
        "results",
        REPORT_PARAMS,
        "Time report grouped by project for a period of at most one year."
    ),
    list_entity!(
        "time_tasks",
        "/reports/time/tasks",
        "results",
        REPORT_PARAMS,
        "Time report grouped by task for a period of at most one year."
    ),
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
        "format": param.ty.describe(),
        "description": param.description,
    });
    if let ParamType::Integer { min, max } = param.ty {
        out["minimum"] = json!(min);
        out["maximum"] = json!(max);
    }
    if !param.aliases.is_empty() {
        out["aliases"] = json!(param.aliases);
    }
    out
}

/// The whole catalogue as plain data, for the Python layer (`list_entities()`, typed query
/// objects, the tool description) and for documentation.
pub fn describe() -> Value {
    let entities: Vec<Value> = ENTITIES
        .iter()
        .map(|entity| {
            let actions: Vec<Value> = entity
                .actions
                .iter()
                .map(|action| {
                    let (shape, record_key) = match action.response {
                        ResponseShape::List { record_key } => ("list", Some(record_key)),
                        ResponseShape::Object => ("object", None),
                    };
                    json!({
                        "name": action.name,
                        "method": action.method.as_str(),
                        "path": action.path,
                        "description": action.description,
                        "response": shape,
                        "record_key": record_key,
                        "parameters": action.params.iter().map(describe_param).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "name": entity.name,
                "description": entity.description,
                "actions": actions,
            })
        })
        .collect();
    Value::Array(entities)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn covers_the_reference_surface() {
        let names = entity_names();
        assert_eq!(names.len(), 18);
        for (entity, actions) in [
            ("users", vec!["list", "get"]),
            ("company", vec!["get"]),
            ("user_assignments", vec!["list"]),
            ("time_tasks", vec!["list"]),
        ] {
            assert_eq!(super::entity(entity).unwrap().action_names(), actions);
        }
    }

    #[test]
    fn names_are_unique_and_paths_declare_their_params() {
        let mut seen = HashSet::new();
        for entity in ENTITIES {
            assert!(seen.insert(entity.name), "duplicate entity {}", entity.name);
            for action in entity.actions {
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
            }
        }
    }

    #[test]
    fn aliases_resolve_to_their_param() {
        let action = entity("time_projects").unwrap().action("list").unwrap();
        assert_eq!(action.param("from_").unwrap().name, "from");
        assert!(action.is_report());
        assert!(action.param("page").is_none());
    }
}
