from django.urls import path

from . import views

app_name = "jobs"
urlpatterns = [
    path("<int:pk>/annuleren", views.job_cancel_view, name="cancel"),
]
