"""Fixtures shared by the whole suite."""

import os
import re
import threading
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same test are
# still synchronous, so Django's async-safety guard is relaxed for tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """The audit log has its own connection: every database test may use both databases."""
    db_fixtures = {"db", "transactional_db", "live_server"}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        if marker is None and not fixtures & db_fixtures:
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if "databases" in kwargs:
            continue
        if fixtures & {"transactional_db", "live_server"}:
            kwargs["transaction"] = True
        kwargs["databases"] = "__all__"
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture(scope="session", autouse=True)
def personal_data_guard():
    """The whole suite runs with the guard: a query on a personal-data table outside an audited
    read or the platform's own processing fails the test (see weerbaar.core.guard)."""
    from django.db import connections
    from django.db.backends.signals import connection_created

    from weerbaar.core.guard import PersonalDataGuard

    guard = PersonalDataGuard()

    def install(sender, connection, **kwargs):
        if guard not in connection.execute_wrappers:
            connection.execute_wrappers.append(guard)

    connection_created.connect(install, weak=False)
    for alias in connections:
        install(None, connections[alias])
    yield guard
    connection_created.disconnect(install)


@pytest.fixture(autouse=True)
def _no_unaudited_reads(personal_data_guard):
    """Fails a test whose code read personal data outside the audit layer, also where the error
    itself was caught and swallowed by the code under test."""
    before = len(personal_data_guard.violations)
    yield
    new = personal_data_guard.violations[before:]
    assert not new, "\n".join(str(v) for v in new)


@pytest.fixture(autouse=True)
def _default_language():
    """Every test starts in the default language (Dutch) and leaves none behind: a request through
    LocaleMiddleware or an `override` left open activates a language for the whole thread."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _needs_db_feature(request):
    """`@pytest.mark.needs_db_feature("flag", ...)`: skip unless the default connection has every flag,
    as Django's skipUnlessDBFeature (Weerbaar's flags: weerbaar.core.db.features)."""
    marker = request.node.get_closest_marker("needs_db_feature")
    if marker is None:
        return
    if not marker.args:
        pytest.fail("needs_db_feature: name at least one database feature", pytrace=False)
    from django.db import connection

    # a flag may ask the database itself: ask the test database, not the configured one
    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        unknown = [flag for flag in marker.args if not hasattr(connection.features, flag)]
        if unknown:
            pytest.fail(f"needs_db_feature: no database feature {', '.join(unknown)}", pytrace=False)
        missing = [flag for flag in marker.args if not getattr(connection.features, flag)]
    if missing:
        engine = connection.settings_dict["ENGINE"]
        pytest.skip(f"needs database feature {', '.join(missing)}; the default database ({engine}) lacks it")


@pytest.fixture
def region(db):
    """The shipped region (Overijssel): 25 municipalities, the province, partners and grants."""
    from django.conf import settings

    from weerbaar.organisations.region_loader import load_region
    from weerbaar.privacy.services import register_load

    register_load()
    return load_region(settings.DATA_DIR / "regions" / "overijssel" / "region.yaml")


# --- Browser: one headless Debian Chromium for the whole session (Playwright, no download) ---------

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser():
    """The suite's only Playwright instance: a second sync_playwright() in one thread would fail."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


# --- The live server: one request at a time on the test's in-memory database -------------------


class SERVING:
    """On SpatiaLite the test database is in memory, so Django's live server hands the test's own
    connection to every request thread. A map page fires dozens of requests at once; two of them in
    `transaction.atomic` on one connection release each other's savepoints, and the connection is
    left broken for every later test in the worker. Requests therefore reach Django one at a time;
    the server still accepts connections in threads, so a kept-alive idle connection blocks nobody."""

    lock = threading.RLock()
    #: False from a browser test's end to the next test's start: a closed page's late requests get
    #: 503 instead of reading the database while the test's tables are flushed
    open = True


def _serialise(application):
    def serialised(environ, start_response):
        with SERVING.lock:
            if not SERVING.open:
                start_response("503 Service Unavailable", [("Content-Type", "text/plain")])
                return [b"the browser context that sent this request has closed"]
            body = application(environ, start_response)
            try:
                return [b"".join(body)]  # read the whole answer (also a streamed one) under the lock
            finally:
                if hasattr(body, "close"):
                    body.close()  # request_finished: Django's own end-of-request work, still under it

    return serialised


@pytest.fixture(autouse=True)
def _live_server_open():
    """Every test starts with a live server that answers (a browser test's end closes it)."""
    with SERVING.lock:
        SERVING.open = True


@pytest.fixture(scope="session", autouse=True)
def _live_server_serves_one_request_at_a_time():
    from django.core.servers.basehttp import ThreadedWSGIServer
    from django.test.testcases import LiveServerThread

    class SerialisedWSGIServer(ThreadedWSGIServer):
        def set_app(self, application):
            super().set_app(_serialise(application))

    original = LiveServerThread.server_class
    LiveServerThread.server_class = SerialisedWSGIServer
    yield
    LiveServerThread.server_class = original


@pytest.fixture
def browser_context(browser, live_server):
    """Opens browser contexts on the live server: `browser_context(bypass_csp=False)` for a test that
    must see the page's own CSP at work. After the test every context is closed; a request a closed
    page left in flight ends before the test's database is flushed, and one still on its way (sent,
    not yet at Django) is turned away, since it would read while the tables are emptied."""
    opened = []

    def open_context(*, bypass_csp=False):
        context = browser.new_context(base_url=live_server.url, bypass_csp=bypass_csp, locale="nl-NL")
        context.set_default_timeout(15000)
        opened.append(context)
        return context

    yield open_context
    for context in opened:
        context.close()
    with SERVING.lock:
        SERVING.open = False


@pytest.fixture
def context(browser_context):
    # axe-core is injected as a script: the page's own CSP (no inline script) is bypassed in tests only.
    return browser_context(bypass_csp=True)


#: where browser tests leave a screenshot of the last page each test saw (to look at, not to compare)
SCREENSHOTS = Path(__file__).resolve().parent / "var" / "screenshots"


@pytest.fixture
def page(context, request):
    """A page of the test's own browser context; after the test, a full-page screenshot of where it
    ended is written to var/screenshots/<test id>.png."""
    page = context.new_page()
    yield page
    if page.url.startswith("http"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.nodeid.split("::", 1)[-1])[:150]
        try:
            page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
        except Exception as exc:  # a failed screenshot never fails the test
            print(f"no screenshot of {request.node.nodeid}: {exc}")


# --- Single sign-on: a real OpenID Provider process (oidc-provider from npm, tests/oidc/) ----------

OIDC_CLIENT_ID = "weerbaar-test"
OIDC_CALLBACK_PATH = "/accounts/inloggen/sso/terug"


class OidcProvider:
    """A running `tests/oidc/provider.mjs`: its issuer, its one client, and its private signing
    keys (so a test can craft a token as the provider would sign it)."""

    def __init__(self, issuer: str, client_secret: str, jwks: dict) -> None:
        self.issuer = issuer
        self.client_id = OIDC_CLIENT_ID
        self.client_secret = client_secret
        self.jwks = jwks

    def settings(self) -> dict:
        """The platform's settings for single sign-on with this provider."""
        return {
            "WEERBAAR_OIDC_ISSUER": self.issuer,
            "WEERBAAR_OIDC_CLIENT_ID": self.client_id,
            "WEERBAAR_OIDC_CLIENT_SECRET": self.client_secret,
            "WEERBAAR_OIDC_SCOPES": "openid profile email organisatie",
            "WEERBAAR_OIDC_ORGANISATION_CLAIM": "organisatie",
            "WEERBAAR_OIDC_PROVIDER_NAME": "Testprovider",
        }


def _start_oidc_provider(workdir, redirect_uris: list[str]):
    """Start the provider on a free loopback port; wait for its discovery document."""
    import json
    import secrets
    import shutil
    import subprocess
    import time
    from pathlib import Path

    import jwt
    import requests
    from cryptography.hazmat.primitives.asymmetric import rsa

    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed (make install)", pytrace=False)
    root = Path(__file__).resolve().parent
    if not (root / "node_modules" / "oidc-provider").exists():
        pytest.fail("oidc-provider is not installed (make install runs npm ci)", pytrace=False)
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    jwk = {
        **jwt.algorithms.RSAAlgorithm.to_jwk(key, as_dict=True),
        "kid": "test-1",
        "use": "sig",
        "alg": "RS256",
    }
    jwks = {"keys": [jwk]}
    (workdir / "jwks.json").write_text(json.dumps(jwks))
    client_secret = secrets.token_urlsafe(24)
    env = {
        "PATH": os.environ.get("PATH", ""),
        "OIDC_TEST_CLIENT_ID": OIDC_CLIENT_ID,
        "OIDC_TEST_CLIENT_SECRET": client_secret,
        "OIDC_TEST_REDIRECT_URIS": ",".join(redirect_uris),
        "OIDC_TEST_JWKS": str(workdir / "jwks.json"),
    }
    out, err = workdir / "stdout.log", workdir / "stderr.log"
    with out.open("wb") as stdout, err.open("wb") as stderr:
        process = subprocess.Popen(
            [node, str(root / "tests" / "oidc" / "provider.mjs")],
            cwd=root,
            env=env,
            stdout=stdout,
            stderr=stderr,
        )
    try:
        deadline = time.monotonic() + 30
        issuer = None
        while time.monotonic() < deadline and process.poll() is None:
            line = out.read_text().partition("\n")
            if line[1]:
                issuer = json.loads(line[0])["issuer"]
                try:
                    if requests.get(f"{issuer}/.well-known/openid-configuration", timeout=2).ok:
                        break
                except requests.ConnectionError:
                    pass
            time.sleep(0.1)
        else:
            pytest.fail(f"the OpenID provider did not start: {err.read_text()[-2000:]}", pytrace=False)
        yield OidcProvider(issuer, client_secret, jwks)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """A real OpenID Provider for the Django test client (redirects to http://testserver)."""
    yield from _start_oidc_provider(
        tmp_path_factory.mktemp("oidc"), [f"http://testserver{OIDC_CALLBACK_PATH}"]
    )


@pytest.fixture(scope="session")
def oidc_provider_live(tmp_path_factory, live_server):
    """A real OpenID Provider for the browser tests (redirects to the live server)."""
    yield from _start_oidc_provider(
        tmp_path_factory.mktemp("oidc-live"), [f"{live_server.url}{OIDC_CALLBACK_PATH}"]
    )


def _single_sign_on_with(settings, provider):
    from weerbaar.accounts.oidc import forget_provider_metadata

    for name, value in provider.settings().items():
        setattr(settings, name, value)
    forget_provider_metadata()
    return provider


@pytest.fixture
def single_sign_on(settings, oidc_provider):
    """Single sign-on switched on against `oidc_provider` for this test."""
    yield _single_sign_on_with(settings, oidc_provider)
    from weerbaar.accounts.oidc import forget_provider_metadata

    forget_provider_metadata()


@pytest.fixture
def single_sign_on_live(settings, oidc_provider_live):
    """Single sign-on switched on against `oidc_provider_live` for this (browser) test."""
    yield _single_sign_on_with(settings, oidc_provider_live)
    from weerbaar.accounts.oidc import forget_provider_metadata

    forget_provider_metadata()


# --- Mail: a real SMTP server process (aiosmtpd) delivering into a Maildir ----------------------


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def smtp_server(tmp_path, settings):
    """aiosmtpd in its own process, delivering into a Maildir (yielded); Django sends to it."""
    import socket
    import subprocess
    import sys
    import time

    port = free_port()
    maildir = tmp_path / "maildir"
    command = [sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [*command, "-c", "aiosmtpd.handlers.Mailbox", str(maildir)],
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
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    yield maildir
    process.terminate()
    process.wait(timeout=10)
