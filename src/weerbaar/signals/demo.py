"""Demo signals: two fictitious signals of the demo municipality, one already brought in.

Each lies inside the municipality that reports it (a point on the surface of its boundary, moved
by the item's offset where that stays inside), so the list, the map and the dashboard agree.

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
from weerbaar.organisations.models import Area

from . import numbers
from .keys import subject_key
from .models import Signal, Subject, TimelineEvent
from .workflow import State, stage_deadline

DEMO = [
    {
        "title": "Hennepgeur en afgeplakte ramen bij loods (demo)",
        "phenomenon": "drugs",
        "state": State.IN_BEHANDELING,
        "offset": (0, 0),
        "subjects": [("onderneming", "12345678", "Fictieve Handel B.V.")],
    },
    {
        "title": "Permanente bewoning chalets op vakantiepark (demo)",
        "phenomenon": "vakantiepark",
        "state": State.INGEBRACHT,
        "offset": (1500, -1200),
        "subjects": [("voertuig", "XX-999-X", "")],
    },
]


def _point_in(area: Area | None, offset: tuple[int, int]) -> Point | None:
    if area is None:
        return None
    anchor = area.geometry.point_on_surface
    moved = Point(anchor.x + offset[0], anchor.y + offset[1], srid=anchor.srid)
    return moved if area.geometry.contains(moved) else anchor


@platform_processing("demo signals")
@transaction.atomic
def load_demo_signals(stdout: TextIO) -> None:
    user = get_user_model().objects.filter(username="demo-gemeente").select_related("organisation").first()
    if user is None or user.organisation is None:
        stdout.write("signals: geen demo-gemeente; overgeslagen\n")
        return
    area = Area.objects.filter(organisation=user.organisation, kind="gemeente").first()
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
            point=_point_in(area, item["offset"]),
            municipality=user.organisation if area is not None else None,
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
