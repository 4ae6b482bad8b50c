"""Parameters of every Harvest entity and action, as TypedDicts.

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

from typing import TypedDict, Union


class UsersListParams(TypedDict, total=False):
    """Params of ``users.list``."""

    per_page: int


class UsersGetParams(TypedDict):
    """Params of ``users.get``."""

    id: Union[int, str]


class ClientsListParams(TypedDict, total=False):
    """Params of ``clients.list``."""

    per_page: int


class ClientsGetParams(TypedDict):
    """Params of ``clients.get``."""

    id: Union[int, str]


class ContactsListParams(TypedDict, total=False):
    """Params of ``contacts.list``."""

    per_page: int


class ContactsGetParams(TypedDict):
    """Params of ``contacts.get``."""

    id: Union[int, str]


class CompanyGetParams(TypedDict, total=False):
    """Params of ``company.get``."""


class ProjectsListParams(TypedDict, total=False):
    """Params of ``projects.list``."""

    per_page: int


class ProjectsGetParams(TypedDict):
    """Params of ``projects.get``."""

    id: Union[int, str]


class TasksListParams(TypedDict, total=False):
    """Params of ``tasks.list``."""

    per_page: int


class TasksGetParams(TypedDict):
    """Params of ``tasks.get``."""

    id: Union[int, str]


class TimeEntriesListParams(TypedDict, total=False):
    """Params of ``time_entries.list``."""

    per_page: int


class TimeEntriesGetParams(TypedDict):
    """Params of ``time_entries.get``."""

    id: Union[int, str]


class InvoicesListParams(TypedDict, total=False):
    """Params of ``invoices.list``."""

    per_page: int


class InvoicesGetParams(TypedDict):
    """Params of ``invoices.get``."""

    id: Union[int, str]


class InvoiceItemCategoriesListParams(TypedDict, total=False):
    """Params of ``invoice_item_categories.list``."""

    per_page: int


class InvoiceItemCategoriesGetParams(TypedDict):
    """Params of ``invoice_item_categories.get``."""

    id: Union[int, str]


class EstimatesListParams(TypedDict, total=False):
    """Params of ``estimates.list``."""

    per_page: int


class EstimatesGetParams(TypedDict):
    """Params of ``estimates.get``."""

    id: Union[int, str]


class EstimateItemCategoriesListParams(TypedDict, total=False):
    """Params of ``estimate_item_categories.list``."""

    per_page: int


class EstimateItemCategoriesGetParams(TypedDict):
    """Params of ``estimate_item_categories.get``."""

    id: Union[int, str]


class ExpensesListParams(TypedDict, total=False):
    """Params of ``expenses.list``."""

    per_page: int


class ExpensesGetParams(TypedDict):
    """Params of ``expenses.get``."""

    id: Union[int, str]


class ExpenseCategoriesListParams(TypedDict, total=False):
    """Params of ``expense_categories.list``."""

    per_page: int


class ExpenseCategoriesGetParams(TypedDict):
    """Params of ``expense_categories.get``."""

    id: Union[int, str]


class RolesListParams(TypedDict, total=False):
    """Params of ``roles.list``."""

    per_page: int


class RolesGetParams(TypedDict):
    """Params of ``roles.get``."""

    id: Union[int, str]


class UserAssignmentsListParams(TypedDict, total=False):
    """Params of ``user_assignments.list``."""

    per_page: int


class TaskAssignmentsListParams(TypedDict, total=False):
    """Params of ``task_assignments.list``."""

    per_page: int


class _TimeProjectsListParamsRequired(TypedDict):
    from_: str
    to: str


class TimeProjectsListParams(_TimeProjectsListParamsRequired, total=False):
    """Params of ``time_projects.list``."""

    per_page: int


class _TimeTasksListParamsRequired(TypedDict):
    from_: str
    to: str


class TimeTasksListParams(_TimeTasksListParamsRequired, total=False):
    """Params of ``time_tasks.list``."""

    per_page: int


__all__ = [
    "UsersListParams",
    "UsersGetParams",
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
    "InvoiceItemCategoriesListParams",
    "InvoiceItemCategoriesGetParams",
    "EstimatesListParams",
    "EstimatesGetParams",
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
    "TimeProjectsListParams",
    "TimeTasksListParams",
]
