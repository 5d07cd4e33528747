"""The contact directory: search, and the person (or organisation) keeps the entry fresh.

Views build the processing context and call the selectors and services; the selectors log every
read (the same for the page and the API).
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require_partner
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.context import request_context
from weerbaar.search.facets import facet_groups
from weerbaar.themes.selectors import theme_names

from .forms import ContactForm
from .models import Contact, ContactRegion
from .search import FACETS
from .selectors import contact_choices, contact_get, contact_search
from .services import EDITABLE_FIELDS, contact_confirm, contact_update

FACET_LABELS = {
    "organisation": gettext_lazy("Organisatie"),
    "region": gettext_lazy("Regio"),
    "theme": gettext_lazy("Thema"),
}


@login_required
@require_GET
def contact_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    query = request.GET.get("q", "")[:200]
    filters = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    page = contact_search(ctx=ctx, query=query, filters=filters)
    labels = {
        "organisation": dict(Organisation.objects.values_list("code", "name")),
        "region": dict(ContactRegion.choices),
        "theme": theme_names(),
    }
    facets = facet_groups(
        names=FACETS, titles=FACET_LABELS, counts=page.facets, chosen=filters, labels=labels
    )
    return render(request, "contacts/list.html", {"page": page, "query": query, "facets": facets})


def _get_or_404(ctx: ProcessingContext, key: str) -> Contact:
    contact = contact_get(ctx=ctx, key=key)
    if contact is None:
        raise Http404
    return contact


@login_required
@require_GET
def contact_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    contact = _get_or_404(ctx, key)
    return render(
        request,
        "contacts/detail.html",
        {"contact": contact, "can_change": policy_for(Contact).can_change(ctx, contact)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit_view(request: HttpRequest, key: str) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    contact = _get_or_404(ctx, key)
    if not policy_for(Contact).can_change(ctx, contact):
        raise PermissionDenied
    initial = {name: getattr(contact, name) for name in EDITABLE_FIELDS} | {
        "themes": list(contact.themes.all()),
        "deputy": contact.deputy_id,
    }
    deputies = [(c.pk, c.label) for c in contact_choices(ctx=ctx) if c.pk != contact.pk]
    form = ContactForm(
        request.POST or None, initial=initial, organisation=contact.organisation, deputies=deputies
    )
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "themes"}
        contact_update(ctx=ctx, contact=contact, themes=list(form.cleaned_data["themes"]), **values)
        messages.success(request, _("De contactgegevens zijn opgeslagen."))
        return redirect("contacts:detail", key=contact.key)
    return render(request, "contacts/form.html", {"form": form, "contact": contact})


@login_required
@require_POST
def contact_confirm_view(request: HttpRequest, key: str) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    contact = _get_or_404(ctx, key)
    contact_confirm(ctx=ctx, contact=contact)
    messages.success(request, _("Bevestigd: de gegevens kloppen nog."))
    return redirect("contacts:detail", key=contact.key)
