"""The holiday park as a subject kind: a signal about a park keeps the park code as its key, the
enrichment names the park with a link to its profile, and the hit / no-hit question is audited."""

import pytest

from weerbaar.audit.models import AuditEntry
from weerbaar.audit.routers import AUDIT_DB
from weerbaar.core.subjects import SubjectRef, kind_choices, subject_kinds
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals.keys import subject_key

pytestmark = pytest.mark.django_db


def test_the_park_kind_is_registered_with_its_key_and_label():
    """Registered by the parken app: a code written loosely has one key, the kind is offered."""
    assert subject_key("vakantiepark", " De-Eikenhorst ", "", None) == "vakantiepark:de-eikenhorst"
    assert ("vakantiepark", "vakantiepark") in kind_choices()
    kind = subject_kinds["vakantiepark"]
    assert kind.valid("de-eikenhorst") and not kind.valid("#?")


def test_a_signal_about_a_park_shows_the_profile_link(park, analyst):
    """Round trip: a signal's subject of kind vakantiepark is enriched from the register with the
    park's name and a link to its profile page."""
    from weerbaar.signals.enrichment import collect
    from weerbaar.signals.tests.factories import add_subject, make_signal

    signal = make_signal(reporter="GM0175")
    subject = add_subject(signal, "vakantiepark", "De-Eikenhorst")
    assert subject.key == "vakantiepark:de-eikenhorst"
    facts = collect(ctx=ctx_of(analyst), signal=signal, subjects=[subject])
    [named] = [f for f in facts if f["label"] == "Vakantiepark"]
    assert named["value"] == park.name and named["link"] == f"/parken/{park.pk}"


def test_the_existence_check_answers_and_is_audited(park, analyst):
    """hit for a code in the register, no hit for another; each question and answer in the log."""
    kind = subject_kinds["vakantiepark"]
    ctx = ctx_of(analyst)
    assert kind.hit(ctx, SubjectRef("vakantiepark", "de-eikenhorst")) is True
    assert kind.hit(ctx, SubjectRef("vakantiepark", "bestaat-niet")) is False
    entries = AuditEntry.objects.using(AUDIT_DB).filter(
        actor=analyst.username, action="exists", object_type="parken.park"
    )
    answers = sorted((e.detail["vraag"]["parkcode"], e.detail["antwoord"]) for e in entries)
    assert answers == [("bestaat-niet", False), ("de-eikenhorst", True)]
