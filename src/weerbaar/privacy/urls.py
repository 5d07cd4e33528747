from django.urls import path

from . import views

app_name = "privacy"
urlpatterns = [
    path("verwerkingsregister", views.register, name="register"),
    path("doel", views.declare_purpose, name="declare_purpose"),
]
