"""Enrichment: one click brings together what the registers and the map know about a signal.

Each subject's facts come from its subject kind (`weerbaar.core.subjects`): the registers app
answers for persons, companies, addresses and parcels through its selectors, with the acting
processing context, so the answer holds only what that context may see and every read — the
hit / no-hit answers too — is audited there. Each fact carries its source, its freshness and the
access level it needs. What the context may not see becomes a *hit / no hit* with the holder and
the way to request it, and nothing more.

This module collects; `services.enrich` stores the run, `selectors.facts_for` shows it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

from django.apps import apps
from django.contrib.gis.geos import Point
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from shapely.geometry import LineString
from shapely.geometry import Point as ShapelyPoint

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.registry import Registry
from weerbaar.core.subjects import Fact, Freshness, SubjectRef, fact, hidden_fact, subject_kinds
from weerbaar.crossref import selectors as crossref
from weerbaar.crossref.services.questions import hit_question_ask
from weerbaar.organisations.models import Area
from weerbaar.registers import selectors as registers

from .keys import ADDRESS, PARCEL
from .models import Signal, Subject
from .selectors import duplicates

BORDER_FILE = Path(__file__).parent / "data" / "grens_nl_de.geojson"
BORDER_NEAR_KM = 10.0
RURAL_RADIUS_M = 250
RURAL_MAX_ADDRESSES = 15

ContextProvider = Callable[[ProcessingContext, Signal], list[Fact]]
#: extra map-context providers (e.g. a holiday-park register): name -> provider(ctx, signal) -> facts
context_providers: Registry[ContextProvider] = Registry("map context provider")


@lru_cache(maxsize=1)
def border_line() -> LineString:
    data = json.loads(BORDER_FILE.read_text(encoding="utf-8"))
    return LineString(data["features"][0]["geometry"]["coordinates"])


def border_distance_km(point: Point) -> float:
    return float(border_line().distance(ShapelyPoint(point.x, point.y)) / 1000.0)


def collect(*, ctx: ProcessingContext, signal: Signal, subjects: list[Subject]) -> list[Fact]:
    """Every fact for the signal's location and its subjects (`subjects`: those `ctx` may see)."""
    fresh = Freshness(ctx)
    facts: list[Fact] = []
    location = _("Locatie")
    for kind, identifier in ((ADDRESS, signal.address), (PARCEL, signal.parcel)):
        if identifier and kind in subject_kinds:
            facts += subject_kinds[kind].facts(ctx, SubjectRef(kind, identifier, label=location), fresh)
    facts += map_context(ctx, signal)
    for subject in subjects:
        if subject.kind in subject_kinds:
            facts += subject_kinds[subject.kind].facts(ctx, subject.ref(), fresh)
    facts += partner_datasets(ctx, subjects)
    keys = [s.key for s in subjects]
    if signal.address_key:
        keys.append(f"{ADDRESS}:{signal.address_key}")
    facts += other_signals(ctx, _("Andere signalen"), keys, signal)
    return facts


#: subject kind -> the kind of hit / no-hit question a partner dataset's index answers
PARTNER_QUESTIONS = {"persoon": "persoon", "onderneming": "kvk", "adres": "adres"}


def partner_datasets(ctx: ProcessingContext, subjects: list[Subject]) -> list[Fact]:
    """Each subject's hit / no hit in the partners' datasets: from their keyed indexes only, each
    question audited for the asker and logged for the holder; the holder and whom to ask, never a
    record. A subject the index cannot read (no date of birth, no KvK-nummer) is not asked."""
    datasets = crossref.askable_datasets(ctx=ctx)
    facts: list[Fact] = []
    for subject in subjects:
        kind = PARTNER_QUESTIONS.get(subject.kind)
        if kind is None:
            continue
        value = subject.name if kind == "persoon" else subject.identifier
        born = subject.birth_date.isoformat() if subject.birth_date else ""
        if kind == "persoon" and not (value and born):
            continue
        for dataset in datasets:
            try:
                answer = hit_question_ask(
                    ctx=ctx, dataset_pk=dataset.pk, kind=kind, value=value, birth_date=born
                )
            except ValueError:
                break
            if answer is None:
                continue
            facts.append(
                fact(
                    subject=str(subject),
                    category="partnerbestanden",
                    label=_("In partnerbestand %(name)s") % {"name": dataset.name},
                    source=dataset.name,
                    level=AccessLevel.INTERN,
                    hit=answer.hit,
                    holder=dataset.holder,
                    request=answer.ask,
                )
            )
    return facts


def other_signals(ctx: ProcessingContext, label: str, keys: list[str], signal: Signal) -> list[Fact]:
    """Other signals on the same subjects: the ones `ctx` may see by number, the rest as a hit
    with their holder."""
    found = duplicates(ctx=ctx, subject_keys=keys, exclude=signal.pk)
    today = timezone.localdate().isoformat()
    facts = [
        fact(
            subject=label,
            category="signalen",
            label=_("Ander signaal"),
            value=f"{s.number} ({s.get_state_display()})",
            source="signalen",
            freshness=today,
            level=AccessLevel.AFGESCHERMD,
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
                freshness=today,
                level=AccessLevel.INTERN,
            )
        )
    return facts


def map_context(ctx: ProcessingContext, signal: Signal) -> list[Fact]:
    """Where the signal is: municipality, distance to the German border, rural or not, and the
    map layers (nature, holiday parks, business parks) at its point."""
    label = _("Locatie")
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
    distance = number_format(km, 1)  # the language's decimal separator: 11,8 in nl and de
    value = _("%(km)s km") % {"km": distance}
    if km <= BORDER_NEAR_KM:
        value = _("%(km)s km (grensgebied)") % {"km": distance}
    facts.append(
        fact(
            subject=label,
            category="kaart",
            label=_("Afstand tot de Duitse grens"),
            value=value,
            source="grens",
        )
    )
    nearby = registers.adressen_binnen(ctx=ctx, punt=point, straal=RURAL_RADIUS_M)
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
    facts += _layer_context(ctx, point, label)
    for _name, provider in context_providers.items():
        facts += provider(ctx, signal)
    return facts


def _layer_context(ctx: ProcessingContext, point: Point, label: str) -> list[Fact]:
    """Nature areas, holiday parks, business parks: any map layer in the platform with that theme.

    geo has no public selector for 'the features of these layers at a point' yet, so the models
    are looked up through the app registry (geo stays optional) and read through geo's policy."""
    if not apps.is_installed("weerbaar.geo"):
        return []
    layer_model = apps.get_model("geo", "Layer")
    feature_model = apps.get_model("geo", "Feature")
    facts = []
    factsheets = _factsheets_by_layer(ctx)
    layers = (
        policy_for(layer_model)
        .visible(ctx)
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


def _factsheets_by_layer(ctx: ProcessingContext) -> dict[str, str]:
    """Layer code -> title of the catalog factsheet that publishes it (datasets with data in the
    platform), as far as the context may see the factsheet; empty without the catalog."""
    if not apps.is_installed("weerbaar.catalog"):
        return {}
    try:
        factsheet_model = apps.get_model("catalog", "Factsheet")
        distribution_model = apps.get_model("catalog", "Distribution")
        visible = policy_for(factsheet_model).visible(ctx).values("pk")
        rows = (
            distribution_model.objects.filter(factsheet__in=visible)
            .exclude(layer="")
            .select_related("factsheet")
        )
        return {d.layer: str(_("Factsheet: %(title)s") % {"title": d.factsheet.title}) for d in rows}
    except (LookupError, AttributeError):  # a catalog without layers: nothing to add
        return {}
