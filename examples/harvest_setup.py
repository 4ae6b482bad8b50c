"""Shared by the examples: a connector to your Harvest account when HARVEST_ACCESS_TOKEN and
HARVEST_ACCOUNT_ID are set, otherwise to the fake Harvest built into the package."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator

from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig
from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox


@contextlib.contextmanager
def harvest_connector() -> Iterator[HarvestConnector]:
    token, account = os.environ.get("HARVEST_ACCESS_TOKEN"), os.environ.get("HARVEST_ACCOUNT_ID")
    if token and account:
        yield HarvestConnector(auth_config=HarvestPersonalAccessTokenAuthConfig(token=token, account_id=account))
        return
    with HarvestSandbox() as sandbox:
        print(f"(no HARVEST_ACCESS_TOKEN/HARVEST_ACCOUNT_ID: using the built-in fake Harvest at {sandbox.base_url})")
        yield sandbox.connector()
