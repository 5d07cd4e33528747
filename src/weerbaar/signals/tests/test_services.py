"""Intake, visibility by organisation, duplicates, attachments, interventions and evaluation."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404

from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import as_verified, make_user
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import services
from weerbaar.signals.models import Bottleneck, Signal
from weerbaar.signals.selectors import duplicates, signal_get, signal_list
from weerbaar.signals.workflow import State

from .conftest import org
from .factories import make_signal


def _create(actor, **extra):
    data = {"title": "Hennepgeur bij loods", "phenomenon": "drugs", "address": "8011 ab 12", **extra}
    subjects = extra.pop("subjects", [{"kind": "onderneming", "identifier": "1234 5678"}])
    return services.signal_create(ctx=ctx_of(actor), data=data, subjects=subjects)


def test_intake_is_shielded_numbered_located_and_audited(gemeente, registers_data):
    signal = _create(gemeente)
    assert signal.access_level == "afgeschermd"
    assert signal.number.startswith("S-") and signal.state == State.ONTVANGEN
    assert signal.address_key == "8011AB|12||"
    assert signal.point is not None and signal.municipality.code == "GM0193"
    assert signal.subjects.get().key == "onderneming:12345678"
    assert signal.subjects.get().access_level == "afgeschermd"
    assert signal.timeline.first().kind == "created"
    entry = AuditEntry.objects.using("audit").filter(action="create", object_type="signals.signal").last()
    assert entry.object_id == signal.number and entry.processing_activity == "signaalverrijking"
    subject = AuditEntry.objects.using("audit").get(action="create", object_type="signals.subject")
    assert subject.data_subject_id == "onderneming:12345678" and subject.detail == {"signaal": signal.number}


def test_intake_needs_a_second_factor_and_a_legal_basis(region):
    unverified = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="zonder-2fa")
    with pytest.raises(PermissionDenied):
        _create(unverified)
    fg = as_verified(make_user(Role.FG, "PV23", username="fg-2fa"))
    with pytest.raises(PermissionDenied):
        _create(fg)


def test_invalid_input_lists_every_field(gemeente):
    with pytest.raises(ValidationError) as info:
        services.signal_create(
            ctx=ctx_of(gemeente), data={"title": "", "phenomenon": "onbekend", "address": "nergens"}
        )
    assert {"title", "phenomenon", "address"} <= set(info.value.message_dict)


def test_who_sees_a_signal_follows_the_organisations_involved(
    users, gemeente, riec, politie, provincie, other_gemeente
):
    signal = make_signal(State.IN_BEHANDELING)
    visible = lambda u: signal.pk in {s.pk for s in signal_list(ctx=ctx_of(u))}  # noqa: E731
    assert visible(gemeente)
    assert not visible(riec)  # not yet brought in
    assert not visible(politie) and not visible(provincie) and not visible(other_gemeente)
    assert (
        not visible(users[Role.FG])
        and not visible(users[Role.BEHEERDER])
        and not visible(users[Role.PUBLIEK])
    )
    signal = services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.INGEBRACHT)
    assert visible(riec) and not visible(politie)
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    services.case_team_add(ctx=ctx_of(riec), case=signal.case, organisation=org("POLITIE-ON"))
    assert visible(politie) and not visible(provincie) and not visible(other_gemeente)
    with pytest.raises(Http404):
        signal_get(ctx=ctx_of(other_gemeente), pk=signal.pk)
    refused = AuditEntry.objects.using("audit").filter(result="refused", object_id=str(signal.pk)).last()
    assert refused.actor == "sig-enschede"


def test_without_second_factor_even_the_reporter_sees_nothing(region, gemeente):
    signal = make_signal()
    same_org_unverified = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="collega")
    assert signal.pk not in {s.pk for s in signal_list(ctx=ctx_of(same_org_unverified))}
    assert signal.pk in {s.pk for s in signal_list(ctx=ctx_of(gemeente))}


def test_read_is_audited_with_the_subjects(gemeente, registers_data):
    signal = _create(gemeente)
    signal_get(ctx=ctx_of(gemeente), pk=signal.pk)
    entry = AuditEntry.objects.using("audit").filter(action="view", object_id=signal.number).last()
    assert entry.data_subject_id == "onderneming:12345678"
    assert entry.processing_activity == "signaalverrijking"


def test_duplicates_show_what_the_user_may_know_and_only_the_holder_otherwise(
    gemeente, other_gemeente, registers_data
):
    mine = _create(gemeente)
    theirs = _create(other_gemeente, address="")
    own_view = duplicates(ctx=ctx_of(gemeente), subject_keys=["onderneming:12345678"], exclude=None)
    assert mine in own_view.known and theirs not in own_view.known
    assert own_view.hidden_holders == ["Gemeente Enschede"]
    by_address = duplicates(ctx=ctx_of(other_gemeente), subject_keys=[], address_key="8011AB|12||")
    assert by_address.known == [] and by_address.hidden_holders == ["Gemeente Zwolle"]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_attachment_type_size_and_content_are_checked(gemeente, media, settings):
    signal = make_signal()
    with pytest.raises(ValidationError, match="bestandstype"):
        services.attachment_add(
            ctx=ctx_of(gemeente), signal=signal, upload=SimpleUploadedFile("x.exe", b"MZ...")
        )
    with pytest.raises(ValidationError, match="inhoud"):
        services.attachment_add(
            ctx=ctx_of(gemeente), signal=signal, upload=SimpleUploadedFile("x.pdf", b"<html>")
        )
    settings.SIGNALS_MAX_ATTACHMENT_BYTES = 10
    with pytest.raises(ValidationError, match="groter"):
        services.attachment_add(
            ctx=ctx_of(gemeente), signal=signal, upload=SimpleUploadedFile("x.txt", b"a" * 11)
        )
    settings.SIGNALS_MAX_ATTACHMENT_BYTES = 1024
    attachment = services.attachment_add(
        ctx=ctx_of(gemeente), signal=signal, upload=SimpleUploadedFile("foto van pand.pdf", b"%PDF-1.4 test")
    )
    assert attachment.original_name == "foto van pand.pdf"
    stored = media / attachment.file.name
    assert stored.exists() and "foto" not in stored.name
    assert str(stored).startswith(str(media))


def test_interventions_evaluation_and_bottlenecks(gemeente, riec, politie):
    signal = make_signal(State.INGEBRACHT)
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    case = signal.case
    with pytest.raises(ValidationError, match="casusteam"):
        services.intervention_add(
            ctx=ctx_of(riec),
            case=case,
            data={"kind": "fiscaal", "legal_basis": "AWR", "executing_organisation": org("BD")},
        )
    services.case_team_add(ctx=ctx_of(riec), case=case, organisation=org("POLITIE-ON"))
    with pytest.raises(PermissionDenied):
        services.case_team_add(ctx=ctx_of(gemeente), case=case, organisation=org("BD"))
    intervention = services.intervention_add(
        ctx=ctx_of(politie), case=case, data={"kind": "strafrechtelijk", "legal_basis": "Opiumwet art. 3"}
    )
    assert intervention.executing_organisation.code == "POLITIE-ON"
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.INTERVENTIEVOORSTEL)
    signal = services.signal_transition(
        ctx=ctx_of(politie), signal=signal, to=State.INTERVENTIE_IN_UITVOERING
    )
    services.intervention_update(
        ctx=ctx_of(politie), intervention=intervention, data={"result": "inval, 800 planten"}
    )
    with pytest.raises(ValidationError):
        services.evaluation_save(
            ctx=ctx_of(riec), case=case, data={"effect": "x", "what_worked": "y", "lessons": "z"}
        )
    signal = services.signal_transition(ctx=ctx_of(gemeente), signal=signal, to=State.EVALUATIE)
    services.evaluation_save(
        ctx=ctx_of(riec),
        case=case,
        data={
            "effect": "pand gesloten",
            "what_worked": "snelle inbreng",
            "bottlenecks": "- politie kon BRP niet delen\n- KvK-gegevens te laat",
            "lessons": "eerder het RIEC betrekken",
        },
    )
    assert list(Bottleneck.objects.values_list("text", flat=True).order_by("text")) == [
        "KvK-gegevens te laat",
        "politie kon BRP niet delen",
    ]
    bottleneck = Bottleneck.objects.first()
    with pytest.raises(PermissionDenied):
        services.bottleneck_put_on_agenda(ctx=ctx_of(gemeente), bottleneck=bottleneck, platform="ivz")
    services.bottleneck_put_on_agenda(ctx=ctx_of(riec), bottleneck=bottleneck, platform="rciv")
    signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.AFGESLOTEN)
    assert Signal.objects.get(pk=signal.pk).closed_at is not None


def test_demo_loader_is_idempotent(region):
    import io

    from weerbaar.accounts.demo import demo_accounts_load
    from weerbaar.signals.demo import DEMO, load_demo_signals

    demo_accounts_load()
    load_demo_signals(io.StringIO())
    load_demo_signals(io.StringIO())
    assert Signal.objects.filter(title__endswith="(demo)").count() == len(DEMO)
    assert all(s.access_level == "afgeschermd" for s in Signal.objects.all())


def test_every_demo_signal_lies_in_the_municipality_that_reports_it(region):
    """Issue 16: demo signals showed "—" as municipality, or lay in Zwolle while Almelo reported them."""
    import io

    from weerbaar.accounts.demo import demo_accounts_load
    from weerbaar.organisations.models import Area
    from weerbaar.signals.demo import load_demo_signals

    demo_accounts_load()
    load_demo_signals(io.StringIO())
    signals = list(Signal.objects.filter(title__endswith="(demo)"))
    assert signals
    for signal in signals:
        assert signal.municipality_id == signal.reporting_organisation_id
        area = Area.objects.get(organisation=signal.reporting_organisation, kind="gemeente")
        assert area.geometry.contains(signal.point), signal.title
