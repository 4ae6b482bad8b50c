"""A real ``redis-server`` on 127.0.0.1 for the shared-state tests (and
``benches/shared_budget.py``): started on a free port, stopped (or killed and restarted on the
same port) by its user, never persisting anything. Inspected with ``redis-cli``, which ships
with it."""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from typing import Optional

READY_TIMEOUT = 10.0
MISSING = "redis-server is not installed (scripts/test installs Debian's redis-server)"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class RedisServer:
    def __init__(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise FileNotFoundError(MISSING)
        self.binary = binary
        self.port = free_port()
        self.process: Optional[subprocess.Popen[bytes]] = None
        self.start()

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + READY_TIMEOUT
        while self.cli("PING") != "PONG":
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"redis-server did not start on port {self.port}")
            time.sleep(0.05)

    def kill(self) -> None:
        """Stop it the hard way (as a crash would), losing everything it held."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None

    def cli(self, *args: str) -> str:
        cli = shutil.which("redis-cli")
        if cli is None:
            raise RuntimeError("redis-cli ships with redis-server but was not found")
        done = subprocess.run(
            [cli, "-h", "127.0.0.1", "-p", str(self.port), "--raw", *args],
            capture_output=True,
            timeout=10,
        )
        return done.stdout.decode(errors="replace").strip()

    def keys(self) -> list[str]:
        return [k for k in self.cli("KEYS", "*").splitlines() if k]

    def dump_everything(self) -> str:
        """Every key and every value it holds, as text (to search for secrets)."""
        parts = []
        for key in self.keys():
            kind = self.cli("TYPE", key)
            value = self.cli("ZRANGE", key, "0", "-1", "WITHSCORES") if kind == "zset" else self.cli("GET", key)
            parts.append(f"{key} {value}")
        return "\n".join(parts)
