"""The dashboard pages: the choropleth with its trend, the municipality profile and the resilience
picture. Thin: build the context, call selectors, hand `charts` the shown values. Each chart's
data, table and CSV come from the same rows, so none of them can publish more than the other."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.privacy.context import request_context

from . import areas, charts, comparison, geography, report, resilience
from .models import Indicator, ResilienceDomain
from .quarters import Quarter
from .selectors import ShownValue, indicator_list, indicator_periods, indicator_values


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
    periods: list[tuple[dt.date, dt.date]] = []
    period = None
    if indicator is not None:
        periods = indicator_periods(ctx=ctx, indicator=indicator, level="GM")
        wanted = request.GET.get("periode", "")
        period = next((p for p in periods if p[0].isoformat() == wanted), periods[0] if periods else None)
    return {
        "theme": theme,
        "phenomenon": phenomenon,
        "themes": themes,
        "phenomena": phenomena,
        "items": [(i, i.name(_language())) for i in items],
        "indicator": indicator,
        "periods": [(p[0].isoformat(), charts.period_label(*p)) for p in periods],
        "period": period,
    }


def _map_values(
    ctx: ProcessingContext, indicator: Indicator, period: tuple[dt.date, dt.date], names: dict[str, str]
) -> list[ShownValue]:
    """The published figures of the map's municipalities in one period (one indexed slice)."""
    values = indicator_values(ctx=ctx, indicator=indicator, period_start=period[0], area_codes=list(names))
    return [v for v in values if v.period_end == period[1]]


def _trend_values(ctx: ProcessingContext, indicator: Indicator, names: dict[str, str]) -> list[ShownValue]:
    """Every period's published figures of the map's municipalities: the chosen one's line and
    the median of them all (the region the map shows, not every municipality with figures)."""
    return indicator_values(ctx=ctx, indicator=indicator, level="GM", area_codes=list(names))


def _medians(values: list[ShownValue]) -> dict[tuple[dt.date, dt.date], Decimal]:
    """Median of the published municipal values per period (a median reveals no suppressed cell)."""
    grouped: dict[tuple[dt.date, dt.date], list[Decimal]] = {}
    for v in values:
        if v.value is not None and v.area_code.startswith("GM"):
            grouped.setdefault((v.period_start, v.period_end), []).append(v.value)
    return {p: m for p, vs in grouped.items() if (m := comparison.median(vs)) is not None}


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
        rows, classification = charts.map_rows(_map_values(ctx, indicator, (start, end), names), names)
        chosen = request.GET.get("gemeente", "")
        chosen = chosen if chosen in names else municipalities[0].code if municipalities else ""
        trend = _trend(_trend_values(ctx, indicator, names), chosen, names.get(chosen, chosen))
        context.update(
            name=indicator.name(_language()),
            definition=indicator.definition_in(_language()),
            rows=rows,
            classification=classification,
            chosen=chosen,
            period_label=charts.period_label(start, end),
            period_start=start.isoformat(),
            map_data=charts.choropleth_json(rows, classification, unit=indicator.unit_label()),
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
        trend = _trend(_trend_values(ctx, indicator, names), code, names[code])
        response["Content-Disposition"] = f'attachment; filename="{indicator.key}-trend-{code}.csv"'
        writer.writerow([_("periode"), *[s["name"] for s in trend["series"]]])
        for row in zip(trend["periods"], *[s["published"] for s in trend["series"]], strict=True):
            writer.writerow(row)
    else:
        start, end = context["period"]
        rows, _classification = charts.map_rows(_map_values(ctx, indicator, (start, end), names), names)
        response["Content-Disposition"] = f'attachment; filename="{indicator.key}-{start.isoformat()}.csv"'
        writer.writerow(
            [
                _("gebiedscode"),
                _("gemeente"),
                _("periode"),
                f"{_('waarde')} ({indicator.unit_label()})",
                _("klasse"),
            ]
        )
        for r in rows:
            writer.writerow([r.code, r.name, charts.period_label(start, end), r.published, r.band])
    writer.writerow([indicator.source])
    return response


def profile_view(request: HttpRequest, code: str) -> HttpResponse:
    ctx = request_context(request)
    context = comparison.profile(ctx, code)
    if context is None:
        raise Http404
    context["areas"] = areas.wijken_en_buurten(ctx=ctx, municipality=code)
    return render(request, "indicators/profile.html", context)


def profile_areas_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    """The table of wijken and buurten as CSV, with the page's published figures."""
    ctx = request_context(request, origin=Origin.EXPORT)
    if code not in {m.code for m in geography.municipalities(ctx=ctx)}:
        raise Http404
    table = areas.wijken_en_buurten(ctx=ctx, municipality=code)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="wijken-buurten-{code}.csv"'
    writer = csv.writer(response)
    writer.writerow(
        [
            _("gebiedscode"),
            _("soort"),
            _("naam"),
            _("wijk"),
            *[f"{c.name} ({c.indicator.unit_label()}, {c.period})" for c in table["columns"]],
        ]
    )
    for row in table["rows"]:
        kind = _("wijk") if row.level == "WK" else _("buurt")
        writer.writerow([row.code, kind, row.name, row.wijk, *row.shown])
    for source in sorted({c.indicator.source for c in table["columns"]}):
        writer.writerow([source])
    return response


def profile_csv_view(request: HttpRequest, code: str) -> HttpResponse:
    context = comparison.profile(request_context(request, origin=Origin.EXPORT), code)
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
            [c.name, c.indicator.unit_label(), c.period, c.own, c.similar, c.province, c.indicator.source]
        )
    return response


def _report_options(request: HttpRequest) -> tuple[str, Quarter | None]:
    """`?taal=nl|de` (Dutch otherwise) and `?kwartaal=2026-3` (the quarter's report; 404 for a
    malformed quarter)."""
    language = request.GET.get("taal", "nl")
    if language not in report.LANGUAGES:
        language = "nl"
    wanted = request.GET.get("kwartaal", "")
    try:
        return language, Quarter.parse(wanted) if wanted else None
    except ValueError:
        raise Http404 from None


def profile_pdf_view(request: HttpRequest, code: str) -> HttpResponse:
    """The profile as a PDF report (`?taal=nl` or `de`, `?kwartaal=`), with the page's own figures."""
    language, quarter = _report_options(request)
    ctx = request_context(request, origin=Origin.EXPORT)
    pdf = report.municipality_report(ctx=ctx, code=code, language=language, quarter=quarter)
    if pdf is None:
        raise Http404
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="rapport-{code}-{language}.pdf"'
    return response


def province_pdf_view(request: HttpRequest) -> HttpResponse:
    """The province's report as PDF (`?taal=nl` or `de`, `?kwartaal=`): every indicator's latest
    period for all municipalities, with the dashboard's own published figures."""
    language, quarter = _report_options(request)
    pdf = report.province_report(
        ctx=request_context(request, origin=Origin.EXPORT), language=language, quarter=quarter
    )
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
        "trend_chart": _resilience_trend(trend, domains),
        "domain_labels": dict(ResilienceDomain.choices),
    }


def _resilience_trend(trend: list[resilience.ProvincePicture], domains: list[tuple[str, str]]) -> dict:
    """The province-wide mean per domain over the years, as the trend chart's series (a mean
    that may not be published is a gap, as in the table)."""
    by_year = [{m.domain: m for m in p.means} for p in trend]
    series = []
    for key, label in domains:
        means = [year.get(key) for year in by_year]
        series.append(
            {
                "name": label,
                "values": [float(m.mean) if m is not None and m.mean is not None else None for m in means],
                "shown": [m.shown if m is not None else "" for m in means],
            }
        )
    return {"periods": [str(p.year) for p in trend], "series": series, "scale": [1, 5]}


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
