//! Time tracking: time entries (and, with writes, timers).

use super::common::*;
use super::rows::*;

pub(super) const TIME_ENTRIES: Entity = Entity {
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
};
