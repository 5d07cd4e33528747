"""Who may use each URL of the rural area (tests/test_access_matrix.py runs every case for every role).
The aggregate per municipality is public (it passed disclosure control); reports are for partners."""

from weerbaar.core.access import Role
from weerbaar.core.matrix import ALL_PERSONAS, PARTNERS, Case

REPORTERS = PARTNERS - {Role.FG, Role.BEHEERDER}

CASES = [
    Case("buitengebied:list", PARTNERS),
    Case("buitengebied:dumping_new", REPORTERS),
    Case("buitengebied:aggregate", ALL_PERSONAS),
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
]
