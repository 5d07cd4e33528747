"""Pages of Beschikkingen: thin — build the context, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.gis.geos import Point
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import require_partner
from weerbaar.core.spatial import geometry_from_text
from weerbaar.organisations.models import RD_NEW
from weerbaar.privacy.context import request_context

from .forms import AbonnementForm, BeschikkingForm
from .policies import is_beheerder
from .selectors import (
    abonnement_get,
    abonnement_list,
    berichten_voor,
    beschikking_get,
    beschikking_list,
    bezorging_get,
    onbestelbaar_list,
)
from .services import (
    abonnement_create,
    abonnement_delete,
    beschikking_create,
    beschikking_share,
    bezorging_retry,
)


@login_required
def beschikking_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    return render(request, "beschikkingen/list.html", {"items": beschikking_list(ctx=ctx)})


@login_required
def beschikking_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    item = beschikking_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    return render(request, "beschikkingen/detail.html", {"item": item})


@login_required
@require_http_methods(["GET", "POST"])
def beschikking_create_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    form = BeschikkingForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        x, y = data.pop("x"), data.pop("y")
        try:
            item = beschikking_create(
                ctx=ctx, locatie=Point(x, y, srid=RD_NEW) if x is not None else None, **data
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            if item.gedeeld_op:
                messages.success(request, _("De beschikking is vastgelegd en gedeeld met de abonnees."))
            else:
                messages.success(request, _("De beschikking is vastgelegd (niet gedeeld)."))
            return redirect("beschikkingen:detail", pk=item.pk)
    return render(request, "beschikkingen/form.html", {"form": form})


@login_required
@require_POST
def beschikking_share_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    item = beschikking_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    try:
        sent = beschikking_share(ctx=ctx, beschikking=item)
    except ValidationError as exc:
        for problems in exc.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        messages.success(request, _("Gedeeld: %(n)s nieuwe berichten.") % {"n": len(sent)})
    return redirect("beschikkingen:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def abonnement_list_view(request: HttpRequest) -> HttpResponse:
    """The subscriptions of my organisation, a form to add one, and my in-platform messages."""
    ctx = request_context(request)
    require_partner(ctx)
    form = AbonnementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        gebied = None
        if data["gebied"]:
            try:
                gebied = geometry_from_text(data["gebied"], srid=RD_NEW)
                if gebied.geom_type != "Polygon":
                    raise ValueError
            except ValueError:
                form.add_error("gebied", _("Geen geldige polygoon (WKT)."))
        if not form.errors:
            try:
                abonnement_create(
                    ctx=ctx,
                    naam=data["naam"],
                    bezorgwijze=data["bezorgwijze"],
                    gemeenten=[g for g in data["gemeenten"].replace(";", ",").split(",")],
                    gebied=gebied,
                    onderwerp_soorten=data["onderwerp_soorten"],
                    beschikking_soorten=data["beschikking_soorten"],
                    callback_url=data["callback_url"],
                    callback_auth=data["callback_auth"],
                    email=data["email"],
                )
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Het abonnement is aangemaakt."))
                return redirect("beschikkingen:abonnementen")
    return render(
        request,
        "beschikkingen/abonnementen.html",
        {"items": abonnement_list(ctx=ctx), "form": form, "berichten": berichten_voor(ctx=ctx)},
    )


@login_required
@require_POST
def abonnement_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    item = abonnement_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    abonnement_delete(ctx=ctx, abonnement=item)
    messages.success(request, _("Het abonnement is opgeheven."))
    return redirect("beschikkingen:abonnementen")


@login_required
def onbestelbaar_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not is_beheerder(ctx):
        raise PermissionDenied
    return render(request, "beschikkingen/onbestelbaar.html", {"items": onbestelbaar_list(ctx=ctx)})


@login_required
@require_POST
def bezorging_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    if not is_beheerder(ctx):
        raise PermissionDenied
    item = bezorging_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    bezorging_retry(ctx=ctx, bezorging=item)
    messages.success(request, _("Het bericht wordt opnieuw bezorgd."))
    return redirect("beschikkingen:onbestelbaar")
