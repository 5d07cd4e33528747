from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.organisations.selectors import region_summary

from .access import AccessLevel
from .clearance import clearance_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    clearance = clearance_for(request.user)
    summary = region_summary()
    return render(
        request,
        "core/home.html",
        {
            "region": summary.region if summary else None,
            "municipality_count": summary.municipality_count if summary else 0,
            "clearance": clearance if request.user.is_authenticated else None,
            "clearance_levels": [level for level in AccessLevel if level in clearance.levels],
        },
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
