from django.urls import path

from . import views

app_name = "catalog"
urlpatterns = [
    path("factsheets", views.factsheet_list_view, name="list"),
    path("factsheets/nieuw", views.factsheet_create_view, name="create"),
    path("factsheets/mijn", views.mine_view, name="mine"),
    path("factsheets/importeren", views.import_view, name="import"),
    path("factsheets/export.ttl", views.export_turtle, name="export_turtle"),
    path("factsheets/export.jsonld", views.export_jsonld, name="export_jsonld"),
    path("factsheets/export.csv", views.export_csv, name="export_csv"),
    path("factsheets/<slug:identifier>", views.factsheet_detail, name="detail"),
    path("factsheets/<slug:identifier>/bewerken", views.factsheet_edit_view, name="edit"),
    path("factsheets/<slug:identifier>/beoordeeld", views.factsheet_review_view, name="review"),
    path("factsheets/<slug:identifier>/versies", views.factsheet_versions_view, name="versions"),
]
