"""The look-up page in the base registers for logged-in users: addresses, companies, parcels, and
persons for a context with shielded clearance. Every read goes through the registers' selectors,
which check what the context may see and log the personal data they show or refuse."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET

from weerbaar.privacy.context import request_context

from . import selectors
from .forms import AdresZoekForm, OndernemingZoekForm, PerceelZoekForm, PersoonZoekForm

KINDS = {
    "adres": (_("Adres"), AdresZoekForm),
    "onderneming": (_("Onderneming"), OndernemingZoekForm),
    "perceel": (_("Perceel"), PerceelZoekForm),
}


def _tabs(request: HttpRequest, active: str) -> list[tuple[str, Any, bool]]:
    """The kinds of search; persons only for a context cleared for shielded data (the person view
    refuses the others itself: this only spares them a link that ends in 403)."""
    tabs = [(kind, label, kind == active) for kind, (label, _form) in KINDS.items()]
    if request_context(request).clearance.shielded:
        tabs.append(("persoon", _("Persoon"), active == "persoon"))
    return tabs


@login_required
@require_GET
def lookup_view(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("soort", "adres")
    if kind not in KINDS:
        kind = "adres"
    label, form_class = KINDS[kind]
    bound = any(name in request.GET for name in form_class.base_fields)
    form = form_class(request.GET if bound else None)
    results: dict[str, Any] | None = None
    if bound and form.is_valid():
        results = _search(request, kind, form.cleaned_data)
    return render(
        request,
        "registers/lookup.html",
        {"kind": kind, "label": label, "form": form, "results": results, "tabs": _tabs(request, kind)},
    )


def _search(request: HttpRequest, kind: str, data: dict[str, Any]) -> dict[str, Any]:
    ctx = request_context(request)
    if kind == "adres":
        if data.get("postcode"):
            found = selectors.adres_zoeken(
                ctx=ctx, query=f"{data['postcode']} {data['huisnummer']}", met_personen=False
            )
            return {"adressen": found.adressen}
        vraag = selectors.StraatVraag(data["straat"], data.get("huisnummer"), "", data.get("plaats") or "")
        return {"adressen": selectors.adressen_op_straat(ctx=ctx, vraag=vraag, limit=50)}
    if kind == "onderneming":
        return {"ondernemingen": selectors.ondernemingen_op_naam(ctx=ctx, naam=data["naam"], limit=50)}
    found = selectors.perceel_zoeken(ctx=ctx, aanduiding=data["aanduiding"])
    return {"perceel": found}


@login_required
@require_GET
def lookup_person_view(request: HttpRequest) -> HttpResponse:
    """Persons by name and date of birth: shielded. A context without clearance is refused (403)
    and the refusal is logged by the selector; a cleared one without a declared purpose is asked
    to declare it."""
    ctx = request_context(request)
    form = PersoonZoekForm(request.GET if "naam" in request.GET else None)
    refusal = selectors.shielded_refusal(ctx)
    if refusal and refusal != selectors.NO_PURPOSE:
        selectors.persoon_zoeken(ctx=ctx, naam=request.GET.get("naam", "")[:200])  # logs the refusal
        raise PermissionDenied(refusal)
    hits = None
    if form.is_bound and form.is_valid():
        hits = selectors.persoon_zoeken(
            ctx=ctx, naam=form.cleaned_data["naam"], geboortedatum=form.cleaned_data["geboortedatum"]
        )
    return render(
        request,
        "registers/lookup.html",
        {
            "kind": "persoon",
            "label": _("Persoon"),
            "form": form,
            "results": None if hits is None else {"personen": hits},
            "tabs": _tabs(request, "persoon"),
            "needs_purpose": refusal == selectors.NO_PURPOSE,
        },
    )
