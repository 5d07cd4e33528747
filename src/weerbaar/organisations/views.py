from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from .models import OrganisationKind
from .selectors import organisation_list, region_summary


@require_GET
def organisation_list_view(request: HttpRequest) -> HttpResponse:
    organisations = organisation_list(user=request.user)
    groups = [
        (label, [o for o in organisations if o.kind == kind]) for kind, label in OrganisationKind.choices
    ]
    return render(
        request,
        "organisations/list.html",
        {"groups": [g for g in groups if g[1]], "summary": region_summary()},
    )
