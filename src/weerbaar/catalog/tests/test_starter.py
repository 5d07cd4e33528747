"""The starter catalog: enough honest factsheets, fictitious contacts, loads idempotently."""

import re

import pytest
import yaml

from weerbaar.catalog.models import Factsheet, FactsheetVersion
from weerbaar.catalog.starter import FACTSHEETS, read_starter
from weerbaar.contacts.models import Contact
from weerbaar.contacts.services import STARTER as CONTACTS
from weerbaar.core.access import AccessLevel, Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.context import command_context
from weerbaar.privacy.testing import ctx_of


def test_starter_files_are_consistent():
    """Every code a factsheet, contact or rule names is defined (read_starter checks, writes nothing)."""
    starter = read_starter()
    assert len(starter.factsheets) >= 45


def test_starter_covers_open_and_closed_sources_with_a_legal_basis():
    rows = yaml.safe_load(FACTSHEETS.read_text(encoding="utf-8"))["factsheets"]
    levels = {row["access"] for row in rows}
    assert levels == {"openbaar", "intern", "afgeschermd"}
    for row in rows:
        assert row["legal_bases"], row["identifier"]
        assert set(row["title"]) == {"nl", "de", "en"}, row["identifier"]
        if row["personal_data"]["contains"]:
            assert row["personal_data"]["categories"], row["identifier"]
    closed = {row["identifier"] for row in rows if row["access"] == "afgeschermd"}
    assert {"brp", "politiegegevens", "belastingdienst-gegevens", "bibob-adviezen-gemeenten"} <= closed


def test_contacts_are_fictitious_role_mailboxes_with_reserved_numbers():
    data = yaml.safe_load(CONTACTS.read_text(encoding="utf-8"))
    assert data["fictitious"] is True
    for contact in data["contacts"]:
        assert contact["email"].endswith(".example"), contact["id"]
        assert re.fullmatch(r"06-99999\d{3}|\+31 20 000 00\d{2}", contact["phone"]), contact["id"]


def test_load_is_idempotent_and_keeps_user_edits(starter):
    from weerbaar.catalog.services import factsheet_update
    from weerbaar.catalog.starter import load_starter
    from weerbaar.catalog.tests.test_permissions import edit_input

    assert Factsheet.objects.count() >= 45
    assert Contact.objects.count() >= 25
    versions = FactsheetVersion.objects.count()
    again = load_starter(ctx=command_context(command="load_catalog"))
    assert again["created"] == 0 and again["refreshed"] == 0
    assert FactsheetVersion.objects.count() == versions

    adviser = make_user(Role.PROVINCIAAL_ADVISEUR, "PV23")
    bag = Factsheet.objects.get(identifier="bag")
    factsheet_update(
        ctx=ctx_of(adviser), factsheet=bag, data=edit_input(bag, title_nl="BAG (lokaal aangepast)")
    )
    load_starter(ctx=command_context(command="load_catalog"))
    assert Factsheet.objects.get(identifier="bag").title_nl == "BAG (lokaal aangepast)"


@pytest.mark.parametrize("identifier", ["bag", "brp", "recreatieparkenregister"])
def test_loaded_factsheets_keep_their_access_level(starter, identifier):
    expected = {
        "bag": AccessLevel.OPENBAAR,
        "brp": AccessLevel.AFGESCHERMD,
        "recreatieparkenregister": AccessLevel.INTERN,
    }
    assert Factsheet.objects.get(identifier=identifier).access_level == expected[identifier]
