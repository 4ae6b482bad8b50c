"""``harvest-agent``: argument parsing and dispatch.

Starting it stays cheap: this module imports argparse and the standard library only; each
subcommand imports what it needs (the connector for most, asyncio when a call runs, the MCP
SDK only for ``mcp``). Every failure ends as one line on stderr and an exit code: 2 for bad
input (nothing was sent), 1 when Harvest or the network said no, 130 on Ctrl-C.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Optional, Sequence

from .usage import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_OK, EXIT_USAGE, UsageError

PROG = "harvest-agent"

_ENVIRONMENT = """\
credentials come from the environment (or --env-file), never from options:
  HARVEST_ACCESS_TOKEN, HARVEST_ACCOUNT_ID            a personal access token
  HARVEST_CLIENT_ID, HARVEST_CLIENT_SECRET,
  HARVEST_REFRESH_TOKEN, HARVEST_ACCOUNT_ID           OAuth
  HARVEST_API_URL, HARVEST_ID_URL                     other Harvest hosts (e.g. `harvest-agent sandbox`)
  HARVEST_USER_AGENT                                  "AppName (contact)", as Harvest asks
exit codes: 0 ok, 1 Harvest or the network refused (or check: unhealthy), 2 bad input, 130 interrupted"""


class _Parser(argparse.ArgumentParser):
    """argparse, with its usage errors as one line naming the program and the subcommand."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive integer, got {text!r}")
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = -1
    if not 0 <= value <= 65_535:
        raise argparse.ArgumentTypeError(f"expected a port 0..65535 (0: a free one), got {text!r}")
    return value


def build_parser() -> argparse.ArgumentParser:
    from .output import FORMATS

    parser = _Parser(
        prog=PROG,
        description="Harvest (time tracking and invoicing) from the command line, and as an MCP server for agents.",
        epilog=_ENVIRONMENT,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    from .. import __version__

    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    parser.add_argument("--env-file", metavar="PATH", help="read variables from this KEY=VALUE file (it wins)")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands.required = True

    check = commands.add_parser("check", help="check the credentials and show the account (exit 0 healthy, 1 not)")
    check.add_argument("--json", action="store_true", help="print the result as JSON")

    entities = commands.add_parser("entities", help="list every entity and its actions")
    entities.add_argument("--json", action="store_true", help="print list_entities() as JSON")

    schema = commands.add_parser("schema", help="show one entity's actions and parameters")
    schema.add_argument("entity", metavar="ENTITY")
    schema.add_argument("--json", action="store_true", help="print entity_schema() as JSON")

    execute = commands.add_parser(
        "execute",
        help="run any action (lists: one page, or --limit records)",
        description="Run ACTION on ENTITY. Example: harvest-agent execute time_entries list -p is_running=true",
    )
    execute.add_argument("entity", metavar="ENTITY")
    execute.add_argument("action", metavar="ACTION")
    execute.add_argument(
        "-p", "--param", action="append", metavar="KEY=VALUE", help="a parameter (repeatable), typed from the catalogue"
    )
    execute.add_argument("--params", metavar="JSON", help="parameters as a JSON object, e.g. '{\"per_page\": 50}'")
    execute.add_argument("--limit", type=_positive, metavar="N", help="collect up to N records across pages")
    execute.add_argument("--output", "-o", choices=FORMATS, default="json", help="json (default), jsonl, table, csv")
    execute.add_argument("--dry-run", action="store_true", help="show what a write would send, send nothing")
    execute.add_argument("--allow-writes", action="store_true", help="allow an action that changes data")

    sync = commands.add_parser(
        "sync",
        help="pull records into a local store file (for context_store_search and SQL)",
        description="Pull Harvest's records into the local store file that connectors made with "
        "store=PATH search and query: every stored entity, or the ENTITY names given. Incremental "
        "(records changed since the last sync) unless --full, which also finds deletions.",
    )
    sync.add_argument("entities", nargs="*", metavar="ENTITY", help="entities to sync (default: every stored one)")
    sync.add_argument("--store", metavar="PATH", help="the store file (default: $HARVEST_STORE)")
    sync.add_argument("--full", action="store_true", help="read every record again (finds deletions)")
    sync.add_argument("--json", action="store_true", help="print the counts as JSON")

    sandbox = commands.add_parser(
        "sandbox",
        help="serve the built-in fake Harvest and print the environment to point a client at it",
        description="Serve the built-in fake Harvest until stdin closes or Ctrl-C. stdout gets the "
        "HARVEST_* variables (in --env-file form) that point any client at it.",
    )
    from ..connectors.harvest.sandbox import add_arguments

    sandbox.add_argument("--host", default="127.0.0.1", help="127.0.0.1 (the only address it serves on)")
    sandbox.add_argument("--seed", type=int, metavar="N", help=argparse.SUPPRESS)
    add_arguments(sandbox)

    mcp = commands.add_parser(
        "mcp",
        help="serve Harvest as an MCP server (needs harvest-agent-connector[mcp])",
        description="An MCP server over stdio (for a desktop client or an IDE) or streamable HTTP.",
    )
    mcp.add_argument("--transport", choices=("stdio", "http"), default="stdio", help="stdio (default) or http")
    mcp.add_argument("--host", default="127.0.0.1", help="http: address to listen on (default 127.0.0.1)")
    mcp.add_argument("--port", type=_port, default=8000, help="http: port (default 8000; 0: a free one)")
    mcp.add_argument(
        "--allow-writes",
        nargs="*",
        metavar="ENTITY[.ACTION]",
        help="enable write tools: all, or only these entities/actions",
    )
    mcp.add_argument(
        "--max-output-chars",
        type=_positive,
        metavar="N",
        help="longest tool result, in characters (default 100000); longer ones fail with advice to narrow",
    )
    return parser


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


def _run(args: argparse.Namespace) -> int:
    from . import connection

    environ = connection.load_environment(args.env_file)
    if args.command == "mcp":
        from .mcp_server import serve  # the MCP SDK, only here

        return serve(args, environ)
    from . import commands

    handler = {
        "check": commands.check,
        "entities": commands.entities,
        "schema": commands.schema,
        "execute": commands.execute,
        "sync": commands.sync,
        "sandbox": commands.sandbox,
    }[args.command]
    return handler(args, environ)


def main(argv: Optional[Sequence[str]] = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return _run(args)
    except UsageError as exc:
        print(f"{PROG}: error: {_one_line(str(exc))}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`| head`): stop quietly, and keep the interpreter's final flush
        # of stdout from failing again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as exc:
        from ..errors import AirbyteError

        if not isinstance(exc, AirbyteError):
            raise
        # Input the connector refused before sending (unknown entity, bad parameter) is a usage
        # error; anything Harvest or the network refused is a failure. Messages carry no secret.
        code = EXIT_USAGE if isinstance(exc, ValueError) else EXIT_FAILED
        print(f"{PROG}: error: {type(exc).__name__}: {_one_line(str(exc))}", file=sys.stderr)
        return code


if __name__ == "__main__":
    sys.exit(main())
