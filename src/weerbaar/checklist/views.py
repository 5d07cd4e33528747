"""The checklist wizard, its printable advice, and the rule sets advisers edit and publish.

Views build the processing context and pass it to the selectors and services."""

from __future__ import annotations

import yaml
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.catalog.selectors import factsheet_titles
from weerbaar.contacts.selectors import contact_choices
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import request_context
from weerbaar.privacy.models import LegalBasis

from .engine import RuleSetError, compare
from .forms import RuleForm, RuleSetForm
from .models import RuleSet
from .policies import is_rule_editor
from .selectors import advice_for, ruleset_current, ruleset_list, wizard_questions
from .services import ruleset_create_draft, ruleset_publish, ruleset_rule_save


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.GET["versie"]) if request.GET.get("versie") else None
    except ValueError:
        raise Http404 from None


def _answers(request: HttpRequest, ruleset: RuleSet) -> dict[str, list[str]]:
    return {
        q["id"]: request.GET.getlist(q["id"])
        for q in ruleset.content["questions"]
        if request.GET.getlist(q["id"])
    }


def _ruleset_or_404(request: HttpRequest, ctx: ProcessingContext) -> RuleSet:
    ruleset = ruleset_current(ctx=ctx, version=_version(request))
    if ruleset is None:
        raise Http404
    return ruleset


@login_required
@require_GET
def wizard_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    ruleset = _ruleset_or_404(request, ctx)
    answers = _answers(request, ruleset)
    return render(
        request,
        "checklist/wizard.html",
        {
            "ruleset": ruleset,
            "questions": wizard_questions(ruleset, answers),
            "preview": _version(request) is not None,
        },
    )


@login_required
@require_GET
def advice_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    ruleset = _ruleset_or_404(request, ctx)
    resolved = advice_for(ctx=ctx, ruleset=ruleset, answers=_answers(request, ruleset))
    if request.GET.get("formaat") == "json":
        return JsonResponse({"ruleSetVersion": ruleset.version, **resolved.advice.as_dict()})
    return render(
        request,
        "checklist/advice.html",
        {
            "resolved": resolved,
            # rules without a condition would still "advise" on an empty form: no answers, no advice
            "answered": any(resolved.advice.answers.values()),
            "ruleset": ruleset,
            "query": request.GET.urlencode(),
            "preview": _version(request) is not None,
        },
    )


@login_required
@require_GET
def ruleset_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not is_rule_editor(ctx):
        raise PermissionDenied
    return render(request, "checklist/rulesets.html", {"rulesets": ruleset_list(ctx=ctx)})


@login_required
@require_http_methods(["GET", "POST"])
def ruleset_create_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    if not is_rule_editor(ctx):
        raise PermissionDenied
    latest = ruleset_list(ctx=ctx).first()
    initial = (
        {"content": yaml.safe_dump(latest.content, allow_unicode=True, sort_keys=False, width=120)}
        if latest
        else {}
    )
    form = RuleSetForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            ruleset = ruleset_create_draft(
                ctx=ctx, content=form.cleaned_data["content"], note=form.cleaned_data["note"]
            )
        except RuleSetError as exc:
            form.add_error("content", str(exc))
        else:
            messages.success(request, _("Concept opgeslagen. Bekijk de preview en publiceer."))
            return redirect("checklist:ruleset", version=ruleset.version)
    return render(request, "checklist/ruleset_form.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_GET
def ruleset_detail_view(request: HttpRequest, version: int) -> HttpResponse:
    ctx = request_context(request)
    if not is_rule_editor(ctx):
        raise PermissionDenied
    ruleset = ruleset_list(ctx=ctx).filter(version=version).first()
    if ruleset is None:
        raise Http404
    published = ruleset_current(ctx=ctx)
    changes = (
        compare(published.content, ruleset.content) if published and published.pk != ruleset.pk else None
    )
    return render(
        request,
        "checklist/ruleset.html",
        {
            "ruleset": ruleset,
            "content": yaml.safe_dump(ruleset.content, allow_unicode=True, sort_keys=False, width=120),
            "changes": changes,
            "published": published,
        },
    )


@login_required
@require_POST
def ruleset_publish_view(request: HttpRequest, version: int) -> HttpResponse:
    ctx = request_context(request)
    if not is_rule_editor(ctx):
        raise PermissionDenied
    ruleset = ruleset_list(ctx=ctx).filter(version=version).first()
    if ruleset is None:
        raise Http404
    try:
        ruleset_publish(ctx=ctx, ruleset=ruleset)
    except (ValueError, RuleSetError) as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Versie %(version)s is gepubliceerd.") % {"version": version})
    return redirect("checklist:ruleset", version=version)


def _references(ctx: ProcessingContext) -> dict[str, list[tuple[str, str]]]:
    return {
        "factsheets": factsheet_titles(ctx=ctx),
        "legal_bases": list(LegalBasis.objects.order_by("code").values_list("code", "title")),
        "contacts": [(c.key, c.label) for c in contact_choices(ctx=ctx)],
    }


@login_required
@require_http_methods(["GET", "POST"])
def rule_edit_view(request: HttpRequest, version: int, rule_id: str | None = None) -> HttpResponse:
    """Edit one rule of a draft (or add one) with checkboxes and lists instead of YAML."""
    ctx = request_context(request)
    if not is_rule_editor(ctx):
        raise PermissionDenied
    ruleset = ruleset_list(ctx=ctx).filter(version=version).first()
    if ruleset is None:
        raise Http404
    rule = next((r for r in ruleset.content["rules"] if r["id"] == rule_id), None)
    if rule_id is not None and rule is None:
        raise Http404
    form = RuleForm(
        request.POST or None,
        content=ruleset.content,
        references=_references(ctx),
        initial=RuleForm.initial_from(rule) if rule else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            ruleset_rule_save(ctx=ctx, ruleset=ruleset, rule=form.to_rule(), replaces=rule_id)
        except (ValueError, RuleSetError) as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("De regel is opgeslagen in het concept."))
            return redirect("checklist:ruleset", version=version)
    return render(
        request,
        "checklist/rule_form.html",
        {"form": form, "ruleset": ruleset, "rule": rule},
        status=400 if form.errors else 200,
    )
