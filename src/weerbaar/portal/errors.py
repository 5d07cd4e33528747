"""Error pages; under /api/ the same errors come as problem+json."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from weerbaar.api.problems import problem


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem(request, 403, "U heeft geen toegang tot deze gegevens.")
    return render(request, "portal/403.html", {"reason": str(exception or "")}, status=403)


def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    if request.path.startswith("/api/"):
        return problem(request, 404, "Deze URL bestaat niet (let op: geen slash aan het eind).")
    return render(request, "portal/404.html", status=404)
