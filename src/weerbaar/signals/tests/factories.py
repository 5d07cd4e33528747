"""Signals in any state, built directly (the services are tested on their own)."""

from __future__ import annotations

from django.contrib.gis.geos import Point
from django.test import Client
from django.utils import timezone

from weerbaar.core.testing import login_verified
from weerbaar.organisations.models import Organisation
from weerbaar.signals.models import Case, CaseTeamMember, Evaluation, Intervention, Signal, Subject
from weerbaar.signals.workflow import State

CASE_STATES = {
    State.CASUS,
    State.INTERVENTIEVOORSTEL,
    State.INTERVENTIE_IN_UITVOERING,
    State.EVALUATIE,
    State.AFGESLOTEN,
    State.HEROPEND,
}
BROUGHT_IN = CASE_STATES | {State.INGEBRACHT, State.GEEN_VERVOLG}
#: Zwolle, near the town hall
ZWOLLE = Point(203000, 502500, srid=28992)

_counter = [0]


def make_signal(
    state: str = State.ONTVANGEN,
    *,
    reporter: str = "GM0193",
    team: tuple[str, ...] = ("GM0193", "RIEC-ON", "POLITIE-ON"),
    point: Point | None = ZWOLLE,
    **fields,
) -> Signal:
    _counter[0] += 1
    org = Organisation.objects.get(code=reporter)
    signal = Signal.objects.create(
        number=f"S-T-{_counter[0]:05d}",
        title=fields.pop("title", "Hennepgeur bij loods"),
        phenomenon=fields.pop("phenomenon", "drugs"),
        reporting_organisation=org,
        assigned_organisation=org,
        state=state,
        ingebracht=state in BROUGHT_IN,
        point=point,
        **fields,
    )
    if state in CASE_STATES:
        case = Case.objects.create(
            number=f"C-T-{_counter[0]:05d}",
            title=signal.title,
            lead_organisation=Organisation.objects.get(code="RIEC-ON"),
        )
        for code in team:
            CaseTeamMember.objects.create(case=case, organisation=Organisation.objects.get(code=code))
        Intervention.objects.create(
            case=case,
            kind="sluiting_13b",
            executing_organisation=org,
            legal_basis="Opiumwet art. 13b",
            planned_on=timezone.localdate(),
            # past the execution, an intervention has its outcome (closing a case requires it)
            result="pand gesloten" if state in (State.EVALUATIE, State.AFGESLOTEN) else "",
        )
        Evaluation.objects.create(
            case=case, effect="pand gesloten", what_worked="snelle inbreng", lessons="eerder delen"
        )
        signal.case = case
        signal.save(update_fields=["case"])
    if state in (State.AFGESLOTEN, State.GEEN_VERVOLG):
        signal.closed_at = timezone.now()
        signal.save(update_fields=["closed_at"])
    return signal


def add_subject(signal: Signal, kind: str, identifier: str, name: str = "", **kw) -> Subject:
    from weerbaar.signals.keys import subject_key

    return Subject.objects.create(
        signal=signal,
        kind=kind,
        identifier=identifier,
        name=name,
        key=subject_key(kind, identifier, name, kw.get("birth_date")),
        **kw,
    )


def client_for(user) -> Client:
    """A test client logged in as the user, with a verified second factor."""
    client = Client()
    login_verified(client, user)
    return client


def subject_rows(*rows: dict, prefix: str = "onderwerp") -> dict[str, str]:
    """The intake form's subject rows as posted: the management form and a row per dict."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data.update({f"{prefix}-{i}-{name}": value for name, value in row.items()})
    return data
