"""Fixtures shared by the whole suite."""

import os

import pytest

# Playwright's sync API runs an event loop in the test thread; the ORM calls in the same test are
# still synchronous, so Django's async-safety guard is relaxed for tests only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items):
    """The audit log has its own connection: every database test may use both databases."""
    db_fixtures = {"db", "transactional_db", "live_server"}
    for item in items:
        fixtures = set(getattr(item, "fixturenames", ()))
        marker = item.get_closest_marker("django_db")
        if marker is None and not fixtures & db_fixtures:
            continue
        kwargs = dict(marker.kwargs) if marker else {}
        if "databases" in kwargs:
            continue
        if fixtures & {"transactional_db", "live_server"}:
            kwargs["transaction"] = True
        kwargs["databases"] = "__all__"
        item.add_marker(pytest.mark.django_db(**kwargs), append=False)


@pytest.fixture
def region(db):
    """The shipped region (Overijssel): 25 municipalities, the province, partners and grants."""
    from django.conf import settings

    from weerbaar.organisations.region_loader import load_region
    from weerbaar.privacy.services import register_load

    register_load()
    return load_region(settings.DATA_DIR / "regions" / "overijssel" / "region.yaml")
