"""Which worker holds a job, and whether that worker process still exists.

A worker is named "host:pid:start", where start is the process's start time in clock ticks
since boot (Linux /proc). The start time tells a worker that died from an unrelated process
that was later given the same pid.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path


def _process_start(pid: int) -> str | None:
    """The process's start time since boot, or None when no such (living) process exists.

    "" where /proc is not available. A zombie (exited, not yet collected by its parent) counts
    as gone.
    """
    stat = Path(f"/proc/{pid}/stat")
    if not Path("/proc/self/stat").exists():
        return "" if _signalable(pid) else None
    try:
        text = stat.read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # the command name may contain spaces and ')'
    if fields[0] in {"Z", "X"}:
        return None
    return fields[19]


def _signalable(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def this_worker() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_process_start(pid) or ''}"


def worker_alive(worker: str) -> bool | None:
    """True or False for a worker on this host; None when it runs elsewhere (cannot be checked)."""
    try:
        host, pid, start = worker.rsplit(":", 2)
        number = int(pid)
    except ValueError:
        return None
    if host != socket.gethostname():
        return None
    current = _process_start(number)
    if current is None:
        return False
    return current == start if start and current else True
