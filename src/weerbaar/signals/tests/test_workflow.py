"""The transition table, exhaustively: every state × role × target state, against an expectation
written out here independently of workflow.TRANSITIONS."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from weerbaar.audit.models import AuditEntry
from weerbaar.core.access import Role
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import workflow
from weerbaar.signals.models import Intervention, Signal, TimelineEvent
from weerbaar.signals.services import signal_transition
from weerbaar.signals.workflow import State

from .factories import make_signal

S = State
GEM, RIEC, POL, PRV = Role.GEMEENTELIJK_ANALIST, Role.RIEC_ANALIST, Role.PARTNER, Role.PROVINCIAAL_ADVISEUR

#: with the factory's signal: reported by and assigned to Zwolle (GM0193), case team Zwolle, RIEC,
#: politie; the provincie (PV23) is not involved. Publiek, FG and beheerder never take a step.
EXPECTED: dict[tuple[str, str], set[str]] = {
    (S.ONTVANGEN, S.IN_BEHANDELING): {GEM},
    (S.ONTVANGEN, S.GEEN_VERVOLG): {GEM},
    (S.IN_BEHANDELING, S.INGEBRACHT): {GEM},
    (S.IN_BEHANDELING, S.GEEN_VERVOLG): {GEM},
    (S.INGEBRACHT, S.CASUS): {RIEC},
    (S.INGEBRACHT, S.IN_BEHANDELING): {RIEC},
    (S.INGEBRACHT, S.GEEN_VERVOLG): {RIEC},
    (S.CASUS, S.INTERVENTIEVOORSTEL): {RIEC},
    (S.CASUS, S.GEEN_VERVOLG): {RIEC},
    (S.INTERVENTIEVOORSTEL, S.INTERVENTIE_IN_UITVOERING): {GEM, RIEC, POL},
    (S.INTERVENTIEVOORSTEL, S.CASUS): {RIEC},
    (S.INTERVENTIE_IN_UITVOERING, S.EVALUATIE): {GEM, RIEC, POL},
    (S.EVALUATIE, S.AFGESLOTEN): {RIEC},
    (S.AFGESLOTEN, S.HEROPEND): {RIEC},
    (S.GEEN_VERVOLG, S.HEROPEND): {GEM, RIEC},
    (S.HEROPEND, S.IN_BEHANDELING): {GEM, RIEC},
    (S.HEROPEND, S.CASUS): {RIEC},
}


def test_the_table_has_exactly_the_expected_pairs():
    assert {(t.source, t.target) for t in workflow.TRANSITIONS} == set(EXPECTED)


def test_every_state_times_role_times_transition(users):
    checked = 0
    for source in S.values:
        for role in Role.values:
            actor = users[role]
            signal = make_signal(source)
            for target in S.values:
                if target == source:
                    continue
                expected = role in EXPECTED.get((source, target), set())
                if expected:
                    signal_transition(ctx=ctx_of(actor), signal=signal, to=target, reason="getest")
                    assert Signal.objects.get(pk=signal.pk).state == target, (source, role, target)
                    signal = make_signal(source)
                else:
                    with pytest.raises((PermissionDenied, ValidationError)) as info:
                        signal_transition(ctx=ctx_of(actor), signal=signal, to=target, reason="getest")
                    if (source, target) in EXPECTED:
                        assert info.type is PermissionDenied, (source, role, target)
                    assert Signal.objects.get(pk=signal.pk).state == source, (source, role, target)
                checked += 1
    assert checked == len(S.values) * (len(S.values) - 1) * len(Role.values)


@pytest.mark.parametrize(
    ("source", "target", "role"),
    [
        (S.ONTVANGEN, S.GEEN_VERVOLG, GEM),
        (S.AFGESLOTEN, S.HEROPEND, RIEC),
        (S.INGEBRACHT, S.IN_BEHANDELING, RIEC),
    ],
)
def test_a_reason_is_required(users, source, target, role):
    signal = make_signal(source)
    with pytest.raises(ValidationError) as info:
        signal_transition(ctx=ctx_of(users[role]), signal=signal, to=target, reason="  ")
    assert "reason" in info.value.message_dict


def test_evaluation_required_before_closing(users):
    signal = make_signal(S.EVALUATIE)
    signal.case.evaluation.delete()
    with pytest.raises(ValidationError, match="evaluatie"):
        signal_transition(ctx=ctx_of(users[RIEC]), signal=signal, to=S.AFGESLOTEN)


def test_closing_requires_an_outcome_for_every_intervention(users):
    """A case is not closed while one of its interventions has no result: the refusal names the
    intervention and the signal keeps its state."""
    signal = make_signal(S.EVALUATIE)
    Intervention.objects.create(
        case=signal.case,
        kind="dwangsom",
        executing_organisation=Organisation.objects.get(code="GM0193"),
        legal_basis="Gemeentewet art. 125",
        result="  ",
    )
    with pytest.raises(ValidationError, match="resultaat") as info:
        signal_transition(ctx=ctx_of(users[RIEC]), signal=signal, to=S.AFGESLOTEN)
    assert "bestuurlijk: last onder dwangsom" in str(info.value)
    assert Signal.objects.get(pk=signal.pk).state == S.EVALUATIE
    signal.case.interventions.filter(kind="dwangsom").update(result="dwangsom betaald, pand leeg")
    assert signal_transition(ctx=ctx_of(users[RIEC]), signal=signal, to=S.AFGESLOTEN).state == S.AFGESLOTEN


def test_an_intervention_is_required_before_execution(users):
    signal = make_signal(S.INTERVENTIEVOORSTEL)
    signal.case.interventions.all().delete()
    with pytest.raises(ValidationError, match="interventie"):
        signal_transition(ctx=ctx_of(users[RIEC]), signal=signal, to=S.INTERVENTIE_IN_UITVOERING)


def test_transition_writes_timeline_audit_deadline_and_case(users):
    signal = make_signal(S.INGEBRACHT)
    before = AuditEntry.objects.using("audit").count()
    signal = signal_transition(ctx=ctx_of(users[RIEC]), signal=signal, to=S.CASUS)
    assert signal.case is not None and signal.case.number.startswith("C-")
    assert set(signal.case.members.values_list("organisation__code", flat=True)) == {"GM0193", "RIEC-ON"}
    event = signal.timeline.filter(kind=TimelineEvent.Kind.TRANSITION).last()
    assert (event.from_state, event.to_state, event.organisation) == (S.INGEBRACHT, S.CASUS, "RIEC-ON")
    entry = AuditEntry.objects.using("audit").order_by("-id").first()
    assert AuditEntry.objects.using("audit").count() > before
    assert entry.detail == {"van": S.INGEBRACHT, "naar": S.CASUS}
    assert entry.processing_activity == "informatieplein"
    assert signal.stage_deadline > timezone.now()
    assert not signal.overdue


def test_overdue_flag_after_the_stage_deadline(users):
    import time_machine

    signal = make_signal(S.ONTVANGEN)
    signal = signal_transition(ctx=ctx_of(users[GEM]), signal=signal, to=S.IN_BEHANDELING)
    assert not signal.overdue
    with time_machine.travel(timezone.now() + timezone.timedelta(days=15)):
        assert Signal.objects.get(pk=signal.pk).overdue


def test_closed_signals_carry_no_deadline(users):
    signal = signal_transition(
        ctx=ctx_of(users[GEM]), signal=make_signal(S.ONTVANGEN), to=S.GEEN_VERVOLG, reason="geen aanwijzing"
    )
    assert signal.stage_deadline is None and signal.closed_at is not None
    assert signal.no_followup_reason == "geen aanwijzing"


def test_refused_transition_is_audited(users):
    signal = make_signal(S.INGEBRACHT)
    with pytest.raises(PermissionDenied):
        signal_transition(ctx=ctx_of(users[GEM]), signal=signal, to=S.CASUS)
    entry = AuditEntry.objects.using("audit").order_by("-id").first()
    assert entry.result == "refused" and entry.object_id == signal.number


def test_timeline_is_append_only(users):
    signal = make_signal(S.ONTVANGEN)
    signal = signal_transition(ctx=ctx_of(users[GEM]), signal=signal, to=S.IN_BEHANDELING)
    event = signal.timeline.first()
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()


@pytest.mark.django_db(transaction=True)
@pytest.mark.needs_db_feature("has_select_for_update")  # SQLite serialises every write transaction
def test_concurrent_steps_are_serialised_by_the_row_lock(users):
    """Two people take the same step at the same moment: one wins, the other finds it taken."""
    import threading

    from django.db import connection

    signal = make_signal(S.ONTVANGEN)
    barrier = threading.Barrier(2)
    results: list[str] = []

    def take_step():
        try:
            barrier.wait()
            signal_transition(ctx=ctx_of(users[GEM]), signal=signal, to=S.IN_BEHANDELING)
            results.append("ok")
        except ValidationError:
            results.append("taken")
        finally:
            connection.close()

    threads = [threading.Thread(target=take_step) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == ["ok", "taken"]
    assert signal.timeline.filter(kind="transition").count() == 1


def _statuses(state, **kw):
    return [(s.state, s.status) for s in workflow.steps(state, **kw)]


def test_the_stepper_shows_what_is_behind_where_it_is_and_what_is_ahead():
    S = workflow.State
    shown = _statuses(S.CASUS)
    assert [state for state, _ in shown] == list(workflow.MAIN_PATH)
    assert shown[:3] == [(S.ONTVANGEN, "done"), (S.IN_BEHANDELING, "done"), (S.INGEBRACHT, "done")]
    assert shown[3] == (S.CASUS, "current") and all(status == "todo" for _, status in shown[4:])
    assert _statuses(S.AFGESLOTEN)[-1] == (S.AFGESLOTEN, "current")


def test_a_signal_without_follow_up_ends_its_path_where_it_was_stopped():
    S = workflow.State
    shown = _statuses(S.GEEN_VERVOLG, furthest=S.INGEBRACHT)
    assert shown == [
        (S.ONTVANGEN, "done"),
        (S.IN_BEHANDELING, "done"),
        (S.INGEBRACHT, "done"),
        (S.GEEN_VERVOLG, "current"),
    ]
    # history unknown: the path from receipt
    assert _statuses(S.GEEN_VERVOLG)[0] == (S.ONTVANGEN, "done")
    # reopened: back at triage
    assert (S.IN_BEHANDELING, "current") in _statuses(S.HEROPEND)


def test_one_primary_action_per_state_and_every_primary_step_is_in_the_transition_table():
    S = workflow.State
    assert workflow.primary_target(S.ONTVANGEN) == S.IN_BEHANDELING
    assert workflow.primary_target(S.EVALUATIE) == S.AFGESLOTEN
    assert workflow.primary_target(S.AFGESLOTEN) == "" and workflow.primary_target(S.GEEN_VERVOLG) == ""
    for state in [*workflow.MAIN_PATH[:-1], S.HEROPEND]:
        assert workflow.transition_for(state, workflow.primary_target(state)) is not None, state


def test_whose_turn_the_next_step_is():
    assert str(workflow.next_step_by(S.ONTVANGEN)) == "de melder of de toegewezen organisatie"
    assert str(workflow.next_step_by(S.INGEBRACHT)) == "het RIEC (informatieplein)"
    assert str(workflow.next_step_by(S.INTERVENTIEVOORSTEL)) == "het casusteam"
    assert workflow.next_step_by(S.AFGESLOTEN) == "" and workflow.next_step_by(S.GEEN_VERVOLG) == ""
