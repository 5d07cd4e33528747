"""Demo accounts, one per role, each acting for a real organisation of the loaded region.

They can only log in while WEERBAAR_DEMO is on, and then skip the second factor.
"""

import os

from django.db import transaction

from weerbaar.core.access import Role
from weerbaar.core.context import system_context
from weerbaar.organisations.models import Organisation, OrganisationKind

from .models import User
from .services import user_create

DEMO_PASSWORD = os.environ.get("WEERBAAR_DEMO_PASSWORD", "weerbaar-demo")

#: username, role, how to find the organisation (code or kind), display name
DEMO_ACCOUNTS = [
    ("demo-publiek", Role.PUBLIEK, None, "Publiek (demo)"),
    (
        "demo-gemeente",
        Role.GEMEENTELIJK_ANALIST,
        {"kind": OrganisationKind.GEMEENTE},
        "Gemeentelijk analist (demo)",
    ),
    (
        "demo-provincie",
        Role.PROVINCIAAL_ADVISEUR,
        {"kind": OrganisationKind.PROVINCIE},
        "Provinciaal adviseur (demo)",
    ),
    ("demo-riec", Role.RIEC_ANALIST, {"kind": OrganisationKind.RIEC}, "RIEC-analist (demo)"),
    ("demo-politie", Role.PARTNER, {"kind": OrganisationKind.POLITIE}, "Partner politie (demo)"),
    ("demo-kreis", Role.PARTNER, {"kind": OrganisationKind.DUITSE_PARTNER}, "Partner Kreis (demo)"),
    ("demo-fg", Role.FG, {"kind": OrganisationKind.PROVINCIE}, "Functionaris gegevensbescherming (demo)"),
    ("demo-beheerder", Role.BEHEERDER, {"kind": OrganisationKind.PROVINCIE}, "Beheerder (demo)"),
]


@transaction.atomic
def demo_accounts_load() -> list[tuple[str, str, str]]:
    """Create the missing demo accounts; returns (username, role, organisation) for each."""
    listing = []
    for username, role, org_filter, display in DEMO_ACCOUNTS:
        organisation = (
            Organisation.objects.filter(**org_filter).order_by("code").first() if org_filter else None
        )
        user = User.objects.filter(username=username).first()
        if user is None:
            first, _, last = display.partition(" ")
            user = user_create(
                ctx=system_context(source="demo data"),
                username=username,
                organisation=organisation,
                roles=[role],
                password=DEMO_PASSWORD,
                first_name=first,
                last_name=last,
                is_demo=True,
            )
        # what the account really has (an older data folder may have given it another organisation)
        listing.append((username, role.label, user.organisation.name if user.organisation else "—"))
    return listing


def _load(stdout) -> None:
    rows = demo_accounts_load()
    stdout.write(f"{len(rows)} demo accounts\n")


from weerbaar.core.demo import demo_loaders  # noqa: E402

demo_loaders.register("10-accounts")(_load)
