"""Pages of the knowledge network: thin — build the context, call a selector or service, render.
A non-member asking for the dilemma room gets 404, the same as for a dilemma that does not exist."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from weerbaar.core.policies import require_partner
from weerbaar.privacy.context import request_context
from weerbaar.themes.selectors import theme_tree

from . import selectors, services
from .forms import DilemmaForm, ReplyForm


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
    return render(request, "kennis/detail.html", {"item": item})


@login_required
@require_GET
def case_view(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = request_context(request)
    require_partner(ctx)
    case = selectors.case_get(ctx=ctx, pk=pk)
    if case is None:
        raise Http404
    return render(request, "kennis/case.html", {"case": case})


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
        services.dilemma_post(ctx=ctx, room=key, parent=pk, **form.cleaned_data)
        return redirect("kennis:dilemma", pk=pk)
    return render(request, "kennis/dilemma.html", {"post": post, "form": form})


@login_required
@require_GET
def network_view(request: HttpRequest) -> HttpResponse:
    """Who works on what: the contact directory by theme."""
    ctx = request_context(request)
    require_partner(ctx)
    theme = request.GET.get("thema", "")
    page = selectors.network_directory(ctx=ctx, query=request.GET.get("q", "")[:200], theme=theme)
    return render(request, "kennis/network.html", {"page": page, "theme": theme, "themes": theme_tree()})
