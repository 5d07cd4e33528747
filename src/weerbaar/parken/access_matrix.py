"""Who may use each URL of Vakantieparken (tests/test_access_matrix.py runs every case for every role)."""

from weerbaar.core.matrix import PARTNERS, Case

CASES = [
    Case("parken:list", PARTNERS),
    Case("parken:detail", PARTNERS, kwargs={"pk": 999}, ok=404),
    Case("api:park_list_api", PARTNERS | {"anoniem", "publiek"}, api=True),
]
