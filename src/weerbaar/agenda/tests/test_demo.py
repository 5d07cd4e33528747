"""The demo loaders of the agenda and the knowledge network: version 1 from the letter plus a
fictitious version 2, knowledge items found by search; idempotent (make run loads them often)."""

import io

import pytest

from weerbaar.agenda.demo import load as load_agenda
from weerbaar.agenda.models import AgendaVersion
from weerbaar.agenda.versions import snapshot_diff

pytestmark = pytest.mark.django_db


def test_the_agenda_demo_holds_the_letter_and_a_marked_second_version(region):
    load_agenda(io.StringIO())
    load_agenda(io.StringIO())
    first, second = AgendaVersion.objects.order_by("number")
    assert AgendaVersion.objects.count() == 2
    assert "fictief" in second.reason
    diff = snapshot_diff(first.snapshot, second.snapshot)
    assert [a["key"] for a in diff.added] == ["integrale-controles-platform"]
    assert {c.key for c in diff.changed} == {"dashboard-vnonl", "contactpersonen-per-thema"}
