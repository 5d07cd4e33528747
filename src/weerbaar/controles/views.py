"""Pages of integrated controls: thin — build the context, call a selector or service, render."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.views.decorators.http import require_GET, require_POST

from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import require_partner
from weerbaar.organisations.selectors import area_list
from weerbaar.privacy.context import request_context
from weerbaar.privacy.selectors import processing_activity_list

from . import rapport, selectors, services
from .forms import PlanForm
from .models import Controle


def _controle(
    request: HttpRequest, pk: int, *, origin: Origin | None = None
) -> tuple[ProcessingContext, Controle]:
    ctx = request_context(request, origin=origin)
    require_partner(ctx)
    controle = selectors.controle_get(ctx=ctx, pk=pk)
    if controle is None:
        raise Http404
    return ctx, controle


@login_required
def controle_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    return render(request, "controles/list.html", {"items": selectors.controle_list(ctx=ctx)})


@login_required
def controle_plan_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    activities = [(a.code, a.name) for a in processing_activity_list(user=ctx).order_by("name")]
    areas = [(a.code, a.name) for a in area_list(user=ctx, kind="gemeente").order_by("name")]
    form = PlanForm(request.POST or None, ctx=ctx, activities=activities, areas=areas)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        gebied = data["gebied"]
        if not gebied.strip() and data["gemeente"]:
            area = area_list(user=ctx).filter(code=data["gemeente"]).first()
            gebied = area.geometry.ewkt if area is not None else ""
        try:
            controle = services.controle_plan(
                ctx=ctx,
                naam=data["naam"],
                datum=data["datum"],
                soort_gebied=data["soort_gebied"],
                gebied=gebied,
                doel=data["doel"],
                rol=data["rol"],
                partners=form.partner_list(),
                teams=data["teams"],
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            return redirect("controles:detail", pk=controle.pk)
    return render(request, "controles/plan.html", {"form": form, "gemeenten": _outlines(ctx)})


def _outlines(ctx: object) -> dict:
    """The region's municipalities as simplified GeoJSON in RD New, to draw the area on."""
    features = [
        {
            "type": "Feature",
            "properties": {"code": a.code, "naam": a.name},
            "geometry": json.loads(a.geometry.simplify(25, preserve_topology=True).json),
        }
        for a in area_list(user=ctx, kind="gemeente")
    ]
    return {"type": "FeatureCollection", "features": features}


@login_required
def controle_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    return render(
        request,
        "controles/detail.html",
        {
            "item": controle,
            "partners": selectors.partners(ctx=ctx, controle=controle),
            "teams": selectors.teams(ctx=ctx, controle=controle),
            "bevindingen": selectors.bevindingen(ctx=ctx, controle=controle),
        },
    )


@login_required
def bezoeklijst_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    lijst = selectors.bezoeklijst(ctx=ctx, controle=controle)
    response = render(request, "controles/bezoeklijst.html", {"item": controle, "lijst": lijst})
    response.personal_data = lijst.functionarissen is not None  # type: ignore[attr-defined]
    return response


@login_required
def checklist_view(request: HttpRequest, pk: int, adres: str) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    found = selectors.bezoekadres(ctx=ctx, controle=controle, adres_sleutel=adres)
    if found is None:
        raise Http404
    return render(
        request,
        "controles/checklist.html",
        {"item": controle, "adres": found, "vragen": selectors.vragen(ctx=ctx, controle=controle)},
    )


@login_required
@require_POST
def bevinding_signaal_view(request: HttpRequest, pk: int, bevinding: int) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    found = selectors.bevinding_get(ctx=ctx, controle=controle, pk=bevinding)
    if found is None:
        raise Http404
    try:
        services.bevinding_naar_signaal(ctx=ctx, bevinding=found)
    except PermissionDenied:
        raise
    return redirect("controles:detail", pk=controle.pk)


@login_required
def samenvatting_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    return render(
        request,
        "controles/samenvatting.html",
        {"item": controle, "s": selectors.samenvatting(ctx=ctx, controle=controle)},
    )


@login_required
def samenvatting_publiek_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk)
    return render(
        request,
        "controles/samenvatting_publiek.html",
        {"item": controle, "s": selectors.samenvatting_publiek(ctx=ctx, controle=controle)},
    )


def _pdf_response(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


def _auteur(ctx: ProcessingContext) -> str:
    return ctx.organisation.name if ctx.organisation is not None else ""


def _pdf_taal(request: HttpRequest) -> str:
    """The report's language: ?taal=nl or de (the issue asks for those two), Dutch otherwise."""
    language = request.GET.get("taal", "nl")
    return language if language in rapport.TALEN else "nl"


@login_required
@require_GET
def samenvatting_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk, origin=Origin.EXPORT)
    language = _pdf_taal(request)
    with translation.override(language):
        content = rapport.samenvatting_pdf(
            selectors.samenvatting(ctx=ctx, controle=controle), author=_auteur(ctx)
        )
    return _pdf_response(content, f"controle-{controle.pk}-samenvatting-{language}.pdf")


@login_required
@require_GET
def samenvatting_publiek_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, controle = _controle(request, pk, origin=Origin.EXPORT)
    language = _pdf_taal(request)
    with translation.override(language):
        content = rapport.samenvatting_publiek_pdf(
            selectors.samenvatting_publiek(ctx=ctx, controle=controle), author=_auteur(ctx)
        )
    return _pdf_response(content, f"controle-{controle.pk}-publieksversie-{language}.pdf")


@login_required
@require_GET
def foto_view(request: HttpRequest, pk: int, bevinding: int, foto: int) -> HttpResponse:
    """A finding's photo, for the control's partners only (404 for anyone else), audited."""
    ctx, controle = _controle(request, pk)
    found = selectors.bevinding_foto(ctx=ctx, controle=controle, bevinding=bevinding, foto=foto)
    if found is None:
        raise Http404
    response = FileResponse(found.bestand.open("rb"), content_type=found.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
