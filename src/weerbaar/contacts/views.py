"""The contact directory: search, and the person (or organisation) keeps the entry fresh."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.catalog.models import Theme
from weerbaar.catalog.search.facets import facet_groups
from weerbaar.core.policies import policy_for
from weerbaar.organisations.models import Organisation

from .forms import ContactForm
from .models import Contact, ContactRegion
from .policies import require_partner
from .selectors import FACETS, contact_get, contact_search
from .services import EDITABLE_FIELDS, contact_confirm, contact_update

FACET_LABELS = {
    "organisation": gettext_lazy("Organisatie"),
    "region": gettext_lazy("Regio"),
    "theme": gettext_lazy("Thema"),
}


@login_required
@require_GET
def contact_list_view(request: HttpRequest) -> HttpResponse:
    require_partner(request.user)
    query = request.GET.get("q", "")[:200]
    filters = {name: request.GET.getlist(name) for name in FACETS if request.GET.getlist(name)}
    page = contact_search(user=request.user, query=query, filters=filters)
    audit_log(
        actor=request.user,
        action=Action.SEARCH,
        object_type="contact",
        request=request,
        detail={"q": query, **filters},
    )
    labels = {
        "organisation": dict(Organisation.objects.values_list("code", "name")),
        "region": dict(ContactRegion.choices),
        "theme": {t.code: t.name for t in Theme.objects.all()},
    }
    facets = facet_groups(
        names=FACETS, titles=FACET_LABELS, counts=page.facets, chosen=filters, labels=labels
    )
    return render(request, "contacts/list.html", {"page": page, "query": query, "facets": facets})


def _get_or_404(request: HttpRequest, key: str) -> Contact:
    contact = contact_get(user=request.user, key=key)
    if contact is None:
        raise Http404
    return contact


@login_required
@require_GET
def contact_detail_view(request: HttpRequest, key: str) -> HttpResponse:
    require_partner(request.user)
    contact = _get_or_404(request, key)
    audit_log(
        actor=request.user, action=Action.VIEW, object_type="contact", object_id=contact.key, request=request
    )
    return render(
        request,
        "contacts/detail.html",
        {
            "contact": contact,
            "can_change": policy_for(Contact).can_change(request.user, contact),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def contact_edit_view(request: HttpRequest, key: str) -> HttpResponse:
    require_partner(request.user)
    contact = _get_or_404(request, key)
    if not policy_for(Contact).can_change(request.user, contact):
        raise PermissionDenied
    initial = {name: getattr(contact, name) for name in EDITABLE_FIELDS} | {
        "themes": list(contact.themes.all())
    }
    form = ContactForm(request.POST or None, initial=initial, organisation=contact.organisation)
    if request.method == "POST" and form.is_valid():
        values = {k: v for k, v in form.cleaned_data.items() if k != "themes"}
        contact_update(
            actor=request.user, contact=contact, themes=list(form.cleaned_data["themes"]), **values
        )
        messages.success(request, _("De contactgegevens zijn opgeslagen."))
        return redirect("contacts:detail", key=contact.key)
    return render(request, "contacts/form.html", {"form": form, "contact": contact})


@login_required
@require_POST
def contact_confirm_view(request: HttpRequest, key: str) -> HttpResponse:
    require_partner(request.user)
    contact = _get_or_404(request, key)
    contact_confirm(actor=request.user, contact=contact)
    messages.success(request, _("Bevestigd: de gegevens kloppen nog."))
    return redirect("contacts:detail", key=contact.key)
