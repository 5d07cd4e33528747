"""The live server the browser tests talk to: many requests at once leave the test's database whole."""

from concurrent.futures import ThreadPoolExecutor
from urllib.request import Request, urlopen

from django.conf import settings
from django.db import connections
from django.test import Client

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.selectors import chain_entries, chain_head, stored_checkpoints
from weerbaar.audit.verification import verify_log
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user


def test_concurrent_audited_requests_leave_the_database_and_the_audit_chain_whole(live_server, region):
    """As a map page does, forty audited requests arrive at once. On SpatiaLite they share the
    test's in-memory connection: served side by side, two `atomic` blocks released each other's
    savepoints and left the connection broken for every later test in the worker (CI, 89 errors),
    and two appends to the audit chain could start from the same head. Every answer is 200, the
    connection is usable afterwards and the chain verifies with one entry per request."""
    from weerbaar.parken.demo import load_parks

    park = load_parks(count=1)[0]
    client = Client()
    login_verified(client, make_user(Role.PROVINCIAAL_ADVISEUR, "PV23", username="live-server-adviseur"))
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    before = AuditEntry.objects.using(AUDIT_DB).count()

    def fetch(_):
        with urlopen(
            Request(f"{live_server.url}/parken/{park.pk}", headers={"Cookie": cookie}), timeout=60
        ) as r:
            return r.status

    with ThreadPoolExecutor(max_workers=12) as pool:
        statuses = list(pool.map(fetch, range(40)))

    assert statuses == [200] * 40
    for alias in ("default", AUDIT_DB):
        assert not connections[alias].needs_rollback and not connections[alias].in_atomic_block
    assert AuditEntry.objects.using(AUDIT_DB).count() >= before + 40
    report = verify_log(entries=chain_entries(), head=chain_head(), stored=stored_checkpoints())
    assert report.intact, report.problems
