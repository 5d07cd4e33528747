"""The audit log is append-only, chained, tamper-evident and survives a rolled-back transaction."""

import csv
import io

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connections, transaction
from django.urls import reverse

from weerbaar.audit.models import Action, AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    return [
        audit_log(
            actor=None,
            action=Action.VIEW,
            object_type="perceel",
            object_id=f"ZWL00 K {i}",
            data_subject_id=f"persoon-{i}",
            processing_activity="signaalverrijking",
        )
        for i in range(1, n + 1)
    ]


def test_entries_hold_the_logboek_dataverwerkingen_fields():
    entry = _entries(1)[0]
    assert len(entry.trace_id) == 32 and len(entry.span_id) == 16
    assert entry.processing_activity == "signaalverrijking"
    assert entry.data_subject_id == "persoon-1"
    assert entry.previous_hash == "0" * 64 and len(entry.hash) == 64
    assert entry.leaf_index == 0 and len(entry.leaf_hash) == 64


def test_verify_passes_on_an_intact_chain():
    _entries(5)
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "intact: 5 entries" in out.getvalue()


def _drop_append_only_triggers() -> None:
    """What an attacker with DDL rights on the database would do first."""
    with connections[AUDIT_DB].cursor() as cursor:
        if connections[AUDIT_DB].features.triggers_call_functions:
            cursor.execute("DROP TRIGGER audit_entry_append_only ON audit_auditentry")
        else:
            cursor.execute("DROP TRIGGER audit_entry_no_update")


def test_the_database_refuses_update_and_where_flush_truncates_delete():
    """UPDATE always; DELETE too where the flush (TRUNCATE) does not need it (PostgreSQL)."""
    entry = _entries(1)[0]
    statements = ["UPDATE audit_auditentry SET actor = 'x' WHERE id = %s"]
    if connections[AUDIT_DB].features.flush_bypasses_row_triggers:
        statements.append("DELETE FROM audit_auditentry WHERE id = %s")
    for statement in statements:
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(using=AUDIT_DB):
            connections[AUDIT_DB].cursor().execute(statement, [entry.pk])


def test_changing_one_stored_entry_is_detected_and_named():
    """An attacker with database access edits one row: audit_verify fails and names that row."""
    entries = _entries(5)
    target = entries[2]
    _drop_append_only_triggers()
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute("UPDATE audit_auditentry SET object_id = %s WHERE id = %s", ["ZWL00 K 999", target.pk])
    with pytest.raises(
        CommandError, match=rf"entry #{target.pk} \(position \d+\): its content does not match"
    ):
        call_command("audit_verify")


def test_removing_an_entry_in_the_middle_is_detected():
    entries = _entries(4)
    _drop_append_only_triggers()
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[1].pk])
    with pytest.raises(
        CommandError, match=rf"entry #{entries[2].pk} \(position \d+\): the entries at position"
    ):
        call_command("audit_verify")


def test_removing_the_last_entries_is_detected():
    entries = _entries(3)
    _drop_append_only_triggers()
    with connections[AUDIT_DB].cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [entries[-1].pk])
    with pytest.raises(CommandError, match="chain head: counts 3 entries but 2 were found"):
        call_command("audit_verify")


def test_entries_cannot_be_changed_or_deleted_through_the_orm():
    entry = _entries(1)[0]
    entry.object_id = "anders"
    with pytest.raises(PermissionError):
        entry.save()
    with pytest.raises(PermissionError):
        entry.delete()


@pytest.mark.django_db(transaction=True, databases="__all__")
def test_entry_is_kept_when_the_request_transaction_rolls_back():
    """The read happened even if the work around it failed: the entry stays."""
    with pytest.raises(RuntimeError), transaction.atomic():
        make_user(Role.PUBLIEK, username="rolled-back")
        audit_log(actor=None, action=Action.VIEW, object_type="adres", object_id="0193200000000001")
        raise RuntimeError("the request fails after the read")
    assert AuditEntry.objects.using(AUDIT_DB).filter(object_id="0193200000000001").exists()
    from weerbaar.accounts.models import User

    assert not User.objects.filter(username="rolled-back").exists()


def test_fg_searches_by_user_organisation_subject_and_exports_csv(client, region):
    analyst = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    audit_log(
        actor=analyst,
        action=Action.VIEW,
        object_type="perceel",
        object_id="ZWL00 K 1234",
        data_subject_id="persoon-42",
    )
    audit_log(
        actor=None,
        action=Action.VIEW,
        object_type="perceel",
        object_id="ZWL00 K 5678",
        data_subject_id="persoon-7",
    )
    login_verified(client, make_user(Role.FG, "PV23", username="fg"))

    page = client.get(
        reverse("audit:search"), {"actor": "analist", "organisation": "GM0193", "subject": "persoon-42"}
    )
    assert page.status_code == 200
    assert b"ZWL00 K 1234" in page.content and b"ZWL00 K 5678" not in page.content

    export = client.get(reverse("audit:export"), {"subject": "persoon-42"})
    assert export["Content-Type"].startswith("text/csv")
    assert export["Cache-Control"] == "no-store"
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert [r["object_id"] for r in rows] == ["ZWL00 K 1234"]
    assert rows[0]["organisation"] == "GM0193"
    # the FG's own searches are logged too
    assert AuditEntry.objects.using(AUDIT_DB).filter(actor="fg", action=Action.EXPORT).exists()


def test_fg_search_rejects_a_reversed_period(client, region):
    login_verified(client, make_user(Role.FG, "PV23", username="fg"))
    page = client.get(reverse("audit:search"), {"date_from": "2026-05-01", "date_until": "2026-04-01"})
    assert "De einddatum ligt voor de begindatum." in page.content.decode()


@pytest.mark.parametrize("role", [Role.GEMEENTELIJK_ANALIST, Role.BEHEERDER, Role.RIEC_ANALIST])
def test_only_the_fg_reads_the_log(client, region, role):
    login_verified(client, make_user(role, "PV23" if role == Role.BEHEERDER else "RIEC-ON"))
    assert client.get(reverse("audit:search")).status_code == 403
    assert client.get(reverse("audit:export")).status_code == 403
    refused = AuditEntry.objects.using(AUDIT_DB).filter(object_type="audit", result="refused")
    assert refused.count() == 2


def test_fg_finds_a_person_by_id_and_by_name_inside_search_entries(client, region):
    """The ids a name search returned and the name typed sit in the entry's details: the FG finds
    the entry by either (issue 17: the FG could only find a person by an internal id)."""
    analyst = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    audit_log(
        actor=analyst,
        action=Action.SEARCH,
        object_type="registers.persoon",
        detail={"zoekvraag": "Jan de Vries", "resultaten": ["P000002970", "P000000011"]},
    )
    login_verified(client, make_user(Role.FG, "PV23", username="fg"))
    for term in ("P000002970", "Jan de Vries", "jan de vries"):
        page = client.get(reverse("audit:search"), {"subject": term}).content.decode()
        assert "registers.persoon" in page, term
    assert (
        "registers.persoon" not in client.get(reverse("audit:search"), {"subject": "P999"}).content.decode()
    )


def test_the_fg_export_never_hands_a_spreadsheet_a_formula(client, region):
    analyst = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    audit_log(
        actor=analyst,
        action=Action.SEARCH,
        object_type="registers.persoon",
        object_id='=HYPERLINK("http://evil.example","klik")',  # e.g. a typed search term
    )
    login_verified(client, make_user(Role.FG, "PV23", username="fg"))
    export = client.get(reverse("audit:export"), {"actor": "analist"})
    rows = list(csv.DictReader(io.StringIO(b"".join(export.streaming_content).decode())))
    cells = [value for row in rows for value in row.values()]
    assert not any(str(c).startswith(("=", "+", "-", "@")) for c in cells)
    assert '\'=HYPERLINK("http://evil.example","klik")' in cells
