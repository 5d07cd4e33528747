from django.urls import path

from . import views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("health", views.health, name="health"),
]
