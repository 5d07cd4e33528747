"""Fixtures of the audit tests: a witness file of the test's own, a log of entries with its
checkpoints written to the witness, and what an attacker with database access does."""

from __future__ import annotations

import pytest
from django.db import connections

from weerbaar.audit.chain import entry_hash
from weerbaar.audit.checkpoints import checkpoint_create
from weerbaar.audit.leaves import CHAINED_FIELDS, leaf_hash_of
from weerbaar.audit.models import AuditEntry, ChainHead, SignedCheckpoint
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.services import audit_entries, entry_fields
from weerbaar.core.context import legacy_context


@pytest.fixture
def witness(tmp_path, settings):
    """The witness file of this test (outside its database)."""
    path = tmp_path / "audit-witness" / "checkpoints.log"
    settings.WEERBAAR_AUDIT_WITNESS_FILE = str(path)
    return path


def append(n: int, *, start: int = 0, batch: int = 50) -> None:
    ctx = legacy_context(None, None)
    for first in range(start, start + n, batch):
        audit_entries(
            [
                entry_fields(
                    ctx=ctx,
                    action="view",
                    object_type="registers.persoon",
                    object_id=f"P{i}",
                    data_subject_id=f"persoon-{i}",
                    processing_activity="signaalverrijking",
                    detail={"i": i},
                )
                for i in range(first, min(first + batch, start + n))
            ]
        )


@pytest.fixture
def log_of_700(witness, settings, django_capture_on_commit_callbacks):
    """700 entries, a checkpoint every 100 (each also in the witness file) and one at 700."""
    settings.WEERBAAR_AUDIT_CHECKPOINT_ENTRIES = 100
    with django_capture_on_commit_callbacks(using=AUDIT_DB, execute=True):
        append(700)
    checkpoint_create()
    assert SignedCheckpoint.objects.using(AUDIT_DB).filter(tree_size=700).exists()
    return list(AuditEntry.objects.using(AUDIT_DB).order_by("leaf_index"))


# --- the attacker (database access; sometimes the HMAC key, sometimes a key of their own) ------------


def drop_append_only_triggers() -> None:
    """What an attacker with DDL rights on the database does first."""
    with connections[AUDIT_DB].cursor() as cursor:
        if connections[AUDIT_DB].features.triggers_call_functions:
            cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
            cursor.execute("DROP TRIGGER audit_checkpoint_append_only ON audit_signedcheckpoint")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")
            cursor.execute("DROP TRIGGER audit_checkpoint_no_update")


def execute(sql: str, params: list | None = None) -> None:
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute(sql, params or [])


def fix_head_to_last_entry() -> None:
    """Make the chain head agree with whatever entries are left."""
    last = AuditEntry.objects.using(AUDIT_DB).order_by("-leaf_index").first()
    ChainHead.objects.using(AUDIT_DB).filter(pk=1).update(
        count=last.leaf_index + 1 if last else 0, last_hash=last.hash if last else "0" * 64
    )


def rewrite_from(position: int, change: dict) -> None:
    """Change the entry at `position` and recompute every leaf and HMAC after it with the HMAC key,
    as an attacker who stole that key would: the chain and the leaves are consistent again."""
    entries = list(AuditEntry.objects.using(AUDIT_DB).filter(leaf_index__gte=position).order_by("leaf_index"))
    previous = entries[0].previous_hash
    for entry in entries:
        fields = {name: getattr(entry, name) for name in CHAINED_FIELDS}
        if entry.leaf_index == position:
            fields.update(change)
        digest = entry_hash(fields, previous)
        execute(
            "UPDATE audit_auditentry SET object_id = %s, hash = %s, previous_hash = %s, leaf_hash = %s WHERE id = %s",
            [fields["object_id"], digest, previous, leaf_hash_of(fields).hex(), entry.pk],
        )
        previous = digest
    fix_head_to_last_entry()
