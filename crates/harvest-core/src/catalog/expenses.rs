//! Expenses and their categories.

use super::body_fields::*;
use super::common::*;
use super::rows::*;

const UNITS: Param = body!(
    "units",
    ParamType::Integer {
        min: 0,
        max: 1_000_000_000
    },
    "Quantity of units (categories with a unit price)."
);
const TOTAL_COST: Param = body!("total_cost", AMOUNT, "Total amount of the expense.");
const EXPENSE_NOTES: Param = body!("notes", NOTES, "Notes about the expense.");
const BILLABLE: Param = body!(
    "billable",
    ParamType::Bool,
    "Whether the expense is billable (default true)."
);
const RECEIPT: Param = body!(
    "receipt",
    ParamType::File,
    "A receipt file to attach (sent as multipart/form-data)."
);

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
        create!(
            "/expenses",
            [
                body!(
                    "user_id",
                    ParamType::Id,
                    "Id of the user (defaults to the current user)."
                ),
                body!("project_id", ParamType::Id, required, "Id of the project."),
                body!(
                    "expense_category_id",
                    ParamType::Id,
                    required,
                    "Id of the expense category."
                ),
                body!(
                    "spent_date",
                    ParamType::Date,
                    required,
                    "Date of the expense."
                ),
                UNITS,
                TOTAL_COST,
                EXPENSE_NOTES,
                BILLABLE,
                RECEIPT,
            ],
            "Log an expense, optionally with a receipt file."
        ),
        Action {
            rules: &[Rule::Exclusive(&[&["receipt"], &["delete_receipt"]])],
            ..update!(
                "/expenses/{id}",
                [
                    ID,
                    body!("project_id", ParamType::Id, "Id of the project."),
                    body!(
                        "expense_category_id",
                        ParamType::Id,
                        "Id of the expense category."
                    ),
                    body!("spent_date", ParamType::Date, "Date of the expense."),
                    UNITS,
                    TOTAL_COST,
                    EXPENSE_NOTES,
                    BILLABLE,
                    RECEIPT,
                    body!(
                        "delete_receipt",
                        ParamType::Bool,
                        "true: remove the attached receipt."
                    ),
                ],
                "Change an expense (project and category changes are ignored by Harvest once \
                 it is locked)."
            )
        },
        delete!("/expenses/{id}", [ID], "Delete an expense."),
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
        create!(
            "/expense_categories",
            [
                body!("name", NAME, required, "Name of the category."),
                body!("unit_name", NAME, "Unit name (e.g. mile)."),
                body!("unit_price", AMOUNT, "Price of one unit."),
                IS_ACTIVE_FIELD,
            ],
            "Create an expense category."
        ),
        update!(
            "/expense_categories/{id}",
            [
                ID,
                body!("name", NAME, "Name of the category."),
                body!("unit_name", NAME, "Unit name (e.g. mile)."),
                body!("unit_price", AMOUNT, "Price of one unit."),
                IS_ACTIVE_FIELD,
            ],
            "Change an expense category."
        ),
        delete!(
            "/expense_categories/{id}",
            [ID],
            "Delete an expense category."
        ),
    ],
};
