"""The import page: upload a register file, follow its progress, read the result or the report."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.policies import policy_for
from weerbaar.jobs.models import Job
from weerbaar.jobs.selectors import job_get, job_list

from .forms import ImportForm
from .models import ImportRun, Mutatie
from .services import IMPORT_JOB, import_job_progress, import_job_start, may_import


def _require_importer(request: HttpRequest) -> None:
    if not may_import(request.user):
        raise PermissionDenied


def _with_runs(request: HttpRequest, jobs: list[Job]) -> list[tuple[Job, ImportRun | None]]:
    """Each job with the ImportRun its result names (None while it runs, or when it crashed)."""
    ids = [job.result["run"] for job in jobs if job.result and job.result.get("run")]
    runs = policy_for(ImportRun).visible(request.user).in_bulk(ids)
    return [(job, runs.get((job.result or {}).get("run"))) for job in jobs]


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
    jobs = _with_runs(request, list(job_list(user=request.user, kind=IMPORT_JOB)[:20]))
    status = 400 if request.method == "POST" else 200
    return render(request, "registers/import.html", {"form": form, "jobs": jobs}, status=status)


def _job(request: HttpRequest, pk: int) -> Job:
    _require_importer(request)
    return job_get(user=request.user, pk=pk, kind=IMPORT_JOB)


@login_required
@require_GET
def import_job_view(request: HttpRequest, pk: int) -> HttpResponse:
    job = _job(request, pk)
    [(job, run)] = _with_runs(request, [job])
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
