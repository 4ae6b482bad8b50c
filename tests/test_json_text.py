"""``_native.dumps_json`` writes exactly what ``json.dumps(value, default=str,
ensure_ascii=False)`` writes, and ``_native.json_size`` gives that text's length and first
characters (tools measure their results with it); both give up (None) on anything they do not
handle, so the caller's json.dumps decides."""

from __future__ import annotations

import json
import math
import random
import sys
from collections import OrderedDict
from decimal import Decimal

import pytest

from airbyte_agent_sdk._native import dumps_json, json_size

FLOATS = [
    0.0, -0.0, 1.0, -1.5, 0.1, 0.1 + 0.2, 1 / 3, 100.0, 1e15, 1e16, 1.5e16, 123456789012345.6,
    1234567890123456.0, 1e-4, 1e-5, 1.5e-5, 0.00012345, 5e-324, 2.2250738585072014e-308,
    1.7976931348623157e308, 1e22, 1e21, 1e100, 9007199254740993.0, 12.5, 7.25, 0.001,
    math.inf, -math.inf, math.nan,
]  # fmt: skip
STRINGS = [
    "", "plain", 'quote " inside', "back\\slash", "new\nline", "tab\t", "\r\b\f", "\x00\x01\x1f\x7f",
    "café", "日本語", "emoji 🎉", "\u2028\u2029", "/slash", "<html>&amp;", "'single'",
]  # fmt: skip


def expected(value):
    return json.dumps(value, default=str, ensure_ascii=False)


@pytest.mark.parametrize("value", FLOATS, ids=repr)
def test_floats_read_as_python_writes_them(value):
    assert dumps_json(value) == expected(value)


@pytest.mark.parametrize("value", STRINGS, ids=repr)
def test_strings_are_escaped_as_json_dumps_escapes_them(value):
    assert dumps_json(value) == expected(value)
    assert dumps_json({value: [value, value]}) == expected({value: [value, value]})


def test_scalars_containers_and_order():
    for value in (
        None,
        True,
        False,
        0,
        -(2**63),
        2**64 - 1,
        [],
        {},
        (1, "two", None),
        {"b": 1, "a": [True, {"c": None}], "d": (1.5,)},
        [[[]]],
    ):
        assert dumps_json(value) == expected(value), value


def random_value(rng: random.Random, depth: int = 0):
    kind = rng.randrange(8 if depth < 4 else 5)
    if kind == 0:
        return None
    if kind == 1:
        return rng.choice([True, False, rng.randint(-(2**63), 2**64 - 1), rng.randint(-1000, 1000)])
    if kind == 2:
        return rng.choice([rng.uniform(-1e6, 1e6), rng.random() * 10 ** rng.randint(-30, 30), *FLOATS])
    if kind in (3, 4):
        return "".join(rng.choice(STRINGS + ["x", "é", "\x05"]) for _ in range(rng.randrange(4)))
    if kind == 5:
        return [random_value(rng, depth + 1) for _ in range(rng.randrange(5))]
    return {rng.choice(STRINGS) + str(i): random_value(rng, depth + 1) for i in range(rng.randrange(5))}


def test_random_json_values():
    rng = random.Random(20261203)
    for _ in range(3000):
        value = random_value(rng)
        text = expected(value)
        assert dumps_json(value) == text, value
        cut = rng.randrange(12)
        assert json_size(value, cut) == (len(text), text[:cut]), value


def test_a_page_of_records(sandbox):
    import asyncio

    async def page():
        async with sandbox.connector() as conn:
            result = await conn.execute("time_entries", "list", {"per_page": 2000})
            return result.model_dump(mode="json")

    value = asyncio.run(page())
    value["data"][0]["notes"] = "Überstunden 🎉 ✓"  # characters of 2, 4 and 3 UTF-8 bytes
    assert len(value["data"]) > 1
    text = expected(value)
    assert dumps_json(value) == text
    assert json_size(value, 500) == (len(text), text[:500])


class Text(str):
    pass


@pytest.mark.parametrize(
    "value",
    [
        2**64,
        -(2**63) - 1,
        Decimal("1.5"),
        {1: "int key"},
        {None: 1},
        Text("a subclass"),
        OrderedDict(a=1),
        [1, {2, 3}],
        "lone \ud800 surrogate",
        object(),
    ],
    ids=repr,
)
def test_anything_else_is_left_to_json_dumps(value):
    assert dumps_json(value) is None
    assert json_size(value, 10) is None


def test_a_cycle_and_deep_nesting_are_left_to_json_dumps():
    cycle: list = []
    cycle.append(cycle)
    assert dumps_json(cycle) is None
    deep: list = []
    for _ in range(sys.getrecursionlimit() // 4):
        deep = [deep]
    assert dumps_json(deep) is None
    shallow = [[[[1]]]]
    assert dumps_json(shallow) == "[[[[1]]]]"
