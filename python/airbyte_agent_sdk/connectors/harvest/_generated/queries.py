"""Static types of the query objects (``connector.users.list(...)``).

Generated from the catalogue by scripts/generate_types.py; do not edit by hand.
"""

from __future__ import annotations

import datetime
import decimal
import os
from collections.abc import Mapping, Sequence
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

    async def create(
        self,
        *,
        first_name: str,
        last_name: str,
        email: str,
        timezone: Optional[str] = None,
        has_access_to_all_future_projects: Optional[bool] = None,
        is_contractor: Optional[bool] = None,
        is_active: Optional[bool] = None,
        weekly_capacity: Optional[int] = None,
        default_hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        cost_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        roles: Optional[Sequence[str]] = None,
        access_roles: Optional[Sequence[str]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a user (Harvest emails them an invitation)."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        first_name: Optional[str] = None,
        last_name: Optional[str] = None,
        email: Optional[str] = None,
        timezone: Optional[str] = None,
        has_access_to_all_future_projects: Optional[bool] = None,
        is_contractor: Optional[bool] = None,
        is_active: Optional[bool] = None,
        weekly_capacity: Optional[int] = None,
        roles: Optional[Sequence[str]] = None,
        access_roles: Optional[Sequence[str]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a user (rates change through user_billable_rates / user_cost_rates)."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a user (only one without time entries or expenses; archive others)."""
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

    async def create(
        self,
        *,
        name: str,
        is_active: Optional[bool] = None,
        address: Optional[str] = None,
        currency: Optional[str] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a client."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        name: Optional[str] = None,
        is_active: Optional[bool] = None,
        address: Optional[str] = None,
        currency: Optional[str] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a client."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a client (only one without projects, invoices or estimates)."""
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

    async def create(
        self,
        *,
        client_id: Union[int, str],
        title: Optional[str] = None,
        first_name: str,
        last_name: Optional[str] = None,
        email: Optional[str] = None,
        phone_office: Optional[str] = None,
        phone_mobile: Optional[str] = None,
        fax: Optional[str] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a client contact."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        client_id: Optional[Union[int, str]] = None,
        title: Optional[str] = None,
        first_name: Optional[str] = None,
        last_name: Optional[str] = None,
        email: Optional[str] = None,
        phone_office: Optional[str] = None,
        phone_mobile: Optional[str] = None,
        fax: Optional[str] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a client contact."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a client contact."""
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

    async def update(
        self,
        *,
        wants_timestamp_timers: Optional[bool] = None,
        weekly_capacity: Optional[int] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change the company's time tracking mode or weekly capacity."""
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

    async def create(
        self,
        *,
        client_id: Union[int, str],
        name: str,
        is_billable: bool,
        bill_by: Literal["Project", "Tasks", "People", "none"],
        budget_by: Literal["project", "project_cost", "task", "task_fees", "person", "none"],
        code: Optional[str] = None,
        is_active: Optional[bool] = None,
        is_fixed_fee: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget_is_monthly: Optional[bool] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        cost_budget: Optional[Union[float, str, decimal.Decimal]] = None,
        cost_budget_include_expenses: Optional[bool] = None,
        notify_when_over_budget: Optional[bool] = None,
        over_budget_notification_percentage: Optional[Union[float, str, decimal.Decimal]] = None,
        show_budget_to_all: Optional[bool] = None,
        fee: Optional[Union[float, str, decimal.Decimal]] = None,
        notes: Optional[str] = None,
        starts_on: Optional[Union[str, datetime.date]] = None,
        ends_on: Optional[Union[str, datetime.date]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a project."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        client_id: Optional[Union[int, str]] = None,
        name: Optional[str] = None,
        is_billable: Optional[bool] = None,
        bill_by: Optional[Literal["Project", "Tasks", "People", "none"]] = None,
        budget_by: Optional[Literal["project", "project_cost", "task", "task_fees", "person", "none"]] = None,
        code: Optional[str] = None,
        is_active: Optional[bool] = None,
        is_fixed_fee: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget_is_monthly: Optional[bool] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        cost_budget: Optional[Union[float, str, decimal.Decimal]] = None,
        cost_budget_include_expenses: Optional[bool] = None,
        notify_when_over_budget: Optional[bool] = None,
        over_budget_notification_percentage: Optional[Union[float, str, decimal.Decimal]] = None,
        show_budget_to_all: Optional[bool] = None,
        fee: Optional[Union[float, str, decimal.Decimal]] = None,
        notes: Optional[str] = None,
        starts_on: Optional[Union[str, datetime.date]] = None,
        ends_on: Optional[Union[str, datetime.date]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a project."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a project with its time entries and expenses (archive it to keep them)."""
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

    async def create(
        self,
        *,
        name: str,
        billable_by_default: Optional[bool] = None,
        default_hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        is_default: Optional[bool] = None,
        is_active: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a task."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        name: Optional[str] = None,
        billable_by_default: Optional[bool] = None,
        default_hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        is_default: Optional[bool] = None,
        is_active: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a task."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a task (only one without time entries)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List time entries, most recent spent_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one time entry by id."""
        ...

    async def create(
        self,
        *,
        user_id: Optional[Union[int, str]] = None,
        project_id: Union[int, str],
        task_id: Union[int, str],
        spent_date: Union[str, datetime.date],
        hours: Optional[Union[float, str, decimal.Decimal]] = None,
        started_time: Optional[str] = None,
        ended_time: Optional[str] = None,
        notes: Optional[str] = None,
        external_reference: Optional[Mapping[str, Any]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Log time: hours (duration accounts) or started_time/ended_time (timestamp accounts). Without hours or
        ended_time a running timer starts (a user's running timer stops).
        """
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        project_id: Optional[Union[int, str]] = None,
        task_id: Optional[Union[int, str]] = None,
        spent_date: Optional[Union[str, datetime.date]] = None,
        hours: Optional[Union[float, str, decimal.Decimal]] = None,
        started_time: Optional[str] = None,
        ended_time: Optional[str] = None,
        notes: Optional[str] = None,
        external_reference: Optional[Mapping[str, Any]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a time entry (not possible once it is billed or locked)."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a time entry."""
        ...

    async def stop(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Stop a running timer."""
        ...

    async def restart(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Restart a stopped time entry as a running timer."""
        ...

    async def delete_external_reference(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Remove a time entry's external reference (the entry stays)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List invoices, most recent issue_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one invoice by id."""
        ...

    async def create(
        self,
        *,
        client_id: Union[int, str],
        retainer_id: Optional[Union[int, str]] = None,
        estimate_id: Optional[Union[int, str]] = None,
        number: Optional[str] = None,
        purchase_order: Optional[str] = None,
        tax: Optional[Union[float, str, decimal.Decimal]] = None,
        tax2: Optional[Union[float, str, decimal.Decimal]] = None,
        discount: Optional[Union[float, str, decimal.Decimal]] = None,
        subject: Optional[str] = None,
        notes: Optional[str] = None,
        currency: Optional[str] = None,
        issue_date: Optional[Union[str, datetime.date]] = None,
        due_date: Optional[Union[str, datetime.date]] = None,
        payment_term: Optional[Literal["upon receipt", "net 15", "net 30", "net 45", "net 60", "custom"]] = None,
        payment_options: Optional[Sequence[Literal["ach", "credit_card", "paypal"]]] = None,
        line_items: Optional[Sequence[Mapping[str, Any]]] = None,
        line_items_import: Optional[Mapping[str, Any]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a draft invoice: free-form line_items, or line_items_import from tracked time and expenses."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        client_id: Optional[Union[int, str]] = None,
        retainer_id: Optional[Union[int, str]] = None,
        estimate_id: Optional[Union[int, str]] = None,
        number: Optional[str] = None,
        purchase_order: Optional[str] = None,
        tax: Optional[Union[float, str, decimal.Decimal]] = None,
        tax2: Optional[Union[float, str, decimal.Decimal]] = None,
        discount: Optional[Union[float, str, decimal.Decimal]] = None,
        subject: Optional[str] = None,
        notes: Optional[str] = None,
        currency: Optional[str] = None,
        issue_date: Optional[Union[str, datetime.date]] = None,
        due_date: Optional[Union[str, datetime.date]] = None,
        payment_term: Optional[Literal["upon receipt", "net 15", "net 30", "net 45", "net 60"]] = None,
        payment_options: Optional[Sequence[Literal["ach", "credit_card", "paypal"]]] = None,
        line_items: Optional[Sequence[Mapping[str, Any]]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change an invoice, including adding, changing or removing line items."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an invoice."""
        ...

    async def mark_sent(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Mark a draft invoice as sent (no email is sent)."""
        ...

    async def mark_draft(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Return an open invoice to draft."""
        ...

    async def close(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Close an open invoice (written off, not paid)."""
        ...

    async def reopen(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Re-open a closed invoice."""
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

    async def create(
        self,
        *,
        invoice_id: Union[int, str],
        recipients: Optional[Sequence[Mapping[str, Any]]] = None,
        subject: Optional[str] = None,
        body: Optional[str] = None,
        attach_pdf: Optional[bool] = None,
        send_me_a_copy: Optional[bool] = None,
        thank_you: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Email an invoice (needs recipients or send_me_a_copy); for state changes use invoices.mark_sent,
        mark_draft, close or reopen.
        """
        ...

    async def delete(
        self, *, invoice_id: Union[int, str], id: Union[int, str], dry_run: bool = False
    ) -> dict[str, Any]:
        """Delete a message of an invoice."""
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

    async def create(
        self,
        *,
        invoice_id: Union[int, str],
        amount: Union[float, str, decimal.Decimal],
        paid_at: Optional[Union[str, datetime.datetime]] = None,
        paid_date: Optional[Union[str, datetime.date]] = None,
        notes: Optional[str] = None,
        send_thank_you: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Record a payment against an invoice."""
        ...

    async def delete(
        self, *, invoice_id: Union[int, str], id: Union[int, str], dry_run: bool = False
    ) -> dict[str, Any]:
        """Delete a payment of an invoice."""
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

    async def create(self, *, name: str, dry_run: bool = False) -> dict[str, Any]:
        """Create an invoice item category."""
        ...

    async def update(self, *, id: Union[int, str], name: Optional[str] = None, dry_run: bool = False) -> dict[str, Any]:
        """Rename an invoice item category."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an invoice item category (only when it is not used)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List estimates, most recent issue_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one estimate by id."""
        ...

    async def create(
        self,
        *,
        client_id: Union[int, str],
        number: Optional[str] = None,
        purchase_order: Optional[str] = None,
        tax: Optional[Union[float, str, decimal.Decimal]] = None,
        tax2: Optional[Union[float, str, decimal.Decimal]] = None,
        discount: Optional[Union[float, str, decimal.Decimal]] = None,
        subject: Optional[str] = None,
        notes: Optional[str] = None,
        currency: Optional[str] = None,
        issue_date: Optional[Union[str, datetime.date]] = None,
        line_items: Optional[Sequence[Mapping[str, Any]]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create a draft estimate."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        client_id: Optional[Union[int, str]] = None,
        number: Optional[str] = None,
        purchase_order: Optional[str] = None,
        tax: Optional[Union[float, str, decimal.Decimal]] = None,
        tax2: Optional[Union[float, str, decimal.Decimal]] = None,
        discount: Optional[Union[float, str, decimal.Decimal]] = None,
        subject: Optional[str] = None,
        notes: Optional[str] = None,
        currency: Optional[str] = None,
        issue_date: Optional[Union[str, datetime.date]] = None,
        line_items: Optional[Sequence[Mapping[str, Any]]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change an estimate, including adding, changing or removing line items."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an estimate."""
        ...

    async def mark_sent(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Mark a draft estimate as sent (no email is sent)."""
        ...

    async def accept(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Mark an estimate as accepted."""
        ...

    async def decline(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Mark an estimate as declined."""
        ...

    async def reopen(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Re-open an accepted or declined estimate."""
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

    async def create(
        self,
        *,
        estimate_id: Union[int, str],
        recipients: Sequence[Mapping[str, Any]],
        subject: Optional[str] = None,
        body: Optional[str] = None,
        send_me_a_copy: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Email an estimate; for state changes use estimates.mark_sent, accept, decline or reopen."""
        ...

    async def delete(
        self, *, estimate_id: Union[int, str], id: Union[int, str], dry_run: bool = False
    ) -> dict[str, Any]:
        """Delete a message of an estimate."""
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

    async def create(self, *, name: str, dry_run: bool = False) -> dict[str, Any]:
        """Create an estimate item category."""
        ...

    async def update(self, *, id: Union[int, str], name: Optional[str] = None, dry_run: bool = False) -> dict[str, Any]:
        """Rename an estimate item category."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an estimate item category (only when it is not used)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List expenses, most recent spent_date first."""
        ...

    async def get(self, *, id: Union[int, str]) -> dict[str, Any]:
        """Get one expense by id."""
        ...

    async def create(
        self,
        *,
        user_id: Optional[Union[int, str]] = None,
        project_id: Union[int, str],
        expense_category_id: Union[int, str],
        spent_date: Union[str, datetime.date],
        units: Optional[int] = None,
        total_cost: Optional[Union[float, str, decimal.Decimal]] = None,
        notes: Optional[str] = None,
        billable: Optional[bool] = None,
        receipt: Optional[Union[str, os.PathLike[str], bytes, tuple[str, bytes]]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Log an expense, optionally with a receipt file."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        project_id: Optional[Union[int, str]] = None,
        expense_category_id: Optional[Union[int, str]] = None,
        spent_date: Optional[Union[str, datetime.date]] = None,
        units: Optional[int] = None,
        total_cost: Optional[Union[float, str, decimal.Decimal]] = None,
        notes: Optional[str] = None,
        billable: Optional[bool] = None,
        receipt: Optional[Union[str, os.PathLike[str], bytes, tuple[str, bytes]]] = None,
        delete_receipt: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change an expense (project and category changes are ignored by Harvest once it is locked)."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an expense."""
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

    async def create(
        self,
        *,
        name: str,
        unit_name: Optional[str] = None,
        unit_price: Optional[Union[float, str, decimal.Decimal]] = None,
        is_active: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Create an expense category."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        name: Optional[str] = None,
        unit_name: Optional[str] = None,
        unit_price: Optional[Union[float, str, decimal.Decimal]] = None,
        is_active: Optional[bool] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change an expense category."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete an expense category."""
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

    async def create(
        self, *, name: str, user_ids: Optional[Sequence[Union[int, str]]] = None, dry_run: bool = False
    ) -> dict[str, Any]:
        """Create a role."""
        ...

    async def update(
        self,
        *,
        id: Union[int, str],
        name: Optional[str] = None,
        user_ids: Optional[Sequence[Union[int, str]]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a role."""
        ...

    async def delete(self, *, id: Union[int, str], dry_run: bool = False) -> dict[str, Any]:
        """Delete a role (its users keep their accounts)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the user assignments of a project."""
        ...

    async def get(self, *, project_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one user assignment of a project by id."""
        ...

    async def create(
        self,
        *,
        project_id: Union[int, str],
        user_id: Union[int, str],
        is_active: Optional[bool] = None,
        is_project_manager: Optional[bool] = None,
        use_default_rates: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Assign a user to a project."""
        ...

    async def update(
        self,
        *,
        project_id: Union[int, str],
        id: Union[int, str],
        is_active: Optional[bool] = None,
        is_project_manager: Optional[bool] = None,
        use_default_rates: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a user assignment."""
        ...

    async def delete(
        self, *, project_id: Union[int, str], id: Union[int, str], dry_run: bool = False
    ) -> dict[str, Any]:
        """Remove a user from a project (only without time entries or expenses)."""
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
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
    ) -> ListResult:
        """List the task assignments of a project."""
        ...

    async def get(self, *, project_id: Union[int, str], id: Union[int, str]) -> dict[str, Any]:
        """Get one task assignment of a project by id."""
        ...

    async def create(
        self,
        *,
        project_id: Union[int, str],
        task_id: Union[int, str],
        is_active: Optional[bool] = None,
        billable: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Assign a task to a project."""
        ...

    async def update(
        self,
        *,
        project_id: Union[int, str],
        id: Union[int, str],
        is_active: Optional[bool] = None,
        billable: Optional[bool] = None,
        hourly_rate: Optional[Union[float, str, decimal.Decimal]] = None,
        budget: Optional[Union[float, str, decimal.Decimal]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Change a task assignment."""
        ...

    async def delete(
        self, *, project_id: Union[int, str], id: Union[int, str], dry_run: bool = False
    ) -> dict[str, Any]:
        """Remove a task from a project (only without time entries)."""
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
        self,
        *,
        per_page: Optional[int] = None,
        page: Optional[int] = None,
        cursor: Optional[str] = None,
        limit: Optional[int] = None,
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

    async def update(
        self, *, user_id: Union[int, str], teammate_ids: Sequence[Union[int, str]], dry_run: bool = False
    ) -> dict[str, Any]:
        """Replace the teammates of a manager."""
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

    async def create(
        self,
        *,
        user_id: Union[int, str],
        amount: Union[float, str, decimal.Decimal],
        start_date: Optional[Union[str, datetime.date]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Add a billable rate to a user."""
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

    async def create(
        self,
        *,
        user_id: Union[int, str],
        amount: Union[float, str, decimal.Decimal],
        start_date: Optional[Union[str, datetime.date]] = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Add a cost rate to a user."""
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
        page: Optional[int] = None,
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
