from weerbaar.core.matrix import EVERYONE, Case

CASES = [
    Case("api:openapi-json", EVERYONE, api=True),
    Case("api:openapi-view", EVERYONE, api=True),
]
# django-ninja's placeholder at /api/v1/ itself: no resource lives there
CASES.append(Case("api:api-root", EVERYONE, api=True, ok=404))
