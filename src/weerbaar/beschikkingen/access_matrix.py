"""Who may use each URL of Beschikkingen (tests/test_access_matrix.py runs every case for every role).

Partners work with their organisation's decisions and subscriptions; the dead-letter list is
for administrators."""

from weerbaar.core.access import Role
from weerbaar.core.matrix import PARTNERS, Case

BEHEER = frozenset({Role.BEHEERDER})

CASES = [
    Case("beschikkingen:list", PARTNERS),
    Case("beschikkingen:create", PARTNERS),
    Case("beschikkingen:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("beschikkingen:share", PARTNERS, kwargs={"pk": 999}, method="post", ok=404),
    Case("beschikkingen:abonnementen", PARTNERS),
    Case("beschikkingen:abonnement_delete", PARTNERS, kwargs={"pk": 999}, method="post", ok=404),
    Case("beschikkingen:onbestelbaar", BEHEER),
    Case("beschikkingen:bezorging_retry", BEHEER, kwargs={"pk": 999}, method="post", ok=404),
    Case("api:beschikking_list_api", PARTNERS, api=True),
    Case("api:beschikking_get_api", PARTNERS, kwargs={"id": 999}, api=True, ok=404),
    Case("api:beschikking_nieuw_api", PARTNERS, method="post", api=True, ok=400),
    Case("api:abonnement_list_api", PARTNERS, api=True),
    Case("api:abonnement_nieuw_api", PARTNERS, method="post", api=True, ok=400),
    Case("api:abonnement_opheffen_api", PARTNERS, kwargs={"id": 999}, method="delete", api=True, ok=404),
]
