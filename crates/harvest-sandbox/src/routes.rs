//! The `/v2` route table and the handlers of the record endpoints (reports
//! live in `reports.rs`). A route is a method, a path pattern whose `{id}`
//! segments match decimal ids only, and a handler; adding an endpoint (e.g.
//! the write operations) means adding a row here (and, for writes, giving
//! `Ctx` the request body and a mutable overlay over the generated data).

use hyper::Method;
use serde::Serialize;

use super::calendar::Timestamp;
use super::context::{Ctx, Handler};
use super::data::{Record, TIME_ENTRY_BASE_ID};
use super::envelope::{self, Mode, DEFAULT_PER_PAGE};
use super::query::{parse_id, Query};
use super::reply::{ApiError, Reply};
use super::reports;

pub(crate) struct Route {
    pub method: Method,
    pub pattern: &'static str,
    pub handler: Handler,
}

const fn get(pattern: &'static str, handler: Handler) -> Route {
    Route {
        method: Method::GET,
        pattern,
        handler,
    }
}

/// Order matters only where a literal competes with `{id}` (`/users/me`), and
/// `{id}` never matches a literal anyway.
pub(crate) static ROUTES: &[Route] = &[
    get("/v2/company", company),
    get("/v2/users/me", me),
    get("/v2/users/me/project_assignments", my_project_assignments),
    get("/v2/users", list_users),
    get("/v2/users/{id}", get_user),
    get(
        "/v2/users/{id}/project_assignments",
        user_project_assignments,
    ),
    get("/v2/users/{id}/teammates", user_teammates),
    get("/v2/users/{id}/billable_rates", list_billable_rates),
    get("/v2/users/{id}/billable_rates/{id}", get_billable_rate),
    get("/v2/users/{id}/cost_rates", list_cost_rates),
    get("/v2/users/{id}/cost_rates/{id}", get_cost_rate),
    get("/v2/clients", list_clients),
    get("/v2/clients/{id}", get_client),
    get("/v2/contacts", list_contacts),
    get("/v2/contacts/{id}", get_contact),
    get("/v2/projects", list_projects),
    get("/v2/projects/{id}", get_project),
    get(
        "/v2/projects/{id}/user_assignments",
        list_project_user_assignments,
    ),
    get(
        "/v2/projects/{id}/user_assignments/{id}",
        get_project_user_assignment,
    ),
    get(
        "/v2/projects/{id}/task_assignments",
        list_project_task_assignments,
    ),
    get(
        "/v2/projects/{id}/task_assignments/{id}",
        get_project_task_assignment,
    ),
    get("/v2/user_assignments", list_user_assignments),
    get("/v2/task_assignments", list_task_assignments),
    get("/v2/tasks", list_tasks),
    get("/v2/tasks/{id}", get_task),
    get("/v2/time_entries", list_time_entries),
    get("/v2/time_entries/{id}", get_time_entry),
    get("/v2/expenses", list_expenses),
    get("/v2/expenses/{id}", get_expense),
    get("/v2/expense_categories", list_expense_categories),
    get("/v2/expense_categories/{id}", get_expense_category),
    get("/v2/invoices", list_invoices),
    get("/v2/invoices/{id}", get_invoice),
    get("/v2/invoices/{id}/messages", list_invoice_messages),
    get("/v2/invoices/{id}/messages/new", new_invoice_message),
    get("/v2/invoices/{id}/payments", list_invoice_payments),
    get("/v2/invoice_item_categories", list_invoice_item_categories),
    get(
        "/v2/invoice_item_categories/{id}",
        get_invoice_item_category,
    ),
    get("/v2/estimates", list_estimates),
    get("/v2/estimates/{id}", get_estimate),
    get("/v2/estimates/{id}/messages", list_estimate_messages),
    get(
        "/v2/estimate_item_categories",
        list_estimate_item_categories,
    ),
    get(
        "/v2/estimate_item_categories/{id}",
        get_estimate_item_category,
    ),
    get("/v2/roles", list_roles),
    get("/v2/roles/{id}", get_role),
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
    Found(Handler, Vec<u64>),
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
                return RouteMatch::Found(route.handler, ids);
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
// Helpers

fn list_records<T: Serialize + Record>(
    ctx: &Ctx<'_>,
    key: &str,
    mode: Mode,
    records: Vec<T>,
) -> Result<Reply, ApiError> {
    list_records_with_default(ctx, key, mode, DEFAULT_PER_PAGE, records)
}

fn list_records_with_default<T: Serialize + Record>(
    ctx: &Ctx<'_>,
    key: &str,
    mode: Mode,
    default_per_page: u64,
    records: Vec<T>,
) -> Result<Reply, ApiError> {
    let params = ctx.list_params(mode, default_per_page)?;
    let window = params.window(records.len(), |i| records[i].id())?;
    let body = envelope::render(key, &records[window.start..window.end], &window.meta)?;
    Ok(Reply::new(hyper::StatusCode::OK, super::reply::JSON, body))
}

fn updated_after<T: Record>(since: Option<Timestamp>) -> impl Fn(&T) -> bool {
    move |record| since.is_none_or(|since| record.updated_at() > since)
}

fn found<T: Serialize>(record: Option<T>) -> Result<Reply, ApiError> {
    record.map(|r| Reply::ok_json(&r)).ok_or(ApiError::NotFound)
}

/// An id filter: `None` = not filtering, `Some(None)` = an id that matches
/// nothing in the account, `Some(Some(index))` = that record.
type IndexFilter = Option<Option<usize>>;

fn index_filter(
    query: &Query,
    name: &str,
    lookup: impl Fn(u64) -> Option<usize>,
) -> Result<IndexFilter, ApiError> {
    Ok(query.id(name)?.map(lookup))
}

fn accepts(filter: IndexFilter, actual: usize) -> bool {
    filter.is_none_or(|wanted| wanted == Some(actual))
}

fn is(filter: Option<bool>, actual: bool) -> bool {
    filter.is_none_or(|wanted| wanted == actual)
}

// ---------------------------------------------------------------------------
// Company and users

fn company(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.company()))
}

fn me(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.user(ctx.data.me())))
}

fn list_users(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let users = ctx
        .data
        .users()
        .filter(|u| is(is_active, u.is_active) && recent(u))
        .collect();
    list_records(ctx, "users", Mode::Cursor, users)
}

fn user_at(ctx: &Ctx<'_>, position: usize) -> Result<usize, ApiError> {
    ctx.data
        .user_index(ctx.id(position)?)
        .ok_or(ApiError::NotFound)
}

fn get_user(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.user(user_at(ctx, 0)?)))
}

fn my_project_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let assignments = ctx.data.project_assignments(ctx.data.me());
    list_records(ctx, "project_assignments", Mode::Pages, assignments)
}

fn user_project_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    let recent = updated_after(ctx.updated_since()?);
    let assignments = ctx
        .data
        .project_assignments(u)
        .into_iter()
        .filter(|a| recent(a))
        .collect();
    list_records(ctx, "project_assignments", Mode::Cursor, assignments)
}

fn user_teammates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    list_records(ctx, "teammates", Mode::Cursor, ctx.data.teammates(u))
}

fn list_billable_rates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    list_records(
        ctx,
        "billable_rates",
        Mode::Cursor,
        ctx.data.billable_rates(u),
    )
}

fn get_billable_rate(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    let id = ctx.id(1)?;
    found(ctx.data.billable_rates(u).into_iter().find(|r| r.id == id))
}

fn list_cost_rates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    list_records(ctx, "cost_rates", Mode::Cursor, ctx.data.cost_rates(u))
}

fn get_cost_rate(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let u = user_at(ctx, 0)?;
    let id = ctx.id(1)?;
    found(ctx.data.cost_rates(u).into_iter().find(|r| r.id == id))
}

fn list_roles(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let roles = ctx.data.roles().collect();
    list_records(ctx, "roles", Mode::Cursor, roles)
}

fn get_role(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(ctx.data.role_index(ctx.id(0)?).map(|k| ctx.data.role(k)))
}

// ---------------------------------------------------------------------------
// Clients and contacts

fn list_clients(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let clients = ctx
        .data
        .clients()
        .filter(|c| is(is_active, c.is_active) && recent(c))
        .collect();
    list_records(ctx, "clients", Mode::Cursor, clients)
}

fn get_client(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .client_index(ctx.id(0)?)
            .map(|c| ctx.data.client(c)),
    )
}

fn list_contacts(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let client = index_filter(&ctx.query, "client_id", |id| ctx.data.client_index(id))?;
    let recent = updated_after(ctx.updated_since()?);
    let contacts = (0..ctx.data.contact_count())
        .filter(|&k| accepts(client, ctx.data.contact_client(k)))
        .map(|k| ctx.data.contact(k))
        .filter(|c| recent(c))
        .collect();
    list_records(ctx, "contacts", Mode::Cursor, contacts)
}

fn get_contact(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .contact_index(ctx.id(0)?)
            .map(|k| ctx.data.contact(k)),
    )
}

// ---------------------------------------------------------------------------
// Projects, tasks and assignments

fn list_projects(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let client = index_filter(&ctx.query, "client_id", |id| ctx.data.client_index(id))?;
    let recent = updated_after(ctx.updated_since()?);
    let projects = (0..ctx.data.project_count())
        .filter(|&p| accepts(client, ctx.data.project_client(p)))
        .map(|p| ctx.data.project(p))
        .filter(|p| is(is_active, p.is_active) && recent(p))
        .collect();
    list_records(ctx, "projects", Mode::Cursor, projects)
}

fn project_at(ctx: &Ctx<'_>, position: usize) -> Result<usize, ApiError> {
    ctx.data
        .project_index(ctx.id(position)?)
        .ok_or(ApiError::NotFound)
}

fn get_project(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.project(project_at(ctx, 0)?)))
}

fn user_assignments_where(
    ctx: &Ctx<'_>,
    project: Option<usize>,
    key_mode: Mode,
) -> Result<Reply, ApiError> {
    let user = index_filter(&ctx.query, "user_id", |id| ctx.data.user_index(id))?;
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let assignments = ctx
        .data
        .user_assignments()
        .filter(|&(p, slot)| {
            project.is_none_or(|wanted| wanted == p)
                && accepts(user, ctx.data.user_assignment_user(p, slot))
        })
        .map(|(p, slot)| ctx.data.user_assignment(p, slot))
        .filter(|a| is(is_active, a.is_active) && recent(a))
        .collect();
    list_records(ctx, "user_assignments", key_mode, assignments)
}

fn list_user_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    user_assignments_where(ctx, None, Mode::Cursor)
}

fn list_project_user_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let p = project_at(ctx, 0)?;
    user_assignments_where(ctx, Some(p), Mode::Pages)
}

fn get_project_user_assignment(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let p = project_at(ctx, 0)?;
    match ctx.data.user_assignment_slot(ctx.id(1)?) {
        Some((owner, slot)) if owner == p => Ok(Reply::ok_json(&ctx.data.user_assignment(p, slot))),
        _ => Err(ApiError::NotFound),
    }
}

fn task_assignments_where(
    ctx: &Ctx<'_>,
    project: Option<usize>,
    mode: Mode,
) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let assignments = ctx
        .data
        .task_assignments()
        .filter(|&(p, _)| project.is_none_or(|wanted| wanted == p))
        .map(|(p, slot)| ctx.data.task_assignment(p, slot))
        .filter(|a| is(is_active, a.is_active) && recent(a))
        .collect();
    list_records(ctx, "task_assignments", mode, assignments)
}

fn list_task_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    task_assignments_where(ctx, None, Mode::Cursor)
}

fn list_project_task_assignments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let p = project_at(ctx, 0)?;
    task_assignments_where(ctx, Some(p), Mode::Pages)
}

fn get_project_task_assignment(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let p = project_at(ctx, 0)?;
    match ctx.data.task_assignment_slot(ctx.id(1)?) {
        Some((owner, slot)) if owner == p => Ok(Reply::ok_json(&ctx.data.task_assignment(p, slot))),
        _ => Err(ApiError::NotFound),
    }
}

fn list_tasks(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let tasks = ctx
        .data
        .tasks()
        .filter(|t| is(is_active, t.is_active) && recent(t))
        .collect();
    list_records(ctx, "tasks", Mode::Cursor, tasks)
}

fn get_task(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(ctx.data.task_index(ctx.id(0)?).map(|t| ctx.data.task(t)))
}

// ---------------------------------------------------------------------------
// Time entries (possibly tens of thousands: filtered on cheap cores, and
// only the requested page is materialized)

fn list_time_entries(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data;
    let query = &ctx.query;
    let params = ctx.list_params(Mode::Pages, DEFAULT_PER_PAGE)?;
    let user = index_filter(query, "user_id", |id| data.user_index(id))?;
    let client = index_filter(query, "client_id", |id| data.client_index(id))?;
    let project = index_filter(query, "project_id", |id| data.project_index(id))?;
    let task = index_filter(query, "task_id", |id| data.task_index(id))?;
    let external_reference = query.get("external_reference_id");
    let is_billed = query.bool("is_billed")?;
    let is_running = query.bool("is_running")?;
    let approval_status = query.get("approval_status");
    let since = ctx.updated_since()?;
    let range = data.time_entry_range(query.date("from")?, query.date("to")?);

    let needs_scan = user.is_some()
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
                accepts(user, core.user)
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
    let total = matching.as_ref().map_or(range.len(), Vec::len);
    let index_at = |position: usize| match &matching {
        Some(indices) => indices[position],
        None => range.start + position,
    };
    let window = params.window(total, |position| {
        TIME_ENTRY_BASE_ID + index_at(position) as u64
    })?;
    let entries: Vec<_> = (window.start..window.end)
        .map(|position| data.time_entry(index_at(position)))
        .collect();
    let body = envelope::render("time_entries", &entries, &window.meta)?;
    Ok(Reply::new(hyper::StatusCode::OK, super::reply::JSON, body))
}

fn get_time_entry(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .time_entry_index(ctx.id(0)?)
            .map(|i| ctx.data.time_entry(i)),
    )
}

// ---------------------------------------------------------------------------
// Expenses

fn list_expenses(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data;
    let query = &ctx.query;
    let user = index_filter(query, "user_id", |id| data.user_index(id))?;
    let client = index_filter(query, "client_id", |id| data.client_index(id))?;
    let project = index_filter(query, "project_id", |id| data.project_index(id))?;
    let is_billed = query.bool("is_billed")?;
    let approval_status = query.get("approval_status");
    let from = query.date("from")?;
    let to = query.date("to")?;
    let recent = updated_after(ctx.updated_since()?);
    let expenses = (0..data.expense_count())
        .map(|k| data.expense_core(k))
        .filter(|core| {
            accepts(user, core.user)
                && accepts(client, core.client)
                && accepts(project, core.project)
                && is(is_billed, core.is_billed)
                && from.is_none_or(|from| core.spent_date >= from)
                && to.is_none_or(|to| core.spent_date <= to)
        })
        .map(|core| data.expense(core.index))
        .filter(|e| approval_status.is_none_or(|s| s == e.approval_status) && recent(e))
        .collect();
    list_records(ctx, "expenses", Mode::Pages, expenses)
}

fn get_expense(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .expense_index(ctx.id(0)?)
            .map(|k| ctx.data.expense(k)),
    )
}

fn list_expense_categories(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let is_active = ctx.query.bool("is_active")?;
    let recent = updated_after(ctx.updated_since()?);
    let categories = ctx
        .data
        .expense_categories()
        .filter(|c| is(is_active, c.is_active) && recent(c))
        .collect();
    list_records(ctx, "expense_categories", Mode::Cursor, categories)
}

fn get_expense_category(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .expense_category_index(ctx.id(0)?)
            .map(|k| ctx.data.expense_category(k)),
    )
}

// ---------------------------------------------------------------------------
// Invoices

/// `GET /v2/invoices` defaults to 100 per page since early 2025 (§3.2).
const INVOICES_DEFAULT_PER_PAGE: u64 = 100;

fn list_invoices(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data;
    let query = &ctx.query;
    let client = index_filter(query, "client_id", |id| data.client_index(id))?;
    let project = index_filter(query, "project_id", |id| data.project_index(id))?;
    let state = query.get("state");
    let from = query.date("from")?;
    let to = query.date("to")?;
    let recent = updated_after(ctx.updated_since()?);
    let invoices = (0..data.invoice_count())
        .filter(|&k| {
            accepts(client, data.invoice_client(k))
                && project.is_none_or(|wanted| {
                    wanted.is_some_and(|p| data.invoice_projects(k).contains(&p))
                })
        })
        .map(|k| data.invoice(k))
        .filter(|inv| {
            state.is_none_or(|s| s == inv.state)
                && from.is_none_or(|from| inv.issue_date >= from)
                && to.is_none_or(|to| inv.issue_date <= to)
                && recent(inv)
        })
        .collect();
    list_records_with_default(
        ctx,
        "invoices",
        Mode::Pages,
        INVOICES_DEFAULT_PER_PAGE,
        invoices,
    )
}

fn invoice_at(ctx: &Ctx<'_>) -> Result<usize, ApiError> {
    ctx.data.invoice_index(ctx.id(0)?).ok_or(ApiError::NotFound)
}

fn get_invoice(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.invoice(invoice_at(ctx)?)))
}

fn list_invoice_messages(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let k = invoice_at(ctx)?;
    let recent = updated_after(ctx.updated_since()?);
    let messages = ctx
        .data
        .invoice_messages(k)
        .into_iter()
        .filter(|m| recent(m))
        .collect();
    list_records(ctx, "invoice_messages", Mode::Cursor, messages)
}

fn new_invoice_message(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let k = invoice_at(ctx)?;
    let thank_you = ctx.query.bool("thank_you")?.unwrap_or(false);
    let reminder = ctx.query.bool("reminder")?.unwrap_or(false);
    Ok(Reply::ok_json(
        &ctx.data.invoice_message_template(k, thank_you, reminder),
    ))
}

fn list_invoice_payments(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let k = invoice_at(ctx)?;
    let recent = updated_after(ctx.updated_since()?);
    let payments = ctx
        .data
        .invoice_payments(k)
        .into_iter()
        .filter(|p| recent(p))
        .collect();
    list_records(ctx, "invoice_payments", Mode::Cursor, payments)
}

fn list_invoice_item_categories(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let recent = updated_after(ctx.updated_since()?);
    let categories = ctx
        .data
        .invoice_item_categories()
        .filter(|c| recent(c))
        .collect();
    list_records(ctx, "invoice_item_categories", Mode::Cursor, categories)
}

fn get_invoice_item_category(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .invoice_item_category_index(ctx.id(0)?)
            .map(|k| ctx.data.invoice_item_category(k)),
    )
}

// ---------------------------------------------------------------------------
// Estimates

fn list_estimates(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data;
    let query = &ctx.query;
    let client = index_filter(query, "client_id", |id| data.client_index(id))?;
    let state = query.get("state");
    let from = query.date("from")?;
    let to = query.date("to")?;
    let recent = updated_after(ctx.updated_since()?);
    let estimates = (0..data.estimate_count())
        .filter(|&k| accepts(client, data.estimate_client(k)))
        .map(|k| data.estimate(k))
        .filter(|e| {
            state.is_none_or(|s| s == e.state)
                && from.is_none_or(|from| e.issue_date >= from)
                && to.is_none_or(|to| e.issue_date <= to)
                && recent(e)
        })
        .collect();
    list_records(ctx, "estimates", Mode::Pages, estimates)
}

fn estimate_at(ctx: &Ctx<'_>) -> Result<usize, ApiError> {
    ctx.data
        .estimate_index(ctx.id(0)?)
        .ok_or(ApiError::NotFound)
}

fn get_estimate(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    Ok(Reply::ok_json(&ctx.data.estimate(estimate_at(ctx)?)))
}

fn list_estimate_messages(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let k = estimate_at(ctx)?;
    let recent = updated_after(ctx.updated_since()?);
    let messages = ctx
        .data
        .estimate_messages(k)
        .into_iter()
        .filter(|m| recent(m))
        .collect();
    list_records(ctx, "estimate_messages", Mode::Cursor, messages)
}

fn list_estimate_item_categories(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let recent = updated_after(ctx.updated_since()?);
    let categories = ctx
        .data
        .estimate_item_categories()
        .filter(|c| recent(c))
        .collect();
    list_records(ctx, "estimate_item_categories", Mode::Cursor, categories)
}

fn get_estimate_item_category(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    found(
        ctx.data
            .estimate_item_category_index(ctx.id(0)?)
            .map(|k| ctx.data.estimate_item_category(k)),
    )
}
