from django.urls import path

from . import dashboard_views, report_views, views

app_name = "indicators"
urlpatterns = [
    path("indicatoren/", views.indicator_list_view, name="list"),
    path("indicatoren/dashboard/", dashboard_views.dashboard_view, name="dashboard"),
    path("indicatoren/dashboard.csv", dashboard_views.dashboard_csv_view, name="dashboard_csv"),
    path(
        "indicatoren/gemeente/<str:code>/wijken.csv",
        dashboard_views.profile_areas_csv_view,
        name="profile_areas_csv",
    ),
    path("indicatoren/gemeente/<str:code>.csv", dashboard_views.profile_csv_view, name="profile_csv"),
    path("indicatoren/gemeente/<str:code>.pdf", dashboard_views.profile_pdf_view, name="profile_pdf"),
    path("indicatoren/gemeente/<str:code>", dashboard_views.profile_view, name="profile"),
    path("indicatoren/provincie.pdf", dashboard_views.province_pdf_view, name="province_pdf"),
    path("indicatoren/kwartaalrapporten/", report_views.quarterly_list_view, name="quarterly_list"),
    path(
        "indicatoren/kwartaalrapporten/<str:kwartaal>/<str:code>.pdf",
        report_views.quarterly_pdf_view,
        name="quarterly_pdf",
    ),
    path("indicatoren/weerbaarheid/", dashboard_views.resilience_view, name="resilience"),
    path("indicatoren/weerbaarheid.csv", dashboard_views.resilience_csv_view, name="resilience_csv"),
    path("indicatoren/<slug:key>", views.indicator_detail_view, name="detail"),
    path("indicatoren/<slug:key>.csv", views.indicator_csv_view, name="csv"),
]
