"""Hardening (issue 17, item 6): request limits answered as problem+json, refusals logged
without tracebacks, and the server as `make run` starts it sends no Server header."""

import logging
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import override_settings

from weerbaar.core.logging import NoTracebackForClientErrors


@override_settings(WEERBAAR_MAX_URL_LENGTH=200)
def test_an_over_long_query_is_a_problem_json_414(client, db):
    response = client.get("/api/v1/personen", {"naam": "x" * 300})
    assert response.status_code == 414 and response["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == 414
    page = client.get("/kaart/", {"q": "x" * 300})
    assert page.status_code == 414 and "te lang" in page.content.decode()


@override_settings(WEERBAAR_MAX_BODY_BYTES=1000)
def test_an_over_large_body_is_refused_before_any_view(client, db):
    response = client.post("/api/v1/signalen", data="x" * 2000, content_type="application/json")
    assert response.status_code == 413 and response.json()["title"] == "Verzoek te groot"


def test_client_errors_are_one_log_line_server_errors_keep_their_traceback():
    keep = NoTracebackForClientErrors()
    try:
        raise PermissionDenied("nope")
    except PermissionDenied:
        refused = logging.LogRecord("django.request", logging.WARNING, "", 0, "Forbidden", (), sys.exc_info())
        crashed = logging.LogRecord("django.request", logging.ERROR, "", 0, "Error", (), sys.exc_info())
    refused.status_code, crashed.status_code = 403, 500
    assert keep.filter(refused) and refused.exc_info is None
    assert keep.filter(crashed) and crashed.exc_info is not None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_gunicorn_as_make_run_starts_it_sends_no_server_header(tmp_path):
    """The real server process with the project's gunicorn settings (gunicorn_conf)."""
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "weerbaar.settings.local",
        "WEERBAAR_VAR_DIR": str(tmp_path),
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    server = subprocess.Popen(
        [
            str(gunicorn),
            "weerbaar.wsgi",
            "-c",
            "python:weerbaar.gunicorn_conf",
            "--bind",
            f"127.0.0.1:{port}",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(100):
            try:
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            pytest.fail("gunicorn did not start")
        assert response.status == 200 and response.headers.get("Server") is None
        head = urllib.request.urlopen(
            urllib.request.Request(f"http://127.0.0.1:{port}/health", method="HEAD")
        )
        assert head.status == 200 and head.headers.get("Server") is None
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/personen?naam={'x' * 5000}", timeout=5)
        assert (
            refused.value.code == 414 and refused.value.headers["Content-Type"] == "application/problem+json"
        )
    finally:
        server.terminate()
        server.wait(timeout=10)


@pytest.mark.parametrize("path", ["/", "/api/v1/openapi.json", "/ogc/v1/collections", "/kaart/"])
def test_head_is_answered_wherever_get_is(client, db, path):
    get, head = client.get(path), client.head(path)
    assert head.status_code == get.status_code == 200
    assert head.content == b"" and int(head["Content-Length"]) == len(get.content)
    assert head["Content-Type"] == get["Content-Type"]
