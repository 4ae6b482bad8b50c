"""The agent-facing description of the Harvest tool, generated from the catalogue.

It is appended to the tool's docstring by ``HarvestConnector.tool_utils``. It lists every entity,
action and parameter (type, required flag, range or allowed values), what results look like and
how to page, in as few characters as that takes, with no blank lines (some frameworks cut a
description at the first one). Only what works in this package is described.
"""

from __future__ import annotations

from typing import Any

# Parameter kinds with a short type name, explained once in the legend.
_KIND_NAMES = {
    "id": "id",
    "boolean": "bool",
    "date": "date",
    "report_date": "date",
    "datetime": "datetime",
    "text": "str",
}
_PAGING_KINDS = {"integer", "cursor", "limit"}
_PAGING_NAMES = ("per_page", "cursor", "limit")


def _type(p: dict[str, Any]) -> str:
    if p.get("enum"):
        return "|".join(p["enum"])
    if p["kind"] == "integer" and "minimum" in p and "maximum" in p:
        return f"{p['minimum']}..{p['maximum']}"
    return _KIND_NAMES.get(p["kind"], p["format"])


def _is_paging(action: dict[str, Any], p: dict[str, Any]) -> bool:
    """per_page/cursor/limit of a paginated list: stated once for all lists."""
    return action.get("pagination") in ("pages", "cursor") and p["name"] in _PAGING_NAMES and p["kind"] in _PAGING_KINDS


def _param(p: dict[str, Any]) -> str:
    return f"{p['name']}{'*' if p['required'] else ''}:{_type(p)}"


def _actions(entity: dict[str, Any]) -> str:
    parts = []
    for action in entity["actions"]:
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


def describe(catalog: list[dict[str, Any]], *, hosted: bool = False) -> str:
    paging = _paging_legend(catalog)
    lines = [
        "Harvest (time tracking, projects, invoicing, reports): read data by entity, action and params.",
        "Use entity and action names exactly as listed; params is an object; * = required. Types: id = integer id; "
        "date = YYYY-MM-DD; datetime = ISO-8601 with zone (2024-01-31T09:00:00Z); bool = true|false; a|b = one of.",
        "Entities: actions(params) - what they hold:",
    ]
    for entity in catalog:
        lines.append(f"{entity['name']}: {_actions(entity)} - {entity['description']}")
    lines.append(
        "Results: list -> {data: [records], meta: {has_more, next_cursor, total_entries, total_pages, page, per_page, "
        "next_link}}; other actions -> the record object."
    )
    if paging:
        lines.append(
            f"Every paginated list also takes {paging}. A call returns one page; while meta.has_more, call again "
            "with params.cursor = meta.next_cursor (same filters), or pass limit to get up to that many records "
            "at once. Prefer filters and small pages: results over the size limit fail."
        )
    else:
        lines.append("A list returns one page; meta.total_entries tells how many exist.")
    if hosted:
        lines.append(
            "Hosted mode: every entity also has context_store_search(query*, limit:1..10000, cursor:meta.cursor, "
            "fields:[[path]]) over the data Airbyte replicated. "
            "query = {filter: condition, sort: [{field: asc|desc}]}; "
            "condition = {eq|neq|gt|gte|lt|lte|like|fuzzy|keyword: {field: value}} | {in: {field: [values]}} | "
            "{not: condition} | {and|or: [conditions]}. Returns {data, meta: {has_more, cursor, took_ms}}. "
            "Plain lists there take no cursor or limit."
        )
    lines.append(
        "Errors say what to fix (unknown names list the valid ones; bad params name the field and the accepted "
        "values): correct the call and retry. 401/403 mean missing access, not a bad call."
    )
    return "\n".join(lines)
