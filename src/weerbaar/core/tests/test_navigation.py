"""The main navigation: menus by group, a group of one as its link, only what the role may see."""

from django.test import RequestFactory

from weerbaar.core.navigation import navigation_for
from weerbaar.core.testing import make_user


def _labels(entries) -> list:
    return [
        (str(e["label"]), [str(link["label"]) for link in e["links"]]) if "links" in e else str(e["label"])
        for e in entries
    ]


def test_groups_become_menus_and_a_group_of_one_is_its_link(region):
    request = RequestFactory().get("/signalen")
    request.user = make_user("gemeentelijk_analist", "GM0193")
    entries = navigation_for(request)
    labels = _labels(entries)
    signalen = next(e for e in entries if str(e["label"]) == "Signalen" and "links" in e)
    assert [str(link["label"]) for link in signalen["links"]] == ["Signalen", "Knelpunten", "Verstrekkingen"]
    assert signalen["current"] is True  # the page is inside this menu
    assert "Kaart" in labels and len(entries) <= 8, labels


def test_the_public_sees_single_links_without_menus(region):
    from django.contrib.auth.models import AnonymousUser

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    entries = navigation_for(request)
    assert all("links" not in e for e in entries), _labels(entries)
    assert {"Factsheets", "Kaart"} <= {str(e["label"]) for e in entries}
