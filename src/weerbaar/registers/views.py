"""The import page: upload a register file, follow its progress, read the result or the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.policies import policy_for

from .forms import ImportForm
from .models import ImportJob, Mutatie
from .services import import_job_progress, import_job_start


def _require_importer(request: HttpRequest) -> None:
    if not policy_for(ImportJob).can_create(request.user):
        raise PermissionDenied


@login_required
@require_http_methods(["GET", "POST"])
def import_view(request: HttpRequest) -> HttpResponse:
    _require_importer(request)
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = import_job_start(
                actor=request.user,
                upload=form.cleaned_data["bestand"],
                importer=form.cleaned_data["importer"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("registers:import_job", pk=job.pk)
    jobs = policy_for(ImportJob).visible(request.user).select_related("run", "gestart_door")[:20]
    status = 400 if request.method == "POST" else 200
    return render(request, "registers/import.html", {"form": form, "jobs": jobs}, status=status)


def _job(request: HttpRequest, pk: int) -> ImportJob:
    _require_importer(request)
    qs = policy_for(ImportJob).visible(request.user).select_related("run", "gestart_door")
    return get_object_or_404(qs, pk=pk)


@login_required
@require_GET
def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    run = job.run
    context = {
        "job": job,
        "run": run,
        "progress": import_job_progress(job),
        # mutations of shielded objects only for whoever may see them
        "mutaties": (
            policy_for(Mutatie).visible(request.user, run.mutaties.order_by("id"))[:50] if run else []
        ),
    }
    return render(request, "registers/import_job.html", context)


@login_required
@require_GET
def import_job_status(request: HttpRequest, pk: int) -> JsonResponse:
    return JsonResponse(import_job_progress(_job(request, pk)))
