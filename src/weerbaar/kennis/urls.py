from django.urls import path

from . import views

app_name = "kennis"
urlpatterns = [
    path("kennis/", views.knowledge_list_view, name="list"),
    path("kennis/<int:pk>", views.knowledge_detail_view, name="detail"),
    path("kennis/casussen/<int:pk>", views.case_view, name="case"),
    path("kennis/dilemmas/", views.room_view, name="room"),
    path("kennis/dilemmas/<int:pk>", views.dilemma_view, name="dilemma"),
    path("kennis/netwerk", views.network_view, name="network"),
]
