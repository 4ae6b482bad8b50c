//! Time tracking: time entries (and, with writes, timers).

use super::body_fields::*;
use super::common::*;
use super::rows::*;

const STARTED_TIME: Param = body!(
    "started_time",
    ParamType::TimeOfDay,
    "Start time (accounts that track start and end times); defaults to now."
);
const ENDED_TIME: Param = body!(
    "ended_time",
    ParamType::TimeOfDay,
    "End time (accounts that track start and end times); leave it out to start a timer."
);
const HOURS: Param = body!(
    "hours",
    AMOUNT,
    "Hours spent (accounts that track durations); leave it out to start a timer."
);
const ENTRY_NOTES: Param = body!("notes", NOTES, "Notes about the work.");
/// Duration or start and end, by the account's setting.
const TIME_FORM: Rule = Rule::TimeForm {
    duration: "hours",
    timestamps: &["started_time", "ended_time"],
};

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
        Action {
            rules: &[TIME_FORM],
            ..create!(
                "/time_entries",
                [
                    body!(
                        "user_id",
                        ParamType::Id,
                        "Id of the user the time is for (defaults to the current user)."
                    ),
                    body!("project_id", ParamType::Id, required, "Id of the project."),
                    body!("task_id", ParamType::Id, required, "Id of the task."),
                    body!(
                        "spent_date",
                        ParamType::Date,
                        required,
                        "Date the time was spent."
                    ),
                    HOURS,
                    STARTED_TIME,
                    ENDED_TIME,
                    ENTRY_NOTES,
                    EXTERNAL_REFERENCE,
                ],
                "Log time: hours (duration accounts) or started_time/ended_time (timestamp \
                 accounts). Without hours or ended_time a running timer starts (a user's \
                 running timer stops)."
            )
        },
        Action {
            rules: &[Rule::Exclusive(&[
                &["hours"],
                &["started_time", "ended_time"],
            ])],
            ..update!(
                "/time_entries/{id}",
                [
                    ID,
                    body!("project_id", ParamType::Id, "Id of the project."),
                    body!("task_id", ParamType::Id, "Id of the task."),
                    body!("spent_date", ParamType::Date, "Date the time was spent."),
                    HOURS,
                    STARTED_TIME,
                    ENDED_TIME,
                    ENTRY_NOTES,
                    EXTERNAL_REFERENCE,
                ],
                "Change a time entry (not possible once it is billed or locked)."
            )
        },
        delete!("/time_entries/{id}", [ID], "Delete a time entry."),
        write!(
            "stop",
            Patch,
            200,
            "/time_entries/{id}/stop",
            [ID],
            "Stop a running timer."
        ),
        write!(
            "restart",
            Patch,
            200,
            "/time_entries/{id}/restart",
            [ID],
            "Restart a stopped time entry as a running timer."
        ),
        write!(
            "delete_external_reference",
            Delete,
            200,
            "/time_entries/{id}/external_reference",
            [ID],
            "Remove a time entry's external reference (the entry stays)."
        ),
    ],
};
