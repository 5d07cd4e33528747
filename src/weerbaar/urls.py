from django.contrib import admin
from django.urls import include, path
from django.views.i18n import JavaScriptCatalog, set_language

from weerbaar.api.api import api
from weerbaar.portal import errors

urlpatterns = [
    path("", include("weerbaar.portal.urls")),
    path("", include("weerbaar.organisations.urls")),
    path("accounts/", include("weerbaar.accounts.urls")),
    path("privacy/", include("weerbaar.privacy.urls")),
    path("fg/", include("weerbaar.audit.urls")),
    path("", include("weerbaar.signals.urls")),
    path("", include("weerbaar.catalog.urls")),
    path("", include("weerbaar.contacts.urls")),
    path("", include("weerbaar.checklist.urls")),
    path("", include("weerbaar.indicators.urls")),
    path("", include("weerbaar.buitengebied.urls")),
    path("", include("weerbaar.controles.urls")),
    path("", include("weerbaar.agenda.urls")),
    path("", include("weerbaar.kennis.urls")),
    path("", include("weerbaar.parken.urls")),
    path("", include("weerbaar.beschikkingen.urls")),
    path("api/v1/", api.urls),
    path("ogc/", include("weerbaar.geo.ogc_urls")),
    path("kaart/", include("weerbaar.geo.urls")),
    path("registers/", include("weerbaar.registers.urls")),
    path("taken/", include("weerbaar.jobs.urls")),
    path("kruisverwijzing/", include("weerbaar.crossref.urls")),
    path("i18n/taal", set_language, name="set_language"),
    path("i18n/catalogus.js", JavaScriptCatalog.as_view(), name="javascript_catalog"),
    path("beheer/", admin.site.urls),
]

handler403 = errors.permission_denied
handler404 = errors.not_found
