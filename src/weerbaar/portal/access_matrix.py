from weerbaar.core.matrix import EVERYONE, Case

CASES = [
    Case("portal:home", EVERYONE),
    Case("portal:accessibility", EVERYONE),
    Case("portal:privacy", EVERYONE),
    Case("portal:health", EVERYONE),
    Case("set_language", EVERYONE, method="post", data={"language": "de", "next": "/"}, ok=302),
    Case("javascript_catalog", EVERYONE),
]
