"""Issue 17: the audit log cannot be shortened or rewritten unnoticed.

Each test is one thing an attacker with database access does to a log of 700 entries with signed
checkpoints every 100 (in the audit database and in the witness file outside it); `audit_verify`
must fail and name what it found. The suite runs on SpatiaLite with the audit file and on PostGIS.
"""

import base64
import io

import pytest
from django.core.management import CommandError, call_command

from weerbaar.audit import keys
from weerbaar.audit.checkpoints import CheckpointRefused, checkpoint_create
from weerbaar.audit.models import AuditEntry, ChainHead, SignedCheckpoint
from weerbaar.audit.routers import AUDIT_DB

from .conftest import append, drop_append_only_triggers, execute, fix_head_to_last_entry, rewrite_from

pytestmark = pytest.mark.django_db


def _verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", "--no-checkpoint", stdout=out, stderr=io.StringIO())
    return out.getvalue()


def _broken(match: str) -> CommandError:
    with pytest.raises(CommandError, match=match) as failure:
        _verify()
    return failure.value


def _position(n: int) -> AuditEntry:
    return AuditEntry.objects.using(AUDIT_DB).get(leaf_index=n)


def test_an_intact_log_verifies_against_every_checkpoint(log_of_700, witness):
    """Each checkpoint is in the database and in the witness file, all consistent with the tree."""
    stored = SignedCheckpoint.objects.using(AUDIT_DB).count()
    assert stored >= 7
    out = _verify()
    assert "intact: 700 entries" in out
    assert f"{2 * stored} signed checkpoints consistent" in out and f"{witness}: {stored}" in out


def test_an_edited_field_is_found_and_named(log_of_700):
    target = _position(350)
    drop_append_only_triggers()
    execute("UPDATE audit_auditentry SET data_subject_id = 'iemand-anders' WHERE id = %s", [target.pk])
    _broken(rf"entry #{target.pk} \(position 350\): its content does not match its leaf hash")


def test_an_entry_removed_in_the_middle_is_found(log_of_700):
    target = _position(350)
    drop_append_only_triggers()
    execute("DELETE FROM audit_auditentry WHERE id = %s", [target.pk])
    _broken(r"\(position 351\): the entries at position 350 are missing")


def test_removing_the_last_entries_and_fixing_the_head_is_found(log_of_700, witness):
    """The head and the stored checkpoints are adjusted; the witness file still saw 700."""
    drop_append_only_triggers()
    execute("DELETE FROM audit_auditentry WHERE leaf_index >= 650")
    execute("DELETE FROM audit_signedcheckpoint WHERE tree_size > 650")
    fix_head_to_last_entry()
    _broken(
        rf"{witness}:\d+: the log holds 650 entries but this checkpoint, signed .* saw 700: entries at the end"
    )


def test_an_emptied_log_without_its_head_is_found(log_of_700, witness):
    """Every entry, the head and every stored checkpoint removed: the witness saw 700 entries."""
    drop_append_only_triggers()
    execute("DELETE FROM audit_auditentry")
    execute("DELETE FROM audit_signedcheckpoint")
    execute("DELETE FROM audit_chainhead")
    assert not ChainHead.objects.using(AUDIT_DB).exists()
    _broken(rf"{witness}:\d+: the log holds 0 entries \(the log is empty\) but .* saw \d+")


def test_two_entries_swapped_are_found(log_of_700):
    """Rows 100 and 101 trade places (content, leaf and HMAC move along with them)."""
    first, second = _position(100), _position(101)
    drop_append_only_triggers()
    execute("UPDATE audit_auditentry SET leaf_index = -1 WHERE id = %s", [first.pk])
    execute("UPDATE audit_auditentry SET leaf_index = 100 WHERE id = %s", [second.pk])
    execute("UPDATE audit_auditentry SET leaf_index = 101 WHERE id = %s", [first.pk])
    _broken(rf"entry #{second.pk} \(position 100\): its previous HMAC does not match")


def test_a_forged_entry_with_the_hmac_key_and_a_recomputed_chain_is_found(log_of_700):
    """The attacker has the HMAC key: leaves, chain and head agree again, the signed roots do not."""
    drop_append_only_triggers()
    rewrite_from(350, {"object_id": "vervalst"})
    failure = _broken(
        r"checkpoint #\d+ in the audit database: the first [4-5]\d\d entries of the log have another Merkle root"
    )
    assert "entry #" not in str(failure)  # every entry fits its leaf and its HMAC


def test_a_forged_entry_is_found_by_the_witness_when_the_stored_checkpoints_are_gone(log_of_700, witness):
    drop_append_only_triggers()
    rewrite_from(350, {"object_id": "vervalst"})
    execute("DELETE FROM audit_signedcheckpoint")
    _broken(rf"{witness}:\d+: the first [4-5]\d\d entries of the log have another Merkle root")


def test_a_replaced_signing_key_that_re_signed_everything_is_found(log_of_700, witness, settings):
    """Forge, then sign new checkpoints of the forged tree with a key of one's own."""
    drop_append_only_triggers()
    rewrite_from(350, {"object_id": "vervalst"})
    execute("DELETE FROM audit_signedcheckpoint")
    original = keys.verifier_key()
    settings.WEERBAAR_AUDIT_SIGNING_KEY = base64.b64encode(b"\x07" * 32).decode()
    checkpoint_create()  # signs the forged tree of 700 with the new key (the witness receives it too)
    assert SignedCheckpoint.objects.using(AUDIT_DB).get().key_id != original.id.hex()
    failure = _broken(rf"{witness}:1: the checkpoint does not verify: signed by key .* not a trusted key")
    assert original.fingerprint in str(failure) and "the signing key was replaced" in str(failure)


def test_truncating_then_appending_new_entries_is_found(
    log_of_700, witness, django_capture_on_commit_callbacks
):
    """650 entries are kept, 100 new ones appended (with new checkpoints): the tree at 700 differs."""
    drop_append_only_triggers()
    execute("DELETE FROM audit_auditentry WHERE leaf_index >= 650")
    execute("DELETE FROM audit_signedcheckpoint WHERE tree_size > 600")
    fix_head_to_last_entry()
    with django_capture_on_commit_callbacks(using=AUDIT_DB, execute=True):
        append(100, start=10_000)
    assert AuditEntry.objects.using(AUDIT_DB).count() == 750
    _broken(rf"{witness}:\d+: the first 700 entries of the log have another Merkle root")


def test_a_changed_checkpoint_row_is_found(log_of_700):
    drop_append_only_triggers()
    execute("UPDATE audit_signedcheckpoint SET tree_size = 650 WHERE tree_size = 700")
    _broken(r"checkpoint #\d+ in the audit database: its size or root column differs from its signed note")


def test_the_key_never_signs_a_log_shorter_than_its_last_checkpoint(log_of_700):
    """Truncated without removing the stored checkpoint: nothing is signed, the command says why."""
    drop_append_only_triggers()
    execute("DELETE FROM audit_auditentry WHERE leaf_index >= 650")
    fix_head_to_last_entry()
    before = SignedCheckpoint.objects.using(AUDIT_DB).count()
    with pytest.raises(
        CheckpointRefused, match="holds 650 entries but its last checkpoint already counted 700"
    ):
        checkpoint_create(force=True)
    with pytest.raises(CommandError, match="No checkpoint signed"):
        call_command("audit_checkpoint", "--force", stdout=io.StringIO())
    assert SignedCheckpoint.objects.using(AUDIT_DB).count() == before
