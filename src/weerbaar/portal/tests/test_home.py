"""Each role's home page shows its own blocks and no other's, and the work on it comes through
the signals' selectors: a signal of another organisation never appears."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from weerbaar.core.access import Role
from weerbaar.core.testing import login_verified, make_user
from weerbaar.signals.models import Notification
from weerbaar.signals.tests.factories import make_signal
from weerbaar.signals.workflow import State
from weerbaar.themes.starter import vocabularies_load

pytestmark = pytest.mark.django_db

BLOCKS = {
    "work": ('id="mijn-taken"', 'id="termijnen"', 'id="meldingen"', 'id="recent"'),
    "fg": ('id="toezicht"',),
    "management": ('id="beheer"',),
    "requests": ('id="toegangsaanvragen"',),
    "public": ('id="openbaar"',),
}


def _blocks(html: str) -> set[str]:
    return {name for name, marks in BLOCKS.items() if all(mark in html for mark in marks)}


def _shown(name: str, html: str) -> bool:
    return any(mark in html for mark in BLOCKS[name])


@pytest.mark.parametrize(
    ("role", "organisation", "expected"),
    [
        (None, None, {"public"}),
        (Role.PUBLIEK, None, {"public"}),
        (Role.GEMEENTELIJK_ANALIST, "GM0193", {"work"}),
        (Role.RIEC_ANALIST, "RIEC-ON", {"work"}),
        (Role.FG, "PV23", {"fg", "requests"}),
        (Role.BEHEERDER, "PV23", {"management", "requests"}),
    ],
)
def test_each_role_sees_its_own_blocks_and_no_others(client, region, role, organisation, expected):
    """The blocks on the home page follow the role: work for the signal workers, the log for the
    FG, management for the administrator, public pages for the public."""
    if role is not None:
        login_verified(client, make_user(role, organisation))
    html = client.get("/").content.decode()
    assert _blocks(html) == expected
    for name in set(BLOCKS) - expected:
        assert not _shown(name, html), name


def test_my_tasks_are_the_signals_waiting_for_my_organisations_step(client, region):
    """A received signal of Zwolle waits for Zwolle (the holder); one brought in waits for the
    RIEC, not for Zwolle; Enschede's signal never appears on Zwolle's page."""
    mine = make_signal(State.ONTVANGEN, title="Loods aan de Rietweg")
    brought_in = make_signal(State.INGEBRACHT, title="Ingebracht bij het plein")
    other = make_signal(State.ONTVANGEN, reporter="GM0153", title="Enschede: schuur Usseloseweg")
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    html = client.get("/").content.decode()
    tasks = html.split('id="mijn-taken"')[1].split("</section>")[0]
    assert mine.number in tasks and brought_in.number not in tasks
    assert other.number not in html and "Usseloseweg" not in html

    client.logout()
    login_verified(client, make_user(Role.RIEC_ANALIST, "RIEC-ON"))
    tasks = client.get("/").content.decode().split('id="mijn-taken"')[1].split("</section>")[0]
    assert brought_in.number in tasks


def test_deadlines_show_overdue_and_soon_but_not_far_away(client, region):
    """Only tasks whose stage deadline passed or falls within seven days are deadlines."""
    now = timezone.now()
    late = make_signal(State.ONTVANGEN, stage_deadline=now - dt.timedelta(days=1))
    soon = make_signal(State.ONTVANGEN, stage_deadline=now + dt.timedelta(days=3))
    far = make_signal(State.ONTVANGEN, stage_deadline=now + dt.timedelta(days=30))
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    block = client.get("/").content.decode().split('id="termijnen"')[1].split("</section>")[0]
    assert late.number in block and soon.number in block and far.number not in block
    assert "Verstreken" in block and "Binnenkort" in block


def test_unread_notifications_show_and_read_ones_do_not(client, region):
    user = make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")
    signal = make_signal(State.ONTVANGEN)
    Notification.objects.create(user=user, signal=signal, message="Nieuw signaal voor u")
    Notification.objects.create(user=user, signal=signal, message="Oude melding", read_at=timezone.now())
    login_verified(client, user)
    block = client.get("/").content.decode().split('id="meldingen"')[1].split("</section>")[0]
    assert "Nieuw signaal voor u" in block and "Oude melding" not in block and "1 ongelezen" in block


def test_empty_work_is_said_in_words(client, region):
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193"))
    html = client.get("/").content.decode()
    assert "Geen taken: er wacht geen signaal op een stap van uw organisatie." in html


def test_new_signal_is_offered_only_to_who_may_register_one(client, region):
    """The crawler's dead end: a German partner was offered "Nieuw signaal" and got 403."""
    create = reverse("signals:create")
    login_verified(client, make_user(Role.PARTNER, "DE-BORKEN", username="kreis"))
    assert f'href="{create}"' not in client.get("/").content.decode()
    login_verified(client, make_user(Role.GEMEENTELIJK_ANALIST, "GM0193", username="analist"))
    assert f'href="{create}"' in client.get("/").content.decode()


def test_the_five_themes_are_links_to_pages_that_list_what_the_platform_has(client, region):
    """Each theme links to its page; the page lists its factsheets and the pages a visitor may open."""
    vocabularies_load()
    html = client.get("/").content.decode()
    assert html.count('href="/themas/') == 5
    page = client.get("/themas/buitengebied-en-vakantieparken")
    assert page.status_code == 200
    body = page.content.decode()
    assert f'href="{reverse("geo:viewer")}"' in body
    assert f'href="{reverse("buitengebied:list")}"' not in body  # a partner page, not for the public
    assert client.get("/themas/bestaat-niet").status_code == 404


def test_the_public_finds_the_published_figures_from_the_home_page(client, region):
    """The public dashboard and resilience picture are public pages: the home page leads there."""
    html = client.get("/").content.decode()
    for name in ("indicators:dashboard", "indicators:resilience"):
        assert f'href="{reverse(name)}"' in html
        assert client.get(reverse(name)).status_code == 200
