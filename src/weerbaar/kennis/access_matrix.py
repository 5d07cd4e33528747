"""Who may use each URL of the knowledge network. The dilemma room answers 404 to everyone who
is not a member — no persona of the matrix is one — exactly as for a room that does not exist.
Editors of partners share knowledge and draft cases; the FG and the administrator read only."""

from weerbaar.core.access import EDITOR_ROLES
from weerbaar.core.matrix import LOGGED_IN, PARTNERS, Case

EDITORS = frozenset(EDITOR_ROLES)

CASES = [
    Case("kennis:list", PARTNERS),
    Case("kennis:network", PARTNERS),
    Case("kennis:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("kennis:item_create", EDITORS),
    # an item that does not exist: 404 for every partner, before the editor check
    Case("kennis:item_edit", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("kennis:case", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("kennis:case_create", EDITORS),
    Case("kennis:case_edit", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("kennis:case_publish", PARTNERS, kwargs={"pk": 999}, method="post", ok=404),
    Case("kennis:room", LOGGED_IN, ok=404),
    Case("kennis:dilemma", LOGGED_IN, kwargs={"pk": 999}, ok=404),
    Case("kennis:dilemma_close", LOGGED_IN, kwargs={"pk": 999}, method="post", ok=404),
    Case("api:kennis_zoeken", PARTNERS | {"anoniem", "publiek"}, api=True),
    Case("api:kennis_item", PARTNERS | {"anoniem", "publiek"}, kwargs={"id": 999}, api=True, ok=404),
    Case("api:dilemmas", LOGGED_IN, api=True, ok=404),
    Case("api:dilemma", LOGGED_IN, kwargs={"id": 999}, api=True, ok=404),
    # no body: 400 after the login gate (who may share is the service's policy, tested in the app)
    Case("api:kennis_item_delen", LOGGED_IN, method="post", api=True, ok=400),
    Case(
        "api:kennis_item_wijzigen",
        LOGGED_IN,
        kwargs={"id": 999},
        method="put",
        data={"soort": "instrument", "titel": "T", "samenvatting": "S", "themas": ["x"]},
        api=True,
        ok=404,
    ),
    Case("api:dilemma_sluiten", LOGGED_IN, kwargs={"id": 999}, method="post", api=True, ok=404),
    # a room the caller is not in: 404, after the login gate
    Case(
        "api:dilemma_plaatsen",
        LOGGED_IN,
        method="post",
        data={"kamer": "geen-kamer", "tekst": "Een vraag."},
        api=True,
        ok=404,
    ),
]
