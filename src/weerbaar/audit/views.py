"""The FG's pages on the audit log: search and CSV export (both logged by the selectors)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext, context_for_request
from weerbaar.core.csv import csv_lines

from .chain import CHAINED_FIELDS
from .forms import AuditSearchForm
from .selectors import AuditQuery, audit_entry_export, audit_entry_search, require_supervisor


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
    if form.is_bound and form.is_valid():
        found = audit_entry_search(ctx=ctx, query=AuditQuery(**form.cleaned_data))
        entries = Paginator(found, 50).get_page(request.GET.get("page"))
    else:
        require_supervisor(ctx)  # opening the empty form is the FG's too (a refusal is logged)
    return render(request, "audit/search.html", {"form": form, "entries": entries})


@login_required
@require_GET
def export_csv(request: HttpRequest) -> HttpResponse:
    ctx = context_for_request(request)
    if (verify := _verify_first(request, ctx)) is not None:
        return verify
    form = AuditSearchForm(request.GET)
    if not form.is_valid():
        return HttpResponse(form.errors.as_text(), status=400, content_type="text/plain; charset=utf-8")
    entries = audit_entry_export(ctx=ctx, query=AuditQuery(**form.cleaned_data))
    columns = ["id", *CHAINED_FIELDS, "previous_hash", "hash"]
    rows = ([getattr(entry, c) for c in columns] for entry in entries)
    response = StreamingHttpResponse(csv_lines(columns, rows), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="logboek.csv"'
    response.personal_data = True  # type: ignore[attr-defined]
    return response
