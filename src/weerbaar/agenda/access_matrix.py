"""Who may use each URL of the collaboration agenda: logged-in partners; the test database has
no version, so the version, diff, PDF and action URLs answer 404 to those who may ask."""

from weerbaar.core.access import EDITOR_ROLES
from weerbaar.core.matrix import PARTNERS, Case

V = {"number": 1}
KEY = {"key": "dataviewer"}

CASES = [
    Case("agenda:list", PARTNERS),
    Case("agenda:versions", PARTNERS),
    Case("agenda:version", PARTNERS, kwargs=V, ok=404),
    Case("agenda:pdf", PARTNERS, kwargs=V, ok=404, html=False),
    Case("agenda:diff", PARTNERS, kwargs={"old": 1, "new": 2}, ok=404),
    Case("agenda:action", PARTNERS, kwargs=KEY, ok=404),
    Case("agenda:action_edit", PARTNERS, kwargs=KEY, ok=404),
    # editors of partners add actions; the FG and the administrator read only
    Case("agenda:action_create", frozenset(EDITOR_ROLES)),
    Case("agenda:action_remove", PARTNERS, kwargs=KEY, ok=404),
    # an empty reason: the page goes back to the agenda with the error
    Case("agenda:publish", PARTNERS, method="post", ok=302),
    Case("api:agenda_versies", PARTNERS, api=True),
    Case("api:agenda_concept", PARTNERS, api=True),
    Case("api:agenda_versie", PARTNERS, kwargs={"nummer": 1}, api=True, ok=404),
    Case("api:agenda_verschil", PARTNERS, kwargs={"oud": 1, "nieuw": 2}, api=True, ok=404),
    Case("api:actie_opmerkingen", PARTNERS, kwargs={"sleutel": "dataviewer"}, api=True, ok=404),
    Case(
        "api:actie_opmerking_plaatsen",
        PARTNERS,
        kwargs={"sleutel": "dataviewer"},
        method="post",
        data={"tekst": "Graag meer uitleg."},
        api=True,
        ok=404,
    ),
    # no reason: refused as 400 after the partner gate (401/403 for the others come first)
    Case("api:agenda_publiceren", PARTNERS, method="post", api=True, ok=400),
]
