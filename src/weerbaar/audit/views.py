import csv
import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of

from .chain import CHAINED_FIELDS
from .forms import AuditSearchForm
from .models import Action
from .proving import ProofUnavailable, entry_by_id, inclusion_proof_for
from .selectors import audit_entry_search
from .services import audit_log


def _require_fg(request: HttpRequest) -> None:
    if Role.FG not in roles_of(request.user):
        audit_log(
            actor=request.user, action=Action.SEARCH, result="refused", object_type="audit", request=request
        )
        raise PermissionDenied


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    _require_fg(request)
    form = AuditSearchForm(request.GET or None)
    entries = None
    if form.is_bound and form.is_valid():
        entries = audit_entry_search(user=request.user, **form.cleaned_data)
        audit_log(
            actor=request.user,
            action=Action.SEARCH,
            object_type="audit",
            request=request,
            processing_activity="toezicht-logboek",
            detail={k: str(v) for k, v in form.cleaned_data.items() if v},
        )
        entries = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "audit/search.html", {"form": form, "entries": entries})


class _Echo:
    def write(self, value: str) -> str:
        return value


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    _require_fg(request)
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    entries = audit_entry_search(user=request.user, **form.cleaned_data)
    audit_log(
        actor=request.user,
        action=Action.EXPORT,
        object_type="audit",
        request=request,
        processing_activity="toezicht-logboek",
        detail={k: str(v) for k, v in form.cleaned_data.items() if v},
    )
    columns = ["id", *CHAINED_FIELDS, "previous_hash", "hash", "leaf_index", "leaf_hash"]
    writer = csv.writer(_Echo())

    def rows():
        yield writer.writerow(columns)
        for entry in entries.order_by("id").iterator(chunk_size=2000):
            yield writer.writerow([getattr(entry, c) for c in columns])

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="logboek.csv"'
    response.personal_data = True
    return response


@login_required
@require_GET
def proof(request: HttpRequest, pk: int) -> HttpResponse:
    """The inclusion proof of one entry ("bewijs"): the FG hands it to a data subject or an auditor,
    who checks it without the platform (`weerbaar audit_verify_proof`, docs/operations.md)."""
    _require_fg(request)
    entry = entry_by_id(pk)
    if entry is None:
        raise Http404
    try:
        document = inclusion_proof_for(entry)
    except ProofUnavailable as exc:
        return HttpResponse(
            f"Geen bewijs: {exc}. Voer weerbaar audit_verify uit.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    audit_log(
        actor=request.user,
        action=Action.EXPORT,
        object_type="audit",
        object_id=str(entry.pk),
        data_subject_id=entry.data_subject_id,
        request=request,
        processing_activity="toezicht-logboek",
        detail={"bewijs": "inclusie", "checkpoint": document["checkpoint"].splitlines()[1]},
    )
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="logboekregel-{entry.pk}-bewijs.json"'
    response.personal_data = True  # type: ignore[attr-defined]
    return response
