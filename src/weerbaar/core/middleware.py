"""Request-wide security headers and tracing."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .tracing import current_span_id, current_trace_id, new_ids


class TraceMiddleware:
    """Give every request a trace id (from `traceparent` when a partner system sends one)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        trace, span = new_ids(request.headers.get("traceparent"))
        t_token, s_token = current_trace_id.set(trace), current_span_id.set(span)
        request.trace_id = trace  # type: ignore[attr-defined]
        try:
            response = self.get_response(request)
        finally:
            current_trace_id.reset(t_token)
            current_span_id.reset(s_token)
        response["traceparent"] = f"00-{trace}-{span}-01"
        return response


class SecurityHeadersMiddleware:
    """CSP without inline script, no framing, no caching of anything a logged-in user sees."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        img = " ".join(["'self'", "data:", "blob:", *settings.WEERBAAR_CSP_IMG_SOURCES])
        self.csp = (
            "default-src 'self'; script-src 'self'; style-src 'self'; "
            f"img-src {img}; connect-src 'self'; font-src 'self'; object-src 'none'; "
            "base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
        )

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", self.csp)
        response.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
        response.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        user = getattr(request, "user", None)
        personal = getattr(response, "personal_data", False)
        if personal or (user is not None and user.is_authenticated):
            # Nothing a logged-in user sees may land in a shared or browser cache.
            response["Cache-Control"] = "no-store"
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.WEERBAAR_API_VERSION
        return response
