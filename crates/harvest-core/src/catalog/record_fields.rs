//! The fields of each entity's records, dotted for nested objects (`project.name`; a path
//! into a list of objects, such as `line_items.amount`, names that member of every item).
//! `select_fields` / `exclude_fields` are checked against these before a request is sent, and
//! the typed `<Entity>SearchData` classes are generated from them.
//!
//! Taken from Harvest's documented response samples (harvest-api.md and its fixtures), two
//! levels deep. Harvest may add fields: a field missing here is refused by name, so adding it
//! is one row.

/// The JSON type of a record field (`Any` where samples only show null).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Integer,
    Number,
    Text,
    Bool,
    Object,
    List,
    Any,
}

impl FieldKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FieldKind::Integer => "integer",
            FieldKind::Number => "number",
            FieldKind::Text => "string",
            FieldKind::Bool => "boolean",
            FieldKind::Object => "object",
            FieldKind::List => "array",
            FieldKind::Any => "any",
        }
    }
}

#[derive(Debug)]
pub struct RecordField {
    pub path: &'static str,
    pub kind: FieldKind,
}

macro_rules! fields {
    ($($path:literal: $kind:ident),* $(,)?) => {
        &[$(RecordField { path: $path, kind: FieldKind::$kind }),*]
    };
}

/// Per entity, in the catalogue's entity names.
pub static RECORD_FIELDS: &[(&str, &[RecordField])] = &[
    (
        "users",
        fields!("access_roles": List, "avatar_url": Text, "cost_rate": Number, "created_at": Text, "default_hourly_rate": Number, "email": Text, "first_name": Text, "has_access_to_all_future_projects": Bool, "id": Integer, "is_active": Bool, "is_contractor": Bool, "last_name": Text, "roles": List, "telephone": Text, "timezone": Text, "updated_at": Text, "weekly_capacity": Integer),
    ),
    (
        "clients",
        fields!("address": Text, "created_at": Text, "currency": Text, "id": Integer, "is_active": Bool, "name": Text, "statement_key": Text, "updated_at": Text),
    ),
    (
        "contacts",
        fields!("client": Object, "client.id": Integer, "client.name": Text, "created_at": Text, "email": Text, "fax": Text, "first_name": Text, "id": Integer, "last_name": Text, "phone_mobile": Text, "phone_office": Text, "title": Any, "updated_at": Text),
    ),
    (
        "company",
        fields!("approval_feature": Bool, "base_uri": Text, "clock": Text, "color_scheme": Text, "currency_code_display": Text, "currency_symbol_display": Text, "date_format": Text, "decimal_symbol": Text, "estimate_feature": Bool, "expense_feature": Bool, "full_domain": Text, "invoice_feature": Bool, "is_active": Bool, "name": Text, "plan_type": Text, "thousands_separator": Text, "time_format": Text, "wants_timestamp_timers": Bool, "week_start_day": Text, "weekly_capacity": Integer),
    ),
    (
        "projects",
        fields!("bill_by": Text, "budget": Number, "budget_by": Text, "budget_is_monthly": Bool, "client": Object, "client.currency": Text, "client.id": Integer, "client.name": Text, "code": Text, "cost_budget": Any, "cost_budget_include_expenses": Bool, "created_at": Text, "ends_on": Text, "fee": Any, "hourly_rate": Number, "id": Integer, "is_active": Bool, "is_billable": Bool, "is_fixed_fee": Bool, "name": Text, "notes": Text, "notify_when_over_budget": Bool, "over_budget_notification_date": Any, "over_budget_notification_percentage": Number, "show_budget_to_all": Bool, "starts_on": Text, "updated_at": Text),
    ),
    (
        "tasks",
        fields!("billable_by_default": Bool, "created_at": Text, "default_hourly_rate": Number, "id": Integer, "is_active": Bool, "is_default": Bool, "name": Text, "updated_at": Text),
    ),
    (
        "time_entries",
        fields!("approval_status": Text, "billable": Bool, "billable_rate": Number, "budgeted": Bool, "client": Object, "client.currency": Text, "client.id": Integer, "client.name": Text, "cost_rate": Number, "created_at": Text, "ended_time": Text, "external_reference": Any, "hours": Number, "hours_without_timer": Number, "id": Integer, "invoice": Object, "invoice.id": Integer, "invoice.number": Text, "is_billed": Bool, "is_closed": Bool, "is_locked": Bool, "is_running": Bool, "locked_reason": Text, "notes": Text, "project": Object, "project.code": Any, "project.id": Integer, "project.name": Text, "rounded_hours": Number, "spent_date": Text, "started_time": Text, "task": Object, "task.id": Integer, "task.name": Text, "task_assignment": Object, "task_assignment.billable": Bool, "task_assignment.budget": Any, "task_assignment.created_at": Text, "task_assignment.hourly_rate": Number, "task_assignment.id": Integer, "task_assignment.is_active": Bool, "task_assignment.updated_at": Text, "timer_started_at": Any, "updated_at": Text, "user": Object, "user.id": Integer, "user.name": Text, "user_assignment": Object, "user_assignment.budget": Any, "user_assignment.created_at": Text, "user_assignment.hourly_rate": Number, "user_assignment.id": Integer, "user_assignment.is_active": Bool, "user_assignment.is_project_manager": Bool, "user_assignment.updated_at": Text, "user_assignment.use_default_rates": Bool),
    ),
    (
        "invoices",
        fields!("amount": Number, "client": Object, "client.id": Integer, "client.name": Text, "client_key": Text, "closed_at": Any, "created_at": Text, "creator": Object, "creator.id": Integer, "creator.name": Text, "currency": Text, "discount": Integer, "discount_amount": Number, "due_amount": Number, "due_date": Text, "estimate": Object, "estimate.id": Integer, "id": Integer, "issue_date": Text, "line_items": List, "line_items.amount": Number, "line_items.description": Text, "line_items.id": Integer, "line_items.kind": Text, "line_items.project": Object, "line_items.project.code": Text, "line_items.project.id": Integer, "line_items.project.name": Text, "line_items.quantity": Number, "line_items.taxed": Bool, "line_items.taxed2": Bool, "line_items.unit_price": Number, "notes": Text, "number": Text, "paid_at": Text, "paid_date": Text, "payment_options": List, "payment_term": Text, "period_end": Text, "period_start": Text, "purchase_order": Text, "recurring_invoice_id": Any, "retainer": Any, "sent_at": Text, "state": Text, "subject": Text, "tax": Number, "tax2": Number, "tax2_amount": Number, "tax_amount": Number, "updated_at": Text),
    ),
    (
        "invoice_messages",
        fields!("attach_pdf": Bool, "body": Text, "created_at": Text, "event_type": Any, "id": Integer, "include_link_to_client_invoice": Bool, "recipients": List, "recipients.email": Text, "recipients.name": Text, "reminder": Bool, "send_me_a_copy": Bool, "send_reminder_on": Any, "sent_by": Text, "sent_by_email": Text, "sent_from": Text, "sent_from_email": Text, "subject": Text, "thank_you": Bool, "updated_at": Text),
    ),
    (
        "invoice_payments",
        fields!("amount": Integer, "created_at": Text, "id": Integer, "notes": Text, "paid_at": Text, "paid_date": Text, "payment_gateway": Object, "payment_gateway.id": Integer, "payment_gateway.name": Text, "recorded_by": Text, "recorded_by_email": Text, "transaction_id": Any, "updated_at": Text),
    ),
    (
        "invoice_item_categories",
        fields!("created_at": Text, "id": Integer, "name": Text, "updated_at": Text, "use_as_expense": Bool, "use_as_service": Bool),
    ),
    (
        "estimates",
        fields!("accepted_at": Text, "amount": Number, "client": Object, "client.id": Integer, "client.name": Text, "client_key": Text, "created_at": Text, "creator": Object, "creator.id": Integer, "creator.name": Text, "currency": Text, "declined_at": Any, "discount": Number, "discount_amount": Number, "id": Integer, "issue_date": Text, "line_items": List, "line_items.amount": Number, "line_items.description": Text, "line_items.id": Integer, "line_items.kind": Text, "line_items.quantity": Number, "line_items.taxed": Bool, "line_items.taxed2": Bool, "line_items.unit_price": Number, "notes": Text, "number": Text, "purchase_order": Text, "sent_at": Text, "state": Text, "subject": Text, "tax": Number, "tax2": Number, "tax2_amount": Number, "tax_amount": Number, "updated_at": Text),
    ),
    (
        "estimate_messages",
        fields!("body": Text, "created_at": Text, "event_type": Any, "id": Integer, "recipients": List, "recipients.email": Text, "recipients.name": Text, "send_me_a_copy": Bool, "sent_by": Text, "sent_by_email": Text, "sent_from": Text, "sent_from_email": Text, "subject": Text, "updated_at": Text),
    ),
    (
        "estimate_item_categories",
        fields!("created_at": Text, "id": Integer, "name": Text, "updated_at": Text),
    ),
    (
        "expenses",
        fields!("approval_status": Text, "billable": Bool, "client": Object, "client.currency": Text, "client.id": Integer, "client.name": Text, "created_at": Text, "expense_category": Object, "expense_category.id": Integer, "expense_category.name": Text, "expense_category.unit_name": Any, "expense_category.unit_price": Any, "id": Integer, "invoice": Object, "invoice.id": Integer, "invoice.number": Text, "is_billed": Bool, "is_closed": Bool, "is_locked": Bool, "locked_reason": Text, "notes": Text, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "receipt": Object, "receipt.content_type": Text, "receipt.file_name": Text, "receipt.file_size": Integer, "receipt.url": Text, "spent_date": Text, "total_cost": Number, "units": Number, "updated_at": Text, "user": Object, "user.id": Integer, "user.name": Text, "user_assignment": Object, "user_assignment.budget": Any, "user_assignment.created_at": Text, "user_assignment.hourly_rate": Number, "user_assignment.id": Integer, "user_assignment.is_active": Bool, "user_assignment.is_project_manager": Bool, "user_assignment.updated_at": Text),
    ),
    (
        "expense_categories",
        fields!("created_at": Text, "id": Integer, "is_active": Bool, "name": Text, "unit_name": Text, "unit_price": Number, "updated_at": Text),
    ),
    (
        "roles",
        fields!("created_at": Text, "id": Integer, "name": Text, "updated_at": Text, "user_ids": List),
    ),
    (
        "user_assignments",
        fields!("budget": Any, "created_at": Text, "hourly_rate": Number, "id": Integer, "is_active": Bool, "is_project_manager": Bool, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "updated_at": Text, "use_default_rates": Bool, "user": Object, "user.id": Integer, "user.name": Text),
    ),
    (
        "task_assignments",
        fields!("billable": Bool, "budget": Any, "created_at": Text, "hourly_rate": Number, "id": Integer, "is_active": Bool, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "task": Object, "task.id": Integer, "task.name": Text, "updated_at": Text),
    ),
    (
        "project_user_assignments",
        fields!("budget": Any, "created_at": Text, "hourly_rate": Number, "id": Integer, "is_active": Bool, "is_project_manager": Bool, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "updated_at": Text, "use_default_rates": Bool, "user": Object, "user.id": Integer, "user.name": Text),
    ),
    (
        "project_task_assignments",
        fields!("billable": Bool, "budget": Any, "created_at": Text, "hourly_rate": Number, "id": Integer, "is_active": Bool, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "task": Object, "task.id": Integer, "task.name": Text, "updated_at": Text),
    ),
    (
        "user_project_assignments",
        fields!("budget": Any, "client": Object, "client.id": Integer, "client.name": Text, "created_at": Text, "hourly_rate": Number, "id": Integer, "is_active": Bool, "is_project_manager": Bool, "project": Object, "project.code": Text, "project.id": Integer, "project.name": Text, "task_assignments": List, "task_assignments.billable": Bool, "task_assignments.budget": Any, "task_assignments.created_at": Text, "task_assignments.hourly_rate": Number, "task_assignments.id": Integer, "task_assignments.is_active": Bool, "task_assignments.task": Object, "task_assignments.task.id": Integer, "task_assignments.task.name": Text, "task_assignments.updated_at": Text, "updated_at": Text, "use_default_rates": Bool),
    ),
    (
        "user_teammates",
        fields!("email": Text, "first_name": Text, "id": Integer, "last_name": Text),
    ),
    (
        "user_billable_rates",
        fields!("amount": Number, "created_at": Text, "end_date": Text, "id": Integer, "start_date": Text, "updated_at": Text),
    ),
    (
        "user_cost_rates",
        fields!("amount": Number, "created_at": Text, "end_date": Text, "id": Integer, "start_date": Text, "updated_at": Text),
    ),
    (
        "time_clients",
        fields!("billable_amount": Integer, "billable_hours": Number, "client_id": Integer, "client_name": Text, "currency": Text, "total_hours": Number),
    ),
    (
        "time_projects",
        fields!("billable_amount": Integer, "billable_hours": Number, "client_id": Integer, "client_name": Text, "currency": Text, "project_id": Integer, "project_name": Text, "total_hours": Number),
    ),
    (
        "time_tasks",
        fields!("billable_amount": Integer, "billable_hours": Number, "currency": Text, "task_id": Integer, "task_name": Text, "total_hours": Number),
    ),
    (
        "time_team",
        fields!("avatar_url": Text, "billable_amount": Integer, "billable_hours": Number, "currency": Text, "is_contractor": Bool, "total_hours": Number, "user_id": Integer, "user_name": Text, "weekly_capacity": Integer),
    ),
    (
        "expenses_clients",
        fields!("billable_amount": Number, "client_id": Integer, "client_name": Text, "currency": Text, "total_amount": Number),
    ),
    (
        "expenses_projects",
        fields!("billable_amount": Number, "client_id": Integer, "client_name": Text, "currency": Text, "project_id": Integer, "project_name": Text, "total_amount": Number),
    ),
    (
        "expenses_categories",
        fields!("billable_amount": Number, "currency": Text, "expense_category_id": Integer, "expense_category_name": Text, "total_amount": Number),
    ),
    (
        "expenses_team",
        fields!("billable_amount": Number, "currency": Text, "is_contractor": Bool, "total_amount": Number, "user_id": Integer, "user_name": Text),
    ),
    (
        "uninvoiced",
        fields!("client_id": Integer, "client_name": Text, "currency": Text, "project_id": Integer, "project_name": Text, "total_hours": Number, "uninvoiced_amount": Integer, "uninvoiced_expenses": Integer, "uninvoiced_hours": Number),
    ),
    (
        "project_budget",
        fields!("budget": Integer, "budget_by": Text, "budget_is_monthly": Bool, "budget_remaining": Integer, "budget_spent": Integer, "client_id": Integer, "client_name": Text, "is_active": Bool, "project_id": Integer, "project_name": Text),
    ),
    (
        "accounts",
        fields!("id": Integer, "name": Text, "product": Text),
    ),
];

/// The fields of `entity`'s records (empty for an entity without a field list).
pub fn record_fields(entity: &str) -> &'static [RecordField] {
    RECORD_FIELDS
        .iter()
        .find(|(name, _)| *name == entity)
        .map_or(&[], |(_, fields)| fields)
}
