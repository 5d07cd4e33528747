from django.conf import settings
from django.http import HttpRequest

from .branding.loading import current_theme
from .navigation import navigation_for


def platform(request: HttpRequest) -> dict:
    return {
        "demo_mode": settings.WEERBAAR_DEMO,
        "navigation": navigation_for(request),
        # not "theme": pages of the collaboration agenda's themes use that name
        "branding": current_theme(),
    }
