"""Demo signals: two fictitious signals of the demo municipality, one already brought in.

Idempotent: a signal with the same title is not created twice. Needs the demo accounts
(loader "10-accounts") and the region; registers are optional (enrichment finds what is there).
The platform's own processing: the signals are fictitious, but their tables hold personal data.
"""

from __future__ import annotations

from typing import TextIO

from django.contrib.auth import get_user_model
from django.contrib.gis.geos import Point
from django.db import transaction
from django.utils import timezone

from weerbaar.core.personal_data import platform_processing

from . import numbers
from .keys import subject_key
from .models import Signal, Subject, TimelineEvent
from .workflow import State, stage_deadline

DEMO = [
    {
        "title": "Hennepgeur en afgeplakte ramen bij loods (demo)",
        "phenomenon": "drugs",
        "state": State.IN_BEHANDELING,
        "point": (203400, 503100),
        "subjects": [("onderneming", "12345678", "Fictieve Handel B.V.")],
    },
    {
        "title": "Permanente bewoning chalets op vakantiepark (demo)",
        "phenomenon": "vakantiepark",
        "state": State.INGEBRACHT,
        "point": (229800, 489600),
        "subjects": [("voertuig", "XX-999-X", "")],
    },
]


@platform_processing("demo signals")
@transaction.atomic
def load_demo_signals(stdout: TextIO) -> None:
    user = get_user_model().objects.filter(username="demo-gemeente").select_related("organisation").first()
    if user is None or user.organisation is None:
        stdout.write("signals: geen demo-gemeente; overgeslagen\n")
        return
    created = 0
    for item in DEMO:
        if Signal.objects.filter(title=item["title"]).exists():
            continue
        now = timezone.now()
        signal = Signal.objects.create(
            number=numbers.placeholder(),
            title=item["title"],
            phenomenon=item["phenomenon"],
            reporting_organisation=user.organisation,
            reported_by=user,
            assigned_organisation=user.organisation,
            state=item["state"],
            ingebracht=item["state"] == State.INGEBRACHT,
            point=Point(*item["point"], srid=28992),
            stage_deadline=stage_deadline(item["state"], now),
            description="Fictief demonstratiesignaal.",
        )
        numbers.assign(signal, numbers.SIGNAL)
        for kind, identifier, name in item["subjects"]:
            Subject.objects.create(
                signal=signal,
                kind=kind,
                identifier=identifier,
                name=name,
                key=subject_key(kind, identifier, name),
            )
        TimelineEvent.objects.create(
            signal=signal, kind=TimelineEvent.Kind.CREATED, actor=user.username, to_state=signal.state
        )
        created += 1
    stdout.write(f"signals: {created} demosignalen aangemaakt\n")
