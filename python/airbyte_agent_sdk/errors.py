"""The exception hierarchy, defined once and raised from the Rust core.

Every class takes ``(message, details)``. ``details`` is a dict of structured facts (entity,
action, param, accepted values, status code, method, path, Harvest's own message, ...) that are
also exposed as attributes, so callers can branch on them and an LLM can read them. No message
or detail ever contains a credential.

Input errors subclass :class:`ValueError` and are raised before any request is sent; the
timeout error also subclasses the builtin :class:`TimeoutError`. The hosted-mode lookup errors
(:class:`UnknownConnectorError`, :class:`ConnectorNotFoundError`,
:class:`ConnectorAmbiguityError`) are ``ValueError`` subclasses in the reference, outside its
base class; here they are both, so either ``except`` catches them.
"""

from __future__ import annotations

import builtins
from typing import Any, Optional

__all__ = [
    "AirbyteError",
    "ConfigurationError",
    "ExecutorError",
    "EntityNotFoundError",
    "ActionNotSupportedError",
    "MissingParameterError",
    "InvalidParameterError",
    "HTTPClientError",
    "HTTPStatusError",
    "AuthenticationError",
    "NotFoundError",
    "ConnectorValidationError",
    "RateLimitError",
    "NetworkError",
    "TimeoutError",
    "InvalidResponseError",
    "ConnectorClosedError",
    "AirbyteToolError",
    "WritesDisabledError",
    "HostedWritesUnsupportedError",
    "WriteCancelledError",
    "HostedModeRequiredError",
    "UnknownConnectorError",
    "ConnectorNotFoundError",
    "ConnectorAmbiguityError",
    "StoreError",
    "SqlNotAllowedError",
]


class AirbyteError(Exception):
    """Base of every error this package raises."""

    def __init__(self, message: str = "", details: Optional[dict[str, Any]] = None) -> None:
        super().__init__(message)
        self.message = message
        self.details: dict[str, Any] = dict(details or {})

    def __str__(self) -> str:
        return self.message

    def __reduce__(self):  # keep (message, details) across pickling (multiprocessing, logs)
        return (type(self), (self.message, self.details))


class _NamesTheCall:
    """``entity`` and ``action`` of the call an error is about (from ``details``)."""

    details: dict[str, Any]

    @property
    def entity(self) -> Optional[str]:
        return self.details.get("entity")

    @property
    def action(self) -> Optional[str]:
        return self.details.get("action")


class ConfigurationError(AirbyteError, ValueError):
    """A constructor argument is unusable (bad URL, timeout, account id, ...)."""

    @property
    def field(self) -> Optional[str]:
        return self.details.get("field")


class ExecutorError(_NamesTheCall, AirbyteError, ValueError):
    """The call was refused before anything was sent: fix the entity, action or params."""

    @property
    def param(self) -> Optional[str]:
        return self.details.get("param")

    @property
    def accepted(self) -> Optional[list[str]]:
        return self.details.get("accepted")


class EntityNotFoundError(ExecutorError):
    """Unknown entity; ``accepted`` lists the valid ones."""


class ActionNotSupportedError(ExecutorError):
    """The entity has no such action; ``accepted`` lists its actions."""


class MissingParameterError(ExecutorError):
    """A required parameter is missing or None."""


class InvalidParameterError(ExecutorError):
    """A parameter is unknown, of the wrong type, out of range or malformed."""


class HTTPClientError(AirbyteError):
    """The request was sent but did not produce a usable result."""

    @property
    def method(self) -> Optional[str]:
        return self.details.get("method")

    @property
    def path(self) -> Optional[str]:
        return self.details.get("path")

    @property
    def may_have_been_applied(self) -> bool:
        """True for a write that failed after it may have reached Harvest (a timeout, a
        connection lost after sending, a 5xx): it was not re-sent; ``how_to_check`` says how to
        find out whether it took effect before trying again."""
        return bool(self.details.get("may_have_been_applied", False))

    @property
    def how_to_check(self) -> Optional[str]:
        return self.details.get("how_to_check")


class HTTPStatusError(HTTPClientError):
    """Harvest answered with an error status."""

    @property
    def status_code(self) -> int:
        return int(self.details.get("status_code") or 0)

    @property
    def harvest_message(self) -> Optional[str]:
        return self.details.get("harvest_message")

    @property
    def airbyte_message(self) -> Optional[str]:
        """In hosted mode: the Airbyte API's own explanation."""
        return self.details.get("airbyte_message")

    @property
    def request_id(self) -> Optional[str]:
        return self.details.get("request_id")


class AuthenticationError(HTTPStatusError):
    """401 (bad, expired or revoked token, or wrong account id), 403 (role lacks permission),
    or the OAuth token refresh failed."""


class NotFoundError(HTTPStatusError):
    """404: no record with that id."""


class ConnectorValidationError(HTTPStatusError):
    """400 or 422: Harvest refused the parameters; ``harvest_message`` says why."""


class RateLimitError(HTTPStatusError):
    """429 after the retry budget; ``retry_after`` is the wait Harvest asked for, in seconds."""

    @property
    def retry_after(self) -> Optional[float]:
        return self.details.get("retry_after")


class NetworkError(HTTPClientError):
    """The connection failed (refused, reset, DNS, TLS)."""


class TimeoutError(HTTPClientError, builtins.TimeoutError):  # noqa: A001 - the reference's name
    """A time limit fired; ``timeout_type`` says which (``connect`` or ``total``)."""

    @property
    def timeout_type(self) -> Optional[str]:
        return self.details.get("timeout_type")


class InvalidResponseError(HTTPClientError):
    """Harvest answered 2xx with a body that is not the expected JSON."""


class ConnectorClosedError(AirbyteError):
    """The connector was closed while the call was in flight."""


class AirbyteToolError(AirbyteError):
    """A tool call failed (raised by ``tool_utils`` when no agent framework is in use)."""


class WritesDisabledError(_NamesTheCall, AirbyteError):
    """A write that the connector's ``allow_writes`` does not enable; nothing was sent.
    ``enabled`` lists what is enabled (empty: the connector is read-only)."""

    @property
    def field(self) -> Optional[str]:
        return self.details.get("field")

    @property
    def enabled(self) -> list[str]:
        return list(self.details.get("enabled") or [])


class HostedWritesUnsupportedError(WritesDisabledError):
    """Hosted mode cannot write (the Airbyte API runs a read-only Harvest connector); nothing
    was sent."""


class WriteCancelledError(_NamesTheCall, AirbyteError):
    """``confirm_write`` answered no; nothing was sent. ``preview`` is the request it was
    shown."""

    @property
    def preview(self) -> Optional[dict[str, Any]]:
        return self.details.get("preview")


# ---- Hosted mode (calls through the Airbyte API) ----


class HostedModeRequiredError(_NamesTheCall, AirbyteError, NotImplementedError):
    """The action (``context_store_search``) is served by the Airbyte API only, and this
    connector talks to Harvest directly. A ``NotImplementedError``, as in the reference, so
    existing handlers keep working: nothing is wrong with the input, the mode lacks the
    feature."""


class UnknownConnectorError(AirbyteError, ValueError):
    """``connect()`` got a connector name it does not know; ``accepted`` lists the known ones."""

    @property
    def accepted(self) -> Optional[list[str]]:
        return self.details.get("accepted")


class ConnectorNotFoundError(AirbyteError, ValueError):
    """The workspace has no connector of this type: create one, or pass ``connector_id``."""

    @property
    def workspace_name(self) -> Optional[str]:
        return self.details.get("workspace_name")


class ConnectorAmbiguityError(AirbyteError, ValueError):
    """The workspace has several connectors of this type; ``connector_ids`` lists them: pass
    one as ``connector_id``."""

    @property
    def workspace_name(self) -> Optional[str]:
        return self.details.get("workspace_name")

    @property
    def connector_ids(self) -> Optional[list[str]]:
        return self.details.get("connector_ids")


# ---- The local store (context_store_search / context_store_sql_query in local mode) ----


class StoreError(AirbyteError):
    """The local store could not be opened, read or written; ``path`` names the file."""

    @property
    def path(self) -> Optional[str]:
        return self.details.get("path")


class SqlNotAllowedError(InvalidParameterError):
    """``context_store_sql_query`` was given SQL that would change something (INSERT, UPDATE,
    DELETE, ATTACH, a writing PRAGMA, ...); it runs read-only SQL only, and nothing ran."""
