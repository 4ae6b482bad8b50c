"""The executor errors under the reference SDK's module path
(``from airbyte_agent_sdk.executor import EntityNotFoundError``); defined in
:mod:`airbyte_agent_sdk.errors`. Here they reach the caller as themselves: the reference turns
them into ``RuntimeError("Execution failed: ...")`` before a Harvest user sees them."""

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
