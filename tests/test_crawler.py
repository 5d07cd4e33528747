"""No dead end for any role, in any language (issue 16, item 1).

With the whole demo loaded (`load_demo_data`, as `make run` does) and the demo Kreis added to a case
team (so it receives notifications), every demo account logs in and follows every link, two levels
deep from the home page and from its notifications. The crawl fails on

- a link that answers 404 or 500 (a 403 is an honest answer to a role, not a dead end),
- a German or English page whose visible text contains a Dutch sentence from the message
  catalogs (a string that has a translation but was shown untranslated).

Links of one URL pattern are followed a few times, not all (forty signals are the same page).
"""

from __future__ import annotations

import io
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import Resolver404, resolve

from weerbaar.core.testing import login_verified

pytestmark = pytest.mark.django_db

LANGUAGES = ("nl", "de", "en")
DEPTH = 2
PER_PATTERN = 2
#: never followed: leaving the session, the stock admin (superusers only), static files
SKIP = re.compile(r"^/(accounts/uitloggen|beheer/|static/|i18n/)")
STARTS = ("/", "/signalen/meldingen")


class _Page(HTMLParser):
    """The links of a page and its visible text (no script, style, or text marked `lang="nl"`)."""

    #: not read for Dutch: code, and choice lists of records (organisations, contacts, themes)
    #: whose names are data in the language they were entered in, not the interface's text
    HIDDEN = {"script", "style", "template", "noscript", "select"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.text: list[str] = []
        self._stack: list[tuple[str, bool]] = []

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        if tag in {"br", "img", "input", "meta", "link", "hr", "source", "col", "wbr", "area"}:
            return
        quoted = values.get("lang", "").startswith("nl") and tag != "html"
        self._stack.append((tag, tag in self.HIDDEN or quoted))

    def handle_endtag(self, tag):
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not any(hidden for _, hidden in self._stack):
            self.text.append(data)


def _dutch_sentences(language: str) -> set[str]:
    """Dutch catalog strings of three or more words with a different translation; placeholders cut out."""
    sentences: set[str] = set()
    for path in Path(settings.SRC_DIR).glob(f"**/locale/{language}/LC_MESSAGES/django.po"):
        for entry in polib.pofile(str(path)):
            if entry.obsolete or not entry.msgstr or entry.msgstr == entry.msgid:
                continue
            for part in re.split(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|<[^>]+>|\n", entry.msgid):
                part = " ".join(part.split()).strip(" .,:;()")
                if len(part.split()) >= 3 and part not in entry.msgstr:
                    sentences.add(part)
    return sentences


def _demo_team_for_the_kreis() -> None:
    """The issue's dead end: a Landkreis on a case team is notified; its links must open."""
    from weerbaar.accounts.models import User
    from weerbaar.privacy.testing import ctx_of
    from weerbaar.signals import services
    from weerbaar.signals.models import Signal
    from weerbaar.signals.workflow import State

    riec = ctx_of(User.objects.get(username="demo-riec"), second_factor=True)
    kreis = User.objects.get(username="demo-kreis")
    signal = Signal.objects.filter(title__endswith="(demo)", state=State.INGEBRACHT).first()
    assert signal is not None, "the demo has a signal brought to the RIEC"
    signal = services.signal_transition(ctx=riec, signal=signal, to=State.CASUS)
    services.case_team_add(ctx=riec, case=signal.case, organisation=kreis.organisation)


@pytest.fixture
def demo(region, settings, monkeypatch):
    """The demo of `make run`, smaller: a tenth of the register scale, and without the public map
    layers (84 s of GDAL import; the viewer's pages are crawled all the same, its layers are
    covered by the geo app's own tests)."""
    import weerbaar.registers.demo
    from weerbaar.core.demo import demo_loaders

    settings.WEERBAAR_DEMO = True
    monkeypatch.setattr(weerbaar.registers.demo, "DEMO_SCALE", 0.0005)
    loaders = [name for name, _ in demo_loaders.items() if name != "30-layers"]
    call_command("load_demo_data", "--only", *loaders, stdout=io.StringIO())
    _demo_team_for_the_kreis()


def _crawl(client: Client, language: str, sentences: set[str]) -> tuple[list[str], int]:
    problems: list[str] = []
    seen: set[str] = set()
    per_pattern: Counter[str] = Counter()
    frontier = list(STARTS)
    source: dict[str, str] = {}
    for _depth in range(DEPTH + 1):
        following: list[str] = []
        for url in frontier:
            if url in seen:
                continue
            seen.add(url)
            response = client.get(url, follow=True)
            if (
                response.status_code == 404
                or response.status_code >= 500
                or (response.status_code == 403 and url not in STARTS)
            ):
                problems.append(f"{response.status_code} {url} (link on {source.get(url, 'start')})")
                continue
            if "text/html" not in response.get("Content-Type", "") or response.status_code != 200:
                continue
            page = _Page()
            page.feed(response.content.decode())
            if language != "nl":
                text = " ".join(" ".join(page.text).split())
                found = sorted(s for s in sentences if s in text)
                if found:
                    problems.append(f"Dutch on {url}: {found[:3]}")
            for href in page.links:
                target = _internal(href, url)
                if target is None or target in seen:
                    continue
                try:
                    name = resolve(urlsplit(target).path).view_name
                except Resolver404:
                    problems.append(f"404 {target} (link on {url})")
                    seen.add(target)
                    continue
                if per_pattern[name] >= PER_PATTERN:
                    continue
                per_pattern[name] += 1
                source.setdefault(target, url)
                following.append(target)
        frontier = following
    return problems, len(seen)


def _internal(href: str, base: str) -> str | None:
    href = urldefrag(href.strip())[0]
    if not href or href.startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        if parts.netloc not in ("testserver", ""):
            return None
        href = parts.path + (f"?{parts.query}" if parts.query else "")
    elif not href.startswith("/"):
        href = base.rsplit("/", 1)[0] + "/" + href
    return None if SKIP.match(href) else href


def test_every_demo_role_finds_no_dead_end_and_no_untranslated_text(demo):
    from weerbaar.accounts.models import User

    problems: list[str] = []
    visited: dict[str, int] = {}
    catalogs: dict[str, set[str]] = {}
    accounts = list(User.objects.filter(is_demo=True).order_by("username"))
    assert len(accounts) == 8
    for language, user in [(lang, user) for lang in LANGUAGES for user in [None, *accounts]]:
        sentences = catalogs.setdefault(language, _dutch_sentences(language) if language != "nl" else set())
        client = Client()
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
        if user is not None:
            login_verified(client, user)
        found, count = _crawl(client, language, sentences)
        name = f"{user.username if user else 'anoniem'} {language}"
        visited[name] = count
        problems += [f"[{name}] {p}" for p in found]
    assert all(count > 3 for count in visited.values()), visited
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems[:80])


def test_the_crawler_would_see_a_dutch_page_in_german(region):
    """The check can fail: the Dutch home page holds sentences the German catalog translates."""
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "nl"
    page = _Page()
    page.feed(client.get("/").content.decode())
    text = " ".join(" ".join(page.text).split())
    assert any(sentence in text for sentence in _dutch_sentences("de"))
    assert _internal("https://example.org/x", "/") is None and _internal("/beheer/", "/") is None
