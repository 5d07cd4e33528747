from django.urls import path

from . import views

app_name = "parken"
urlpatterns = [
    path("parken/", views.park_list_view, name="list"),
    path("parken/<int:pk>", views.park_detail_view, name="detail"),
    path("parken/<int:pk>/beoordeling", views.assessment_add_view, name="assessment_add"),
    path("parken/<int:pk>/traject", views.trajectory_start_view, name="trajectory_start"),
    path("parken/trajecten/", views.trajectory_board_view, name="trajectories"),
    path("parken/trajecten/<int:pk>/stap", views.trajectory_move_view, name="trajectory_move"),
    path("parken/algoritme/", views.algorithm_view, name="algorithm"),
]
