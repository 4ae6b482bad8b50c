"""Shared configuration types."""

from __future__ import annotations

# typing for real, so that the constructor's annotations resolve (see __init__.py).
from typing import Optional

from ._config import CredentialConfig

__all__ = ["AirbyteAuthConfig"]


class AirbyteAuthConfig(CredentialConfig):
    """Credentials for hosted execution through the Airbyte API.

    ``workspace_name`` also accepts the reference's aliases ``customer_name`` and
    ``external_user_id``. The client secret is never shown in ``repr``/``str``.
    """

    _fields = ("workspace_name", "organization_id", "airbyte_client_id", "airbyte_client_secret", "connector_id")
    _optional = frozenset(_fields)
    _secrets = frozenset({"airbyte_client_secret"})
    __slots__ = _fields

    workspace_name: Optional[str]
    organization_id: Optional[str]
    airbyte_client_id: Optional[str]
    airbyte_client_secret: Optional[str]
    connector_id: Optional[str]

    def __init__(
        self,
        *,
        workspace_name: Optional[str] = None,
        organization_id: Optional[str] = None,
        airbyte_client_id: Optional[str] = None,
        airbyte_client_secret: Optional[str] = None,
        connector_id: Optional[str] = None,
        customer_name: Optional[str] = None,
        external_user_id: Optional[str] = None,
    ) -> None:
        aliases = [v for v in (workspace_name, customer_name, external_user_id) if v is not None]
        if len(aliases) > 1:
            raise TypeError(
                "AirbyteAuthConfig: give workspace_name once (customer_name and external_user_id are aliases of it)"
            )
        self._init(
            {
                "workspace_name": aliases[0] if aliases else None,
                "organization_id": organization_id,
                "airbyte_client_id": airbyte_client_id,
                "airbyte_client_secret": airbyte_client_secret,
                "connector_id": connector_id,
            }
        )
