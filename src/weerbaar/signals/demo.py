"""Demo signals: none are loaded; the demo accounts register their own (idempotent no-op)."""

from typing import TextIO


def load_demo_signals(stdout: TextIO) -> None:
    stdout.write("signals: geen demosignalen; registreer een signaal als demo-gemeente\n")
