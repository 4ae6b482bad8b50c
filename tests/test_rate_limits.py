"""Client-side budgets: calls wait for budget instead of collecting 429s."""

from __future__ import annotations

import asyncio

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.errors import InvalidParameterError


def max_in_any_window(times: list[float], window: float) -> int:
    times = sorted(times)
    return max(sum(1 for u in times[i:] if u < t + window) for i, t in enumerate(times))


async def test_a_burst_is_spread_over_the_budget_with_no_429(sandbox):
    sandbox.set_rate_limit(100, 1.0)  # the fake answers 429 beyond 100 requests per second
    # max_attempts=1: any 429 would surface as a RateLimitError instead of being retried away.
    connector = sandbox.connector(rate_limit=(100, 1.0), max_attempts=1)
    results = await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(500)))
    assert len(results) == 500 and all(r.data for r in results)
    times = [r["at"] for r in sandbox.requests()]
    assert len(times) == 500, "no request was retried: none was refused"
    assert max_in_any_window(times, 1.0) <= 100


async def test_connectors_of_one_account_share_the_budget(sandbox):
    sandbox.set_rate_limit(20, 1.0)
    first = sandbox.connector(rate_limit=(20, 1.0), max_attempts=1)
    second = HarvestConnector(sandbox.pat_config(), base_url=sandbox.base_url, rate_limit=(20, 1.0), max_attempts=1)
    calls = [c.users.list(per_page=1) for c in (first, second) for _ in range(30)]
    assert len(await asyncio.gather(*calls)) == 60
    assert sandbox.request_count() == 60


async def test_reports_have_their_own_budget(sandbox):
    connector = sandbox.connector(reports_rate_limit=(4, 1.0))
    reports = [connector.time_projects.list(from_="2024-01-01", to="2024-06-30") for _ in range(10)]
    plain = [connector.users.list(per_page=1) for _ in range(10)]
    await asyncio.gather(*reports, *plain)
    requests = sandbox.requests()
    report_times = [r["at"] for r in requests if r["path"].startswith("/v2/reports/")]
    plain_times = [r["at"] for r in requests if r["path"] == "/v2/users"]
    assert max_in_any_window(report_times, 1.0) <= 4
    assert max(plain_times) < min(sorted(report_times)[4:]), "plain calls do not wait behind reports"


def test_budget_arguments_are_checked(sandbox):
    with pytest.raises(TypeError, match="rate_limit must be"):
        sandbox.connector(rate_limit=100)
    with pytest.raises(ValueError, match="rate_limit"):
        sandbox.connector(rate_limit=(0, 1.0))
    with pytest.raises(ValueError, match="reports_rate_limit"):
        sandbox.connector(reports_rate_limit=(10, -1))
    assert not issubclass(InvalidParameterError, TypeError)
