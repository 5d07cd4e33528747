from django.urls import path

from . import views

app_name = "geo"
urlpatterns = [
    path("", views.viewer, name="viewer"),
    path("afgeschermd", views.shielded_viewer, name="shielded"),
    path("labels/<slug:code>", views.labels, name="labels"),
    path("zoeken", views.search, name="search"),
    path("gebied", views.area, name="area"),
    path("gebied.csv", views.area_csv, name="area_csv"),
    path("luchtfoto/<int:z>/<int:x>/<int:y>", views.aerial_tile, name="aerial"),
    path("lagen/import", views.layer_import_page, name="import"),
    path("lagen/import/<str:job>", views.layer_import_status, name="import_status"),
]
