"""The public dashboard pages: thin — build the context, call a selector, render. Every figure
comes from `indicator_values`, so the page, the CSV and the API show the same suppression."""

from __future__ import annotations

from collections.abc import Iterator

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.privacy.context import request_context

from . import tables
from .geography import municipalities, province
from .models import Indicator
from .selectors import (
    area_names,
    indicator_get,
    indicator_levels,
    indicator_list,
    indicator_periods,
    indicator_table_file,
    indicator_values,
)


def indicator_list_view(request: HttpRequest) -> HttpResponse:
    items = indicator_list(ctx=request_context(request))
    language = get_language() or "nl"
    return render(request, "indicators/list.html", {"items": [(i, i.name(language)) for i in items]})


LEVEL_NAMES = {
    "PV": gettext_lazy("Provincie"),
    "GM": gettext_lazy("Gemeenten"),
    "WK": gettext_lazy("Wijken"),
    "BU": gettext_lazy("Buurten"),
}


def indicator_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    """One area level and one period at a time (latest first; wijken and buurten per
    municipality), with the names of the areas: a national indicator holds millions of values,
    the whole table is the CSV download."""
    ctx = request_context(request)
    indicator = indicator_get(ctx=ctx, key=key)
    if indicator is None:
        raise Http404
    levels = indicator_levels(ctx=ctx, indicator=indicator)
    level = request.GET.get("niveau", "")
    level = level if level in levels else next((lv for lv in ("GM", "PV", "WK", "BU") if lv in levels), "")
    towns = municipalities(ctx=ctx)
    town = request.GET.get("gemeente", "")
    town = town if any(t.code == town for t in towns) else (towns[0].code if towns else "")
    within = town if level in ("WK", "BU") else ""
    periods = indicator_periods(ctx=ctx, indicator=indicator, level=level) if level else []
    asked = request.GET.get("periode", "")
    period = next((p for p in periods if p[0].isoformat() == asked), periods[0] if periods else None)
    values = (
        indicator_values(ctx=ctx, indicator=indicator, level=level, period_start=period[0], within=within)
        if period is not None
        else []
    )
    if period is not None:
        values = [v for v in values if v.period_end == period[1]]
    names = {t.code: t.name for t in towns}
    if within:
        names |= {a.code: a.name for a in area_names(ctx=ctx, municipality=within)}
    if (found := province(ctx=ctx)) is not None:
        names[found[0]] = found[1]
    language = get_language() or "nl"
    context = {
        "indicator": indicator,
        "name": indicator.name(language),
        "definition": indicator.definition_in(language),
        "rows": [(v, names.get(v.area_code, "")) for v in values],
        "suppressed": any(v.suppressed for v in values),
        "levels": [(lv, LEVEL_NAMES[lv]) for lv in levels],
        "level": level,
        "periods": periods,
        "period": period,
        "towns": towns,
        "town": town,
    }
    return render(request, "indicators/detail.html", context)


def indicator_csv_view(request: HttpRequest, key: str) -> StreamingHttpResponse:
    """The whole table of the indicator (every level and period, as the user may see it), streamed
    from the file the publishing job wrote for its data version (indicators.tables): a national
    buurt table is 40 MB, formatted once rather than per download."""
    ctx = request_context(request, origin=Origin.EXPORT)
    indicator = indicator_get(ctx=ctx, key=key)
    if indicator is None:
        raise Http404
    header = [_("gebiedscode"), _("begin periode"), _("einde periode"), _("waarde"), indicator.unit_label()]
    body = _table_body(ctx, indicator)

    def lines() -> Iterator[str]:
        yield tables.csv_line(header)
        yield from body
        yield tables.csv_line([indicator.source])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.key}.csv"'
    return response


def _table_body(ctx: ProcessingContext, indicator: Indicator) -> Iterator[str]:
    """The file's text, opened now: a newer making may replace the file while it is read."""
    file = indicator_table_file(ctx=ctx, indicator=indicator)
    try:
        return tables.chunks(file) if file is not None else iter(())
    except FileNotFoundError:  # a newer making removed it between the look-up and the opening
        file = indicator_table_file(ctx=ctx, indicator=indicator)
        return tables.chunks(file) if file is not None else iter(())
