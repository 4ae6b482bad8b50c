//! Parameters shared by many actions (paging, ids, the usual filters and report periods).

use super::rows::*;

/// Added to every paginated list.
pub(super) const PER_PAGE: Param = param!(
    "per_page",
    Query,
    ParamType::Integer {
        min: 1,
        max: MAX_PER_PAGE
    },
    false,
    "Records per page (Harvest's default is the maximum, 2000; 100 for invoices)."
);

/// Added to every page-numbered list (Harvest's `page`).
pub(super) const PAGE: Param = param!(
    "page",
    Query,
    ParamType::Integer {
        min: 1,
        max: MAX_PAGE
    },
    false,
    "Page number to read (1 is the first), as Harvest numbers pages for per_page. Prefer \
     meta.next_cursor to continue a listing (it keeps the filters and survives a limit that \
     ends mid-page); page cannot be combined with cursor."
);

pub(super) const CURSOR: Param = param!(
    "cursor",
    Paging,
    ParamType::Cursor,
    false,
    "Continue a listing exactly where an earlier call stopped: pass that call's \
     meta.next_cursor (it carries the filters; other parameters may be left out)."
);

pub(super) const LIMIT: Param = param!(
    "limit",
    Paging,
    ParamType::Limit,
    false,
    "Collect up to this many records, following Harvest's pages (without it, one page is \
     returned)."
);

pub(super) const ID: Param = param!("id", Path, ParamType::Id, true, "Id of the record.");

pub(super) const UPDATED_SINCE: Param = param!(
    "updated_since",
    Query,
    ParamType::DateTime,
    false,
    "Only records updated after this date-time."
);

pub(super) const IS_ACTIVE: Param = param!(
    "is_active",
    Query,
    ParamType::Bool,
    false,
    "true: only active records; false: only inactive (archived) ones."
);

pub(super) const CLIENT_FILTER: Param = param!(
    "client_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the client with this id."
);

pub(super) const PROJECT_FILTER: Param = param!(
    "project_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the project with this id."
);

pub(super) const USER_FILTER: Param = param!(
    "user_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the user with this id."
);

pub(super) const TASK_FILTER: Param = param!(
    "task_id",
    Query,
    ParamType::Id,
    false,
    "Only records of the task with this id."
);

pub(super) const IS_BILLED: Param = param!(
    "is_billed",
    Query,
    ParamType::Bool,
    false,
    "true: only records already invoiced; false: only records not invoiced yet."
);

pub(super) const APPROVAL_STATUS: Param = param!(
    "approval_status",
    Query,
    ParamType::Enum(&["unsubmitted", "submitted", "approved"]),
    false,
    "Only records with this approval status."
);

pub(super) const SPENT_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::Date,
        false,
        "Only records with a spent_date on or after this date."
    )
};

pub(super) const SPENT_TO: Param = param!(
    "to",
    Query,
    ParamType::Date,
    false,
    "Only records with a spent_date on or before this date."
);

pub(super) const ISSUED_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::Date,
        false,
        "Only records with an issue_date on or after this date."
    )
};

pub(super) const ISSUED_TO: Param = param!(
    "to",
    Query,
    ParamType::Date,
    false,
    "Only records with an issue_date on or before this date."
);

pub(super) const REPORT_FROM: Param = Param {
    aliases: &["from_"],
    ..param!(
        "from",
        Query,
        ParamType::ReportDate,
        true,
        "Start of the reporting period (inclusive)."
    )
};

pub(super) const REPORT_TO: Param = param!(
    "to",
    Query,
    ParamType::ReportDate,
    true,
    "End of the reporting period (inclusive), at most 365 days after from."
);

pub(super) const TIME_REPORT_FIXED_FEE: Param = param!(
    "include_fixed_fee",
    Query,
    ParamType::Bool,
    false,
    "true: also compute billable amounts of fixed-fee projects (left out by default)."
);

pub(super) const UNINVOICED_FIXED_FEE: Param = param!(
    "include_fixed_fee",
    Query,
    ParamType::Bool,
    false,
    "false: leave fixed-fee projects out of the report (included by default)."
);

pub(super) const INVOICE_ID: Param = param!(
    "invoice_id",
    Path,
    ParamType::Id,
    true,
    "Id of the invoice."
);

pub(super) const ESTIMATE_ID: Param = param!(
    "estimate_id",
    Path,
    ParamType::Id,
    true,
    "Id of the estimate."
);

pub(super) const PROJECT_ID: Param = param!(
    "project_id",
    Path,
    ParamType::Id,
    true,
    "Id of the project."
);

pub(super) const USER_ID: Param = param!("user_id", Path, ParamType::Id, true, "Id of the user.");
