from django.urls import path

from . import views

app_name = "controles"
urlpatterns = [
    path("controles/", views.controle_list_view, name="list"),
    path("controles/nieuw", views.controle_plan_view, name="plan"),
    path("controles/<int:pk>", views.controle_detail_view, name="detail"),
    path("controles/<int:pk>/bezoeklijst", views.bezoeklijst_view, name="bezoeklijst"),
    path("controles/<int:pk>/adres/<str:adres>", views.checklist_view, name="checklist"),
    path(
        "controles/<int:pk>/bevindingen/<int:bevinding>/signaal", views.bevinding_signaal_view, name="signaal"
    ),
    path("controles/<int:pk>/bevindingen/<int:bevinding>/fotos/<int:foto>", views.foto_view, name="foto"),
    path("controles/<int:pk>/samenvatting", views.samenvatting_view, name="samenvatting"),
    path("controles/<int:pk>/samenvatting.pdf", views.samenvatting_pdf_view, name="samenvatting_pdf"),
    path(
        "controles/<int:pk>/samenvatting/publiek.pdf",
        views.samenvatting_publiek_pdf_view,
        name="samenvatting_publiek_pdf",
    ),
    path(
        "controles/<int:pk>/samenvatting/publiek",
        views.samenvatting_publiek_view,
        name="samenvatting_publiek",
    ),
]
