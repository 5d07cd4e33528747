"""Who may use each URL of the rural area (tests/test_access_matrix.py runs every case for every role).
The aggregate per municipality is public (it passed disclosure control); reports are for partners.
Farm locations (VAB), as a list and as the viewer's map layer, are for analysts with shielded clearance; the Algoritmeregister page is public;
the ervencoach overview and the Keurmerk (counts under disclosure control) are for partners."""

from weerbaar.core.access import Role
from weerbaar.core.matrix import ALL_PERSONAS, PARTNERS, Case

REPORTERS = PARTNERS - {Role.FG, Role.BEHEERDER}
#: analysts whose organisation holds a grant (policies.may_see_farm_locations)
VAB_ANALYSTS = frozenset({Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST})

CASES = [
    Case("buitengebied:list", PARTNERS),
    Case("buitengebied:dumping_new", REPORTERS),
    Case("buitengebied:aggregate", ALL_PERSONAS),
    Case("buitengebied:dumping_map", PARTNERS, html=False),
    Case("buitengebied:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("buitengebied:transition", PARTNERS, kwargs={"pk": 999}, ok=404, method="post", html=False),
    Case("buitengebied:signal", PARTNERS, kwargs={"pk": 999}, ok=404, method="post", html=False),
    Case("buitengebied:photo", PARTNERS, kwargs={"pk": 999, "foto": 1}, ok=404, html=False),
    Case("api:dumpingen_api", ALL_PERSONAS, api=True),
    Case("api:dumpingen_cijfers_api", ALL_PERSONAS, api=True),
    Case("api:dumping_api", ALL_PERSONAS, api=True, kwargs={"id": 999}, ok=404),
    Case(
        "api:dumping_status_api",
        ALL_PERSONAS,
        api=True,
        kwargs={"id": 999},
        ok=404,
        method="post",
        data={"naar": "opgeruimd"},
    ),
    Case("buitengebied:vab_list", VAB_ANALYSTS),
    Case("buitengebied:vab_map", VAB_ANALYSTS, html=False),
    Case("buitengebied:vab_algoritme", ALL_PERSONAS),
    Case("buitengebied:vab_detail", VAB_ANALYSTS, kwargs={"pk": 999}, ok=404),
    Case("buitengebied:vab_visit", VAB_ANALYSTS, kwargs={"pk": 999}, ok=404, method="post", html=False),
    Case("buitengebied:vab_signal", VAB_ANALYSTS, kwargs={"pk": 999}, ok=404, method="post", html=False),
    Case("buitengebied:visit_overview", PARTNERS),
    Case("buitengebied:keurmerk", PARTNERS),
    Case("buitengebied:keurmerk_report", PARTNERS),
    Case(
        "buitengebied:keurmerk_action_status",
        PARTNERS,
        kwargs={"pk": 999},
        ok=404,
        method="post",
        html=False,
    ),
    Case("api:vab_api", VAB_ANALYSTS, api=True),
    Case("api:vab_detail_api", VAB_ANALYSTS, api=True, kwargs={"id": 999}, ok=404),
    Case(
        "api:vab_bezoek_api",
        VAB_ANALYSTS,
        api=True,
        kwargs={"id": 999},
        ok=404,
        method="post",
        data={"bezocht_op": "2026-01-10", "coach_naam": "A. Coach", "onderwerpen": ["herkennen"]},
    ),
    Case("api:bezoeken_overzicht_api", PARTNERS, api=True),
    Case("api:keurmerk_api", PARTNERS, api=True),
    Case("api:keurmerk_verslag_api", PARTNERS, api=True),
    Case(
        "api:keurmerk_actie_status_api",
        PARTNERS,
        api=True,
        kwargs={"id": 999},
        ok=404,
        method="post",
        data={"status": "lopend"},
    ),
]
