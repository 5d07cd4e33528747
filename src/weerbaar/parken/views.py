"""Pages of Vakantieparken: thin — build the context, call a selector or service, render."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from weerbaar.privacy.context import request_context

from .selectors import park_get, park_list


@login_required
def park_list_view(request: HttpRequest) -> HttpResponse:
    items = park_list(ctx=request_context(request))
    return render(request, "parken/list.html", {"items": items})


@login_required
def park_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    item = park_get(ctx=request_context(request), pk=pk)
    if item is None:
        raise Http404
    return render(request, "parken/detail.html", {"item": item})
