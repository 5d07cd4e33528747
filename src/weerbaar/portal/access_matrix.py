from weerbaar.core.access import Role
from weerbaar.core.matrix import EVERYONE, Case

ADMINISTRATORS = frozenset({Role.BEHEERDER})

CASES = [
    Case("portal:home", EVERYONE),
    # the matrix loads the region without the starter themes: everyone gets the same 404
    Case("portal:theme", EVERYONE, kwargs={"code": "buitengebied-en-vakantieparken"}, ok=404),
    Case("portal:accessibility", EVERYONE),
    Case("portal:privacy", EVERYONE),
    Case("portal:health", EVERYONE),
    Case("portal:theme_css", EVERYONE, html=False),
    # the default theme has no logo: everyone gets the same 404
    Case("portal:theme_logo", EVERYONE, ok=404, html=False),
    Case("set_language", EVERYONE, method="post", data={"language": "de", "next": "/"}, ok=302),
    Case("javascript_catalog", EVERYONE),
    # the management pages: administrators only (the Django admin stays for superusers)
    Case("portal:beheer_users", ADMINISTRATORS),
    # no account, grant or organisation with these keys: administrators get 404, others 403 first
    Case("portal:beheer_user_active", ADMINISTRATORS, kwargs={"pk": 999}, method="post", ok=404),
    Case("portal:beheer_user_role_revoke", ADMINISTRATORS, kwargs={"pk": 999}, method="post", ok=404),
    Case("portal:beheer_grants", ADMINISTRATORS),
    Case("portal:beheer_grant_revoke", ADMINISTRATORS, kwargs={"pk": 99999}, method="post", ok=404),
    Case("portal:beheer_organisations", ADMINISTRATORS),
    Case("portal:beheer_organisation_edit", ADMINISTRATORS, kwargs={"code": "GM0193"}),
]
