from django.urls import path

from . import views

app_name = "signals"
urlpatterns = [
    path("signalen", views.signal_list_view, name="list"),
    path("signalen/nieuw", views.signal_create_view, name="create"),
    path("signalen/meldingen", views.notifications_view, name="notifications"),
    path("signalen/meldingen/gelezen", views.notifications_read_view, name="notifications_read"),
    path("signalen/knelpunten", views.bottleneck_list_view, name="bottlenecks"),
    path("signalen/knelpunten/<int:pk>/agenderen", views.bottleneck_agenda_view, name="bottleneck_agenda"),
    path("signalen/verstrekkingen", views.disclosure_list_view, name="disclosures"),
    path("signalen/verstrekkingen/<int:pk>/besluit", views.disclosure_decide_view, name="disclosure_decide"),
    path("signalen/<int:pk>", views.signal_detail_view, name="detail"),
    path(
        "signalen/<int:pk>/verstrekking-aanvragen", views.disclosure_request_view, name="disclosure_request"
    ),
    path("signalen/<int:pk>/status", views.signal_transition_view, name="transition"),
    path("signalen/<int:pk>/opmerkingen", views.comment_view, name="comment"),
    path("signalen/<int:pk>/onderwerpen", views.subject_view, name="subject"),
    path("signalen/<int:pk>/bijlagen", views.attachment_upload_view, name="attachment_upload"),
    path("signalen/<int:pk>/verrijken", views.enrich_view, name="enrich"),
    path("signalen/<int:pk>/toewijzen", views.assign_view, name="assign"),
    path("signalen/bijlagen/<int:pk>", views.attachment_view, name="attachment"),
    path("signalen/onderwerpen/<int:pk>/deelbaar", views.subject_share_view, name="subject_share"),
    path("casussen/<int:pk>", views.case_view, name="case"),
    path("casussen/<int:pk>/team", views.team_view, name="team"),
    path("casussen/<int:pk>/interventies", views.intervention_add_view, name="intervention_add"),
    path("casussen/<int:pk>/evaluatie", views.evaluation_view, name="evaluation"),
    path("casussen/<int:pk>/samenvatting.pdf", views.case_export_view, name="export"),
    path("interventies/<int:pk>", views.intervention_update_view, name="intervention_update"),
]
