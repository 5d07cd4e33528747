"""The checklist is for logged-in partners; provincial advisers edit and publish its rules."""

from weerbaar.core.access import Role
from weerbaar.core.matrix import PARTNERS, Case

ADVISERS = frozenset({Role.PROVINCIAAL_ADVISEUR})

CASES = [
    Case("checklist:wizard", PARTNERS),
    Case("checklist:advice", PARTNERS, data={"locatie": "vakantiepark"}),
    Case("checklist:rulesets", ADVISERS),
    Case("checklist:ruleset_create", ADVISERS),
    Case("checklist:ruleset", ADVISERS, kwargs={"version": 1}, ok=404),
    Case("checklist:ruleset_publish", ADVISERS, kwargs={"version": 1}, method="post", ok=404),
    Case("checklist:rule_create", ADVISERS, kwargs={"version": 1}, ok=404),
    Case("checklist:rule_edit", ADVISERS, kwargs={"version": 1, "rule_id": "basis"}, ok=404),
    Case("api:checklist_advies", PARTNERS, data={"locatie": "vakantiepark"}, api=True),
]
