"""API authentication: a personal token (`Authorization: Token …`) or the browser session.

Authentication never decides access by itself: it only says who is asking. Each endpoint asks
the model's policy, so an anonymous caller still gets what is public.
"""

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
