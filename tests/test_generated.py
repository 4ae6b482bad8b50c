"""The typed views of the catalogue (TypedDicts, query protocols) are generated, and current."""

from __future__ import annotations

import pathlib
import subprocess
import sys
import typing

import pytest

from airbyte_agent_sdk.connectors.harvest import types
from airbyte_agent_sdk.connectors.harvest.query_types import EntityQueries

SCRIPT = pathlib.Path(__file__).resolve().parents[1] / "scripts" / "generate_types.py"


def test_generated_files_match_the_catalogue():
    result = subprocess.run([sys.executable, str(SCRIPT), "--check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def test_params_typeddicts():
    hints = typing.get_type_hints(types.TimeProjectsListParams)
    assert set(hints) == {"from_", "to", "include_fixed_fee", "per_page", "page", "cursor", "limit"}
    assert types.TimeProjectsListParams.__required_keys__ == frozenset({"from_", "to"})
    assert types.UsersListParams.__required_keys__ == frozenset()


def test_every_entity_has_a_typed_query_attribute(sandbox):
    connector = sandbox.connector()
    annotated = set(EntityQueries.__annotations__)
    assert annotated == {e["entity_name"] for e in connector.list_entities()}
    for name in annotated:
        query = getattr(connector, name)
        for entity in connector.list_entities():
            if entity["entity_name"] == name:
                assert all(callable(getattr(query, action)) for action in entity["available_actions"])


def test_type_checkers_see_the_typed_query_attributes(tmp_path):
    """HarvestConnector subclasses EntityQueries for type checkers only (at run time, importing the
    generated protocols would cost more than all the rest of importing the connector)."""
    pytest.importorskip("mypy")
    check = tmp_path / "check.py"
    check.write_text(
        "from airbyte_agent_sdk.connectors.harvest import HarvestConnector\n"
        "from airbyte_agent_sdk.connectors.harvest.query_types import EntityQueries, UsersQuery\n\n\n"
        "def typed(connector: HarvestConnector) -> EntityQueries:\n"
        "    return connector\n\n\n"
        "def users(connector: HarvestConnector) -> UsersQuery:\n"
        "    return connector.users\n"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "cache"), "--no-error-summary", str(check)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
