"""Every checkpoint leaves the audit database: an append-only file, an e-mail to the FG through a
real SMTP server process, and a POST to a webhook served by a real HTTP server."""

import io
import json
import mailbox
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.management import CommandError, call_command

from weerbaar.audit import keys
from weerbaar.audit.checkpoints import checkpoint_create
from weerbaar.audit.models import SignedCheckpoint
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.witnesses import read_witness

from .conftest import append

pytestmark = pytest.mark.django_db


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def webhook():
    """A small HTTP server in a thread of the test: it keeps what it is posted."""
    received: list[dict] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            body = self.rfile.read(int(self.headers["Content-Length"]))
            received.append({"type": self.headers["Content-Type"], "json": json.loads(body)})
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/checkpoints", received
    server.shutdown()
    server.server_close()


def test_a_checkpoint_goes_to_the_file_the_fg_and_the_webhook(witness, smtp_server, webhook, settings):
    url, received = webhook
    settings.WEERBAAR_AUDIT_WITNESS_EMAIL = ["fg@provincie.example"]
    settings.WEERBAAR_AUDIT_WITNESS_WEBHOOK = url
    append(30)
    checkpoint, results = checkpoint_create(force=True)
    assert [(r.witness, r.ok) for r in results] == [("file", True), ("mail", True), ("webhook", True)]

    (line,) = witness.read_text().splitlines()
    record = json.loads(line)
    assert record["size"] == 30 and record["note"] == checkpoint.note
    assert record["fingerprint"] == keys.verifier_key().fingerprint  # the witness names the key

    (message,) = mailbox.Maildir(str(smtp_server), create=False)
    assert message["To"] == "fg@provincie.example"
    assert "checkpoint van 30 regels" in message["Subject"]
    # a saved e-mail is itself a witness file
    saved = witness.parent / "mail.eml"
    saved.write_bytes(message.as_bytes())
    assert [w.note for w in read_witness(saved)] == [checkpoint.note]

    (posted,) = received
    assert posted["type"] == "application/json" and posted["json"]["note"] == checkpoint.note


def test_a_failing_witness_never_stops_an_audit_write(witness, settings, django_capture_on_commit_callbacks):
    """The webhook is down: the entries and the checkpoint are stored, the file still gets it."""
    settings.WEERBAAR_AUDIT_WITNESS_WEBHOOK = f"http://127.0.0.1:{_free_port()}/down"
    with django_capture_on_commit_callbacks(using=AUDIT_DB, execute=True):
        append(10)
    assert SignedCheckpoint.objects.using(AUDIT_DB).filter(tree_size=10).exists()
    assert len(witness.read_text().splitlines()) == 1
    with pytest.raises(CommandError, match=r"witness.*failed: webhook"):
        call_command("audit_checkpoint", "--force", stdout=io.StringIO())


def test_checkpoints_come_every_n_entries_and_are_written_after_the_commit(
    witness, settings, django_capture_on_commit_callbacks
):
    settings.WEERBAAR_AUDIT_CHECKPOINT_ENTRIES = 100
    with django_capture_on_commit_callbacks(using=AUDIT_DB, execute=False) as callbacks:
        append(250, batch=50)
    sizes = list(SignedCheckpoint.objects.using(AUDIT_DB).values_list("tree_size", flat=True))
    assert sizes == [50, 150, 250]  # the first append, then every 100
    assert not witness.exists()  # nothing leaves before the audit transaction commits
    for callback in callbacks:
        callback()
    assert [json.loads(line)["size"] for line in witness.read_text().splitlines()] == [50, 150, 250]


def test_checkpoints_come_after_t_seconds_with_new_entries(witness, settings):
    import time_machine

    settings.WEERBAAR_AUDIT_CHECKPOINT_ENTRIES = 1000
    settings.WEERBAAR_AUDIT_CHECKPOINT_SECONDS = 600
    append(5)
    append(5)
    assert list(SignedCheckpoint.objects.using(AUDIT_DB).values_list("tree_size", flat=True)) == [5]
    with time_machine.travel(time.time() + 601):
        append(5)
    assert list(SignedCheckpoint.objects.using(AUDIT_DB).values_list("tree_size", flat=True)) == [5, 15]
