from django.urls import path

from . import views, views_vab

app_name = "buitengebied"
urlpatterns = [
    path("buitengebied/dumpingen/", views.drugsafvaldumping_list_view, name="list"),
    path("buitengebied/dumpingen/melden", views.dumping_new_view, name="dumping_new"),
    path("buitengebied/dumpingen/cijfers", views.dumping_aggregate_view, name="aggregate"),
    path("buitengebied/dumpingen/kaart", views.dumping_map_view, name="dumping_map"),
    path("buitengebied/dumpingen/<int:pk>", views.drugsafvaldumping_detail_view, name="detail"),
    path("buitengebied/dumpingen/<int:pk>/status", views.dumping_transition_view, name="transition"),
    path("buitengebied/dumpingen/<int:pk>/signaal", views.dumping_signal_view, name="signal"),
    path("buitengebied/dumpingen/<int:pk>/fotos/<int:foto>", views.dumping_photo_view, name="photo"),
    path("buitengebied/vab/", views_vab.vab_list_view, name="vab_list"),
    path("buitengebied/vab/kaart", views_vab.vab_map_view, name="vab_map"),
    path("buitengebied/vab/algoritme", views_vab.vab_algoritme_view, name="vab_algoritme"),
    path("buitengebied/vab/<int:pk>", views_vab.vab_detail_view, name="vab_detail"),
    path("buitengebied/vab/<int:pk>/bezoek", views_vab.vab_visit_view, name="vab_visit"),
    path("buitengebied/vab/<int:pk>/signaal", views_vab.vab_signal_view, name="vab_signal"),
    path("buitengebied/ervencoach/overzicht", views_vab.visit_overview_view, name="visit_overview"),
    path("buitengebied/keurmerk/", views_vab.keurmerk_view, name="keurmerk"),
    path("buitengebied/keurmerk/verslag", views_vab.keurmerk_report_view, name="keurmerk_report"),
    path(
        "buitengebied/keurmerk/acties/<int:pk>/status",
        views_vab.keurmerk_action_status_view,
        name="keurmerk_action_status",
    ),
]
