import pytest

from weerbaar.catalog.testing import apps_installed


def test_catalog_apps_are_installed():
    """The project settings install catalog, checklist and contacts (else their tests are not run)."""
    if not apps_installed():
        pytest.skip(
            "weerbaar.catalog/checklist/contacts not in INSTALLED_APPS; run with --ds=weerbaar.catalog.tests.settings"
        )
