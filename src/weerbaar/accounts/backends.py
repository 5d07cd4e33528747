from django.conf import settings
from django.contrib.auth.backends import ModelBackend


class WeerbaarBackend(ModelBackend):
    """Password login; demo accounts are refused unless the platform runs in demo mode."""

    def user_can_authenticate(self, user) -> bool:
        if getattr(user, "is_demo", False) and not settings.WEERBAAR_DEMO:
            return False
        return super().user_can_authenticate(user)
