//! The `/v2` route table: a method, a path pattern whose `{id}` segments match decimal ids
//! only, and what answers it. Lists are [`ListSpec`] rows and record reads a table; writes
//! are [`Entity`] rows of `writes/` (create, update, delete) or the handler of a state
//! change. Reports live in `reports.rs`.

use hyper::Method;

use super::context::{Ctx, Handler};
use super::data::TIME_ENTRY_BASE_ID;
use super::envelope::{self, Mode, DEFAULT_PER_PAGE};
use super::lists::{self, filter, Conditions, Filter, ListSpec, Order, Test, IS_ACTIVE};
use super::query::parse_id;
use super::reply::{ApiError, Reply};
use super::reports;
use super::store::lock;
use super::store::{id_of, to_record, Kind, Record};
use super::writes::{self, invoicing, people, records, time, Entity};

/// What answers a route.
pub(crate) enum Action {
    Run(Handler),
    List(&'static ListSpec),
    /// A record of a table, nested under a record of the second when given.
    Get(Kind, Option<Kind>),
    Create(&'static Entity),
    Update(&'static Entity),
    Delete(&'static Entity),
}

impl Action {
    pub(crate) fn run(&self, ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
        match self {
            Action::Run(handler) => handler(ctx),
            Action::List(spec) => lists::list(ctx, spec),
            Action::Get(kind, parent) => lists::get(ctx, *kind, *parent),
            Action::Create(entity) => writes::create(ctx, entity),
            Action::Update(entity) => writes::update(ctx, entity),
            Action::Delete(entity) => writes::delete(ctx, entity),
        }
    }
}

pub(crate) struct Route {
    pub method: Method,
    pub pattern: &'static str,
    pub action: Action,
}

const fn route(method: Method, pattern: &'static str, action: Action) -> Route {
    Route {
        method,
        pattern,
        action,
    }
}

const fn get(pattern: &'static str, handler: Handler) -> Route {
    route(Method::GET, pattern, Action::Run(handler))
}

const fn list(pattern: &'static str, spec: &'static ListSpec) -> Route {
    route(Method::GET, pattern, Action::List(spec))
}

const fn record(pattern: &'static str, kind: Kind, parent: Option<Kind>) -> Route {
    route(Method::GET, pattern, Action::Get(kind, parent))
}

const fn post(pattern: &'static str, handler: Handler) -> Route {
    route(Method::POST, pattern, Action::Run(handler))
}

const fn patch(pattern: &'static str, handler: Handler) -> Route {
    route(Method::PATCH, pattern, Action::Run(handler))
}

const fn delete(pattern: &'static str, handler: Handler) -> Route {
    route(Method::DELETE, pattern, Action::Run(handler))
}

const fn create(pattern: &'static str, entity: &'static Entity) -> Route {
    route(Method::POST, pattern, Action::Create(entity))
}

const fn update(pattern: &'static str, entity: &'static Entity) -> Route {
    route(Method::PATCH, pattern, Action::Update(entity))
}

const fn remove(pattern: &'static str, entity: &'static Entity) -> Route {
    route(Method::DELETE, pattern, Action::Delete(entity))
}

// ---------------------------------------------------------------------------
// List specifications

const fn spec(kind: Kind, key: &'static str, mode: Mode, filters: &'static [Filter]) -> ListSpec {
    ListSpec {
        kind,
        key,
        mode,
        per_page: DEFAULT_PER_PAGE,
        filters,
        updated_since: true,
        order: Order::Stored,
        parent: None,
    }
}

const CLIENT_ID: Filter = filter("client_id", &["client", "id"], Test::Id);
const USER_ID: Filter = filter("user_id", &["user", "id"], Test::Id);
const PROJECT_ID: Filter = filter("project_id", &["project", "id"], Test::Id);
const APPROVAL: Filter = filter("approval_status", &["approval_status"], Test::Text);
const IS_BILLED: Filter = filter("is_billed", &["is_billed"], Test::Bool);

static USERS: ListSpec = spec(Kind::Users, "users", Mode::Cursor, &[IS_ACTIVE]);
static CLIENTS: ListSpec = spec(Kind::Clients, "clients", Mode::Cursor, &[IS_ACTIVE]);
static CONTACTS: ListSpec = spec(Kind::Contacts, "contacts", Mode::Cursor, &[CLIENT_ID]);
static PROJECTS: ListSpec = spec(
    Kind::Projects,
    "projects",
    Mode::Cursor,
    &[IS_ACTIVE, CLIENT_ID],
);
static TASKS: ListSpec = spec(Kind::Tasks, "tasks", Mode::Cursor, &[IS_ACTIVE]);
static USER_ASSIGNMENTS: ListSpec = spec(
    Kind::UserAssignments,
    "user_assignments",
    Mode::Cursor,
    &[USER_ID, IS_ACTIVE],
);
static PROJECT_USER_ASSIGNMENTS: ListSpec = ListSpec {
    mode: Mode::Pages,
    parent: Some(Kind::Projects),
    ..spec(
        Kind::UserAssignments,
        "user_assignments",
        Mode::Pages,
        &[USER_ID, IS_ACTIVE],
    )
};
static TASK_ASSIGNMENTS: ListSpec = spec(
    Kind::TaskAssignments,
    "task_assignments",
    Mode::Cursor,
    &[IS_ACTIVE],
);
static PROJECT_TASK_ASSIGNMENTS: ListSpec = ListSpec {
    parent: Some(Kind::Projects),
    ..spec(
        Kind::TaskAssignments,
        "task_assignments",
        Mode::Pages,
        &[IS_ACTIVE],
    )
};
static EXPENSES: ListSpec = ListSpec {
    order: Order::NewestFirst("spent_date"),
    ..spec(
        Kind::Expenses,
        "expenses",
        Mode::Pages,
        &[
            USER_ID,
            CLIENT_ID,
            PROJECT_ID,
            IS_BILLED,
            APPROVAL,
            filter("from", &["spent_date"], Test::From),
            filter("to", &["spent_date"], Test::To),
        ],
    )
};
static EXPENSE_CATEGORIES: ListSpec = spec(
    Kind::ExpenseCategories,
    "expense_categories",
    Mode::Cursor,
    &[IS_ACTIVE],
);
/// `GET /v2/invoices` defaults to 100 per page since early 2025 (§3.2).
static INVOICES: ListSpec = ListSpec {
    per_page: 100,
    order: Order::NewestFirst("issue_date"),
    ..spec(
        Kind::Invoices,
        "invoices",
        Mode::Pages,
        &[
            CLIENT_ID,
            filter(
                "project_id",
                &["line_items", "*", "project", "id"],
                Test::Id,
            ),
            filter("state", &["state"], Test::Text),
            filter("from", &["issue_date"], Test::From),
            filter("to", &["issue_date"], Test::To),
        ],
    )
};
static INVOICE_MESSAGES: ListSpec = ListSpec {
    parent: Some(Kind::Invoices),
    ..spec(Kind::InvoiceMessages, "invoice_messages", Mode::Cursor, &[])
};
static INVOICE_PAYMENTS: ListSpec = ListSpec {
    parent: Some(Kind::Invoices),
    ..spec(Kind::InvoicePayments, "invoice_payments", Mode::Cursor, &[])
};
static INVOICE_ITEM_CATEGORIES: ListSpec = spec(
    Kind::InvoiceItemCategories,
    "invoice_item_categories",
    Mode::Cursor,
    &[],
);
static ESTIMATES: ListSpec = ListSpec {
    order: Order::NewestFirst("issue_date"),
    ..spec(
        Kind::Estimates,
        "estimates",
        Mode::Pages,
        &[
            CLIENT_ID,
            filter("state", &["state"], Test::Text),
            filter("from", &["issue_date"], Test::From),
            filter("to", &["issue_date"], Test::To),
        ],
    )
};
static ESTIMATE_MESSAGES: ListSpec = ListSpec {
    parent: Some(Kind::Estimates),
    ..spec(
        Kind::EstimateMessages,
        "estimate_messages",
        Mode::Cursor,
        &[],
    )
};
static ESTIMATE_ITEM_CATEGORIES: ListSpec = spec(
    Kind::EstimateItemCategories,
    "estimate_item_categories",
    Mode::Cursor,
    &[],
);
static ROLES: ListSpec = ListSpec {
    updated_since: false,
    ..spec(Kind::Roles, "roles", Mode::Cursor, &[])
};
/// Rates are listed oldest first and take no `updated_since`.
static BILLABLE_RATES: ListSpec = ListSpec {
    updated_since: false,
    order: Order::OldestFirst("start_date"),
    parent: Some(Kind::Users),
    ..spec(Kind::BillableRates, "billable_rates", Mode::Cursor, &[])
};
static COST_RATES: ListSpec = ListSpec {
    updated_since: false,
    order: Order::OldestFirst("start_date"),
    parent: Some(Kind::Users),
    ..spec(Kind::CostRates, "cost_rates", Mode::Cursor, &[])
};

/// The time-entry filters, for the entries writes created or changed (generated ones are
/// filtered on their cores, see `list_time_entries`).
const TIME_ENTRY_FILTERS: &[Filter] = &[
    USER_ID,
    CLIENT_ID,
    PROJECT_ID,
    filter("task_id", &["task", "id"], Test::Id),
    filter(
        "external_reference_id",
        &["external_reference", "id"],
        Test::Text,
    ),
    IS_BILLED,
    filter("is_running", &["is_running"], Test::Bool),
    APPROVAL,
    filter("from", &["spent_date"], Test::From),
    filter("to", &["spent_date"], Test::To),
];

// ---------------------------------------------------------------------------
// The table

/// Order matters only where a literal competes with `{id}` (`/users/me`), and
/// `{id}` never matches a literal anyway.
pub(crate) static ROUTES: &[Route] = &[
    get("/v2/company", company),
    patch("/v2/company", records::update_company),
    get("/v2/users/me", me),
    get("/v2/users/me/project_assignments", my_project_assignments),
    list("/v2/users", &USERS),
    create("/v2/users", &people::USERS),
    record("/v2/users/{id}", Kind::Users, None),
    update("/v2/users/{id}", &people::USERS),
    remove("/v2/users/{id}", &people::USERS),
    get(
        "/v2/users/{id}/project_assignments",
        user_project_assignments,
    ),
    get("/v2/users/{id}/teammates", user_teammates),
    patch("/v2/users/{id}/teammates", people::update_teammates),
    list("/v2/users/{id}/billable_rates", &BILLABLE_RATES),
    post(
        "/v2/users/{id}/billable_rates",
        people::create_billable_rate,
    ),
    record(
        "/v2/users/{id}/billable_rates/{id}",
        Kind::BillableRates,
        Some(Kind::Users),
    ),
    list("/v2/users/{id}/cost_rates", &COST_RATES),
    post("/v2/users/{id}/cost_rates", people::create_cost_rate),
    record(
        "/v2/users/{id}/cost_rates/{id}",
        Kind::CostRates,
        Some(Kind::Users),
    ),
    list("/v2/clients", &CLIENTS),
    create("/v2/clients", &records::CLIENTS),
    record("/v2/clients/{id}", Kind::Clients, None),
    update("/v2/clients/{id}", &records::CLIENTS),
    remove("/v2/clients/{id}", &records::CLIENTS),
    list("/v2/contacts", &CONTACTS),
    create("/v2/contacts", &records::CONTACTS),
    record("/v2/contacts/{id}", Kind::Contacts, None),
    update("/v2/contacts/{id}", &records::CONTACTS),
    remove("/v2/contacts/{id}", &records::CONTACTS),
    list("/v2/projects", &PROJECTS),
    create("/v2/projects", &people::PROJECTS),
    record("/v2/projects/{id}", Kind::Projects, None),
    update("/v2/projects/{id}", &people::PROJECTS),
    remove("/v2/projects/{id}", &people::PROJECTS),
    list(
        "/v2/projects/{id}/user_assignments",
        &PROJECT_USER_ASSIGNMENTS,
    ),
    create(
        "/v2/projects/{id}/user_assignments",
        &people::USER_ASSIGNMENTS,
    ),
    record(
        "/v2/projects/{id}/user_assignments/{id}",
        Kind::UserAssignments,
        Some(Kind::Projects),
    ),
    update(
        "/v2/projects/{id}/user_assignments/{id}",
        &people::USER_ASSIGNMENTS,
    ),
    remove(
        "/v2/projects/{id}/user_assignments/{id}",
        &people::USER_ASSIGNMENTS,
    ),
    list(
        "/v2/projects/{id}/task_assignments",
        &PROJECT_TASK_ASSIGNMENTS,
    ),
    create(
        "/v2/projects/{id}/task_assignments",
        &people::TASK_ASSIGNMENTS,
    ),
    record(
        "/v2/projects/{id}/task_assignments/{id}",
        Kind::TaskAssignments,
        Some(Kind::Projects),
    ),
    update(
        "/v2/projects/{id}/task_assignments/{id}",
        &people::TASK_ASSIGNMENTS,
    ),
    remove(
        "/v2/projects/{id}/task_assignments/{id}",
        &people::TASK_ASSIGNMENTS,
    ),
    list("/v2/user_assignments", &USER_ASSIGNMENTS),
    list("/v2/task_assignments", &TASK_ASSIGNMENTS),
    list("/v2/tasks", &TASKS),
    create("/v2/tasks", &records::TASKS),
    record("/v2/tasks/{id}", Kind::Tasks, None),
    update("/v2/tasks/{id}", &records::TASKS),
    remove("/v2/tasks/{id}", &records::TASKS),
    get("/v2/time_entries", list_time_entries),
    create("/v2/time_entries", &time::TIME_ENTRIES),
    get("/v2/time_entries/{id}", get_time_entry),
    update("/v2/time_entries/{id}", &time::TIME_ENTRIES),
    remove("/v2/time_entries/{id}", &time::TIME_ENTRIES),
    patch("/v2/time_entries/{id}/stop", time::stop_timer),
    patch("/v2/time_entries/{id}/restart", time::restart_timer),
    delete(
        "/v2/time_entries/{id}/external_reference",
        time::delete_external_reference,
    ),
    list("/v2/expenses", &EXPENSES),
    create("/v2/expenses", &time::EXPENSES),
    record("/v2/expenses/{id}", Kind::Expenses, None),
    update("/v2/expenses/{id}", &time::EXPENSES),
    remove("/v2/expenses/{id}", &time::EXPENSES),
    list("/v2/expense_categories", &EXPENSE_CATEGORIES),
    create("/v2/expense_categories", &records::EXPENSE_CATEGORIES),
    record("/v2/expense_categories/{id}", Kind::ExpenseCategories, None),
    update("/v2/expense_categories/{id}", &records::EXPENSE_CATEGORIES),
    remove("/v2/expense_categories/{id}", &records::EXPENSE_CATEGORIES),
    list("/v2/invoices", &INVOICES),
    create("/v2/invoices", &invoicing::INVOICES),
    record("/v2/invoices/{id}", Kind::Invoices, None),
    update("/v2/invoices/{id}", &invoicing::INVOICES),
    remove("/v2/invoices/{id}", &invoicing::INVOICES),
    list("/v2/invoices/{id}/messages", &INVOICE_MESSAGES),
    post(
        "/v2/invoices/{id}/messages",
        invoicing::create_invoice_message,
    ),
    get("/v2/invoices/{id}/messages/new", new_invoice_message),
    remove(
        "/v2/invoices/{id}/messages/{id}",
        &invoicing::INVOICE_MESSAGES,
    ),
    list("/v2/invoices/{id}/payments", &INVOICE_PAYMENTS),
    post("/v2/invoices/{id}/payments", invoicing::create_payment),
    remove(
        "/v2/invoices/{id}/payments/{id}",
        &invoicing::INVOICE_PAYMENTS,
    ),
    list("/v2/invoice_item_categories", &INVOICE_ITEM_CATEGORIES),
    create(
        "/v2/invoice_item_categories",
        &records::INVOICE_ITEM_CATEGORIES,
    ),
    record(
        "/v2/invoice_item_categories/{id}",
        Kind::InvoiceItemCategories,
        None,
    ),
    update(
        "/v2/invoice_item_categories/{id}",
        &records::INVOICE_ITEM_CATEGORIES,
    ),
    remove(
        "/v2/invoice_item_categories/{id}",
        &records::INVOICE_ITEM_CATEGORIES,
    ),
    list("/v2/estimates", &ESTIMATES),
    create("/v2/estimates", &invoicing::ESTIMATES),
    record("/v2/estimates/{id}", Kind::Estimates, None),
    update("/v2/estimates/{id}", &invoicing::ESTIMATES),
    remove("/v2/estimates/{id}", &invoicing::ESTIMATES),
    list("/v2/estimates/{id}/messages", &ESTIMATE_MESSAGES),
    post(
        "/v2/estimates/{id}/messages",
        invoicing::create_estimate_message,
    ),
    remove(
        "/v2/estimates/{id}/messages/{id}",
        &invoicing::ESTIMATE_MESSAGES,
    ),
    list("/v2/estimate_item_categories", &ESTIMATE_ITEM_CATEGORIES),
    create(
        "/v2/estimate_item_categories",
        &records::ESTIMATE_ITEM_CATEGORIES,
    ),
    record(
        "/v2/estimate_item_categories/{id}",
        Kind::EstimateItemCategories,
        None,
    ),
    update(
        "/v2/estimate_item_categories/{id}",
        &records::ESTIMATE_ITEM_CATEGORIES,
    ),
    remove(
        "/v2/estimate_item_categories/{id}",
        &records::ESTIMATE_ITEM_CATEGORIES,
    ),
    list("/v2/roles", &ROLES),
    create("/v2/roles", &records::ROLES),
    record("/v2/roles/{id}", Kind::Roles, None),
    update("/v2/roles/{id}", &records::ROLES),
    remove("/v2/roles/{id}", &records::ROLES),
    get("/v2/reports/time/clients", reports::time_clients),
    get("/v2/reports/time/projects", reports::time_projects),
    get("/v2/reports/time/tasks", reports::time_tasks),
    get("/v2/reports/time/team", reports::time_team),
    get("/v2/reports/expenses/clients", reports::expense_clients),
    get("/v2/reports/expenses/projects", reports::expense_projects),
    get(
        "/v2/reports/expenses/categories",
        reports::expense_categories,
    ),
    get("/v2/reports/expenses/team", reports::expense_team),
    get("/v2/reports/uninvoiced", reports::uninvoiced),
    get("/v2/reports/project_budget", reports::project_budget),
];

pub(crate) enum RouteMatch {
    Found(&'static Action, Vec<u64>),
    WrongMethod(Vec<Method>),
    NoRoute,
}

/// Matches `path` (one trailing slash tolerated, as Rails does) against the table.
pub(crate) fn find(method: &Method, path: &str) -> RouteMatch {
    let path = match path.strip_suffix('/') {
        Some(stripped) if !stripped.is_empty() => stripped,
        _ => path,
    };
    let mut allowed = Vec::new();
    for route in ROUTES {
        if let Some(ids) = match_pattern(route.pattern, path) {
            if route.method == *method {
                return RouteMatch::Found(&route.action, ids);
            }
            if !allowed.contains(&route.method) {
                allowed.push(route.method.clone());
            }
        }
    }
    if allowed.is_empty() {
        RouteMatch::NoRoute
    } else {
        RouteMatch::WrongMethod(allowed)
    }
}

fn match_pattern(pattern: &str, path: &str) -> Option<Vec<u64>> {
    let mut ids = Vec::new();
    let mut pattern_segments = pattern.split('/');
    let mut path_segments = path.split('/');
    loop {
        match (pattern_segments.next(), path_segments.next()) {
            (None, None) => return Some(ids),
            (Some("{id}"), Some(segment)) => ids.push(parse_id(segment)?),
            (Some(literal), Some(segment)) if literal == segment => {}
            _ => return None,
        }
    }
}

// ---------------------------------------------------------------------------
// Company and users

fn company(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let company = lock(ctx.store).company.clone();
    Ok(ctx.ok(&company))
}

fn me(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let tables = lock(ctx.store);
    tables
        .record(Kind::Users, writes::me(&tables))
        .map(|r| ctx.ok(r))
        .ok_or(ApiError::NotFound)
}

/// A user's active projects with their task assignments, built from the stored
/// assignments (so created and archived ones show).
fn project_assignments(ctx: &Ctx<'_>, user_id: u64) -> Result<Vec<Record>, ApiError> {
    let tables = lock(ctx.store);
    if tables.find(Kind::Users, user_id).is_none() {
        return Err(ApiError::NotFound);
    }
    let without = |record: &Record, key: &str| {
        let mut copy = record.clone();
        copy.remove(key);
        copy
    };
    Ok(tables
        .rows(Kind::UserAssignments)
        .iter()
        .filter(|row| row.record["user"]["id"].as_u64() == Some(user_id))
        .filter_map(|row| {
            let project_id = row.parent?;
            let project = tables.record(Kind::Projects, project_id)?;
            if project.get("is_active") != Some(&serde_json::Value::Bool(true)) {
                return None;
            }
            let mut assignment = without(&row.record, "user");
            let client = &project["client"];
            assignment.insert(
                "client".to_owned(),
                serde_json::json!({ "id": client["id"], "name": client["name"] }),
            );
            let tasks = tables
                .rows(Kind::TaskAssignments)
                .iter()
                .filter(|t| t.parent == Some(project_id))
                .map(|t| serde_json::Value::Object(without(&t.record, "project")))
                .collect();
            assignment.insert(
                "task_assignments".to_owned(),
                serde_json::Value::Array(tasks),
            );
            Some(assignment)
        })
        .collect())
}

fn my_project_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let me = writes::me(&lock(ctx.store));
    let assignments = project_assignments(ctx, me)?;
    lists::page(
        ctx,
        "project_assignments",
        Mode::Pages,
        DEFAULT_PER_PAGE,
        &assignments,
    )
}

fn user_project_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let conditions = Conditions::parse(ctx, &[], true)?;
    let assignments: Vec<Record> = project_assignments(ctx, ctx.id(0)?)?
        .into_iter()
        .filter(|a| conditions.accept(a))
        .collect();
    lists::page(
        ctx,
        "project_assignments",
        Mode::Cursor,
        DEFAULT_PER_PAGE,
        &assignments,
    )
}

/// Managers (and the administrator) manage every plain member unless a write assigned
/// their teammates.
fn user_teammates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let teammates: Vec<Record> = {
        let tables = lock(ctx.store);
        let user_id = lists::parent_id(ctx, &tables, Kind::Users)?;
        match tables.assigned_teammates(user_id) {
            Some(ids) => ids
                .iter()
                .filter_map(|id| tables.record(Kind::Users, *id))
                .map(people::teammate)
                .filter_map(|v| v.as_object().cloned())
                .collect(),
            None => {
                let data = tables.data();
                let generated = data
                    .user_index(user_id)
                    .map(|u| data.teammates(u))
                    .unwrap_or_default();
                generated
                    .iter()
                    .filter_map(|t| tables.record(Kind::Users, t.id))
                    .map(people::teammate)
                    .filter_map(|v| v.as_object().cloned())
                    .collect()
            }
        }
    };
    lists::page(ctx, "teammates", Mode::Cursor, DEFAULT_PER_PAGE, &teammates)
}

// ---------------------------------------------------------------------------
// Time entries (possibly tens of thousands: generated ones are filtered on cheap cores
// and only the requested page is materialized; written ones come from the store)

/// The filter value of an id parameter mapped to a generated index: `None` = not
/// filtering, `Some(None)` = an id no generated record has.
type IndexFilter = Option<Option<usize>>;

fn accepts(filter: IndexFilter, actual: usize) -> bool {
    filter.is_none_or(|wanted| wanted == Some(actual))
}

fn is(filter: Option<bool>, actual: bool) -> bool {
    filter.is_none_or(|wanted| wanted == actual)
}

/// One time entry of a listing: generated (by index) or written.
enum Listed {
    Generated(usize),
    Written(Record),
}

fn list_time_entries(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let tables = lock(ctx.store);
    let data = tables.data();
    let query = &ctx.query;
    let params = ctx.list_params(Mode::Pages, DEFAULT_PER_PAGE)?;
    let id_filter =
        |name: &str, lookup: &dyn Fn(u64) -> Option<usize>| query.id(name).map(|id| id.map(lookup));
    let user = id_filter("user_id", &|id| data.user_index(id))?;
    let client = id_filter("client_id", &|id| data.client_index(id))?;
    let project = id_filter("project_id", &|id| data.project_index(id))?;
    let task = id_filter("task_id", &|id| data.task_index(id))?;
    let external_reference = query.get("external_reference_id");
    let is_billed = query.bool("is_billed")?;
    let is_running = query.bool("is_running")?;
    let approval_status = query.get("approval_status");
    let since = ctx.updated_since()?;
    let range = data.time_entry_range(query.date("from")?, query.date("to")?);
    let conditions = Conditions::parse(ctx, TIME_ENTRY_FILTERS, true)?;
    let overlay = tables.entry_overlay();
    let written_any = !overlay.changed.is_empty() || !overlay.deleted_projects.is_empty();

    // `from`/`to` alone are arithmetic on the generated order; anything else scans.
    let needs_scan = written_any
        || user.is_some()
        || client.is_some()
        || project.is_some()
        || task.is_some()
        || external_reference.is_some()
        || is_billed.is_some()
        || is_running.is_some()
        || approval_status.is_some()
        || since.is_some();
    let matching: Option<Vec<usize>> = needs_scan.then(|| {
        range
            .clone()
            .map(|i| data.entry_core(i))
            .filter(|core| {
                overlay.untouched(data, core)
                    && accepts(user, core.user)
                    && accepts(client, core.client)
                    && accepts(project, core.project)
                    && accepts(task, core.task)
                    && is(is_billed, core.is_billed)
                    && is(is_running, core.is_running)
                    && approval_status.is_none_or(|s| s == core.approval_status())
                    && since.is_none_or(|s| core.updated_at > s)
                    && external_reference
                        .is_none_or(|r| core.external_reference_id().as_deref() == Some(r))
            })
            .map(|core| core.index)
            .collect()
    });
    let listed: Option<Vec<Listed>> = written_any.then(|| {
        let mut written: Vec<Record> = tables
            .written_entries()
            .filter(|r| conditions.accept(r))
            .cloned()
            .collect();
        lists::sort(&mut written, Order::NewestFirst("spent_date"));
        merge_by_spent_date(data, matching.as_deref().unwrap_or(&[]), written)
    });
    let total = match (&listed, &matching) {
        (Some(listed), _) => listed.len(),
        (None, Some(indices)) => indices.len(),
        (None, None) => range.len(),
    };
    let index_at = |position: usize| match &matching {
        Some(indices) => indices[position],
        None => range.start + position,
    };
    let id_at = |position: usize| match &listed {
        Some(listed) => match &listed[position] {
            Listed::Generated(i) => TIME_ENTRY_BASE_ID + *i as u64,
            Listed::Written(record) => id_of(record),
        },
        None => TIME_ENTRY_BASE_ID + index_at(position) as u64,
    };
    let window = params.window(total, id_at)?;
    let page: Vec<Shown<'_>> = (window.start..window.end)
        .map(|position| match &listed {
            Some(listed) => match &listed[position] {
                Listed::Generated(i) => Shown::Generated(Box::new(data.time_entry(*i))),
                Listed::Written(record) => Shown::Written(ctx.orders.ordered(record)),
            },
            None => Shown::Generated(Box::new(data.time_entry(index_at(position)))),
        })
        .collect();
    let body = envelope::render("time_entries", &page, &window.meta)?;
    Ok(Reply::new(hyper::StatusCode::OK, super::reply::JSON, body))
}

/// A time entry on a page: generated ones are written straight from their struct.
enum Shown<'a> {
    Generated(Box<super::data::TimeEntry>),
    Written(super::order::Ordered<'a>),
}

impl serde::Serialize for Shown<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Shown::Generated(entry) => entry.serialize(serializer),
            Shown::Written(record) => record.serialize(serializer),
        }
    }
}

/// Generated entries are ordered by spent_date, newest first; a written entry goes before
/// the generated ones of its day and older.
fn merge_by_spent_date(
    data: &super::data::Dataset,
    generated: &[usize],
    written: Vec<Record>,
) -> Vec<Listed> {
    let mut merged = Vec::with_capacity(generated.len() + written.len());
    let mut written = written.into_iter().peekable();
    for &i in generated {
        let day = data.entry_core(i).spent_date;
        while let Some(record) =
            written.next_if(|r| r.get("spent_date").and_then(lists::date_of) >= Some(day))
        {
            merged.push(Listed::Written(record));
        }
        merged.push(Listed::Generated(i));
    }
    merged.extend(written.map(Listed::Written));
    merged
}

fn get_time_entry(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    lock(ctx.store)
        .time_entry(ctx.id(0)?)
        .map(|entry| ctx.ok(&entry))
        .ok_or(ApiError::NotFound)
}

// ---------------------------------------------------------------------------
// Invoices

fn new_invoice_message(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let id = ctx.id(0)?;
    let k = {
        let tables = lock(ctx.store);
        tables.find(Kind::Invoices, id).ok_or(ApiError::NotFound)?;
        ctx.data.invoice_index(id)
    };
    let thank_you = ctx.query.bool("thank_you")?.unwrap_or(false);
    let reminder = ctx.query.bool("reminder")?.unwrap_or(false);
    // Created invoices share the generated template wording (their number differs).
    let mut template = to_record(&ctx.data.invoice_message_template(
        k.unwrap_or(0),
        thank_you,
        reminder,
    ));
    template.insert("invoice_id".to_owned(), serde_json::Value::from(id));
    Ok(ctx.ok(&template))
}
