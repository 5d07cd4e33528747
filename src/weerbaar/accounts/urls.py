from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("inloggen", views.login_view, name="login"),
    path("inloggen/sso", views.OidcStartView.as_view(), name="oidc_start"),
    path("inloggen/sso/terug", views.OidcCallbackView.as_view(), name="oidc_callback"),
    path("tweede-factor", views.verify_view, name="verify"),
    path("tweede-factor/instellen", views.setup_view, name="setup"),
    path("uitloggen", views.logout_view, name="logout"),
    path("profiel", views.profile_view, name="profile"),
    path("beheer/voorstellen", views.proposals_view, name="proposals"),
    path("beheer/voorstellen/<int:pk>/besluit", views.proposal_decide_view, name="proposal_decide"),
]
