from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from weerbaar.core.clearance import clearance_for

from .purpose import declared_purpose, purpose_declare
from .selectors import grant_list, may_read_register, processing_activity_list


@login_required
def register(request: HttpRequest) -> HttpResponse:
    if not may_read_register(request.user):
        raise PermissionDenied
    return render(
        request,
        "privacy/register.html",
        {"activities": processing_activity_list(user=request.user), "grants": grant_list(user=request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def declare_purpose(request: HttpRequest) -> HttpResponse:
    clearance = clearance_for(request.user)
    if not clearance.shielded:
        raise PermissionDenied(clearance.reason)
    activities = processing_activity_list(user=request.user).filter(code__in=clearance.activities)
    next_url = request.POST.get("next") or request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = "/"
    if request.method == "POST":
        if purpose_declare(request=request, activity_code=request.POST.get("activity", "")):
            messages.info(request, _("Doel vastgelegd voor deze werksessie."))
            return redirect(next_url)
        messages.error(request, _("Kies een doel waarvoor uw organisatie een grondslag heeft."))
    return render(
        request,
        "privacy/declare_purpose.html",
        {"activities": activities, "current": declared_purpose(request), "next": next_url},
    )
