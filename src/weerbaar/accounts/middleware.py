from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse


class SecondFactorMiddleware:
    """After django-otp's middleware: in demo mode, demo accounts count as second-factor verified.

    Outside demo mode a demo account cannot log in, and a session it still holds from before is
    anonymous at its next request: WeerbaarBackend refuses the user when the session is resolved.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if settings.WEERBAAR_DEMO and user is not None and getattr(user, "is_demo", False):
            user.is_verified = lambda: True
        return self.get_response(request)
