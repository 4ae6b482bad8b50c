"""Importing the connector and constructing it loads none of the heavy standard library modules
that only calls, tools or type checkers need (asyncio alone costs ~25 ms of import time). Checked
by which modules a fresh interpreter has loaded, never by how long it took."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
import typing

import airbyte_agent_sdk.connectors.harvest as harvest
from airbyte_agent_sdk.connectors.harvest import connector, models

IMPORT_AND_CONSTRUCT = """
import sys
already = set(sys.modules)  # whatever the interpreter and its .pth files loaded is not ours
from airbyte_agent_sdk.connectors.harvest import HarvestConnector
from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig
HarvestConnector(auth_config=HarvestPersonalAccessTokenAuthConfig(token="t", account_id="1"))
print("\\n".join(sorted(set(sys.modules) - already)))
"""

# Loaded at first use (a call, a tool, a result envelope, a log record) or by type checkers only.
# (typing, and with it re, enum, functools and collections, is imported: the public methods'
# annotations must resolve, see test_public_annotations_resolve.)
DEFERRED = [
    "asyncio",
    "concurrent.futures",
    "ssl",
    "socket",
    "subprocess",
    "selectors",
    "inspect",
    "ast",
    "dis",
    "tokenize",
    "dataclasses",
    "logging",
    "json",
    "datetime",
    "textwrap",
    "locale",
    "random",
    "airbyte_agent_sdk.connectors.harvest.query_types",
    "airbyte_agent_sdk.connectors.harvest.types",
    "airbyte_agent_sdk.connectors.harvest._results",
    "airbyte_agent_sdk.cli",
    "mcp",
]


def test_import_and_construct_load_no_heavy_module():
    result = subprocess.run([sys.executable, "-c", IMPORT_AND_CONSTRUCT], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    assert "airbyte_agent_sdk.connectors.harvest.connector" in loaded  # the check itself works
    assert sorted(loaded & set(DEFERRED)) == []


CLI_START = """
import sys
already = set(sys.modules)
from airbyte_agent_sdk.cli.main import build_parser
build_parser().parse_args(["execute", "users", "list"])
print("\\n".join(sorted(set(sys.modules) - already)))
"""


def test_the_command_line_starts_without_the_call_or_mcp_machinery():
    """Parsing a command line loads neither asyncio nor the MCP SDK: each subcommand imports
    what it needs when it runs."""
    result = subprocess.run([sys.executable, "-c", CLI_START], capture_output=True, text=True, check=True)
    loaded = set(result.stdout.split())
    assert "airbyte_agent_sdk.cli.main" in loaded
    heavy = {"asyncio", "mcp", "anyio", "uvicorn", "starlette", "pydantic", "csv", "inspect"}
    assert sorted(name for name in loaded if name.split(".")[0] in heavy) == []


def test_deferred_names_are_the_same_objects_from_every_path():
    for name in ("HarvestCheckResult", "HarvestExecuteResult", "HarvestExecuteResultWithMeta"):
        assert getattr(harvest, name) is getattr(models, name) is getattr(connector, name)
        assert dataclasses.is_dataclass(getattr(harvest, name))
    for name in ("AirbyteSearchMeta", "AirbyteSearchResult"):
        assert getattr(harvest, name) is getattr(models, name)
        assert dataclasses.is_dataclass(getattr(harvest, name))
    assert harvest.HarvestAuthConfig is models.HarvestAuthConfig
    assert (
        harvest.HarvestAuthConfig
        == typing.Union[models.HarvestOauth20AuthConfig, models.HarvestPersonalAccessTokenAuthConfig]
    )
    assert typing.is_typeddict(models.ContextStoreQuery)
    assert {"HarvestExecuteResultWithMeta", "HarvestAuthConfig", "ContextStoreQuery"} <= set(dir(models))
    assert {"HarvestExecuteResultWithMeta", "AirbyteSearchResult"} <= set(dir(harvest))
    for module in (harvest, models, connector):
        try:
            module.NoSuchName  # noqa: B018
        except AttributeError as exc:
            assert "NoSuchName" in str(exc)
        else:
            raise AssertionError(f"{module.__name__}.NoSuchName did not raise AttributeError")


def test_a_deferred_envelope_behaves_as_before():
    page = harvest.HarvestExecuteResultWithMeta(data=[{"id": 1}], meta={"next_link": None})
    assert page == harvest.HarvestExecuteResultWithMeta(data=[{"id": 1}], meta={"next_link": None})
    assert repr(page) == "HarvestExecuteResultWithMeta(data=[{'id': 1}], meta={'next_link': None})"
    assert json.loads(page.model_dump_json(exclude_none=True)) == {"data": [{"id": 1}], "meta": {}}


def test_query_methods_made_at_first_access_keep_their_signature():
    import inspect

    conn = harvest.HarvestConnector(auth_config=models.HarvestPersonalAccessTokenAuthConfig(token="t", account_id="1"))
    users = conn.users
    assert repr(users) == (
        "<users query: list, get, me, create, update, delete, context_store_search, context_store_sql_query>"
    )
    assert {"list", "get", "me", "context_store_search"} <= set(dir(users))
    method = users.get
    assert users.get is method and inspect.iscoroutinefunction(method)
    assert method.__qualname__ == "users.get" and method.__doc__.startswith("Get one user by id.")
    (param,) = inspect.signature(method).parameters.values()
    assert (param.name, param.kind, param.default) == ("id", inspect.Parameter.KEYWORD_ONLY, inspect.Parameter.empty)
    assert str(inspect.signature(conn.time_projects.list)).startswith("(*, from_, to, ")
    try:
        users.no_such_action  # noqa: B018
    except AttributeError as exc:
        assert "no_such_action" in str(exc)
    else:
        raise AssertionError("users.no_such_action did not raise AttributeError")


def test_public_annotations_resolve():
    """Frameworks build tool schemas from ``typing.get_type_hints``: the annotations of what a
    user may hand them directly must resolve at run time, not only for type checkers."""
    from airbyte_agent_sdk.connectors.harvest import HarvestConnector
    from airbyte_agent_sdk.connectors.harvest.models import (
        HarvestOauth20AuthConfig,
        HarvestPersonalAccessTokenAuthConfig,
    )
    from airbyte_agent_sdk.types import AirbyteAuthConfig

    hints = typing.get_type_hints(HarvestConnector.execute)
    assert hints["entity"] is str and hints["action"] is str
    assert hints["params"] == typing.Optional[dict[str, typing.Any]]
    assert "auth_config" in typing.get_type_hints(HarvestConnector.__init__)
    assert "framework" in typing.get_type_hints(HarvestConnector.tool_utils)
    assert "refresh_token" in typing.get_type_hints(HarvestOauth20AuthConfig.__init__)
    assert "token" in typing.get_type_hints(HarvestPersonalAccessTokenAuthConfig.__init__)
    assert "airbyte_client_secret" in typing.get_type_hints(AirbyteAuthConfig.__init__)
