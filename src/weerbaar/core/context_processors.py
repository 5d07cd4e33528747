from django.conf import settings
from django.http import HttpRequest

from .navigation import navigation_for


def platform(request: HttpRequest) -> dict:
    return {
        "demo_mode": settings.WEERBAAR_DEMO,
        "navigation": navigation_for(request),
    }
