"""Typed records of ``context_store_search``, one class per entity.

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

from typing import Any, Optional

from .._results import AirbyteSearchResult, SearchData


class UsersSearchData(SearchData):
    """A users record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    access_roles: Optional[list[Any]]
    avatar_url: Optional[str]
    cost_rate: Optional[float]
    created_at: Optional[str]
    default_hourly_rate: Optional[float]
    email: Optional[str]
    first_name: Optional[str]
    has_access_to_all_future_projects: Optional[bool]
    id: Optional[int]
    is_active: Optional[bool]
    is_contractor: Optional[bool]
    last_name: Optional[str]
    roles: Optional[list[Any]]
    telephone: Optional[str]
    timezone: Optional[str]
    updated_at: Optional[str]
    weekly_capacity: Optional[int]


class UsersSearchResult(AirbyteSearchResult[UsersSearchData]):
    """A ``context_store_search`` of users: ``.data`` UsersSearchData, ``.meta``."""


class ClientsSearchData(SearchData):
    """A clients record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    address: Optional[str]
    created_at: Optional[str]
    currency: Optional[str]
    id: Optional[int]
    is_active: Optional[bool]
    name: Optional[str]
    statement_key: Optional[str]
    updated_at: Optional[str]


class ClientsSearchResult(AirbyteSearchResult[ClientsSearchData]):
    """A ``context_store_search`` of clients: ``.data`` ClientsSearchData, ``.meta``."""


class ContactsSearchData(SearchData):
    """A contacts record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    client: Optional[dict[str, Any]]
    created_at: Optional[str]
    email: Optional[str]
    fax: Optional[str]
    first_name: Optional[str]
    id: Optional[int]
    last_name: Optional[str]
    phone_mobile: Optional[str]
    phone_office: Optional[str]
    title: Optional[Any]
    updated_at: Optional[str]


class ContactsSearchResult(AirbyteSearchResult[ContactsSearchData]):
    """A ``context_store_search`` of contacts: ``.data`` ContactsSearchData, ``.meta``."""


class CompanySearchData(SearchData):
    """A company record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    approval_feature: Optional[bool]
    base_uri: Optional[str]
    clock: Optional[str]
    color_scheme: Optional[str]
    currency_code_display: Optional[str]
    currency_symbol_display: Optional[str]
    date_format: Optional[str]
    decimal_symbol: Optional[str]
    estimate_feature: Optional[bool]
    expense_feature: Optional[bool]
    full_domain: Optional[str]
    invoice_feature: Optional[bool]
    is_active: Optional[bool]
    name: Optional[str]
    plan_type: Optional[str]
    thousands_separator: Optional[str]
    time_format: Optional[str]
    wants_timestamp_timers: Optional[bool]
    week_start_day: Optional[str]
    weekly_capacity: Optional[int]


class CompanySearchResult(AirbyteSearchResult[CompanySearchData]):
    """A ``context_store_search`` of company: ``.data`` CompanySearchData, ``.meta``."""


class ProjectsSearchData(SearchData):
    """A projects record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    bill_by: Optional[str]
    budget: Optional[float]
    budget_by: Optional[str]
    budget_is_monthly: Optional[bool]
    client: Optional[dict[str, Any]]
    code: Optional[str]
    cost_budget: Optional[Any]
    cost_budget_include_expenses: Optional[bool]
    created_at: Optional[str]
    ends_on: Optional[str]
    fee: Optional[Any]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    is_billable: Optional[bool]
    is_fixed_fee: Optional[bool]
    name: Optional[str]
    notes: Optional[str]
    notify_when_over_budget: Optional[bool]
    over_budget_notification_date: Optional[Any]
    over_budget_notification_percentage: Optional[float]
    show_budget_to_all: Optional[bool]
    starts_on: Optional[str]
    updated_at: Optional[str]


class ProjectsSearchResult(AirbyteSearchResult[ProjectsSearchData]):
    """A ``context_store_search`` of projects: ``.data`` ProjectsSearchData, ``.meta``."""


class TasksSearchData(SearchData):
    """A tasks record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    billable_by_default: Optional[bool]
    created_at: Optional[str]
    default_hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    is_default: Optional[bool]
    name: Optional[str]
    updated_at: Optional[str]


class TasksSearchResult(AirbyteSearchResult[TasksSearchData]):
    """A ``context_store_search`` of tasks: ``.data`` TasksSearchData, ``.meta``."""


class TimeEntriesSearchData(SearchData):
    """A time_entries record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    approval_status: Optional[str]
    billable: Optional[bool]
    billable_rate: Optional[float]
    budgeted: Optional[bool]
    client: Optional[dict[str, Any]]
    cost_rate: Optional[float]
    created_at: Optional[str]
    ended_time: Optional[str]
    external_reference: Optional[Any]
    hours: Optional[float]
    hours_without_timer: Optional[float]
    id: Optional[int]
    invoice: Optional[dict[str, Any]]
    is_billed: Optional[bool]
    is_closed: Optional[bool]
    is_locked: Optional[bool]
    is_running: Optional[bool]
    locked_reason: Optional[str]
    notes: Optional[str]
    project: Optional[dict[str, Any]]
    rounded_hours: Optional[float]
    spent_date: Optional[str]
    started_time: Optional[str]
    task: Optional[dict[str, Any]]
    task_assignment: Optional[dict[str, Any]]
    timer_started_at: Optional[Any]
    updated_at: Optional[str]
    user: Optional[dict[str, Any]]
    user_assignment: Optional[dict[str, Any]]


class TimeEntriesSearchResult(AirbyteSearchResult[TimeEntriesSearchData]):
    """A ``context_store_search`` of time_entries: ``.data`` TimeEntriesSearchData, ``.meta``."""


class InvoicesSearchData(SearchData):
    """A invoices record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    amount: Optional[float]
    client: Optional[dict[str, Any]]
    client_key: Optional[str]
    closed_at: Optional[Any]
    created_at: Optional[str]
    creator: Optional[dict[str, Any]]
    currency: Optional[str]
    discount: Optional[int]
    discount_amount: Optional[float]
    due_amount: Optional[float]
    due_date: Optional[str]
    estimate: Optional[dict[str, Any]]
    id: Optional[int]
    issue_date: Optional[str]
    line_items: Optional[list[Any]]
    notes: Optional[str]
    number: Optional[str]
    paid_at: Optional[str]
    paid_date: Optional[str]
    payment_options: Optional[list[Any]]
    payment_term: Optional[str]
    period_end: Optional[str]
    period_start: Optional[str]
    purchase_order: Optional[str]
    recurring_invoice_id: Optional[Any]
    retainer: Optional[Any]
    sent_at: Optional[str]
    state: Optional[str]
    subject: Optional[str]
    tax: Optional[float]
    tax2: Optional[float]
    tax2_amount: Optional[float]
    tax_amount: Optional[float]
    updated_at: Optional[str]


class InvoicesSearchResult(AirbyteSearchResult[InvoicesSearchData]):
    """A ``context_store_search`` of invoices: ``.data`` InvoicesSearchData, ``.meta``."""


class InvoiceMessagesSearchData(SearchData):
    """A invoice_messages record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    attach_pdf: Optional[bool]
    body: Optional[str]
    created_at: Optional[str]
    event_type: Optional[Any]
    id: Optional[int]
    include_link_to_client_invoice: Optional[bool]
    recipients: Optional[list[Any]]
    reminder: Optional[bool]
    send_me_a_copy: Optional[bool]
    send_reminder_on: Optional[Any]
    sent_by: Optional[str]
    sent_by_email: Optional[str]
    sent_from: Optional[str]
    sent_from_email: Optional[str]
    subject: Optional[str]
    thank_you: Optional[bool]
    updated_at: Optional[str]


class InvoiceMessagesSearchResult(AirbyteSearchResult[InvoiceMessagesSearchData]):
    """A ``context_store_search`` of invoice_messages: ``.data`` InvoiceMessagesSearchData, ``.meta``."""


class InvoicePaymentsSearchData(SearchData):
    """A invoice_payments record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    amount: Optional[int]
    created_at: Optional[str]
    id: Optional[int]
    notes: Optional[str]
    paid_at: Optional[str]
    paid_date: Optional[str]
    payment_gateway: Optional[dict[str, Any]]
    recorded_by: Optional[str]
    recorded_by_email: Optional[str]
    transaction_id: Optional[Any]
    updated_at: Optional[str]


class InvoicePaymentsSearchResult(AirbyteSearchResult[InvoicePaymentsSearchData]):
    """A ``context_store_search`` of invoice_payments: ``.data`` InvoicePaymentsSearchData, ``.meta``."""


class InvoiceItemCategoriesSearchData(SearchData):
    """A invoice_item_categories record of the context store: the fields below (None when absent), and any other
    field the store returned, as attributes.
    """

    created_at: Optional[str]
    id: Optional[int]
    name: Optional[str]
    updated_at: Optional[str]
    use_as_expense: Optional[bool]
    use_as_service: Optional[bool]


class InvoiceItemCategoriesSearchResult(AirbyteSearchResult[InvoiceItemCategoriesSearchData]):
    """A ``context_store_search`` of invoice_item_categories: ``.data`` InvoiceItemCategoriesSearchData, ``.meta``."""


class EstimatesSearchData(SearchData):
    """A estimates record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    accepted_at: Optional[str]
    amount: Optional[float]
    client: Optional[dict[str, Any]]
    client_key: Optional[str]
    created_at: Optional[str]
    creator: Optional[dict[str, Any]]
    currency: Optional[str]
    declined_at: Optional[Any]
    discount: Optional[float]
    discount_amount: Optional[float]
    id: Optional[int]
    issue_date: Optional[str]
    line_items: Optional[list[Any]]
    notes: Optional[str]
    number: Optional[str]
    purchase_order: Optional[str]
    sent_at: Optional[str]
    state: Optional[str]
    subject: Optional[str]
    tax: Optional[float]
    tax2: Optional[float]
    tax2_amount: Optional[float]
    tax_amount: Optional[float]
    updated_at: Optional[str]


class EstimatesSearchResult(AirbyteSearchResult[EstimatesSearchData]):
    """A ``context_store_search`` of estimates: ``.data`` EstimatesSearchData, ``.meta``."""


class EstimateMessagesSearchData(SearchData):
    """A estimate_messages record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    body: Optional[str]
    created_at: Optional[str]
    event_type: Optional[Any]
    id: Optional[int]
    recipients: Optional[list[Any]]
    send_me_a_copy: Optional[bool]
    sent_by: Optional[str]
    sent_by_email: Optional[str]
    sent_from: Optional[str]
    sent_from_email: Optional[str]
    subject: Optional[str]
    updated_at: Optional[str]


class EstimateMessagesSearchResult(AirbyteSearchResult[EstimateMessagesSearchData]):
    """A ``context_store_search`` of estimate_messages: ``.data`` EstimateMessagesSearchData, ``.meta``."""


class EstimateItemCategoriesSearchData(SearchData):
    """A estimate_item_categories record of the context store: the fields below (None when absent), and any other
    field the store returned, as attributes.
    """

    created_at: Optional[str]
    id: Optional[int]
    name: Optional[str]
    updated_at: Optional[str]


class EstimateItemCategoriesSearchResult(AirbyteSearchResult[EstimateItemCategoriesSearchData]):
    """A ``context_store_search`` of estimate_item_categories: ``.data`` EstimateItemCategoriesSearchData, ``.meta``."""


class ExpensesSearchData(SearchData):
    """A expenses record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    approval_status: Optional[str]
    billable: Optional[bool]
    client: Optional[dict[str, Any]]
    created_at: Optional[str]
    expense_category: Optional[dict[str, Any]]
    id: Optional[int]
    invoice: Optional[dict[str, Any]]
    is_billed: Optional[bool]
    is_closed: Optional[bool]
    is_locked: Optional[bool]
    locked_reason: Optional[str]
    notes: Optional[str]
    project: Optional[dict[str, Any]]
    receipt: Optional[dict[str, Any]]
    spent_date: Optional[str]
    total_cost: Optional[float]
    units: Optional[float]
    updated_at: Optional[str]
    user: Optional[dict[str, Any]]
    user_assignment: Optional[dict[str, Any]]


class ExpensesSearchResult(AirbyteSearchResult[ExpensesSearchData]):
    """A ``context_store_search`` of expenses: ``.data`` ExpensesSearchData, ``.meta``."""


class ExpenseCategoriesSearchData(SearchData):
    """A expense_categories record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    created_at: Optional[str]
    id: Optional[int]
    is_active: Optional[bool]
    name: Optional[str]
    unit_name: Optional[str]
    unit_price: Optional[float]
    updated_at: Optional[str]


class ExpenseCategoriesSearchResult(AirbyteSearchResult[ExpenseCategoriesSearchData]):
    """A ``context_store_search`` of expense_categories: ``.data`` ExpenseCategoriesSearchData, ``.meta``."""


class RolesSearchData(SearchData):
    """A roles record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    created_at: Optional[str]
    id: Optional[int]
    name: Optional[str]
    updated_at: Optional[str]
    user_ids: Optional[list[Any]]


class RolesSearchResult(AirbyteSearchResult[RolesSearchData]):
    """A ``context_store_search`` of roles: ``.data`` RolesSearchData, ``.meta``."""


class UserAssignmentsSearchData(SearchData):
    """A user_assignments record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    budget: Optional[Any]
    created_at: Optional[str]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    is_project_manager: Optional[bool]
    project: Optional[dict[str, Any]]
    updated_at: Optional[str]
    use_default_rates: Optional[bool]
    user: Optional[dict[str, Any]]


class UserAssignmentsSearchResult(AirbyteSearchResult[UserAssignmentsSearchData]):
    """A ``context_store_search`` of user_assignments: ``.data`` UserAssignmentsSearchData, ``.meta``."""


class TaskAssignmentsSearchData(SearchData):
    """A task_assignments record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    billable: Optional[bool]
    budget: Optional[Any]
    created_at: Optional[str]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    project: Optional[dict[str, Any]]
    task: Optional[dict[str, Any]]
    updated_at: Optional[str]


class TaskAssignmentsSearchResult(AirbyteSearchResult[TaskAssignmentsSearchData]):
    """A ``context_store_search`` of task_assignments: ``.data`` TaskAssignmentsSearchData, ``.meta``."""


class ProjectUserAssignmentsSearchData(SearchData):
    """A project_user_assignments record of the context store: the fields below (None when absent), and any other
    field the store returned, as attributes.
    """

    budget: Optional[Any]
    created_at: Optional[str]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    is_project_manager: Optional[bool]
    project: Optional[dict[str, Any]]
    updated_at: Optional[str]
    use_default_rates: Optional[bool]
    user: Optional[dict[str, Any]]


class ProjectUserAssignmentsSearchResult(AirbyteSearchResult[ProjectUserAssignmentsSearchData]):
    """A ``context_store_search`` of project_user_assignments: ``.data`` ProjectUserAssignmentsSearchData, ``.meta``."""


class ProjectTaskAssignmentsSearchData(SearchData):
    """A project_task_assignments record of the context store: the fields below (None when absent), and any other
    field the store returned, as attributes.
    """

    billable: Optional[bool]
    budget: Optional[Any]
    created_at: Optional[str]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    project: Optional[dict[str, Any]]
    task: Optional[dict[str, Any]]
    updated_at: Optional[str]


class ProjectTaskAssignmentsSearchResult(AirbyteSearchResult[ProjectTaskAssignmentsSearchData]):
    """A ``context_store_search`` of project_task_assignments: ``.data`` ProjectTaskAssignmentsSearchData, ``.meta``."""


class UserProjectAssignmentsSearchData(SearchData):
    """A user_project_assignments record of the context store: the fields below (None when absent), and any other
    field the store returned, as attributes.
    """

    budget: Optional[Any]
    client: Optional[dict[str, Any]]
    created_at: Optional[str]
    hourly_rate: Optional[float]
    id: Optional[int]
    is_active: Optional[bool]
    is_project_manager: Optional[bool]
    project: Optional[dict[str, Any]]
    task_assignments: Optional[list[Any]]
    updated_at: Optional[str]
    use_default_rates: Optional[bool]


class UserProjectAssignmentsSearchResult(AirbyteSearchResult[UserProjectAssignmentsSearchData]):
    """A ``context_store_search`` of user_project_assignments: ``.data`` UserProjectAssignmentsSearchData, ``.meta``."""


class UserTeammatesSearchData(SearchData):
    """A user_teammates record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    email: Optional[str]
    first_name: Optional[str]
    id: Optional[int]
    last_name: Optional[str]


class UserTeammatesSearchResult(AirbyteSearchResult[UserTeammatesSearchData]):
    """A ``context_store_search`` of user_teammates: ``.data`` UserTeammatesSearchData, ``.meta``."""


class UserBillableRatesSearchData(SearchData):
    """A user_billable_rates record of the context store: the fields below (None when absent), and any other field
    the store returned, as attributes.
    """

    amount: Optional[float]
    created_at: Optional[str]
    end_date: Optional[str]
    id: Optional[int]
    start_date: Optional[str]
    updated_at: Optional[str]


class UserBillableRatesSearchResult(AirbyteSearchResult[UserBillableRatesSearchData]):
    """A ``context_store_search`` of user_billable_rates: ``.data`` UserBillableRatesSearchData, ``.meta``."""


class UserCostRatesSearchData(SearchData):
    """A user_cost_rates record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    amount: Optional[float]
    created_at: Optional[str]
    end_date: Optional[str]
    id: Optional[int]
    start_date: Optional[str]
    updated_at: Optional[str]


class UserCostRatesSearchResult(AirbyteSearchResult[UserCostRatesSearchData]):
    """A ``context_store_search`` of user_cost_rates: ``.data`` UserCostRatesSearchData, ``.meta``."""


class TimeClientsSearchData(SearchData):
    """A time_clients record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    billable_amount: Optional[int]
    billable_hours: Optional[float]
    client_id: Optional[int]
    client_name: Optional[str]
    currency: Optional[str]
    total_hours: Optional[float]


class TimeClientsSearchResult(AirbyteSearchResult[TimeClientsSearchData]):
    """A ``context_store_search`` of time_clients: ``.data`` TimeClientsSearchData, ``.meta``."""


class TimeProjectsSearchData(SearchData):
    """A time_projects record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    billable_amount: Optional[int]
    billable_hours: Optional[float]
    client_id: Optional[int]
    client_name: Optional[str]
    currency: Optional[str]
    project_id: Optional[int]
    project_name: Optional[str]
    total_hours: Optional[float]


class TimeProjectsSearchResult(AirbyteSearchResult[TimeProjectsSearchData]):
    """A ``context_store_search`` of time_projects: ``.data`` TimeProjectsSearchData, ``.meta``."""


class TimeTasksSearchData(SearchData):
    """A time_tasks record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    billable_amount: Optional[int]
    billable_hours: Optional[float]
    currency: Optional[str]
    task_id: Optional[int]
    task_name: Optional[str]
    total_hours: Optional[float]


class TimeTasksSearchResult(AirbyteSearchResult[TimeTasksSearchData]):
    """A ``context_store_search`` of time_tasks: ``.data`` TimeTasksSearchData, ``.meta``."""


class TimeTeamSearchData(SearchData):
    """A time_team record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    avatar_url: Optional[str]
    billable_amount: Optional[int]
    billable_hours: Optional[float]
    currency: Optional[str]
    is_contractor: Optional[bool]
    total_hours: Optional[float]
    user_id: Optional[int]
    user_name: Optional[str]
    weekly_capacity: Optional[int]


class TimeTeamSearchResult(AirbyteSearchResult[TimeTeamSearchData]):
    """A ``context_store_search`` of time_team: ``.data`` TimeTeamSearchData, ``.meta``."""


class ExpensesClientsSearchData(SearchData):
    """A expenses_clients record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    billable_amount: Optional[float]
    client_id: Optional[int]
    client_name: Optional[str]
    currency: Optional[str]
    total_amount: Optional[float]


class ExpensesClientsSearchResult(AirbyteSearchResult[ExpensesClientsSearchData]):
    """A ``context_store_search`` of expenses_clients: ``.data`` ExpensesClientsSearchData, ``.meta``."""


class ExpensesProjectsSearchData(SearchData):
    """A expenses_projects record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    billable_amount: Optional[float]
    client_id: Optional[int]
    client_name: Optional[str]
    currency: Optional[str]
    project_id: Optional[int]
    project_name: Optional[str]
    total_amount: Optional[float]


class ExpensesProjectsSearchResult(AirbyteSearchResult[ExpensesProjectsSearchData]):
    """A ``context_store_search`` of expenses_projects: ``.data`` ExpensesProjectsSearchData, ``.meta``."""


class ExpensesCategoriesSearchData(SearchData):
    """A expenses_categories record of the context store: the fields below (None when absent), and any other field
    the store returned, as attributes.
    """

    billable_amount: Optional[float]
    currency: Optional[str]
    expense_category_id: Optional[int]
    expense_category_name: Optional[str]
    total_amount: Optional[float]


class ExpensesCategoriesSearchResult(AirbyteSearchResult[ExpensesCategoriesSearchData]):
    """A ``context_store_search`` of expenses_categories: ``.data`` ExpensesCategoriesSearchData, ``.meta``."""


class ExpensesTeamSearchData(SearchData):
    """A expenses_team record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    billable_amount: Optional[float]
    currency: Optional[str]
    is_contractor: Optional[bool]
    total_amount: Optional[float]
    user_id: Optional[int]
    user_name: Optional[str]


class ExpensesTeamSearchResult(AirbyteSearchResult[ExpensesTeamSearchData]):
    """A ``context_store_search`` of expenses_team: ``.data`` ExpensesTeamSearchData, ``.meta``."""


class UninvoicedSearchData(SearchData):
    """A uninvoiced record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    client_id: Optional[int]
    client_name: Optional[str]
    currency: Optional[str]
    project_id: Optional[int]
    project_name: Optional[str]
    total_hours: Optional[float]
    uninvoiced_amount: Optional[int]
    uninvoiced_expenses: Optional[int]
    uninvoiced_hours: Optional[float]


class UninvoicedSearchResult(AirbyteSearchResult[UninvoicedSearchData]):
    """A ``context_store_search`` of uninvoiced: ``.data`` UninvoicedSearchData, ``.meta``."""


class ProjectBudgetSearchData(SearchData):
    """A project_budget record of the context store: the fields below (None when absent), and any other field the
    store returned, as attributes.
    """

    budget: Optional[int]
    budget_by: Optional[str]
    budget_is_monthly: Optional[bool]
    budget_remaining: Optional[int]
    budget_spent: Optional[int]
    client_id: Optional[int]
    client_name: Optional[str]
    is_active: Optional[bool]
    project_id: Optional[int]
    project_name: Optional[str]


class ProjectBudgetSearchResult(AirbyteSearchResult[ProjectBudgetSearchData]):
    """A ``context_store_search`` of project_budget: ``.data`` ProjectBudgetSearchData, ``.meta``."""


class AccountsSearchData(SearchData):
    """A accounts record of the context store: the fields below (None when absent), and any other field the store
    returned, as attributes.
    """

    id: Optional[int]
    name: Optional[str]
    product: Optional[str]


class AccountsSearchResult(AirbyteSearchResult[AccountsSearchData]):
    """A ``context_store_search`` of accounts: ``.data`` AccountsSearchData, ``.meta``."""


__all__ = [
    "UsersSearchData",
    "UsersSearchResult",
    "ClientsSearchData",
    "ClientsSearchResult",
    "ContactsSearchData",
    "ContactsSearchResult",
    "CompanySearchData",
    "CompanySearchResult",
    "ProjectsSearchData",
    "ProjectsSearchResult",
    "TasksSearchData",
    "TasksSearchResult",
    "TimeEntriesSearchData",
    "TimeEntriesSearchResult",
    "InvoicesSearchData",
    "InvoicesSearchResult",
    "InvoiceMessagesSearchData",
    "InvoiceMessagesSearchResult",
    "InvoicePaymentsSearchData",
    "InvoicePaymentsSearchResult",
    "InvoiceItemCategoriesSearchData",
    "InvoiceItemCategoriesSearchResult",
    "EstimatesSearchData",
    "EstimatesSearchResult",
    "EstimateMessagesSearchData",
    "EstimateMessagesSearchResult",
    "EstimateItemCategoriesSearchData",
    "EstimateItemCategoriesSearchResult",
    "ExpensesSearchData",
    "ExpensesSearchResult",
    "ExpenseCategoriesSearchData",
    "ExpenseCategoriesSearchResult",
    "RolesSearchData",
    "RolesSearchResult",
    "UserAssignmentsSearchData",
    "UserAssignmentsSearchResult",
    "TaskAssignmentsSearchData",
    "TaskAssignmentsSearchResult",
    "ProjectUserAssignmentsSearchData",
    "ProjectUserAssignmentsSearchResult",
    "ProjectTaskAssignmentsSearchData",
    "ProjectTaskAssignmentsSearchResult",
    "UserProjectAssignmentsSearchData",
    "UserProjectAssignmentsSearchResult",
    "UserTeammatesSearchData",
    "UserTeammatesSearchResult",
    "UserBillableRatesSearchData",
    "UserBillableRatesSearchResult",
    "UserCostRatesSearchData",
    "UserCostRatesSearchResult",
    "TimeClientsSearchData",
    "TimeClientsSearchResult",
    "TimeProjectsSearchData",
    "TimeProjectsSearchResult",
    "TimeTasksSearchData",
    "TimeTasksSearchResult",
    "TimeTeamSearchData",
    "TimeTeamSearchResult",
    "ExpensesClientsSearchData",
    "ExpensesClientsSearchResult",
    "ExpensesProjectsSearchData",
    "ExpensesProjectsSearchResult",
    "ExpensesCategoriesSearchData",
    "ExpensesCategoriesSearchResult",
    "ExpensesTeamSearchData",
    "ExpensesTeamSearchResult",
    "UninvoicedSearchData",
    "UninvoicedSearchResult",
    "ProjectBudgetSearchData",
    "ProjectBudgetSearchResult",
    "AccountsSearchData",
    "AccountsSearchResult",
]
