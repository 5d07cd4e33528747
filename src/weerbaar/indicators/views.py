"""The public dashboard pages: thin — build the context, call a selector, render. Every figure
comes from `indicator_values`, so the page, the CSV and the API show the same suppression."""

from __future__ import annotations

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from weerbaar.core.context import Origin
from weerbaar.privacy.context import request_context

from .selectors import indicator_get, indicator_list, indicator_values


def indicator_list_view(request: HttpRequest) -> HttpResponse:
    items = indicator_list(ctx=request_context(request))
    language = get_language() or "nl"
    return render(request, "indicators/list.html", {"items": [(i, i.name(language)) for i in items]})


def indicator_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    ctx = request_context(request)
    indicator = indicator_get(ctx=ctx, key=key)
    if indicator is None:
        raise Http404
    values = indicator_values(ctx=ctx, indicator=indicator)
    context = {
        "indicator": indicator,
        "name": indicator.name(get_language() or "nl"),
        "values": values,
        "suppressed": any(v.suppressed for v in values),
    }
    return render(request, "indicators/detail.html", context)


def indicator_csv_view(request: HttpRequest, key: str) -> HttpResponse:
    ctx = request_context(request, origin=Origin.EXPORT)
    indicator = indicator_get(ctx=ctx, key=key)
    if indicator is None:
        raise Http404
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{indicator.key}.csv"'
    writer = csv.writer(response)
    writer.writerow([_("gebiedscode"), _("begin periode"), _("einde periode"), _("waarde"), indicator.unit])
    for v in indicator_values(ctx=ctx, indicator=indicator):
        writer.writerow([v.area_code, v.period_start, v.period_end, v.shown, ""])
    writer.writerow([indicator.source])
    return response
