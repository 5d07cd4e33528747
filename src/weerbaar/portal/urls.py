from django.urls import path

from . import beheer, branding, views

app_name = "portal"
urlpatterns = [
    path("", views.home, name="home"),
    path("themas/<slug:code>", views.theme, name="theme"),
    path("beheer/gebruikers", beheer.users, name="beheer_users"),
    path("beheer/gebruikers/<int:pk>/actief", beheer.user_active, name="beheer_user_active"),
    path("beheer/gebruikers/<int:pk>/rol-intrekken", beheer.user_role_revoke, name="beheer_user_role_revoke"),
    path("beheer/grondslagen", beheer.grants, name="beheer_grants"),
    path("beheer/grondslagen/<int:pk>/beeindigen", beheer.grant_revoke, name="beheer_grant_revoke"),
    path("beheer/organisaties", beheer.organisations, name="beheer_organisations"),
    path("beheer/organisaties/<str:code>", beheer.organisation_edit, name="beheer_organisation_edit"),
    path("toegankelijkheid", views.accessibility, name="accessibility"),
    path("privacy", views.privacy, name="privacy"),
    path("health", views.health, name="health"),
    path("thema.css", branding.stylesheet, name="theme_css"),
    path("thema/logo", branding.logo, name="theme_logo"),
]
