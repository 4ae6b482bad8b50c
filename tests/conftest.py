"""Every test talks to a real HTTP server: the package's own fake Harvest on 127.0.0.1."""

from __future__ import annotations

import logging

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox

from .fake_airbyte import FakeAirbyte

# Sentinel credentials: the secret-leak tests search every output for these.
SECRET_TOKEN = "pat-SENTINEL-7f3a9c"
SECRET_CLIENT = "csecret-SENTINEL-41d2"
SECRET_REFRESH = "rt-SENTINEL-88e1b0"
SECRETS = (SECRET_TOKEN, SECRET_CLIENT, SECRET_REFRESH)


@pytest.fixture
def sandbox():
    with HarvestSandbox(
        token=SECRET_TOKEN, client_secret=SECRET_CLIENT, refresh_token=SECRET_REFRESH, time_entries=30
    ) as fake:
        yield fake


@pytest.fixture
async def connector(sandbox):
    async with sandbox.connector(max_attempts=1) as conn:
        yield conn


@pytest.fixture
def api_requests(sandbox):
    """The /v2 requests the fake received (token endpoint excluded)."""

    def get():
        return [r for r in sandbox.requests() if r["path"].startswith("/v2")]

    return get


@pytest.fixture
def captured_logs(caplog):
    caplog.set_level(logging.DEBUG, logger="airbyte_agent_sdk")
    return caplog


# ---- Hosted mode: a fake Airbyte API in front of the fake Harvest ----

AIRBYTE_ENV = ("AIRBYTE_API_URL", "AIRBYTE_CLIENT_ID", "AIRBYTE_CLIENT_SECRET", "AIRBYTE_ORGANIZATION_ID")


@pytest.fixture
def airbyte(sandbox, monkeypatch):
    """A fake Airbyte API (``tests/fake_airbyte.py``) that ``AIRBYTE_API_URL`` points at, with
    no other ``AIRBYTE_*`` variable set."""
    for name in AIRBYTE_ENV:
        monkeypatch.delenv(name, raising=False)
    with FakeAirbyte(sandbox) as fake:
        monkeypatch.setenv("AIRBYTE_API_URL", fake.url)
        yield fake
        assert not fake.handler_errors, fake.handler_errors
