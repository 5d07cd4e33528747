"""The contact directory is for logged-in partners (object URLs: see catalog/access_matrix.py)."""

from weerbaar.core.matrix import PARTNERS, Case

KEY = {"key": "pv-adviseur-ondermijning"}

CASES = [
    Case("contacts:list", PARTNERS),
    Case("contacts:detail", PARTNERS, kwargs=KEY, ok=404),
    Case("contacts:edit", PARTNERS, kwargs=KEY, ok=404),
    Case("contacts:confirm", PARTNERS, kwargs=KEY, method="post", ok=404),
    Case("api:contactpersonen", PARTNERS, api=True),
    Case("api:contactpersoon", PARTNERS, kwargs={"sleutel": "pv-adviseur-ondermijning"}, api=True, ok=404),
]
