"""Benchmarks: this package against the reference ``airbyte-agent-sdk``, side by side.

Builds this package as a release wheel into ``benches/.venv-ours`` (with orjson), installs the
reference from PyPI into ``benches/.venv-ref`` (both use the import name ``airbyte_agent_sdk``),
starts the fake Harvest in a process of its own, runs every scenario as a fresh subprocess of
``worker.py`` in the right virtualenv, alternating the two, and prints a table of ratios
(ours / reference) with medians and spreads. Bounded in requests and time; stops by itself.

    python benches/run.py [--repeats 5] [--no-build] [--skip-soak] [--update-results]

See ``benches/README.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Iterator, Optional

BENCHES = Path(__file__).resolve().parent
WORK = BENCHES / ".work"
REFERENCE = "airbyte-agent-sdk==0.1.380"
TOKEN, ACCOUNT = "bench-token", "1234567"
TIME_ENTRIES = 50_000
WORKER_TIMEOUT = 600  # seconds: no scenario gets near it unless something hangs

IMPORT_AND_CONSTRUCT = (
    "from airbyte_agent_sdk.connectors.harvest import HarvestConnector\n"
    "from airbyte_agent_sdk.connectors.harvest.models import HarvestPersonalAccessTokenAuthConfig\n"
    f"HarvestConnector(auth_config=HarvestPersonalAccessTokenAuthConfig(token={TOKEN!r}, account_id={ACCOUNT!r}))\n"
)


SCENARIOS = ("import", "big_pages", "small_calls", "full_pull", "soak")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def child_env() -> dict[str, str]:
    """The same environment for both clients: the reference's telemetry off (its constructor
    would otherwise look up the public IP, blocking) and a scratch HOME (it writes a user id
    file there even so)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HARVEST_", "PYTHON"))}
    env.update(AIRBYTE_TELEMETRY_MODE="disabled", HOME=str(WORK / "home"))
    return env


# ---------------------------------------------------------------- virtualenvs


def venv_python(venv: Path) -> Path:
    return venv / "bin" / "python"


def make_venv(venv: Path, base_python: str) -> Path:
    if not venv_python(venv).exists():
        log(f"creating {venv}")
        subprocess.run([base_python, "-m", "venv", str(venv)], check=True)
    return venv_python(venv)


def pip(python: Path, *args: str) -> None:
    subprocess.run([str(python), "-m", "pip", "install", "-q", "--disable-pip-version-check", *args], check=True)


def find_maturin(source: Path, base_python: str) -> str:
    for candidate in (source / ".venv" / "bin" / "maturin", shutil.which("maturin")):
        if candidate and Path(candidate).exists():
            return str(candidate)
    build = make_venv(WORK / "venv-build", base_python)
    pip(build, "maturin>=1.9.4,<2")
    return str(build.parent / "maturin")


def prepare_ours(args: argparse.Namespace) -> Path:
    python = make_venv(BENCHES / ".venv-ours", args.python)
    if args.no_build and has_ours(python):
        return python
    wheels = WORK / "wheels"
    shutil.rmtree(wheels, ignore_errors=True)
    log(f"building a release wheel of {args.source} (cargo target dir {BENCHES / '.target'})")
    env = dict(os.environ, CARGO_TARGET_DIR=str(BENCHES / ".target"))
    maturin = find_maturin(args.source, args.python)
    subprocess.run(
        [maturin, "build", "--release", "--interpreter", str(python), "--out", str(wheels)],
        cwd=args.source,
        env=env,
        check=True,
    )
    (wheel,) = wheels.glob("*.whl")
    pip(python, "--force-reinstall", "--no-deps", str(wheel))
    pip(python, "orjson")
    return python


def has_ours(python: Path) -> bool:
    probe = "import importlib.util as u; raise SystemExit(u.find_spec('airbyte_agent_sdk._native') is None)"
    return subprocess.run([str(python), "-c", probe], env=child_env()).returncode == 0


def prepare_reference(args: argparse.Namespace) -> Path:
    python = make_venv(BENCHES / ".venv-ref", args.python)
    probe = "from importlib.metadata import version; print(version('airbyte-agent-sdk'))"
    found = subprocess.run([str(python), "-c", probe], capture_output=True, text=True)
    if found.stdout.strip() != REFERENCE.split("==")[1]:
        log(f"installing {REFERENCE} into {python.parent.parent}")
        pip(python, REFERENCE)
    return python


# ---------------------------------------------------------------- the fake and the workers


@contextlib.contextmanager
def fake_harvest(python: Path, *extra: str) -> Iterator[dict[str, Any]]:
    """The fake Harvest of this package, in its own process; yields its base URL. On exit its
    request count is added to the yielded dict."""
    command = [str(python), "-m", "airbyte_agent_sdk.connectors.harvest.sandbox"]
    command += ["--time-entries", str(TIME_ENTRIES), "--token", TOKEN, "--account-id", ACCOUNT, *extra]
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=child_env())
    assert process.stdin is not None and process.stdout is not None
    try:
        first_line = process.stdout.readline().split()
        if not first_line:
            raise RuntimeError(f"the fake Harvest did not start: {' '.join(command)}")
        base_url = first_line[0]
        info: dict[str, Any] = {"base_url": base_url}
        yield info
        process.stdin.close()  # asks it to stop
        info.update(json.loads(process.stdout.readline() or "{}"))
        process.wait(timeout=10)
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=10)


def run_worker(python: Path, scenario: str, base_url: str, *extra: str) -> dict[str, Any]:
    command = [str(python), str(BENCHES / "worker.py"), scenario, "--base-url", base_url]
    command += ["--token", TOKEN, "--account-id", ACCOUNT, *extra]
    done = subprocess.run(command, capture_output=True, text=True, env=child_env(), timeout=WORKER_TIMEOUT)
    if done.returncode != 0:
        raise RuntimeError(f"{scenario} in {python} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


# Appended to every measured snippet: the process's own peak RSS, printed as it exits. Not the
# ``ru_maxrss`` that ``wait4`` reports: that survives ``exec``, so a child of this runner starts
# from the runner's own RSS (about 16 MiB, more than a bare interpreter) and would hide
# everything below it. ``VmHWM`` belongs to the process image, which ``exec`` replaces.
HWM_PROBE = (
    "\nwith open('/proc/self/status') as _s:\n    print([l.split()[1] for l in _s if l.startswith('VmHWM:')][0])\n"
)


def spawn_measured(python: Path, code: str) -> tuple[float, int]:
    """Wall seconds (as the parent sees them) and peak RSS (KiB) of a fresh ``python -c code``.
    The probe costs the same few reads in the bare run, so it cancels out of the net figures."""
    argv = [str(python), "-c", code + HWM_PROBE]
    with tempfile.TemporaryFile() as out:
        actions = [(os.POSIX_SPAWN_DUP2, out.fileno(), 1)]
        start = time.perf_counter()
        pid = os.posix_spawn(str(python), argv, child_env(), file_actions=actions)
        _, status, _ = os.wait4(pid, 0)
        wall = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            raise RuntimeError(f"{argv} exited with {os.waitstatus_to_exitcode(status)}")
        out.seek(0)
        return wall, int(out.read().split()[-1])


# ---------------------------------------------------------------- scenarios

Samples = dict[str, list[dict[str, Any]]]  # impl -> one dict per run


def scenario_import(pythons: dict[str, Path], runs: int) -> Samples:
    """Import + construct, and a bare ``python -c pass`` in the same venv, interleaved; the
    first round is a warm-up (page cache, .pyc)."""
    samples: Samples = {impl: [] for impl in pythons}
    for round_ in range(runs + 1):
        for impl, python in pythons.items():
            bare_wall, bare_rss = spawn_measured(python, "pass")
            wall, rss = spawn_measured(python, IMPORT_AND_CONSTRUCT)
            if round_:
                samples[impl].append(
                    {
                        "wall_s": wall - bare_wall,
                        "rss_kib": rss - bare_rss,
                        "bare_wall_s": bare_wall,
                        "bare_rss_kib": bare_rss,
                    }
                )
    return samples


def alternate(pythons: dict[str, Path], repeats: int, scenario: str, base_url: str, *extra: str) -> Samples:
    samples: Samples = {impl: [] for impl in pythons}
    for _ in range(repeats):
        for impl, python in pythons.items():
            samples[impl].append(run_worker(python, scenario, base_url, *extra))
    return samples


def scenario_full_pull(pythons: dict[str, Path], repeats: int, rate: str) -> Samples:
    """A fresh rate-limited fake per run, so every run starts with a full window."""
    samples: Samples = {impl: [] for impl in pythons}
    limit, _, window = rate.partition("/")
    per_second = int(limit) / float(window or "1")
    for _ in range(repeats):
        for impl, python in pythons.items():
            with fake_harvest(pythons["ours"], "--rate-limit", rate) as fake:
                result = run_worker(python, "full_pull", fake["base_url"], "--total", str(TIME_ENTRIES))
            result["floor_s"] = math.ceil(result["pages"] / per_second)
            result["rate"] = rate
            result["requests_at_fake"] = fake.get("requests")
            samples[impl].append(result)
    return samples


# ---------------------------------------------------------------- the table


def values(samples: Samples, impl: str, key: str) -> list[float]:
    return [run[key] for run in samples.get(impl, []) if isinstance(run.get(key), (int, float))]


def spread(xs: list[float], fmt: str) -> str:
    if not xs:
        return "n/a"
    median = statistics.median(xs)
    if len(xs) == 1:
        return format(median, fmt)
    return f"{median:{fmt}} [{min(xs):{fmt}}-{max(xs):{fmt}}]"


def ratio(ours: list[float], ref: list[float]) -> Optional[float]:
    if not ours or not ref or statistics.median(ref) == 0:
        return None
    return statistics.median(ours) / statistics.median(ref)


def pair_spread(ours: list[float], ref: list[float]) -> str:
    """Median ratio and the range of the per-round ratios (runs were interleaved in pairs)."""
    r = ratio(ours, ref)
    if r is None:
        return "n/a"
    pairs = [o / f for o, f in zip(ours, ref) if f]
    if len(pairs) < 2:
        return f"{r:.3f}x"
    return f"{r:.3f}x [{min(pairs):.3f}-{max(pairs):.3f}]"


def verdict(value: Optional[float], target: Optional[float], at_most: bool) -> str:
    if value is None or target is None:
        return ""
    return "met" if (value <= target if at_most else value >= target) else "MISSED"


def target_text(target: Optional[float], at_most: bool, unit: str = "x") -> str:
    if target is None:
        return "info"
    return f"{'<=' if at_most else '>='} {target}{unit}"


def table(results: dict[str, Samples]) -> list[str]:
    rows = [
        "| scenario | metric | ours median [min-max] | reference median [min-max] | ours/ref [range of rounds] "
        "| target | |",
        "|---|---|---|---|---|---|---|",
    ]

    def compare(
        scenario: str, title: str, metric: str, fmt: str, scale: float, target: Optional[float], at_most: bool = True
    ) -> None:
        samples = results.get(scenario, {})
        ours = [v * scale for v in values(samples, "ours", metric)]
        ref = [v * scale for v in values(samples, "reference", metric)]
        rows.append(
            f"| {title} | {spread(ours, fmt)} | {spread(ref, fmt)} | {pair_spread(ours, ref)} "
            f"| {target_text(target, at_most)} | {verdict(ratio(ours, ref), target, at_most)} |"
        )

    if "import" in results:
        compare("import", "1 import+construct | wall ms, net of bare python", "wall_s", ".1f", 1e3, 0.05)
        compare("import", "1 import+construct | peak RSS MiB, net of bare python", "rss_kib", ".1f", 1 / 1024, 0.25)
        compare("import", "1 import+construct | bare `python -c pass`: wall ms", "bare_wall_s", ".1f", 1e3, None)
        compare(
            "import", "1 import+construct | bare `python -c pass`: peak RSS MiB", "bare_rss_kib", ".1f", 1 / 1024, None
        )
    if "big_pages" in results:
        compare("big_pages", "2 big pages | client CPU ms per 2,000-record call", "cpu_per_call_ms", ".1f", 1, 0.35)
        compare(
            "big_pages",
            "2 big pages | of which on the event-loop thread, ms",
            "loop_thread_cpu_per_call_ms",
            ".1f",
            1,
            None,
        )
        compare("big_pages", "2 big pages | records/s", "records_per_s", ",.0f", 1, None)
        rows += floor_rows(results)
    if "tool_call" in results:
        compare(
            "tool_call",
            "2 big pages | through a `tool_utils` tool (refused as too large, with a preview): client CPU ms per call",
            "cpu_per_call_ms",
            ".1f",
            1,
            None,
        )
    if "small_calls" in results:
        compare("small_calls", "3 small calls | calls/s (2,000 gets, 64 in flight)", "calls_per_s", ",.0f", 1, 4, False)
        compare("small_calls", "3 small calls | client CPU us per call", "cpu_per_call_us", ",.0f", 1, 0.1)
        compare(
            "small_calls",
            "3 small calls | of which on the event-loop thread, us",
            "loop_thread_cpu_per_call_us",
            ",.0f",
            1,
            None,
        )
    if "full_pull" in results:
        rows += full_pull_rows(results["full_pull"])
    if "big_pages" in results:
        compare("big_pages", "5 memory | peak RSS MiB after big pages", "peak_rss_kib", ".1f", 1 / 1024, 0.4)
        rows += page_memory_rows(results)
    if "soak" in results:

        def soak(impl: str) -> str:
            runs = results["soak"].get(impl)
            if not runs:
                return "n/a"
            run = runs[0]
            bound = "" if run["complete"] else " (time bound reached)"
            return (
                f"{run['calls']:,} gets{bound}, {run['calls_per_s']:,.0f}/s: RSS {run['rss_before_kib'] / 1024:.1f}"
                f" -> {run['rss_after_kib'] / 1024:.1f} MiB"
            )

        rows.append(f"| 5 memory | soak: RSS before and after | {soak('ours')} | {soak('reference')} | | info | |")
    return rows


def page_memory_rows(results: dict[str, Samples]) -> list[str]:
    """Peak RSS of scenario 2 over its floor: the same process set-up holding one parsed page
    and its bytes (``page_memory``: the builder alone on bytes fetched once). The target is
    at most 5 MiB over that floor."""
    floor = values(results.get("page_memory", {}), "ours", "peak_rss_kib")
    ours = values(results["big_pages"], "ours", "peak_rss_kib")
    if not floor or not ours:
        return []
    over = [(a - b) / 1024 for a, b in zip(ours, floor)]
    median_over = (statistics.median(ours) - statistics.median(floor)) / 1024
    return [
        f"| 5 memory | peak RSS after 20 big pages over one parsed page and its bytes (`page_memory`), MiB "
        f"| +{median_over:.1f} [rounds {min(over):+.1f} to {max(over):+.1f}] "
        f"| floor: {spread([f / 1024 for f in floor], '.1f')} MiB | | <= +5 MiB "
        f"| {verdict(median_over, 5, True)} |"
    ]


def floor_rows(results: dict[str, Samples]) -> list[str]:
    """Our whole list call against parsing the same page's bytes alone: with orjson (the
    target), json, and our own builder (``_native.parse_json``, the part a call runs on the
    event loop)."""
    floor = results.get("json_floor", {}).get("ours", [])
    ours = values(results["big_pages"], "ours", "cpu_per_call_ms")
    if not floor or not ours:
        return []
    call = statistics.median(ours)
    size = statistics.median(run["bytes"] for run in floor) / 1e6
    orjson_ms = values(results["json_floor"], "ours", "orjson_loads_ms")
    rows = []
    for key, name, target in (
        ("orjson_loads_ms", "orjson.loads", 1.2),
        ("json_loads_ms", "json.loads", None),
    ):
        page = values(results["json_floor"], "ours", key)
        if page:
            r = call / statistics.median(page)
            rows.append(
                f"| 2 big pages | ours CPU per call / `{name}` of the same {size:.2f} MB page | {call:.1f} ms "
                f"| {name}: {spread(page, '.1f')} ms | {r:.2f}x | {target_text(target, True)} "
                f"| {verdict(r, target, True)} |"
            )
    builder = values(results["json_floor"], "ours", "builder_ms")
    if builder and orjson_ms:
        r = statistics.median(builder) / statistics.median(orjson_ms)
        rows.append(
            f"| 2 big pages | our JSON-to-Python builder alone (`_native.parse_json`) / `orjson.loads` "
            f"| {spread(builder, '.1f')} ms | orjson.loads: {spread(orjson_ms, '.1f')} ms | {r:.2f}x | info | |"
        )
    return rows


def full_pull_rows(pull: Samples) -> list[str]:
    """Wall time against the rate-limit floor, and the 429s the caller saw; a client that
    cannot page (or a build without ``limit``) is reported as such."""
    first = next(iter(pull.values()))[0]

    def cell(impl: str, show: Any) -> str:
        runs = pull.get(impl, [])
        if runs and all(run["status"] == "ok" for run in runs):
            return show(runs)
        return "; ".join(sorted({f"{run['status']} ({run['records']:,} records)" for run in runs})) or "n/a"

    def walls(runs: list[dict[str, Any]]) -> str:
        return spread([run["wall_s"] for run in runs], ".2f")

    def four29s(runs: list[dict[str, Any]]) -> str:
        retried = [run["requests_at_fake"] - run["pages_fetched"] for run in runs if run.get("requests_at_fake")]
        return f"{sum(run['surfaced_429'] for run in runs)} surfaced, {spread(retried, '.0f')} retried"

    ours = pull.get("ours", [])
    ok = bool(ours) and all(run["status"] == "ok" for run in ours)
    r = statistics.median(run["wall_s"] for run in ours) / first["floor_s"] if ok else None
    surfaced = sum(run["surfaced_429"] for run in ours)
    title = f"{TIME_ENTRIES:,} records, {first['pages']} pages at {first['rate']} requests/s"
    return [
        f"| 4 full pull | wall s, {title} (floor {first['floor_s']} s) | {cell('ours', walls)} "
        f"| {cell('reference', walls)} | {'n/a' if r is None else f'{r:.2f}x floor'} | <= 1.1x floor "
        f"| {verdict(r, 1.1, True)} |",
        f"| 4 full pull | 429s surfaced to the caller (retried inside) | {cell('ours', four29s)} "
        f"| {cell('reference', four29s)} | | 0 | {verdict(surfaced, 0, True) if ok else ''} |",
    ]


def describe_source(source: Path) -> str:
    """The commit the wheel was built from (and whether the tree had changes), if it is a repo."""
    done = subprocess.run(["git", "-C", str(source), "describe", "--always", "--dirty"], capture_output=True, text=True)
    return f"commit {done.stdout.strip()}" if done.returncode == 0 else str(source)


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    mem = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024**2:.0f} GiB RAM"
    python = platform.python_version()
    return f"{platform.node() or 'host'}: {os.cpu_count()} x {cpu}{mem}, {platform.platform()}, Python {python}"


def update_results_md(text: str) -> None:
    path = BENCHES / "RESULTS.md"
    begin, end = "<!-- table:begin -->", "<!-- table:end -->"
    old = path.read_text() if path.exists() else f"# Benchmark results\n\n{begin}\n{end}\n"
    head, _, rest = old.partition(begin)
    _, _, tail = rest.partition(end)
    path.write_text(f"{head}{begin}\n{text}\n{end}{tail}")
    log(f"updated {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--python", default=sys.executable, help="interpreter for both virtualenvs")
    parser.add_argument("--source", type=Path, default=BENCHES.parent, help="tree to build the wheel from")
    parser.add_argument("--no-build", action="store_true", help="reuse the wheel already in .venv-ours")
    parser.add_argument("--repeats", type=int, default=5, help="runs of scenarios 2 and 3 per client")
    parser.add_argument("--import-runs", type=int, default=7, help="runs of scenario 1 after the warm-up")
    parser.add_argument("--full-pull-rate", default="20/1", help="the fake's limit for scenario 4, N/SECONDS")
    parser.add_argument("--full-pull-repeats", type=int, default=3)
    parser.add_argument("--skip-soak", action="store_true")
    parser.add_argument("--soak-calls", type=int, default=100_000)
    parser.add_argument("--soak-seconds", type=float, default=120, help="time bound per client")
    parser.add_argument(
        "--only", nargs="*", choices=SCENARIOS, help="scenarios to run (default: all): " + " ".join(SCENARIOS)
    )
    parser.add_argument("--update-results", action="store_true", help="write the table into benches/RESULTS.md")
    args = parser.parse_args()
    only = set(args.only or SCENARIOS)
    if args.skip_soak:
        only.discard("soak")

    WORK.mkdir(exist_ok=True)
    shutil.rmtree(WORK / "home", ignore_errors=True)
    (WORK / "home").mkdir()
    pythons = {"ours": prepare_ours(args), "reference": prepare_reference(args)}
    source = describe_source(args.source)
    started, load_before = datetime.datetime.now(), os.getloadavg()
    results: dict[str, Samples] = {}

    if "import" in only:
        log(f"1 import + construct: {args.import_runs} runs after a warm-up")
        results["import"] = scenario_import(pythons, args.import_runs)
    with fake_harvest(pythons["ours"]) as fake:
        url = fake["base_url"]
        if "big_pages" in only:
            log(f"2 big pages: {args.repeats} x 20 calls of 2,000 records per client")
            results["big_pages"] = alternate(pythons, args.repeats, "big_pages", url, "--calls", "20")
            floor = {"ours": pythons["ours"]}
            results["json_floor"] = alternate(floor, args.repeats, "json_floor", url, "--calls", "30")
            results["page_memory"] = alternate(floor, args.repeats, "page_memory", url, "--calls", "20")
            log(f"2 big pages through a tool: {args.repeats} x 10 tool_utils calls per client")
            results["tool_call"] = alternate(pythons, args.repeats, "tool_call", url, "--calls", "10")
        if "small_calls" in only:
            log(f"3 small calls: {args.repeats} x 2,000 gets, 64 in flight, per client")
            results["small_calls"] = alternate(pythons, args.repeats, "small_calls", url, "--calls", "2000")
        if "soak" in only:
            log(f"5 soak: {args.soak_calls:,} gets per client, at most {args.soak_seconds:.0f} s each")
            extra = ("--calls", str(args.soak_calls), "--seconds", str(args.soak_seconds))
            results["soak"] = alternate(pythons, 1, "soak", url, *extra)
    if "full_pull" in only:
        log(f"4 full pull: {TIME_ENTRIES:,} records at {args.full_pull_rate} requests/s, {args.full_pull_repeats} runs")
        results["full_pull"] = scenario_full_pull(pythons, args.full_pull_repeats, args.full_pull_rate)

    load_after = os.getloadavg()
    header = [
        f"Run {started:%Y-%m-%d %H:%M} ({(datetime.datetime.now() - started).total_seconds():.0f} s), {machine()}.",
        f"Ours built from {source}. Load average (1 min) {load_before[0]:.2f} before, {load_after[0]:.2f} after; "
        f"medians of {args.repeats} interleaved runs (import: {args.import_runs}).",
        "",
    ]
    text = "\n".join(header + table(results))
    print(text)
    stamp = f"{started:%Y%m%d-%H%M%S}"
    (WORK / f"results-{stamp}.json").write_text(json.dumps(results, indent=1))
    (WORK / f"results-{stamp}.md").write_text(text + "\n")
    log(f"raw results in {WORK / f'results-{stamp}.json'}")
    if args.update_results:
        update_results_md(text)


if __name__ == "__main__":
    main()
