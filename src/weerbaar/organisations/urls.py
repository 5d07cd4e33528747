from django.urls import path

from . import views

app_name = "organisations"
urlpatterns = [path("organisaties", views.organisation_list_view, name="list")]
