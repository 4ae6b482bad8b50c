"""Static types of the query objects (``connector.users.list(...)``).

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Optional, Protocol, Union

from .models import AirbyteSearchResult, ContextStoreQuery, HarvestExecuteResultWithMeta

ListResult = HarvestExecuteResultWithMeta[list[dict[str, Any]], dict[str, Any]]


class UsersQuery(Protocol):
    """Harvest users."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List users, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the users by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the users Airbyte has replicated (hosted mode only)."""
        ...


class ClientsQuery(Protocol):
    """Harvest clients."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List clients, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the clients by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the clients Airbyte has replicated (hosted mode only)."""
        ...


class ContactsQuery(Protocol):
    """Harvest client contacts."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List client contacts, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the client contacts by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the contacts Airbyte has replicated (hosted mode only)."""
        ...


class CompanyQuery(Protocol):
    """The Harvest company (account) settings."""

    async def get(self) -> dict[str, Any]:
        """Get the company settings (time tracking mode, clock, currency, enabled features)."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the company Airbyte has replicated (hosted mode only)."""
        ...


class ProjectsQuery(Protocol):
    """Harvest projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List projects, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the projects by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the projects Airbyte has replicated (hosted mode only)."""
        ...


class TasksQuery(Protocol):
    """Harvest tasks."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List tasks, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the tasks by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the tasks Airbyte has replicated (hosted mode only)."""
        ...


class TimeEntriesQuery(Protocol):
    """Harvest time entries."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List time entries, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the time entries by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the time_entries Airbyte has replicated (hosted mode only)."""
        ...


class InvoicesQuery(Protocol):
    """Harvest invoices."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List invoices, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the invoices by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the invoices Airbyte has replicated (hosted mode only)."""
        ...


class InvoiceItemCategoriesQuery(Protocol):
    """Harvest invoice item categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List invoice item categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the invoice item categories by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the invoice_item_categories Airbyte has replicated (hosted mode only)."""
        ...


class EstimatesQuery(Protocol):
    """Harvest estimates."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List estimates, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the estimates by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the estimates Airbyte has replicated (hosted mode only)."""
        ...


class EstimateItemCategoriesQuery(Protocol):
    """Harvest estimate item categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List estimate item categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the estimate item categories by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the estimate_item_categories Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesQuery(Protocol):
    """Harvest expenses."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List expenses, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the expenses by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the expenses Airbyte has replicated (hosted mode only)."""
        ...


class ExpenseCategoriesQuery(Protocol):
    """Harvest expense categories."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List expense categories, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the expense categories by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the expense_categories Airbyte has replicated (hosted mode only)."""
        ...


class RolesQuery(Protocol):
    """Harvest roles."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """List roles, newest first, one page per call."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one of the roles by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the roles Airbyte has replicated (hosted mode only)."""
        ...


class UserAssignmentsQuery(Protocol):
    """Assignments of users to projects, across all projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """Assignments of users to projects, across all projects."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the user_assignments Airbyte has replicated (hosted mode only)."""
        ...


class TaskAssignmentsQuery(Protocol):
    """Assignments of tasks to projects, across all projects."""

    async def list(self, *, per_page: Optional[int] = None) -> ListResult:
        """Assignments of tasks to projects, across all projects."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the task_assignments Airbyte has replicated (hosted mode only)."""
        ...


class TimeProjectsQuery(Protocol):
    """Time report grouped by project for a period of at most one year."""

    async def list(self, *, from_: str, to: str, per_page: Optional[int] = None) -> ListResult:
        """Time report grouped by project for a period of at most one year."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the time_projects Airbyte has replicated (hosted mode only)."""
        ...


class TimeTasksQuery(Protocol):
    """Time report grouped by task for a period of at most one year."""

    async def list(self, *, from_: str, to: str, per_page: Optional[int] = None) -> ListResult:
        """Time report grouped by task for a period of at most one year."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """Search the time_tasks Airbyte has replicated (hosted mode only)."""
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
