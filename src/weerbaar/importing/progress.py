"""Progress of an import, the same for the command line and for a job a web page follows.

An import reports `progress(phase, done, total)` (total 0 when unknown) as it goes; the
command line draws it with tqdm (`cli_progress`), a job writes it where its page polls.
"""

from __future__ import annotations

import inspect
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol

#: the phases of an import, as the progress bars name them
READING = "lezen"
CHECKING = "controleren"
STORING = "opslaan"


class Progress(Protocol):
    def __call__(self, phase: str, done: int, total: int, /) -> None: ...


def as_progress(callback: Callable[..., Any] | None) -> Progress | None:
    """A Progress from a callback; one of the older `(done, total)` form (which only ever heard
    how far the storing was) gets the storing phase's calls."""
    if callback is None:
        return None
    try:
        parameters = inspect.signature(callback).parameters.values()
    except (TypeError, ValueError):
        return callback
    positional = [p for p in parameters if p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)]
    if len(positional) == 2 and not any(p.kind == p.VAR_POSITIONAL for p in parameters):
        return lambda phase, done, total: callback(done, total) if phase == STORING else None
    return callback


def throttled(progress: Progress, seconds: float) -> Progress:
    """`progress`, called at most once per `seconds` (and always when a phase starts or ends)."""
    last: dict[str, float] = {}

    def report(phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if phase in last and now - last[phase] < seconds and done != total:
            return
        last[phase] = now
        progress(phase, done, total)

    return report


@contextmanager
def cli_progress(*, quiet: bool = False, unit: str = "rij") -> Iterator[Progress]:
    """A tqdm bar per phase on the terminal (none when `quiet`); the bars close at the end."""
    from tqdm import tqdm

    bars: dict[str, Any] = {}

    def progress(phase: str, done: int, total: int) -> None:
        bar = bars.get(phase)
        if bar is None:
            bar = bars[phase] = tqdm(total=total or None, desc=phase, unit=unit, disable=quiet)
        if total and bar.total != total:
            bar.total = total
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        for bar in bars.values():
            bar.close()
