"""The workflow as data: states, the allowed transitions, who may take each, and stage deadlines.

A transition names the roles that may take it and the *scope* the actor's organisation must be in:

- ``holder``: the reporting or the assigned organisation of the signal;
- ``riec``: an organisation of kind RIEC (the informatieplein);
- ``team``: an organisation in the case team.

`services.signal_transition` is the only place that changes a state; it asks `allowed` first.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import Role


class State(models.TextChoices):
    ONTVANGEN = "ontvangen", _("ontvangen")
    IN_BEHANDELING = "in_behandeling", _("in behandeling (triage)")
    INGEBRACHT = "ingebracht", _("ingebracht bij het informatieplein")
    CASUS = "casus", _("casus")
    INTERVENTIEVOORSTEL = "interventievoorstel", _("interventievoorstel")
    INTERVENTIE_IN_UITVOERING = "interventie_in_uitvoering", _("interventie in uitvoering")
    EVALUATIE = "evaluatie", _("evaluatie")
    AFGESLOTEN = "afgesloten", _("afgesloten")
    GEEN_VERVOLG = "geen_vervolg", _("geen vervolg")
    HEROPEND = "heropend", _("heropend")


TERMINAL = frozenset({State.AFGESLOTEN, State.GEEN_VERVOLG})

HOLDER, RIEC, TEAM = "holder", "riec", "team"

#: roles that work with signals at all; the FG and the administrator deliberately not
WORKER_ROLES = frozenset(
    {Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST, Role.PARTNER}
)
RIEC_ONLY = frozenset({Role.RIEC_ANALIST})


@dataclass(frozen=True)
class Transition:
    source: str
    target: str
    roles: frozenset[str]
    scopes: frozenset[str]
    reason_required: bool = False
    #: a precondition checked by the service: "intervention", "evaluation", "case"
    requires: str = ""
    label: str = ""


def _t(source, target, roles, scopes, **kw) -> Transition:
    return Transition(source, target, frozenset(roles), frozenset(scopes), **kw)


S = State
TRANSITIONS: tuple[Transition, ...] = (
    _t(S.ONTVANGEN, S.IN_BEHANDELING, WORKER_ROLES, {HOLDER}),
    _t(S.ONTVANGEN, S.GEEN_VERVOLG, WORKER_ROLES, {HOLDER}, reason_required=True),
    _t(S.IN_BEHANDELING, S.INGEBRACHT, WORKER_ROLES, {HOLDER}),
    _t(S.IN_BEHANDELING, S.GEEN_VERVOLG, WORKER_ROLES, {HOLDER}, reason_required=True),
    _t(S.INGEBRACHT, S.CASUS, RIEC_ONLY, {RIEC}),
    _t(S.INGEBRACHT, S.IN_BEHANDELING, RIEC_ONLY, {RIEC}, reason_required=True),
    _t(S.INGEBRACHT, S.GEEN_VERVOLG, RIEC_ONLY, {RIEC}, reason_required=True),
    _t(S.CASUS, S.INTERVENTIEVOORSTEL, RIEC_ONLY, {RIEC}),
    _t(S.CASUS, S.GEEN_VERVOLG, RIEC_ONLY, {RIEC}, reason_required=True),
    _t(S.INTERVENTIEVOORSTEL, S.INTERVENTIE_IN_UITVOERING, WORKER_ROLES, {TEAM}, requires="intervention"),
    _t(S.INTERVENTIEVOORSTEL, S.CASUS, RIEC_ONLY, {RIEC}, reason_required=True),
    _t(S.INTERVENTIE_IN_UITVOERING, S.EVALUATIE, WORKER_ROLES, {TEAM}),
    _t(S.EVALUATIE, S.AFGESLOTEN, RIEC_ONLY, {RIEC}, requires="evaluation"),
    _t(S.AFGESLOTEN, S.HEROPEND, RIEC_ONLY, {RIEC}, reason_required=True),
    _t(S.GEEN_VERVOLG, S.HEROPEND, WORKER_ROLES, {HOLDER, RIEC}, reason_required=True),
    _t(S.HEROPEND, S.IN_BEHANDELING, WORKER_ROLES, {HOLDER, RIEC}),
    _t(S.HEROPEND, S.CASUS, RIEC_ONLY, {RIEC}, requires="case"),
)

_BY_PAIR = {(t.source, t.target): t for t in TRANSITIONS}

#: days allowed in each stage before the signal is flagged overdue (settings: SIGNALS_STAGE_DAYS)
STAGE_DAYS: dict[str, int] = {
    S.ONTVANGEN: 5,
    S.IN_BEHANDELING: 14,
    S.INGEBRACHT: 28,
    S.CASUS: 42,
    S.INTERVENTIEVOORSTEL: 28,
    S.INTERVENTIE_IN_UITVOERING: 120,
    S.EVALUATIE: 28,
    S.HEROPEND: 14,
}


def transition_for(source: str, target: str) -> Transition | None:
    return _BY_PAIR.get((source, target))


def transitions_from(source: str) -> list[Transition]:
    return [t for t in TRANSITIONS if t.source == source]


def stage_deadline(state: str, start):
    days = {**STAGE_DAYS, **getattr(settings, "SIGNALS_STAGE_DAYS", {})}.get(state)
    return start + timedelta(days=days) if days else None


def allowed(transition: Transition, roles: frozenset[str], scopes: frozenset[str]) -> bool:
    """The pure decision: does an actor with these roles, whose organisation is in these scopes,
    hold the right to take this transition? Preconditions (reason, evaluation) come after."""
    return bool(transition.roles & roles) and bool(transition.scopes & scopes)


#: the way a signal normally goes, as the status stepper shows it
MAIN_PATH: tuple[str, ...] = (
    S.ONTVANGEN,
    S.IN_BEHANDELING,
    S.INGEBRACHT,
    S.CASUS,
    S.INTERVENTIEVOORSTEL,
    S.INTERVENTIE_IN_UITVOERING,
    S.EVALUATIE,
    S.AFGESLOTEN,
)
DONE, CURRENT, TODO = "done", "current", "todo"


@dataclass(frozen=True)
class Step:
    state: str
    label: str
    status: str  # DONE, CURRENT or TODO


def steps(state: str, *, furthest: str = "") -> list[Step]:
    """The stepper of a signal in `state`: the main path with what lies behind it, where it is and
    what is ahead. A signal without follow-up ends its path there; a reopened one stands at the
    triage step again (`furthest` is how far it got before, shown as done up to there)."""
    path = list(MAIN_PATH)
    if state == S.GEEN_VERVOLG:
        reached = MAIN_PATH.index(furthest) if furthest in MAIN_PATH else 0
        path = [*MAIN_PATH[: reached + 1], S.GEEN_VERVOLG]
    here = path.index(S.IN_BEHANDELING if state == S.HEROPEND else state)
    return [
        Step(s, str(State(s).label), DONE if i < here else CURRENT if i == here else TODO)
        for i, s in enumerate(path)
    ]


def primary_target(state: str) -> str:
    """The one step forward on the main path from `state` (its button is the primary action)."""
    if state == S.HEROPEND:
        return S.IN_BEHANDELING
    if state in MAIN_PATH and state != MAIN_PATH[-1]:
        return MAIN_PATH[MAIN_PATH.index(state) + 1]
    return ""


#: who takes a step, in words, per scope of the transition table
SCOPE_LABELS = {
    HOLDER: _("de melder of de toegewezen organisatie"),
    RIEC: _("het RIEC (informatieplein)"),
    TEAM: _("het casusteam"),
}


def next_step_by(state: str) -> str:
    """Who takes the main path's next step from `state`, in words ("" at its end)."""
    transition = transition_for(state, primary_target(state))
    if transition is None:
        return ""
    return ", ".join(str(SCOPE_LABELS[s]) for s in sorted(transition.scopes))
