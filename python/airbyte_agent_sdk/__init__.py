"""harvest-agent-connector: Harvest API v2 for AI agents, with a Rust core.

Import path and names are those of Airbyte's ``airbyte-agent-sdk`` Harvest connector, so its
code samples run unchanged: ``from airbyte_agent_sdk.connectors.harvest import HarvestConnector``.
"""

# Importing the package and constructing a connector is kept cheap (a test checks it): the
# standard library modules only calls or type checkers need are imported where they are used.
# asyncio (~25 ms of import time) when a call runs, inspect and dataclasses (~15 ms) when a
# query method or a result envelope is first made, logging when there is something to log,
# json when something is serialised. Where a deferred module's names appear in annotations
# (strings, PEP 563), they are imported under `TYPE_CHECKING = False` / `if TYPE_CHECKING:`,
# which type checkers read as true. typing itself is imported normally (a few ms), so that
# typing.get_type_hints, which frameworks use to build tool schemas, resolves.

from ._native import __version__
from .connect import connect
from .errors import (
    ActionNotSupportedError,
    AirbyteError,
    AirbyteToolError,
    AuthenticationError,
    ConnectorAmbiguityError,
    ConnectorNotFoundError,
    ConnectorValidationError,
    EntityNotFoundError,
    ExecutorError,
    HostedModeRequiredError,
    HTTPClientError,
    HTTPStatusError,
    InvalidParameterError,
    MissingParameterError,
    NetworkError,
    NotFoundError,
    RateLimitError,
    TimeoutError,
    UnknownConnectorError,
)
from .translation import DEFAULT_MAX_OUTPUT_CHARS, translate_exceptions
from .types import AirbyteAuthConfig

SDK_VERSION = __version__

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .agent_tools import ConnectorDocsProvider, ConnectorTools, SkillDocsAccessor, build_connector_tools

__all__ = [
    "SDK_VERSION",
    "__version__",
    "connect",
    "AirbyteAuthConfig",
    # the progressive agent tools (imported at first access)
    "build_connector_tools",
    "ConnectorTools",
    "ConnectorDocsProvider",
    "SkillDocsAccessor",
    # tool exception translation
    "translate_exceptions",
    "DEFAULT_MAX_OUTPUT_CHARS",
    # errors
    "AirbyteError",
    "AirbyteToolError",
    "ExecutorError",
    "EntityNotFoundError",
    "ActionNotSupportedError",
    "MissingParameterError",
    "InvalidParameterError",
    "AuthenticationError",
    "ConnectorAmbiguityError",
    "ConnectorNotFoundError",
    "ConnectorValidationError",
    "HostedModeRequiredError",
    "HTTPClientError",
    "HTTPStatusError",
    "NetworkError",
    "NotFoundError",
    "RateLimitError",
    "TimeoutError",
    "UnknownConnectorError",
]

# agent_tools needs dataclasses and asyncio: imported when one of its names is first used.
_AGENT_TOOLS = frozenset({"build_connector_tools", "ConnectorTools", "ConnectorDocsProvider", "SkillDocsAccessor"})


def __getattr__(name: str):  # type: ignore[no-untyped-def]
    if name in _AGENT_TOOLS:
        from . import agent_tools

        return getattr(agent_tools, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
