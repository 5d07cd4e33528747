"""What signals itself brings to the subject kinds: the vehicle (by kenteken) and the sources of
the facts the enrichment finds outside the registers (other signals, the region, the border,
the RDW). Registered from `SignalsConfig.ready`; the registers app registers its own kinds."""

from __future__ import annotations

import datetime as dt
import re

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

for _source in (
    Source(
        "signalen",
        "Weerbaar signalen",
        holder="De organisatie die het signaal behandelt",
        how_to_ask="Neem contact op met de genoemde organisatie of breng het signaal in bij het informatieplein.",
    ),
    Source("regio", "Bestuurlijke grenzen (CBS)"),
    Source("grens", "Rijksgrens NL–DE (afgeleid van de provinciegrens)"),
    Source(
        "rdw",
        "RDW kentekenregister",
        holder="RDW / politie",
        how_to_ask="Kentekengegevens staan niet in dit platform; vraag ze op via de politie (RIEC).",
    ),
):
    register_source(_source)


@register_subject_kind
class VehicleKind(SubjectKind):
    """A vehicle by its kenteken. The RDW register is not in the platform: the enrichment says
    where to ask, and the network shows the other signals that name the same kenteken."""

    name = "voertuig"
    label = gettext_lazy("voertuig (kenteken)")
    identifier_label = gettext_lazy("kenteken")
    order = 50

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        return re.sub(r"[^A-Z0-9]", "", (identifier or "").upper())

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        return [About(subject.label, "rdw", fresh).hidden(label=_("Kenteken"), hit=None)]
