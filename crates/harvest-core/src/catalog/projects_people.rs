//! Projects and people: users, clients and their contacts, projects, tasks, roles, assignments, rates.

use super::body_fields::*;
use super::common::*;
use super::rows::*;

const ACCESS_ROLES: Param = body!(
    "access_roles",
    ParamType::List(&ParamType::Enum(&[
        "administrator",
        "manager",
        "member",
        "project_creator",
        "billable_rates_manager",
        "managed_projects_invoice_drafter",
        "managed_projects_invoice_manager",
        "client_and_task_manager",
        "time_and_expenses_manager",
        "estimates_manager",
    ])),
    "Permissions: administrator, manager or member (managers may add the others)."
);
const USER_LABELS: Param = body!(
    "roles",
    ParamType::List(&NAME),
    "Descriptive role names (labels for reports, no permissions)."
);
const TIMEZONE: Param = body!(
    "timezone",
    NAME,
    "Time zone (defaults to the company's), e.g. Eastern Time (US & Canada)."
);
const WEEKLY_CAPACITY: Param = body!(
    "weekly_capacity",
    ParamType::Integer {
        min: 0,
        max: 604_800
    },
    "Hours per week available, in seconds (default 126000 = 35 h)."
);
const FUTURE_PROJECTS: Param = body!(
    "has_access_to_all_future_projects",
    ParamType::Bool,
    "Whether the user is added to future projects."
);
const CONTRACTOR: Param = body!(
    "is_contractor",
    ParamType::Bool,
    "Whether the user is a contractor (not an employee)."
);
const ADDRESS: Param = body!("address", NOTES, "Postal address (may span lines).");
const PHONE_OFFICE: Param = body!("phone_office", NAME, "Office phone number.");
const PHONE_MOBILE: Param = body!("phone_mobile", NAME, "Mobile phone number.");
const FAX: Param = body!("fax", NAME, "Fax number.");
const CONTACT_TITLE: Param = body!("title", NAME, "Title of the contact.");
const LAST_NAME: Param = body!("last_name", NAME, "Last name.");
const EMAIL: Param = body!("email", ParamType::Email, "Email address.");
const BILL_BY: ParamType = ParamType::Enum(&["Project", "Tasks", "People", "none"]);
const BUDGET_BY: ParamType = ParamType::Enum(&[
    "project",
    "project_cost",
    "task",
    "task_fees",
    "person",
    "none",
]);

/// A project write (`create!` or `update!`): the given fields, then the optional ones both share.
macro_rules! project_write {
    ($write:ident, $path:literal, [$($first:expr),* $(,)?], $description:literal) => {
        $write!($path, [
            $($first,)*
            body!("code", NAME, "Project code."),
            IS_ACTIVE_FIELD,
            body!("is_fixed_fee", ParamType::Bool, "Whether the project has a fixed fee."),
            HOURLY_RATE,
            body!("budget_is_monthly", ParamType::Bool, "Whether the budget resets every month."),
            body!("budget", AMOUNT, "Budget in hours (when budgeting by time)."),
            body!("cost_budget", AMOUNT, "Budget in money (when budgeting by fees)."),
            body!(
                "cost_budget_include_expenses",
                ParamType::Bool,
                "Whether the fee budget includes expenses."
            ),
            body!(
                "notify_when_over_budget",
                ParamType::Bool,
                "Whether project managers are emailed when over budget."
            ),
            body!(
                "over_budget_notification_percentage",
                PERCENT,
                "Percentage of the budget that triggers the email."
            ),
            body!("show_budget_to_all", ParamType::Bool, "Whether everyone sees the budget."),
            body!("fee", AMOUNT, "Fixed fee (fixed-fee projects)."),
            body!("notes", NOTES, "Project notes."),
            body!("starts_on", ParamType::Date, "Start date."),
            body!("ends_on", ParamType::Date, "End date."),
        ], $description)
    };
}

pub(super) const USERS: Entity = Entity {
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
        create!(
            "/users",
            [
                body!("first_name", NAME, required, "First name."),
                body!("last_name", NAME, required, "Last name."),
                body!(
                    "email",
                    ParamType::Email,
                    required,
                    "Email address (invited)."
                ),
                TIMEZONE,
                FUTURE_PROJECTS,
                CONTRACTOR,
                IS_ACTIVE_FIELD,
                WEEKLY_CAPACITY,
                body!("default_hourly_rate", AMOUNT, "Default billable rate."),
                body!("cost_rate", AMOUNT, "Cost rate."),
                USER_LABELS,
                ACCESS_ROLES,
            ],
            "Create a user (Harvest emails them an invitation)."
        ),
        update!(
            "/users/{id}",
            [
                ID,
                body!("first_name", NAME, "First name."),
                LAST_NAME,
                EMAIL,
                TIMEZONE,
                FUTURE_PROJECTS,
                CONTRACTOR,
                IS_ACTIVE_FIELD,
                WEEKLY_CAPACITY,
                USER_LABELS,
                ACCESS_ROLES,
            ],
            "Change a user (rates change through user_billable_rates / user_cost_rates)."
        ),
        delete!(
            "/users/{id}",
            [ID],
            "Delete a user (only one without time entries or expenses; archive others)."
        ),
    ],
};

pub(super) const CLIENTS: Entity = Entity {
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
        create!(
            "/clients",
            [
                body!("name", NAME, required, "Name of the client."),
                IS_ACTIVE_FIELD,
                ADDRESS,
                CURRENCY_FIELD,
            ],
            "Create a client."
        ),
        update!(
            "/clients/{id}",
            [
                ID,
                body!("name", NAME, "Name of the client."),
                IS_ACTIVE_FIELD,
                ADDRESS,
                CURRENCY_FIELD,
            ],
            "Change a client."
        ),
        delete!(
            "/clients/{id}",
            [ID],
            "Delete a client (only one without projects, invoices or estimates)."
        ),
    ],
};

pub(super) const CONTACTS: Entity = Entity {
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
        create!(
            "/contacts",
            [
                body!("client_id", ParamType::Id, required, "Id of the client."),
                CONTACT_TITLE,
                body!("first_name", NAME, required, "First name."),
                LAST_NAME,
                EMAIL,
                PHONE_OFFICE,
                PHONE_MOBILE,
                FAX,
            ],
            "Create a client contact."
        ),
        update!(
            "/contacts/{id}",
            [
                ID,
                CLIENT_FIELD,
                CONTACT_TITLE,
                body!("first_name", NAME, "First name."),
                LAST_NAME,
                EMAIL,
                PHONE_OFFICE,
                PHONE_MOBILE,
                FAX,
            ],
            "Change a client contact."
        ),
        delete!("/contacts/{id}", [ID], "Delete a client contact."),
    ],
};

pub(super) const PROJECTS: Entity = Entity {
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
        project_write!(
            create,
            "/projects",
            [
                body!("client_id", ParamType::Id, required, "Id of the client."),
                body!("name", NAME, required, "Name of the project."),
                body!(
                    "is_billable",
                    ParamType::Bool,
                    required,
                    "Whether the project is billable."
                ),
                body!("bill_by", BILL_BY, required, "How the project is invoiced."),
                body!(
                    "budget_by",
                    BUDGET_BY,
                    required,
                    "How the project is budgeted (project = hours per project, project_cost = \
                     total fees, task, task_fees, person, none)."
                ),
            ],
            "Create a project."
        ),
        project_write!(
            update,
            "/projects/{id}",
            [
                ID,
                CLIENT_FIELD,
                body!("name", NAME, "Name of the project."),
                body!(
                    "is_billable",
                    ParamType::Bool,
                    "Whether the project is billable."
                ),
                body!("bill_by", BILL_BY, "How the project is invoiced."),
                body!("budget_by", BUDGET_BY, "How the project is budgeted."),
            ],
            "Change a project."
        ),
        delete!(
            "/projects/{id}",
            [ID],
            "Delete a project with its time entries and expenses (archive it to keep them)."
        ),
    ],
};

pub(super) const TASKS: Entity = Entity {
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
        create!(
            "/tasks",
            [
                body!("name", NAME, required, "Name of the task."),
                body!(
                    "billable_by_default",
                    ParamType::Bool,
                    "Whether the task is billable when added to a project."
                ),
                body!("default_hourly_rate", AMOUNT, "Default hourly rate."),
                body!(
                    "is_default",
                    ParamType::Bool,
                    "Whether the task is added to future projects."
                ),
                IS_ACTIVE_FIELD,
            ],
            "Create a task."
        ),
        update!(
            "/tasks/{id}",
            [
                ID,
                body!("name", NAME, "Name of the task."),
                body!(
                    "billable_by_default",
                    ParamType::Bool,
                    "Whether the task is billable when added to a project."
                ),
                body!("default_hourly_rate", AMOUNT, "Default hourly rate."),
                body!(
                    "is_default",
                    ParamType::Bool,
                    "Whether the task is added to future projects."
                ),
                IS_ACTIVE_FIELD,
            ],
            "Change a task."
        ),
        delete!(
            "/tasks/{id}",
            [ID],
            "Delete a task (only one without time entries)."
        ),
    ],
};

pub(super) const ROLES: Entity = Entity {
    name: "roles",
    description: "Roles: descriptive labels grouping users.",
    actions: &[
        list!("list", "/roles", "roles", Cursor, [], "List roles."),
        get!("get", "/roles/{id}", [ID], "Get one role by id."),
        create!(
            "/roles",
            [
                body!("name", NAME, required, "Name of the role."),
                body!(
                    "user_ids",
                    ParamType::List(&ParamType::Id),
                    "Ids of its users."
                ),
            ],
            "Create a role."
        ),
        update!(
            "/roles/{id}",
            [
                ID,
                body!("name", NAME, "Name of the role."),
                body!(
                    "user_ids",
                    ParamType::List(&ParamType::Id),
                    "Ids of its users (the whole list)."
                ),
            ],
            "Change a role."
        ),
        delete!(
            "/roles/{id}",
            [ID],
            "Delete a role (its users keep their accounts)."
        ),
    ],
};

pub(super) const USER_ASSIGNMENTS: Entity = Entity {
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
};

pub(super) const TASK_ASSIGNMENTS: Entity = Entity {
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
};

pub(super) const PROJECT_USER_ASSIGNMENTS: Entity = Entity {
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
        create!(
            "/projects/{project_id}/user_assignments",
            [
                PROJECT_ID,
                body!("user_id", ParamType::Id, required, "Id of the user."),
                IS_ACTIVE_FIELD,
                body!(
                    "is_project_manager",
                    ParamType::Bool,
                    "Whether the user manages the project."
                ),
                body!(
                    "use_default_rates",
                    ParamType::Bool,
                    "Whether the user's default rates apply (bill_by People)."
                ),
                HOURLY_RATE,
                BUDGET,
            ],
            "Assign a user to a project."
        ),
        update!(
            "/projects/{project_id}/user_assignments/{id}",
            [
                PROJECT_ID,
                ID,
                IS_ACTIVE_FIELD,
                body!(
                    "is_project_manager",
                    ParamType::Bool,
                    "Whether the user manages the project."
                ),
                body!(
                    "use_default_rates",
                    ParamType::Bool,
                    "Whether the user's default rates apply (bill_by People)."
                ),
                HOURLY_RATE,
                BUDGET,
            ],
            "Change a user assignment."
        ),
        delete!(
            "/projects/{project_id}/user_assignments/{id}",
            [PROJECT_ID, ID],
            "Remove a user from a project (only without time entries or expenses)."
        ),
    ],
};

pub(super) const PROJECT_TASK_ASSIGNMENTS: Entity = Entity {
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
        create!(
            "/projects/{project_id}/task_assignments",
            [
                PROJECT_ID,
                body!("task_id", ParamType::Id, required, "Id of the task."),
                IS_ACTIVE_FIELD,
                body!(
                    "billable",
                    ParamType::Bool,
                    "Whether the task is billable here."
                ),
                HOURLY_RATE,
                BUDGET,
            ],
            "Assign a task to a project."
        ),
        update!(
            "/projects/{project_id}/task_assignments/{id}",
            [
                PROJECT_ID,
                ID,
                IS_ACTIVE_FIELD,
                body!(
                    "billable",
                    ParamType::Bool,
                    "Whether the task is billable here."
                ),
                HOURLY_RATE,
                BUDGET,
            ],
            "Change a task assignment."
        ),
        delete!(
            "/projects/{project_id}/task_assignments/{id}",
            [PROJECT_ID, ID],
            "Remove a task from a project (only without time entries)."
        ),
    ],
};

pub(super) const USER_PROJECT_ASSIGNMENTS: Entity = Entity {
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
};

pub(super) const USER_TEAMMATES: Entity = Entity {
    name: "user_teammates",
    description: "The teammates a manager is assigned to (the user must be a Manager).",
    actions: &[
        list!(
            "list",
            "/users/{user_id}/teammates",
            "teammates",
            Cursor,
            [USER_ID],
            "List the teammates assigned to a manager."
        ),
        write!(
            "update",
            Patch,
            200,
            "/users/{user_id}/teammates",
            [
                USER_ID,
                body!(
                    "teammate_ids",
                    ParamType::List(&ParamType::Id),
                    required,
                    "The whole list of teammate user ids ([] removes all)."
                ),
            ],
            "Replace the teammates of a manager."
        ),
    ],
};

pub(super) const USER_BILLABLE_RATES: Entity = Entity {
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
        create!(
            "/users/{user_id}/billable_rates",
            [
                USER_ID,
                body!("amount", AMOUNT, required, "The rate."),
                body!(
                    "start_date",
                    ParamType::Date,
                    "From when it applies (not in the future; without it, it replaces every \
                     rate)."
                ),
            ],
            "Add a billable rate to a user."
        ),
    ],
};

pub(super) const USER_COST_RATES: Entity = Entity {
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
        create!(
            "/users/{user_id}/cost_rates",
            [
                USER_ID,
                body!("amount", AMOUNT, required, "The rate."),
                body!(
                    "start_date",
                    ParamType::Date,
                    "From when it applies (not in the future; without it, it replaces every \
                     rate)."
                ),
            ],
            "Add a cost rate to a user."
        ),
    ],
};
