"""Turning a connector call into a well-behaved agent tool: ``translate_exceptions`` (behind
``tool_utils``, ``agent_tool`` and ``build_connector_tools``), under the reference SDK's module
path ``airbyte_agent_sdk.translation``.

The decorator keeps the function's name, signature and sync/async nature, appends the
connector's generated description to its docstring (once), checks the size of what the tool
returns, retries transient failures if asked, and turns failures into the signal of the agent
framework that runs the tool, so the model reads the message and corrects its next call.

Which framework runs the tool is not guessed by import order. With ``framework=None`` a failure
is raised as one exception that *is* the signal of every framework loaded in the process:
an instance of Pydantic AI's ``ModelRetry``, LangChain's ``ToolException`` and FastMCP's
``ToolError`` at once (and of :class:`~airbyte_agent_sdk.errors.AirbyteToolError`). Each
framework catches its own class, so the same tool behaves natively under any of them, even when
several are installed together. OpenAI Agents turns any exception into a message for the model;
``framework="openai_agents"`` returns the message string itself, as the reference does.
"""

from __future__ import annotations

import contextvars
import sys
import time

# typing for real, so that the decorators' annotations resolve (see connector.py).
from typing import Any, Callable, Literal, Optional, TypeVar

# The connector imports this module (through tools) for `tool_retry_owner`, so the rest of what it uses
# (asyncio, functools, inspect, json, random, logging) is imported where it is used: together
# they cost ~40 ms of import time that importing and constructing a connector does not need.
from . import _log, _native
from .errors import AirbyteToolError, NetworkError, RateLimitError, TimeoutError

F = TypeVar("F", bound=Callable[..., Any])

__all__ = [
    "AgentToolRole",
    "DEFAULT_MAX_OUTPUT_CHARS",
    "FRAMEWORKS",
    "FrameworkName",
    "UNSET",
    "Unset",
    "tool_utils",
    "translate_exceptions",
]

DEFAULT_MAX_OUTPUT_CHARS = 100_000

FrameworkName = Literal["pydantic_ai", "langchain", "openai_agents", "mcp", "none"]
AgentToolRole = Literal["execute", "inspect_connector", "read_skill_docs"]


class Unset:
    """The type of :data:`UNSET`: "not given", where None means something (no size limit)."""

    _instance: Optional[Unset] = None

    def __new__(cls) -> Unset:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "UNSET"

    def __reduce__(self) -> str:
        return "UNSET"


UNSET = Unset()


# framework name -> (module, class) of the failure signal it understands
_SIGNALS: dict[str, tuple[str, str]] = {
    "pydantic_ai": ("pydantic_ai", "ModelRetry"),
    "langchain": ("langchain_core.tools", "ToolException"),
    "mcp": ("fastmcp.exceptions", "ToolError"),
}
_ALIASES = {"fastmcp": "mcp", "openai": "openai_agents", "agents": "openai_agents", "langchain_core": "langchain"}
FRAMEWORKS = ("pydantic_ai", "langchain", "openai_agents", "mcp", "none")

# Set while a tool-level retry loop owns retrying, so the connector does not retry the same
# failure underneath it as well (which would multiply attempts into a storm).
tool_retry_owner: contextvars.ContextVar[bool] = contextvars.ContextVar("harvest_tool_retry_owner", default=False)

# Set while a tool runs: a list call made inside it keeps its records unbuilt (their text is
# measured from the response bytes), since the tool's size check may be all that reads them.
in_tool: contextvars.ContextVar[bool] = contextvars.ContextVar("harvest_in_tool", default=False)


def _normalise_framework(framework: Optional[str]) -> Optional[str]:
    if framework is None:
        return None
    name = _ALIASES.get(framework, framework)
    if name not in FRAMEWORKS:
        raise ValueError(f"Unknown framework={framework!r}; choose from: {', '.join(FRAMEWORKS)}")
    if name in _SIGNALS:
        module = _SIGNALS[name][0]
        try:
            __import__(module)
        except ImportError:
            raise RuntimeError(
                f"framework={framework!r} requested but {module.split('.')[0]} is not installed; "
                f"choose from: {', '.join(FRAMEWORKS)}"
            ) from None
    return name


def _signal_class(name: str) -> type:
    module, attr = _SIGNALS[name]
    return getattr(sys.modules.get(module) or __import__(module, fromlist=[attr]), attr)


_combined: dict[tuple[type, ...], type] = {}


def _universal_error_class() -> type:
    """An exception class that is the failure signal of every framework loaded right now."""
    bases: list[type] = [AirbyteToolError]
    for module, attr in _SIGNALS.values():
        loaded = sys.modules.get(module)
        cls = getattr(loaded, attr, None) if loaded is not None else None
        if isinstance(cls, type) and issubclass(cls, Exception):
            bases.append(cls)
    key = tuple(bases)
    if key not in _combined:
        # No __init__ of its own: AirbyteError.__init__ calls super().__init__(message), and so
        # does each framework's class, so every base initialises its own state (FastMCP's
        # log_level, Pydantic AI's message) in MRO order.
        _combined[key] = type(
            "HarvestToolError",
            key,
            {
                "__str__": lambda self: self.message,
                "__eq__": object.__eq__,
                "__hash__": object.__hash__,
                "__reduce__": lambda self: (AirbyteToolError, (self.message,)),
                "__module__": __name__,
                "__doc__": "A tool failure, raised as the signal of every loaded agent framework.",
            },
        )
    return _combined[key]


def _is_signal(exc: BaseException, framework: Optional[str]) -> bool:
    """The tool raised a framework signal itself: let it through untouched."""
    if isinstance(exc, AirbyteToolError):
        return True
    names = [framework] if framework in _SIGNALS else list(_SIGNALS)
    for name in names:
        module, attr = _SIGNALS[name]
        loaded = sys.modules.get(module)
        cls = getattr(loaded, attr, None) if loaded is not None else None
        if isinstance(cls, type) and isinstance(exc, cls):
            return True
    return False


def _fail(framework: Optional[str], message: str, cause: BaseException) -> Any:
    """Raise (or, for OpenAI Agents, return) the failure in the framework's idiom."""
    if framework == "openai_agents":
        return message
    if framework is None:
        error: BaseException = _universal_error_class()(message)
    elif framework == "none":
        error = AirbyteToolError(message)
    else:
        error = _signal_class(framework)(message)
    raise error from cause


def _is_transient(exc: BaseException) -> bool:
    # A write that may have reached Harvest is never sent again blindly: the hours would be
    # logged twice.
    details = getattr(exc, "details", None)
    if isinstance(details, dict) and details.get("may_have_been_applied"):
        return False
    if isinstance(exc, (RateLimitError, NetworkError, TimeoutError)):
        return True
    status = getattr(exc, "status_code", None)
    return isinstance(status, int) and (status == 429 or status >= 500)


def _retry_delay(attempt: int, exc: BaseException) -> float:
    retry_after = getattr(exc, "retry_after", None)
    if isinstance(retry_after, (int, float)) and retry_after >= 0:
        return float(retry_after)
    import random

    return random.uniform(0, min(30.0, 0.5 * 2 ** (attempt - 1)))  # full jitter


def _json_size(result: Any, preview: int) -> tuple[int, str]:
    """Length of the JSON the framework will send for ``result`` (``json.dumps`` of it), and
    its first ``preview`` characters."""
    # A list result whose records are still unbuilt is measured from the response bytes.
    unbuilt = getattr(result, "_unbuilt_json_size", None)
    if unbuilt is not None:
        measured = unbuilt(preview)
        if measured is not None:
            return measured  # type: ignore[no-any-return]
    value = result.model_dump(mode="json") if hasattr(result, "model_dump") else result
    if isinstance(value, str):
        return len(value), value[:preview]
    # The same figures as json.dumps below, from one pass in the core that never makes the
    # whole text a Python string (a 2,000-record page: ~5 ms instead of ~20); None for a
    # value it does not handle.
    measured = _native.json_size(value, preview)
    if measured is not None:
        return measured
    import json

    text = json.dumps(value, default=str, ensure_ascii=False)
    return len(text), text[:preview]


# How much of a refused result the failure message quotes.
_PREVIEW_CHARS = 500


class _OutputTooLarge(Exception):
    """Cause of the failure raised when a tool result exceeds ``max_output_chars``."""


def _describe_failure(exc: BaseException) -> str:
    return f"{type(exc).__name__}: {exc}"


def translate_exceptions(
    func: Optional[F] = None,
    *,
    framework: Optional[str] = None,
    max_output_chars: Optional[int] = DEFAULT_MAX_OUTPUT_CHARS,
    internal_retries: int = 0,
    should_internal_retry: Optional[Callable[[BaseException, tuple, dict], bool]] = None,
    exhausted_runtime_failure_message: Optional[Callable[[BaseException, tuple, dict], Optional[str]]] = None,
    description: Optional[str] = None,
) -> Any:
    """The decorator behind ``HarvestConnector.tool_utils`` (``description`` is appended to the
    docstring when given)."""
    framework = _normalise_framework(framework)
    if isinstance(internal_retries, bool) or not isinstance(internal_retries, int) or internal_retries < 0:
        raise ValueError(f"internal_retries must be a non-negative integer, got {internal_retries!r}")
    limit = max_output_chars if max_output_chars and max_output_chars > 0 else None

    import functools
    import inspect

    logger = _log.logger()

    def decorate(fn: F) -> F:
        if inspect.isgeneratorfunction(fn) or inspect.isasyncgenfunction(fn):
            raise TypeError(
                f"translate_exceptions does not support generator/async-generator tools (got {fn.__name__}); "
                "return a list/dict instead"
            )
        if getattr(fn, "__translate_exceptions_wrapped__", False):
            return fn  # already a tool: wrapping again would duplicate the description
        name = getattr(fn, "__name__", "tool")

        def on_error(exc: BaseException, attempt: int, args: tuple, kwargs: dict) -> Optional[float]:
            """Seconds to wait before retrying, or None to give up."""
            if attempt > internal_retries or not _is_transient(exc):
                return None
            if should_internal_retry is not None and not should_internal_retry(exc, args, kwargs):
                return None
            delay = _retry_delay(attempt, exc)
            logger.warning(
                "Retrying tool %s in %.1f s after a transient failure (attempt %d/%d): %s",
                name,
                delay,
                attempt,
                internal_retries,
                _describe_failure(exc),
            )
            return delay

        def failure(exc: BaseException, args: tuple, kwargs: dict) -> Any:
            message = _describe_failure(exc)
            if internal_retries > 0 and _is_transient(exc) and exhausted_runtime_failure_message is not None:
                custom = exhausted_runtime_failure_message(exc, args, kwargs)
                if custom is not None:
                    message = custom
            logger.warning("Tool %s failed: %s", name, message)
            return _fail(framework, message, exc)

        def checked(result: Any) -> Any:
            if limit is None:
                return result
            try:
                size, text = _json_size(result, _PREVIEW_CHARS)
            except (TypeError, ValueError):
                return result
            if size <= limit:
                return result
            message = (
                f"Tool '{name}' output too large ({size:,} chars, limit {limit:,}). Please narrow your query by: "
                "adding filters via 'params' or requesting fewer records (a smaller 'per_page'). "
                f"Preview: {text}..."
            )
            logger.warning("Tool %s output too large: %d chars (limit %d)", name, size, limit)
            return _fail(framework, message, _OutputTooLarge(message))

        if inspect.iscoroutinefunction(fn):

            @functools.wraps(fn)
            async def async_wrapper(*args: Any, **kwargs: Any) -> Any:
                attempt = 0
                token = tool_retry_owner.set(True) if internal_retries > 0 else None
                inside = in_tool.set(True)
                try:
                    while True:
                        try:
                            result = await fn(*args, **kwargs)
                        except Exception as exc:
                            if _is_signal(exc, framework):
                                raise
                            attempt += 1
                            delay = on_error(exc, attempt, args, kwargs)
                            if delay is None:
                                return failure(exc, args, kwargs)
                            import asyncio  # loaded already: this coroutine runs on its loop

                            await asyncio.sleep(delay)
                            continue
                        return checked(result)
                finally:
                    in_tool.reset(inside)
                    if token is not None:
                        tool_retry_owner.reset(token)

            wrapper: Any = async_wrapper
        else:

            @functools.wraps(fn)
            def sync_wrapper(*args: Any, **kwargs: Any) -> Any:
                attempt = 0
                token = tool_retry_owner.set(True) if internal_retries > 0 else None
                inside = in_tool.set(True)
                try:
                    while True:
                        try:
                            result = fn(*args, **kwargs)
                        except Exception as exc:
                            if _is_signal(exc, framework):
                                raise
                            attempt += 1
                            delay = on_error(exc, attempt, args, kwargs)
                            if delay is None:
                                return failure(exc, args, kwargs)
                            time.sleep(delay)
                            continue
                        return checked(result)
                finally:
                    in_tool.reset(inside)
                    if token is not None:
                        tool_retry_owner.reset(token)

            wrapper = sync_wrapper

        wrapper.__translate_exceptions_wrapped__ = True
        if description is not None:
            doc = inspect.cleandoc(fn.__doc__) if fn.__doc__ else ""
            if description not in doc:
                doc = f"{doc}\n{description}" if doc else description
            wrapper.__doc__ = doc
        return wrapper  # type: ignore[no-any-return]

    return decorate(func) if func is not None else decorate


def tool_utils(
    func: Optional[F] = None,
    *,
    description: str,
    update_docstring: bool = True,
    max_output_chars: Optional[int] = DEFAULT_MAX_OUTPUT_CHARS,
    framework: Optional[str] = None,
    internal_retries: int = 0,
    should_internal_retry: Optional[Callable[[BaseException, tuple, dict], bool]] = None,
    exhausted_runtime_failure_message: Optional[Callable[[BaseException, tuple, dict], Optional[str]]] = None,
) -> Any:
    """``translate_exceptions`` with a connector's description (see ``HarvestConnector.tool_utils``)."""
    return translate_exceptions(
        func,
        framework=framework,
        max_output_chars=max_output_chars,
        internal_retries=internal_retries,
        should_internal_retry=should_internal_retry,
        exhausted_runtime_failure_message=exhausted_runtime_failure_message,
        description=description if update_docstring else None,
    )
