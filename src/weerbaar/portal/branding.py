"""The theme's stylesheet and logo: public, the same for every visitor, so they may be cached
anywhere (ETag + Cache-Control) and never touch the session. The CSP forbids inline styles, so the
tokens reach the page as a stylesheet of their own."""

from django.http import HttpRequest, HttpResponse, HttpResponseNotModified
from django.utils.cache import patch_cache_control
from django.views.decorators.http import require_GET

from weerbaar.core.branding.loading import current_theme

# an hour: a changed theme reaches browsers soon after a restart, revalidation is a cheap 304
MAX_AGE = 3600


def _public(request: HttpRequest, body: bytes | str, content_type: str, etag: str) -> HttpResponse:
    if etag in request.headers.get("If-None-Match", ""):
        response: HttpResponse = HttpResponseNotModified()
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    response.public_asset = True  # type: ignore[attr-defined]  # SecurityHeadersMiddleware: no no-store
    return response


@require_GET
def stylesheet(request: HttpRequest) -> HttpResponse:
    """The theme's design tokens as CSS custom properties (`--weerbaar-*` and the Utrecht ones)."""
    theme = current_theme()
    return _public(request, theme.css, "text/css; charset=utf-8", theme.etag)


@require_GET
def logo(request: HttpRequest) -> HttpResponse:
    """The theme's logo file (SVG or PNG); 404 for a theme without one."""
    theme = current_theme()
    if theme.logo is None:
        return HttpResponse(status=404)
    response = _public(request, theme.logo.content, theme.logo.content_type, theme.logo.etag)
    # opened on its own, an SVG is a document: let it draw, nothing else
    response["Content-Security-Policy"] = (
        "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'"
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
