//! Reports (`/reports/...`, rate-limited apart): time, expense, uninvoiced and project budget reports.

use super::common::*;
use super::rows::*;

pub(super) const TIME_CLIENTS: Entity = report!(
    "time_clients",
    "/reports/time/clients",
    [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
    "Time report: hours and billable amounts per client over a period of at most 365 days."
);

pub(super) const TIME_PROJECTS: Entity = report!(
    "time_projects",
    "/reports/time/projects",
    [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
    "Time report: hours and billable amounts per project over a period of at most 365 days."
);

pub(super) const TIME_TASKS: Entity = report!(
    "time_tasks",
    "/reports/time/tasks",
    [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
    "Time report: hours and billable amounts per task over a period of at most 365 days."
);

pub(super) const TIME_TEAM: Entity = report!(
    "time_team",
    "/reports/time/team",
    [REPORT_FROM, REPORT_TO, TIME_REPORT_FIXED_FEE],
    "Time report: hours and billable amounts per user (team member) over a period of at \
     most 365 days."
);

pub(super) const EXPENSES_CLIENTS: Entity = report!(
    "expenses_clients",
    "/reports/expenses/clients",
    [REPORT_FROM, REPORT_TO],
    "Expense report: amounts spent per client over a period of at most 365 days."
);

pub(super) const EXPENSES_PROJECTS: Entity = report!(
    "expenses_projects",
    "/reports/expenses/projects",
    [REPORT_FROM, REPORT_TO],
    "Expense report: amounts spent per project over a period of at most 365 days."
);

pub(super) const EXPENSES_CATEGORIES: Entity = report!(
    "expenses_categories",
    "/reports/expenses/categories",
    [REPORT_FROM, REPORT_TO],
    "Expense report: amounts spent per expense category over a period of at most 365 days \
     (a report; the category definitions themselves are the expense_categories entity)."
);

pub(super) const EXPENSES_TEAM: Entity = report!(
    "expenses_team",
    "/reports/expenses/team",
    [REPORT_FROM, REPORT_TO],
    "Expense report: amounts spent per user (team member) over a period of at most 365 days."
);

pub(super) const UNINVOICED: Entity = report!(
    "uninvoiced",
    "/reports/uninvoiced",
    [REPORT_FROM, REPORT_TO, UNINVOICED_FIXED_FEE],
    "Uninvoiced report: per project, billable hours and expenses not invoiced yet, over a \
     period of at most 365 days."
);

pub(super) const PROJECT_BUDGET: Entity = report!(
    "project_budget",
    "/reports/project_budget",
    [IS_ACTIVE],
    "Project budget report: budget, amount spent and remaining for every project."
);
