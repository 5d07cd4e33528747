"""Cancelling a job from the page that follows it (the capability's own page shows the job)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from .selectors import job_get
from .services import job_cancel


@login_required
@require_POST
def job_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Cancel a job the user may see (404 otherwise), then back to the page they came from."""
    job = job_cancel(actor=request.user, job=job_get(user=request.user, pk=pk))
    if not job.finished:
        messages.info(request, _("Annuleren gevraagd: de taak stopt bij haar volgende stap."))
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(back)
    return redirect("portal:home")
