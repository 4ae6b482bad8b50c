"""Credentials from the environment (or an ``--env-file``), and the connector built from them.

Credentials are only ever read from variables, never from command-line options: options show
up in ``ps`` and shell history. No value read here is printed: messages name variables only.
"""

from __future__ import annotations

import os
from typing import Any, Mapping, Optional

from .usage import UsageError

PAT_VARIABLES = ("HARVEST_ACCESS_TOKEN", "HARVEST_ACCOUNT_ID")
OAUTH_VARIABLES = ("HARVEST_CLIENT_ID", "HARVEST_CLIENT_SECRET", "HARVEST_REFRESH_TOKEN", "HARVEST_ACCOUNT_ID")

# `accounts` / `list` asks Harvest ID which accounts a token reaches: the one call that needs no
# account id (the connector wants one anyway; Harvest ID ignores it).
DISCOVERY_ENTITY = "accounts"
_PLACEHOLDER_ACCOUNT_ID = "0"


def load_environment(env_file: Optional[str]) -> dict[str, str]:
    """The process environment, overlaid with ``env_file`` (``KEY=VALUE`` lines, ``#`` comments,
    optional ``export`` and quotes). The file wins: naming it is more explicit than whatever
    the shell happens to export."""
    environ = dict(os.environ)
    if env_file is None:
        return environ
    try:
        with open(env_file, encoding="utf-8") as handle:
            lines = handle.read().splitlines()
    except OSError as exc:
        raise UsageError(f"--env-file {env_file}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise UsageError(f"--env-file {env_file}: not UTF-8 text") from None
    for number, line in enumerate(lines, start=1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        if text.startswith("export "):
            text = text[len("export ") :].lstrip()
        key, sep, value = text.partition("=")
        key, value = key.strip(), value.strip()
        if not sep or not key or not key.replace("_", "a").isalnum():
            # The line itself is not quoted back: it may hold a secret.
            raise UsageError(f"--env-file {env_file} line {number}: expected KEY=VALUE")
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        environ[key] = value
    return environ


def _present(environ: Mapping[str, str], names: tuple[str, ...]) -> list[str]:
    return [name for name in names if environ.get(name, "").strip()]


def auth_config(environ: Mapping[str, str], *, discovery: bool = False) -> Any:
    """A personal access token when ``HARVEST_ACCESS_TOKEN`` is set, else OAuth when any of its
    variables is; a missing variable is named. ``discovery``: the account id may be missing."""
    from ..connectors.harvest.models import HarvestOauth20AuthConfig, HarvestPersonalAccessTokenAuthConfig

    def account_id(names: tuple[str, ...]) -> str:
        value = environ.get("HARVEST_ACCOUNT_ID", "").strip()
        if value:
            return value
        if discovery:
            return _PLACEHOLDER_ACCOUNT_ID
        raise UsageError(
            f"HARVEST_ACCOUNT_ID is not set (needed with {', '.join(n for n in names if n != 'HARVEST_ACCOUNT_ID')}); "
            "`harvest-agent execute accounts list` shows the accounts your credentials reach"
        )

    if environ.get("HARVEST_ACCESS_TOKEN", "").strip():
        return HarvestPersonalAccessTokenAuthConfig(
            token=environ["HARVEST_ACCESS_TOKEN"].strip(), account_id=account_id(PAT_VARIABLES)
        )
    oauth = _present(environ, OAUTH_VARIABLES[:3])
    if oauth:
        missing = [name for name in OAUTH_VARIABLES[:3] if name not in oauth]
        if missing:
            raise UsageError(
                f"OAuth credentials are incomplete: {', '.join(missing)} not set (found {', '.join(oauth)})"
            )
        return HarvestOauth20AuthConfig(
            client_id=environ["HARVEST_CLIENT_ID"].strip(),
            client_secret=environ["HARVEST_CLIENT_SECRET"].strip(),
            refresh_token=environ["HARVEST_REFRESH_TOKEN"].strip(),
            account_id=account_id(OAUTH_VARIABLES),
        )
    raise UsageError(
        "no Harvest credentials: set HARVEST_ACCESS_TOKEN and HARVEST_ACCOUNT_ID (a personal access token), "
        "or HARVEST_CLIENT_ID, HARVEST_CLIENT_SECRET, HARVEST_REFRESH_TOKEN and HARVEST_ACCOUNT_ID (OAuth), "
        "in the environment or an --env-file; `harvest-agent sandbox` serves a fake Harvest to try"
    )


def connector(environ: Mapping[str, str], *, discovery: bool = False, **options: Any) -> Any:
    """A ``HarvestConnector`` for these variables (``HARVEST_API_URL`` / ``HARVEST_ID_URL``
    included, so an ``--env-file`` can point at a sandbox). ``options`` go to the constructor."""
    from ..connectors.harvest import HarvestConnector

    return HarvestConnector(
        auth_config(environ, discovery=discovery),
        base_url=environ.get("HARVEST_API_URL") or None,
        id_url=environ.get("HARVEST_ID_URL") or None,
        user_agent=environ.get("HARVEST_USER_AGENT") or None,
        **options,
    )
