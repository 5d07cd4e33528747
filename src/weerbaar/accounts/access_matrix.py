from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, LOGGED_IN, Case

CASES = [
    Case("accounts:login", EVERYONE),
    # every persona in the matrix has a confirmed device: verify shows the form, setup sends to profile
    Case("accounts:verify", LOGGED_IN),
    Case("accounts:setup", LOGGED_IN, ok=302),
    Case("accounts:logout", EVERYONE, method="post", ok=302),
    Case("accounts:profile", LOGGED_IN),
    Case("api:ik", LOGGED_IN, api=True),
    # the admin is the administrators' only; others are sent to the admin's own login
    Case("admin:index", frozenset({Role.BEHEERDER}), anonymous_refused=302),
]
