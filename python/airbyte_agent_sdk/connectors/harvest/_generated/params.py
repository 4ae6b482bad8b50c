"""Parameters of every Harvest entity and action, as TypedDicts.

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

import datetime
from typing import Literal, TypedDict, Union


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


class CompanyGetParams(TypedDict, total=False):
    """Params of ``company.get``."""


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
    cursor: str
    limit: int


class TimeEntriesGetParams(TypedDict):
    """Params of ``time_entries.get``."""

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
    cursor: str
    limit: int


class InvoicesGetParams(TypedDict):
    """Params of ``invoices.get``."""

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


class _InvoicePaymentsListParamsRequired(TypedDict):
    invoice_id: Union[int, str]


class InvoicePaymentsListParams(_InvoicePaymentsListParamsRequired, total=False):
    """Params of ``invoice_payments.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class InvoiceItemCategoriesListParams(TypedDict, total=False):
    """Params of ``invoice_item_categories.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class InvoiceItemCategoriesGetParams(TypedDict):
    """Params of ``invoice_item_categories.get``."""

    id: Union[int, str]


class EstimatesListParams(TypedDict, total=False):
    """Params of ``estimates.list``."""

    client_id: Union[int, str]
    updated_since: Union[str, datetime.datetime]
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]
    state: Literal["draft", "sent", "accepted", "declined"]
    per_page: int
    cursor: str
    limit: int


class EstimatesGetParams(TypedDict):
    """Params of ``estimates.get``."""

    id: Union[int, str]


class _EstimateMessagesListParamsRequired(TypedDict):
    estimate_id: Union[int, str]


class EstimateMessagesListParams(_EstimateMessagesListParamsRequired, total=False):
    """Params of ``estimate_messages.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class EstimateItemCategoriesListParams(TypedDict, total=False):
    """Params of ``estimate_item_categories.list``."""

    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class EstimateItemCategoriesGetParams(TypedDict):
    """Params of ``estimate_item_categories.get``."""

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
    cursor: str
    limit: int


class ExpensesGetParams(TypedDict):
    """Params of ``expenses.get``."""

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


class RolesListParams(TypedDict, total=False):
    """Params of ``roles.list``."""

    per_page: int
    cursor: str
    limit: int


class RolesGetParams(TypedDict):
    """Params of ``roles.get``."""

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
    cursor: str
    limit: int


class ProjectUserAssignmentsGetParams(TypedDict):
    """Params of ``project_user_assignments.get``."""

    project_id: Union[int, str]
    id: Union[int, str]


class _ProjectTaskAssignmentsListParamsRequired(TypedDict):
    project_id: Union[int, str]


class ProjectTaskAssignmentsListParams(_ProjectTaskAssignmentsListParamsRequired, total=False):
    """Params of ``project_task_assignments.list``."""

    is_active: bool
    updated_since: Union[str, datetime.datetime]
    per_page: int
    cursor: str
    limit: int


class ProjectTaskAssignmentsGetParams(TypedDict):
    """Params of ``project_task_assignments.get``."""

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
    cursor: str
    limit: int


class _UserTeammatesListParamsRequired(TypedDict):
    user_id: Union[int, str]


class UserTeammatesListParams(_UserTeammatesListParamsRequired, total=False):
    """Params of ``user_teammates.list``."""

    per_page: int
    cursor: str
    limit: int


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


class _TimeClientsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeClientsListParams(_TimeClientsListParamsRequired, total=False):
    """Params of ``time_clients.list``."""

    include_fixed_fee: bool
    per_page: int
    cursor: str
    limit: int


class _TimeProjectsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeProjectsListParams(_TimeProjectsListParamsRequired, total=False):
    """Params of ``time_projects.list``."""

    include_fixed_fee: bool
    per_page: int
    cursor: str
    limit: int


class _TimeTasksListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeTasksListParams(_TimeTasksListParamsRequired, total=False):
    """Params of ``time_tasks.list``."""

    include_fixed_fee: bool
    per_page: int
    cursor: str
    limit: int


class _TimeTeamListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class TimeTeamListParams(_TimeTeamListParamsRequired, total=False):
    """Params of ``time_team.list``."""

    include_fixed_fee: bool
    per_page: int
    cursor: str
    limit: int


class _ExpensesClientsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesClientsListParams(_ExpensesClientsListParamsRequired, total=False):
    """Params of ``expenses_clients.list``."""

    per_page: int
    cursor: str
    limit: int


class _ExpensesProjectsListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesProjectsListParams(_ExpensesProjectsListParamsRequired, total=False):
    """Params of ``expenses_projects.list``."""

    per_page: int
    cursor: str
    limit: int


class _ExpensesCategoriesListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesCategoriesListParams(_ExpensesCategoriesListParamsRequired, total=False):
    """Params of ``expenses_categories.list``."""

    per_page: int
    cursor: str
    limit: int


class _ExpensesTeamListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class ExpensesTeamListParams(_ExpensesTeamListParamsRequired, total=False):
    """Params of ``expenses_team.list``."""

    per_page: int
    cursor: str
    limit: int


class _UninvoicedListParamsRequired(TypedDict):
    from_: Union[str, datetime.date]
    to: Union[str, datetime.date]


class UninvoicedListParams(_UninvoicedListParamsRequired, total=False):
    """Params of ``uninvoiced.list``."""

    include_fixed_fee: bool
    per_page: int
    cursor: str
    limit: int


class ProjectBudgetListParams(TypedDict, total=False):
    """Params of ``project_budget.list``."""

    is_active: bool
    per_page: int
    cursor: str
    limit: int


class AccountsListParams(TypedDict, total=False):
    """Params of ``accounts.list``."""


__all__ = [
    "UsersListParams",
    "UsersGetParams",
    "UsersMeParams",
    "ClientsListParams",
    "ClientsGetParams",
    "ContactsListParams",
    "ContactsGetParams",
    "CompanyGetParams",
    "ProjectsListParams",
    "ProjectsGetParams",
    "TasksListParams",
    "TasksGetParams",
    "TimeEntriesListParams",
    "TimeEntriesGetParams",
    "InvoicesListParams",
    "InvoicesGetParams",
    "InvoiceMessagesListParams",
    "InvoiceMessagesTemplateParams",
    "InvoicePaymentsListParams",
    "InvoiceItemCategoriesListParams",
    "InvoiceItemCategoriesGetParams",
    "EstimatesListParams",
    "EstimatesGetParams",
    "EstimateMessagesListParams",
    "EstimateItemCategoriesListParams",
    "EstimateItemCategoriesGetParams",
    "ExpensesListParams",
    "ExpensesGetParams",
    "ExpenseCategoriesListParams",
    "ExpenseCategoriesGetParams",
    "RolesListParams",
    "RolesGetParams",
    "UserAssignmentsListParams",
    "TaskAssignmentsListParams",
    "ProjectUserAssignmentsListParams",
    "ProjectUserAssignmentsGetParams",
    "ProjectTaskAssignmentsListParams",
    "ProjectTaskAssignmentsGetParams",
    "UserProjectAssignmentsListParams",
    "UserProjectAssignmentsListMineParams",
    "UserTeammatesListParams",
    "UserBillableRatesListParams",
    "UserBillableRatesGetParams",
    "UserCostRatesListParams",
    "UserCostRatesGetParams",
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
