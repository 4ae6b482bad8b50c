"""The seed document's open-source samples run verbatim (pointed at the fake via the
environment, with the fake accepting the samples' placeholder credentials)."""

from __future__ import annotations

import pathlib

import pytest

from airbyte_agent_sdk.connectors.harvest.sandbox import HarvestSandbox

OAUTH_SAMPLE = """\
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import HarvestOauth20AuthConfig
connector = HarvestConnector(
auth_config=HarvestOauth20AuthConfig(
client_id="<client_id>",
client_secret="<client_secret>",
refresh_token="<Your Harvest OAuth2 refresh token>",
account_id="<Your Harvest account ID>"
)
)
"""

TOKEN_SAMPLE = """\
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig
connector = HarvestConnector(
auth_config=HarvestPersonalAccessTokenAuthConfig(
token="<Your Harvest personal access token>",
account_id="<Your Harvest account ID>"
)
)
"""

SEED = pathlib.Path(__file__).resolve().parents[2] / "shared" / "seed" / "harvest-connector-docs.txt"


@pytest.mark.skipif(not SEED.exists(), reason="the seed document is not beside this checkout")
@pytest.mark.parametrize("sample", [OAUTH_SAMPLE, TOKEN_SAMPLE])
def test_samples_are_verbatim_from_the_seed(sample):
    assert sample in SEED.read_text()


@pytest.mark.parametrize("sample", [OAUTH_SAMPLE, TOKEN_SAMPLE])
async def test_sample_runs_and_reaches_harvest(sample, monkeypatch):
    with HarvestSandbox(
        token="<Your Harvest personal access token>",
        account_id="<Your Harvest account ID>",
        client_id="<client_id>",
        client_secret="<client_secret>",
        refresh_token="<Your Harvest OAuth2 refresh token>",
    ) as sandbox:
        monkeypatch.setenv("HARVEST_API_URL", sandbox.base_url)
        monkeypatch.setenv("HARVEST_ID_URL", sandbox.id_url)
        namespace: dict = {}
        exec(compile(sample, "<seed sample>", "exec"), namespace)
        connector = namespace["connector"]
        page = await connector.execute("users", "list", {"per_page": 2})
        assert len(page.data) == 2
        assert (await connector.check()).status == "healthy"
