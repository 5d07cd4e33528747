from django.urls import path

from . import views

app_name = "buitengebied"
urlpatterns = [
    path("buitengebied/dumpingen/", views.drugsafvaldumping_list_view, name="list"),
    path("buitengebied/dumpingen/melden", views.dumping_new_view, name="dumping_new"),
    path("buitengebied/dumpingen/cijfers", views.dumping_aggregate_view, name="aggregate"),
    path("buitengebied/dumpingen/<int:pk>", views.drugsafvaldumping_detail_view, name="detail"),
    path("buitengebied/dumpingen/<int:pk>/status", views.dumping_transition_view, name="transition"),
    path("buitengebied/dumpingen/<int:pk>/signaal", views.dumping_signal_view, name="signal"),
    path("buitengebied/dumpingen/<int:pk>/fotos/<int:foto>", views.dumping_photo_view, name="photo"),
]
