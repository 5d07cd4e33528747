"""Pages of the catalog: browse and search, detail, write, history, export, import.

Each view builds the processing context once and passes it to the selectors and services, which
check the policy and write the audit entries; views write none themselves.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.contacts.selectors import contact_choices, contact_points
from weerbaar.core.context import Origin, ProcessingContext
from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import request_context
from weerbaar.search.facets import facet_groups
from weerbaar.themes.selectors import theme_names

from . import dcat
from .forms import DistributionFormSet, FactsheetForm, ImportForm, SearchForm
from .models import Factsheet
from .search import FACETS
from .selectors import (
    factsheet_export,
    factsheet_get,
    factsheet_search,
    factsheet_versions,
    factsheets_maintained_by,
    factsheets_stale_for,
    is_stale,
)
from .services import factsheet_create, factsheet_mark_reviewed, factsheet_update
from .services.importer import ImportFileError
from .services.importing import factsheets_import_file

PER_PAGE = 20
FORMAT_LABELS = {
    "OGC_API_FEATURES": "OGC API Features",
    "WFS_SRVC": "WFS",
    "WMS_SRVC": "WMS",
    "WMTS_SRVC": "WMTS",
    "GEOJSON": "GeoJSON",
    "GPKG": "GeoPackage",
    "SHP": "Shapefile",
}
FACET_LABELS = {
    "owner": gettext_lazy("Eigenaar"),
    "theme": gettext_lazy("Thema"),
    "access": gettext_lazy("Toegangsniveau"),
    "personal": gettext_lazy("Persoonsgegevens"),
    "format": gettext_lazy("Formaat"),
}


def _facet_value_labels() -> dict[str, dict[str, str]]:
    return {
        "owner": dict(Organisation.objects.values_list("code", "name")),
        "theme": theme_names(),
        "access": {"openbaar": _("openbaar"), "intern": _("intern"), "afgeschermd": _("afgeschermd")},
        "personal": {"ja": _("ja"), "nee": _("nee")},
        "format": dict(FORMAT_LABELS),
    }


@require_GET
def factsheet_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    form = SearchForm(request.GET)
    valid = form.is_valid()
    query = form.cleaned_data["q"] if valid else ""
    sort = (form.cleaned_data["sort"] if valid else "") or "relevance"
    filters = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    try:
        page_number = max(int(request.GET.get("pagina", "1")), 1)
    except ValueError:
        page_number = 1
    page = factsheet_search(
        ctx=ctx, query=query, filters=filters, sort=sort, page=page_number, per_page=PER_PAGE
    )
    facets = facet_groups(
        names=FACETS, titles=FACET_LABELS, counts=page.facets, chosen=filters, labels=_facet_value_labels()
    )
    pages = (page.total + PER_PAGE - 1) // PER_PAGE
    params = request.GET.copy()
    params.pop("pagina", None)
    return render(
        request,
        "catalog/list.html",
        {
            "form": form,
            "page": page,
            "facets": facets,
            "query": query,
            "sort": sort,
            "page_number": page_number,
            "pages": pages,
            "params": params.urlencode(),
            "stale": [f.pk for f in page.factsheets if is_stale(f)],
            "can_create": policy_for(Factsheet).can_create(ctx),
        },
    )


def _get_or_404(ctx: ProcessingContext, identifier: str) -> Factsheet:
    factsheet = factsheet_get(ctx=ctx, identifier=identifier)
    if factsheet is None:
        raise Http404
    return factsheet


@require_GET
def factsheet_detail(request: HttpRequest, identifier: str) -> HttpResponse:
    ctx = request_context(request)
    factsheet = _get_or_404(ctx, identifier)
    return render(
        request,
        "catalog/detail.html",
        {
            "factsheet": factsheet,
            "stale": is_stale(factsheet),
            "can_change": policy_for(Factsheet).can_change(ctx, factsheet),
        },
    )


def _save(request: HttpRequest, ctx: ProcessingContext, factsheet: Factsheet | None) -> HttpResponse:
    editing = factsheet is not None
    choices = [(c.pk, c.label) for c in contact_choices(ctx=ctx)]
    initial = FactsheetForm.initial_from(factsheet) if factsheet is not None else None
    if request.method == "POST":
        form = FactsheetForm(request.POST, editing=editing, initial=initial, contacts=choices)
        formset = DistributionFormSet(request.POST, prefix="dist")
        if form.is_valid() and formset.is_valid():
            distributions = [
                f.to_input()
                for f in formset.forms
                if f.has_changed() and f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            maintainer = factsheet.maintainer if factsheet is not None else ctx.organisation
            data = form.to_input(
                maintainer=maintainer,
                distributions=distributions,
                contacts=contact_points(ctx=ctx, ids=form.contact_ids()),
            )
            try:
                if factsheet is not None:
                    saved = factsheet_update(
                        ctx=ctx, factsheet=factsheet, data=data, note=form.cleaned_data["note"]
                    )
                else:
                    saved = factsheet_create(ctx=ctx, data=data, note=form.cleaned_data["note"])
            except ValidationError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("De factsheet is opgeslagen."))
                return redirect("catalog:detail", identifier=saved.identifier)
    else:
        form = FactsheetForm(initial=initial, editing=editing, contacts=choices)
        formset = DistributionFormSet(
            prefix="dist",
            initial=[
                {"kind": d.kind, "format": d.format, "title_nl": d.title_nl, "url": d.url, "layer": d.layer}
                for d in factsheet.distributions.all()
            ]
            if factsheet is not None
            else None,
        )
    return render(request, "catalog/form.html", {"form": form, "formset": formset, "factsheet": factsheet})


@login_required
@require_http_methods(["GET", "POST"])
def factsheet_create_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not policy_for(Factsheet).can_create(ctx):
        raise PermissionDenied
    return _save(request, ctx, None)


@login_required
@require_http_methods(["GET", "POST"])
def factsheet_edit_view(request: HttpRequest, identifier: str) -> HttpResponse:
    ctx = request_context(request)
    factsheet = _get_or_404(ctx, identifier)
    if not policy_for(Factsheet).can_change(ctx, factsheet):
        raise PermissionDenied
    return _save(request, ctx, factsheet)


@login_required
@require_POST
def factsheet_review_view(request: HttpRequest, identifier: str) -> HttpResponse:
    ctx = request_context(request)
    factsheet = _get_or_404(ctx, identifier)
    factsheet_mark_reviewed(ctx=ctx, factsheet=factsheet)
    messages.success(request, _("De factsheet is als actueel bevestigd."))
    return redirect("catalog:detail", identifier=identifier)


@require_GET
def factsheet_versions_view(request: HttpRequest, identifier: str) -> HttpResponse:
    ctx = request_context(request)
    factsheet = _get_or_404(ctx, identifier)
    return render(
        request,
        "catalog/versions.html",
        {"factsheet": factsheet, "versions": factsheet_versions(ctx=ctx, factsheet=factsheet)},
    )


@login_required
@require_GET
def mine_view(request: HttpRequest) -> HttpResponse:
    """The factsheets the user's organisation maintains; stale ones first (flagged to the owner)."""
    ctx = request_context(request)
    return render(
        request,
        "catalog/mine.html",
        {
            "stale": factsheets_stale_for(ctx=ctx),
            "maintained": factsheets_maintained_by(ctx=ctx),
            "can_create": policy_for(Factsheet).can_create(ctx),
        },
    )


def _export(request: HttpRequest, kind: str) -> HttpResponse:
    ctx = request_context(request, origin=Origin.EXPORT)
    factsheets = factsheet_export(ctx=ctx, format=kind)
    base = request.build_absolute_uri("/")
    if kind == "ttl":
        response = HttpResponse(
            dcat.catalog_turtle(factsheets, base=base), content_type="text/turtle; charset=utf-8"
        )
    elif kind == "jsonld":
        response = HttpResponse(
            dcat.catalog_jsonld(factsheets, base=base), content_type="application/ld+json"
        )
    else:
        response = HttpResponse(dcat.catalog_csv(factsheets), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="factsheets.{kind}"'
    return response


@require_GET
def export_turtle(request: HttpRequest) -> HttpResponse:
    return _export(request, "ttl")


@require_GET
def export_jsonld(request: HttpRequest) -> HttpResponse:
    return _export(request, "jsonld")


@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    return _export(request, "csv")


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not policy_for(Factsheet).can_create(ctx):
        raise PermissionDenied
    report, error = None, None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            report = factsheets_import_file(
                ctx=ctx, raw=upload.read(), filename=upload.name, partial=form.cleaned_data["partial"]
            )
        except ImportFileError as exc:
            error = str(exc)
    status = (
        400
        if request.method == "POST" and (error or not form.is_valid() or (report and report.errors))
        else 200
    )
    return render(
        request, "catalog/import.html", {"form": form, "report": report, "error": error}, status=status
    )
