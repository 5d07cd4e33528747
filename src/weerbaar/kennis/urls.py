from django.urls import path

from . import views

app_name = "kennis"
urlpatterns = [
    path("kennis/", views.knowledge_list_view, name="list"),
    path("kennis/nieuw", views.item_create_view, name="item_create"),
    path("kennis/<int:pk>", views.knowledge_detail_view, name="detail"),
    path("kennis/<int:pk>/bewerken", views.item_edit_view, name="item_edit"),
    path("kennis/casussen/nieuw", views.case_create_view, name="case_create"),
    path("kennis/casussen/<int:pk>", views.case_view, name="case"),
    path("kennis/casussen/<int:pk>/bewerken", views.case_edit_view, name="case_edit"),
    path("kennis/casussen/<int:pk>/publiceren", views.case_publish_view, name="case_publish"),
    path("kennis/dilemmas/", views.room_view, name="room"),
    path("kennis/dilemmas/<int:pk>", views.dilemma_view, name="dilemma"),
    path("kennis/dilemmas/<int:pk>/sluiten", views.dilemma_close_view, name="dilemma_close"),
    path("kennis/netwerk", views.network_view, name="network"),
]
