from django.urls import path

from . import views

app_name = "registers"
urlpatterns = [
    path("import", views.import_view, name="import"),
    path("import/<int:pk>", views.import_job_view, name="import_job"),
    path("import/<int:pk>/status", views.import_job_status, name="import_job_status"),
]
