"""The JSON-to-Python builder that turns every response into Python objects (``_native.parse_json``
exposes it) against ``json.loads``: same values, same types, same key order, independent
objects. The builder shares repeated strings, copies dicts with the keys of an earlier one and
skips re-inserting values that are the very same object, so these tests aim at its caches:
few distinct keys, many repeated values, strings at the 24/25-byte cache boundary."""

from __future__ import annotations

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airbyte_agent_sdk._native import parse_json

KEYS = st.sampled_from(["id", "name", "a", "é", "k" * 24, "k" * 25, "", 'x"y', "with space", "\u2603"])
STRINGS = st.one_of(
    st.sampled_from(["", "x", "GBP", "unsubmitted", "s" * 24, "s" * 25, "line\nbreak", "\\", "é" * 12]),
    st.text(max_size=40),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**64 - 1),
    st.floats(allow_nan=False, allow_infinity=False),
    STRINGS,
)
DOCUMENTS = st.recursive(
    SCALARS,
    lambda inner: st.one_of(
        st.lists(inner, max_size=12),
        st.dictionaries(KEYS, inner, max_size=10),
        # Records that share their keys, as a page's do: the shape-copying path.
        st.lists(st.fixed_dictionaries({k: inner for k in ["id", "a", "b", "c", "d", "e", "f", "g"]}), max_size=8),
    ),
    max_leaves=60,
)


def same(ours, expected) -> bool:
    """Equal values of equal types, dict keys in the same order (``==`` alone takes ``True`` for ``1``)."""
    if type(ours) is not type(expected):
        return False
    if isinstance(expected, dict):
        return list(ours) == list(expected) and all(same(ours[k], expected[k]) for k in expected)
    if isinstance(expected, list):
        return len(ours) == len(expected) and all(same(a, b) for a, b in zip(ours, expected))
    return ours == expected


@settings(max_examples=600, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(DOCUMENTS)
def test_the_builder_agrees_with_json_loads(document):
    body = json.dumps({"doc": document}, ensure_ascii=False).encode()
    assert same(parse_json(body), json.loads(body))
    escaped = json.dumps({"doc": document}, ensure_ascii=True).encode()
    assert same(parse_json(escaped), json.loads(escaped))


def test_records_of_one_shape_are_independent_and_keep_their_own_values():
    template = {"id": 1, "a": None, "b": True, "c": "GBP", "d": 0.5, "e": [], "f": {}, "g": "x"}
    variants = [
        {"id": 2, "a": "now set", "b": False, "c": "GBP", "d": 0.5, "e": [1], "f": {"k": 1}, "g": None},
        {"id": 3, "a": None, "b": True, "c": "EUR", "d": 1.5, "e": [], "f": {}, "g": "x"},
        dict(template, id=4),
    ]
    # A page's worth, so that the builder's caches are sized for a page and the records after
    # the first are made by copying it.
    records = [template] + [dict(variants[i % 3], id=i) for i in range(2, 200)]
    built = parse_json(json.dumps({"records": records}).encode())["records"]
    assert same(built, records)
    # Copies, not aliases: changing one record (or a list or dict inside it) leaves the others.
    built[0]["a"] = "changed"
    built[0]["e"].append(9)
    built[0]["f"]["z"] = 1
    assert all(same(b, r) for b, r in zip(built[1:], records[1:]))


@pytest.mark.parametrize(
    "body",
    [b'{"a": [', b'{"a": 01}', b'{"a": 1} x', b'{"a": "\xff"}', b'{"a": tru}', b"", b'{"a": 1,}'],
)
def test_invalid_documents_are_refused(body):
    with pytest.raises(ValueError, match="invalid JSON"):
        parse_json(body)
