"""Who may use each URL of cross-referencing: logged-in partners; objects of other organisations
are 404 (the policy hides them), so the matrix asks for ids that do not exist."""

from weerbaar.core.matrix import PARTNERS, Case

MISSING = {"pk": 999}

CASES = [
    Case("crossref:datasets", PARTNERS),
    Case("crossref:dataset", PARTNERS, kwargs=MISSING, ok=404),
    Case("crossref:mapping", PARTNERS, kwargs=MISSING, ok=404),
    Case("crossref:version", PARTNERS, kwargs=MISSING, ok=404),
    Case("crossref:link", PARTNERS, kwargs=MISSING, method="post", ok=404),
    Case("crossref:run", PARTNERS, kwargs=MISSING, ok=404),
    Case("crossref:judge", PARTNERS, kwargs=MISSING, method="post", ok=404),
    Case("crossref:hit", PARTNERS),
    Case("crossref:index_key", PARTNERS, kwargs=MISSING, method="post", ok=404),
    Case("crossref:index_publish", PARTNERS, kwargs=MISSING, method="post", ok=404),
    Case("api:partnerbestanden", PARTNERS, api=True),
    Case("api:versie_entiteiten", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:koppeling_paren", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:koppeling", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:koppeling_start", PARTNERS, kwargs={"id": 999}, method="post", api=True, ok=404),
]
CASES += [
    Case("api:paar_oordeel", PARTNERS, kwargs={"id": 999}, method="post", api=True, ok=400),
    Case("api:treffer", PARTNERS, method="post", api=True, ok=400),
    Case("api:trefferindex", PARTNERS, kwargs={"id": 999}, method="post", api=True, ok=400),
    Case("api:vragen", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
]
