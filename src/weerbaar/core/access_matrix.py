from .matrix import EVERYONE, Case

CASES = [
    Case("core:home", EVERYONE),
    Case("core:accessibility", EVERYONE),
    Case("core:privacy", EVERYONE),
    Case("core:health", EVERYONE),
    Case("set_language", EVERYONE, method="post", data={"language": "de", "next": "/"}, ok=302),
    Case("javascript_catalog", EVERYONE),
]
