"""The package's logger, ``airbyte_agent_sdk``, got when there is something to log: importing
``logging`` costs ~10 ms of import time (threading, traceback, string, ...) that constructing a
connector does not need."""

from __future__ import annotations

TYPE_CHECKING = False  # logging: for type checkers here, imported when there is a record
if TYPE_CHECKING:
    import logging

NAME = "airbyte_agent_sdk"


def logger() -> logging.Logger:
    import logging

    return logging.getLogger(NAME)
