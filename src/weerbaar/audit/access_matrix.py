from weerbaar.core.access import Role
from weerbaar.core.matrix import Case

FG = frozenset({Role.FG})

CASES = [
    Case("audit:search", FG),
    Case("audit:export", FG, html=False),
    # an entry id that does not exist after the `region` fixture: the FG gets 404, others 403
    Case("audit:proof", FG, kwargs={"pk": 999999}, ok=404, html=False),
    Case("api:logboek", FG, api=True),
]
