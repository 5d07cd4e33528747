"""`parken_refresh`: every park's inputs come anew from the registers and the signals, and the
score is recomputed from them; the profile's counts and the score's inputs then agree."""

import io

import pytest
from django.contrib.gis.geos import Point
from django.core.management import call_command

from weerbaar.parken.models import Park
from weerbaar.parken.selectors import park_profile
from weerbaar.parken.tests.conftest import X, Y
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db


def test_refresh_takes_the_counts_and_the_profile_agrees(park, ground, analyst):
    """The fixture park says 4 signals and no companies; on its ground are 1 company and 2 signals
    (and 1 signal elsewhere): after the command the stored inputs, the explained score and the
    registers' picture on the profile all say 1 company and 2 signals."""
    from weerbaar.signals.tests.factories import make_signal

    make_signal(reporter="GM0175", point=Point(X + 5, Y + 5, srid=28992))
    make_signal(reporter="GM0175", point=Point(X - 50, Y + 20, srid=28992))
    make_signal(reporter="GM0175", point=Point(X + 5000, Y, srid=28992))
    before = Park.objects.get(pk=park.pk).attention_score
    out = io.StringIO()
    call_command("parken_refresh", stdout=out)
    assert "invoer van 1 parken vernieuwd" in out.getvalue()
    stored = Park.objects.get(pk=park.pk)
    assert (stored.companies_registered, stored.signals_two_years) == (1, 2)
    assert stored.inputs_measured_on is not None and stored.attention_score != before
    profile = park_profile(ctx=ctx_of(analyst), pk=park.pk)
    inputs = {c.indicator.field: c.value for c in profile.explanation.contributions}
    assert profile.registers.companies == inputs["companies_registered"] == 1
    assert inputs["signals_two_years"] == 2
    assert profile.explanation.score == pytest.approx(stored.attention_score)
