from weerbaar.core.access import Role
from weerbaar.core.matrix import Case

FG = frozenset({Role.FG})

CASES = [
    Case("audit:search", FG),
    Case("audit:export", FG, html=False),
    Case("api:logboek", FG, api=True),
]
