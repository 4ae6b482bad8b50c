"""The ``harvest-agent`` command line and MCP server, a thin layer on the public
``HarvestConnector`` API.

- ``main``: argument parsing and dispatch (imports nothing heavy);
- ``usage``: the error for bad input, exit code 2;
- ``connection``: credentials from the environment or ``--env-file``, and the connector;
- ``params``: ``-p key=value`` / ``--params JSON``, typed from the catalogue;
- ``writes``: which actions change data and which the user enabled;
- ``output``: json, jsonl, table and csv; ``progress``: the bar on a terminal's stderr;
- ``commands``: ``check``, ``entities``, ``schema``, ``execute``, ``sandbox``;
- ``agent_tools`` / ``curated_tools``: what the MCP tools do, independent of the MCP SDK;
- ``mcp_server``: the server itself (the ``mcp`` extra), imported only by ``harvest-agent mcp``.
"""
