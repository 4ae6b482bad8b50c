"""The agent-facing description of the Harvest tool, generated from the catalogue.

It is appended to the tool's docstring by ``HarvestConnector.tool_utils``. It lists every entity,
action and parameter (type, required flag, range or allowed values), what results look like and
how to page, in as few characters as that takes, with no blank lines (some frameworks cut a
description at the first one). Only what works in this package is described.
"""

from __future__ import annotations

from typing import Any, Optional, Sequence

# Parameter kinds with a short type name, explained once in the legend.
_KIND_NAMES = {
    "id": "id",
    "boolean": "bool",
    "date": "date",
    "report_date": "date",
    "datetime": "datetime",
    "text": "str",
    "multiline": "str",
    "decimal": "number",
    "time": "time",
    "email": "email",
    "currency": "currency",
    "file": "path",
}
_PAGING_KINDS = {"integer", "cursor", "limit"}
_PAGING_NAMES = ("per_page", "cursor", "limit")


def _type(p: dict[str, Any]) -> str:
    if p.get("enum"):
        return "|".join(p["enum"])
    if p["kind"] == "list":
        return f"[{_type(p['items'])}]"
    if p["kind"] in ("object", "items"):
        inner = "{" + ", ".join(_param(f) for f in p["fields"]) + "}"
        return f"[{inner}]" if p["kind"] == "items" else inner
    if p["kind"] == "integer" and "minimum" in p and "maximum" in p:
        # An upper bound no one reaches (page's 999999999) is noise in every list's line.
        return f"{p['minimum']}.." if p["maximum"] >= 10**8 else f"{p['minimum']}..{p['maximum']}"
    return _KIND_NAMES.get(p["kind"], p["format"])


def _is_paging(action: dict[str, Any], p: dict[str, Any]) -> bool:
    """per_page/cursor/limit of a paginated list: stated once for all lists."""
    return action.get("pagination") in ("pages", "cursor") and p["name"] in _PAGING_NAMES and p["kind"] in _PAGING_KINDS


def _param(p: dict[str, Any]) -> str:
    return f"{p['name']}{'*' if p['required'] else ''}:{_type(p)}"


def _enabled(entity: str, action: dict[str, Any], writes: list[str]) -> bool:
    if not action.get("write"):
        return True
    return "all" in writes or entity in writes or f"{entity}.{action['name']}" in writes


def _actions(entity: dict[str, Any], writes: list[str]) -> str:
    parts = []
    for action in entity["actions"]:
        if not _enabled(entity["name"], action, writes):
            continue
        params = [p for p in action["parameters"] if not _is_paging(action, p)]
        parts.append(f"{action['name']}({', '.join(_param(p) for p in params)})")
    return " ".join(parts)


def _paging_legend(catalog: list[dict[str, Any]]) -> str:
    for entity in catalog:
        for action in entity["actions"]:
            paging = [p for p in action["parameters"] if _is_paging(action, p)]
            if len(paging) == len(_PAGING_NAMES):
                return ", ".join(_param(p) for p in paging)
    return ""


def describe(
    catalog: list[dict[str, Any]],
    *,
    hosted: bool = False,
    writes: Optional[list[str]] = None,
    store_tables: Sequence[str] = (),
) -> str:
    """``writes``: what ``allow_writes`` enables (``["all"]``, entity or ``entity.action``
    names); writes are described only then, and hosted mode has none. ``store_tables``: the
    entities local mode's store holds (searched and queried by SQL there)."""
    writes = [] if hosted or not writes else writes
    paging = _paging_legend(catalog)
    purpose = "read and change data" if writes else "read data"
    lines = [
        f"Harvest (time tracking, projects, invoicing, reports): {purpose} by entity, action and params.",
        "Use entity and action names exactly as listed; params is an object; * = required. Types: id = integer id; "
        "date = YYYY-MM-DD; datetime = ISO-8601 with zone (2024-01-31T09:00:00Z); bool = true|false; a|b = one of.",
        "Entities: actions(params) - what they hold:",
    ]
    for entity in catalog:
        lines.append(f"{entity['name']}: {_actions(entity, writes)} - {entity['description']}")
    lines.append(
        "Results: list -> {data: [records], meta: {has_more, next_cursor, total_entries, total_pages, page, per_page, "
        "next_link}}; other actions -> the record object."
    )
    if paging:
        lines.append(
            f"Every paginated list also takes {paging}. A call returns one page; while meta.has_more, call again "
            "with params.cursor = meta.next_cursor (same filters), or pass limit to get up to that many records "
            "at once. Lists that show page also take page=N (not with cursor). "
            "Prefer filters and small pages: results over the size limit fail."
        )
    else:
        lines.append("A list returns one page; meta.total_entries tells how many exist.")
    search = (
        "context_store_search(query*, limit:1..10000, cursor:meta.cursor, fields:[[path]]): "
        "query = {filter: condition, sort: [{field: asc|desc}]}; "
        "condition = {eq|neq|gt|gte|lt|lte|like|fuzzy|keyword: {field: value}} | {in: {field: [values]}} | "
        "{not: condition} | {and|or: [conditions]}; returns {data, meta: {has_more, cursor}}"
    )
    if hosted:
        lines.append(
            f"Hosted mode: every entity also has {search}, over the data Airbyte replicated. "
            "Plain lists there take no cursor or limit."
        )
    elif store_tables:
        lines.append(
            f"Local copies of {','.join(store_tables)}: {search}; and "
            "context_store_sql_query(sql*): one SQLite SELECT, a table per entity, a column per field, user_id/"
            "project_id/... for nested objects, objects/lists as JSON; e.g. SELECT user_id,SUM(hours) FROM "
            "time_entries GROUP BY user_id."
        )
    if writes:
        lines.append(
            "Writes (create, update, delete, stop, ...) change Harvest for real: create/update return the record, "
            "delete returns {deleted: true, entity, id}; update sends only the fields given. time = 8:00am or 17:30; "
            "time_entries.create takes hours or started_time/ended_time, as the account tracks time (the error says "
            "which); without hours/ended_time it starts a timer. Line items: [{kind*, unit_price*, ...}]; on update "
            "{id, ...} changes one and {id, _destroy: true} removes it. Add 'dry_run': true to params to get the "
            "exact request back without sending it (to show a person first). A write error with "
            "may_have_been_applied: check (how_to_check) before retrying."
        )
    lines.append(
        "Errors say what to fix (the valid names, the bad field and its accepted values): correct the call and "
        "retry. 401/403 mean missing access, not a bad call."
    )
    return "\n".join(lines)
