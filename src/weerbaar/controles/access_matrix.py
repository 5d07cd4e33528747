"""Who may use each URL of integrated controls (tests/test_access_matrix.py runs every case for every
role). Pages and API are for partners; a control that does not exist (or that the persona's
organisation does not take part in) answers 404."""

from weerbaar.core.matrix import PARTNERS, Case

CASES = [
    Case("controles:list", PARTNERS),
    Case("controles:plan", PARTNERS),
    Case("controles:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("controles:bezoeklijst", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("controles:checklist", PARTNERS, kwargs={"pk": 999, "adres": "7411AB|1||"}, ok=404),
    Case("controles:signaal", PARTNERS, kwargs={"pk": 999, "bevinding": 1}, method="post", ok=404),
    Case("controles:foto", PARTNERS, kwargs={"pk": 999, "bevinding": 1, "foto": 1}, ok=404),
    Case("controles:samenvatting", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("controles:samenvatting_publiek", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("controles:samenvatting_pdf", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("controles:samenvatting_publiek_pdf", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("api:controles-lijst", PARTNERS, api=True),
    Case("api:controles-controle", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:controles-bezoeklijst", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:controles-vragen", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:controles-bevindingen", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case(
        "api:controles-bevinding-nieuw",
        PARTNERS,
        kwargs={"id": 999},
        method="post",
        headers={"Idempotency-Key": "matrix-0001"},
        api=True,
        ok=400,  # the body is not JSON: refused before anything is looked up
    ),
    Case(
        "api:controles-bevinding-foto",
        PARTNERS,
        kwargs={"id": 999, "sleutel": "matrix-0001", "volgnummer": 0},
        method="post",
        api=True,
        ok=404,
    ),
    Case(
        "api:controles-bevinding-signaal",
        PARTNERS,
        kwargs={"id": 999, "bevinding": 1},
        method="post",
        api=True,
        ok=404,
    ),
    Case("api:controles-samenvatting", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
]
