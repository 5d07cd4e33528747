"""Pages of the knowledge network: thin — build the context, call a selector or service, render.
A non-member asking for the dilemma room gets 404, the same as for a dilemma that does not exist."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from weerbaar.core.forms import add_service_errors
from weerbaar.core.policies import policy_for, require, require_partner
from weerbaar.privacy.context import request_context
from weerbaar.themes.selectors import theme_tree

from . import selectors, services
from .forms import CaseForm, DilemmaForm, KnowledgeItemForm, ReplyForm
from .models import DilemmaCase, KnowledgeItem


@login_required
@require_GET
def knowledge_list_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    query = request.GET.get("q", "")[:200]
    theme = request.GET.get("thema", "")
    page = selectors.knowledge_search(ctx=ctx, query=query, filters={"theme": [theme]} if theme else None)
    return render(
        request,
        "kennis/list.html",
        {
            "page": page,
            "query": query,
            "theme": theme,
            "themes": theme_tree(),
            "rooms": selectors.my_rooms(ctx=ctx),
            "drafts": selectors.case_drafts(ctx=ctx),
            "can_share": policy_for(KnowledgeItem).can_create(ctx),
        },
    )


@login_required
@require_GET
def knowledge_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    item = selectors.item_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    return render(
        request,
        "kennis/detail.html",
        {"item": item, "can_change": policy_for(KnowledgeItem).can_change(ctx, item)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def item_create_view(request: HttpRequest) -> HttpResponse:
    """Share a best practice, pilot result, instrument or model document (editors of partners)."""
    ctx = request_context(request)
    require_partner(ctx)
    require(policy_for(KnowledgeItem).can_create(ctx), "Alleen redacteuren van partners delen kennis.")
    form = KnowledgeItemForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.item_create(ctx=ctx, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het kennisitem is gedeeld."))
            return redirect("kennis:detail", pk=item.pk)
    return render(request, "kennis/item_form.html", {"form": form, "item": None})


@login_required
@require_http_methods(["GET", "POST"])
def item_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Change an item of one's own organisation."""
    ctx = request_context(request)
    require_partner(ctx)
    item = selectors.item_get(ctx=ctx, pk=pk)
    if item is None:
        raise Http404
    require(policy_for(KnowledgeItem).can_change(ctx, item), "Alleen redacteuren van de eigenaar.")
    initial = {name: getattr(item, name) for name in KnowledgeItemForm.base_fields if hasattr(item, name)}
    initial |= {"themes": [t.code for t in item.themes.all()], "tags": ", ".join(item.tags)}
    form = KnowledgeItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.item_update(ctx=ctx, pk=pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het kennisitem is gewijzigd."))
            return redirect("kennis:detail", pk=pk)
    return render(request, "kennis/item_form.html", {"form": form, "item": item})


@login_required
@require_GET
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    case = selectors.case_get(ctx=ctx, pk=pk)
    if case is None:
        raise Http404
    return render(
        request,
        "kennis/case.html",
        {"case": case, "can_change": policy_for(DilemmaCase).can_change(ctx, case)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def case_create_view(request: HttpRequest) -> HttpResponse:
    """Draft a case; `?dilemma=<pk>` writes it from a closed dilemma of the drafter's room."""
    ctx = request_context(request)
    require_partner(ctx)
    require(policy_for(DilemmaCase).can_create(ctx), "Alleen redacteuren van partners schrijven casussen.")
    dilemma = request.GET.get("dilemma", "")
    post = selectors.dilemma_get(ctx=ctx, pk=int(dilemma)) if dilemma.isdigit() else None
    if dilemma and post is None:
        raise Http404
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            case = services.case_draft(ctx=ctx, post=post.pk if post else None, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request, _("Het concept van de casus is opgeslagen; alleen uw organisatie ziet het.")
            )
            return redirect("kennis:case", pk=case.pk)
    return render(request, "kennis/case_form.html", {"form": form, "case": None, "dilemma": post})


@login_required
@require_http_methods(["GET", "POST"])
def case_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    case = selectors.case_get(ctx=ctx, pk=pk)
    if case is None:
        raise Http404
    require(policy_for(DilemmaCase).can_change(ctx, case), "Alleen een concept van uw eigen organisatie.")
    initial: dict[str, Any] = {"title": case.title, "text": case.text, "lesson": case.lesson}
    initial["themes"] = [t.code for t in case.themes.all()]
    form = CaseForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.case_update(ctx=ctx, pk=pk, **form.cleaned_data)
        except ValidationError as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Het concept van de casus is gewijzigd."))
            return redirect("kennis:case", pk=pk)
    return render(request, "kennis/case_form.html", {"form": form, "case": case, "dilemma": None})


@login_required
@require_POST
def case_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    if selectors.case_get(ctx=ctx, pk=pk) is None:
        raise Http404
    try:
        services.case_draft_publish(ctx=ctx, pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De casus is gepubliceerd voor alle partners."))
    return redirect("kennis:case", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def room_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    rooms = selectors.my_rooms(ctx=ctx)
    query = request.GET.get("q", "")[:200]
    posts = selectors.dilemma_search(ctx=ctx, query=query) if query else selectors.dilemma_list(ctx=ctx)
    if posts is None or not rooms:
        raise Http404
    form = DilemmaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        post = services.dilemma_post(ctx=ctx, room=rooms[0].key, **form.cleaned_data)
        messages.success(request, _("Uw dilemma is geplaatst."))
        return redirect("kennis:dilemma", pk=post.pk)
    return render(request, "kennis/room.html", {"rooms": rooms, "posts": posts, "form": form, "query": query})


@login_required
@require_http_methods(["GET", "POST"])
def dilemma_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    post = selectors.dilemma_get(ctx=ctx, pk=pk)
    if post is None:
        raise Http404
    form = ReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        room = selectors.my_rooms(ctx=ctx)
        key = next(r.key for r in room if r.name == post.room)
        try:
            services.dilemma_post(ctx=ctx, room=key, parent=pk, **form.cleaned_data)
        except ValidationError as exc:
            # the dilemma was closed meanwhile: say so on the form, as the service put it
            form.add_error(None, exc.messages)
        else:
            messages.success(request, _("Uw reactie is geplaatst."))
            return redirect("kennis:dilemma", pk=pk)
    return render(
        request,
        "kennis/dilemma.html",
        {"post": post, "form": form, "can_case": policy_for(DilemmaCase).can_create(ctx)},
    )


@login_required
@require_POST
def dilemma_close_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Close a dilemma (its author); a non-member gets 404, as for a dilemma that does not exist."""
    ctx = request_context(request)
    if selectors.dilemma_get(ctx=ctx, pk=pk) is None:
        raise Http404
    try:
        services.dilemma_close(ctx=ctx, pk=pk)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Het dilemma is gesloten; er kan niet meer op worden gereageerd."))
    return redirect("kennis:dilemma", pk=pk)


@login_required
@require_GET
def network_view(request: HttpRequest) -> HttpResponse:
    """Who works on what: the contact directory by theme."""
    ctx = request_context(request)
    require_partner(ctx)
    theme = request.GET.get("thema", "")
    page = selectors.network_directory(ctx=ctx, query=request.GET.get("q", "")[:200], theme=theme)
    return render(request, "kennis/network.html", {"page": page, "theme": theme, "themes": theme_tree()})
