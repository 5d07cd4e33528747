"""The dashboard pages: the choropleth with its trend, the municipality profile and the resilience
picture. Thin: build the context, call selectors, hand `charts` the shown values. Each chart's
data, table and CSV come from the same rows, so none of them can publish more than the other."""

from __future__ import annotations

import csv
import datetime as dt
import statistics
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.privacy.context import request_context

from . import charts, geography, report, resilience
from .models import Indicator, ResilienceDomain
from .selectors import ShownValue, indicator_get, indicator_list, indicator_values


def _language() -> str:
    return (get_language() or "nl")[:2]


def _selection(request: HttpRequest, ctx: ProcessingContext) -> dict[str, Any]:
    """The filters (theme, phenomenon, indicator, period) and what they select."""
    theme = request.GET.get("thema", "")
    phenomenon = request.GET.get("fenomeen", "")
    every = indicator_list(ctx=ctx)
    themes = sorted({i.theme for i in every if i.theme})
    phenomena = sorted({i.phenomenon for i in every if i.phenomenon})
    items = [
        i for i in every if (not theme or i.theme == theme) and (not phenomenon or i.phenomenon == phenomenon)
    ]
    key = request.GET.get("indicator", "")
    indicator = next((i for i in items if i.key == key), None) or (items[0] if items else None)
    values: list[ShownValue] = []
    periods: list[tuple[dt.date, dt.date]] = []
    period = None
    if indicator is not None:
        values = indicator_values(ctx=ctx, indicator=indicator, level="GM")
        periods = sorted({(v.period_start, v.period_end) for v in values}, reverse=True)
        wanted = request.GET.get("periode", "")
        period = next((p for p in periods if p[0].isoformat() == wanted), periods[0] if periods else None)
    return {
        "theme": theme,
        "phenomenon": phenomenon,
        "themes": themes,
        "phenomena": phenomena,
        "items": [(i, i.name(_language())) for i in items],
        "indicator": indicator,
        "values": values,
        "periods": [(p[0].isoformat(), charts.period_label(*p)) for p in periods],
        "period": period,
    }


def _medians(values: list[ShownValue]) -> dict[tuple[dt.date, dt.date], Decimal]:
    """Median of the published municipal values per period (a median reveals no suppressed cell)."""
    grouped: dict[tuple[dt.date, dt.date], list[Decimal]] = {}
    for v in values:
        if v.value is not None and v.area_code.startswith("GM"):
            grouped.setdefault((v.period_start, v.period_end), []).append(v.value)
    return {p: m for p, vs in grouped.items() if (m := _median(vs)) is not None}


def _trend(values: list[ShownValue], code: str, name: str) -> dict:
    medians = _medians(values)
    rows = [v for v in values if v.area_code == code] + [
        ShownValue("MEDIAAN", s, e, m, _number(m), "") for (s, e), m in medians.items()
    ]
    return charts.trend_json(rows, {code: name, "MEDIAAN": _("mediaan van de gemeenten")})


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"


def dashboard_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    context = _selection(request, ctx)
    municipalities = geography.municipalities(ctx=ctx)
    names = {m.code: m.name for m in municipalities}
    indicator: Indicator | None = context["indicator"]
    context.update(names=sorted(names.items(), key=lambda item: item[1]))
    if indicator is not None and context["period"] is not None:
        start, end = context["period"]
        current = [v for v in context["values"] if (v.period_start, v.period_end) == (start, end)]
        rows, classification = charts.map_rows(current, names)
        chosen = request.GET.get("gemeente", "")
        chosen = chosen if chosen in names else municipalities[0].code if municipalities else ""
        trend = _trend(context["values"], chosen, names.get(chosen, chosen))
        context.update(
            name=indicator.name(_language()),
            rows=rows,
            classification=classification,
            chosen=chosen,
            period_label=charts.period_label(start, end),
            period_start=start.isoformat(),
            map_data=charts.choropleth_json(rows, classification, unit=indicator.unit),
            shapes=geography.municipality_shapes(ctx=ctx),
            trend=trend,
            trend_rows=list(zip(trend["periods"], *[s["shown"] for s in trend["series"]], strict=True)),
            suppressed=any(r.suppressed for r in rows)
            or any("<" in s or "×" in s for r in trend["series"] for s in r["shown"]),
        )
    return render(request, "indicators/dashboard.html", context)


def dashboard_csv_view(request: HttpRequest) -> HttpResponse:
    """The choropleth's table (`?tabel=kaart`, default) or the trend's (`?tabel=trend`) as CSV."""
    ctx = request_context(request, origin=Origin.EXPORT)
    context = _selection(request, ctx)
    indicator = context["indicator"]
    if indicator is None or context["period"] is None:
        raise Http404
    names = {m.code: m.name for m in geography.municipalities(ctx=ctx)}
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    writer = csv.writer(response)
    if request.GET.get("tabel") == "trend":
        code = request.GET.get("gemeente", "")
        if code not in names:
            raise Http404
        trend = _trend(context["values"], code, names[code])
        response["Content-Disposition"] = f'attachment; filename="{indicator.key}-trend-{code}.csv"'
        writer.writerow([_("periode"), *[s["name"] for s in trend["series"]]])
        for row in zip(trend["periods"], *[s["published"] for s in trend["series"]], strict=True):
            writer.writerow(row)
    else:
        start, end = context["period"]
        current = [v for v in context["values"] if (v.period_start, v.period_end) == (start, end)]
        rows, _classification = charts.map_rows(current, names)
        response["Content-Disposition"] = f'attachment; filename="{indicator.key}-{start.isoformat()}.csv"'
        writer.writerow(
            [_("gebiedscode"), _("gemeente"), _("periode"), f"{_('waarde')} ({indicator.unit})", _("klasse")]
        )
        for r in rows:
            writer.writerow([r.code, r.name, charts.period_label(start, end), r.published, r.band])
    writer.writerow([indicator.source])
    return response


@dataclass(frozen=True)
class Comparison:
    indicator: Indicator
    name: str
    period: str
    own: str  # as published
    similar: str  # median of the similar municipalities' published values
    similar_n: int
    province: str
    province_is_median: bool
    own_index: float | None  # province = 100; None when the own value is not published
    similar_index: float | None


def _profile(ctx: ProcessingContext, code: str) -> dict[str, Any] | None:
    municipalities = {m.code: m for m in geography.municipalities(ctx=ctx)}
    if code not in municipalities:
        return None
    population_indicator = indicator_get(ctx=ctx, key="cbs-inwoners")
    population: dict[str, Decimal | None] = {}
    if population_indicator is not None:
        for v in indicator_values(ctx=ctx, indicator=population_indicator, level="GM"):
            population[v.area_code] = v.value
    size = {c: geography.size_class(population.get(c)) for c in municipalities}
    density = {c: geography.density_class(population.get(c), m.area_km2) for c, m in municipalities.items()}
    similar = sorted(
        (
            m
            for c, m in municipalities.items()
            if c != code and size[code] is not None and size[c] == size[code]
        ),
        key=lambda m: m.name,
    )
    comparisons = []
    for indicator in indicator_list(ctx=ctx):
        values = indicator_values(ctx=ctx, indicator=indicator)
        periods = [(v.period_start, v.period_end) for v in values if v.area_code == code]
        if not periods:
            continue
        latest = max(periods)
        current = {v.area_code: v for v in values if (v.period_start, v.period_end) == latest}
        group = [value for m in similar if m.code in current and (value := current[m.code].value) is not None]
        everyone = [v.value for c, v in current.items() if c.startswith("GM") and v.value is not None]
        provincial = next((v for c, v in current.items() if c.startswith("PV")), None)
        reference = provincial.value if provincial is not None else _median(everyone)
        own = current[code].value
        group_median = _median(group)
        rate = not current[code].is_count
        comparisons.append(
            Comparison(
                indicator=indicator,
                name=indicator.name(_language()),
                period=charts.period_label(*latest),
                own=current[code].shown,
                similar=_number(group_median) if group_median is not None else "",
                similar_n=len(group),
                province=provincial.shown
                if provincial is not None
                else (_number(reference) if reference is not None else ""),
                province_is_median=provincial is None,
                # an index only for rates and scores: a count against the median count says
                # more about the municipality's size than about the phenomenon
                own_index=_index(own, reference) if rate else None,
                similar_index=_index(group_median, reference) if rate else None,
            )
        )
    own_area = municipalities[code]
    own_size, own_density = size[code], density[code]
    charted = [c for c in comparisons if c.own_index is not None or c.similar_index is not None]
    return {
        "municipality": own_area,
        "size_label": geography.SIZE_CLASSES[own_size][1] if own_size is not None else "",
        "density_label": geography.DENSITY_CLASSES[own_density][1] if own_density is not None else "",
        "population": population.get(code),
        "similar": similar,
        "same_density": [m for m in similar if density[m.code] == density[code]],
        "comparisons": comparisons,
        "chart": {
            "labels": [c.name for c in charted],
            "axis": _("index, provincie = 100"),
            "series": [
                {"name": own_area.name, "values": [c.own_index for c in charted]},
                {
                    "name": _("vergelijkbare gemeenten (mediaan)"),
                    "values": [c.similar_index for c in charted],
                },
            ],
        },
    }


def _median(values: list[Decimal]) -> Decimal | None:
    """The median, to one decimal more than the values have (the mean of two middle values)."""
    if not values:
        return None
    places = max(-min(v.normalize().as_tuple().exponent, 0) for v in values)  # type: ignore[operator]
    median = Decimal(statistics.median(values))
    return (
        median.quantize(Decimal(1).scaleb(-(places + 1))).normalize()
        if places
        else median.quantize(Decimal("0.1")).normalize()
    )


def _index(value: Decimal | None, reference: Decimal | None) -> float | None:
    if value is None or reference is None or reference == 0:
        return None
    return round(float(value / reference * 100))


def profile_view(request: HttpRequest, code: str) -> HttpResponse:
    context = _profile(request_context(request), code)
    if context is None:
        raise Http404
    return render(request, "indicators/profile.html", context)


def profile_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    context = _profile(request_context(request, origin=Origin.EXPORT), code)
    if context is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="profiel-{code}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("indicator"),
            _("eenheid"),
            _("periode"),
            context["municipality"].name,
            _("vergelijkbare gemeenten (mediaan)"),
            _("provincie"),
            _("bron"),
        ]
    )
    for c in context["comparisons"]:
        writer.writerow(
            [c.name, c.indicator.unit, c.period, c.own, c.similar, c.province, c.indicator.source]
        )
    return response


def profile_pdf_view(request: HttpRequest, code: str) -> HttpResponse:
    """The profile as a PDF report (`?taal=nl` or `de`), with the page's own figures."""
    language = request.GET.get("taal", "nl")
    if language not in report.LANGUAGES:
        language = "nl"
    with translation.override(language):
        context = _profile(request_context(request, origin=Origin.EXPORT), code)
        if context is None:
            raise Http404
        pdf = report.profile_report_pdf(context)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-{code}-{language}.pdf"'
    return response


def _province_sections(ctx: ProcessingContext) -> list[dict[str, Any]]:
    """Per indicator its latest period: the municipalities' rows as the dashboard's table has
    them (`charts.map_rows`, published strings) and the province's own value where there is one."""
    names = {m.code: m.name for m in geography.municipalities(ctx=ctx)}
    sections = []
    for indicator in indicator_list(ctx=ctx):
        values = indicator_values(ctx=ctx, indicator=indicator)
        periods = [(v.period_start, v.period_end) for v in values if v.area_code in names]
        if not periods:
            continue
        latest = max(periods)
        current = [v for v in values if (v.period_start, v.period_end) == latest]
        rows, _classification = charts.map_rows(current, names)
        provincial = next((v for v in current if v.area_code.startswith("PV")), None)
        sections.append(
            {
                "indicator": indicator,
                "name": indicator.name(_language()),
                "period": charts.period_label(*latest),
                "rows": rows,
                "province": charts.localised(provincial.shown) if provincial is not None else "",
            }
        )
    return sections


def province_pdf_view(request: HttpRequest) -> HttpResponse:
    """The province's report as PDF (`?taal=nl` or `de`): every indicator's latest period for all
    municipalities, with the dashboard's own published figures."""
    language = request.GET.get("taal", "nl")
    if language not in report.LANGUAGES:
        language = "nl"
    ctx = request_context(request, origin=Origin.EXPORT)
    with translation.override(language):
        area = geography.province(ctx=ctx)
        pdf = report.province_report_pdf(area[1] if area else "", _province_sections(ctx))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-provincie-{language}.pdf"'
    return response


def resilience_view(request: HttpRequest) -> HttpResponse:
    context = _resilience(request_context(request), request.GET.get("jaar", ""))
    if context is None:
        raise Http404
    return render(request, "indicators/resilience.html", context)


def _resilience(ctx: ProcessingContext, wanted: str) -> dict[str, Any] | None:
    years = resilience.scan_years(ctx=ctx)
    if wanted and (not wanted.isdigit() or int(wanted) not in years):
        return None
    year = int(wanted) if wanted else (years[-1] if years else None)
    names = {m.code: m.name for m in geography.municipalities(ctx=ctx)}
    domains = resilience.domains()
    rows = resilience.scan_rows(ctx=ctx, year=year) if year else []
    picture = resilience.province_picture(year=year) if year else None
    trend = [resilience.province_picture(year=y) for y in years]
    heat = sorted(
        [
            {
                "code": r.area_code,
                "name": names.get(r.area_code, r.area_code),
                "scores": [r.scores[k] for k, _l in domains],
            }
            for r in rows
        ],
        key=lambda h: str(h["name"]),
    )
    return {
        "years": years,
        "year": year,
        "domains": domains,
        "heat": heat,
        "picture": picture,
        "trend": trend,
        "fictitious": any(r.fictitious for r in rows) or (picture is not None and picture.fictitious),
        "min_scans": resilience.MIN_SCANS,
        "chart": {
            "domains": [label for _k, label in domains],
            "areas": [h["name"] for h in heat],
            "cells": [
                [d, a, float(s) if s is not None else None]
                for a, h in enumerate(heat)
                for d, s in enumerate(h["scores"])
            ],
            "province": [
                [d, float(m.mean) if m.mean is not None else None] for d, m in enumerate(picture.means)
            ]
            if picture
            else [],
            "provinceLabel": _("Overijssel (gemiddelde)"),
        },
        "domain_labels": dict(ResilienceDomain.choices),
    }


def resilience_csv_view(request: HttpRequest) -> HttpResponse:
    """The heat map's table as CSV: the scans the context may see and the province-wide mean."""
    context = _resilience(request_context(request, origin=Origin.EXPORT), request.GET.get("jaar", ""))
    if context is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="weerbaarheid-{context["year"] or ""}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [_("gebiedscode"), _("gemeente"), _("jaar"), *[label for _k, label in context["domains"]]]
    )
    for h in context["heat"]:
        writer.writerow(
            [h["code"], h["name"], context["year"], *[s if s is not None else "" for s in h["scores"]]]
        )
    picture = context["picture"]
    if picture is not None:
        writer.writerow(["PV", _("Overijssel (gemiddelde)"), picture.year, *[m.shown for m in picture.means]])
    if context["fictitious"]:
        writer.writerow([_("Fictieve gegevens: demonstratiescans, geen echte weerbaarheidsscans.")])
    return response
