"""Who may use each catalog URL. Object URLs name the starter factsheet `bag`; the shared matrix
test loads only the region, so there the allowed personas get 404 — the edit right itself is
tested with the starter catalog in catalog/tests/test_permissions.py."""

from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, LOGGED_IN, Case

EDITORS = frozenset({Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST, Role.PARTNER})
BAG = {"identifier": "bag"}

CASES = [
    Case("catalog:list", EVERYONE),
    Case("catalog:export_turtle", EVERYONE, html=False),
    Case("catalog:export_jsonld", EVERYONE, html=False),
    Case("catalog:export_csv", EVERYONE, html=False),
    Case("catalog:create", EDITORS),
    Case("catalog:import", EDITORS),
    Case("catalog:mine", LOGGED_IN),
    Case("catalog:detail", EVERYONE, kwargs=BAG, ok=404),
    Case("catalog:versions", EVERYONE, kwargs=BAG, ok=404),
    Case("catalog:edit", LOGGED_IN, kwargs=BAG, ok=404),
    Case("catalog:review", LOGGED_IN, kwargs=BAG, method="post", ok=404),
    Case("api:factsheets", EVERYONE, api=True),
    Case("api:factsheet", EVERYONE, kwargs={"identificatie": "bag"}, api=True, ok=404),
]
