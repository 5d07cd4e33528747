"""Fixtures of the beschikkingen tests: a real callback receiver process, the seeded channel."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

RECEIVER = Path(__file__).with_name("receiver.py")


@dataclass
class Receiver:
    url: str
    log: Path

    def requests(self) -> list[dict]:
        if not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture
def callback_receiver(tmp_path):
    """An HTTP server in its own process recording every POST to a file (see receiver.py)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    log = tmp_path / "received.jsonl"
    process = subprocess.Popen(
        [sys.executable, str(RECEIVER), str(port), str(log)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            break
        except OSError:
            time.sleep(0.05)
    yield Receiver(f"http://127.0.0.1:{port}", log)
    process.terminate()
    process.wait(timeout=10)
