//! `/v2/reports/*`: rows aggregated from the generated time entries and
//! expenses, split per currency like Harvest's, in the `results` envelope.
//! Every report but project_budget requires `from` and `to` (`YYYYMMDD` or
//! `YYYY-MM-DD`) spanning at most 365 days.

use std::collections::BTreeMap;

use serde_json::{json, Value};

use super::calendar::Date;
use super::context::Ctx;
use super::data::{Dataset, EntryCore, ExpenseCore};
use super::envelope::{self, Mode, DEFAULT_PER_PAGE};
use super::reply::{ApiError, Reply, JSON};

const MAX_TIMEFRAME_DAYS: i64 = 365;

fn required_date(ctx: &Ctx<'_>, name: &str) -> Result<Date, ApiError> {
    ctx.query
        .date(name)?
        .ok_or_else(|| ApiError::unprocessable(format!("{name} is required")))
}

/// The validated `from`/`to` pair of a report request.
fn timeframe(ctx: &Ctx<'_>) -> Result<(Date, Date), ApiError> {
    let from = required_date(ctx, "from")?;
    let to = required_date(ctx, "to")?;
    if to < from {
        return Err(ApiError::unprocessable("to must be on or after from"));
    }
    if to.0 - from.0 > MAX_TIMEFRAME_DAYS {
        return Err(ApiError::unprocessable(
            "The timeframe supplied cannot exceed 1 year (365 days).",
        ));
    }
    Ok((from, to))
}

fn decimal(hundredths: i64) -> f64 {
    hundredths as f64 / 100.0
}

fn results(ctx: &Ctx<'_>, rows: Vec<Value>) -> Result<Reply, ApiError> {
    let params = ctx.list_params(Mode::Pages, DEFAULT_PER_PAGE)?;
    let window = params.window(rows.len(), |_| 0)?;
    let body = envelope::render("results", &rows[window.start..window.end], &window.meta)?;
    Ok(Reply::new(hyper::StatusCode::OK, JSON, body))
}

// ---------------------------------------------------------------------------
// Time reports

#[derive(Default)]
struct TimeSums {
    hours: i64,
    billable_hours: i64,
    billable_cents: i64,
}

/// Sums per (sort name, id, currency) over the entries spent within the timeframe. Billable
/// amounts of fixed-fee projects count only with `include_fixed_fee=true` (as in Harvest, where
/// they are otherwise left out of time reports).
fn time_sums(
    ctx: &Ctx<'_>,
    from: Date,
    to: Date,
    group: impl Fn(&EntryCore) -> (String, usize),
) -> Result<BTreeMap<(String, usize, &'static str), TimeSums>, ApiError> {
    let data = ctx.data;
    let include_fixed_fee = ctx.query.bool("include_fixed_fee")?.unwrap_or(false);
    let mut sums: BTreeMap<(String, usize, &'static str), TimeSums> = BTreeMap::new();
    for i in data.time_entry_range(Some(from), Some(to)) {
        let core = data.entry_core(i);
        let (name, index) = group(&core);
        let currency = data.client_currency(core.client);
        let entry = sums.entry((name, index, currency)).or_default();
        let hours = i64::from(core.hours);
        entry.hours += hours;
        if core.billable {
            entry.billable_hours += hours;
            if include_fixed_fee || !data.project_is_fixed_fee(core.project) {
                entry.billable_cents += hours * data.project_hourly_rate(core.project);
            }
        }
    }
    Ok(sums)
}

fn time_row(mut row: Value, sums: &TimeSums, currency: &str) -> Value {
    if let Value::Object(fields) = &mut row {
        fields.insert("total_hours".into(), json!(decimal(sums.hours)));
        fields.insert("billable_hours".into(), json!(decimal(sums.billable_hours)));
        fields.insert("currency".into(), json!(currency));
        fields.insert(
            "billable_amount".into(),
            json!(decimal(sums.billable_cents)),
        );
    }
    row
}

pub(crate) fn time_clients(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = time_sums(ctx, from, to, |core| {
        (data.client_name(core.client), core.client)
    })?
    .into_iter()
    .map(|((name, c, currency), sums)| {
        time_row(
            json!({ "client_id": data.client_id(c), "client_name": name }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

pub(crate) fn time_projects(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = time_sums(ctx, from, to, |core| {
        (data.project_report_name(core.project), core.project)
    })?
    .into_iter()
    .map(|((name, p, currency), sums)| {
        let c = data.project_client(p);
        time_row(
            json!({
                "project_id": data.project_id(p),
                "project_name": name,
                "client_id": data.client_id(c),
                "client_name": data.client_name(c),
            }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

pub(crate) fn time_tasks(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = time_sums(ctx, from, to, |core| (data.task_name(core.task), core.task))?
        .into_iter()
        .map(|((name, t, currency), sums)| {
            time_row(
                json!({ "task_id": data.task_id(t), "task_name": name }),
                &sums,
                currency,
            )
        })
        .collect();
    results(ctx, rows)
}

pub(crate) fn time_team(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = time_sums(ctx, from, to, |core| (data.user_name(core.user), core.user))?
        .into_iter()
        .map(|((name, u, currency), sums)| {
            time_row(
                json!({
                    "user_id": data.user_id(u),
                    "user_name": name,
                    "is_contractor": data.user_is_contractor(u),
                    "weekly_capacity": data.user_weekly_capacity(u),
                    "avatar_url": data.user_avatar_url(u),
                }),
                &sums,
                currency,
            )
        })
        .collect();
    results(ctx, rows)
}

// ---------------------------------------------------------------------------
// Expense reports

#[derive(Default)]
struct ExpenseSums {
    total_cents: i64,
    billable_cents: i64,
}

fn expenses_in(data: &Dataset, from: Date, to: Date) -> impl Iterator<Item = ExpenseCore> + '_ {
    (0..data.expense_count())
        .map(|k| data.expense_core(k))
        .filter(move |core| core.spent_date >= from && core.spent_date <= to)
}

fn expense_sums(
    data: &Dataset,
    from: Date,
    to: Date,
    group: impl Fn(&ExpenseCore) -> (String, usize),
) -> BTreeMap<(String, usize, &'static str), ExpenseSums> {
    let mut sums: BTreeMap<(String, usize, &'static str), ExpenseSums> = BTreeMap::new();
    for core in expenses_in(data, from, to) {
        let (name, index) = group(&core);
        let entry = sums
            .entry((name, index, data.client_currency(core.client)))
            .or_default();
        entry.total_cents += core.total_cents;
        if core.billable {
            entry.billable_cents += core.total_cents;
        }
    }
    sums
}

fn expense_row(mut row: Value, sums: &ExpenseSums, currency: &str) -> Value {
    if let Value::Object(fields) = &mut row {
        fields.insert("total_amount".into(), json!(decimal(sums.total_cents)));
        fields.insert(
            "billable_amount".into(),
            json!(decimal(sums.billable_cents)),
        );
        fields.insert("currency".into(), json!(currency));
    }
    row
}

pub(crate) fn expense_clients(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = expense_sums(data, from, to, |core| {
        (data.client_name(core.client), core.client)
    })
    .into_iter()
    .map(|((name, c, currency), sums)| {
        expense_row(
            json!({ "client_id": data.client_id(c), "client_name": name }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

pub(crate) fn expense_projects(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = expense_sums(data, from, to, |core| {
        (data.project_report_name(core.project), core.project)
    })
    .into_iter()
    .map(|((name, p, currency), sums)| {
        let c = data.project_client(p);
        expense_row(
            json!({
                "client_id": data.client_id(c),
                "client_name": data.client_name(c),
                "project_id": data.project_id(p),
                "project_name": name,
            }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

pub(crate) fn expense_categories(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = expense_sums(data, from, to, |core| {
        (data.expense_category_name(core.category), core.category)
    })
    .into_iter()
    .map(|((name, k, currency), sums)| {
        expense_row(
            json!({
                "expense_category_id": data.expense_category_id(k),
                "expense_category_name": name,
            }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

pub(crate) fn expense_team(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    let rows = expense_sums(data, from, to, |core| {
        (data.user_name(core.user), core.user)
    })
    .into_iter()
    .map(|((name, u, currency), sums)| {
        expense_row(
            json!({
                "user_id": data.user_id(u),
                "user_name": name,
                "is_contractor": data.user_is_contractor(u),
            }),
            &sums,
            currency,
        )
    })
    .collect();
    results(ctx, rows)
}

// ---------------------------------------------------------------------------
// Uninvoiced and project budget

#[derive(Default)]
struct UninvoicedSums {
    hours: i64,
    uninvoiced_hours: i64,
    uninvoiced_hours_cents: i64,
    uninvoiced_expense_cents: i64,
}

pub(crate) fn uninvoiced(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let (from, to) = timeframe(ctx)?;
    let data = ctx.data;
    // Harvest's default: fixed-fee projects are included.
    let include_fixed_fee = ctx.query.bool("include_fixed_fee")?.unwrap_or(true);
    let mut sums: BTreeMap<(String, usize), UninvoicedSums> = BTreeMap::new();
    for i in data.time_entry_range(Some(from), Some(to)) {
        let core = data.entry_core(i);
        let entry = sums
            .entry((data.project_name(core.project), core.project))
            .or_default();
        let hours = i64::from(core.hours);
        entry.hours += hours;
        if core.billable && !core.is_billed {
            entry.uninvoiced_hours += hours;
            entry.uninvoiced_hours_cents += hours * data.project_hourly_rate(core.project);
        }
    }
    for core in expenses_in(data, from, to) {
        let entry = sums
            .entry((data.project_name(core.project), core.project))
            .or_default();
        if core.billable && !core.is_billed {
            entry.uninvoiced_expense_cents += core.total_cents;
        }
    }
    let rows = sums
        .into_iter()
        .filter(|((_, p), _)| include_fixed_fee || !data.project_is_fixed_fee(*p))
        .map(|((name, p), sums)| {
            let c = data.project_client(p);
            json!({
                "client_id": data.client_id(c),
                "client_name": data.client_name(c),
                "project_id": data.project_id(p),
                "project_name": name,
                "currency": data.client_currency(c),
                "total_hours": decimal(sums.hours),
                "uninvoiced_hours": decimal(sums.uninvoiced_hours),
                "uninvoiced_expenses": decimal(sums.uninvoiced_expense_cents),
                "uninvoiced_amount": decimal(sums.uninvoiced_hours_cents + sums.uninvoiced_expense_cents),
            })
        })
        .collect();
    results(ctx, rows)
}

/// Budget use of every project over all time: hours for time budgets,
/// billable amount for money budgets.
pub(crate) fn project_budget(ctx: &Ctx<'_>) -> Result<Reply, ApiError> {
    let data = ctx.data;
    let is_active = ctx.query.bool("is_active")?;
    // Validate pagination before the full scan.
    ctx.list_params(Mode::Pages, DEFAULT_PER_PAGE)?;
    let mut hours = vec![0i64; data.project_count()];
    let mut cents = vec![0i64; data.project_count()];
    for i in 0..data.time_entry_count() {
        let core = data.entry_core(i);
        hours[core.project] += i64::from(core.hours);
        if core.billable {
            cents[core.project] += i64::from(core.hours) * data.project_hourly_rate(core.project);
        }
    }
    let rows = (0..data.project_count())
        .filter(|&p| is_active.is_none_or(|wanted| wanted == data.project_is_active(p)))
        .map(|p| {
            let c = data.project_client(p);
            let budget_by = data.project_budget_by(p);
            // Budgets are whole units; spending is in hundredths.
            let spent = if matches!(budget_by, "project_cost" | "task_fees") {
                cents[p]
            } else {
                hours[p]
            };
            let budget = data.project_budget(p);
            json!({
                "project_id": data.project_id(p),
                "project_name": data.project_name(p),
                "client_id": data.client_id(c),
                "client_name": data.client_name(c),
                "budget_is_monthly": data.project_budget_is_monthly(p),
                "budget_by": budget_by,
                "is_active": data.project_is_active(p),
                "budget": budget.map(|b| b as f64),
                "budget_spent": decimal(spent),
                "budget_remaining": budget.map(|b| decimal(b * 100 - spent)),
            })
        })
        .collect();
    results(ctx, rows)
}
