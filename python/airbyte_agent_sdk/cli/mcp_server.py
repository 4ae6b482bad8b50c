"""``harvest-agent mcp``: Harvest as an MCP server, over stdio or streamable HTTP.

It uses the official MCP SDK (the ``mcp`` package, 2.x, ``pip install
"harvest-agent-connector[mcp]"``): the reference implementation of the protocol, one
dependency where FastMCP brings dozens, and the same package's client drives the tests.

Tools: ``inspect_connector`` / ``read_skill_docs`` / ``execute`` (``agent_tools``), and
``running_timer`` / ``time_report`` plus, when writes are enabled for their actions,
``log_time`` / ``start_timer`` / ``stop_timer`` (``curated_tools``). Every result is compact
JSON within ``--max-output-chars``; every failure (bad input, Harvest's refusal, a result too
large) is an MCP tool error whose text says what to change, never a protocol error.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
from typing import Any, Callable, Mapping

from .usage import EXIT_OK, UsageError

_INSTRUCTIONS = (
    "Harvest time tracking and invoicing. Call inspect_connector first to see the entities and actions, "
    "read_skill_docs(entity) for an entity's parameters, then execute(entity, action, params). "
    "running_timer and time_report answer the common questions in one call."
)


def _require_sdk() -> None:
    try:
        import mcp.server.mcpserver  # noqa: F401
    except ImportError:
        needs = "" if sys.version_info >= (3, 10) else " (which needs Python 3.10 or later)"
        raise UsageError(
            f'harvest-agent mcp needs the MCP SDK{needs}: pip install "harvest-agent-connector[mcp]"'
        ) from None


def _as_tool(function: Callable[..., Any], max_output_chars: int) -> Callable[..., Any]:
    """``function`` with the connector's tool behaviour (size limit, one message per failure),
    its failures raised as the MCP SDK's ``ToolError``, which reaches the model as a tool
    error with that message (any other exception would reach it as a bare "Error executing
    tool")."""
    import functools

    from mcp.server.mcpserver.exceptions import ToolError

    from ..connectors.harvest import HarvestConnector
    from ..errors import AirbyteToolError

    checked = HarvestConnector.tool_utils(
        function, framework="none", max_output_chars=max_output_chars, update_docstring=False
    )

    @functools.wraps(function)
    async def tool(*args: Any, **kwargs: Any) -> Any:
        try:
            return await checked(*args, **kwargs)
        except AirbyteToolError as exc:
            raise ToolError(str(exc)) from None

    return tool


def build_server(connector: Any, *, allowed_writes: set[tuple[str, str]], max_output_chars: int) -> Any:
    from mcp.server.mcpserver import MCPServer
    from mcp_types import ToolAnnotations

    from . import agent_tools, curated_tools

    server = MCPServer(
        "harvest",
        title="Harvest",
        instructions=_INSTRUCTIONS,
        version=connector.connector_version,
        log_level="WARNING",
    )
    read_only = ToolAnnotations(read_only_hint=True, open_world_hint=True)
    writing = ToolAnnotations(read_only_hint=False, destructive_hint=False, open_world_hint=True)
    progressive = agent_tools.ProgressiveTools(connector, allowed_writes=allowed_writes)
    curated = curated_tools.CuratedTools(connector, allowed_writes=allowed_writes)

    def add(function: Callable[..., Any], description: str, annotations: Any) -> None:
        server.add_tool(
            _as_tool(function, max_output_chars),
            name=function.__name__,
            description=description,
            annotations=annotations,
            structured_output=False,
        )

    add(progressive.inspect_connector, agent_tools.INSPECT_DESCRIPTION, read_only)
    add(progressive.read_skill_docs, agent_tools.DOCS_DESCRIPTION, read_only)
    add(progressive.execute, agent_tools.EXECUTE_DESCRIPTION, writing if allowed_writes else read_only)
    add(curated.running_timer, curated_tools.RUNNING_TIMER_DESCRIPTION, read_only)
    add(curated.time_report, curated_tools.TIME_REPORT_DESCRIPTION, read_only)
    descriptions = {
        "log_time": curated_tools.LOG_TIME_DESCRIPTION,
        "start_timer": curated_tools.START_TIMER_DESCRIPTION,
        "stop_timer": curated_tools.STOP_TIMER_DESCRIPTION,
    }
    for name in curated.available_writes():
        add(getattr(curated, name), descriptions[name], writing)
    return server


async def _serve_http(server: Any, host: str, port: int) -> None:
    import socket

    import uvicorn

    # The socket is bound here, not by uvicorn, so that --port 0 works and the address
    # announced is the one really listened on.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    listener = socket.socket(family, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        listener.bind((host, port))
    except OSError as exc:
        listener.close()
        raise UsageError(f"--host {host} --port {port}: cannot listen ({exc.strerror or exc})") from None
    app = server.streamable_http_app(host=host)
    http = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="on"))
    import anyio

    async with anyio.create_task_group() as tasks:
        tasks.start_soon(http.serve, [listener])
        # Announced once serving: uvicorn handles SIGINT/SIGTERM (a graceful stop) from then on.
        while not http.started and not http.should_exit:
            await anyio.sleep(0.02)
        if http.started:
            _announce(host, family == socket.AF_INET6, listener.getsockname()[1])


def _announce(host: str, ipv6: bool, port: int) -> None:
    url = f"http://{f'[{host}]' if ipv6 else host}:{port}/mcp"
    print(f"harvest-agent: MCP server on {url} (Ctrl-C stops it)", file=sys.stderr, flush=True)
    if host not in ("127.0.0.1", "localhost", "::1"):
        print(
            f"harvest-agent: warning: listening on {host} without authentication: anyone who reaches it "
            "acts with these Harvest credentials",
            file=sys.stderr,
            flush=True,
        )


def _exit_on_signal(signum: int, frame: Any) -> None:
    """stdio: stop at once. The transport reads stdin in a worker thread that no exception can
    interrupt, so an orderly shutdown would wait for the client's next line; nothing is lost
    (every answer is written when made, the connector keeps no state)."""
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(EXIT_OK)


def serve(args: argparse.Namespace, environ: Mapping[str, str]) -> int:
    _require_sdk()
    from . import connection, writes

    catalogue = connection.connector(environ)  # credentials checked before anything starts
    allowed = writes.parse_allowed(catalogue, args.allow_writes)
    if allowed is not None:
        connector = connection.connector(environ, **writes.constructor_option(allowed))
    else:
        connector = catalogue
    from ..tools import DEFAULT_MAX_OUTPUT_CHARS

    server = build_server(
        connector,
        allowed_writes=allowed or set(),
        max_output_chars=args.max_output_chars or DEFAULT_MAX_OUTPUT_CHARS,
    )

    async def run() -> None:
        try:
            if args.transport == "http":
                await _serve_http(server, args.host, args.port)
            else:
                signal.signal(signal.SIGINT, _exit_on_signal)
                signal.signal(signal.SIGTERM, _exit_on_signal)
                await server.run_stdio_async()
        finally:
            await connector.close()

    import anyio

    try:
        anyio.run(run)
    except KeyboardInterrupt:  # Ctrl-C is how a server is stopped: not a failure
        pass
    return EXIT_OK
