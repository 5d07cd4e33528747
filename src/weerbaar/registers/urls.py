from django.urls import path

from . import lookup_views, views

app_name = "registers"
urlpatterns = [
    path("zoeken", lookup_views.lookup_view, name="lookup"),
    path("zoeken/personen", lookup_views.lookup_person_view, name="lookup_person"),
    path("import", views.import_view, name="import"),
    path("import/<int:pk>", views.import_job_view, name="import_job"),
    path("import/<int:pk>/status", views.import_job_status, name="import_job_status"),
]
