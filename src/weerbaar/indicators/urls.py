from django.urls import path

from . import views

app_name = "indicators"
urlpatterns = [
    path("indicatoren/", views.indicator_list_view, name="list"),
    path("indicatoren/<slug:key>", views.indicator_detail_view, name="detail"),
    path("indicatoren/<slug:key>.csv", views.indicator_csv_view, name="csv"),
]
