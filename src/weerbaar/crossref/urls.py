from django.urls import path

from . import views

app_name = "crossref"
urlpatterns = [
    path("partnerbestanden/", views.dataset_list_view, name="datasets"),
    path("partnerbestanden/<int:pk>", views.dataset_view, name="dataset"),
    path("partnerbestanden/<int:pk>/koppeling", views.mapping_view, name="mapping"),
    path("partnerbestanden/<int:pk>/indexsleutel", views.index_key_view, name="index_key"),
    path("partnerbestanden/<int:pk>/trefferindex", views.index_publish_view, name="index_publish"),
    path("versies/<int:pk>", views.version_view, name="version"),
    path("versies/<int:pk>/koppelen", views.linkage_start_view, name="link"),
    path("koppelingen/<int:pk>", views.run_view, name="run"),
    path("paren/<int:pk>/oordeel", views.judge_view, name="judge"),
    path("treffer/", views.hit_view, name="hit"),
]
