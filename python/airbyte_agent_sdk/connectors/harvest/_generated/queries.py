"""Static types of the query objects (``connector.users.list(...)``).

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from typing import Any, Literal, Optional, Protocol, Union

from ..models import AirbyteSearchResult, ContextStoreQuery, HarvestExecuteResultWithMeta
from . import search

ListResult = HarvestExecuteResultWithMeta[list[dict[str, Any]], dict[str, Any]]


class UsersQuery(Protocol):
    """Harvest users (people in the account)."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List users, most recently created first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one user by id."""
        ...

    async def me(self) -> dict[str, Any]:
        """Get the user the credentials belong to (who am I)."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UsersSearchResult:
        """Search the users Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the users Airbyte has replicated (hosted mode only)."""
        ...


class ClientsQuery(Protocol):
    """Harvest clients (the customers projects and invoices belong to)."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List clients."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one client by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ClientsSearchResult:
        """Search the clients Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the clients Airbyte has replicated (hosted mode only)."""
        ...


class ContactsQuery(Protocol):
    """Contacts (people) at clients."""

    async def list(
        self,
        *,
        client_id: Optional[Union[int, str]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List client contacts."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one client contact by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ContactsSearchResult:
        """Search the contacts Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the contacts Airbyte has replicated (hosted mode only)."""
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
    ) -> search.CompanySearchResult:
        """Search the company Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the company Airbyte has replicated (hosted mode only)."""
        ...


class ProjectsQuery(Protocol):
    """Harvest projects."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        client_id: Optional[Union[int, str]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List projects."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one project by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ProjectsSearchResult:
        """Search the projects Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the projects Airbyte has replicated (hosted mode only)."""
        ...


class TasksQuery(Protocol):
    """Harvest tasks (kinds of work time is logged against)."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List tasks."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one task by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TasksSearchResult:
        """Search the tasks Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the tasks Airbyte has replicated (hosted mode only)."""
        ...


class TimeEntriesQuery(Protocol):
    """Time entries (hours logged by users on project tasks)."""

    async def list(
        self,
        *,
        user_id: Optional[Union[int, str]] = None,
        client_id: Optional[Union[int, str]] = None,
        project_id: Optional[Union[int, str]] = None,
        task_id: Optional[Union[int, str]] = None,
        external_reference_id: Optional[str] = None,
        is_billed: Optional[bool] = None,
        is_running: Optional[bool] = None,
        approval_status: Optional[Literal["unsubmitted", "submitted", "approved"]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        from_: Optional[Union[str, datetime.date]] = None,
        to: Optional[Union[str, datetime.date]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List time entries, most recent spent_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one time entry by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TimeEntriesSearchResult:
        """Search the time_entries Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the time_entries Airbyte has replicated (hosted mode only)."""
        ...


class InvoicesQuery(Protocol):
    """Invoices sent to clients."""

    async def list(
        self,
        *,
        client_id: Optional[Union[int, str]] = None,
        project_id: Optional[Union[int, str]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        from_: Optional[Union[str, datetime.date]] = None,
        to: Optional[Union[str, datetime.date]] = None,
        state: Optional[Literal["draft", "open", "paid", "closed"]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List invoices, most recent issue_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one invoice by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.InvoicesSearchResult:
        """Search the invoices Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the invoices Airbyte has replicated (hosted mode only)."""
        ...


class InvoiceMessagesQuery(Protocol):
    """Messages (emails and state-change events) of one invoice."""

    async def list(
        self,
        *,
        invoice_id: Union[int, str],
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the messages of an invoice."""
        ...

    async def template(
        self, *, invoice_id: Union[int, str], thank_you: Optional[bool] = None, reminder: Optional[bool] = None
    ) -> dict[str, Any]:
        """Get the subject and body Harvest would use for a new message about an invoice (nothing is created or
        sent).
        """
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.InvoiceMessagesSearchResult:
        """Search the invoice_messages Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the invoice_messages Airbyte has replicated (hosted mode only)."""
        ...


class InvoicePaymentsQuery(Protocol):
    """Payments recorded against one invoice."""

    async def list(
        self,
        *,
        invoice_id: Union[int, str],
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the payments of an invoice."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.InvoicePaymentsSearchResult:
        """Search the invoice_payments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the invoice_payments Airbyte has replicated (hosted mode only)."""
        ...


class InvoiceItemCategoriesQuery(Protocol):
    """Invoice item categories (kinds of invoice line items)."""

    async def list(
        self,
        *,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List invoice item categories."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one invoice item category by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.InvoiceItemCategoriesSearchResult:
        """Search the invoice_item_categories Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the invoice_item_categories Airbyte has replicated (hosted mode only)."""
        ...


class EstimatesQuery(Protocol):
    """Estimates (quotes) sent to clients."""

    async def list(
        self,
        *,
        client_id: Optional[Union[int, str]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        from_: Optional[Union[str, datetime.date]] = None,
        to: Optional[Union[str, datetime.date]] = None,
        state: Optional[Literal["draft", "sent", "accepted", "declined"]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List estimates, most recent issue_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one estimate by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.EstimatesSearchResult:
        """Search the estimates Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the estimates Airbyte has replicated (hosted mode only)."""
        ...


class EstimateMessagesQuery(Protocol):
    """Messages (emails and state-change events) of one estimate."""

    async def list(
        self,
        *,
        estimate_id: Union[int, str],
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the messages of an estimate."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.EstimateMessagesSearchResult:
        """Search the estimate_messages Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the estimate_messages Airbyte has replicated (hosted mode only)."""
        ...


class EstimateItemCategoriesQuery(Protocol):
    """Estimate item categories (kinds of estimate line items)."""

    async def list(
        self,
        *,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List estimate item categories."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one estimate item category by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.EstimateItemCategoriesSearchResult:
        """Search the estimate_item_categories Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the estimate_item_categories Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesQuery(Protocol):
    """Expenses logged by users on projects."""

    async def list(
        self,
        *,
        user_id: Optional[Union[int, str]] = None,
        client_id: Optional[Union[int, str]] = None,
        project_id: Optional[Union[int, str]] = None,
        is_billed: Optional[bool] = None,
        approval_status: Optional[Literal["unsubmitted", "submitted", "approved"]] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        from_: Optional[Union[str, datetime.date]] = None,
        to: Optional[Union[str, datetime.date]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List expenses, most recent spent_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one expense by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpensesSearchResult:
        """Search the expenses Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expenses Airbyte has replicated (hosted mode only)."""
        ...


class ExpenseCategoriesQuery(Protocol):
    """Expense categories: the definitions (name, unit name and price) expenses are filed under. For amounts spent
    per category, use the expenses_categories report.
    """

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List expense categories (definitions, not amounts)."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one expense category by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpenseCategoriesSearchResult:
        """Search the expense_categories Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expense_categories Airbyte has replicated (hosted mode only)."""
        ...


class RolesQuery(Protocol):
    """Roles: descriptive labels grouping users."""

    async def list(
        self, *, per_page: Optional[int] = None, cursor: Optional[str] = None, limit: Optional[int] = None
    ) -> ListResult:
        """List roles."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one role by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.RolesSearchResult:
        """Search the roles Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the roles Airbyte has replicated (hosted mode only)."""
        ...


class UserAssignmentsQuery(Protocol):
    """Assignments of users to projects, across all projects."""

    async def list(
        self,
        *,
        user_id: Optional[Union[int, str]] = None,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List user assignments across all projects."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UserAssignmentsSearchResult:
        """Search the user_assignments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the user_assignments Airbyte has replicated (hosted mode only)."""
        ...


class TaskAssignmentsQuery(Protocol):
    """Assignments of tasks to projects, across all projects."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List task assignments across all projects."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TaskAssignmentsSearchResult:
        """Search the task_assignments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the task_assignments Airbyte has replicated (hosted mode only)."""
        ...


class ProjectUserAssignmentsQuery(Protocol):
    """Assignments of users to one project (who may log time on it, rates, budgets)."""

    async def list(
        self,
        *,
        project_id: Union[int, str],
        user_id: Optional[Union[int, str]] = None,
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the user assignments of a project."""
        ...

    async def get(self, *, project_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one user assignment of a project by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ProjectUserAssignmentsSearchResult:
        """Search the project_user_assignments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the project_user_assignments Airbyte has replicated (hosted mode only)."""
        ...


class ProjectTaskAssignmentsQuery(Protocol):
    """Assignments of tasks to one project (which tasks time can be logged against, billable or not, rates, budgets)."""

    async def list(
        self,
        *,
        project_id: Union[int, str],
        is_active: Optional[bool] = None,
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the task assignments of a project."""
        ...

    async def get(self, *, project_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one task assignment of a project by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ProjectTaskAssignmentsSearchResult:
        """Search the project_task_assignments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the project_task_assignments Airbyte has replicated (hosted mode only)."""
        ...


class UserProjectAssignmentsQuery(Protocol):
    """The active projects a user is assigned to, each with its task assignments: what time can be logged against."""

    async def list(
        self,
        *,
        user_id: Union[int, str],
        updated_since: Optional[Union[str, datetime.datetime]] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the active project assignments of a user."""
        ...

    async def list_mine(
        self, *, per_page: Optional[int] = None, cursor: Optional[str] = None, limit: Optional[int] = None
    ) -> ListResult:
        """List the active project assignments of the user the credentials belong to."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UserProjectAssignmentsSearchResult:
        """Search the user_project_assignments Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the user_project_assignments Airbyte has replicated (hosted mode only)."""
        ...


class UserTeammatesQuery(Protocol):
    """The teammates a manager is assigned to (the user must be a Manager)."""

    async def list(
        self,
        *,
        user_id: Union[int, str],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the teammates assigned to a manager."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UserTeammatesSearchResult:
        """Search the user_teammates Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the user_teammates Airbyte has replicated (hosted mode only)."""
        ...


class UserBillableRatesQuery(Protocol):
    """A user's billable rates over time."""

    async def list(
        self,
        *,
        user_id: Union[int, str],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the billable rates of a user."""
        ...

    async def get(self, *, user_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one billable rate of a user by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UserBillableRatesSearchResult:
        """Search the user_billable_rates Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the user_billable_rates Airbyte has replicated (hosted mode only)."""
        ...


class UserCostRatesQuery(Protocol):
    """A user's cost rates over time."""

    async def list(
        self,
        *,
        user_id: Union[int, str],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the cost rates of a user."""
        ...

    async def get(self, *, user_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one cost rate of a user by id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UserCostRatesSearchResult:
        """Search the user_cost_rates Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the user_cost_rates Airbyte has replicated (hosted mode only)."""
        ...


class TimeClientsQuery(Protocol):
    """Time report: hours and billable amounts per client over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        include_fixed_fee: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Time report: hours and billable amounts per client over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TimeClientsSearchResult:
        """Search the time_clients Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the time_clients Airbyte has replicated (hosted mode only)."""
        ...


class TimeProjectsQuery(Protocol):
    """Time report: hours and billable amounts per project over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        include_fixed_fee: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Time report: hours and billable amounts per project over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TimeProjectsSearchResult:
        """Search the time_projects Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the time_projects Airbyte has replicated (hosted mode only)."""
        ...


class TimeTasksQuery(Protocol):
    """Time report: hours and billable amounts per task over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        include_fixed_fee: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Time report: hours and billable amounts per task over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TimeTasksSearchResult:
        """Search the time_tasks Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the time_tasks Airbyte has replicated (hosted mode only)."""
        ...


class TimeTeamQuery(Protocol):
    """Time report: hours and billable amounts per user (team member) over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        include_fixed_fee: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Time report: hours and billable amounts per user (team member) over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.TimeTeamSearchResult:
        """Search the time_team Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the time_team Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesClientsQuery(Protocol):
    """Expense report: amounts spent per client over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Expense report: amounts spent per client over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpensesClientsSearchResult:
        """Search the expenses_clients Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expenses_clients Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesProjectsQuery(Protocol):
    """Expense report: amounts spent per project over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Expense report: amounts spent per project over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpensesProjectsSearchResult:
        """Search the expenses_projects Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expenses_projects Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesCategoriesQuery(Protocol):
    """Expense report: amounts spent per expense category over a period of at most 365 days (a report; the category
    definitions themselves are the expense_categories entity).
    """

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Expense report: amounts spent per expense category over a period of at most 365 days (a report; the
        category definitions themselves are the expense_categories entity).
        """
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpensesCategoriesSearchResult:
        """Search the expenses_categories Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expenses_categories Airbyte has replicated (hosted mode only)."""
        ...


class ExpensesTeamQuery(Protocol):
    """Expense report: amounts spent per user (team member) over a period of at most 365 days."""

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Expense report: amounts spent per user (team member) over a period of at most 365 days."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ExpensesTeamSearchResult:
        """Search the expenses_team Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the expenses_team Airbyte has replicated (hosted mode only)."""
        ...


class UninvoicedQuery(Protocol):
    """Uninvoiced report: per project, billable hours and expenses not invoiced yet, over a period of at most 365
    days.
    """

    async def list(
        self,
        *,
        from_: Union[str, datetime.date],
        to: Union[str, datetime.date],
        include_fixed_fee: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Uninvoiced report: per project, billable hours and expenses not invoiced yet, over a period of at most 365
        days.
        """
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.UninvoicedSearchResult:
        """Search the uninvoiced Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the uninvoiced Airbyte has replicated (hosted mode only)."""
        ...


class ProjectBudgetQuery(Protocol):
    """Project budget report: budget, amount spent and remaining for every project."""

    async def list(
        self,
        *,
        is_active: Optional[bool] = None,
        per_page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """Project budget report: budget, amount spent and remaining for every project."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.ProjectBudgetSearchResult:
        """Search the project_budget Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the project_budget Airbyte has replicated (hosted mode only)."""
        ...


class AccountsQuery(Protocol):
    """The Harvest and Forecast accounts the credentials can reach, from Harvest ID: use an account's id (product
    "harvest") as account_id.
    """

    async def list(self) -> ListResult:
        """List the accounts (id, name, product) the token can access; needs no account id."""
        ...

    async def context_store_search(
        self,
        query: ContextStoreQuery,
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> search.AccountsSearchResult:
        """Search the accounts Airbyte has replicated (hosted mode only)."""
        ...

    async def context_store_sql_query(
        self, sql: str, limit: Optional[int] = None
    ) -> AirbyteSearchResult[dict[str, Any]]:
        """A SQL query over the accounts Airbyte has replicated (hosted mode only)."""
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
    invoice_messages: InvoiceMessagesQuery
    invoice_payments: InvoicePaymentsQuery
    invoice_item_categories: InvoiceItemCategoriesQuery
    estimates: EstimatesQuery
    estimate_messages: EstimateMessagesQuery
    estimate_item_categories: EstimateItemCategoriesQuery
    expenses: ExpensesQuery
    expense_categories: ExpenseCategoriesQuery
    roles: RolesQuery
    user_assignments: UserAssignmentsQuery
    task_assignments: TaskAssignmentsQuery
    project_user_assignments: ProjectUserAssignmentsQuery
    project_task_assignments: ProjectTaskAssignmentsQuery
    user_project_assignments: UserProjectAssignmentsQuery
    user_teammates: UserTeammatesQuery
    user_billable_rates: UserBillableRatesQuery
    user_cost_rates: UserCostRatesQuery
    time_clients: TimeClientsQuery
    time_projects: TimeProjectsQuery
    time_tasks: TimeTasksQuery
    time_team: TimeTeamQuery
    expenses_clients: ExpensesClientsQuery
    expenses_projects: ExpensesProjectsQuery
    expenses_categories: ExpensesCategoriesQuery
    expenses_team: ExpensesTeamQuery
    uninvoiced: UninvoicedQuery
    project_budget: ProjectBudgetQuery
    accounts: AccountsQuery


__all__ = [
    "EntityQueries",
    "ListResult",
    "UsersQuery",
    "ClientsQuery",
    "ContactsQuery",
    "CompanyQuery",
    "ProjectsQuery",
    "TasksQuery",
    "TimeEntriesQuery",
    "InvoicesQuery",
    "InvoiceMessagesQuery",
    "InvoicePaymentsQuery",
    "InvoiceItemCategoriesQuery",
    "EstimatesQuery",
    "EstimateMessagesQuery",
    "EstimateItemCategoriesQuery",
    "ExpensesQuery",
    "ExpenseCategoriesQuery",
    "RolesQuery",
    "UserAssignmentsQuery",
    "TaskAssignmentsQuery",
    "ProjectUserAssignmentsQuery",
    "ProjectTaskAssignmentsQuery",
    "UserProjectAssignmentsQuery",
    "UserTeammatesQuery",
    "UserBillableRatesQuery",
    "UserCostRatesQuery",
    "TimeClientsQuery",
    "TimeProjectsQuery",
    "TimeTasksQuery",
    "TimeTeamQuery",
    "ExpensesClientsQuery",
    "ExpensesProjectsQuery",
    "ExpensesCategoriesQuery",
    "ExpensesTeamQuery",
    "UninvoicedQuery",
    "ProjectBudgetQuery",
    "AccountsQuery",
]
