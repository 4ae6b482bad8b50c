"""What ``execute`` prints: ``json`` (the default), ``jsonl``, ``table`` and ``csv``; and the
compact JSON the MCP tools return.

- ``json``: a list as ``{"data": [...], "meta": {...}}`` (``meta.next_cursor`` continues it
  with ``-p cursor=...``), an object as itself; indented on a terminal, one line otherwise.
- ``jsonl``: one record per line, written as pages arrive (the only streaming format).
- ``table`` (for people) and ``csv`` (for spreadsheets): one row per record, nested objects
  flattened to dotted columns (``project.name``), lists as JSON; the columns are every key seen,
  in first-seen order, so these two wait for the last record.
"""

from __future__ import annotations

import json
from typing import Any, Iterable, TextIO

FORMATS = ("json", "jsonl", "table", "csv")
_TABLE_CELL = 48  # characters of a table cell before it is cut with an ellipsis


def compact_json(value: Any) -> str:
    """The smallest JSON text of ``value`` (what MCP tools return: every character is a token)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def write_json(out: TextIO, value: Any, *, pretty: bool) -> None:
    out.write(json.dumps(value, indent=2 if pretty else None, ensure_ascii=False, default=str) + "\n")


def write_jsonl(out: TextIO, records: Iterable[Any]) -> None:
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False, default=str) + "\n")
    out.flush()


def _flatten(record: Any, prefix: str = "") -> dict[str, Any]:
    if not isinstance(record, dict):
        return {prefix or "value": record}
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}.{key}" if prefix else str(key)
        if isinstance(value, dict) and value:
            flat.update(_flatten(value, name))
        else:
            flat[name] = value
    return flat


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def _rows(records: list[Any]) -> tuple[list[str], list[dict[str, Any]]]:
    flat = [_flatten(record) for record in records]
    columns: dict[str, None] = {}
    for row in flat:
        columns.update(dict.fromkeys(row))
    return list(columns), flat


def write_csv(out: TextIO, records: list[Any]) -> None:
    import csv

    columns, rows = _rows(records)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row.get(column)) for column in columns])


def _cut(text: str) -> str:
    text = text.replace("\n", " ")
    return text if len(text) <= _TABLE_CELL else text[: _TABLE_CELL - 1] + "…"


def write_table(out: TextIO, records: list[Any]) -> None:
    if not records:
        out.write("(no records)\n")
        return
    columns, rows = _rows(records)
    cells = [[_cut(_cell(row.get(column))) for column in columns] for row in rows]
    widths = [max(len(column), *(len(line[i]) for line in cells)) for i, column in enumerate(columns)]
    out.write("  ".join(column.ljust(width) for column, width in zip(columns, widths)).rstrip() + "\n")
    out.write("  ".join("-" * width for width in widths) + "\n")
    for line in cells:
        out.write("  ".join(cell.ljust(width) for cell, width in zip(line, widths)).rstrip() + "\n")


def write_object(out: TextIO, value: Any, output: str, *, pretty: bool) -> None:
    """A single object (a ``get``): a table of field and value, a one-row csv, or JSON."""
    if output == "table":
        flat = _flatten(value)
        width = max((len(key) for key in flat), default=0)
        for key, item in flat.items():
            out.write(f"{key.ljust(width)}  {_cut(_cell(item))}".rstrip() + "\n")
    elif output == "csv":
        write_csv(out, [value])
    elif output == "jsonl":
        write_jsonl(out, [value])
    else:
        write_json(out, value, pretty=pretty)
