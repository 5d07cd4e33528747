from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, LOGGED_IN, Case

CASES = [
    Case("accounts:login", EVERYONE),
    # single sign-on is off unless configured (tests/oidc: the flow against a real provider)
    Case("accounts:oidc_start", EVERYONE, ok=404),
    Case("accounts:oidc_callback", EVERYONE, ok=404),
    # every persona in the matrix has a confirmed device: verify shows the form, setup sends to profile
    Case("accounts:verify", LOGGED_IN),
    Case("accounts:setup", LOGGED_IN, ok=302),
    Case("accounts:logout", EVERYONE, method="post", ok=302),
    Case("accounts:profile", LOGGED_IN),
    Case("api:ik", LOGGED_IN, api=True),
    # four eyes: administrators propose, administrators and the FG decide
    Case("accounts:proposals", frozenset({Role.BEHEERDER, Role.FG})),
    # no proposal 999 exists: the allowed roles get 404, the others 403 before any look-up
    Case(
        "accounts:proposal_decide",
        frozenset({Role.BEHEERDER, Role.FG}),
        kwargs={"pk": 999},
        method="post",
        data={"decision": "approve"},
        ok=404,
    ),
    # the admin is the administrators' only; others are sent to the admin's own login
    Case("admin:index", frozenset({Role.BEHEERDER}), anonymous_refused=302),
]
