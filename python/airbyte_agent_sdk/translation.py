"""Tool exception translation under the reference SDK's module path
(``from airbyte_agent_sdk.translation import translate_exceptions, DEFAULT_MAX_OUTPUT_CHARS``);
defined in :mod:`airbyte_agent_sdk.tools`."""

from .tools import DEFAULT_MAX_OUTPUT_CHARS, FrameworkName, translate_exceptions

__all__ = ["DEFAULT_MAX_OUTPUT_CHARS", "FrameworkName", "translate_exceptions"]
