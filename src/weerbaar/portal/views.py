from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.core.access import AccessLevel
from weerbaar.organisations.selectors import region_summary
from weerbaar.privacy.context import request_context
from weerbaar.privacy.selectors import may_read_register


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    clearance = request_context(request).clearance
    summary = region_summary()
    return render(
        request,
        "portal/home.html",
        {
            "region": summary.region if summary else None,
            "municipality_count": summary.municipality_count if summary else 0,
            "clearance": clearance if request.user.is_authenticated else None,
            "clearance_levels": [level for level in AccessLevel if level in clearance.levels],
        },
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"may_read_register": may_read_register(request.user)})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
