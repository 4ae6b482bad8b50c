"""Property-based: whatever an LLM passes as entity, action and params, the connector either sends
a valid request or raises a typed error before sending; it never crashes, hangs or puts an
invalid request on the wire (checked in the fake's request log)."""

from __future__ import annotations

import asyncio
import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import AirbyteError, ExecutorError

ENTITIES = ["users", "time_entries", "company", "time_projects", "user_assignments"]
KEYS = ["id", "per_page", "from", "from_", "to", "page", "cursor", "", "ïd", "per_page\x00"]

scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.text(alphabet=st.characters(min_codepoint=0xD800, max_codepoint=0xDFFF), min_size=1, max_size=3),
    st.sampled_from(["1", "0001", "2024-01-31", "20240131", "../users/me", "1?x=y", "東京", "9" * 30, "x" * 5000]),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=5), inner, max_size=3)),
    max_leaves=6,
)
params = st.one_of(
    st.none(),
    st.dictionaries(st.one_of(st.sampled_from(KEYS), st.text(max_size=10)), values, max_size=4),
    st.lists(values, max_size=2),
    scalars,
)
names = st.one_of(
    st.sampled_from(ENTITIES + ["list", "get", "delete", "widgets"]), st.text(max_size=20), st.integers(), st.none()
)

VALID_PATH = re.compile(
    r"^/v2/(users|time_entries|company|user_assignments|reports/time/projects)(/[1-9][0-9]{0,18})?$"
)
VALID_QUERY_KEY = {"per_page", "from", "to"}


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    entity=st.one_of(st.sampled_from(ENTITIES), names),
    action=st.one_of(st.sampled_from(["list", "get"]), names),
    params=params,
)
def test_any_input_is_a_valid_request_or_a_typed_error(entity, action, params):
    asyncio.run(_check(entity, action, params))


SANDBOX: HarvestSandbox | None = None


def _sandbox() -> HarvestSandbox:
    global SANDBOX
    if SANDBOX is None:
        SANDBOX = HarvestSandbox(time_entries=5, records_per_entity=3)
    return SANDBOX


async def _check(entity, action, params):
    sandbox = _sandbox()
    sandbox.clear_requests()
    connector = sandbox.connector(max_attempts=1, timeout=10)
    try:
        result = await asyncio.wait_for(connector.execute(entity, action, params), timeout=15)
    except ExecutorError as err:
        assert isinstance(err, ValueError)
        assert sandbox.request_count() == 0, "an input error must be raised before sending"
        return
    except AirbyteError:
        pass  # an HTTP-level answer from the fake (404, 422): the request itself must be valid
    else:
        assert result is not None
    for request in sandbox.requests():
        assert VALID_PATH.match(request["path"]), request["path"]
        for key, value in request["query_pairs"]:
            assert key in VALID_QUERY_KEY, key
            assert value.isascii() and value.isdigit() and not math.isnan(float(value))
