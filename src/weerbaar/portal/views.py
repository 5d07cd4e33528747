from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from weerbaar.catalog.selectors import factsheets_for_theme
from weerbaar.core.access import AccessLevel
from weerbaar.organisations.selectors import region_summary
from weerbaar.privacy.context import request_context
from weerbaar.privacy.selectors import may_read_register
from weerbaar.themes.selectors import theme_tree

from .home import THEME_PAGES, home_for, links_for


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    clearance = ctx.clearance
    summary = region_summary()
    return render(
        request,
        "portal/home.html",
        {
            "home": home_for(ctx),
            "themes": theme_tree(),
            "region": summary.region if summary else None,
            "municipality_count": summary.municipality_count if summary else 0,
            "clearance": clearance if request.user.is_authenticated else None,
            "clearance_levels": [level for level in AccessLevel if level in clearance.levels],
        },
    )


@require_GET
def theme(request: HttpRequest, code: str) -> HttpResponse:
    """One theme of the collaboration agenda: its sub-topics, the factsheets classified under it
    and the platform's pages for it, as far as the visitor may see them."""
    found = next((t for t in theme_tree() if t.code == code), None)
    if found is None:
        raise Http404
    ctx = request_context(request)
    codes = [found.code, *(sub.code for sub in found.subtopics.all())]
    return render(
        request,
        "portal/theme.html",
        {
            "theme": found,
            "factsheets": factsheets_for_theme(ctx=ctx, theme_codes=codes),
            "pages": links_for(ctx, THEME_PAGES.get(found.code, ())),
        },
    )


@require_GET
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/accessibility.html")


@require_GET
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/privacy.html", {"may_read_register": may_read_register(request.user)})


@require_GET
def health(request: HttpRequest) -> JsonResponse:
    return JsonResponse({"status": "ok"})
