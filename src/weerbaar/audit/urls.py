from django.urls import path

from . import views

app_name = "audit"
urlpatterns = [
    path("logboek", views.search, name="search"),
    path("logboek.csv", views.export_csv, name="export"),
    path("logboek/<int:pk>/bewijs.json", views.proof, name="proof"),
]
