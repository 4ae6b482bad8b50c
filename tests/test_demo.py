"""``python -m airbyte_agent_sdk.demo``: each step prints the code that makes it (ready to copy,
with how to run an ``await``), and a failed health check exits 1."""

from __future__ import annotations

import os
import subprocess
import sys


def _demo(**env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("HARVEST_")}
    return subprocess.run(
        [sys.executable, "-m", "airbyte_agent_sdk.demo"],
        capture_output=True,
        text=True,
        timeout=60,
        env={**clean, **env},
    )


def test_the_demo_shows_code_to_copy_and_exits_0_on_the_fake():
    done = _demo()
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "asyncio.run(main())" in out and "python -m asyncio" in out
    assert "HarvestPersonalAccessTokenAuthConfig(token=" in out
    for line in (
        ">>> check = await connector.check()",
        ">>> users = await connector.users.list(per_page=5)",
        ">>> entries = await connector.time_entries.list(per_page=3)",
        '>>> await connector.execute("users", "get", {"id": "../me"})',
    ):
        assert line in out
    assert "check.status = 'healthy'" in out and "refused before sending: InvalidParameterError" in out


def test_the_demo_exits_1_when_the_health_check_fails(sandbox):
    done = _demo(
        HARVEST_ACCESS_TOKEN="wrong-token",
        HARVEST_ACCOUNT_ID="1234567",
        HARVEST_API_URL=sandbox.base_url,
        HARVEST_ID_URL=sandbox.id_url,
    )
    assert done.returncode == 1
    assert "check.status = 'unhealthy'" in done.stdout and "AuthenticationError" not in done.stderr
    assert "health check failed" in done.stderr
    assert "wrong-token" not in done.stdout + done.stderr
