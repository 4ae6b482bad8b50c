//! Projects and people: users, clients and their contacts, projects, tasks, roles, assignments, rates.

use super::common::*;
use super::rows::*;

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
    ],
};

pub(super) const ROLES: Entity = Entity {
    name: "roles",
    description: "Roles: descriptive labels grouping users.",
    actions: &[
        list!("list", "/roles", "roles", Cursor, [], "List roles."),
        get!("get", "/roles/{id}", [ID], "Get one role by id."),
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
    actions: &[list!(
        "list",
        "/users/{user_id}/teammates",
        "teammates",
        Cursor,
        [USER_ID],
        "List the teammates assigned to a manager."
    )],
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
    ],
};
