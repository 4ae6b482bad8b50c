//! Expenses and their categories.

use super::common::*;
use super::rows::*;

pub(super) const EXPENSES: Entity = Entity {
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
};

pub(super) const EXPENSE_CATEGORIES: Entity = Entity {
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
};
