from weerbaar.core.matrix import PARTNERS, SHIELDED, Case

CASES = [
    Case("privacy:register", PARTNERS),
    Case("privacy:declare_purpose", SHIELDED),
    Case("api:verwerkingsactiviteiten", PARTNERS, api=True),
]
