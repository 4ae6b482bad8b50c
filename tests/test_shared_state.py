"""Many processes, one Harvest account: budgets and OAuth token state shared on a real Redis
server (``redis_server.py``), worker processes (``shared_worker.py``) against the fake Harvest."""

from __future__ import annotations

import asyncio
import json
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox
from airbyte_agent_sdk.errors import ConfigurationError, RateLimitError

from .conftest import SECRETS
from .redis_server import MISSING, RedisServer, free_port
from .test_rate_limits import max_in_any_window

pytestmark = pytest.mark.timeout(180)

WORKER = Path(__file__).with_name("shared_worker.py")


@pytest.fixture
def redis():
    if shutil.which("redis-server") is None:
        if os.environ.get("CI") == "true":
            pytest.fail(MISSING)  # CI installs it: its absence there is a broken setup, not a skip
        pytest.skip(MISSING)
    server = RedisServer()
    try:
        yield server
    finally:
        server.kill()


class Workers:
    """Worker processes, each with its own connector on the same shared state."""

    def __init__(self, count: int, sandbox: HarvestSandbox, *, oauth: bool = False, **options: Any) -> None:
        auth = sandbox.oauth_config() if oauth else sandbox.pat_config()
        setup = {
            "auth": auth.model_dump(),
            "oauth": oauth,
            "options": {"base_url": sandbox.base_url, "id_url": sandbox.id_url, **options},
        }
        self.processes = [
            subprocess.Popen(
                [sys.executable, str(WORKER), json.dumps(setup)],
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                text=True,
            )
            for _ in range(count)
        ]
        for answer in self._answers():
            assert answer == {"ready": True}

    def _answers(self) -> list[dict[str, Any]]:
        answers = []
        for process in self.processes:
            line = process.stdout.readline()  # type: ignore[union-attr]
            assert line, f"a worker ended early (exit status {process.poll()})"
            answers.append(json.loads(line))
        return answers

    def run(self, calls: int, concurrency: int) -> list[dict[str, Any]]:
        """Every worker makes ``calls`` calls at once; returns what each saw."""
        command = json.dumps({"calls": calls, "concurrency": concurrency}) + "\n"
        for process in self.processes:
            process.stdin.write(command)  # type: ignore[union-attr]
            process.stdin.flush()  # type: ignore[union-attr]
        return self._answers()

    def close(self) -> None:
        for process in self.processes:
            if process.stdin is not None:
                process.stdin.close()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def __enter__(self) -> Workers:
        return self

    def __exit__(self, *exc_info: Any) -> None:
        self.close()


def api_times(sandbox: HarvestSandbox) -> list[float]:
    return sorted(r["at"] for r in sandbox.requests() if r["path"].startswith("/v2"))


def test_four_processes_together_stay_within_harvests_limit(sandbox, redis):
    limit, window, processes, calls = 100, 1.0, 4, 200
    sandbox.set_rate_limit(limit, window)  # the fake answers 429 past 100 requests per second
    # max_attempts=1: a 429 would surface as a RateLimitError instead of being retried away.
    with Workers(processes, sandbox, shared_state=redis.url, rate_limit=[limit, window], max_attempts=1) as workers:
        sandbox.clear_requests()
        outcomes = workers.run(calls, concurrency=25)
    assert sum(o["rate_limited"] for o in outcomes) == 0
    assert [o["errors"] for o in outcomes] == [[]] * processes
    assert sum(o["ok"] for o in outcomes) == processes * calls
    times = api_times(sandbox)
    assert len(times) == processes * calls, "no request was refused and retried"
    assert max_in_any_window(times, window) <= limit
    # How close to the floor they finish is a benchmark's figure, not a test's (a shared CI
    # machine's timing proves nothing): benches/shared_budget.py measures it, target 1.1x.


def test_a_retry_after_seen_by_one_process_pauses_all(sandbox, redis):
    with Workers(1, sandbox, shared_state=redis.url, rate_limit=[100, 15.0], max_attempts=1) as other:
        assert other.run(1, 1)[0]["ok"] == 1
        sandbox.push_status(429, "", content_type="text/html", retry_after="2")
        here = HarvestConnector(sandbox.pat_config(), base_url=sandbox.base_url, shared_state=redis.url, max_attempts=1)

        async def refused() -> None:
            with pytest.raises(RateLimitError):
                await here.users.list(per_page=1)

        asyncio.run(refused())
        sandbox.clear_requests()
        refused_at = time.monotonic()
        # The other process received nothing from Harvest, yet waits out the pause.
        assert other.run(1, 1)[0]["ok"] == 1
        waited = time.monotonic() - refused_at
    assert waited >= 1.5, f"the other process sent after {waited:.2f} s, inside Harvest's Retry-After"


def test_eight_processes_make_one_token_request_and_share_the_rotated_token(redis):
    with HarvestSandbox(rotate_refresh_tokens=True, client_secret=SECRETS[1], refresh_token=SECRETS[2]) as sandbox:
        with Workers(8, sandbox, oauth=True, shared_state=redis.url, max_attempts=1) as workers:
            first = workers.run(3, 3)
            assert [o["errors"] for o in first] == [[]] * 8
            assert sandbox.token_requests() == 1
            assert sum(o["token_events"] for o in first) == 1, "on_token_refresh: once, where it refreshed"
            # Every access token is now refused: one process refreshes, with the refresh token
            # the first refresh rotated (the configured one is burnt), and the others take its token.
            sandbox.revoke_access_tokens()
            second = workers.run(2, 2)
            assert [o["errors"] for o in second] == [[]] * 8
            assert sandbox.token_requests() == 2
            assert sum(o["token_events"] for o in second) == 2
        stored = redis.dump_everything()
        assert "oauth:access" in stored and "oauth:refresh" in stored
        for secret in SECRETS:
            assert secret not in stored
        assert all(redis.cli("PTTL", key) not in ("-1", "-2") for key in redis.keys()), "every key expires"


async def test_keys_name_no_secret_and_all_expire(sandbox, redis):
    connector = sandbox.connector(shared_state=redis.url, rate_limit=(50, 2.0), reports_rate_limit=(10, 60.0))
    await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(5)))
    await connector.time_projects.list(from_="2024-01-01", to="2024-01-31")
    await asyncio.sleep(0.2)  # slot releases are sent in the background
    keys = redis.keys()
    prefix = f"harvest:{{{sandbox.account_id}:"
    assert keys and all(k.startswith(prefix) for k in keys), keys
    assert {k.rsplit("}:", 1)[1] for k in keys} == {"budget:general", "budget:reports", "processes"}
    everything = redis.dump_everything()
    for secret in SECRETS:
        assert secret not in everything
    # A budget lives a window and a lease (the call timeout, 60 s) after its last slot; the
    # list of processes two minutes after the last one was seen.
    ttls = {k: int(redis.cli("PTTL", k)) for k in keys}
    assert all(0 < ttl <= 120_000 for ttl in ttls.values()), ttls
    # Slots are kept no longer than their window after completion (a report takes one of each).
    general = next(k for k in keys if k.endswith("budget:general"))
    assert redis.cli("ZCARD", general) == "6"
    await asyncio.sleep(2.1)
    await connector.users.list(per_page=1)
    assert redis.cli("ZCARD", general) == "1"


async def test_redis_killed_mid_run_then_restarted(sandbox, redis, captured_logs):
    sandbox.set_rate_limit(40, 1.0)
    # Another process shares the budget first, so this one knows to keep half while Redis is away.
    with Workers(1, sandbox, shared_state=redis.url, rate_limit=[40, 1.0]) as other:
        assert other.run(2, 1)[0]["ok"] == 2
    connector = sandbox.connector(shared_state=redis.url, rate_limit=(40, 1.0), max_attempts=1)
    await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(10)))
    assert any(k.endswith("budget:general") for k in redis.keys())

    redis.kill()
    sandbox.clear_requests()
    pages = await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(30)))
    assert len(pages) == 30, "calls keep working without Redis"
    times = api_times(sandbox)
    assert max_in_any_window(times, 1.0) <= 20, "the fallback keeps this process's half of the limit"
    warnings = [r.getMessage() for r in captured_logs.records if r.levelno >= logging.WARNING]
    down = [m for m in warnings if "unreachable" in m]
    assert len(down) == 1, warnings
    assert f"127.0.0.1:{redis.port}" in down[0] and "1/2 of each limit" in down[0]

    redis.start()  # same port, empty
    await asyncio.sleep(1.1)  # the store is tried again once a second
    await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(5)))
    warnings = [r.getMessage() for r in captured_logs.records if r.levelno >= logging.WARNING]
    assert len([m for m in warnings if "reachable again" in m]) == 1, warnings
    assert len([m for m in warnings if "unreachable" in m]) == 1
    general = next(k for k in redis.keys() if k.endswith("budget:general"))
    assert redis.cli("ZCARD", general) == "5", "the budget is shared again"


async def test_redis_down_from_the_start_still_serves_calls(sandbox, captured_logs):
    connector = sandbox.connector(shared_state=f"redis://127.0.0.1:{free_port()}/0", rate_limit=(10, 1.0))
    pages = await asyncio.gather(*(connector.users.list(per_page=1) for _ in range(5)))
    assert len(pages) == 5
    assert len([r for r in captured_logs.records if "unreachable" in r.getMessage()]) == 1


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1:6379/0", "scheme is 'http'"),
        ("rediss://:pw-SENTINEL@cache:6380/0", "TLS"),
        ("redis://:pw-SENTINEL@/0", "host"),
        ("redis://cache:6379/zero", "database number"),
        ("not a url", "not a URL"),
    ],
)
def test_a_malformed_url_is_a_configuration_error_at_construction(sandbox, url, reason):
    with pytest.raises(ConfigurationError, match=reason) as raised:
        sandbox.connector(shared_state=url)
    assert raised.value.details["field"] == "shared_state"
    assert "redis://[[user]:password@]host[:port][/db]" in str(raised.value)
    assert "pw-SENTINEL" not in str(raised.value) and "pw-SENTINEL" not in repr(raised.value.details)


def test_the_environment_variable_is_read_and_checked(sandbox, monkeypatch):
    monkeypatch.setenv("HARVEST_SHARED_STATE", "memcached://cache:11211")
    with pytest.raises(ConfigurationError, match="shared_state"):
        sandbox.connector()
    with pytest.raises(TypeError, match="shared_state"):
        sandbox.connector(shared_state=6379)
