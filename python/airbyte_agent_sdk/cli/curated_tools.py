"""Tools for what people ask a Harvest agent most: the running timer, a time report for a
period, and (when writes are enabled) logging time and starting or stopping a timer.

Each is a few ``execute`` calls with the catalogue's names, returning compact JSON text.
Write tools exist only when the connector's catalogue has the action (``time_entries.create``,
``time_entries.stop``) and the server enabled it: ``available_writes`` says which.
"""

from __future__ import annotations

from typing import Any, Literal, Optional

from .agent_tools import ToolInputError
from .output import compact_json

ReportGrouping = Literal["projects", "clients", "tasks", "team"]

RUNNING_TIMER_DESCRIPTION = "The running timer (time entry) of the current user, or of user_id; null when none runs."
TIME_REPORT_DESCRIPTION = (
    "Hours per project, client, task or team member for a period (from_date and to_date as YYYY-MM-DD, "
    "at most 365 days), with totals."
)
LOG_TIME_DESCRIPTION = (
    "Log hours on a project's task for a day (spent_date YYYY-MM-DD, default today). Writes to Harvest."
)
START_TIMER_DESCRIPTION = "Start a timer on a project's task now. Writes to Harvest."
STOP_TIMER_DESCRIPTION = "Stop the running timer (of the current user, or time_entry_id). Writes to Harvest."

# tool name -> the write action it needs
WRITE_TOOLS = {
    "log_time": ("time_entries", "create"),
    "start_timer": ("time_entries", "create"),
    "stop_timer": ("time_entries", "stop"),
}


def _summary(entry: dict[str, Any]) -> dict[str, Any]:
    """What a person wants of a time entry (the full record is one execute away)."""
    picked = {
        key: entry.get(key)
        for key in ("id", "spent_date", "hours", "is_running", "notes", "timer_started_at", "started_time")
    }
    for ref in ("user", "client", "project", "task"):
        value = entry.get(ref)
        picked[ref] = {"id": value.get("id"), "name": value.get("name")} if isinstance(value, dict) else None
    return picked


class CuratedTools:
    def __init__(self, connector: Any, *, allowed_writes: set[tuple[str, str]]):
        self._connector = connector
        self._allowed = allowed_writes
        self._me: Optional[int] = None

    def available_writes(self) -> list[str]:
        return [name for name, action in WRITE_TOOLS.items() if action in self._allowed]

    async def _my_id(self) -> int:
        if self._me is None:  # one user per server: asked once
            me = await self._connector.execute("users", "me", {})
            self._me = int(me["id"])
        return self._me

    async def _running(self, user_id: Optional[int]) -> Optional[dict[str, Any]]:
        who = user_id if user_id is not None else await self._my_id()
        query = {"is_running": True, "user_id": who, "per_page": 1}
        page = await self._connector.execute("time_entries", "list", query)
        return page.data[0] if page.data else None

    async def running_timer(self, user_id: Optional[int] = None) -> str:
        entry = await self._running(user_id)
        return compact_json({"running": None if entry is None else _summary(entry)})

    async def time_report(self, from_date: str, to_date: str, group_by: ReportGrouping = "projects") -> str:
        if group_by not in ("projects", "clients", "tasks", "team"):
            raise ToolInputError(f"group_by={group_by!r}; accepted: projects, clients, tasks, team")
        page = await self._connector.execute(
            f"time_{group_by}", "list", {"from": from_date, "to": to_date, "limit": 10_000}
        )
        rows = page.data
        return compact_json(
            {
                "from": from_date,
                "to": to_date,
                "group_by": group_by,
                "total_hours": round(sum(row.get("total_hours") or 0 for row in rows), 2),
                "billable_hours": round(sum(row.get("billable_hours") or 0 for row in rows), 2),
                "rows": rows,
            }
        )

    async def log_time(
        self, project_id: int, task_id: int, hours: float, spent_date: Optional[str] = None, notes: Optional[str] = None
    ) -> str:
        import datetime

        params: dict[str, Any] = {
            "project_id": project_id,
            "task_id": task_id,
            "hours": hours,
            "spent_date": spent_date or datetime.date.today().isoformat(),
        }
        if notes:
            params["notes"] = notes
        return compact_json(_summary(await self._connector.execute("time_entries", "create", params)))

    async def start_timer(self, project_id: int, task_id: int, notes: Optional[str] = None) -> str:
        import datetime

        # Harvest starts a timer for a new entry created without hours (duration tracking).
        params: dict[str, Any] = {
            "project_id": project_id,
            "task_id": task_id,
            "spent_date": datetime.date.today().isoformat(),
        }
        if notes:
            params["notes"] = notes
        return compact_json(_summary(await self._connector.execute("time_entries", "create", params)))

    async def stop_timer(self, time_entry_id: Optional[int] = None) -> str:
        if time_entry_id is None:
            running = await self._running(None)
            if running is None:
                raise ToolInputError("No timer is running for the current user; nothing to stop")
            time_entry_id = int(running["id"])
        return compact_json(_summary(await self._connector.execute("time_entries", "stop", {"id": time_entry_id})))
