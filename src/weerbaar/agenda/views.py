"""Pages of the agenda: thin — build the context, call a selector or service, render."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for, require, require_partner
from weerbaar.organisations.selectors import organisation_list
from weerbaar.privacy.context import Origin, request_context
from weerbaar.themes.selectors import theme_tree

from . import selectors, services
from .dvo import dvo_pdf
from .forms import ActionCreateForm, ActionForm, ActionRemoveForm, CommentForm, PublishForm
from .models import Action, AgendaVersion
from .presenting import agenda_sections, diff_rows, organisation_names


@login_required
@require_GET
def agenda_view(request: HttpRequest) -> HttpResponse:
    """The agenda as it stands now (the draft), with what is not yet published."""
    ctx = request_context(request)
    require_partner(ctx)
    overview = selectors.agenda_overview(ctx=ctx)
    assert overview is not None
    language = translation.get_language() or "nl"
    return render(
        request,
        "agenda/agenda.html",
        {
            "overview": overview,
            "sections": agenda_sections(overview.draft, language[:2]),
            "can_publish": policy_for(AgendaVersion).can_create(ctx),
            "can_add": policy_for(Action).can_create(ctx),
            "publish_form": PublishForm(),
        },
    )


@login_required
@require_GET
def version_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    old, new = request.GET.get("oud", ""), request.GET.get("nieuw", "")
    if old.isdigit() and new.isdigit():
        return redirect("agenda:diff", old=int(old), new=int(new))
    versions = selectors.version_list(ctx=ctx)
    return render(request, "agenda/versions.html", {"versions": versions})


@login_required
@require_GET
def version_view(request: HttpRequest, number: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    version = selectors.version_get(ctx=ctx, number=number)
    if version is None:
        raise Http404
    language = (translation.get_language() or "nl")[:2]
    return render(
        request,
        "agenda/version.html",
        {"version": version, "sections": agenda_sections(version.snapshot, language)},
    )


@login_required
@require_GET
def diff_view(request: HttpRequest, old: int, new: int) -> HttpResponse:
    """What changed between two versions: added, removed and changed actions, word by word."""
    ctx = request_context(request)
    require_partner(ctx)
    comparison = selectors.versions_compare(ctx=ctx, old=old, new=new)
    if comparison is None:
        raise Http404
    language = (translation.get_language() or "nl")[:2]
    return render(
        request,
        "agenda/diff.html",
        {"comparison": comparison, "rows": diff_rows(comparison, language)},
    )


@login_required
@require_GET
def dvo_pdf_view(request: HttpRequest, number: int) -> HttpResponse:
    """A version as PDF for the DVO, in Dutch (default) or German (`?taal=de`)."""
    ctx = request_context(request, origin=Origin.EXPORT)
    require_partner(ctx)
    version = selectors.version_get(ctx=ctx, number=number)
    if version is None:
        raise Http404
    language = request.GET.get("taal", "nl")
    if language not in ("nl", "de"):
        language = "nl"
    with translation.override(language):
        pdf = dvo_pdf(version, language=language, organisation_names=organisation_names())
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="samenwerkingsagenda-v{number}-{language}.pdf"'
    return response


@login_required
@require_http_methods(["GET", "POST"])
def action_view(request: HttpRequest, key: str) -> HttpResponse:
    """One action with the partners' comments; a partner adds one here."""
    ctx = request_context(request)
    require_partner(ctx)
    action = selectors.action_get(ctx=ctx, key=key)
    if action is None:
        raise Http404
    form = CommentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.comment_add(ctx=ctx, key=key, text=form.cleaned_data["text"])
        messages.success(request, _("Uw opmerking is geplaatst."))
        return redirect("agenda:action", key=key)
    return render(
        request,
        "agenda/action.html",
        {
            "action": action,
            "comments": selectors.action_comments(ctx=ctx, key=key),
            "form": form,
            "can_change": policy_for(Action).can_change(ctx, action),
            "can_remove": policy_for(Action).can_delete(ctx, action),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def action_edit_view(request: HttpRequest, key: str) -> HttpResponse:
    """Change an action in the draft (its owners and the province)."""
    ctx = request_context(request)
    require_partner(ctx)
    action = selectors.action_get(ctx=ctx, key=key)
    if action is None:
        raise Http404
    require(policy_for(Action).can_change(ctx, action), "Deze actie mag u niet wijzigen.")
    initial = {name: getattr(action, name) for name in ActionForm.base_fields}
    form = ActionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        changes = {k: v for k, v in form.cleaned_data.items() if v != initial[k]}
        services.action_update(ctx=ctx, key=key, changes=changes)
        messages.success(request, _("De wijziging staat in het concept tot de volgende versie."))
        return redirect("agenda:action", key=key)
    return render(request, "agenda/action_form.html", {"action": action, "form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_create_view(request: HttpRequest) -> HttpResponse:
    """Add an action to the draft (an editor of a partner, for their own organisation and others)."""
    ctx = request_context(request)
    require_partner(ctx)
    require(policy_for(Action).can_create(ctx), "Alleen redacteuren van partners voegen acties toe.")
    organisations = list(organisation_list(user=ctx).order_by("name"))
    own = next((o.code for o in organisations if o.pk == ctx.organisation_id), None)
    form = ActionCreateForm(
        request.POST or None,
        initial={"owners": [own] if own else []},
        themes=[(t.code, t.name) for t in theme_tree()],
        organisations=[(o.code, o.name) for o in organisations],
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        key = data.pop("key") or slugify(data["title_nl"])[:80]
        try:
            action = services.action_create(ctx=ctx, key=key, **data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("De actie staat in het concept tot de volgende versie."))
            return redirect("agenda:action", key=action.key)
    return render(request, "agenda/action_create.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def action_remove_view(request: HttpRequest, key: str) -> HttpResponse:
    """Take an action out of the draft, after asking why (the province, or its only owner)."""
    ctx = request_context(request)
    require_partner(ctx)
    action = selectors.action_get(ctx=ctx, key=key)
    if action is None:
        raise Http404
    require(policy_for(Action).can_delete(ctx, action), "Deze actie mag u niet uit het concept halen.")
    form = ActionRemoveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.action_remove(ctx=ctx, key=key, reason=form.cleaned_data["reason"])
        messages.success(
            request, _("De actie is uit het concept gehaald; de volgende versie toont haar als verwijderd.")
        )
        return redirect("agenda:list")
    return render(request, "agenda/action_remove.html", {"action": action, "form": form})


@login_required
@require_POST
def publish_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    form = PublishForm(request.POST)
    if form.is_valid():
        try:
            version = services.agenda_publish(
                ctx=ctx, reason=form.cleaned_data["reason"], dvo=form.cleaned_data["dvo"]
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Versie %(n)s is gepubliceerd.") % {"n": version.number})
            return redirect("agenda:version", number=version.number)
    else:
        messages.error(request, _("Geef de reden van de wijziging."))
    return redirect("agenda:list")
