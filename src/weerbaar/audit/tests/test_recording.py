"""The one way to process personal data: entries carry the context, hit / no-hit answers are
entries too, and many entries of one read are appended in one transaction with one chain lock."""

import pytest
from django.db import connections
from django.test.utils import CaptureQueriesContext

from weerbaar.audit.models import Action, AuditEntry, ChainHead
from weerbaar.audit.recording import audited
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.audit.selectors import chain_entries, chain_head, stored_checkpoints
from weerbaar.audit.verification import verify_log
from weerbaar.core.access import Role
from weerbaar.core.context import Origin
from weerbaar.core.personal_data import current_scope
from weerbaar.core.testing import make_user
from weerbaar.privacy.context import context_for_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def ctx(region):
    analist = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist")
    return context_for_user(analist, origin=Origin.API, second_factor=True, source="10.0.0.1")


def _entries():
    """The entries of the reads under test (the fixture's account creation is logged too)."""
    return list(
        AuditEntry.objects.using(AUDIT_DB).filter(object_type__startswith="registers.").order_by("id")
    )


def test_entries_carry_actor_purpose_legal_basis_origin_and_trace(ctx):
    with audited(ctx, object_type="registers.persoon", purposes=["gebiedsanalyse"]) as record:
        assert current_scope() == "view registers.persoon"
        record.disclosed(subject_id="P1", object_id="P1", detail={"via": "adres"})
    assert current_scope() == ""
    (entry,) = _entries()
    assert (entry.actor, entry.organisation, entry.roles) == ("analist", "GM0193", "gemeentelijk_analist")
    assert (entry.processing_activity, entry.legal_basis) == ("gebiedsanalyse", "gemeentewet-172")
    assert entry.origin == "api 10.0.0.1" and entry.trace_id == ctx.trace_id
    assert entry.data_subject_id == "P1" and entry.detail == {"via": "adres"}


def test_a_hit_no_hit_answer_logs_the_question_and_the_answer(ctx):
    with audited(ctx, object_type="registers.persoon") as record:
        record.answered(question={"bewoners op adres": ["7411AB|12||"]}, answer=False)
        record.answered(question={"signalen over": "adres:7411AB|12||"}, answer=3)
    hit, count = _entries()
    assert hit.action == Action.EXISTS and hit.detail == {
        "vraag": {"bewoners op adres": ["7411AB|12||"]},
        "antwoord": False,
    }
    assert count.action == Action.COUNT and count.detail["antwoord"] == 3


def test_refusals_name_the_reason(ctx):
    unverified = context_for_user(ctx.actor, origin=Origin.PAGE, second_factor=False)
    with audited(unverified, object_type="registers.zakelijkrecht") as record:
        record.refused(object_id="ZWL00 K 1")
    (entry,) = _entries()
    assert entry.result == "refused" and "second factor not verified" in entry.detail["reden"]


def test_entries_are_written_when_the_block_raises(ctx):
    with pytest.raises(RuntimeError), audited(ctx, object_type="registers.persoon") as record:
        record.disclosed(subject_id="P1")
        raise RuntimeError("boom")
    assert [e.data_subject_id for e in _entries()] == ["P1"]


def test_a_thousand_subjects_take_one_transaction_and_one_chain_lock(ctx):
    """An export of 1,000 rows appends its entries together, and the chain stays intact."""
    with (
        CaptureQueriesContext(connections[AUDIT_DB]) as queries,
        audited(ctx, object_type="registers.persoon", action=Action.EXPORT) as record,
    ):
        record.disclosed_each([f"P{i}" for i in range(1000)], detail={"export": "csv"})
    statements = [q["sql"].upper() for q in queries.captured_queries]
    locks = [s for s in statements if "AUDIT_CHAINHEAD" in s and ("FOR UPDATE" in s or "SELECT" in s)]
    inserts = [s for s in statements if s.startswith("INSERT INTO") and "AUDIT_AUDITENTRY" in s]
    assert len(locks) == 1, statements[:5]
    updates = [s for s in statements if s.startswith("UPDATE") and "AUDIT_CHAINHEAD" in s]
    # multi-row INSERTs (SQLite splits them at its limit of bound variables), one head update
    columns = len(AuditEntry._meta.concrete_fields) - 1  # without the id
    per_insert = connections[AUDIT_DB].ops.bulk_batch_size(["x"] * columns, [None] * 1000)
    assert len(inserts) == -(-1000 // per_insert) and len(updates) == 1
    assert len(_entries()) == 1000
    head = ChainHead.objects.using(AUDIT_DB).get(pk=1)
    report = verify_log(entries=chain_entries(), head=chain_head(), stored=stored_checkpoints())
    assert report.intact, report.problems
    assert report.size == head.count


def _chain_locks(queries):
    statements = [q["sql"].upper() for q in queries.captured_queries]
    return [s for s in statements if "AUDIT_CHAINHEAD" in s and s.startswith("SELECT")]


def test_a_block_inside_another_is_appended_with_it(ctx):
    """A page's selector that calls another app's selector per part it shows (owners of the
    parcels on a map page) still writes one transaction with one chain lock, in the order recorded,
    each entry with its own block's object type and purpose."""
    with (
        CaptureQueriesContext(connections[AUDIT_DB]) as queries,
        audited(ctx, object_type="registers.kadastraalobject", action=Action.LIST) as page,
    ):
        for number in range(3):
            with audited(ctx, object_type="registers.zakelijkrecht", purposes=["bibob-toets"]) as owners:
                owners.disclosed(subject_id=f"P{number}")
            assert owners.pending == 0 and page.pending == number + 1  # nothing written yet
        page.disclosed(object_id="ZWL00 K 1,ZWL00 K 2,ZWL00 K 3")
    assert len(_chain_locks(queries)) == 1
    entries = _entries()
    assert [(e.object_type, e.data_subject_id) for e in entries] == [
        ("registers.zakelijkrecht", "P0"),
        ("registers.zakelijkrecht", "P1"),
        ("registers.zakelijkrecht", "P2"),
        ("registers.kadastraalobject", ""),
    ]
    assert [e.action for e in entries] == ["view", "view", "view", "list"]


def test_an_inner_block_that_raises_is_still_written_by_the_outer_one(ctx):
    with audited(ctx, object_type="registers.kadastraalobject") as page:
        with pytest.raises(ValueError), audited(ctx, object_type="registers.zakelijkrecht") as inner:
            inner.refused(object_id="ZWL00 K 1")
            raise ValueError("bad input")
        page.disclosed(object_id="ZWL00 K 1")
    assert [e.result for e in _entries()] == ["refused", "allowed"]
    # and the next block on its own is written at its own end again
    with audited(ctx, object_type="registers.persoon") as alone:
        alone.disclosed(subject_id="P9")
    assert _entries()[-1].data_subject_id == "P9"
