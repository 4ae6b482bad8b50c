"""Static types of the query objects (``connector.users.list(...)``).

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

from typing import Any, Optional, Protocol, Union

from .models import HarvestExecuteResultWithMeta

ListResult = HarvestExecuteResultWithMeta[list[dict[str, Any]], dict[str, Any]]


class UsersQuery(Protocol):
    """Harvest users."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List users, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the users by id."""
        ...


class ClientsQuery(Protocol):
    """Harvest clients."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List clients, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the clients by id."""
        ...


class ContactsQuery(Protocol):
    """Harvest client contacts."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List client contacts, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the client contacts by id."""
        ...


class CompanyQuery(Protocol):
    """The Harvest company (account) settings."""

    async def get(self) -> dict[str, Any]:
        """Get the company settings (time tracking mode, clock, currency, enabled features)."""
        ...


class ProjectsQuery(Protocol):
    """Harvest projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List projects, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the projects by id."""
        ...


class TasksQuery(Protocol):
    """Harvest tasks."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List tasks, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the tasks by id."""
        ...


class TimeEntriesQuery(Protocol):
    """Harvest time entries."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List time entries, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the time entries by id."""
        ...


class InvoicesQuery(Protocol):
    """Harvest invoices."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List invoices, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the invoices by id."""
        ...


class InvoiceItemCategoriesQuery(Protocol):
    """Harvest invoice item categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List invoice item categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the invoice item categories by id."""
        ...


class EstimatesQuery(Protocol):
    """Harvest estimates."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List estimates, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the estimates by id."""
        ...


class EstimateItemCategoriesQuery(Protocol):
    """Harvest estimate item categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List estimate item categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the estimate item categories by id."""
        ...


class ExpensesQuery(Protocol):
    """Harvest expenses."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List expenses, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the expenses by id."""
        ...


class ExpenseCategoriesQuery(Protocol):
    """Harvest expense categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List expense categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the expense categories by id."""
        ...


class RolesQuery(Protocol):
    """Harvest roles."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List roles, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the roles by id."""
        ...


class UserAssignmentsQuery(Protocol):
    """Assignments of users to projects, across all projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """Assignments of users to projects, across all projects."""
        ...


class TaskAssignmentsQuery(Protocol):
    """Assignments of tasks to projects, across all projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """Assignments of tasks to projects, across all projects."""
        ...


class TimeProjectsQuery(Protocol):
    """Time report grouped by project for a period of at most one year."""

    async def list(self, *, from_: str, to: str, per_page: Optional[int] = None) -> ListResult:
        """Time report grouped by project for a period of at most one year."""
        ...


class TimeTasksQuery(Protocol):
    """Time report grouped by task for a period of at most one year."""

    async def list(self, *, from_: str, to: str, per_page: Optional[int] = None) -> ListResult:
        """Time report grouped by task for a period of at most one year."""
        ...


class EntityQueries:
    """The typed query attributes of ``HarvestConnector`` (set from the catalogue)."""

    users: UsersQuery
    clients: ClientsQuery
    contacts: ContactsQuery
    company: CompanyQuery
    projects: ProjectsQuery
    tasks: TasksQuery
    time_entries: TimeEntriesQuery
    invoices: InvoicesQuery
    invoice_item_categories: InvoiceItemCategoriesQuery
    estimates: EstimatesQuery
    estimate_item_categories: EstimateItemCategoriesQuery
    expenses: ExpensesQuery
    expense_categories: ExpenseCategoriesQuery
    roles: RolesQuery
    user_assignments: UserAssignmentsQuery
    task_assignments: TaskAssignmentsQuery
    time_projects: TimeProjectsQuery
    time_tasks: TimeTasksQuery
