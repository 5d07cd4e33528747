"""API authentication: a personal token (`Authorization: Token …`) or the browser session.

Authentication never decides access by itself: it only says who is asking. Each endpoint asks
the model's policy, so an anonymous caller still gets what is public.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.middleware.csrf import CsrfViewMiddleware
from ninja.errors import AuthenticationError
from ninja.security.base import AuthBase

from weerbaar.accounts.services import token_authenticate

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}


class _CsrfCheck(CsrfViewMiddleware):
    def _reject(self, request, reason):
        return reason


def _noop(request):  # pragma: no cover - never called
    return None


class TokenOrSession(AuthBase):
    openapi_type = "apiKey"
    openapi_in = "header"
    openapi_name = "Authorization"

    def __init__(self) -> None:
        super().__init__()
        self.openapi_description = "Persoonlijk token: `Authorization: Token <token>` (weerbaar issue_token)."

    def __call__(self, request: HttpRequest):
        header = request.headers.get("Authorization", "")
        if header:
            scheme, _, token = header.partition(" ")
            user = token_authenticate(token.strip()) if scheme.lower() == "token" else None
            if user is None:
                raise AuthenticationError("Ongeldig of ingetrokken token")
            request.user = user
            return user
        if request.user.is_authenticated and request.method not in SAFE_METHODS:
            reason = _CsrfCheck(_noop).process_view(request, None, (), {})
            if reason:
                raise AuthenticationError(f"CSRF: {reason}")
        return request.user


class GatedAuth(TokenOrSession):
    """Who is asking (token or session), then the router's gate, before the body is read: a caller
    without access gets 401 or 403 (problem+json), never a 400 about a body it may not send.

    `gate(request)` raises PermissionDenied (401 for an anonymous caller) and may return the
    processing context, so an endpoint can call the same gate for its `ctx`.
    """

    def __init__(self, gate: Callable[[HttpRequest], Any]) -> None:
        super().__init__()
        self.gate = gate

    def __call__(self, request: HttpRequest):
        user = super().__call__(request)
        self.gate(request)
        return user
