"""Parameters of every Harvest entity and action, as TypedDicts.

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

import datetime
import decimal
import os
from collections.abc import Mapping, Sequence
from typing import Any, Literal, TypedDict, Union


class UsersListParams(TypedDict, total=False):
    """Params of ``users.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class UsersGetParams(TypedDict):
    """Params of ``users.get``."""

    id: Union[int, str]


class UsersMeParams(TypedDict, total=False):
    """Params of ``users.me``."""


class _UsersCreateParamsRequired(TypedDict):
    first_name: str
    last_name: str
    email: str


class UsersCreateParams(_UsersCreateParamsRequired, total=False):
    """Params of ``users.create``."""

    timezone: str
    has_access_to_all_future_projects: bool
    is_contractor: bool
    is_active: bool
    weekly_capacity: int
    default_hourly_rate: Union[float, str, decimal.Decimal]
    cost_rate: Union[float, str, decimal.Decimal]
    roles: Sequence[str]
    access_roles: Sequence[str]


class _UsersUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class UsersUpdateParams(_UsersUpdateParamsRequired, total=False):
    """Params of ``users.update``."""

    first_name: str
    last_name: str
    email: str
    timezone: str
    has_access_to_all_future_projects: bool
    is_contractor: bool
    is_active: bool
    weekly_capacity: int
    roles: Sequence[str]
    access_roles: Sequence[str]


class UsersDeleteParams(TypedDict):
    """Params of ``users.delete``."""

    id: Union[int, str]


class ClientsListParams(TypedDict, total=False):
    """Params of ``clients.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class ClientsGetParams(TypedDict):
    """Params of ``clients.get``."""

    id: Union[int, str]


class _ClientsCreateParamsRequired(TypedDict):
    name: str


class ClientsCreateParams(_ClientsCreateParamsRequired, total=False):
    """Params of ``clients.create``."""

    is_active: bool
    address: str
    currency: str


class _ClientsUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class ClientsUpdateParams(_ClientsUpdateParamsRequired, total=False):
    """Params of ``clients.update``."""

    name: str
    is_active: bool
    address: str
    currency: str


class ClientsDeleteParams(TypedDict):
    """Params of ``clients.delete``."""

    id: Union[int, str]


class ContactsListParams(TypedDict, total=False):
    """Params of ``contacts.list``."""

    client_id: Union[int, str]
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class ContactsGetParams(TypedDict):
    """Params of ``contacts.get``."""

    id: Union[int, str]


class _ContactsCreateParamsRequired(TypedDict):
    client_id: Union[int, str]
    first_name: str


class ContactsCreateParams(_ContactsCreateParamsRequired, total=False):
    """Params of ``contacts.create``."""

    title: str
    last_name: str
    email: str
    phone_office: str
    phone_mobile: str
    fax: str


class _ContactsUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class ContactsUpdateParams(_ContactsUpdateParamsRequired, total=False):
    """Params of ``contacts.update``."""

    client_id: Union[int, str]
    title: str
    first_name: str
    last_name: str
    email: str
    phone_office: str
    phone_mobile: str
    fax: str


class ContactsDeleteParams(TypedDict):
    """Params of ``contacts.delete``."""

    id: Union[int, str]


class CompanyGetParams(TypedDict, total=False):
    """Params of ``company.get``."""


class CompanyUpdateParams(TypedDict, total=False):
    """Params of ``company.update``."""

    wants_timestamp_timers: bool
    weekly_capacity: int


class ProjectsListParams(TypedDict, total=False):
    """Params of ``projects.list``."""

    is_active: bool
    client_id: Union[int, str]
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class ProjectsGetParams(TypedDict):
    """Params of ``projects.get``."""

    id: Union[int, str]


class _ProjectsCreateParamsRequired(TypedDict):
    client_id: Union[int, str]
    name: str
    is_billable: bool
    bill_by: Literal["Project", "Tasks", "People", "none"]
    budget_by: Literal["project", "project_cost", "task", "task_fees", "person", "none"]


class ProjectsCreateParams(_ProjectsCreateParamsRequired, total=False):
    """Params of ``projects.create``."""

    code: str
    is_active: bool
    is_fixed_fee: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget_is_monthly: bool
    budget: Union[float, str, decimal.Decimal]
    cost_budget: Union[float, str, decimal.Decimal]
    cost_budget_include_expenses: bool
    notify_when_over_budget: bool
    over_budget_notification_percentage: Union[float, str, decimal.Decimal]
    show_budget_to_all: bool
    fee: Union[float, str, decimal.Decimal]
    notes: str
    starts_on: Union[str, datetime.date]
    ends_on: Union[str, datetime.date]


class _ProjectsUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class ProjectsUpdateParams(_ProjectsUpdateParamsRequired, total=False):
    """Params of ``projects.update``."""

    client_id: Union[int, str]
    name: str
    is_billable: bool
    bill_by: Literal["Project", "Tasks", "People", "none"]
    budget_by: Literal["project", "project_cost", "task", "task_fees", "person", "none"]
    code: str
    is_active: bool
    is_fixed_fee: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget_is_monthly: bool
    budget: Union[float, str, decimal.Decimal]
    cost_budget: Union[float, str, decimal.Decimal]
    cost_budget_include_expenses: bool
    notify_when_over_budget: bool
    over_budget_notification_percentage: Union[float, str, decimal.Decimal]
    show_budget_to_all: bool
    fee: Union[float, str, decimal.Decimal]
    notes: str
    starts_on: Union[str, datetime.date]
    ends_on: Union[str, datetime.date]


class ProjectsDeleteParams(TypedDict):
    """Params of ``projects.delete``."""

    id: Union[int, str]


class TasksListParams(TypedDict, total=False):
    """Params of ``tasks.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class TasksGetParams(TypedDict):
    """Params of ``tasks.get``."""

    id: Union[int, str]


class _TasksCreateParamsRequired(TypedDict):
    name: str


class TasksCreateParams(_TasksCreateParamsRequired, total=False):
    """Params of ``tasks.create``."""

    billable_by_default: bool
    default_hourly_rate: Union[float, str, decimal.Decimal]
    is_default: bool
    is_active: bool


class _TasksUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class TasksUpdateParams(_TasksUpdateParamsRequired, total=False):
    """Params of ``tasks.update``."""

    name: str
    billable_by_default: bool
    default_hourly_rate: Union[float, str, decimal.Decimal]
    is_default: bool
    is_active: bool


class TasksDeleteParams(TypedDict):
    """Params of ``tasks.delete``."""

    id: Union[int, str]


class TimeEntriesListParams(TypedDict, total=False):
    """Params of ``time_entries.list``."""

    user_id: Union[int, str]
    client_id: Union[int, str]
    project_id: Union[int, str]
    task_id: Union[int, str]
    external_reference_id: str
    is_billed: bool
    is_running: bool
    approval_status: Literal["unsubmitted", "submitted", "approved"]
    updated_since: Union[str, datetime.datetime]
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]
    per_page: int
    page: int
    cursor: str
    limit: int


class TimeEntriesGetParams(TypedDict):
    """Params of ``time_entries.get``."""

    id: Union[int, str]


class _TimeEntriesCreateParamsRequired(TypedDict):
    project_id: Union[int, str]
    task_id: Union[int, str]
    spent_date: Union[str, datetime.date]


class TimeEntriesCreateParams(_TimeEntriesCreateParamsRequired, total=False):
    """Params of ``time_entries.create``."""

    user_id: Union[int, str]
    hours: Union[float, str, decimal.Decimal]
    started_time: str
    ended_time: str
    notes: str
    external_reference: Mapping[str, Any]


class _TimeEntriesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class TimeEntriesUpdateParams(_TimeEntriesUpdateParamsRequired, total=False):
    """Params of ``time_entries.update``."""

    project_id: Union[int, str]
    task_id: Union[int, str]
    spent_date: Union[str, datetime.date]
    hours: Union[float, str, decimal.Decimal]
    started_time: str
    ended_time: str
    notes: str
    external_reference: Mapping[str, Any]


class TimeEntriesDeleteParams(TypedDict):
    """Params of ``time_entries.delete``."""

    id: Union[int, str]


class TimeEntriesStopParams(TypedDict):
    """Params of ``time_entries.stop``."""

    id: Union[int, str]


class TimeEntriesRestartParams(TypedDict):
    """Params of ``time_entries.restart``."""

    id: Union[int, str]


class TimeEntriesDeleteExternalReferenceParams(TypedDict):
    """Params of ``time_entries.delete_external_reference``."""

    id: Union[int, str]


class InvoicesListParams(TypedDict, total=False):
    """Params of ``invoices.list``."""

    client_id: Union[int, str]
    project_id: Union[int, str]
    updated_since: Union[str, datetime.datetime]
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]
    state: Literal["draft", "open", "paid", "closed"]
    per_page: int
    page: int
    cursor: str
    limit: int


class InvoicesGetParams(TypedDict):
    """Params of ``invoices.get``."""

    id: Union[int, str]


class _InvoicesCreateParamsRequired(TypedDict):
    client_id: Union[int, str]


class InvoicesCreateParams(_InvoicesCreateParamsRequired, total=False):
    """Params of ``invoices.create``."""

    retainer_id: Union[int, str]
    estimate_id: Union[int, str]
    number: str
    purchase_order: str
    tax: Union[float, str, decimal.Decimal]
    tax2: Union[float, str, decimal.Decimal]
    discount: Union[float, str, decimal.Decimal]
    subject: str
    notes: str
    currency: str
    issue_date: Union[str, datetime.date]
    due_date: Union[str, datetime.date]
    payment_term: Literal["upon receipt", "net 15", "net 30", "net 45", "net 60", "custom"]
    payment_options: Sequence[Literal["ach", "credit_card", "paypal"]]
    line_items: Sequence[Mapping[str, Any]]
    line_items_import: Mapping[str, Any]


class _InvoicesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class InvoicesUpdateParams(_InvoicesUpdateParamsRequired, total=False):
    """Params of ``invoices.update``."""

    client_id: Union[int, str]
    retainer_id: Union[int, str]
    estimate_id: Union[int, str]
    number: str
    purchase_order: str
    tax: Union[float, str, decimal.Decimal]
    tax2: Union[float, str, decimal.Decimal]
    discount: Union[float, str, decimal.Decimal]
    subject: str
    notes: str
    currency: str
    issue_date: Union[str, datetime.date]
    due_date: Union[str, datetime.date]
    payment_term: Literal["upon receipt", "net 15", "net 30", "net 45", "net 60"]
    payment_options: Sequence[Literal["ach", "credit_card", "paypal"]]
    line_items: Sequence[Mapping[str, Any]]


class InvoicesDeleteParams(TypedDict):
    """Params of ``invoices.delete``."""

    id: Union[int, str]


class InvoicesMarkSentParams(TypedDict):
    """Params of ``invoices.mark_sent``."""

    id: Union[int, str]


class InvoicesMarkDraftParams(TypedDict):
    """Params of ``invoices.mark_draft``."""

    id: Union[int, str]


class InvoicesCloseParams(TypedDict):
    """Params of ``invoices.close``."""

    id: Union[int, str]


class InvoicesReopenParams(TypedDict):
    """Params of ``invoices.reopen``."""

    id: Union[int, str]


class _InvoiceMessagesListParamsRequired(TypedDict):
    invoice_id: Union[int, str]


class InvoiceMessagesListParams(_InvoiceMessagesListParamsRequired, total=False):
    """Params of ``invoice_messages.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class _InvoiceMessagesTemplateParamsRequired(TypedDict):
    invoice_id: Union[int, str]


class InvoiceMessagesTemplateParams(_InvoiceMessagesTemplateParamsRequired, total=False):
    """Params of ``invoice_messages.template``."""

    thank_you: bool
    reminder: bool


class _InvoiceMessagesCreateParamsRequired(TypedDict):
    invoice_id: Union[int, str]


class InvoiceMessagesCreateParams(_InvoiceMessagesCreateParamsRequired, total=False):
    """Params of ``invoice_messages.create``."""

    recipients: Sequence[Mapping[str, Any]]
    subject: str
    body: str
    attach_pdf: bool
    send_me_a_copy: bool
    thank_you: bool


class InvoiceMessagesDeleteParams(TypedDict):
    """Params of ``invoice_messages.delete``."""

    invoice_id: Union[int, str]
    id: Union[int, str]


class _InvoicePaymentsListParamsRequired(TypedDict):
    invoice_id: Union[int, str]


class InvoicePaymentsListParams(_InvoicePaymentsListParamsRequired, total=False):
    """Params of ``invoice_payments.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class _InvoicePaymentsCreateParamsRequired(TypedDict):
    invoice_id: Union[int, str]
    amount: Union[float, str, decimal.Decimal]


class InvoicePaymentsCreateParams(_InvoicePaymentsCreateParamsRequired, total=False):
    """Params of ``invoice_payments.create``."""

    paid_at: Union[str, datetime.datetime]
    paid_date: Union[str, datetime.date]
    notes: str
    send_thank_you: bool


class InvoicePaymentsDeleteParams(TypedDict):
    """Params of ``invoice_payments.delete``."""

    invoice_id: Union[int, str]
    id: Union[int, str]


class InvoiceItemCategoriesListParams(TypedDict, total=False):
    """Params of ``invoice_item_categories.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class InvoiceItemCategoriesGetParams(TypedDict):
    """Params of ``invoice_item_categories.get``."""

    id: Union[int, str]


class InvoiceItemCategoriesCreateParams(TypedDict):
    """Params of ``invoice_item_categories.create``."""

    name: str


class _InvoiceItemCategoriesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class InvoiceItemCategoriesUpdateParams(_InvoiceItemCategoriesUpdateParamsRequired, total=False):
    """Params of ``invoice_item_categories.update``."""

    name: str


class InvoiceItemCategoriesDeleteParams(TypedDict):
    """Params of ``invoice_item_categories.delete``."""

    id: Union[int, str]


class EstimatesListParams(TypedDict, total=False):
    """Params of ``estimates.list``."""

    client_id: Union[int, str]
    updated_since: Union[str, datetime.datetime]
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]
    state: Literal["draft", "sent", "accepted", "declined"]
    per_page: int
    page: int
    cursor: str
    limit: int


class EstimatesGetParams(TypedDict):
    """Params of ``estimates.get``."""

    id: Union[int, str]


class _EstimatesCreateParamsRequired(TypedDict):
    client_id: Union[int, str]


class EstimatesCreateParams(_EstimatesCreateParamsRequired, total=False):
    """Params of ``estimates.create``."""

    number: str
    purchase_order: str
    tax: Union[float, str, decimal.Decimal]
    tax2: Union[float, str, decimal.Decimal]
    discount: Union[float, str, decimal.Decimal]
    subject: str
    notes: str
    currency: str
    issue_date: Union[str, datetime.date]
    line_items: Sequence[Mapping[str, Any]]


class _EstimatesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class EstimatesUpdateParams(_EstimatesUpdateParamsRequired, total=False):
    """Params of ``estimates.update``."""

    client_id: Union[int, str]
    number: str
    purchase_order: str
    tax: Union[float, str, decimal.Decimal]
    tax2: Union[float, str, decimal.Decimal]
    discount: Union[float, str, decimal.Decimal]
    subject: str
    notes: str
    currency: str
    issue_date: Union[str, datetime.date]
    line_items: Sequence[Mapping[str, Any]]


class EstimatesDeleteParams(TypedDict):
    """Params of ``estimates.delete``."""

    id: Union[int, str]


class EstimatesMarkSentParams(TypedDict):
    """Params of ``estimates.mark_sent``."""

    id: Union[int, str]


class EstimatesAcceptParams(TypedDict):
    """Params of ``estimates.accept``."""

    id: Union[int, str]


class EstimatesDeclineParams(TypedDict):
    """Params of ``estimates.decline``."""

    id: Union[int, str]


class EstimatesReopenParams(TypedDict):
    """Params of ``estimates.reopen``."""

    id: Union[int, str]


class _EstimateMessagesListParamsRequired(TypedDict):
    estimate_id: Union[int, str]


class EstimateMessagesListParams(_EstimateMessagesListParamsRequired, total=False):
    """Params of ``estimate_messages.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class _EstimateMessagesCreateParamsRequired(TypedDict):
    estimate_id: Union[int, str]
    recipients: Sequence[Mapping[str, Any]]


class EstimateMessagesCreateParams(_EstimateMessagesCreateParamsRequired, total=False):
    """Params of ``estimate_messages.create``."""

    subject: str
    body: str
    send_me_a_copy: bool


class EstimateMessagesDeleteParams(TypedDict):
    """Params of ``estimate_messages.delete``."""

    estimate_id: Union[int, str]
    id: Union[int, str]


class EstimateItemCategoriesListParams(TypedDict, total=False):
    """Params of ``estimate_item_categories.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class EstimateItemCategoriesGetParams(TypedDict):
    """Params of ``estimate_item_categories.get``."""

    id: Union[int, str]


class EstimateItemCategoriesCreateParams(TypedDict):
    """Params of ``estimate_item_categories.create``."""

    name: str


class _EstimateItemCategoriesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class EstimateItemCategoriesUpdateParams(_EstimateItemCategoriesUpdateParamsRequired, total=False):
    """Params of ``estimate_item_categories.update``."""

    name: str


class EstimateItemCategoriesDeleteParams(TypedDict):
    """Params of ``estimate_item_categories.delete``."""

    id: Union[int, str]


class ExpensesListParams(TypedDict, total=False):
    """Params of ``expenses.list``."""

    user_id: Union[int, str]
    client_id: Union[int, str]
    project_id: Union[int, str]
    is_billed: bool
    approval_status: Literal["unsubmitted", "submitted", "approved"]
    updated_since: Union[str, datetime.datetime]
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]
    per_page: int
    page: int
    cursor: str
    limit: int


class ExpensesGetParams(TypedDict):
    """Params of ``expenses.get``."""

    id: Union[int, str]


class _ExpensesCreateParamsRequired(TypedDict):
    project_id: Union[int, str]
    expense_category_id: Union[int, str]
    spent_date: Union[str, datetime.date]


class ExpensesCreateParams(_ExpensesCreateParamsRequired, total=False):
    """Params of ``expenses.create``."""

    user_id: Union[int, str]
    units: int
    total_cost: Union[float, str, decimal.Decimal]
    notes: str
    billable: bool
    receipt: Union[str, os.PathLike[str], bytes, tuple[str, bytes]]


class _ExpensesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class ExpensesUpdateParams(_ExpensesUpdateParamsRequired, total=False):
    """Params of ``expenses.update``."""

    project_id: Union[int, str]
    expense_category_id: Union[int, str]
    spent_date: Union[str, datetime.date]
    units: int
    total_cost: Union[float, str, decimal.Decimal]
    notes: str
    billable: bool
    receipt: Union[str, os.PathLike[str], bytes, tuple[str, bytes]]
    delete_receipt: bool


class ExpensesDeleteParams(TypedDict):
    """Params of ``expenses.delete``."""

    id: Union[int, str]


class ExpenseCategoriesListParams(TypedDict, total=False):
    """Params of ``expense_categories.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class ExpenseCategoriesGetParams(TypedDict):
    """Params of ``expense_categories.get``."""

    id: Union[int, str]


class _ExpenseCategoriesCreateParamsRequired(TypedDict):
    name: str


class ExpenseCategoriesCreateParams(_ExpenseCategoriesCreateParamsRequired, total=False):
    """Params of ``expense_categories.create``."""

    unit_name: str
    unit_price: Union[float, str, decimal.Decimal]
    is_active: bool


class _ExpenseCategoriesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class ExpenseCategoriesUpdateParams(_ExpenseCategoriesUpdateParamsRequired, total=False):
    """Params of ``expense_categories.update``."""

    name: str
    unit_name: str
    unit_price: Union[float, str, decimal.Decimal]
    is_active: bool


class ExpenseCategoriesDeleteParams(TypedDict):
    """Params of ``expense_categories.delete``."""

    id: Union[int, str]


class RolesListParams(TypedDict, total=False):
    """Params of ``roles.list``."""

    per_page: int
    cursor: str
    limit: int


class RolesGetParams(TypedDict):
    """Params of ``roles.get``."""

    id: Union[int, str]


class _RolesCreateParamsRequired(TypedDict):
    name: str


class RolesCreateParams(_RolesCreateParamsRequired, total=False):
    """Params of ``roles.create``."""

    user_ids: Sequence[Union[int, str]]


class _RolesUpdateParamsRequired(TypedDict):
    id: Union[int, str]


class RolesUpdateParams(_RolesUpdateParamsRequired, total=False):
    """Params of ``roles.update``."""

    name: str
    user_ids: Sequence[Union[int, str]]


class RolesDeleteParams(TypedDict):
    """Params of ``roles.delete``."""

    id: Union[int, str]


class UserAssignmentsListParams(TypedDict, total=False):
    """Params of ``user_assignments.list``."""

    user_id: Union[int, str]
    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class TaskAssignmentsListParams(TypedDict, total=False):
    """Params of ``task_assignments.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class _ProjectUserAssignmentsListParamsRequired(TypedDict):
    project_id: Union[int, str]


class ProjectUserAssignmentsListParams(_ProjectUserAssignmentsListParamsRequired, total=False):
    """Params of ``project_user_assignments.list``."""

    user_id: Union[int, str]
    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    page: int
    cursor: str
    limit: int


class ProjectUserAssignmentsGetParams(TypedDict):
    """Params of ``project_user_assignments.get``."""

    project_id: Union[int, str]
    id: Union[int, str]


class _ProjectUserAssignmentsCreateParamsRequired(TypedDict):
    project_id: Union[int, str]
    user_id: Union[int, str]


class ProjectUserAssignmentsCreateParams(_ProjectUserAssignmentsCreateParamsRequired, total=False):
    """Params of ``project_user_assignments.create``."""

    is_active: bool
    is_project_manager: bool
    use_default_rates: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget: Union[float, str, decimal.Decimal]


class _ProjectUserAssignmentsUpdateParamsRequired(TypedDict):
    project_id: Union[int, str]
    id: Union[int, str]


class ProjectUserAssignmentsUpdateParams(_ProjectUserAssignmentsUpdateParamsRequired, total=False):
    """Params of ``project_user_assignments.update``."""

    is_active: bool
    is_project_manager: bool
    use_default_rates: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget: Union[float, str, decimal.Decimal]


class ProjectUserAssignmentsDeleteParams(TypedDict):
    """Params of ``project_user_assignments.delete``."""

    project_id: Union[int, str]
    id: Union[int, str]


class _ProjectTaskAssignmentsListParamsRequired(TypedDict):
    project_id: Union[int, str]


class ProjectTaskAssignmentsListParams(_ProjectTaskAssignmentsListParamsRequired, total=False):
    """Params of ``project_task_assignments.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    page: int
    cursor: str
    limit: int


class ProjectTaskAssignmentsGetParams(TypedDict):
    """Params of ``project_task_assignments.get``."""

    project_id: Union[int, str]
    id: Union[int, str]


class _ProjectTaskAssignmentsCreateParamsRequired(TypedDict):
    project_id: Union[int, str]
    task_id: Union[int, str]


class ProjectTaskAssignmentsCreateParams(_ProjectTaskAssignmentsCreateParamsRequired, total=False):
    """Params of ``project_task_assignments.create``."""

    is_active: bool
    billable: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget: Union[float, str, decimal.Decimal]


class _ProjectTaskAssignmentsUpdateParamsRequired(TypedDict):
    project_id: Union[int, str]
    id: Union[int, str]


class ProjectTaskAssignmentsUpdateParams(_ProjectTaskAssignmentsUpdateParamsRequired, total=False):
    """Params of ``project_task_assignments.update``."""

    is_active: bool
    billable: bool
    hourly_rate: Union[float, str, decimal.Decimal]
    budget: Union[float, str, decimal.Decimal]


class ProjectTaskAssignmentsDeleteParams(TypedDict):
    """Params of ``project_task_assignments.delete``."""

    project_id: Union[int, str]
    id: Union[int, str]


class _UserProjectAssignmentsListParamsRequired(TypedDict):
    user_id: Union[int, str]


class UserProjectAssignmentsListParams(_UserProjectAssignmentsListParamsRequired, total=False):
    """Params of ``user_project_assignments.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class UserProjectAssignmentsListMineParams(TypedDict, total=False):
    """Params of ``user_project_assignments.list_mine``."""

    per_page: int
    page: int
    cursor: str
    limit: int


class _UserTeammatesListParamsRequired(TypedDict):
    user_id: Union[int, str]


class UserTeammatesListParams(_UserTeammatesListParamsRequired, total=False):
    """Params of ``user_teammates.list``."""

    per_page: int
    cursor: str
    limit: int


class UserTeammatesUpdateParams(TypedDict):
    """Params of ``user_teammates.update``."""

    user_id: Union[int, str]
    teammate_ids: Sequence[Union[int, str]]


class _UserBillableRatesListParamsRequired(TypedDict):
    user_id: Union[int, str]


class UserBillableRatesListParams(_UserBillableRatesListParamsRequired, total=False):
    """Params of ``user_billable_rates.list``."""

    per_page: int
    cursor: str
    limit: int


class UserBillableRatesGetParams(TypedDict):
    """Params of ``user_billable_rates.get``."""

    user_id: Union[int, str]
    id: Union[int, str]


class _UserBillableRatesCreateParamsRequired(TypedDict):
    user_id: Union[int, str]
    amount: Union[float, str, decimal.Decimal]


class UserBillableRatesCreateParams(_UserBillableRatesCreateParamsRequired, total=False):
    """Params of ``user_billable_rates.create``."""

    start_date: Union[str, datetime.date]


class _UserCostRatesListParamsRequired(TypedDict):
    user_id: Union[int, str]


class UserCostRatesListParams(_UserCostRatesListParamsRequired, total=False):
    """Params of ``user_cost_rates.list``."""

    per_page: int
    cursor: str
    limit: int


class UserCostRatesGetParams(TypedDict):
    """Params of ``user_cost_rates.get``."""

    user_id: Union[int, str]
    id: Union[int, str]


class _UserCostRatesCreateParamsRequired(TypedDict):
    user_id: Union[int, str]
    amount: Union[float, str, decimal.Decimal]


class UserCostRatesCreateParams(_UserCostRatesCreateParamsRequired, total=False):
    """Params of ``user_cost_rates.create``."""

    start_date: Union[str, datetime.date]


class _TimeClientsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeClientsListParams(_TimeClientsListParamsRequired, total=False):
    """Params of ``time_clients.list``."""

    include_fixed_fee: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class _TimeProjectsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeProjectsListParams(_TimeProjectsListParamsRequired, total=False):
    """Params of ``time_projects.list``."""

    include_fixed_fee: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class _TimeTasksListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeTasksListParams(_TimeTasksListParamsRequired, total=False):
    """Params of ``time_tasks.list``."""

    include_fixed_fee: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class _TimeTeamListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeTeamListParams(_TimeTeamListParamsRequired, total=False):
    """Params of ``time_team.list``."""

    include_fixed_fee: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class _ExpensesClientsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesClientsListParams(_ExpensesClientsListParamsRequired, total=False):
    """Params of ``expenses_clients.list``."""

    per_page: int
    page: int
    cursor: str
    limit: int


class _ExpensesProjectsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesProjectsListParams(_ExpensesProjectsListParamsRequired, total=False):
    """Params of ``expenses_projects.list``."""

    per_page: int
    page: int
    cursor: str
    limit: int


class _ExpensesCategoriesListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesCategoriesListParams(_ExpensesCategoriesListParamsRequired, total=False):
    """Params of ``expenses_categories.list``."""

    per_page: int
    page: int
    cursor: str
    limit: int


class _ExpensesTeamListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesTeamListParams(_ExpensesTeamListParamsRequired, total=False):
    """Params of ``expenses_team.list``."""

    per_page: int
    page: int
    cursor: str
    limit: int


class _UninvoicedListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class UninvoicedListParams(_UninvoicedListParamsRequired, total=False):
    """Params of ``uninvoiced.list``."""

    include_fixed_fee: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class ProjectBudgetListParams(TypedDict, total=False):
    """Params of ``project_budget.list``."""

    is_active: bool
    per_page: int
    page: int
    cursor: str
    limit: int


class AccountsListParams(TypedDict, total=False):
    """Params of ``accounts.list``."""


__all__ = [
    "UsersListParams",
    "UsersGetParams",
    "UsersMeParams",
    "UsersCreateParams",
    "UsersUpdateParams",
    "UsersDeleteParams",
    "ClientsListParams",
    "ClientsGetParams",
    "ClientsCreateParams",
    "ClientsUpdateParams",
    "ClientsDeleteParams",
    "ContactsListParams",
    "ContactsGetParams",
    "ContactsCreateParams",
    "ContactsUpdateParams",
    "ContactsDeleteParams",
    "CompanyGetParams",
    "CompanyUpdateParams",
    "ProjectsListParams",
    "ProjectsGetParams",
    "ProjectsCreateParams",
    "ProjectsUpdateParams",
    "ProjectsDeleteParams",
    "TasksListParams",
    "TasksGetParams",
    "TasksCreateParams",
    "TasksUpdateParams",
    "TasksDeleteParams",
    "TimeEntriesListParams",
    "TimeEntriesGetParams",
    "TimeEntriesCreateParams",
    "TimeEntriesUpdateParams",
    "TimeEntriesDeleteParams",
    "TimeEntriesStopParams",
    "TimeEntriesRestartParams",
    "TimeEntriesDeleteExternalReferenceParams",
    "InvoicesListParams",
    "InvoicesGetParams",
    "InvoicesCreateParams",
    "InvoicesUpdateParams",
    "InvoicesDeleteParams",
    "InvoicesMarkSentParams",
    "InvoicesMarkDraftParams",
    "InvoicesCloseParams",
    "InvoicesReopenParams",
    "InvoiceMessagesListParams",
    "InvoiceMessagesTemplateParams",
    "InvoiceMessagesCreateParams",
    "InvoiceMessagesDeleteParams",
    "InvoicePaymentsListParams",
    "InvoicePaymentsCreateParams",
    "InvoicePaymentsDeleteParams",
    "InvoiceItemCategoriesListParams",
    "InvoiceItemCategoriesGetParams",
    "InvoiceItemCategoriesCreateParams",
    "InvoiceItemCategoriesUpdateParams",
    "InvoiceItemCategoriesDeleteParams",
    "EstimatesListParams",
    "EstimatesGetParams",
    "EstimatesCreateParams",
    "EstimatesUpdateParams",
    "EstimatesDeleteParams",
    "EstimatesMarkSentParams",
    "EstimatesAcceptParams",
    "EstimatesDeclineParams",
    "EstimatesReopenParams",
    "EstimateMessagesListParams",
    "EstimateMessagesCreateParams",
    "EstimateMessagesDeleteParams",
    "EstimateItemCategoriesListParams",
    "EstimateItemCategoriesGetParams",
    "EstimateItemCategoriesCreateParams",
    "EstimateItemCategoriesUpdateParams",
    "EstimateItemCategoriesDeleteParams",
    "ExpensesListParams",
    "ExpensesGetParams",
    "ExpensesCreateParams",
    "ExpensesUpdateParams",
    "ExpensesDeleteParams",
    "ExpenseCategoriesListParams",
    "ExpenseCategoriesGetParams",
    "ExpenseCategoriesCreateParams",
    "ExpenseCategoriesUpdateParams",
    "ExpenseCategoriesDeleteParams",
    "RolesListParams",
    "RolesGetParams",
    "RolesCreateParams",
    "RolesUpdateParams",
    "RolesDeleteParams",
    "UserAssignmentsListParams",
    "TaskAssignmentsListParams",
    "ProjectUserAssignmentsListParams",
    "ProjectUserAssignmentsGetParams",
    "ProjectUserAssignmentsCreateParams",
    "ProjectUserAssignmentsUpdateParams",
    "ProjectUserAssignmentsDeleteParams",
    "ProjectTaskAssignmentsListParams",
    "ProjectTaskAssignmentsGetParams",
    "ProjectTaskAssignmentsCreateParams",
    "ProjectTaskAssignmentsUpdateParams",
    "ProjectTaskAssignmentsDeleteParams",
    "UserProjectAssignmentsListParams",
    "UserProjectAssignmentsListMineParams",
    "UserTeammatesListParams",
    "UserTeammatesUpdateParams",
    "UserBillableRatesListParams",
    "UserBillableRatesGetParams",
    "UserBillableRatesCreateParams",
    "UserCostRatesListParams",
    "UserCostRatesGetParams",
    "UserCostRatesCreateParams",
    "TimeClientsListParams",
    "TimeProjectsListParams",
    "TimeTasksListParams",
    "TimeTeamListParams",
    "ExpensesClientsListParams",
    "ExpensesProjectsListParams",
    "ExpensesCategoriesListParams",
    "ExpensesTeamListParams",
    "UninvoicedListParams",
    "ProjectBudgetListParams",
    "AccountsListParams",
]
