"""Request-wide security headers and tracing."""

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from .problems import problem
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
        # the theme's stylesheet and logo are the same for everyone: cacheable, and asking who the
        # user is would read the session (and add Vary: Cookie) for nothing
        public = getattr(response, "public_asset", False)
        if public:
            # the session middleware renews a logged-in visitor's cookie on every request; a
            # response that shared caches may store must never carry it to someone else
            response.cookies.clear()
        if personal or (not public and user is not None and user.is_authenticated):
            # Nothing a logged-in user sees may land in a shared or browser cache.
            response["Cache-Control"] = "no-store"
        if request.path.startswith("/api/"):
            response["API-Version"] = settings.WEERBAAR_API_VERSION
        return response


class RequestLimitsMiddleware:
    """Over-long addresses and over-large bodies get a clear answer before any view runs:
    problem+json under /api/ and /ogc/, a short page elsewhere (NL API Design Rules; OWASP ASVS
    13.1). Django's own DATA_UPLOAD_MAX_MEMORY_SIZE still guards form fields."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        query = request.META.get("QUERY_STRING", "")
        if len(request.path) + len(query) > settings.WEERBAAR_MAX_URL_LENGTH:
            return self._refuse(request, 414, "Het adres (met de zoekvraag) is te lang.")
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.WEERBAAR_MAX_BODY_BYTES:
            return self._refuse(request, 413, "Het verzoek is te groot.")
        return self.get_response(request)

    @staticmethod
    def _refuse(request: HttpRequest, status: int, detail: str) -> HttpResponse:
        if request.path.startswith(("/api/", "/ogc/")):
            return problem(request, status, detail)
        return HttpResponse(detail, status=status, content_type="text/plain; charset=utf-8")


class HeadAsGetMiddleware:
    """`HEAD` is answered wherever `GET` is (RFC 9110 9.3.2), for pages, the API and OGC alike:
    the view runs as for GET and the body is dropped, its headers (length included) kept."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method != "HEAD":
            return self.get_response(request)
        request.method = "GET"
        response = self.get_response(request)
        request.method = "HEAD"
        if not response.streaming:
            length = len(response.content)
            response.content = b""
            response["Content-Length"] = str(length)
        return response
