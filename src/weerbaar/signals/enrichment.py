"""Enrichment: one click brings together what the registers and the map know about a signal.

Every look-up goes through the registers app's selectors with the acting user, so the answer holds
only what that user may see and every shielded read is audited there. Each fact carries its source,
its freshness and the access level it needs. What the user may not see becomes a *hit / no hit*
with the holder and the way to request it, and nothing more.
"""

from __future__ import annotations

import json
import time
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.apps import apps
from django.contrib.gis.geos import Point
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from shapely.geometry import LineString
from shapely.geometry import Point as ShapelyPoint

from weerbaar.audit.models import Action
from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import policy_for, require
from weerbaar.core.registry import Registry
from weerbaar.organisations.models import Area
from weerbaar.privacy.context import legacy_context
from weerbaar.registers import selectors as registers
from weerbaar.registers.models import (
    AdresseerbaarObject,
    ImportRun,
)

from .models import EnrichmentRun, Signal, Subject, TimelineEvent

BORDER_FILE = Path(__file__).parent / "data" / "grens_nl_de.geojson"
BORDER_NEAR_KM = 10.0
RURAL_RADIUS_M = 250
RURAL_MAX_ADDRESSES = 15

OPENBAAR, INTERN, AFGESCHERMD = AccessLevel.OPENBAAR, AccessLevel.INTERN, AccessLevel.AFGESCHERMD

SOURCES = {
    "bag": "BAG (Basisregistratie Adressen en Gebouwen)",
    "brk": "BRK (Basisregistratie Kadaster)",
    "kvk": "Handelsregister (KvK)",
    "personen": "Personen (BRP-uittreksel)",
    "signalen": "Weerbaar signalen",
    "regio": "Bestuurlijke grenzen (CBS)",
    "grens": "Rijksgrens NL–DE (afgeleid van de provinciegrens)",
    "rdw": "RDW kentekenregister",
}

#: who holds what the user may not see, and how to ask for it
HOLDERS = {
    "personen": (
        "Gemeente (BRP) via het RIEC",
        "Vraag inzage aan via het RIEC-informatieplein met een vastgelegde grondslag (convenant, WGS).",
    ),
    "brk": (
        "Kadaster via de gemeente",
        "Een analist met een grondslag voor signaalverrijking kan de eigenaren inzien.",
    ),
    "kvk": (
        "KvK via het RIEC",
        "Functionarissen zijn afgeschermd; vraag ze op via het RIEC-informatieplein.",
    ),
    "signalen": (
        "De organisatie die het signaal behandelt",
        "Neem contact op met de genoemde organisatie of breng het signaal in bij het informatieplein.",
    ),
    "rdw": (
        "RDW / politie",
        "Kentekengegevens staan niet in dit platform; vraag ze op via de politie (RIEC).",
    ),
}

#: extra map-context providers (e.g. a holiday-park register): name -> callable(signal, user) -> facts
context_providers: Registry = Registry("map context provider")


def fact(
    *,
    subject: str,
    category: str,
    label: str,
    value: Any = "",
    source: str,
    freshness: str = "",
    level: str = OPENBAAR,
    hit: bool | None = None,
    holder: str = "",
    request: str = "",
) -> dict[str, Any]:
    return {
        "subject": subject,
        "category": category,
        "label": str(label),
        "value": "" if value is None else str(value),
        "source": SOURCES.get(source, source),
        "freshness": freshness,
        "level": str(level),
        "hit": hit,
        "holder": holder,
        "request": request,
    }


def hidden_fact(
    *, subject: str, category: str, label: str, source: str, hit: bool, freshness: str = ""
) -> dict:
    holder, how = HOLDERS.get(source, ("", ""))
    return fact(
        subject=subject,
        category=category,
        label=label,
        source=source,
        freshness=freshness,
        level=INTERN,
        hit=hit,
        holder=holder,
        request=how,
    )


class _Freshness:
    """The date of the last successful import per register, looked up once per run."""

    PREFIX = {"bag": "bag", "brk": "brk", "kvk": "kvk", "personen": "personen"}

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, register: str) -> str:
        if register not in self._cache:
            run = (
                ImportRun.objects.filter(
                    importer__startswith=self.PREFIX.get(register, register), status="ok"
                )
                .order_by("-gestart")
                .values_list("beeindigd", "gestart")
                .first()
            )
            moment = run and (run[0] or run[1])
            self._cache[register] = moment.date().isoformat() if moment else str(_("importdatum onbekend"))
        return self._cache[register]


class _About:
    """Facts about one subject from one register: subject, category, source and freshness said once."""

    def __init__(self, subject: str, register: str, fresh: _Freshness) -> None:
        self.subject, self.register, self.fresh = subject, register, fresh

    def fact(self, *, label: str, value: Any = "", level: str = OPENBAAR) -> dict[str, Any]:
        return fact(
            subject=self.subject,
            category=self.register,
            label=label,
            value=value,
            source=self.register,
            freshness=self.fresh(self.register),
            level=level,
        )

    def hidden(self, *, label: str, hit: bool) -> dict[str, Any]:
        return hidden_fact(
            subject=self.subject,
            category=self.register,
            label=label,
            source=self.register,
            hit=hit,
            freshness=self.fresh(self.register),
        )


@lru_cache(maxsize=1)
def border_line() -> LineString:
    data = json.loads(BORDER_FILE.read_text(encoding="utf-8"))
    return LineString(data["features"][0]["geometry"]["coordinates"])


def border_distance_km(point: Point) -> float:
    return border_line().distance(ShapelyPoint(point.x, point.y)) / 1000.0


def _address_facts(user, label: str, text: str, fresh: _Freshness, request) -> list[dict]:
    kvk = _About(label, "kvk", fresh)
    bag = _About(label, "bag", fresh)
    personen = _About(label, "personen", fresh)
    facts: list[dict] = []
    result = registers.adres_zoeken(ctx=legacy_context(user, request), query=text)
    if not result.adressen:
        facts.append(bag.fact(label=_("Adres in de BAG"), value=_("niet gevonden")))
        return facts
    for a in result.adressen[:3]:
        facts.append(bag.fact(label=_("Adres"), value=str(a), level=a.access_level))
        via = result.gevonden_via.get(a.identificatie)
        if via is not None:
            facts.append(bag.fact(label=_("Gevonden via nevenadres"), value=str(via), level=via.access_level))
        for neven in result.nevenadressen.get(a.identificatie, []):
            if neven is not via:
                facts.append(bag.fact(label=_("Nevenadres"), value=str(neven), level=neven.access_level))
        facts.append(bag.fact(label=_("Gebruiksdoel"), value=a.gebruiksdoel or "—", level=a.access_level))
        if a.bouwjaar:
            facts.append(bag.fact(label=_("Bouwjaar"), value=a.bouwjaar, level=a.access_level))
        if a.oppervlakte:
            facts.append(bag.fact(label=_("Oppervlakte (m²)"), value=a.oppervlakte, level=a.access_level))
    facts.append(
        kvk.fact(label=_("Inschrijvingen KvK op dit adres"), value=len(result.vestigingen), level=INTERN)
    )
    for v in result.vestigingen[:10]:
        status = _("beëindigd") if v.datum_einde else _("actief")
        facts.append(
            kvk.fact(
                label=_("Vestiging"),
                value=f"{v.eerste_handelsnaam} ({v.kvk_nummer}, {status})",
                level=v.access_level,
            )
        )
    keys = result.sleutels()
    if result.bewoners is None:
        hit = registers.bewoners_aanwezig(ctx=legacy_context(user, request), adres_sleutels=keys)
        facts.append(personen.hidden(label=_("Ingeschreven personen"), hit=hit))
    else:
        facts.append(
            personen.fact(label=_("Ingeschreven personen"), value=len(result.bewoners), level=AFGESCHERMD)
        )
        for b in result.bewoners[:10]:
            born = f", {b.persoon.geboortedatum:%Y}" if b.persoon.geboortedatum else ""
            facts.append(personen.fact(label=_("Bewoner"), value=f"{b.persoon}{born}", level=AFGESCHERMD))
    return facts


def _parcel_facts(user, label: str, text: str, fresh: _Freshness, request) -> list[dict]:
    brk = _About(label, "brk", fresh)
    result = registers.perceel_zoeken(ctx=legacy_context(user, request), aanduiding=text)
    if result.object is None:
        return [brk.fact(label=_("Perceel in de BRK"), value=_("niet gevonden"))]
    obj = result.object
    facts = [
        brk.fact(
            label=_("Kadastraal object"),
            value=f"{obj.kadastrale_aanduiding} ({obj.get_soort_display()})",
            level=obj.access_level,
        ),
        brk.fact(label=_("Grootte (m²)"), value=obj.grootte or "—", level=obj.access_level),
    ]
    if result.appartementsrechten:
        facts.append(
            brk.fact(
                label=_("Appartementsrechten"), value=len(result.appartementsrechten), level=obj.access_level
            )
        )
    if result.rechten is None:
        hit = registers.eigenaren_aanwezig(ctx=legacy_context(user, request), kadastraal_object=obj)
        facts.append(brk.hidden(label=_("Eigenaren (zakelijk gerechtigden)"), hit=hit))
    else:
        for r in result.rechten[:10]:
            who = str(r.persoon) if r.persoon else f"{r.rechtspersoon_naam} ({r.kvk_nummer})"
            facts.append(
                brk.fact(
                    label=_("Eigenaar (%(soort)s, %(teller)s/%(noemer)s)")
                    % {"soort": r.soort, "teller": r.aandeel_teller, "noemer": r.aandeel_noemer},
                    value=who,
                    level=AFGESCHERMD,
                )
            )
    return facts


def _company_facts(user, label: str, text: str, fresh: _Freshness, request) -> list[dict]:
    kvk = _About(label, "kvk", fresh)
    result = registers.onderneming_zoeken(ctx=legacy_context(user, request), kvk_nummer=text)
    if result.onderneming is None:
        return [kvk.fact(label=_("Inschrijving KvK"), value=_("niet gevonden of niet zichtbaar"))]
    o = result.onderneming
    lvl = o.access_level
    facts = [
        kvk.fact(label=_("Naam"), value=o.naam, level=lvl),
        kvk.fact(label=_("Rechtsvorm"), value=o.rechtsvorm or "—", level=lvl),
        kvk.fact(
            label=_("Activiteit (SBI)"), value=f"{o.sbi_code} {o.sbi_omschrijving}".strip() or "—", level=lvl
        ),
        kvk.fact(label=_("Ingeschreven op"), value=o.registratiedatum or "—", level=lvl),
    ]
    if o.datum_einde:
        facts.append(kvk.fact(label=_("Uitgeschreven op"), value=o.datum_einde, level=lvl))
    for v in result.vestigingen[:10]:
        facts.append(
            kvk.fact(
                label=_("Vestigingsadres"),
                value=f"{v.straat} {v.huisnummer}{v.huisletter}, {v.postcode} {v.plaats}",
                level=v.access_level,
            )
        )
    if result.functionarissen is None:
        hit = registers.functionarissen_aanwezig(ctx=legacy_context(user, request), onderneming=o)
        facts.append(kvk.hidden(label=_("Functionarissen"), hit=hit))
    else:
        for f in result.functionarissen[:10]:
            facts.append(kvk.fact(label=f.functie, value=str(f.persoon), level=AFGESCHERMD))
    return facts


def _person_facts(user, label: str, subject: Subject, fresh: _Freshness, request) -> list[dict]:
    personen = _About(label, "personen", fresh)
    kvk = _About(label, "kvk", fresh)
    brk = _About(label, "brk", fresh)
    name = subject.name or subject.identifier
    ctx = legacy_context(user, request)
    if not ctx.clearance.shielded:
        hit = registers.persoon_aanwezig(ctx=ctx, naam=name, geboortedatum=subject.birth_date)
        return [personen.hidden(label=_("Persoon in de registers"), hit=hit)]
    hits = registers.persoon_zoeken(ctx=ctx, naam=name, geboortedatum=subject.birth_date, limit=5, minimum=85)
    facts = [personen.fact(label=_("Treffers in de registers"), value=len(hits), level=AFGESCHERMD)]
    for h in hits:
        p = h.persoon
        born = f" ({p.geboortedatum:%d-%m-%Y})" if p.geboortedatum else ""
        facts.append(
            personen.fact(
                label=_("Persoon (score %(score).0f)") % {"score": h.score.score},
                value=f"{p}{born}",
                level=AFGESCHERMD,
            )
        )
        verbanden = registers.persoon_verbanden(ctx=ctx, persoon=p)
        for func in verbanden.functies:
            facts.append(
                kvk.fact(
                    label=_("Functionaris bij"),
                    value=f"{func.onderneming.naam} ({func.onderneming.kvk_nummer}), {func.functie}",
                    level=AFGESCHERMD,
                )
            )
        for right in verbanden.rechten:
            facts.append(
                brk.fact(
                    label=_("Eigendom"),
                    value=right.kadastraal_object.kadastrale_aanduiding,
                    level=AFGESCHERMD,
                )
            )
    return facts


def _other_signals(user, label: str, keys: list[str], signal: Signal, request) -> list[dict]:
    from .selectors import duplicates

    found = duplicates(user=user, subject_keys=keys, exclude=signal.pk, request=request)
    facts = [
        fact(
            subject=label,
            category="signalen",
            label=_("Ander signaal"),
            value=f"{s.number} ({s.get_state_display()})",
            source="signalen",
            freshness=timezone.localdate().isoformat(),
            level=AFGESCHERMD,
        )
        for s in found.known
    ]
    for holder in found.hidden_holders:
        facts.append(
            hidden_fact(
                subject=label,
                category="signalen",
                label=_("Signaal bij een andere organisatie"),
                source="signalen",
                hit=True,
            )
            | {"holder": holder}
        )
    if not found.hit:
        facts.append(
            fact(
                subject=label,
                category="signalen",
                label=_("Andere signalen"),
                value=_("geen"),
                source="signalen",
                freshness=timezone.localdate().isoformat(),
                level=INTERN,
            )
        )
    return facts


def _map_context(user, signal: Signal) -> list[dict]:
    label = str(_("Locatie"))
    point = signal.point
    if point is None:
        return [
            fact(
                subject=label,
                category="kaart",
                label=_("Kaartcontext"),
                value=_("geen locatie bekend"),
                source="regio",
            )
        ]
    facts = []
    area = Area.objects.filter(kind="gemeente", geometry__contains=point).only("name", "source").first()
    facts.append(
        fact(
            subject=label,
            category="kaart",
            label=_("Gemeente"),
            value=area.name if area else _("buiten de regio"),
            source=area.source if area and area.source else "regio",
        )
    )
    km = border_distance_km(point)
    value = _("%(km).1f km") % {"km": km}
    if km <= BORDER_NEAR_KM:
        value = _("%(km).1f km (grensgebied)") % {"km": km}
    facts.append(
        fact(
            subject=label,
            category="kaart",
            label=_("Afstand tot de Duitse grens"),
            value=value,
            source="grens",
        )
    )
    nearby = addresses_near(point, RURAL_RADIUS_M)
    rural = nearby <= RURAL_MAX_ADDRESSES
    facts.append(
        fact(
            subject=label,
            category="kaart",
            label=_("Buitengebied"),
            value=(
                _("ja (%(n)s adressen binnen %(r)s m)") if rural else _("nee (%(n)s adressen binnen %(r)s m)")
            )
            % {"n": nearby, "r": RURAL_RADIUS_M},
            source="bag",
        )
    )
    facts += _layer_context(user, point, label)
    for _name, provider in context_providers.items():
        facts += provider(signal, user)
    return facts


def addresses_near(point: Point, radius: float) -> int:
    """BAG addresses within `radius` m. On SpatiaLite the R-tree is asked for the square around the
    point first (GeoDjango's dwithin there scans the table); PostGIS uses its GiST index itself."""
    from django.db import connection

    qs = AdresseerbaarObject.objects.filter(geometrie__dwithin=(point, radius))
    if connection.features.dwithin_uses_spatial_index or not connection.features.spatial_index_is_rtree:
        return qs.count()
    table = AdresseerbaarObject._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {table} WHERE ROWID IN (SELECT ROWID FROM SpatialIndex "  # noqa: S608
            "WHERE f_table_name = %s AND f_geometry_column = 'geometrie' "
            "AND search_frame = BuildMbr(%s, %s, %s, %s, 28992)) "
            "AND PtDistWithin(geometrie, MakePoint(%s, %s, 28992), %s)",
            [
                table,
                point.x - radius,
                point.y - radius,
                point.x + radius,
                point.y + radius,
                point.x,
                point.y,
                radius,
            ],
        )
        return cursor.fetchone()[0]


def _layer_context(user, point, label) -> list[dict]:
    """Nature areas, holiday parks, business parks: any map layer in the platform with that theme."""
    if not apps.is_installed("weerbaar.geo"):
        return []
    layer_model = apps.get_model("geo", "Layer")
    feature_model = apps.get_model("geo", "Feature")
    facts = []
    factsheets = _factsheets_by_layer(user)
    layers = (
        policy_for(layer_model)
        .visible(user)
        .filter(current_version__isnull=False)
        .filter(Q(theme__in=["natuur", "economie"]) | Q(code__in=list(factsheets)))
    )
    for layer in layers:
        hits = list(
            feature_model.objects.filter(version_id=layer.current_version_id, geometry__intersects=point)[:3]
        )
        name = layer.style.get("label") if isinstance(layer.style, dict) else None
        value = ", ".join(str(f.properties.get(name or "naam") or f.fid) for f in hits) if hits else _("nee")
        facts.append(
            fact(
                subject=label,
                category="kaart",
                label=layer.title,
                value=value,
                source=factsheets.get(layer.code) or layer.credit or layer.source or layer.code,
                freshness=layer.freshness,
            )
        )
    return facts


def _factsheets_by_layer(user) -> dict[str, str]:
    """Layer code -> title of the catalog factsheet that publishes it (datasets with data in the
    platform), as far as the user may see the factsheet; empty without the catalog."""
    if not apps.is_installed("weerbaar.catalog"):
        return {}
    try:
        factsheet_model = apps.get_model("catalog", "Factsheet")
        distribution_model = apps.get_model("catalog", "Distribution")
        visible = policy_for(factsheet_model).visible(user).values("pk")
        rows = (
            distribution_model.objects.filter(factsheet__in=visible)
            .exclude(layer="")
            .select_related("factsheet")
        )
        return {d.layer: str(_("Factsheet: %(title)s") % {"title": d.factsheet.title}) for d in rows}
    except (LookupError, AttributeError):  # a catalog without layers: nothing to add
        return {}


def _subject_facts(user, subject: Subject, fresh: _Freshness, request) -> list[dict]:
    label = str(subject)
    if subject.kind == Subject.Kind.ADRES:
        facts = _address_facts(user, label, subject.identifier, fresh, request)
    elif subject.kind == Subject.Kind.PERCEEL:
        facts = _parcel_facts(user, label, subject.identifier, fresh, request)
    elif subject.kind == Subject.Kind.ONDERNEMING:
        facts = _company_facts(user, label, subject.identifier, fresh, request)
    elif subject.kind == Subject.Kind.PERSOON:
        facts = _person_facts(user, label, subject, fresh, request)
    else:
        facts = [
            hidden_fact(subject=label, category="rdw", label=_("Kenteken"), source="rdw", hit=False)
            | {"hit": None}
        ]
    return facts


def enrich(*, actor: Any, signal: Signal, request: Any = None) -> EnrichmentRun:
    """Run every look-up for the signal's location and subjects; store the facts with their level."""
    from .services import _audit, timeline_add

    require(policy_for(Signal).can_change(actor, signal), "geen toegang tot dit signaal")
    started = time.perf_counter()
    fresh = _Freshness()
    subjects = list(policy_for(Subject).visible(actor, signal.subjects.all()))
    facts: list[dict] = []
    location = str(_("Locatie"))
    if signal.address:
        facts += _address_facts(actor, location, signal.address, fresh, request)
    if signal.parcel:
        facts += _parcel_facts(actor, location, signal.parcel, fresh, request)
    facts += _map_context(actor, signal)
    for subject in subjects:
        facts += _subject_facts(actor, subject, fresh, request)
    keys = [s.key for s in subjects]
    if signal.address_key:
        keys.append(f"adres:{signal.address_key}")
    facts += _other_signals(actor, str(_("Andere signalen")), keys, signal, request)
    with transaction.atomic():
        run = EnrichmentRun.objects.create(
            signal=signal, actor=actor, facts=facts, duration_ms=int((time.perf_counter() - started) * 1000)
        )
        timeline_add(signal, TimelineEvent.Kind.ENRICHMENT, actor, text=f"{len(facts)}")
    _audit(actor, Action.SEARCH, signal, request, detail={"verrijking": run.pk, "feiten": len(facts)})
    return run


def facts_for(user: Any, run: EnrichmentRun, request: Any = None) -> list[dict]:
    """The facts of a run as this viewer may see them: above their clearance one *hit* per subject
    and register, with the holder and how to ask (no values, and no count that gives them away)."""
    levels = clearance_for(user).levels
    shown: list[dict] = []
    masked: set[tuple[str, str]] = set()
    for f in run.facts:
        if f.get("level", OPENBAAR) in levels:
            shown.append(f)
            continue
        key = (f["subject"], f["category"])
        if key in masked:
            continue
        masked.add(key)
        holder, how = HOLDERS.get(f["category"], HOLDERS["personen"])
        shown.append(
            {
                **f,
                "label": str(_("Afgeschermde gegevens")),
                "value": "",
                "hit": True,
                "holder": holder,
                "request": how,
                "level": INTERN,
            }
        )
    shielded = [f for f in shown if f.get("level") == AFGESCHERMD]
    if shielded:
        from .services import _audit

        _audit(
            user,
            Action.VIEW,
            run.signal,
            request,
            detail={"verrijking": run.pk, "afgeschermde_feiten": len(shielded)},
        )
    return shown


def stale(run: EnrichmentRun | None) -> bool:
    """True when a register was imported after the run, so the facts may have changed."""
    if run is None:
        return False
    return ImportRun.objects.filter(status="ok", gestart__gt=run.created_at).exists()
