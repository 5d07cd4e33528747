"""Dutch is the default; German and English are complete for every screen.

A string added to code or a template without a German and English translation fails here, and so
does a catalog that is out of date with the source (run `make messages` and translate).
"""

import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

SRC = Path(settings.SRC_DIR)
LANGUAGES = ("de", "en")


def _catalogs(root: Path, language: str) -> dict[Path, polib.POFile]:
    return {
        path.relative_to(root): polib.pofile(str(path))
        for path in sorted(root.glob(f"**/locale/{language}/LC_MESSAGES/django.po"))
    }


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_string_is_translated(language):
    untranslated = [
        f"{path}: {entry.msgid!r}"
        for path, po in _catalogs(SRC, language).items()
        for entry in po
        if not entry.obsolete and (not entry.translated() or "fuzzy" in entry.flags)
    ]
    assert not untranslated, "\n".join(untranslated)


def test_catalogs_are_up_to_date_with_the_source(tmp_path):
    """Extract the strings again from a copy of the source; every one must already be in the catalog."""
    copy = tmp_path / "weerbaar"
    shutil.copytree(SRC, copy, ignore=shutil.ignore_patterns("__pycache__", "*.mo", "static"))
    subprocess.run(
        [sys.executable, "-m", "django", "makemessages", "-l", "de", "--no-location", "-v0"],
        cwd=copy,
        check=True,
        env={"DJANGO_SETTINGS_MODULE": "weerbaar.settings.test", "PATH": "/usr/bin:/bin"},
    )
    fresh, committed = _catalogs(copy, "de"), _catalogs(SRC, "de")
    missing = []
    for path, po in fresh.items():
        known = {e.msgid for e in committed.get(path, [])}
        missing += [f"{path}: {e.msgid!r}" for e in po if e.msgid not in known]
    assert not missing, "strings missing from the catalogs (make messages):\n" + "\n".join(missing)


@pytest.mark.django_db
@pytest.mark.parametrize(("language", "expected"), [("nl", "Inloggen"), ("de", "Anmelden"), ("en", "Log in")])
def test_pages_follow_the_chosen_language(language, expected):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get("/accounts/inloggen").content.decode()
    assert f'<html lang="{language}"' in html and expected in html


def test_dutch_is_the_default():
    assert settings.LANGUAGE_CODE == "nl"
    with translation.override("de"):
        assert translation.gettext("Inloggen") == "Anmelden"
