"""Agent tools: the reference SDK's ``airbyte_agent_sdk.tools`` path.

``translate_exceptions`` and ``tool_utils`` (the decorator, defined in
:mod:`airbyte_agent_sdk.translation`) and the progressive tools ``build_connector_tools`` /
``ConnectorTools`` / ``SkillDocsAccessor`` / ``ConnectorDocsProvider`` (defined in
:mod:`airbyte_agent_sdk.agent_tools`, imported at first access: they need dataclasses and
asyncio, which importing the connector, that imports this module, does not).
"""

from __future__ import annotations

from typing import Any

from .translation import (
    DEFAULT_MAX_OUTPUT_CHARS,
    FRAMEWORKS,
    UNSET,
    AgentToolRole,
    FrameworkName,
    Unset,
    tool_retry_owner,
    tool_utils,
    translate_exceptions,
)

TYPE_CHECKING = False
if TYPE_CHECKING:
    from .agent_tools import ConnectorDocsProvider, ConnectorTools, SkillDocsAccessor, build_connector_tools

__all__ = [
    "AgentToolRole",
    "ConnectorDocsProvider",
    "ConnectorTools",
    "DEFAULT_MAX_OUTPUT_CHARS",
    "FRAMEWORKS",
    "FrameworkName",
    "SkillDocsAccessor",
    "UNSET",
    "Unset",
    "build_connector_tools",
    "tool_retry_owner",
    "tool_utils",
    "translate_exceptions",
]

_PROGRESSIVE = frozenset({"ConnectorDocsProvider", "ConnectorTools", "SkillDocsAccessor", "build_connector_tools"})


def __getattr__(name: str) -> Any:
    if name in _PROGRESSIVE:
        from . import agent_tools

        return getattr(agent_tools, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
