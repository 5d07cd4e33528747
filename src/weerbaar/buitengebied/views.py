"""Pages of the rural area: thin — build the context, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from weerbaar.core.access import PARTNER_ROLES
from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for
from weerbaar.privacy.context import request_context

from . import maplayer, services
from .forms import DumpingForm, TransitionForm
from .models import Drugsafvaldumping
from .policies import may_see_farm_locations
from .selectors import dumping_get, dumping_list, dumpingen_per_gemeente
from .workflow import TRANSITIONS


def _partner_context(request: HttpRequest):
    """The context of a partner; the public role (logged in, no partner) is refused (403)."""
    ctx = request_context(request)
    if not ctx.has_role(*PARTNER_ROLES):
        raise PermissionDenied
    return ctx


@login_required
def drugsafvaldumping_list_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner_context(request)
    items = dumping_list(ctx=ctx)
    may_report = policy_for(Drugsafvaldumping).can_create(ctx)
    return render(
        request,
        "buitengebied/list.html",
        {"items": items, "may_report": may_report, "may_see_farm_locations": may_see_farm_locations(ctx)},
    )


@login_required
def dumping_new_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not policy_for(Drugsafvaldumping).can_create(ctx):
        raise PermissionDenied
    form = DumpingForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        upload = data.pop("foto", None)
        try:
            dumping = services.dumping_create(
                ctx=ctx, data=data, foto_bestanden=[upload.read()] if upload else []
            )
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De dumping is gemeld."))
            return redirect("buitengebied:detail", pk=dumping.pk)
    return render(request, "buitengebied/dumping_form.html", {"form": form})


@login_required
def drugsafvaldumping_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    item = dumping_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    policy = policy_for(Drugsafvaldumping)
    return render(
        request,
        "buitengebied/detail.html",
        {
            "item": item,
            "may_change": policy.can_change(ctx, item),
            "next_states": sorted(TRANSITIONS[item.status]),
            "transition_form": TransitionForm(
                initial={"naar": next(iter(sorted(TRANSITIONS[item.status])), "")}
            ),
        },
    )


@login_required
@require_POST
def dumping_transition_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    item = dumping_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    form = TransitionForm(request.POST)
    if not form.is_valid():
        for field, errors in form.errors.items():
            messages.error(
                request, f"{form.fields[field].label if field in form.fields else ''}: {' '.join(errors)}"
            )
        return redirect("buitengebied:detail", pk=pk)
    data = form.cleaned_data
    try:
        services.dumping_transition(
            ctx=ctx,
            dumping=item,
            naar=data["naar"],
            toelichting=data["toelichting"],
            opruimkosten=data["opruimkosten"],
            betaald_door=data["betaald_door"],
            vergoeding=data["vergoeding"],
        )
    except ValidationError as exc:
        for field, errors in exc.message_dict.items():
            messages.error(request, f"{field}: {' '.join(errors)}")
    else:
        messages.success(request, _("De status is gewijzigd."))
    return redirect("buitengebied:detail", pk=pk)


@login_required
@require_POST
def dumping_signal_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    item = dumping_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    try:
        item = services.dumping_signal_create(ctx=ctx, dumping=item)
    except ValidationError as exc:
        messages.error(request, " ".join(m for ms in exc.message_dict.values() for m in ms))
        return redirect("buitengebied:detail", pk=pk)
    messages.success(request, _("Signaal %(nummer)s is gemaakt.") % {"nummer": item.signaal_nummer})
    return redirect("signals:detail", pk=item.signaal_id)


@login_required
def dumping_photo_view(request: HttpRequest, pk: int, foto: int) -> HttpResponse:
    item = dumping_get(ctx=_partner_context(request), pk=pk)
    photo = next((f for f in item.fotos.all() if f.pk == foto), None) if item else None
    if photo is None:
        raise Http404
    return FileResponse(photo.bestand.open("rb"), content_type=photo.content_type)


def dumping_aggregate_view(request: HttpRequest) -> HttpResponse:
    """Public: counts per municipality and year after disclosure control."""
    table = dumpingen_per_gemeente(ctx=request_context(request))
    return render(request, "buitengebied/aggregaat.html", {"table": table})


@login_required
def dumping_map_view(request: HttpRequest) -> HttpResponse:
    """The viewer's layer of dumpings (`maplayer.DUMPING_LAYER`): GeoJSON in RD New of the reports
    the context may see, as the list; 403 for who is no partner."""
    ctx = _partner_context(request)
    dumpings = dumping_list(ctx=ctx, limit=maplayer.DUMPING_MAP_LIMIT)
    return maplayer.geojson_response(maplayer.dumping_feature_collection(dumpings))
