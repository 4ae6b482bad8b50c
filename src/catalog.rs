//! The catalogue: every entity and action the connector exposes, with its HTTP method, host,
//! path template, parameters and response shape. Validation, URL building, pagination,
//! `list_entities()`, `entity_schema()`, the stubs, the README table and the tool description
//! are all derived from this table, so adding a Harvest endpoint means adding rows here (and
//! tests), not new code paths.

use serde_json::{json, Value};

/// HTTP method of an action. Write methods are expressible so that write actions are rows too;
/// the request pipeline sends a JSON body for their `Location::Body` parameters.
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

/// Which server an action talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Host {
    /// `base_url` (`https://api.harvestapp.com/v2`), with `Harvest-Account-Id`.
    Api,
    /// `id_url` (`https://id.getharvest.com`): account discovery, no account id needed.
    Id,
}

impl Host {
    pub fn as_str(self) -> &'static str {
        match self {
            Host::Api => "api",
            Host::Id => "id",
        }
    }
}

/// Where a parameter travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Location {
    Path,
    Query,
    /// JSON body member, for write actions.
    Body,
    /// Read by the connector itself to drive pagination (`cursor`, `limit`); never sent as is.
    Paging,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Body => "body",
            Location::Paging => "paging",
        }
    }
}

/// The most records one call may collect with `limit`.
pub const MAX_LIMIT: i64 = 100_000;
/// Harvest's page size ceiling (and default, except `GET /invoices`).
pub const MAX_PER_PAGE: i64 = 2000;
/// Harvest refuses report periods longer than this (`to` minus `from`, in days).
pub const MAX_REPORT_DAYS: i64 = 365;

/// The accepted type of a parameter, with its range or format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    /// A Harvest record id: a positive 64-bit integer, or a string of ASCII digits.
    Id,
    /// An integer within an inclusive range.
    Integer { min: i64, max: i64 },
    /// `true` or `false` (a JSON boolean); sent as `true`/`false`.
    Bool,
    /// One of these strings (matched ignoring ASCII case, sent as listed).
    Enum(&'static [&'static str]),
    /// A calendar date `YYYY-MM-DD` (Python: also `datetime.date`); sent as is.
    Date,
    /// A report date: `YYYY-MM-DD` or `YYYYMMDD` (Python: also `datetime.date`); sent as
    /// `YYYYMMDD`.
    ReportDate,
    /// An ISO-8601 date-time with a zone (`Z` or `±HH:MM`) (Python: also `datetime.datetime`,
    /// naive meaning UTC); sent in UTC as `YYYY-MM-DDTHH:MM:SSZ`.
    DateTime,
    /// Free text of 1 to `max_len` characters, without control characters.
    Text { max_len: usize },
    /// `meta.next_cursor` of an earlier call of the same entity and action.
    Cursor,
    /// How many records to collect across pages, 1..=`MAX_LIMIT`.
    Limit,
}

impl ParamType {
    /// JSON-schema type name.
    pub fn json_type(self) -> &'static str {
        match self {
            ParamType::Id | ParamType::Integer { .. } | ParamType::Limit => "integer",
            ParamType::Bool => "boolean",
            ParamType::Enum(_)
            | ParamType::Date
            | ParamType::ReportDate
            | ParamType::DateTime
            | ParamType::Text { .. }
            | ParamType::Cursor => "string",
        }
    }

    /// A stable machine name of the type (the generators of types and docs key on it).
    pub fn kind(self) -> &'static str {
        match self {
            ParamType::Id => "id",
            ParamType::Integer { .. } => "integer",
            ParamType::Bool => "boolean",
            ParamType::Enum(_) => "enum",
            ParamType::Date => "date",
            ParamType::ReportDate => "report_date",
            ParamType::DateTime => "datetime",
            ParamType::Text { .. } => "text",
            ParamType::Cursor => "cursor",
            ParamType::Limit => "limit",
        }
    }

    /// Inclusive numeric range, for the integer types.
    pub fn range(self) -> Option<(i64, i64)> {
        match self {
            ParamType::Id => Some((1, i64::MAX)),
            ParamType::Integer { min, max } => Some((min, max)),
            ParamType::Limit => Some((1, MAX_LIMIT)),
            _ => None,
        }
    }

    /// Short human (and LLM) readable description of what is accepted.
    pub fn describe(self) -> String {
        match self {
            ParamType::Id => "positive integer id".to_string(),
            ParamType::Integer { min, max } => format!("integer {min}..{max}"),
            ParamType::Bool => "boolean true or false".to_string(),
            ParamType::Enum(values) => format!("one of {}", values.join(", ")),
            ParamType::Date => "date YYYY-MM-DD".to_string(),
            ParamType::ReportDate => "date YYYY-MM-DD or YYYYMMDD".to_string(),
            ParamType::DateTime => {
                "ISO-8601 date-time with zone, e.g. 2024-01-31T09:00:00Z".to_string()
            }
            ParamType::Text { max_len } => format!("text of 1..{max_len} characters"),
            ParamType::Cursor => "meta.next_cursor of an earlier call".to_string(),
            ParamType::Limit => format!("integer 1..{MAX_LIMIT}"),
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

/// How a list endpoint paginates (harvest-api.md §3.3).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paging {
    /// `page=N`: later pages can be fetched concurrently.
    Pages,
    /// Opaque cursors in `links.next`: pages come one after another.
    Cursor,
    /// A single response, no pagination.
    Single,
}

impl Paging {
    pub fn as_str(self) -> &'static str {
        match self {
            Paging::Pages => "pages",
            Paging::Cursor => "cursor",
            Paging::Single => "single",
        }
    }
}

/// What a successful response holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResponseShape {
    /// Harvest's list envelope (or another object holding an array); records under
    /// `record_key`.
    List {
        record_key: &'static str,
        paging: Paging,
    },
    /// A single JSON object, returned as is.
    Object,
}

#[derive(Debug)]
pub struct Action {
    pub name: &'static str,
    pub method: Method,
    pub host: Host,
    /// Path below the host's root, with `{name}` placeholders for path parameters.
    pub path: &'static str,
    pub params: &'static [Param],
    pub response: ResponseShape,
    /// The success status Harvest answers with (200 for reads and updates, 201 for creates).
    pub expected_status: u16,
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
        self.host == Host::Api && self.path.starts_with("/reports/")
    }

    /// Pagination style, for list actions.
    pub fn paging(&self) -> Option<Paging> {
        match self.response {
            ResponseShape::List { paging, .. } => Some(paging),
            ResponseShape::Object => None,
        }
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

// ---------------------------------------------------------------------------
// Parameters shared by many actions

macro_rules! param {
    ($name:literal, $location:ident, $ty:expr, $required:literal, $description:literal) => {
        Param {
            name: $name,
            aliases: &[],
            location: Location::$location,
            ty: $ty,
            required: $required,
            description: $description,
        }
    };
}

/// Added to every paginated list.
const PER_PAGE: Param = param!(
    "per_page",
    Query,
    ParamType::Integer {
        min: 1,
        max: MAX_PER_PAGE
    },
    false,
    "Records per page (Harvest's default is the maximum, 2000; 100 for invoices)."
);

const CURSOR: Param = param!(
    "cursor",
    Paging,
    ParamType::Cursor,
    false,
    "Continue a listing exactly where an earlier call stopped: pass that call's \
     meta.next_cursor (it carries the filters; other parameters may be left out)."
);

const LIMIT: Param = param!(
    "limit",
    Paging,
    ParamType::Limit,
    false,
    "Collect up to this many records, following Harvest's pages (without it, one page is \
     returned)."
);

const ID: Param = param!("id", Path, ParamType::Id, true, "Id of the record.");

const UPDATED_SINCE: Param = param!(
    "updated_since",
    Query,
    ParamType::DateTime,
    false,
    "Only records updated after this date-time."
);

const IS_ACTIVE: Param = param!(
    "is_active",
    Query,
    ParamType::Bool,
    false,
    "true: only active records; false: only inactive (archived) ones."
);

const CLIENT_FILTER: Param = param!(
    "client_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the client with this id."
);

const PROJECT_FILTER: Param = param!(
    "project_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the project with this id."
);

const USER_FILTER: Param = param!(
    "user_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the user with this id."
);

const TASK_FILTER: Param = param!(
    "task_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the task with this id."
);

const IS_BILLED: Param = param!(
    "is_billed",
    Query,
    ParamType::Bool,
    false,
    "true: only records already invoiced; false: only records not invoiced yet."
);

const APPROVAL_STATUS: Param = param!(
    "approval_status",
    Query,
    ParamType::Enum(&["unsubmitted", "submitted", "approved"]),
    false,
    "Only records with this approval status."
);

const SPENT_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::Date,
        false,
        "Only records with a spent_date on or after this date."
    )
};

const SPENT_TO: Param = param!(
    "to",
    Query,
    ParamType::Date,
    false,
    "Only records with a spent_date on or before this date."
);

const ISSUED_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::Date,
        false,
        "Only records with an issue_date on or after this date."
    )
};

const ISSUED_TO: Param = param!(
    "to",
    Query,
    ParamType::Date,
    false,
    "Only records with an issue_date on or before this date."
);

const REPORT_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::ReportDate,
        true,
        "Start of the reporting period (inclusive)."
    )
};

const REPORT_TO: Param = param!(
    "to",
    Query,
    ParamType::ReportDate,
    true,
    "End of the reporting period (inclusive), at most 365 days after from."
);

const TIME_REPORT_FIXED_FEE: Param = param!(
    "include_fixed_fee",
    Query,
    ParamType::Bool,
    false,
    "true: also compute billable amounts of fixed-fee projects (left out by default)."
);

const UNINVOICED_FIXED_FEE: Param = param!(
    "include_fixed_fee",
    Query,
    ParamType::Bool,
    false,
    "false: leave fixed-fee projects out of the report (included by default)."
);

const INVOICE_ID: Param = param!(
    "invoice_id",
    Path,
    ParamType::Id,
    true,
    "Id of the invoice."
);

const ESTIMATE_ID: Param = param!(
    "estimate_id",
    Path,
    ParamType::Id,
    true,
    "Id of the estimate."
);

const PROJECT_ID: Param = param!(
    "project_id",
    Path,
    ParamType::Id,
    true,
    "Id of the project."
);

const USER_ID: Param = param!("user_id", Path, ParamType::Id, true, "Id of the user.");

// ---------------------------------------------------------------------------
// Action shapes

/// A paginated `GET` list; `per_page`, `cursor` and `limit` are appended to its parameters.
macro_rules! list {
    ($name:literal, $path:literal, $key:literal, $paging:ident, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::Get,
            host: Host::Api,
            path: $path,
            params: &[$($param,)* PER_PAGE, CURSOR, LIMIT],
            response: ResponseShape::List {
                record_key: $key,
                paging: Paging::$paging,
            },
            expected_status: 200,
            description: $description,
        }
    };
}

/// A `GET` of one object.
macro_rules! get {
    ($name:literal, $path:literal, [$($param:expr),* $(,)?], $description:expr) => {
        Action {
            name: $name,
            method: Method::Get,
            host: Host::Api,
            path: $path,
            params: &[$($param),*],
            response: ResponseShape::Object,
            expected_status: 200,
            description: $description,
        }
    };
}

/// A `/reports/...` entity: one `list` action.
macro_rules! report {
    ($name:literal, $path:literal, [$($param:expr),* $(,)?], $description:literal) => {
        Entity {
            name: $name,
            description: $description,
            actions: &[list!("list", $path, "results", Pages, [$($param),*], $description)],
        }
    };
}

// ---------------------------------------------------------------------------
// The entities. Top-level resources keep Harvest's plural name; sub-resources are
// `<parent>_<child>` with a `<parent>_id` path parameter; reports are `<report>_<grouping>`.

pub static ENTITIES: &[Entity] = &[
    Entity {
        name: "users",
        description: "Harvest users (people in the account).",
        actions: &[
            list!(
                "list",
                "/users",
                "users",
                Cursor,
                [IS_ACTIVE, UPDATED_SINCE],
                "List users, most recently created first."
            ),
            get!("get", "/users/{id}", [ID], "Get one user by id."),
            get!(
                "me",
                "/users/me",
                [],
                "Get the user the credentials belong to (who am I)."
            ),
        ],
    },
    Entity {
        name: "clients",
        description: "Harvest clients (the customers projects and invoices belong to).",
        actions: &[
            list!(
                "list",
                "/clients",
                "clients",
                Cursor,
                [IS_ACTIVE, UPDATED_SINCE],
                "List clients."
            ),
            get!("get", "/clients/{id}", [ID], "Get one client by id."),
        ],
    },
    Entity {
        name: "contacts",
        description: "Contacts (people) at clients.",
        actions: &[
            list!(
                "list",
                "/contacts",
                "contacts",
                Cursor,
                [CLIENT_FILTER, UPDATED_SINCE],
                "List client contacts."
            ),
            get!(
                "get",
                "/contacts/{id}",
                [ID],
                "Get one client contact by id."
            ),
        ],
    },
    Entity {
        name: "company",
        description: "The Harvest company (account) settings.",
        actions: &[get!(
            "get",
            "/company",
            [],
            "Get the company settings (time tracking mode, clock, currency, enabled features)."
        )],
    },
    Entity {
        name: "projects",
        description: "Harvest projects.",
        actions: &[
            list!(
                "list",
                "/projects",
                "projects",
                Cursor,
                [IS_ACTIVE, CLIENT_FILTER, UPDATED_SINCE],
                "List projects."
            ),
            get!("get", "/projects/{id}", [ID], "Get one project by id."),
        ],
    },
    Entity {
        name: "tasks",
        description: "Harvest tasks (kinds of work time is logged against).",
        actions: &[
            list!(
                "list",
                "/tasks",
                "tasks",
                Cursor,
                [IS_ACTIVE, UPDATED_SINCE],
                "List tasks."
            ),
            get!("get", "/tasks/{id}", [ID], "Get one task by id."),
        ],
    },
    Entity {
        name: "time_entries",
        description: "Time entries (hours logged by users on project tasks).",
        actions: &[
            list!(
                "list",
                "/time_entries",
                "time_entries",
                Pages,
                [
                    USER_FILTER,
                    CLIENT_FILTER,
                    PROJECT_FILTER,
                    TASK_FILTER,
                    param!(
                        "external_reference_id",
                        Query,
                        ParamType::Text { max_len: 255 },
                        false,
                        "Only time entries with this external reference id."
                    ),
                    IS_BILLED,
                    param!(
                        "is_running",
                        Query,
                        ParamType::Bool,
                        false,
                        "true: only running timers; false: only stopped entries."
                    ),
                    APPROVAL_STATUS,
                    UPDATED_SINCE,
                    SPENT_FROM,
                    SPENT_TO,
                ],
                "List time entries, most recent spent_date first."
            ),
            get!(
                "get",
                "/time_entries/{id}",
                [ID],
                "Get one time entry by id."
            ),
        ],
    },
    Entity {
        name: "invoices",
        description: "Invoices sent to clients.",
        actions: &[
            list!(
                "list",
                "/invoices",
                "invoices",
                Pages,
                [
                    CLIENT_FILTER,
                    PROJECT_FILTER,
                    UPDATED_SINCE,
                    ISSUED_FROM,
                    ISSUED_TO,
                    param!(
                        "state",
                        Query,
                        ParamType::Enum(&["draft", "open", "paid", "closed"]),
                        false,
                        "Only invoices in this state (open = sent and not yet paid)."
                    ),
                ],
                "List invoices, most recent issue_date first."
            ),
            get!("get", "/invoices/{id}", [ID], "Get one invoice by id."),
        ],
    },
    Entity {
        name: "invoice_messages",
        description: "Messages (emails and state-change events) of one invoice.",
        actions: &[
            list!(
                "list",
                "/invoices/{invoice_id}/messages",
                "invoice_messages",
                Cursor,
                [INVOICE_ID, UPDATED_SINCE],
                "List the messages of an invoice."
            ),
            get!(
                "template",
                "/invoices/{invoice_id}/messages/new",
                [
                    INVOICE_ID,
                    param!(
                        "thank_you",
                        Query,
                        ParamType::Bool,
                        false,
                        "true: the thank-you message template."
                    ),
                    param!(
                        "reminder",
                        Query,
                        ParamType::Bool,
                        false,
                        "true: the reminder message template."
                    ),
                ],
                "Get the subject and body Harvest would use for a new message about an invoice \
                 (nothing is created or sent)."
            ),
        ],
    },
    Entity {
        name: "invoice_payments",
        description: "Payments recorded against one invoice.",
        actions: &[list!(
            "list",
            "/invoices/{invoice_id}/payments",
            "invoice_payments",
            Cursor,
            [INVOICE_ID, UPDATED_SINCE],
            "List the payments of an invoice."
        )],
    },
    Entity {
        name: "invoice_item_categories",
        description: "Invoice item categories (kinds of invoice line items).",
        actions: &[
            list!(
                "list",
                "/invoice_item_categories",
                "invoice_item_categories",
                Cursor,
                [UPDATED_SINCE],
                "List invoice item categories."
            ),
            get!(
                "get",
                "/invoice_item_categories/{id}",
                [ID],
                "Get one invoice item category by id."
            ),
        ],
    },
    Entity {
        name: "estimates",
        description: "Estimates (quotes) sent to clients.",
        actions: &[
            list!(
                "list",
                "/estimates",
                "estimates",
                Pages,
                [
                    CLIENT_FILTER,
                    UPDATED_SINCE,
                    ISSUED_FROM,
                    ISSUED_TO,
                    param!(
                        "state",
                        Query,
                        ParamType::Enum(&["draft", "sent", "accepted", "declined"]),
                        false,
                        "Only estimates in this state."
                    ),
                ],
                "List estimates, most recent issue_date first."
            ),
            get!("get", "/estimates/{id}", [ID], "Get one estimate by id."),
        ],
    },
    Entity {
        name: "estimate_messages",
        description: "Messages (emails and state-change events) of one estimate.",
        actions: &[list!(
            "list",
            "/estimates/{estimate_id}/messages",
            "estimate_messages",
            Cursor,
            [ESTIMATE_ID, UPDATED_SINCE],
            "List the messages of an estimate."
        )],
    },
    Entity {
        name: "estimate_item_categories",
        description: "Estimate item categories (kinds of estimate line items).",
        actions: &[
            list!(
                "list",
                "/estimate_item_categories",
                "estimate_item_categories",
                Cursor,
                [UPDATED_SINCE],
                "List estimate item categories."
            ),
            get!(
                "get",
                "/estimate_item_categories/{id}",
                [ID],
                "Get one estimate item category by id."
            ),
        ],
    },
    Entity {
        name: "expenses",
        description: "Expenses logged by users on projects.",
        actions: &[
            list!(
                "list",
                "/expenses",
                "expenses",
                Pages,
                [
                    USER_FILTER,
                    CLIENT_FILTER,
                    PROJECT_FILTER,
                    IS_BILLED,
                    APPROVAL_STATUS,
                    UPDATED_SINCE,
                    SPENT_FROM,
                    SPENT_TO,
                ],
                "List expenses, most recent spent_date first."
            ),
            get!("get", "/expenses/{id}", [ID], "Get one expense by id."),
        ],
    },
    Entity {
        name: "expense_categories",
        description: "Expense categories: the definitions (name, unit name and price) expenses \
                      are filed under. For amounts spent per category, use the \
                      expenses_categories report.",
        actions: &[
            list!(
                "list",
                "/expense_categories",
                "expense_categories",
                Cursor,
                [IS_ACTIVE, UPDATED_SINCE],
                "List expense categories (definitions, not amounts)."
            ),
            get!(
                "get",
                "/expense_categories/{id}",
                [ID],
                "Get one expense category by id."
            ),
        ],
    },
    Entity {
        name: "roles",
        description: "Roles: descriptive labels grouping users.",
        actions: &[
            list!("list", "/roles", "roles", Cursor, [], "List roles."),
            get!("get", "/roles/{id}", [ID], "Get one role by id."),
        ],
    },
    Entity {
        name: "user_assignments",
        description: "Assignments of users to projects, across all projects.",
        actions: &[list!(
            "list",
            "/user_assignments",
            "user_assignments",
            Cursor,
            [USER_FILTER, IS_ACTIVE, UPDATED_SINCE],
            "List user assignments across all projects."
        )],
    },
    Entity {
        name: "task_assignments",
        description: "Assignments of tasks to projects, across all projects.",
        actions: &[list!(
            "list",
            "/task_assignments",
            "task_assignments",
            Cursor,
            [IS_ACTIVE, UPDATED_SINCE],
            "List task assignments across all projects."
        )],
    },
    Entity {
        name: "project_user_assignments",
        description: "Assignments of users to one project (who may log time on it, rates, \
                      budgets).",
        actions: &[
            list!(
                "list",
                "/projects/{project_id}/user_assignments",
                "user_assignments",
                Pages,
                [PROJECT_ID, USER_FILTER, IS_ACTIVE, UPDATED_SINCE],
                "List the user assignments of a project."
            ),
            get!(
                "get",
                "/projects/{project_id}/user_assignments/{id}",
                [PROJECT_ID, ID],
                "Get one user assignment of a project by id."
            ),
        ],
    },
    Entity {
        name: "project_task_assignments",
        description: "Assignments of tasks to one project (which tasks time can be logged \
                      against, billable or not, rates, budgets).",
        actions: &[
            list!(
                "list",
                "/projects/{project_id}/task_assignments",
                "task_assignments",
                Pages,
                [PROJECT_ID, IS_ACTIVE, UPDATED_SINCE],
                "List the task assignments of a project."
            ),
            get!(
                "get",
                "/projects/{project_id}/task_assignments/{id}",
                [PROJECT_ID, ID],
                "Get one task assignment of a project by id."
            ),
        ],
    },
    Entity {
        name: "user_project_assignments",
        description: "The active projects a user is assigned to, each with its task \
                      assignments: what time can be logged against.",
        actions: &[
            list!(
                "list",
                "/users/{user_id}/project_assignments",
                "project_assignments",
                Cursor,
                [USER_ID, UPDATED_SINCE],
                "List the active project assignments of a user."
            ),
            list!(
                "list_mine",
                "/users/me/project_assignments",
                "project_assignments",
                Pages,
                [],
                "List the active project assignments of the user the credentials belong to."
            ),
        ],
    },
    Entity {
        name: "user_teammates",
        description: "The teammates a manager is assigned to (the user must be a Manager).",
        actions: &[list!(
            "list",
            "/users/{user_id}/teammates",
            "teammates",
            Cursor,
            [USER_ID],
            "List the teammates assigned to a manager."
        )],
    },
    Entity {
        name: "user_billable_rates",
        description: "A user's billable rates over time.",
        actions: &[
            list!(
                "list",
                "/users/{user_id}/billable_rates",
                "billable_rates",
                Cursor,
                [USER_ID],
                "List the billable rates of a user."
            ),
            get!(
                "get",
                "/users/{user_id}/billable_rates/{id}",
                [USER_ID, ID],
                "Get one billable rate of a user by id."
            ),
        ],
    },
    Entity {
        name: "user_cost_rates",
        description: "A user's cost rates over time.",
        actions: &[
            list!(
                "list",
                "/users/{user_id}/cost_rates",
                "cost_rates",
                Cursor,
                [USER_ID],
                "List the cost rates of a user."
            ),
            get!(
                "get",
                "/users/{user_id}/cost_rates/{id}",
                [USER_ID, ID],
                "Get one cost rate of a user by id."
            ),
        ],
    },
    report!(
        "time_clients",
        "/reports/time/clients",
        [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
        "Time report: hours and billable amounts per client over a period of at most 365 days."
    ),
    report!(
        "time_projects",
        "/reports/time/projects",
        [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
        "Time report: hours and billable amounts per project over a period of at most 365 days."
    ),
    report!(
        "time_tasks",
        "/reports/time/tasks",
        [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
        "Time report: hours and billable amounts per task over a period of at most 365 days."
    ),
    report!(
        "time_team",
        "/reports/time/team",
        [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
        "Time report: hours and billable amounts per user (team member) over a period of at \
         most 365 days."
    ),
    report!(
        "expenses_clients",
        "/reports/expenses/clients",
        [REPORT_FROM, REPORT_TO],
        "Expense report: amounts spent per client over a period of at most 365 days."
    ),
    report!(
        "expenses_projects",
        "/reports/expenses/projects",
        [REPORT_FROM, REPORT_TO],
        "Expense report: amounts spent per project over a period of at most 365 days."
    ),
    report!(
        "expenses_categories",
        "/reports/expenses/categories",
        [REPORT_FROM, REPORT_TO],
        "Expense report: amounts spent per expense category over a period of at most 365 days \
         (a report; the category definitions themselves are the expense_categories entity)."
    ),
    report!(
        "expenses_team",
        "/reports/expenses/team",
        [REPORT_FROM, REPORT_TO],
        "Expense report: amounts spent per user (team member) over a period of at most 365 days."
    ),
    report!(
        "uninvoiced",
        "/reports/uninvoiced",
        [REPORT_FROM, REPORT_TO, UNINVOICED_FIXED_FEE],
        "Uninvoiced report: per project, billable hours and expenses not invoiced yet, over a \
         period of at most 365 days."
    ),
    report!(
        "project_budget",
        "/reports/project_budget",
        [IS_ACTIVE],
        "Project budget report: budget, amount spent and remaining for every project."
    ),
    Entity {
        name: "accounts",
        description: "The Harvest and Forecast accounts the credentials can reach, from Harvest \
                      ID: use an account's id (product \"harvest\") as account_id.",
        actions: &[Action {
            name: "list",
            method: Method::Get,
            host: Host::Id,
            path: "/api/v2/accounts",
            params: &[],
            response: ResponseShape::List {
                record_key: "accounts",
                paging: Paging::Single,
            },
            expected_status: 200,
            description: "List the accounts (id, name, product) the token can access; needs no \
                          account id.",
        }],
    },
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
            assert_eq!(super::entity(entity).unwrap().action_names(), actions);
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
                // Writes come later: the public catalogue reads only.
                assert_eq!(action.method, Method::Get);
                assert!(action.params.iter().all(|p| p.location != Location::Body));
            }
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
        assert!(action.param("page").is_none());
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
