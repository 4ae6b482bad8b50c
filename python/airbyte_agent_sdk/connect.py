"""``connect()``: a hosted-mode connector from Airbyte application credentials.

It returns at once and does no I/O at all, so it is safe inside a running event loop: the
application token and the connector lookup happen on the first call, once for any number of
concurrent callers (``connector.connector_id`` is None until then, unless given).
"""

from __future__ import annotations

import os

# Imported for real so that typing.get_type_hints(connect) resolves (see connector.py).
from typing import Any, Optional

from . import _native

# Imported for real, not only for type checkers, so that typing.get_type_hints(connect) resolves
# its return annotation (importing the connector loads nothing heavy: tests/test_import_cost.py).
from .connectors.harvest.connector import HarvestConnector
from .types import AirbyteAuthConfig

__all__ = ["connect"]

CLIENT_ID_ENV = "AIRBYTE_CLIENT_ID"
CLIENT_SECRET_ENV = "AIRBYTE_CLIENT_SECRET"
ORGANIZATION_ENV = "AIRBYTE_ORGANIZATION_ID"


def _first(*candidates: Optional[str]) -> Optional[str]:
    for candidate in candidates:
        if candidate is not None and candidate != "":
            return candidate
    return None


def connect(
    connector_name: str,
    *,
    client_id: Optional[str] = None,
    client_secret: Optional[str] = None,
    workspace_name: Optional[str] = None,
    connector_id: Optional[str] = None,
    organization_id: Optional[str] = None,
    auth_config: Optional[AirbyteAuthConfig] = None,
    **connector_options: Any,
) -> HarvestConnector:
    """A hosted connector: ``connect("harvest", workspace_name="...")``.

    Each setting comes from the first of: the explicit argument, ``auth_config``
    (an :class:`AirbyteAuthConfig`), the environment (``AIRBYTE_CLIENT_ID``,
    ``AIRBYTE_CLIENT_SECRET``, ``AIRBYTE_ORGANIZATION_ID``). ``workspace_name`` defaults to
    ``"default"``. ``connector_options`` (``user_agent``, ``timeout``, ``max_attempts``) go to
    :class:`HarvestConnector`.

    Raises, before any request: :class:`UnknownConnectorError` for a name other than
    ``"harvest"`` (case-sensitive), :class:`ConfigurationError` naming the missing client
    credential.
    """
    if not isinstance(connector_name, str):
        raise TypeError(f"connector_name must be a str, got {type(connector_name).__name__}")
    _native.connector_definition_id(connector_name)  # UnknownConnectorError for other names
    if auth_config is not None and type(auth_config).__name__ != "AirbyteAuthConfig":
        raise TypeError(f"auth_config must be an AirbyteAuthConfig, got {type(auth_config).__name__}")
    base: dict[str, Any] = auth_config.model_dump() if auth_config is not None else {}
    config = AirbyteAuthConfig(
        workspace_name=_first(workspace_name, base.get("workspace_name")),
        organization_id=_first(organization_id, base.get("organization_id"), os.environ.get(ORGANIZATION_ENV)),
        airbyte_client_id=_first(client_id, base.get("airbyte_client_id"), os.environ.get(CLIENT_ID_ENV)),
        airbyte_client_secret=_first(
            client_secret, base.get("airbyte_client_secret"), os.environ.get(CLIENT_SECRET_ENV)
        ),
        connector_id=_first(connector_id, base.get("connector_id")),
    )
    return HarvestConnector(auth_config=config, **connector_options)
