"""Who may use each URL of the indicators (tests/test_access_matrix.py runs every case for every role).
Indicator pages and the API are public; what a persona sees depends on the indicator's access
level and, for counts, on disclosure control."""

from weerbaar.core.matrix import ALL_PERSONAS, Case

CASES = [
    Case("indicators:list", ALL_PERSONAS),
    Case("indicators:detail", ALL_PERSONAS, kwargs={"key": "bestaat-niet"}, ok=404),
    Case("indicators:csv", ALL_PERSONAS, kwargs={"key": "bestaat-niet"}, ok=404, html=False),
    Case("api:indicatoren", ALL_PERSONAS, api=True),
    Case("api:indicator", ALL_PERSONAS, api=True, kwargs={"sleutel": "bestaat-niet"}, ok=404),
    Case("api:indicator_waarden", ALL_PERSONAS, api=True, kwargs={"sleutel": "bestaat-niet"}, ok=404),
]
