"""Every example script runs against the built-in fake Harvest (no credentials, no LLM)."""

from __future__ import annotations

import os
import pathlib
import subprocess
import sys

import pytest

EXAMPLES = pathlib.Path(__file__).resolve().parents[1] / "examples"
EXPECTED = {
    "pydantic_ai_agent.py": "answer: Listed the first three users.",
    "langchain_tool.py": "ToolException the agent can act on: InvalidParameterError",
    "openai_agents_tool.py": "5000 is out of range",
    "fastmcp_server.py": "ToolError the client sees: ActionNotSupportedError",
    "progressive_tools.py": "Unknown entity 'timesheets'; entities: users",
}


@pytest.mark.parametrize("script", sorted(EXPECTED))
def test_example_runs(script):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HARVEST_", "OPENAI_"))}
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)], capture_output=True, text=True, timeout=120, env=env, cwd=EXAMPLES
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert EXPECTED[script] in result.stdout
