from django.urls import path

from . import views

app_name = "parken"
urlpatterns = [
    path("parken/", views.park_list_view, name="list"),
    path("parken/<int:pk>", views.park_detail_view, name="detail"),
]
