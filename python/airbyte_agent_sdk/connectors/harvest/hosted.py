"""Hosted mode: ``HarvestConnector`` calling Harvest through the Airbyte API, which holds the
Harvest credentials (``HarvestConnector(auth_config=AirbyteAuthConfig(...))`` or
``connect("harvest", ...)``).

Construction does no I/O. The first call fetches the application token and looks up the
workspace's connector (unless ``connector_id`` is given), once for any number of concurrent
callers; both are kept for later calls. Every call is validated against the catalogue before
anything is sent, and the Airbyte answer comes back in the same envelopes as local mode.

Environment: ``AIRBYTE_API_URL`` (default ``https://api.airbyte.ai``) and
``AIRBYTE_ORGANIZATION_ID`` (when ``organization_id`` is not given).
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from typing import Any, Callable, Optional, Protocol, TypeVar

from ... import _bridge, _native
from ...types import AirbyteAuthConfig
from . import models
from .models import HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig, HarvestReplicationConfig


# This module sits below ``connector.py``: it never names ``HarvestConnector``. Where it needs
# one (``create``), the connector passes a factory.
class _NativeHolder(Protocol):
    _native: Any


Connector = TypeVar("Connector", bound=_NativeHolder)

API_URL_ENV = "AIRBYTE_API_URL"
ORGANIZATION_ENV = "AIRBYTE_ORGANIZATION_ID"
SEARCH_ACTION = "context_store_search"
SQL_ACTION = "context_store_sql_query"
# Served by the Airbyte API on every entity (the core validates them: harvest-hosted).
CONTEXT_STORE_ACTIONS = (SEARCH_ACTION, SQL_ACTION)
CONNECTOR_NAME = "harvest"


def is_airbyte_config(auth_config: Any) -> bool:
    """``AirbyteAuthConfig``, or an object of that class name from another SDK copy (the
    reference accepts those too and converts them with ``model_dump()``)."""
    return isinstance(auth_config, AirbyteAuthConfig) or type(auth_config).__name__ == "AirbyteAuthConfig"


def as_airbyte_config(auth_config: Any) -> AirbyteAuthConfig:
    if isinstance(auth_config, AirbyteAuthConfig):
        return auth_config
    dumped = auth_config.model_dump()
    return AirbyteAuthConfig(**{field: dumped.get(field) for field in AirbyteAuthConfig._fields})


def native_connector(
    config: AirbyteAuthConfig,
    *,
    user_agent: Optional[str] = None,
    timeout: Optional[float] = None,
    max_attempts: Optional[int] = None,
) -> Any:
    """The native hosted connector for ``config`` (raises ``ConfigurationError`` naming a
    missing credential; sends nothing)."""
    return _native.HostedConnector(
        CONNECTOR_NAME,
        client_id=config.airbyte_client_id,
        client_secret=config.airbyte_client_secret,
        workspace_name=config.workspace_name,
        organization_id=config.organization_id or os.environ.get(ORGANIZATION_ENV) or None,
        connector_id=config.connector_id,
        api_url=os.environ.get(API_URL_ENV) or None,
        user_agent=user_agent,
        timeout=timeout,
        max_attempts=max_attempts,
    )


def envelope(action_shape: Optional[str], action: str, answer: dict[str, Any]) -> Any:
    """The Airbyte answer ``{result, connector_metadata}`` (already checked by the core) in the
    envelope local mode returns for the same call. A list's ``meta`` always has ``next_link``
    and ``has_more``, plus whatever else the API reported. The context store actions return
    their ``{data, meta}`` dict as the reference's ``execute`` does; the typed entity methods
    make :class:`AirbyteSearchResult` of it."""
    result: Any = answer.get("result")
    if action in CONTEXT_STORE_ACTIONS:
        return result
    if action_shape == "list":
        meta = dict(answer.get("connector_metadata") or {})
        meta.setdefault("next_link", None)
        meta.setdefault("has_more", meta["next_link"] is not None)
        return models.HarvestExecuteResultWithMeta(data=result if result is not None else [], meta=meta)
    return result


def _search_meta(result: dict[str, Any]) -> Any:
    meta = result.get("meta") or {}
    return models.AirbyteSearchMeta(
        has_more=bool(meta.get("has_more") or False),
        cursor=meta.get("cursor"),
        took_ms=meta.get("took_ms"),
        synced_at=meta.get("synced_at"),
        source=meta.get("source"),
    )


def search_method(connector: Any, entity: str) -> Callable[..., Any]:
    """``connector.<entity>.context_store_search(query, limit=None, cursor=None, fields=None)``."""
    record_name = _camel(entity) + "SearchData"

    async def context_store_search(
        query: Mapping[str, Any],
        limit: Optional[int] = None,
        cursor: Optional[str] = None,
        fields: Optional[Sequence[Sequence[str]]] = None,
    ) -> models.AirbyteSearchResult[Any]:
        params: dict[str, Any] = {"query": query}
        for key, value in (("limit", limit), ("cursor", cursor), ("fields", fields)):
            if value is not None:
                params[key] = value
        result = await connector.execute(entity, SEARCH_ACTION, params)
        # The typed records are imported at the first search, not when a connector is made.
        from ._generated import search

        record = getattr(search, record_name)
        typed = getattr(search, _camel(entity) + "SearchResult")
        return typed(data=[record(**row) for row in result["data"]], meta=_search_meta(result))

    context_store_search.__qualname__ = f"{entity}.{SEARCH_ACTION}"
    context_store_search.__doc__ = (
        f"Search the {entity} Airbyte has replicated (hosted mode) or the local store holds (local mode); returns "
        f"{_camel(entity)}SearchResult: ``.data`` is a list of {record_name} (fields as attributes), "
        "``.meta`` has ``has_more``, ``cursor`` and ``took_ms``.\n\n"
        "query: {filter?: condition, sort?: [{field: 'asc' | 'desc'}]}; a condition is one of "
        "{eq|neq|gt|gte|lt|lte: {field: value}}, {in: {field: [values]}}, "
        "{like|fuzzy|keyword: {field: 'text'}}, {not: condition}, {and|or: [conditions]}.\n"
        "limit: 1..10000; cursor: meta.cursor of the previous page; fields: [['id'], ['client', 'name']].\n"
        "In local mode the store fills the entity at its first search and refreshes it when older than "
        "store_max_age; meta.synced_at says how fresh the data is."
    )
    return context_store_search


def sql_query_method(connector: Any, entity: str) -> Callable[..., Any]:
    """``connector.<entity>.context_store_sql_query(sql, limit=None)``."""

    async def context_store_sql_query(
        sql: str, limit: Optional[int] = None
    ) -> models.AirbyteSearchResult[dict[str, Any]]:
        params: dict[str, Any] = {"sql": sql}
        if limit is not None:
            params["limit"] = limit
        result = await connector.execute(entity, SQL_ACTION, params)
        return models.AirbyteSearchResult(data=list(result["data"]), meta=_search_meta(result))

    context_store_sql_query.__qualname__ = f"{entity}.{SQL_ACTION}"
    context_store_sql_query.__doc__ = (
        f"Run a SQL query over the {entity} Airbyte has replicated (hosted mode) or the local store holds "
        "(local mode: read-only SQLite, one table per entity); returns "
        "AirbyteSearchResult: ``.data`` the rows as dicts, ``.meta`` has ``has_more`` and ``took_ms``.\n\n"
        "sql: the query (non-empty, up to 100,000 characters); limit: 1..10000.\n"
        "In local mode SQL that would write is refused with SqlNotAllowedError."
    )
    return context_store_sql_query


def _camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def _require_airbyte_config(airbyte_config: Any, operation: str) -> AirbyteAuthConfig:
    if not is_airbyte_config(airbyte_config):
        raise TypeError(f"{operation} needs airbyte_config=AirbyteAuthConfig(...), got {type(airbyte_config).__name__}")
    return as_airbyte_config(airbyte_config)


def _replication(replication_config: Any) -> Optional[dict[str, Any]]:
    if replication_config is None:
        return None
    if isinstance(replication_config, HarvestReplicationConfig):
        return replication_config.model_dump()
    # Here, not at the top: collections.abc imports collections, which costs import time too.
    if isinstance(replication_config, Mapping):
        return dict(replication_config)
    raise TypeError(
        "replication_config must be HarvestReplicationConfig(account_id=...) or a mapping, "
        f"got {type(replication_config).__name__}"
    )


async def create(
    new_connector: Callable[[AirbyteAuthConfig], Connector],
    *,
    airbyte_config: Any,
    auth_config: Any = None,
    server_side_oauth_secret_id: Optional[str] = None,
    name: Optional[str] = None,
    replication_config: Any = None,
    source_template_id: Optional[str] = None,
) -> Connector:
    """Create the workspace's connector in Airbyte; ``new_connector(config)`` builds the hosted
    connector whose native half sends the request, and is returned bound to the new one."""
    config = _require_airbyte_config(airbyte_config, "create()")
    if auth_config is not None and not isinstance(
        auth_config, (HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig)
    ):
        raise TypeError(
            f"Unsupported auth_config type: {type(auth_config).__name__}. Expected one of: "
            "HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig"
        )
    connector = new_connector(config)
    native = connector._native
    await _bridge.run(
        native,
        lambda queue: native.submit_create(
            queue,
            name=name,
            credentials=None if auth_config is None else auth_config.model_dump(),
            replication_config=_replication(replication_config),
            server_side_oauth_secret_id=server_side_oauth_secret_id,
            source_template_id=source_template_id,
        ),
    )
    return connector


async def get_consent_url(
    *,
    airbyte_config: Any,
    redirect_url: str,
    name: Optional[str] = None,
    replication_config: Any = None,
    source_template_id: Optional[str] = None,
) -> str:
    config = _require_airbyte_config(airbyte_config, "get_consent_url()")
    if not isinstance(redirect_url, str):
        raise TypeError(f"redirect_url must be a str, got {type(redirect_url).__name__}")
    native = native_connector(config)
    try:
        answer = await _bridge.run(
            native,
            lambda queue: native.submit_consent_url(
                queue,
                redirect_url,
                name=name,
                replication_config=_replication(replication_config),
                source_template_id=source_template_id,
            ),
        )
    finally:
        native.close()
    return answer["consent_url"]


class DocsProvider:
    """The Airbyte API's connector inspection and skill docs, for ``inspect_connector()`` and
    ``read_skill_docs()`` in hosted mode (an ``agent_tools.ConnectorDocsProvider``)."""

    def __init__(self, native: Any) -> None:
        self._native = native

    async def inspect_connector(self) -> dict[str, Any]:
        """``GET /api/v1/integrations/connectors/{id}/inspect`` (the id looked up first if needed)."""
        native = self._native
        return await _bridge.run(native, lambda queue: native.submit_inspect(queue))

    async def read_skill_docs(self, id: str, section: Optional[str] = None) -> dict[str, Any]:  # noqa: A002
        """``GET /api/v1/skills/docs?id=...&section=...``."""
        if not isinstance(id, str) or (section is not None and not isinstance(section, str)):
            raise TypeError("read_skill_docs takes a str id and a str or None section")
        native = self._native
        return await _bridge.run(native, lambda queue: native.submit_skill_docs(queue, id, section))
