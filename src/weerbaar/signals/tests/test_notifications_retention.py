"""Notifications through a real SMTP server process; retention with a frozen clock."""

from __future__ import annotations

import mailbox
import socket
from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import services
from weerbaar.signals.models import DisclosureRequest, Notification, RetentionLog, Signal, Subject
from weerbaar.signals.services import retention
from weerbaar.signals.workflow import State

from .factories import add_subject, make_signal


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_transition_notifies_assigned_organisation_and_team_in_app_and_by_mail(
    smtp_server, gemeente, riec, django_capture_on_commit_callbacks
):
    colleague = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="collega-zwolle")
    colleague.email = "collega@zwolle.example"
    colleague.save()
    signal = make_signal(State.INGEBRACHT)
    add_subject(signal, "persoon", "Jan de Vries", name="Jan de Vries")
    with django_capture_on_commit_callbacks(execute=True):
        signal = services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    notes = Notification.objects.filter(signal=signal)
    assert set(notes.values_list("user__username", flat=True)) == {"collega-zwolle", gemeente.username}
    assert notes.get(user=colleague).emailed
    assert not notes.filter(user=riec).exists()  # not the actor
    messages = list(mailbox.Maildir(str(smtp_server), create=False))
    assert len(messages) == 1
    message = messages[0]
    assert message["To"] == "collega@zwolle.example"
    assert message["Subject"] == f"Signaal {signal.number}: casus"
    assert "Jan de Vries" not in message.as_string()


def test_mail_failure_keeps_the_in_app_notification(
    settings, gemeente, riec, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nothing listens
    gemeente.email = "analist@zwolle.example"
    gemeente.save()
    signal = make_signal(State.INGEBRACHT)
    with django_capture_on_commit_callbacks(execute=True):
        services.signal_transition(ctx=ctx_of(riec), signal=signal, to=State.CASUS)
    note = Notification.objects.get(signal=signal, user=gemeente)
    assert not note.emailed


def test_retention_anonymises_after_the_period_with_a_frozen_clock(gemeente, riec, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        closed = make_signal(State.EVALUATIE, description="Jan de Vries teelt hennep")
        add_subject(closed, "persoon", "Jan de Vries", name="Jan de Vries")
        closed = services.signal_transition(ctx=ctx_of(riec), signal=closed, to=State.AFGESLOTEN)
        no_followup = make_signal(State.IN_BEHANDELING)
        add_subject(no_followup, "adres", "8011AB 12")
        no_followup = services.signal_transition(
            ctx=ctx_of(gemeente), signal=no_followup, to=State.GEEN_VERVOLG, reason="geen grond"
        )
        services.comment_add(ctx=ctx_of(gemeente), signal=no_followup, text="buurman Piet meldde dit")
        request = DisclosureRequest.objects.create(
            requesting_signal=no_followup,
            requesting_organisation=gemeente.organisation,
            holder=riec.organisation,
            keys=["adres|8011AB|12"],
            purpose="onderzoek naar Piet, Loodsweg 12",
        )
    with time_machine.travel(start + timedelta(days=364), tick=False):
        assert services.retention_run(ctx=command_context(command="test")) == []
    with time_machine.travel(start + timedelta(days=366), tick=False):
        call_command("signals_retention")
    no_followup.refresh_from_db()
    closed.refresh_from_db()
    assert no_followup.anonymised_at is not None and closed.anonymised_at is None
    assert no_followup.title == retention.ANONYMISED and no_followup.no_followup_reason == ""
    assert not Subject.objects.filter(signal=no_followup).exists()
    assert not no_followup.comments.exists()
    assert no_followup.timeline.exclude(text="").count() == 0
    log = RetentionLog.objects.get(signal_number=no_followup.number)
    assert log.removed["onderwerpen"] == 1 and log.removed["opmerkingen"] == 1
    request.refresh_from_db()
    assert request.keys == [] and request.purpose == retention.ANONYMISED
    assert request.holder_id == riec.organisation_id and log.removed["verstrekkingsverzoeken"] == 1
    deleted = AuditEntry.objects.using("audit").get(action="delete", object_id=no_followup.number)
    assert deleted.origin == "command signals_retention" and deleted.actor == ""
    assert deleted.detail["verwijderd"]["onderwerpen"] == 1
    with time_machine.travel(start + timedelta(days=5 * 365 + 1), tick=False):
        call_command("signals_retention")
    closed.refresh_from_db()
    assert closed.anonymised_at is not None and closed.description == ""
    assert Signal.objects.get(pk=closed.pk).case.title == retention.ANONYMISED
    # anonymised signals accept no more changes
    with pytest.raises(PermissionDenied):
        services.comment_add(ctx=ctx_of(gemeente), signal=no_followup, text="nog iets")
    # retention is the platform's own processing: no user runs it
    with pytest.raises(PermissionDenied):
        services.retention_run(ctx=ctx_of(gemeente))


def test_retention_periods_are_configurable(settings, gemeente):
    settings.SIGNALS_RETENTION_NO_FOLLOWUP_DAYS = 30
    signal = make_signal(State.GEEN_VERVOLG)
    Signal.objects.filter(pk=signal.pk).update(closed_at=timezone.now() - timedelta(days=31))
    done = services.retention_run(ctx=command_context(command="test"), dry_run=True)
    assert [s.pk for s in done] == [signal.pk]


def test_overdue_signals_are_notified_once_per_stage(gemeente):
    signal = make_signal(State.IN_BEHANDELING)
    Signal.objects.filter(pk=signal.pk).update(
        stage_deadline=timezone.now() + timedelta(days=14), state_changed_at=timezone.now()
    )
    call_command("signals_overdue")
    assert not Notification.objects.filter(signal=signal).exists()
    with time_machine.travel(timezone.now() + timedelta(days=15)):
        call_command("signals_overdue")
        call_command("signals_overdue")
    notes = Notification.objects.filter(signal=signal, user=gemeente)
    assert notes.count() == 1 and "termijn verlopen" in notes.get().message


def test_stale_enrichments_are_notified_after_an_import(gemeente):
    from weerbaar.registers.models import ImportRun

    signal = make_signal(State.IN_BEHANDELING)
    services.enrich(ctx=ctx_of(gemeente), signal=signal)
    call_command("signals_stale")
    assert not Notification.objects.filter(signal=signal).exists()
    ImportRun.objects.create(importer="kvk-basisprofiel", bestand="x", status="ok")
    call_command("signals_stale")
    call_command("signals_stale")
    note = Notification.objects.get(signal=signal, user=gemeente)
    assert "verrijk opnieuw" in note.message
