"""The archive of quarterly reports: the list per quarter and each stored PDF. Thin: the context,
a selector, render. The stored reports are openbaar (made with the public context), so the same
rule holds as for the live PDF links: anyone may read them."""

from __future__ import annotations

from itertools import groupby

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from weerbaar.core.context import Origin
from weerbaar.privacy.context import request_context

from . import geography, report
from .quarters import Quarter
from .selectors import quarterly_report_get, quarterly_report_list


def quarterly_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    names = {m.code: m.name for m in geography.municipalities(ctx=ctx)}
    province = geography.province(ctx=ctx)
    if province is not None:
        names[province[0]] = province[1]
    quarters = []
    for (year, number), reports in groupby(
        quarterly_report_list(ctx=ctx), key=lambda r: (r.run.year, r.run.quarter)
    ):
        quarter = Quarter(year, number)
        areas: dict[str, list[str]] = {}
        for r in reports:
            areas.setdefault(r.area_code, []).append(r.language)
        # the province first, then the municipalities by name
        rows = sorted(
            ((code, names.get(code, code), languages) for code, languages in areas.items()),
            key=lambda row: (not row[0].startswith("PV"), row[1]),
        )
        quarters.append({"quarter": quarter, "rows": rows})
    return render(request, "indicators/quarterly.html", {"quarters": quarters})


def quarterly_pdf_view(request: HttpRequest, kwartaal: str, code: str) -> HttpResponse:
    """A stored report (`?taal=nl` or `de`) as it was made after the quarter."""
    language = request.GET.get("taal", "nl")
    try:
        quarter = Quarter.parse(kwartaal)
    except ValueError:
        raise Http404 from None
    if language not in report.LANGUAGES:
        raise Http404
    stored = quarterly_report_get(
        ctx=request_context(request, origin=Origin.EXPORT),
        year=quarter.year,
        quarter=quarter.number,
        area_code=code,
        language=language,
    )
    if stored is None:
        raise Http404
    response = HttpResponse(bytes(stored.pdf), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="kwartaalrapport-{quarter.code}-{code}-{language}.pdf"'
    )
    return response
