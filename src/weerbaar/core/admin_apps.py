"""The admin app, with Weerbaar's own site (imported lazily: no models at app-loading time)."""

from django.contrib.admin.apps import AdminConfig


class WeerbaarAdminConfig(AdminConfig):
    default_site = "weerbaar.core.admin_site.WeerbaarAdminSite"
