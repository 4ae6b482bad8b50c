"""``python -m airbyte_agent_sdk``: the ``harvest-agent`` command line."""

import sys

from .cli.main import main

sys.exit(main())
