"""The progressive agent tools: ``inspect_connector`` (what exists), ``read_skill_docs`` (how to
call it), ``execute`` (call it), in one implementation used by ``build_connector_tools``,
``HarvestConnector.agent_tool`` and the MCP server of the command line.

An agent given the three tools reads the catalogue a piece at a time instead of carrying the
whole description in every request: ``inspect_connector()`` lists the entities and the docs'
sections, ``read_skill_docs(section)`` gives one entity's actions and parameters, ``execute``
runs the call. The tools take a connector by what it offers (``inspect_connector()``,
``read_skill_docs(section)``, ``execute(...)``, ``list_entities()``), so this module sits below
the connector and never imports it.

The names are those of the reference SDK (``airbyte_agent_sdk.tools``), so its samples run
unchanged: ``build_connector_tools(connector, framework="pydantic_ai").as_list()``.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

# typing for real: typing.get_type_hints must resolve the annotations below (frameworks build
# tool schemas with it).
from typing import Any, Awaitable, Callable, Optional, Protocol, Union

from .errors import InvalidParameterError
from .translation import DEFAULT_MAX_OUTPUT_CHARS, UNSET, AgentToolRole, FrameworkName, Unset, translate_exceptions

__all__ = [
    "AgentToolRole",
    "ConnectorDocsProvider",
    "ConnectorTools",
    "FrameworkName",
    "SkillDocsAccessor",
    "ToolCallable",
    "UNSET",
    "Unset",
    "agent_tool_decorator",
    "build_connector_tools",
    "render_skill_docs",
]

ToolCallable = Callable[..., Awaitable[Any]]
RetryPredicate = Callable[[BaseException, tuple, dict], bool]
FailureMessage = Callable[[BaseException, tuple, dict], Optional[str]]

# The docs id a local connector reports: its docs come from the catalogue it carries.
LOCAL_DOCS_SKILL_ID = "local-connector-docs"

INSPECT_DOC = (
    "Start here: the connector's entities with their actions, the sections of its docs and, in hosted "
    "mode, its metadata and readiness (with docs_skill_id). Then read_skill_docs(section=...) for the "
    "entity you need, then execute."
)
DOCS_DOC = (
    "The connector's usage docs. Without section: the overview (every entity and action, how results and "
    "paging work). With section (an entity, e.g. 'entity:time_entries'): its actions and every parameter "
    "(type, required, accepted values). Read it before the first execute of an entity."
)


def _execute_doc(signatures: str, *, inspect_ref: str, docs_ref: str) -> str:
    lines = [
        "Run an action on a connector entity: execute(entity, action, params).",
        f"Before the first call on an entity, call {inspect_ref}, then {docs_ref} with that entity's section: "
        "do not guess entity, action or parameter names.",
        "Lists return {data, meta}; while meta.has_more, pass meta.next_cursor back as params.cursor (same filters), "
        "or params.limit to collect several pages at once.",
        "Keep results small: filters, a small per_page, select_fields/exclude_fields (dotted paths such as "
        "'project.name'). A result over the size limit fails: narrow the call instead of repeating it.",
        "Bad parameters are refused before anything is sent, with the accepted values: fix the call and retry.",
    ]
    if signatures:
        lines.append("Entity/action signatures (? = optional):")
        lines.append(signatures)
    return "\n".join(lines)


def signature_lines(entities: list[dict[str, Any]]) -> str:
    """``- time_entries.list(user_id?, from?, ...)`` per action, from ``list_entities()``."""
    lines = []
    for entity in entities:
        parameters = entity.get("parameters") or {}
        for action in entity.get("available_actions") or []:
            params = ", ".join(
                p["name"] + ("" if p.get("required") else "?") for p in parameters.get(action, []) if "name" in p
            )
            lines.append(f"- {entity['entity_name']}.{action}({params})")
    return "\n".join(lines)


# ---- Hosted docs: the Airbyte API's answers, as text ----


class ConnectorDocsProvider(Protocol):
    """Where hosted docs come from: ``inspect_connector()`` answers with the connector's
    ``docs_skill_id``, and ``read_skill_docs(id, section)`` with the docs as structured blocks."""

    async def inspect_connector(self) -> dict[str, Any]: ...

    async def read_skill_docs(self, id: str, section: Optional[str] = None) -> dict[str, Any]: ...  # noqa: A002 - the reference's name


def _cell(value: Any) -> str:
    return " ".join(str(value).replace("|", "\\|").split())


def _block_lines(block: Any) -> list[str]:
    import json

    if not isinstance(block, dict):
        return [json.dumps(block, default=str)]
    kind = block.get("type")
    if kind == "heading":
        level = block.get("level")
        depth: int = level if isinstance(level, int) else 2
        return ["", "#" * min(6, max(1, depth)) + " " + str(block.get("text", ""))]
    if kind == "paragraph":
        return ["", str(block.get("text", ""))]
    if kind == "list" and isinstance(block.get("items"), list):
        return ["", *(f"- {item}" for item in block["items"])]
    if kind == "code":
        return ["", "```" + str(block.get("language") or ""), str(block.get("code") or ""), "```"]
    if kind == "table" and block.get("headers"):
        headers = [_cell(h) for h in block["headers"]]
        out = ["", "| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
        for row in block.get("rows") or []:
            cells = [_cell(c) for c in row][: len(headers)]
            out.append("| " + " | ".join(cells + [""] * (len(headers) - len(cells))) + " |")
        return out
    return [json.dumps(block, default=str, sort_keys=True)]


def render_skill_docs(docs: dict[str, Any]) -> str:
    """The Airbyte API's skill docs (``metadata``, ``outline``, ``content`` blocks, and
    ``section_id`` when one section was asked for) as Markdown text for an agent."""
    metadata = docs.get("metadata") or {}
    lines = [f"# {metadata.get('title') or docs.get('id') or 'Connector docs'}"]
    for key, label in (("id", "Skill ID"), ("kind", "Kind"), ("summary", "Summary")):
        if metadata.get(key):
            lines.append(f"{label}: {metadata[key]}")
    warnings = metadata.get("warnings") or []
    if warnings:
        lines += ["", "Warnings:", *(f"- {w}" for w in warnings)]
    section = docs.get("section_id")
    if section:
        lines += ["", f"## Section `{section}`"]
    for block in docs.get("content") or []:
        lines += _block_lines(block)
    outline = docs.get("outline") or []
    if outline:
        lines += ["", "## Sections (read_skill_docs(section=<id>))"]
        for entry in outline:
            if isinstance(entry, dict):
                summary = f" - {entry['summary']}" if entry.get("summary") else ""
                lines.append(f"- `{entry.get('id', '')}` {entry.get('title', '')}{summary}".rstrip())
    return "\n".join(lines).strip()


class SkillDocsAccessor:
    """A connector's docs, for its tools: from ``docs_provider`` when given (the Airbyte API's
    answers, rendered to text; ``docs_skill_id`` resolved by one inspection, shared by
    concurrent first reads), else from the connector's own ``inspect_connector()`` and
    ``read_skill_docs(section)``."""

    def __init__(self, connector: Any, *, docs_provider: Optional[ConnectorDocsProvider] = None) -> None:
        self._connector = connector
        self._provider = docs_provider
        self._docs_skill_id: Optional[str] = None
        self._lock: Optional[asyncio.Lock] = None

    @property
    def provider(self) -> Optional[ConnectorDocsProvider]:
        return self._provider

    async def inspect(self) -> dict[str, Any]:
        if self._provider is None:
            answer = await self._connector.inspect_connector()
            return dict(answer)
        answer = dict(await self._provider.inspect_connector())
        skill_id = answer.get("docs_skill_id")
        if not isinstance(skill_id, str) or not skill_id:
            raise ValueError("inspect_connector answered without a docs_skill_id: the connector's docs cannot be read")
        self._docs_skill_id = skill_id
        return answer

    async def read(self, section: Optional[str] = None) -> str:
        if self._provider is None:
            return str(await self._connector.read_skill_docs(section))
        if self._docs_skill_id is None:
            if self._lock is None:
                self._lock = asyncio.Lock()
            async with self._lock:
                if self._docs_skill_id is None:
                    await self.inspect()
        assert self._docs_skill_id is not None
        return render_skill_docs(await self._provider.read_skill_docs(id=self._docs_skill_id, section=section))


# ---- build_connector_tools ----


@dataclass(frozen=True)
class ConnectorTools:
    """The three tools of one connector, ready for an agent framework: ``as_list()`` gives them in
    the order an agent uses them (only ``execute`` with ``use_progressive_docs=False``)."""

    inspect_connector: ToolCallable
    read_skill_docs: ToolCallable
    execute: ToolCallable
    use_progressive_docs: bool = True

    def as_list(self) -> list[ToolCallable]:
        if not self.use_progressive_docs:
            return [self.execute]
        return [self.inspect_connector, self.read_skill_docs, self.execute]


def _accepts(function: Any, name: str) -> bool:
    import inspect

    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return False
    return name in parameters or any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values())


def build_connector_tools(
    connector: Any,
    *,
    framework: Optional[FrameworkName] = None,
    docs_provider: Optional[ConnectorDocsProvider] = None,
    use_progressive_docs: bool = True,
    max_output_chars: Optional[int] = DEFAULT_MAX_OUTPUT_CHARS,
    internal_retries: int = 0,
    should_internal_retry: Optional[RetryPredicate] = None,
    exhausted_runtime_failure_message: Optional[FailureMessage] = None,
) -> ConnectorTools:
    """``inspect_connector`` / ``read_skill_docs`` / ``execute`` tools bound to ``connector``.

    Each is an ``async def`` with a real signature and docstring, so every framework turns it
    into a tool as is: Pydantic AI ``Agent(tools=tools.as_list())``, LangChain
    ``StructuredTool.from_function(coroutine=...)``, OpenAI Agents ``function_tool(...)``,
    FastMCP ``mcp.tool(...)``. Failures become the framework's signal (``framework``, as for
    ``tool_utils``: None raises one exception that is every loaded framework's signal);
    ``execute`` results over ``max_output_chars`` fail with advice on narrowing the call (the
    docs tools have no limit). ``docs_provider`` replaces where the docs come from (see
    :class:`ConnectorDocsProvider`); by default they are the connector's own (the catalogue in
    local mode, the Airbyte API in hosted mode). ``use_progressive_docs=False``: the execute
    tool alone, its docstring the whole description (as ``tool_utils``).
    """
    if not callable(getattr(connector, "execute", None)):
        raise TypeError(f"build_connector_tools needs a connector with execute(), got {type(connector).__name__}")
    accessor = SkillDocsAccessor(connector, docs_provider=docs_provider)
    shaping = _accepts(connector.execute, "select_fields")

    async def inspect_connector() -> dict[str, Any]:
        return await accessor.inspect()

    async def read_skill_docs(section: Optional[str] = None) -> str:
        return await accessor.read(section)

    async def execute(
        entity: str,
        action: str,
        params: Optional[dict[str, Any]] = None,
        *,
        select_fields: Optional[list[str]] = None,
        exclude_fields: Optional[list[str]] = None,
        skip_truncation: bool = True,
    ) -> Any:
        options: dict[str, Any] = {}
        if shaping:
            options = {"select_fields": select_fields, "exclude_fields": exclude_fields}
            if _accepts(connector.execute, "skip_truncation"):
                options["skip_truncation"] = skip_truncation
        elif select_fields is not None or exclude_fields is not None:
            raise ValueError(
                "this connector does not take select_fields/exclude_fields: leave them out and narrow the "
                "call with filters or a smaller per_page"
            )
        return await connector.execute(entity, action, params or {}, **options)

    inspect_connector.__doc__ = INSPECT_DOC
    read_skill_docs.__doc__ = DOCS_DOC
    if use_progressive_docs:
        entities = connector.list_entities() if callable(getattr(connector, "list_entities", None)) else []
        execute.__doc__ = _execute_doc(
            signature_lines(entities), inspect_ref="inspect_connector()", docs_ref="read_skill_docs(section=...)"
        )
    else:
        describe = getattr(connector, "tool_description", None)
        execute.__doc__ = describe() if callable(describe) else "Run an action on a connector entity."

    def wrap(function: Any, limit: Optional[int]) -> ToolCallable:
        return translate_exceptions(  # type: ignore[no-any-return]
            function,
            framework=framework,
            max_output_chars=limit,
            internal_retries=internal_retries,
            should_internal_retry=should_internal_retry,
            exhausted_runtime_failure_message=exhausted_runtime_failure_message,
        )

    return ConnectorTools(
        inspect_connector=wrap(inspect_connector, None),
        read_skill_docs=wrap(read_skill_docs, None),
        execute=wrap(execute, max_output_chars),
        use_progressive_docs=use_progressive_docs,
    )


# ---- HarvestConnector.agent_tool ----


_ROLE_PARAMS: dict[str, frozenset[str]] = {
    "execute": frozenset({"entity", "action"}),
    "read_skill_docs": frozenset({"section"}),
    "inspect_connector": frozenset(),
}


def _parameter_names(function: Any) -> Optional[tuple[frozenset[str], bool]]:
    """The named parameters (without self/cls), and whether it takes *args or **kwargs; None
    when the signature cannot be read."""
    import inspect

    try:
        parameters = inspect.signature(function).parameters
    except (TypeError, ValueError):
        return None
    variadic = (inspect.Parameter.VAR_POSITIONAL, inspect.Parameter.VAR_KEYWORD)
    names = frozenset(n for n, p in parameters.items() if n not in ("self", "cls") and p.kind not in variadic)
    return names, any(p.kind in variadic for p in parameters.values())


def _role_of(function: Any, role: Optional[str]) -> str:
    name = getattr(function, "__name__", repr(function))
    found = _parameter_names(function)
    if role is not None:
        if found is not None and not found[1]:
            missing = sorted(_ROLE_PARAMS[role] - found[0])
            if missing:
                raise ValueError(
                    f"agent_tool role {role!r} needs the parameter(s) {', '.join(missing)} on {name}; "
                    "other parameters may be added"
                )
        return role
    if found is None:
        raise ValueError(f"agent_tool cannot read the signature of {name}: pass the role, e.g. agent_tool('execute')")
    names, variadic = found
    matches = [r for r, needed in _ROLE_PARAMS.items() if needed and needed <= names]
    if not names and not variadic:
        matches.append("inspect_connector")
    if len(matches) != 1:
        raise ValueError(
            f"agent_tool cannot tell the role of {name} from its parameters "
            f"({'several roles match' if matches else 'no role matches'}): (entity, action, ...) is execute, "
            "(section, ...) is read_skill_docs, () is inspect_connector; pass the role, e.g. agent_tool('execute')"
        )
    return matches[0]


def agent_tool_decorator(
    signatures: str,
    role: Optional[AgentToolRole] = None,
    *,
    inspect_tool: Optional[str] = None,
    docs_tool: Optional[str] = None,
    max_output_chars: Union[int, None, Unset] = UNSET,
    framework: FrameworkName = "none",
    internal_retries: int = 0,
    should_internal_retry: Optional[RetryPredicate] = None,
    exhausted_runtime_failure_message: Optional[FailureMessage] = None,
) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """The decorator behind ``HarvestConnector.agent_tool`` (``signatures``: the catalogue's
    entity/action lines for the execute docstring)."""
    if callable(role):
        raise TypeError(
            "agent_tool takes parentheses: @HarvestConnector.agent_tool() or @HarvestConnector.agent_tool('execute')"
        )
    if role is not None and role not in _ROLE_PARAMS:
        raise ValueError(f"Unknown agent_tool role {role!r}; choose from: {', '.join(_ROLE_PARAMS)}")

    def decorate(function: Callable[..., Any]) -> Callable[..., Any]:
        resolved = _role_of(function, role)
        if resolved != "execute" and (inspect_tool is not None or docs_tool is not None):
            raise ValueError(
                f"inspect_tool and docs_tool name the siblings of an execute tool; "
                f"{getattr(function, '__name__', function)!r} is a {resolved} tool"
            )
        if resolved == "execute":
            description = _execute_doc(
                signatures,
                inspect_ref=f"{inspect_tool}()" if inspect_tool else "the connector's inspect tool",
                docs_ref=f"{docs_tool}(section=...)" if docs_tool else "the connector's docs tool",
            )
            default_limit: Optional[int] = DEFAULT_MAX_OUTPUT_CHARS
        else:
            description = INSPECT_DOC if resolved == "inspect_connector" else DOCS_DOC
            default_limit = None
        limit = default_limit if isinstance(max_output_chars, Unset) else max_output_chars
        return translate_exceptions(  # type: ignore[no-any-return]
            function,
            framework=framework,
            max_output_chars=limit,
            internal_retries=internal_retries,
            should_internal_retry=should_internal_retry,
            exhausted_runtime_failure_message=exhausted_runtime_failure_message,
            description=description,
        )

    return decorate


def unknown_section(section: str, entities: list[str]) -> InvalidParameterError:
    """The error for a ``read_skill_docs`` section that does not exist, listing those that do."""
    sections = [f"entity:{name}" for name in entities]
    name = section[len("entity:") :] if section.startswith("entity:") else section
    if ":" in name:
        message = f"Unknown section {section!r}; sections: {', '.join(sections)}"
    else:
        message = (
            f"Unknown entity {name!r}; entities: {', '.join(entities)} "
            "(a section is 'entity:<name>' or the bare name; leave section out for the overview)"
        )
    return InvalidParameterError(message, {"param": "section", "accepted": sections})
