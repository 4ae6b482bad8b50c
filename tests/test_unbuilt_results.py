"""A list call made inside a tool keeps its records unbuilt: the tool's size check measures
their JSON text from the response bytes (in the core), and ``.data`` is built at its first read.
What the model reads and what the caller gets must be exactly what a built result gives: the
same ``json.dumps`` text (length and preview), the same records, the same errors."""

from __future__ import annotations

import copy
import dataclasses
import json
import pickle

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector, HarvestExecuteResultWithMeta
from airbyte_agent_sdk.errors import AirbyteToolError, InvalidResponseError
from airbyte_agent_sdk.translation import _json_size, in_tool

PREVIEW = 500


async def in_a_tool(conn, *args, **kwargs):
    token = in_tool.set(True)
    try:
        return await conn.execute(*args, **kwargs)
    finally:
        in_tool.reset(token)


def dumps(result):
    return json.dumps(result.model_dump(mode="json"), default=str, ensure_ascii=False)


def assert_measured_as_built(result):
    """The size check's figures for an unbuilt result are those of the text its built records
    give, and measuring did not build them."""
    assert "_records" in vars(result), "the records were built (or the call was not unbuilt)"
    measured = _json_size(result, PREVIEW)
    assert "_records" in vars(result), "measuring built the records"
    text = dumps(result)  # builds them
    assert measured == (len(text), text[:PREVIEW])


CALLS = [
    ("time_entries", {"per_page": 100}, {}),
    ("time_entries", {"per_page": 2}, {}),
    ("time_entries", {"limit": 250}, {}),  # a walk over several pages
    ("time_entries", {"per_page": 7}, {"select_fields": ["id", "project.name", "notes", "hours"]}),
    ("time_entries", {"limit": 120}, {"exclude_fields": ["user", "client", "task.id"]}),
    ("users", {}, {}),
    ("projects", {"per_page": 1}, {}),
    ("invoices", {}, {}),
]


@pytest.mark.parametrize(("entity", "params", "options"), CALLS, ids=[f"{c[0]} {c[1]} {c[2]}" for c in CALLS])
async def test_text_measured_from_bytes_is_the_built_records_text(sandbox, entity, params, options):
    async with sandbox.connector() as conn:
        result = await in_a_tool(conn, entity, "list", params, **options)
        assert_measured_as_built(result)
        plain = await conn.execute(entity, "list", params, **options)
    assert type(plain) is HarvestExecuteResultWithMeta
    assert result.data == plain.data and result.meta == plain.meta


async def test_a_cursor_continuation_skips_the_same_records(sandbox):
    async with sandbox.connector() as conn:
        first = await conn.execute("time_entries", "list", {"limit": 45})
        cursor = first.meta["next_cursor"]
        result = await in_a_tool(conn, "time_entries", "list", {"cursor": cursor})
        assert_measured_as_built(result)
        plain = await conn.execute("time_entries", "list", {"cursor": cursor})
    assert result.data == plain.data and result.meta == plain.meta


TRICKY_RECORDS = [
    {"id": 1, "name": 'quote " back\\slash \n\t\r\b\f \u0001 \u001f', "x": "/"},
    {"id": 2, "name": "café 日本語 🎉 \u2028", "escaped": "\u00e9\ud83c\udf89"},
    {"id": 3, "floats": [0.0, -0.0, 1.0, 0.1, 1e16, 1.5e-5, 1e-4, 123456789012345.6, 5e-324, 1e308, 12.5]},
    {"id": 4, "ints": [0, -1, 9007199254740993, 18446744073709551615, -9223372036854775808]},
    {"id": 5, "big": 123456789012345678901234567890, "exp": 1e2, "neg_zero_int": 0},
    {"id": 6, "nested": {"a": [{"b": None, "c": True, "d": False}], "e": {}}, "empty": []},
]


def raw_page(records_json: str) -> bytes:
    return (
        '{"users": ' + records_json + ', "per_page": 100, "total_pages": 1, "total_entries": 6, '
        '"next_page": null, "previous_page": null, "page": 1, '
        '"links": {"first": null, "next": null, "previous": null, "last": null}}'
    ).encode()


async def test_unusual_values_read_as_python_writes_them(sandbox):
    # Escapes as Harvest may send them, numbers past 64 bits (Python floats, as when built),
    # exponents, unicode outside the BMP given as a surrogate pair.
    body = raw_page(json.dumps(TRICKY_RECORDS, ensure_ascii=True).replace("1e+16", "1E16").replace("100.0", "1e2"))
    async with sandbox.connector() as conn:
        sandbox.push_body(body)
        result = await in_a_tool(conn, "users", "list")
        assert_measured_as_built(result)
        sandbox.push_body(body)
        plain = await conn.execute("users", "list")
    assert result.data == plain.data
    assert result.data[4]["big"] == float(123456789012345678901234567890)


async def test_a_repeated_key_is_measured_from_the_built_records(sandbox):
    # A dict keeps one entry per key (the first position, the last value): the pass leaves
    # such a body to the built records, so the figures are right either way.
    body = raw_page('[{"id": 1, "name": "first", "id": 2}, {"id": 3, "nested": {"k": 1, "k": 2}}]')
    async with sandbox.connector() as conn:
        sandbox.push_body(body)
        result = await in_a_tool(conn, "users", "list")
    assert result.data == [{"id": 2, "name": "first"}, {"id": 3, "nested": {"k": 2}}]
    text = dumps(result)
    assert _json_size(result, PREVIEW) == (len(text), text[:PREVIEW])


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (b'{"users": [{"id": 01}]}', "invalid JSON"),
        (b'{"users": [{"name": "\\ud800"}]}', "invalid JSON"),
        (b'{"users": {"id": 1}}', "expected a list under 'users'"),
        (b'{"users": [{"id": 1}], "page": 1} {}', "invalid JSON"),
        (b'{"users": [{"name": "\xff"}]}', "invalid JSON"),
    ],
)
async def test_a_bad_body_fails_the_call_as_it_does_outside_a_tool(sandbox, body, reason):
    async with sandbox.connector(max_attempts=1) as conn:
        sandbox.push_body(body)
        with pytest.raises(InvalidResponseError) as inside:
            await in_a_tool(conn, "users", "list")
        sandbox.push_body(body)
        with pytest.raises(InvalidResponseError) as outside:
            await conn.execute("users", "list")
    assert reason in str(inside.value)
    assert str(inside.value) == str(outside.value)


async def test_the_refusal_a_model_reads_is_the_same_text(sandbox):
    async with sandbox.connector() as conn:

        @HarvestConnector.tool_utils(framework="none", max_output_chars=1_000)
        async def tool(params: dict):
            return await conn.execute("time_entries", "list", params)

        with pytest.raises(AirbyteToolError) as caught:
            await tool({"per_page": 50})
        plain = await conn.execute("time_entries", "list", {"per_page": 50})
    text = dumps(plain)
    message = str(caught.value)
    assert f"output too large ({len(text):,} chars, limit 1,000)" in message
    assert message.endswith(f"Preview: {text[:PREVIEW]}...")


async def test_a_result_that_fits_is_returned_and_builds_on_first_read(sandbox):
    async with sandbox.connector() as conn:

        @HarvestConnector.tool_utils(framework="none")
        async def tool(params: dict):
            return await conn.execute("users", "list", params)

        result = await tool({"per_page": 3})
        plain = await conn.execute("users", "list", {"per_page": 3})
    assert "_records" in vars(result)
    assert isinstance(result, HarvestExecuteResultWithMeta)
    assert result.data is result.data  # built once, then the same list
    assert "_records" not in vars(result)
    assert result.data == plain.data and result == plain and plain == result
    assert repr(result) == repr(plain)


async def test_after_data_is_changed_its_own_text_counts(sandbox):
    async with sandbox.connector() as conn:
        result = await in_a_tool(conn, "users", "list")
        result.data.append({"id": 0, "note": "added by the caller"})
        text = dumps(result)
        assert _json_size(result, PREVIEW) == (len(text), text[:PREVIEW])
        replaced = await in_a_tool(conn, "users", "list")
        replaced.data = [{"id": 1}]
        replaced.meta = {"has_more": False}
        assert _json_size(replaced, PREVIEW) == (len(dumps(replaced)), dumps(replaced)[:PREVIEW])
        assert replaced.model_dump() == {"data": [{"id": 1}], "meta": {"has_more": False}}


async def test_copies_and_pickles_are_plain_results(sandbox):
    async with sandbox.connector() as conn:
        result = await in_a_tool(conn, "users", "list")
        plain = await conn.execute("users", "list")
    for other in (pickle.loads(pickle.dumps(result)), copy.copy(result), copy.deepcopy(result)):
        assert type(other) is HarvestExecuteResultWithMeta and other == plain
    assert dataclasses.asdict(result) == dataclasses.asdict(plain)
    assert dataclasses.replace(result, meta={}).data == plain.data


async def test_pydantic_serialises_it_as_the_plain_result(sandbox):
    pydantic = pytest.importorskip("pydantic")
    async with sandbox.connector() as conn:
        result = await in_a_tool(conn, "time_entries", "list", {"per_page": 10})
        plain = await conn.execute("time_entries", "list", {"per_page": 10})
    adapter = pydantic.TypeAdapter(object)
    assert adapter.dump_json(result) == adapter.dump_json(plain)


async def test_outside_a_tool_records_are_built_at_once(sandbox):
    async with sandbox.connector() as conn:
        result = await conn.execute("users", "list")
    assert type(result) is HarvestExecuteResultWithMeta and "data" in vars(result)
