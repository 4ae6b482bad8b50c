"""Write the typed Python views of the catalogue: parameter TypedDicts (``types.py``) and the
typed query objects (``query_types.py``) of ``airbyte_agent_sdk.connectors.harvest``.

The catalogue in ``src/catalog.rs`` is the single source of truth; run this after changing it:

    python scripts/generate_types.py          # rewrite the files
    python scripts/generate_types.py --check  # exit 1 if they are stale (the test suite does this)
"""

from __future__ import annotations

import argparse
import pathlib
import sys

from airbyte_agent_sdk import _native

ROOT = pathlib.Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "python" / "airbyte_agent_sdk" / "connectors" / "harvest"
HEADER = '"""{doc}\n\nGenerated from the catalogue by scripts/generate_types.py; do not edit by hand.\n"""\n\n'
PY_TYPES = {"integer": "int", "string": "str", "boolean": "bool", "number": "float"}
KEYWORDS = {"from", "class", "import", "global", "lambda"}


def camel(name: str) -> str:
    return "".join(part.capitalize() for part in name.split("_"))


def py_name(name: str) -> str:
    return name + "_" if name in KEYWORDS else name


def param_type(param: dict) -> str:
    base = PY_TYPES.get(param["type"], "Any")
    # Ids may also be given as strings of digits.
    return "Union[int, str]" if param["format"] == "positive integer id" else base


def generate_params(catalog: list[dict]) -> str:
    out = [HEADER.format(doc="Parameters of every Harvest entity and action, as TypedDicts.")]
    out.append("from __future__ import annotations\n\nfrom typing import TypedDict, Union\n\n")
    names = []
    for entity in catalog:
        for action in entity["actions"]:
            name = f"{camel(entity['name'])}{camel(action['name'])}Params"
            names.append(name)
            params = action["parameters"]
            required = [p for p in params if p["required"]]
            optional = [p for p in params if not p["required"]]
            doc = f'    """Params of ``{entity["name"]}.{action["name"]}``."""\n'
            if required and optional:
                out.append(f"\nclass _{name}Required(TypedDict):\n")
                out.extend(f"    {py_name(p['name'])}: {param_type(p)}\n" for p in required)
                out.append(f"\n\nclass {name}(_{name}Required, total=False):\n{doc}\n")
                out.extend(f"    {py_name(p['name'])}: {param_type(p)}\n" for p in optional)
            else:
                total = "" if required else ", total=False"
                out.append(f"\nclass {name}(TypedDict{total}):\n{doc}")
                if params:
                    out.append("\n")
                out.extend(f"    {py_name(p['name'])}: {param_type(p)}\n" for p in params)
            out.append("\n")
    out.append("\n__all__ = [\n" + "".join(f'    "{n}",\n' for n in names) + "]\n")
    return "".join(out).replace("\n\n\n\n", "\n\n\n")


def generate_queries(catalog: list[dict]) -> str:
    out = [HEADER.format(doc="Static types of the query objects (``connector.users.list(...)``).")]
    out.append(
        "from __future__ import annotations\n\n"
        "from collections.abc import Sequence\n"
        "from typing import Any, Optional, Protocol, Union\n\n"
        "from .models import AirbyteSearchResult, ContextStoreQuery, HarvestExecuteResultWithMeta\n\n"
        "ListResult = HarvestExecuteResultWithMeta[list[dict[str, Any]], dict[str, Any]]\n"
    )
    for entity in catalog:
        out.append(f"\n\nclass {camel(entity['name'])}Query(Protocol):\n")
        out.append(f'    """{entity["description"]}"""\n')
        for action in entity["actions"]:
            args = []
            for p in action["parameters"]:
                if p["required"]:
                    args.append(f"{py_name(p['name'])}: {param_type(p)}")
                else:
                    args.append(f"{py_name(p['name'])}: Optional[{param_type(p)}] = None")
            signature = ", ".join(["self", "*", *args]) if args else "self"
            returns = "ListResult" if action["response"] == "list" else "dict[str, Any]"
            out.append(f"\n    async def {action['name']}({signature}) -> {returns}:\n")
            out.append(f'        """{action["description"]}"""\n        ...\n')
        # Hosted mode adds the context store search to every entity.
        out.append(
            "\n    async def context_store_search(\n"
            "        self,\n"
            "        query: ContextStoreQuery,\n"
            "        limit: Optional[int] = None,\n"
            "        cursor: Optional[str] = None,\n"
            "        fields: Optional[Sequence[Sequence[str]]] = None,\n"
            "    ) -> AirbyteSearchResult[dict[str, Any]]:\n"
            f'        """Search the {entity["name"]} Airbyte has replicated (hosted mode only)."""\n'
            "        ...\n"
        )
    out.append("\n\nclass EntityQueries:\n")
    out.append('    """The typed query attributes of ``HarvestConnector`` (set from the catalogue)."""\n\n')
    out.extend(f"    {e['name']}: {camel(e['name'])}Query\n" for e in catalog)
    return "".join(out)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--check", action="store_true", help="only report whether the files are current")
    args = parser.parse_args()
    catalog = _native.catalog()
    stale = []
    for path, text in [
        (PACKAGE / "types.py", generate_params(catalog)),
        (PACKAGE / "query_types.py", generate_queries(catalog)),
    ]:
        if path.exists() and path.read_text() == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text)
    if args.check and stale:
        print("stale (run scripts/generate_types.py):", *stale, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
