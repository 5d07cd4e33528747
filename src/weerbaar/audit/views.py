"""The FG's pages on the audit log: search, CSV export and an entry's proof (logged by the selectors)."""

import json

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext, context_for_request
from weerbaar.core.csv import csv_lines

from .chain import CHAINED_FIELDS
from .finders import FoundSubject
from .forms import AuditSearchForm
from .proving import ProofUnavailable, audit_entry_proof
from .selectors import (
    AuditQuery,
    audit_entry_export,
    audit_entry_search,
    require_supervisor,
    with_named_subjects,
)


def _verify_first(request: HttpRequest, ctx: ProcessingContext) -> HttpResponse | None:
    """The FG who has not verified the second factor in this session is sent to do so."""
    if ctx.has_role(Role.FG) and not ctx.second_factor:
        return redirect(f"{reverse('accounts:verify')}?next={request.get_full_path()}")
    return None


@login_required
@require_GET
def search(request: HttpRequest) -> HttpResponse:
    ctx = context_for_request(request)
    if (verify := _verify_first(request, ctx)) is not None:
        return verify
    form = AuditSearchForm(request.GET or None)
    entries = None
    persons: list[FoundSubject] = []
    if form.is_bound and form.is_valid():
        query, persons = with_named_subjects(ctx=ctx, query=AuditQuery(**form.cleaned_data))
        found = audit_entry_search(ctx=ctx, query=query)
        entries = Paginator(found, 50).get_page(request.GET.get("page"))
    else:
        require_supervisor(ctx)  # opening the empty form is the FG's too (a refusal is logged)
    return render(request, "audit/search.html", {"form": form, "entries": entries, "persons": persons})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    ctx = context_for_request(request)
    if (verify := _verify_first(request, ctx)) is not None:
        return verify
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    query, _persons = with_named_subjects(ctx=ctx, query=AuditQuery(**form.cleaned_data))
    entries = audit_entry_export(ctx=ctx, query=query)
    columns = ["id", *CHAINED_FIELDS, "previous_hash", "hash", "leaf_index", "leaf_hash"]
    rows = ([getattr(entry, c) for c in columns] for entry in entries)
    response = StreamingHttpResponse(csv_lines(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="logboek.csv"'
    response.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
@require_GET
def proof(request: HttpRequest, pk: int) -> HttpResponse:
    """The inclusion proof of one entry ("bewijs"): the FG hands it to a data subject or an auditor,
    who checks it without the platform (`weerbaar audit_verify_proof`, docs/operations.md)."""
    ctx = context_for_request(request)
    if (verify := _verify_first(request, ctx)) is not None:
        return verify
    try:
        document = audit_entry_proof(ctx=ctx, entry_id=pk)
    except ProofUnavailable as exc:
        return HttpResponse(
            f"Geen bewijs: {exc}. Voer weerbaar audit_verify uit.",
            status=409,
            content_type="text/plain; charset=utf-8",
        )
    if document is None:
        raise Http404
    response = HttpResponse(
        json.dumps(document, indent=2, ensure_ascii=False), content_type="application/json"
    )
    response["Content-Disposition"] = f'attachment; filename="logboekregel-{pk}-bewijs.json"'
    response.personal_data = True  # type: ignore[attr-defined]
    return response
