"""A municipality reads shielded register data in its own area, and also in the areas of the
signals it holds or works on with others (issue 17, item 4)."""

from weerbaar.privacy.testing import ctx_of
from weerbaar.signals import services

from .conftest import org


def test_a_signal_assigned_to_another_municipality_widens_its_area(gemeente, other_gemeente, registers_data):
    enschede = ctx_of(other_gemeente, purpose="signaalverrijking")
    assert enschede.area_scope == {"GM0153"}
    services.signal_create(
        ctx=ctx_of(gemeente),
        data={"title": "Loods", "phenomenon": "drugs", "address": "8011 ab 12"},
        subjects=[],
        assigned_organisation=org("GM0153"),
    )
    assert ctx_of(other_gemeente, purpose="signaalverrijking").area_scope == {"GM0153", "GM0193"}
    assert ctx_of(gemeente, purpose="signaalverrijking").area_scope == {"GM0193"}
