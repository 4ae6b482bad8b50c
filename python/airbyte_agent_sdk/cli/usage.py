"""The one error for bad command-line input: printed as one line, exit code 2."""

from __future__ import annotations

EXIT_OK = 0
EXIT_FAILED = 1  # Harvest (or the network) said no, or the check found the account unhealthy
EXIT_USAGE = 2  # bad input: nothing was sent
EXIT_INTERRUPTED = 130  # Ctrl-C during a command (128 + SIGINT), as shells report it


class UsageError(Exception):
    """Bad input found before any request. The message names the bad option or variable and
    what it accepts, and never contains a credential's value."""
