"""Running ``harvest-agent`` as a real subprocess, pointed at the fake Harvest, with every
output searched for the sentinel secrets."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Optional

from .conftest import SECRETS

HARVEST_VARIABLES = (
    "HARVEST_ACCESS_TOKEN",
    "HARVEST_ACCOUNT_ID",
    "HARVEST_CLIENT_ID",
    "HARVEST_CLIENT_SECRET",
    "HARVEST_REFRESH_TOKEN",
    "HARVEST_API_URL",
    "HARVEST_ID_URL",
    "HARVEST_USER_AGENT",
)
COMMAND = [sys.executable, "-m", "airbyte_agent_sdk"]


def clean_env(**variables: str) -> dict[str, str]:
    """The test process's environment without any HARVEST_* variable, plus ``variables``."""
    env = {k: v for k, v in os.environ.items() if k not in HARVEST_VARIABLES}
    env.update(variables)
    return env


def sandbox_env(sandbox, **variables: str) -> dict[str, str]:
    pointed = {
        "HARVEST_ACCESS_TOKEN": sandbox.token,
        "HARVEST_ACCOUNT_ID": sandbox.account_id,
        "HARVEST_API_URL": sandbox.base_url,
        "HARVEST_ID_URL": sandbox.id_url,
    }
    return clean_env(**{**pointed, **variables})


def assert_no_secret(*texts: str) -> None:
    for text in texts:
        for secret in SECRETS:
            assert secret not in text, f"a secret leaked into: {text[:300]!r}"


def run(*args: str, env: dict[str, str], stdin: Optional[str] = "", timeout: float = 60) -> subprocess.CompletedProcess:
    done = subprocess.run([*COMMAND, *args], capture_output=True, text=True, env=env, input=stdin, timeout=timeout)
    assert_no_secret(done.stdout, done.stderr)
    assert "Traceback" not in done.stderr, done.stderr
    return done


def one_line_error(done: subprocess.CompletedProcess) -> str:
    """The error of a failed run: exactly one line on stderr, starting with the program name."""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("harvest-agent"), lines[0]
    return lines[0]
