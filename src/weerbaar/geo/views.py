"""The viewer pages and their small JSON helpers (search, area selection, CSV export)."""

from __future__ import annotations

import csv
import json
import re
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.api.problems import problem
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.spatial import WGS84
from weerbaar.jobs.selectors import job_get
from weerbaar.organisations.models import AreaKind
from weerbaar.organisations.selectors import area_list
from weerbaar.privacy.context import request_context
from weerbaar.privacy.selectors import processing_activity_list

from .app_layers import AppLayer, app_layers_for
from .area import address_label, selection_geometry
from .basemaps import basemap_config
from .http_caching import not_modified, public_cache_headers
from .imports import LAYER_IMPORT_JOB, layer_import_start, layer_import_state, may_import
from .labels import has_label_points, label_points
from .models import Layer, Theme
from .selectors import Selection, aerial_tile_read, layer_list, search_all, select_area
from .services import layer_define


def _layer_tree(ctx: ProcessingContext, *, include_shielded: bool) -> list[dict[str, Any]]:
    layers: list[Layer | AppLayer] = [
        layer
        for layer in layer_list(ctx=ctx)
        if include_shielded or layer.access_level != AccessLevel.AFGESCHERMD
    ]
    if include_shielded:  # app-served layers are shielded: offered with a purpose only
        layers += app_layers_for(ctx)
    themes = []
    for value, label in Theme.choices:
        members = sorted((la for la in layers if la.theme == value), key=lambda la: (la.order, la.code))
        if members:
            themes.append({"code": value, "label": label, "layers": members})
    return themes


def _config(request: HttpRequest, themes: list[dict[str, Any]], *, shielded: bool) -> dict[str, Any]:
    base = basemap_config()
    return {
        "ogc": reverse("ogc:landing"),
        "search": reverse("geo:search"),
        "area": reverse("geo:area") if shielded else "",
        "areaCsv": reverse("geo:area_csv") if shielded else "",
        "aerialHr": reverse("geo:aerial", kwargs={"z": 0, "x": 0, "y": 0}).replace("/0/0/0", "/{z}/{x}/{y}")
        if shielded
        else "",
        "shielded": shielded,
        "wmts": base,
        "layers": [
            {
                "code": layer.code,
                "title": layer.title,
                "style": layer.style,
                "minZoom": layer.min_zoom,
                "maxZoom": layer.max_zoom,
                "visible": layer.visible_by_default,
                "basemap": layer.basemap,
                "access": layer.access_level,
                "credit": layer.credit_text,
                "info": layer.info_config(),
                "labels": reverse("geo:labels", kwargs={"code": layer.code})
                if isinstance(layer, Layer) and has_label_points(layer)
                else "",
                # an app-served layer: its features as GeoJSON from the app's URL, not tiles
                "geojson": layer.url if isinstance(layer, AppLayer) else "",
            }
            for theme in themes
            for layer in theme["layers"]
        ],
        "i18n": {
            "noInfo": _("Geen objecten op deze plek."),
            "searching": _("Zoeken…"),
            "noResults": _("Niets gevonden."),
            "distance": _("Afstand"),
            "area": _("Oppervlakte"),
            "offline": _("Geen verbinding met de ondergrond; de kaart toont de eigen lagen van de regio."),
            "addresses": _("Adressen"),
            "parcels": _("Percelen"),
            "companies": _("Bedrijven"),
            "truncated": _("Afgekapt: kies een kleiner gebied voor de volledige lijst."),
            "copied": _("Link gekopieerd."),
            "liesIn": _("Ligt in"),
            "yes": _("ja"),
            "no": _("nee"),
            "alsoHere": _("Ook op deze plek"),
            "drawHelp": _("Klik punten op de kaart; dubbelklik om het vlak te sluiten."),
            "keyboardDrawHelp": _(
                "Met het toetsenbord: pijltjestoetsen verschuiven, Enter zet een punt in het midden (+), "
                "Shift+Enter sluit het vlak, Escape stopt."
            ),
        },
    }


@require_GET
def viewer(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    themes = _layer_tree(ctx, include_shielded=False)
    return render(
        request,
        "geo/viewer.html",
        {
            "themes": themes,
            "config": _config(request, themes, shielded=False),
            "shielded": False,
            "may_enter_shielded": ctx.clearance.shielded,
        },
    )


@login_required
@require_GET
def shielded_viewer(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not ctx.clearance.shielded:
        raise PermissionDenied(ctx.clearance.reason)
    if not ctx.purpose:
        return redirect(
            f"{reverse('privacy:declare_purpose')}?{urlencode({'next': request.get_full_path()})}"
        )
    themes = _layer_tree(ctx, include_shielded=True)
    activity = processing_activity_list(user=ctx).filter(code=ctx.purpose).first()
    gemeenten = area_list(user=ctx, kind=AreaKind.GEMEENTE).order_by("name")
    return render(
        request,
        "geo/viewer.html",
        {
            "themes": themes,
            "config": _config(request, themes, shielded=True),
            "shielded": True,
            "purpose": activity or ctx.purpose,
            "gemeenten": gemeenten.values("code", "name"),
        },
    )


@require_GET
def labels(request: HttpRequest, code: str) -> HttpResponse:
    """The label points of an open stored layer (`labels.label_points`), cached like its tiles."""
    body = label_points(ctx=request_context(request), code=code)  # access first, then the cache
    layer = Layer.objects.only("current_version_id", "updated_at").get(code=code)
    etag = f'"labels-{code}-{layer.current_version_id}-{layer.updated_at.timestamp()}"'
    if not_modified(request, etag):
        return public_cache_headers(HttpResponse(status=304), etag)
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Content-Type"] = "application/geo+json"
    return public_cache_headers(response, etag)


@require_GET
def search(request: HttpRequest) -> JsonResponse:
    results = search_all(ctx=request_context(request), query=request.GET.get("q", ""))
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def _shielded_access(ctx: ProcessingContext, request: HttpRequest) -> HttpResponse | None:
    """The problem answer for a context that may not use the shielded viewer's own reads."""
    if not ctx.is_authenticated:
        return problem(request, 401, "Log in (met tweede factor) voor afgeschermde gegevens.")
    if not ctx.clearance.shielded:
        return problem(request, 403, ctx.clearance.reason)
    if not ctx.purpose:
        return problem(request, 403, "Leg eerst het doel van uw werk vast (doelbinding).")
    return None


def _selection(request: HttpRequest, ctx: ProcessingContext) -> Selection:
    geometry, label = selection_geometry(
        ctx=ctx, gemeente=request.GET.get("gemeente"), wkt=request.GET.get("wkt"), crs=request.GET.get("crs")
    )
    return select_area(ctx=ctx, geometry=geometry, label=label)


def _geojson(geometry: Any) -> dict[str, Any] | None:
    return json.loads(geometry.transform(WGS84, clone=True).geojson)


@require_GET
def area(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    refused = _shielded_access(ctx, request)
    if refused is not None:
        return refused
    try:
        selection = _selection(request, ctx)
    except ValueError as exc:
        return problem(request, 400, str(exc))
    body = {
        "label": selection.label,
        "geometry": _geojson(selection.geometry.simplify(2.0)),
        "truncated": selection.truncated,
        "adressen": [{**a, "label": address_label(a)} for a in selection.adressen],
        "percelen": selection.percelen,
        "bedrijven": selection.bedrijven,
    }
    response = JsonResponse(body, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def area_csv(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request, origin=Origin.EXPORT)
    refused = _shielded_access(ctx, request)
    if refused is not None:
        return refused
    try:
        selection = _selection(request, ctx)
    except ValueError as exc:
        return problem(request, 400, str(exc))
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="gebiedsselectie.csv"'
    response["Cache-Control"] = "private, no-store"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(["soort", "identificatie", "omschrijving", "postcode", "plaats", "extra"])
    for a in selection.adressen:
        writer.writerow(
            [
                "adres",
                a["identificatie"],
                address_label(a),
                a["postcode"],
                a["woonplaats_naam"],
                a["gebruiksdoel"],
            ]
        )
    for p in selection.percelen:
        writer.writerow(
            [
                "perceel",
                p["identificatie"],
                p["kadastrale_aanduiding"],
                "",
                p["kadastrale_gemeente_naam"],
                p["grootte"] or "",
            ]
        )
    for b in selection.bedrijven:
        writer.writerow(
            [
                "vestiging",
                b["vestigingsnummer"],
                f"{b['eerste_handelsnaam']} (KvK {b['kvk_nummer']})",
                b["postcode"],
                b["plaats"],
                "",
            ]
        )
    return response


def _may_import(request: HttpRequest) -> None:
    """Both import views are behind @login_required; only administrators may import."""
    if not may_import(request_context(request)):
        raise PermissionDenied(_("Alleen beheerders importeren kaartlagen."))


@login_required
@require_http_methods(["GET", "POST"])
def layer_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file as the next version of a layer (or a new layer); progress on the page."""
    _may_import(request)
    layers = Layer.objects.filter(source_kind="stored").order_by("code")
    context: dict[str, Any] = {
        "layers": layers,
        "themes": Theme.choices,
        "access_levels": AccessLevel.choices,
        "errors": [],
    }
    if request.method == "POST":
        upload = request.FILES.get("file")
        code = (request.POST.get("layer") or request.POST.get("new_code") or "").strip()
        level = request.POST.get("access_level") or None
        if upload is None:
            context["errors"].append(_("Kies een bestand."))
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", code):
            context["errors"].append(
                _("Kies een laag of geef een code van kleine letters, cijfers en streepjes.")
            )
        if level is not None and level not in AccessLevel.values:
            context["errors"].append(_("Kies een toegangsniveau uit de lijst."))
        if not context["errors"]:
            ctx = request_context(request)
            layer = Layer.objects.filter(code=code).first() or layer_define(
                ctx=ctx,
                code=code,
                title_nl=request.POST.get("title") or code,
                theme=request.POST.get("theme") or Theme.ECONOMIE,
            )  # no access level chosen: intern, or afgeschermd when the import finds personal data
            if level is not None and (level != layer.access_level or not layer.access_level_explicit):
                layer = layer_define(ctx=ctx, code=code, access_level=level)  # a decision, audited
            options = {
                k: request.POST.get(k)
                for k in ("crs", "encoding", "id_field", "geometry_type")
                if request.POST.get(k)
            }
            try:
                job = layer_import_start(actor=request.user, layer=layer, upload=upload, options=options)
            except ValueError as exc:
                context["errors"].append(str(exc))
            else:
                context["job"], context["import_job"] = job.pk, job
    return render(request, "geo/import.html", context)


@login_required
@require_GET
def layer_import_status(request: HttpRequest, job: str) -> HttpResponse:
    _may_import(request)
    try:
        found = job_get(user=request.user, pk=job, kind=LAYER_IMPORT_JOB)
    except Http404:
        return problem(request, 404, "onbekende import")
    return JsonResponse(layer_import_state(found), json_dumps_params={"ensure_ascii": False})


@require_GET
def aerial_tile(request: HttpRequest, z: int, x: int, y: int) -> HttpResponse:
    """High-resolution aerial photo tiles through the platform: shielded, with purpose and audit."""
    ctx = request_context(request)
    refused = _shielded_access(ctx, request)
    if refused is not None:
        return refused
    if not (0 <= z <= 21 and 0 <= x < (1 << z) and 0 <= y < (1 << z)):  # RD grid: 2^z × 2^z tiles
        return problem(request, 404, "onbekende tegel")
    photo = aerial_tile_read(ctx=ctx, z=z, x=x, y=y)
    if photo is None:
        return problem(request, 502, "de luchtfotodienst is niet bereikbaar")
    response = HttpResponse(photo.content, content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
