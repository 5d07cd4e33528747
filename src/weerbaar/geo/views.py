"""The viewer pages and their small JSON helpers (search, area selection, CSV export)."""

from __future__ import annotations

import csv
import json
import os
import re
import urllib.request
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.api.problems import problem
from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.clearance import clearance_for
from weerbaar.jobs.selectors import job_get
from weerbaar.privacy.context import legacy_context
from weerbaar.privacy.purpose import declared_purpose

from .area import address_label, select_area, selection_geometry
from .imports import LAYER_IMPORT_JOB, layer_import_start, layer_import_state, may_import
from .models import Feature, Layer, Theme
from .selectors import layer_list
from .services import layer_define

#: PDOK WMTS in the Dutch tiling scheme (tile matrix set EPSG:28992 = NetherlandsRDNewQuad:
#: origin -285401.92, 903401.92, z0 cell 3440.640 m, 256-pixel tiles), {z}/{x}/{y} with y from the top
PDOK_AERIAL = "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_ortho25/EPSG:28992/{z}/{x}/{y}.jpeg"
PDOK_AERIAL_HR = (
    "https://service.pdok.nl/hwh/luchtfotorgb/wmts/v1_0/Actueel_orthoHR/EPSG:28992/{z}/{x}/{y}.jpeg"
)
PDOK_BRT = "https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/{layer}/EPSG:28992/{z}/{x}/{y}.png"
KADASTRAAL_RE = re.compile(r"^[A-Z]{3}[0-9]{2} [A-Z]{1,2} [1-9][0-9]{0,4}( A[1-9][0-9]{0,3})?$")
PLACE_LAYERS = ("gemeenten", "plaatsen", "industriekernen", "pc4")
#: deepest level of the proxied high-resolution aerial photos (RD grid: 3440.640 / 2^16 = 5 cm)
AERIAL_HR_MAX_ZOOM = 16


def _grid(url: str) -> str:
    """The tile grid a base-map template is in: RD New unless the URL names Web Mercator.

    A template still in EPSG:3857 (a deployment configured before the viewer moved to RD New)
    keeps working: the viewer then reprojects its tiles instead of using them one to one.
    """
    return "EPSG:3857" if re.search(r"3857|GoogleMaps|WebMercator", url, re.IGNORECASE) else "EPSG:28992"


def _int_env(name: str, default: int) -> int:
    try:
        return int(os.environ.get(name, default))
    except ValueError:
        return default


def _basemap_config() -> dict[str, Any]:
    """The WMTS base maps (PDOK BRT-Achtergrondkaart and Luchtfoto by default), configurable per deployment.

    WEERBAAR_WMTS_URL (a tile template with {z}/{x}/{y}, and {layer}; in the RD New tile matrix
    set EPSG:28992, or in EPSG:3857, which the viewer then reprojects), WEERBAAR_WMTS_LAYER,
    WEERBAAR_WMTS_ATTRIBUTION, WEERBAAR_WMTS_MAX_ZOOM, WEERBAAR_AERIAL_URL,
    WEERBAAR_AERIAL_MAX_ZOOM, WEERBAAR_WMTS_ENABLED=0 for none (offline).
    The host must be in WEERBAAR_CSP_IMG_SOURCES.
    """
    url = os.environ.get("WEERBAAR_WMTS_URL", PDOK_BRT)
    aerial = os.environ.get("WEERBAAR_AERIAL_URL", PDOK_AERIAL)
    return {
        "url": url,
        "grid": _grid(url),
        "maxZoom": _int_env("WEERBAAR_WMTS_MAX_ZOOM", 14),
        "layer": os.environ.get("WEERBAAR_WMTS_LAYER", "grijs"),
        "attribution": os.environ.get("WEERBAAR_WMTS_ATTRIBUTION", "Kaartgegevens © Kadaster / PDOK"),
        "enabled": os.environ.get("WEERBAAR_WMTS_ENABLED", "1").lower() in {"1", "true", "yes", "on"},
        "aerial_url": aerial,
        "aerialGrid": _grid(aerial),
        "aerialMaxZoom": _int_env("WEERBAAR_AERIAL_MAX_ZOOM", 14),
        "aerialHrGrid": _grid(os.environ.get("WEERBAAR_AERIAL_HR_URL", PDOK_AERIAL_HR)),
        "aerialHrMaxZoom": AERIAL_HR_MAX_ZOOM,
    }


def _layer_tree(user: Any, *, include_shielded: bool) -> list[dict[str, Any]]:
    layers = [
        layer
        for layer in layer_list(user=user)
        if include_shielded or layer.access_level != AccessLevel.AFGESCHERMD
    ]
    themes = []
    for value, label in Theme.choices:
        members = [layer for layer in layers if layer.theme == value]
        if members:
            themes.append({"code": value, "label": label, "layers": members})
    return themes


def _config(request: HttpRequest, themes: list[dict[str, Any]], *, shielded: bool) -> dict[str, Any]:
    base = _basemap_config()
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
                "credit": layer.credit,
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
            "drawHelp": _("Klik punten op de kaart; dubbelklik om het vlak te sluiten."),
            "keyboardDrawHelp": _(
                "Met het toetsenbord: pijltjestoetsen verschuiven, Enter zet een punt in het midden (+), "
                "Shift+Enter sluit het vlak, Escape stopt."
            ),
        },
    }


@require_GET
def viewer(request: HttpRequest) -> HttpResponse:
    themes = _layer_tree(request.user, include_shielded=False)
    clearance = clearance_for(request.user)
    return render(
        request,
        "geo/viewer.html",
        {
            "themes": themes,
            "config": _config(request, themes, shielded=False),
            "shielded": False,
            "may_enter_shielded": clearance.shielded,
        },
    )


@login_required
@require_GET
def shielded_viewer(request: HttpRequest) -> HttpResponse:
    clearance = clearance_for(request.user)
    if not clearance.shielded:
        raise PermissionDenied(clearance.reason)
    purpose = declared_purpose(request)
    if purpose is None:
        return redirect(
            f"{reverse('privacy:declare_purpose')}?{urlencode({'next': request.get_full_path()})}"
        )
    themes = _layer_tree(request.user, include_shielded=True)
    activity = apps.get_model("privacy", "ProcessingActivity").objects.filter(code=purpose).first()
    gemeenten = apps.get_model("organisations", "Area").objects.filter(kind="gemeente").order_by("name")
    return render(
        request,
        "geo/viewer.html",
        {
            "themes": themes,
            "config": _config(request, themes, shielded=True),
            "shielded": True,
            "purpose": activity or purpose,
            "gemeenten": gemeenten.values("code", "name"),
        },
    )


def _geojson(geometry: Any) -> dict[str, Any] | None:
    if geometry is None:
        return None
    g = geometry.transform(4326, clone=True)
    return json.loads(g.geojson)


def _place_results(user: Any, query: str) -> list[dict[str, Any]]:
    visible = {layer.code: layer for layer in layer_list(user=user).filter(code__in=PLACE_LAYERS)}
    results = []
    for code in PLACE_LAYERS:
        layer = visible.get(code)
        if layer is None or not layer.current_version_id:
            continue
        key = {"gemeenten": "statnaam", "pc4": "postcode"}.get(code, "naam")
        if code == "pc4" and not re.fullmatch(r"\d{4}", query):
            continue
        qs = Feature.objects.filter(
            version_id=layer.current_version_id, **{f"properties__{key}__icontains": query}
        )
        for feature in qs[:8]:
            name = str(feature.properties.get(key, feature.fid))
            results.append(
                {
                    "kind": layer.title,
                    "label": name,
                    "exact": name.lower() == query.lower(),
                    "geometry": _geojson(feature.geometry),
                }
            )
    results.sort(key=lambda r: (not r["exact"], len(r["label"])))
    return results[:15]


def search_all(*, user: Any, query: str, request: Any = None) -> list[dict[str, Any]]:
    """Address (postcode + huisnummer), kadastrale aanduiding, KvK-nummer and place names."""
    query = " ".join(query.split())[:100]
    if len(query) < 2:
        return []
    results: list[dict[str, Any]] = []
    try:
        from weerbaar.registers import identifiers, selectors
        from weerbaar.registers.lookup import parse_address
    except ImportError:  # the registers app is optional
        return _place_results(user, query)
    ctx = legacy_context(user, request)
    parsed = parse_address(query)
    if parsed is not None:
        found = selectors.adres_zoeken(ctx=ctx, query=parsed)
        for a in found.adressen[:10]:
            label = str(a)  # Nummeraanduiding.__str__, the same text as area.address_label
            via = found.gevonden_via.get(a.identificatie)
            if via is not None:  # the address searched for is a nevenadres of this object
                label = _("%(neven)s (nevenadres van %(hoofd)s)") % {
                    "neven": str(via),
                    "hoofd": label,
                }
            results.append(
                {
                    "kind": _("Adres"),
                    "label": label,
                    "exact": found.exact,
                    "geometry": _geojson(a.geometrie),
                }
            )
        return results
    aanduiding = identifiers.normalise_kadastrale_aanduiding(query)
    if KADASTRAAL_RE.match(aanduiding):
        found_perceel = selectors.perceel_zoeken(ctx=ctx, aanduiding=aanduiding)
        obj = found_perceel.object
        if obj is not None:
            result = {
                "kind": _("Perceel"),
                "label": obj.kadastrale_aanduiding,
                "exact": True,
                "geometry": _geojson(obj.geometrie or obj.plaatscoordinaat),
            }
            if found_perceel.rechten is not None:
                result["eigenaren"] = [
                    (
                        " ".join(
                            x
                            for x in (r.persoon.voornamen, r.persoon.voorvoegsel, r.persoon.geslachtsnaam)
                            if x
                        )
                        if r.persoon
                        else r.rechtspersoon_naam
                    )
                    + f" ({r.soort} {r.aandeel_teller}/{r.aandeel_noemer})"
                    for r in found_perceel.rechten
                ]
            results.append(result)
        return results
    compact = "".join(query.split())
    if identifiers.is_kvk_nummer(compact):
        found_kvk = selectors.onderneming_zoeken(ctx=ctx, kvk_nummer=compact)
        if found_kvk.onderneming is not None:
            for v in found_kvk.vestigingen[:10]:
                results.append(
                    {
                        "kind": _("Vestiging"),
                        "label": f"{v.eerste_handelsnaam or found_kvk.onderneming.naam} — {v.plaats}",
                        "exact": True,
                        "geometry": _geojson(v.geometrie),
                    }
                )
        return results
    return _place_results(user, query)


@require_GET
def search(request: HttpRequest) -> JsonResponse:
    query = request.GET.get("q", "")
    results = search_all(user=request.user, query=query, request=request)
    if clearance_for(request.user).shielded and declared_purpose(request):
        # in the shielded viewer every search is a read with a purpose, also when nothing is found
        audit_log(
            actor=request.user,
            action=Action.SEARCH,
            object_type="geo.zoeken",
            object_id=query[:100],
            request=request,
            detail={"treffers": [r["label"] for r in results][:20]},
        )
    response = JsonResponse({"results": results}, json_dumps_params={"ensure_ascii": False})
    response["Cache-Control"] = "private, no-store"
    return response


def _shielded_access(request: HttpRequest) -> HttpResponse | None:
    if not request.user.is_authenticated:
        return problem(request, 401, "Log in (met tweede factor) voor afgeschermde gegevens.")
    clearance = clearance_for(request.user)
    if not clearance.shielded:
        return problem(request, 403, clearance.reason)
    if declared_purpose(request) is None:
        return problem(request, 403, "Leg eerst het doel van uw werk vast (doelbinding).")
    return None


def _selection(request: HttpRequest, *, export: bool):
    geometry, label = selection_geometry(
        gemeente=request.GET.get("gemeente"), wkt=request.GET.get("wkt"), crs=request.GET.get("crs")
    )
    return select_area(user=request.user, geometry=geometry, label=label, request=request, export=export)


@require_GET
def area(request: HttpRequest) -> HttpResponse:
    refused = _shielded_access(request)
    if refused is not None:
        return refused
    try:
        selection = _selection(request, export=False)
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
    refused = _shielded_access(request)
    if refused is not None:
        return refused
    try:
        selection = _selection(request, export=True)
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
    if not may_import(request.user):
        raise PermissionDenied(_("Alleen beheerders importeren kaartlagen."))


@login_required
@require_http_methods(["GET", "POST"])
def layer_import_page(request: HttpRequest) -> HttpResponse:
    """Upload a file as the next version of a layer (or a new layer); progress on the page."""
    _may_import(request)
    layers = Layer.objects.filter(source_kind="stored").order_by("code")
    context: dict[str, Any] = {"layers": layers, "themes": Theme.choices, "errors": []}
    if request.method == "POST":
        upload = request.FILES.get("file")
        code = (request.POST.get("layer") or request.POST.get("new_code") or "").strip()
        if upload is None:
            context["errors"].append(_("Kies een bestand."))
        if not re.fullmatch(r"[a-z0-9][a-z0-9-]{1,59}", code):
            context["errors"].append(
                _("Kies een laag of geef een code van kleine letters, cijfers en streepjes.")
            )
        if not context["errors"]:
            layer = Layer.objects.filter(code=code).first() or layer_define(
                actor=request.user,
                code=code,
                title_nl=request.POST.get("title") or code,
                theme=request.POST.get("theme") or Theme.ECONOMIE,
                access_level=AccessLevel.INTERN,
            )
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
    refused = _shielded_access(request)
    if refused is not None:
        return refused
    if not (0 <= z <= 21 and 0 <= x < (1 << z) and 0 <= y < (1 << z)):  # RD grid: 2^z × 2^z tiles
        return problem(request, 404, "onbekende tegel")
    url = os.environ.get("WEERBAAR_AERIAL_HR_URL", PDOK_AERIAL_HR).format(z=z, x=x, y=y)
    audit_log(
        actor=request.user,
        action=Action.VIEW,
        object_type="geo.luchtfoto",
        object_id=f"{z}/{x}/{y}",
        request=request,
    )
    try:
        with urllib.request.urlopen(url, timeout=5) as upstream:  # noqa: S310  (configured https URL)
            content = upstream.read()
            content_type = upstream.headers.get("Content-Type", "image/jpeg")
    except (OSError, ValueError):
        return problem(request, 502, "de luchtfotodienst is niet bereikbaar")
    response = HttpResponse(content, content_type=content_type)
    response["Cache-Control"] = "private, no-store"
    return response
