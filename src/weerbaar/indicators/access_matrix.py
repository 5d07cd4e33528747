"""Who may use each URL of the indicators (tests/test_access_matrix.py runs every case for every role).
Indicator pages, the dashboard and the API are public; what a persona sees depends on the
indicator's access level and, for counts, on disclosure control. The resilience page is public
too: without clearance it shows the province-wide picture only (single scans are afgeschermd)."""

from weerbaar.core.matrix import ALL_PERSONAS, Case

CASES = [
    Case("indicators:list", ALL_PERSONAS),
    Case("indicators:dashboard", ALL_PERSONAS),
    Case("indicators:dashboard_csv", ALL_PERSONAS, ok=404, html=False),
    Case("indicators:profile", ALL_PERSONAS, kwargs={"code": "GM9999"}, ok=404),
    Case("indicators:profile_csv", ALL_PERSONAS, kwargs={"code": "GM9999"}, ok=404, html=False),
    Case("indicators:profile_areas_csv", ALL_PERSONAS, kwargs={"code": "GM9999"}, ok=404, html=False),
    Case("indicators:profile_pdf", ALL_PERSONAS, kwargs={"code": "GM9999"}, ok=404, html=False),
    Case("indicators:province_pdf", ALL_PERSONAS, html=False),
    Case("indicators:quarterly_list", ALL_PERSONAS),
    Case(
        "indicators:quarterly_pdf",
        ALL_PERSONAS,
        kwargs={"kwartaal": "2026-3", "code": "GM9999"},
        ok=404,
        html=False,
    ),
    Case("indicators:resilience", ALL_PERSONAS),
    Case("indicators:resilience_csv", ALL_PERSONAS, html=False),
    Case("indicators:detail", ALL_PERSONAS, kwargs={"key": "bestaat-niet"}, ok=404),
    Case("indicators:csv", ALL_PERSONAS, kwargs={"key": "bestaat-niet"}, ok=404, html=False),
    Case("api:indicatoren", ALL_PERSONAS, api=True),
    Case("api:indicator", ALL_PERSONAS, api=True, kwargs={"sleutel": "bestaat-niet"}, ok=404),
    Case("api:indicator_waarden", ALL_PERSONAS, api=True, kwargs={"sleutel": "bestaat-niet"}, ok=404),
]
