"""Pages of farm locations (VAB), ervencoach visits and the Keurmerk: thin, as in `views.py`."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for
from weerbaar.privacy.context import request_context

from . import maplayer, risk, services
from .forms import ActieStatusForm, BezoekForm
from .models import ErvencoachBezoek, KeurmerkActie
from .policies import may_see_farm_locations
from .selectors import actie_get, afspraken, bezoeken_per_gemeente, jaarverslag, vab_get, vab_lijst
from .selectors import acties as actie_lijst
from .selectors import deelnemers as deelnemer_lijst


def _year(request: HttpRequest) -> int:
    try:
        year = int(request.GET.get("jaar", ""))
    except ValueError:
        return timezone.localdate().year
    return year if 2000 <= year <= 2100 else timezone.localdate().year


def _partner(request: HttpRequest):
    ctx = request_context(request)
    if not ctx.has_role(*PARTNER_ROLES):
        raise PermissionDenied
    return ctx


@login_required
def vab_list_view(request: HttpRequest) -> HttpResponse:
    rows = vab_lijst(ctx=request_context(request))
    if rows is None:
        raise PermissionDenied
    return render(
        request,
        "buitengebied/vab_list.html",
        {"rows": rows, "indicators": risk.INDICATORS, "maximum": risk.MAXIMUM},
    )


@login_required
def vab_map_view(request: HttpRequest) -> HttpResponse:
    """The viewer's layer of farm locations (`maplayer`): GeoJSON in RD New, read and audited as
    the list; 403 for who may not see farm locations."""
    rows = vab_lijst(ctx=request_context(request), limit=maplayer.MAP_LIMIT, weergave="kaart")
    if rows is None:
        raise PermissionDenied
    return maplayer.geojson_response(maplayer.feature_collection(rows))


def vab_algoritme_view(request: HttpRequest) -> HttpResponse:
    """Public: the Algoritmeregister description of the VAB score (from the same table)."""
    return render(
        request,
        "buitengebied/vab_algoritme.html",
        {"indicators": risk.INDICATORS, "maximum": risk.MAXIMUM, "straal": risk.DUMPING_RADIUS_M},
    )


def _location(request: HttpRequest, pk: int):
    ctx = request_context(request)
    if not may_see_farm_locations(ctx):
        raise PermissionDenied
    row = vab_get(ctx=ctx, pk=pk)
    if row is None:
        raise Http404
    return ctx, row


@login_required
def vab_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, row = _location(request, pk)
    return render(
        request,
        "buitengebied/vab_detail.html",
        {
            "row": row,
            "maximum": risk.MAXIMUM,
            "form": BezoekForm(),
            "may_log_visit": policy_for(ErvencoachBezoek).can_create(ctx),
        },
    )


@login_required
@require_POST
def vab_visit_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, row = _location(request, pk)
    form = BezoekForm(request.POST)
    if form.is_valid():
        try:
            services.bezoek_create(ctx=ctx, locatie=row.locatie, data=form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het bezoek is vastgelegd."))
            return redirect("buitengebied:vab_detail", pk=pk)
    return render(
        request,
        "buitengebied/vab_detail.html",
        {"row": row, "maximum": risk.MAXIMUM, "form": form, "may_log_visit": True},
        status=400,
    )


@login_required
@require_POST
def vab_signal_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx, row = _location(request, pk)
    signal_id = services.vab_signal_create(ctx=ctx, locatie=row.locatie)
    messages.success(request, _("Er is een signaal geopend voor deze locatie."))
    return redirect("signals:detail", pk=signal_id)


@login_required
def visit_overview_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner(request)
    return render(
        request,
        "buitengebied/bezoeken_overzicht.html",
        {"overzicht": bezoeken_per_gemeente(ctx=ctx, jaar=_year(request))},
    )


@login_required
def keurmerk_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner(request)
    items = actie_lijst(ctx=ctx)
    policy = policy_for(KeurmerkActie)
    return render(
        request,
        "buitengebied/keurmerk.html",
        {
            "deelnemers": deelnemer_lijst(ctx=ctx),
            "afspraken": afspraken(ctx=ctx),
            "acties": [(a, policy.can_change(ctx, a)) for a in items],
            "status_form": ActieStatusForm(),
            "jaar": timezone.localdate().year,
        },
    )


@login_required
@require_POST
def keurmerk_action_status_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner(request)
    item = actie_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    form = ActieStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een geldige status."))
        return redirect("buitengebied:keurmerk")
    try:
        services.actie_status(ctx=ctx, actie=item, status=form.cleaned_data["status"])
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
    else:
        messages.success(request, _("De status van de actie is gewijzigd."))
    return redirect("buitengebied:keurmerk")


@login_required
def keurmerk_report_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner(request)
    year = _year(request)
    return render(
        request,
        "buitengebied/keurmerk_verslag.html",
        {"verslag": jaarverslag(ctx=ctx, jaar=year), "jaren": range(year - 2, dt.date.today().year + 1)},
    )
