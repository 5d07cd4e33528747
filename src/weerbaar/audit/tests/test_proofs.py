"""The FG proves to a data subject that an entry exists unchanged: an inclusion proof that anyone
checks without the database, downloadable from the FG's page; and a consistency proof between an
earlier checkpoint and the latest."""

import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from weerbaar.audit import keys
from weerbaar.audit.models import AuditEntry
from weerbaar.audit.proofs import DocumentError, verify_document
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

from .conftest import append, drop_append_only_triggers, execute

pytestmark = pytest.mark.django_db


def _prove(*args) -> dict:
    out = io.StringIO()
    call_command("audit_prove", *args, stdout=out)
    return json.loads(out.getvalue())


def _entry(number: int) -> AuditEntry:
    """The entry `append` wrote about persoon-`number` (fixtures such as `region` may have logged first)."""
    return AuditEntry.objects.using(AUDIT_DB).get(
        data_subject_id=f"persoon-{number}", object_type="registers.persoon"
    )


def test_an_inclusion_proof_verifies_without_the_database(tmp_path):
    append(37)
    entry = _entry(21)
    document = _prove(str(entry.pk))
    assert document["entry"]["fields"]["data_subject_id"] == "persoon-21"
    assert document["checkpoint"].splitlines()[1] == "37"  # the checkpoint made for the proof
    result = verify_document(document, keys=[keys.verifier_key()])
    assert (result.entry_id, result.leaf_index, result.checkpoint.size) == (entry.pk, 21, 37)

    path = tmp_path / "bewijs.json"
    path.write_text(json.dumps(document))
    out = io.StringIO()
    call_command("audit_verify_proof", str(path), "--public-key", str(keys.verifier_key()), stdout=out)
    assert f"entry #{entry.pk} (position 21) is, unchanged, in the log" in out.getvalue()


def test_a_changed_entry_in_a_proof_fails():
    append(10)
    document = _prove(str(_entry(3).pk))
    document["entry"]["fields"]["data_subject_id"] = "iemand-anders"
    with pytest.raises(DocumentError, match="fields do not match"):
        verify_document(document, keys=[keys.verifier_key()])
    document.pop("leaf_hash")  # without the claimed leaf the audit path fails
    with pytest.raises(DocumentError, match="audit path does not lead to the signed root"):
        verify_document(document, keys=[keys.verifier_key()])


def test_after_a_key_rotation_proofs_name_the_key_that_signed(settings):
    """The old key stays trusted (WEERBAAR_AUDIT_TRUSTED_KEYS); a proof against a checkpoint of the
    new key fails against the old published key alone, and without any key it is flagged."""
    append(10)
    old = keys.verifier_key()
    settings.WEERBAAR_AUDIT_TRUSTED_KEYS = [str(old)]
    settings.WEERBAAR_AUDIT_SIGNING_KEY = "BwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwcHBwc="
    before = _prove(str(_entry(3).pk))  # the checkpoint of 10 entries, signed by the old key
    assert before["key"] == str(old)
    append(5, start=10)
    after = _prove(str(_entry(12).pk))  # a new checkpoint, signed by the new key
    assert after["key"] == str(keys.verifier_key())
    verify_document(before, keys=[old])
    with pytest.raises(DocumentError, match="not a trusted key"):
        verify_document(after, keys=[old])
    assert not verify_document(after).pinned  # without a key: the document's own, flagged


def test_a_consistency_proof_ties_an_earlier_checkpoint_to_the_latest(settings):
    settings.WEERBAAR_AUDIT_CHECKPOINT_ENTRIES = 100
    append(130)  # a checkpoint at 50 (the first append); the next is due at 150
    document = _prove("--consistency", "50")
    result = verify_document(document, keys=[keys.verifier_key()])
    assert (result.old_checkpoint.size, result.checkpoint.size) == (50, 130)


def test_no_proof_from_a_log_that_no_longer_matches_its_checkpoint():
    append(10)
    _prove(str(_entry(3).pk))
    drop_append_only_triggers()
    execute("UPDATE audit_auditentry SET leaf_hash = %s WHERE leaf_index = 5", ["00" * 32])
    with pytest.raises(CommandError, match="no longer lead to checkpoint"):
        _prove(str(_entry(3).pk))


def test_the_fg_downloads_the_proof_of_one_entry_and_the_download_is_logged(client, region):
    append(12)
    entry = _entry(7)
    fg = make_user(Role.FG, "PV23", username="fg")
    login_verified(client, fg)
    response = client.get(reverse("audit:proof", kwargs={"pk": entry.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert f"logboekregel-{entry.pk}-bewijs.json" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert verify_document(document, keys=[keys.verifier_key()]).entry_id == entry.pk
    logged = AuditEntry.objects.using(AUDIT_DB).filter(actor="fg", action="export", object_type="audit")
    assert list(logged.values_list("object_id", flat=True)) == [str(entry.pk)]

    page = client.get(reverse("audit:search"), {"subject": "persoon-7"})
    assert reverse("audit:proof", kwargs={"pk": entry.pk}) in page.content.decode()


def test_others_get_no_proof(client, region):
    append(3)
    login_verified(client, make_user(Role.RIEC_ANALIST, "RIEC-ON"))
    assert client.get(reverse("audit:proof", kwargs={"pk": _entry(1).pk})).status_code == 403
