"""The agent-facing description of the Harvest tool, generated from the catalogue.

It is appended to the tool's docstring by ``HarvestConnector.tool_utils``. It lists every entity,
action and parameter (type, required flag, range or format), what results look like and how to
page, in as few characters as that takes, with no blank lines (some frameworks cut a
description at the first one). Only what works in this package is described.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Short spellings of the catalogue's formats, to keep the description compact.
_SHORT_FORMATS = {
    "positive integer id": "id",
    "date YYYY-MM-DD or YYYYMMDD": "date",
    "date YYYY-MM-DD": "date",
    "boolean": "bool",
}


def _param(p: dict[str, Any]) -> str:
    fmt = _SHORT_FORMATS.get(p["format"], p["format"])
    return f"{p['name']}{'*' if p['required'] else ''}:{fmt}"


def _shared_list_params(catalog: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Parameters every list action takes in the same form: stated once, not per entity."""
    lists = [a for e in catalog for a in e["actions"] if a["name"] == "list" and a["response"] == "list"]
    if not lists:
        return []
    first = {p["name"]: p for p in lists[0]["parameters"] if not p["required"]}
    shared = []
    for name, param in first.items():
        if all(any(q["name"] == name and q["format"] == param["format"] for q in a["parameters"]) for a in lists):
            shared.append(param)
    return shared


def _actions(entity: dict[str, Any], shared: Iterable[str]) -> str:
    parts = []
    for action in entity["actions"]:
        params = [p for p in action["parameters"] if not (action["name"] == "list" and p["name"] in shared)]
        parts.append(f"{action['name']}({', '.join(_param(p) for p in params)})")
    return " ".join(parts)


def describe(catalog: list[dict[str, Any]]) -> str:
    shared = _shared_list_params(catalog)
    shared_names = [p["name"] for p in shared]
    has_cursor = any(p["name"] == "cursor" for e in catalog for a in e["actions"] for p in a["parameters"])
    lines = [
        "Harvest (time tracking, projects, invoicing): read data by entity, action and params.",
        "Use entity and action names exactly as listed; params is an object; * marks required params; "
        "ids are integers; dates are YYYY-MM-DD.",
    ]
    if shared:
        lines.append("Every list also takes " + ", ".join(_param(p) for p in shared) + ".")
    lines.append("Entities and actions:")
    for entity in catalog:
        lines.append(f"- {entity['name']}: {_actions(entity, shared_names)} - {entity['description']}")
    lines.append(
        "Results: list -> {data: [records], meta: {next_link, has_more, page, per_page, total_pages, total_entries}}; "
        "get -> the record object."
    )
    if has_cursor:
        lines.append(
            "Paging: while meta.has_more, call again with params.cursor = meta.next_cursor (same filters); "
            "or pass params.limit to get up to that many records in one call."
        )
    else:
        lines.append(
            "Paging: a list returns one page (up to per_page records, newest first); meta.total_entries tells how "
            "many exist. Keep per_page small (e.g. 50) and ask for what you need."
        )
    lines.append(
        "Errors explain what to fix (unknown names list the valid ones; bad params name the field and accepted "
        "values): correct the call and retry. 401/403 mean missing access, not a bad call."
    )
    return "\n".join(lines)
