from django.urls import path

from . import views

app_name = "agenda"
urlpatterns = [
    path("agenda/", views.agenda_view, name="list"),
    path("agenda/publiceren", views.publish_view, name="publish"),
    path("agenda/versies/", views.version_list_view, name="versions"),
    path("agenda/versies/<int:number>", views.version_view, name="version"),
    path("agenda/versies/<int:number>/dvo.pdf", views.dvo_pdf_view, name="pdf"),
    path("agenda/versies/<int:old>/verschil/<int:new>", views.diff_view, name="diff"),
    # before the action's own URL: "nieuw" is a reserved key (services.RESERVED_KEYS)
    path("agenda/acties/nieuw", views.action_create_view, name="action_create"),
    path("agenda/acties/<slug:key>", views.action_view, name="action"),
    path("agenda/acties/<slug:key>/bewerken", views.action_edit_view, name="action_edit"),
    path("agenda/acties/<slug:key>/verwijderen", views.action_remove_view, name="action_remove"),
]
