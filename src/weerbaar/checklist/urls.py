from django.urls import path

from . import views

app_name = "checklist"
urlpatterns = [
    path("checklist", views.wizard_view, name="wizard"),
    path("checklist/advies", views.advice_view, name="advice"),
    path("checklist/regels", views.ruleset_list_view, name="rulesets"),
    path("checklist/regels/nieuw", views.ruleset_create_view, name="ruleset_create"),
    path("checklist/regels/<int:version>", views.ruleset_detail_view, name="ruleset"),
    path("checklist/regels/<int:version>/publiceren", views.ruleset_publish_view, name="ruleset_publish"),
    path("checklist/regels/<int:version>/regel-toevoegen", views.rule_edit_view, name="rule_create"),
    path("checklist/regels/<int:version>/regels/<slug:rule_id>", views.rule_edit_view, name="rule_edit"),
]
