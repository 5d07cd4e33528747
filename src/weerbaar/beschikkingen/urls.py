from django.urls import path

from . import views

app_name = "beschikkingen"
urlpatterns = [
    path("beschikkingen/", views.beschikking_list_view, name="list"),
    path("beschikkingen/nieuw", views.beschikking_create_view, name="create"),
    path("beschikkingen/<int:pk>", views.beschikking_detail_view, name="detail"),
    path("beschikkingen/<int:pk>/delen", views.beschikking_share_view, name="share"),
    path("beschikkingen/abonnementen/", views.abonnement_list_view, name="abonnementen"),
    path(
        "beschikkingen/abonnementen/<int:pk>/opheffen", views.abonnement_delete_view, name="abonnement_delete"
    ),
    path("beschikkingen/onbestelbaar/", views.onbestelbaar_view, name="onbestelbaar"),
    path("beschikkingen/onbestelbaar/<int:pk>/opnieuw", views.bezorging_retry_view, name="bezorging_retry"),
]
