from django.urls import path

from . import views

app_name = "contacts"
urlpatterns = [
    path("contactpersonen", views.contact_list_view, name="list"),
    path("contactpersonen/<slug:key>", views.contact_detail_view, name="detail"),
    path("contactpersonen/<slug:key>/bewerken", views.contact_edit_view, name="edit"),
    path("contactpersonen/<slug:key>/bevestigen", views.contact_confirm_view, name="confirm"),
]
