from weerbaar.core.matrix import EVERYONE, Case

CASES = [
    Case("organisations:list", EVERYONE),
    Case("api:organisaties", EVERYONE, api=True),
    Case("api:organisatie", EVERYONE, kwargs={"code": "GM0193"}, api=True),
    Case("api:gebieden", EVERYONE, api=True),
]
