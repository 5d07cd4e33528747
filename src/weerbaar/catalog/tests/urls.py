"""The project's URLs plus the catalog apps' URLs, if the project does not include them yet."""

from django.urls import include, path

from weerbaar.urls import handler403, handler404  # noqa: F401
from weerbaar.urls import urlpatterns as project_urlpatterns

_included = {getattr(p, "namespace", None) for p in project_urlpatterns}
urlpatterns = list(project_urlpatterns)
for _namespace, _module in (
    ("catalog", "weerbaar.catalog.urls"),
    ("contacts", "weerbaar.contacts.urls"),
    ("checklist", "weerbaar.checklist.urls"),
):
    if _namespace not in _included:
        urlpatterns.append(path("", include(_module)))
