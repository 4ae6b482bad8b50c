"""``harvest-agent sandbox``: the fake Harvest as a process, its environment on stdout (in
--env-file form, so other commands can use it as is), a fixed port when asked, a clean stop."""

from __future__ import annotations

import json
import signal
import socket
import subprocess

from .cli_helpers import COMMAND, clean_env, one_line_error, run


def _start(*extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [*COMMAND, "sandbox", *extra],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_env(),
        text=True,
    )


def _environment(process: subprocess.Popen) -> dict[str, str]:
    assert process.stdout is not None
    lines = [process.stdout.readline().strip() for _ in range(4)]
    return dict(line.split("=", 1) for line in lines)


def test_sandbox_prints_its_environment_and_serves_until_stdin_closes(tmp_path):
    process = _start("--time-entries", "12")
    try:
        env = _environment(process)
        assert set(env) == {"HARVEST_API_URL", "HARVEST_ID_URL", "HARVEST_ACCESS_TOKEN", "HARVEST_ACCOUNT_ID"}
        assert env["HARVEST_API_URL"].startswith("http://127.0.0.1:") and env["HARVEST_API_URL"].endswith("/v2")
        env_file = tmp_path / "sandbox.env"
        env_file.write_text("".join(f"{k}={v}\n" for k, v in env.items()))
        listed = run("--env-file", str(env_file), "execute", "time_entries", "list", env=clean_env())
        assert listed.returncode == 0, listed.stderr
        assert json.loads(listed.stdout)["meta"]["total_entries"] == 12
        assert process.stdin is not None and process.stderr is not None
        process.stdin.close()
        assert process.wait(timeout=30) == 0
        errors = process.stderr.read()
        assert "fake Harvest on " in errors and "stopped after 1 requests" in errors
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_a_fixed_port_and_sigint():
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    process = _start("--port", str(port))
    try:
        assert _environment(process)["HARVEST_API_URL"] == f"http://127.0.0.1:{port}/v2"
        taken = run("sandbox", "--port", str(port), env=clean_env())
        assert taken.returncode == 2
        assert f"--port {port}: cannot listen on 127.0.0.1:{port}" in one_line_error(taken)
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=30) == 0
        assert process.stderr is not None and "Traceback" not in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=30)


def test_other_hosts_and_seeds_are_refused():
    host = run("sandbox", "--host", "0.0.0.0", env=clean_env())
    assert host.returncode == 2 and "listens on 127.0.0.1 only" in one_line_error(host)
    seed = run("sandbox", "--seed", "7", env=clean_env())
    assert seed.returncode == 2 and "one fixed, deterministic data set" in one_line_error(seed)
    port = run("sandbox", "--port", "70000", env=clean_env())
    assert port.returncode == 2 and "expected a port number 0..65535" in one_line_error(port)
