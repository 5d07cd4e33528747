"""The holiday park as a subject kind: a signal can be about a park, found again by its park code.

Registered from `ParkenConfig.ready`. Reads go through this app's selectors with the caller's
context: the facts hold what the context may see of the park (name and municipality for
everyone, the typology and score for partners) with a link to its profile; `hit` asks the register
whether the code exists at all, and that answer is audited (`selectors.park_registered`).
"""

from __future__ import annotations

import datetime as dt
import re

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.core.context import ProcessingContext
from weerbaar.core.subjects import (
    About,
    Fact,
    Freshness,
    Source,
    SubjectKind,
    SubjectRef,
    register_source,
    register_subject_kind,
)

from . import selectors
from .models import Typology
from .policies import figures_visible

register_source(
    Source(
        "parken",
        "Parkenregister (Expertisecentrum Vitale Vakantieparken)",
        holder="Provincie Overijssel, Expertisecentrum Vitale Vakantieparken",
        how_to_ask="Vraag het profiel van het park op bij de provinciaal adviseur vakantieparken.",
    )
)

#: a park code is a slug: lower-case letters, digits and hyphens
PARK_CODE = re.compile(r"^[a-z0-9][a-z0-9_-]*$")


@register_subject_kind
class ParkKind(SubjectKind):
    """A holiday park by its park code (the register's slug, e.g. `de-eikenhorst`)."""

    name = "vakantiepark"
    label = gettext_lazy("vakantiepark")
    identifier_label = gettext_lazy("parkcode")
    fields = ()
    order = 60

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        return "-".join((identifier or "").lower().split())

    def valid(self, identifier: str) -> bool:
        return bool(PARK_CODE.match(self.normalise(identifier)))

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        return selectors.park_registered(ctx=ctx, code=self.normalise(subject.identifier))

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        about = About(subject.label, "parken", fresh)
        park = selectors.park_by_code(ctx=ctx, code=self.normalise(subject.identifier))
        if park is None:
            return [about.hidden(label=_("Vakantiepark"), hit=self.hit(ctx, subject))]
        facts = [
            about.fact(
                label=_("Vakantiepark"),
                value=park.name,
                level=park.access_level,
                link=reverse("parken:detail", args=[park.pk]),
            ),
            about.fact(label=_("Gemeente"), value=park.municipality_code, level=park.access_level),
        ]
        if figures_visible(ctx):
            typology = getattr(park, "typology", None)
            facts.append(
                about.fact(
                    label=_("Typologie"), value=Typology(typology).label if typology else "—", level="intern"
                )
            )
            if park.attention_score is not None:
                facts.append(
                    about.fact(label=_("Aandachtsscore"), value=f"{park.attention_score:.0f}", level="intern")
                )
        return facts
