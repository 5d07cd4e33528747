"""Pages of cross-referencing: thin — build the context, call a selector or service, render.

Upload → mapping with preview → version (its row report) → linkage run (pairs with
explanations and judgement buttons); the hit / no-hit question for datasets one does not hold.
"""

from __future__ import annotations

import json
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import require_partner
from weerbaar.importing import FileError
from weerbaar.privacy.context import request_context

from . import selectors, services
from .explanation import readable
from .ftm import entity_label
from .hitindex import KINDS
from .importers import preview, table_columns
from .indexfile import IndexFileError
from .mapping import MappingError, target_choices
from .models import LinkageRun, Verdict
from .services import index as index_services
from .services import linkage, questions

SESSION_KEY = "crossref-aanlevering"


def _partner_context(request: HttpRequest) -> ProcessingContext:
    """The request's context; pages of partner datasets are for logged-in partners only (403)."""
    ctx = request_context(request)
    require_partner(ctx)
    return ctx


class DatasetForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    toegangsniveau = forms.ChoiceField(
        label=_("Toegangsniveau"), choices=AccessLevel.choices, initial=AccessLevel.AFGESCHERMD
    )
    contact = forms.CharField(label=_("Contact voor een verzoek"), max_length=200, required=False)
    bewaren_tot = forms.DateField(
        label=_("Bewaren tot"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class UploadForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand (CSV, XLSX, GeoPackage, gezipte Shapefile)"))


class IndexForm(forms.Form):
    index = forms.FileField(label=_("Trefferindex (ZIP, gemaakt met weerbaar xref_index)"))


class HitForm(forms.Form):
    partnerbestand = forms.TypedChoiceField(label=_("Partnerbestand"), coerce=int)
    soort = forms.ChoiceField(
        label=_("Soort"), choices=[("kvk", _("KvK-nummer")), ("adres", _("Adres")), ("persoon", _("Persoon"))]
    )
    waarde = forms.CharField(label=_("KvK-nummer, adres of naam"), max_length=200)
    geboortedatum = forms.CharField(label=_("Geboortedatum (bij een persoon)"), max_length=40, required=False)


@login_required
@require_http_methods(["GET", "POST"])
def dataset_list_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner_context(request)
    form = DatasetForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        dataset = services.dataset_create(
            ctx=ctx,
            name=form.cleaned_data["naam"],
            access_level=form.cleaned_data["toegangsniveau"],
            contact=form.cleaned_data["contact"],
            retention_until=form.cleaned_data["bewaren_tot"],
        )
        return redirect("crossref:dataset", pk=dataset.pk)
    return render(
        request, "crossref/dataset_list.html", {"datasets": selectors.dataset_list(ctx=ctx), "form": form}
    )


def _dataset(request: HttpRequest, pk: int):  # type: ignore[no-untyped-def]
    dataset = selectors.dataset_get(ctx=_partner_context(request), pk=pk)
    if dataset is None:
        raise Http404
    return dataset


@login_required
@require_http_methods(["GET", "POST"])
def dataset_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    dataset = _dataset(request, pk)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["bestand"]
        try:
            path = services.upload_stage(ctx=ctx, dataset=dataset, name=upload.name, chunks=upload.chunks())
        except MappingError as exc:
            form.add_error("bestand", str(exc))
        else:
            request.session[SESSION_KEY] = {"dataset": dataset.pk, "path": path.name, "name": upload.name}
            return redirect("crossref:mapping", pk=dataset.pk)
    versions = selectors.version_list(ctx=ctx, dataset=dataset)
    return render(
        request,
        "crossref/dataset.html",
        {
            "dataset": dataset,
            "versions": versions,
            "form": form,
            "index": selectors.index_of(ctx=ctx, dataset=dataset),
            "may_publish": selectors.may_publish_index(ctx=ctx, dataset=dataset),
            "index_form": IndexForm(),
            "questions": selectors.questions_for(ctx=ctx, dataset=dataset),
        },
    )


@login_required
@require_POST
def index_key_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The dataset's key for `weerbaar xref_index`, as a file (holder only; the export is audited)."""
    ctx = _partner_context(request)
    dataset = _dataset(request, pk)
    text = index_services.index_key_export(ctx=ctx, dataset=dataset)
    response = HttpResponse(text, content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="trefferindex-sleutel-{dataset.pk}.txt"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def index_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    dataset = _dataset(request, pk)
    form = IndexForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Kies het ZIP-bestand van de trefferindex."))
    else:
        try:
            index = index_services.index_publish(ctx=ctx, dataset=dataset, upload=form.cleaned_data["index"])
        except IndexFileError as exc:
            messages.error(request, _("De trefferindex is niet gepubliceerd: %(reason)s") % {"reason": exc})
        else:
            messages.success(
                request,
                _(
                    "Trefferindex gepubliceerd: %(persons)s personen, %(keys)s sleutels. Er staat geen waarde in."
                )
                % {
                    "persons": index.counts.get("bloom", 0),
                    "keys": sum(n for kind, n in index.counts.items() if kind != "bloom"),
                },
            )
    return redirect(reverse("crossref:dataset", args=[dataset.pk]) + "#trefferindex")


def _staged(request: HttpRequest, pk: int) -> tuple[Path, str]:
    staged = request.session.get(SESSION_KEY) or {}
    if staged.get("dataset") != pk:
        raise Http404
    path = Path(settings.MEDIA_ROOT) / "crossref-aanlevering" / str(pk) / Path(staged["path"]).name
    if not path.exists():
        raise Http404
    return path, staged["name"]


@login_required
@require_http_methods(["GET", "POST"])
def mapping_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The file's columns, a target for each (the saved mapping preselected) and a preview."""
    ctx = _partner_context(request)
    dataset = _dataset(request, pk)
    path, name = _staged(request, pk)
    error = ""
    try:
        columns = table_columns(path)
    except FileError as exc:
        columns, error = [], str(exc)
    if request.method == "POST":
        mapping = {c: request.POST.get(f"kolom-{i}", "") for i, c in enumerate(columns)}
    else:
        mapping = {c: dataset.mapping.get(c, "") for c in columns}
    mapping = {c: t for c, t in mapping.items() if t}
    rows = []
    if mapping and not error:
        if request.method == "POST" and "opslaan" in request.POST:
            try:
                version = services.version_upload(
                    ctx=ctx, dataset=dataset, path=path, filename=name, mapping=mapping
                )
            except (MappingError, FileError) as exc:
                error = str(exc)
            else:
                path.unlink(missing_ok=True)
                request.session.pop(SESSION_KEY, None)
                return redirect("crossref:version", pk=version.pk)
        try:
            rows = preview(path, mapping, dataset_key=dataset.key)
        except (MappingError, FileError) as exc:
            error = str(exc)
    fields = [(i, c, mapping.get(c, "")) for i, c in enumerate(columns)]
    context = {
        "dataset": dataset,
        "name": name,
        "fields": fields,
        "choices": target_choices(),
        "rows": rows,
        "error": error,
    }
    return render(
        request, "crossref/mapping.html", context, status=400 if error and request.method == "POST" else 200
    )


@login_required
def version_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    version = selectors.version_get(ctx=ctx, pk=pk)
    if version is None:
        raise Http404
    if request.GET.get("formaat") == "ftm":
        lines = selectors.version_export_ftm(ctx=ctx, version=version)
        response = HttpResponse(
            "".join(json.dumps(e, ensure_ascii=False) + "\n" for e in lines),
            content_type="application/x-ndjson",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="{version.dataset.key}-v{version.number}.ftm.jsonl"'
        )
        return response
    others = [
        v
        for d in selectors.dataset_list(ctx=ctx)
        if d.pk != version.dataset_id
        for v in selectors.version_list(ctx=ctx, dataset=d)[:1]
    ]
    context = {
        "version": version,
        "entities": [
            (e["schema"], entity_label(e))
            for e in selectors.version_entities(ctx=ctx, version=version, limit=50)
        ],
        "others": others,
    }
    return render(request, "crossref/version.html", context)


#: the value of "tegen" that links against the registers instead of another dataset
REGISTERS = LinkageRun.Against.REGISTERS.value


@login_required
@require_POST
def linkage_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    left = selectors.version_get(ctx=ctx, pk=pk)
    against = request.POST.get("tegen", "")
    right = None if against == REGISTERS else selectors.version_get(ctx=ctx, pk=int(against or 0))
    if left is None or (right is None and against != REGISTERS):
        raise Http404
    run = linkage.linkage_start(ctx=ctx, left=left, right=right)
    return redirect("crossref:run", pk=run.pk)


@login_required
def run_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    run = linkage.run_get(ctx=ctx, pk=pk)
    if run is None:
        raise Http404
    pairs = [
        {**p, "explanation": readable(p["pair"].explanation)} for p in linkage.run_pairs(ctx=ctx, run=run)
    ]
    return render(request, "crossref/run.html", {"run": run, "pairs": pairs, "verdicts": Verdict.choices})


@login_required
@require_POST
def judge_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _partner_context(request)
    pair = linkage.pair_get(ctx=ctx, pk=pk)
    if pair is None:
        raise Http404
    linkage.judgement_set(ctx=ctx, pair=pair, verdict=request.POST.get("oordeel", ""))
    return redirect(f"{reverse('crossref:run', args=[pair.run_id])}#paar-{pair.pk}")


@login_required
@require_http_methods(["GET", "POST"])
def hit_view(request: HttpRequest) -> HttpResponse:
    ctx = _partner_context(request)
    form = HitForm(request.POST or None)
    form.fields["partnerbestand"].choices = [  # type: ignore[attr-defined]
        (a.pk, f"{a.name} ({a.holder})") for a in selectors.askable_datasets(ctx=ctx)
    ]
    answer = None
    if request.method == "POST" and form.is_valid():
        try:
            answer = questions.hit_question_ask(
                ctx=ctx,
                dataset_pk=form.cleaned_data["partnerbestand"],
                kind=form.cleaned_data["soort"],
                value=form.cleaned_data["waarde"],
                birth_date=form.cleaned_data["geboortedatum"],
            )
        except ValueError:
            form.add_error("waarde", _("Deze waarde is niet te lezen."))
    return render(request, "crossref/hit.html", {"form": form, "answer": answer, "kinds": KINDS})
