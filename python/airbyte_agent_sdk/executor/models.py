"""The executor errors under the module the reference SDK defines them in
(``airbyte_agent_sdk.executor.models``); defined in :mod:`airbyte_agent_sdk.errors`."""

from ..errors import (
    ActionNotSupportedError,
    EntityNotFoundError,
    ExecutorError,
    InvalidParameterError,
    MissingParameterError,
)

__all__ = [
    "ActionNotSupportedError",
    "EntityNotFoundError",
    "ExecutorError",
    "InvalidParameterError",
    "MissingParameterError",
]
