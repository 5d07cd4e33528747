"""What the home page shows each role: its own blocks, read through the capabilities' selectors.

The portal sits on top of the capabilities, so it may compose them; it never filters what a
selector returned, it only chooses which selectors a role's home page asks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from weerbaar.accounts import selectors as accounts_selectors
from weerbaar.core.access import PARTNER_ROLES, Role
from weerbaar.core.context import ProcessingContext
from weerbaar.signals import selectors as signal_selectors
from weerbaar.signals.workflow import WORKER_ROLES


@dataclass(frozen=True)
class Link:
    url_name: str
    label: str | Promise
    #: roles that get the link; empty: everyone
    roles: frozenset[str] = frozenset()

    def url(self) -> str | None:
        try:
            return reverse(self.url_name)
        except NoReverseMatch:
            return None


#: the platform's pages for each theme of the collaboration agenda (by theme code)
THEME_PAGES: dict[str, tuple[Link, ...]] = {
    "informatiegestuurd-werken": (
        Link("indicators:list", _("Indicatoren"), PARTNER_ROLES),
        Link("signals:list", _("Signalen"), WORKER_ROLES),
        Link("geo:viewer", _("Kaart")),
    ),
    "weerbare-samenleving-en-overheid": (
        Link("checklist:wizard", _("Checklist provincie"), PARTNER_ROLES),
        Link("controles:list", _("Integrale controles"), PARTNER_ROLES),
    ),
    "buitengebied-en-vakantieparken": (
        Link("buitengebied:list", _("Buitengebied"), PARTNER_ROLES),
        Link("geo:viewer", _("Kaart")),
    ),
    "grensoverschrijdende-ondermijning": (
        Link("signals:disclosures", _("Verstrekkingen"), WORKER_ROLES),
        Link("organisations:list", _("Organisaties")),
    ),
    "operationele-samenwerking": (
        Link("contacts:list", _("Contactpersonen"), PARTNER_ROLES),
        Link("signals:bottlenecks", _("Knelpunten"), WORKER_ROLES),
        Link("controles:list", _("Integrale controles"), PARTNER_ROLES),
    ),
}

PUBLIC_PAGES = (
    Link("catalog:list", _("Factsheets")),
    Link("geo:viewer", _("Kaart")),
    Link("indicators:dashboard", _("Dashboard ondermijning: cijfers per gemeente")),
    Link("indicators:resilience", _("Weerbaarheidsbeeld van de provincie")),
    Link("organisations:list", _("Organisaties")),
    Link("portal:privacy", _("Privacyverklaring")),
)

MANAGEMENT_PAGES = (
    Link("portal:beheer_users", _("Gebruikers")),
    Link("portal:beheer_grants", _("Grondslagen")),
    Link("portal:beheer_organisations", _("Organisaties beheren")),
    Link("accounts:proposals", _("Voorstellen (vier ogen)")),
)


def links_for(ctx: ProcessingContext, links: tuple[Link, ...]) -> list[dict[str, Any]]:
    """The links of `links` the context's roles get, with their URLs."""
    return [
        {"url": url, "label": link.label}
        for link in links
        if (not link.roles or ctx.has_role(*link.roles)) and (url := link.url()) is not None
    ]


@dataclass
class Home:
    #: the blocks this role's page shows: "work", "fg", "management", "public"
    blocks: set[str] = field(default_factory=set)
    tasks: list[Any] = field(default_factory=list)
    deadlines: list[Any] = field(default_factory=list)
    notifications: list[Any] = field(default_factory=list)
    unread: int = 0
    may_report: bool = False
    signals: list[Any] = field(default_factory=list)
    cases: list[Any] = field(default_factory=list)
    proposals: list[Any] = field(default_factory=list)
    management: list[dict[str, Any]] = field(default_factory=list)
    public: list[dict[str, Any]] = field(default_factory=list)


def home_for(ctx: ProcessingContext) -> Home:
    """The blocks of the home page for the context's roles."""
    home = Home()
    if ctx.has_role(*WORKER_ROLES):
        home.blocks.add("work")
        work = signal_selectors.signal_tasks(ctx=ctx, limit=20)
        home.tasks, home.deadlines = work.tasks, work.deadlines
        home.notifications = [
            n for n in signal_selectors.notifications_for(ctx=ctx, limit=20) if n.read_at is None
        ][:5]
        home.unread = signal_selectors.unread_notifications(ctx=ctx)
        home.signals = signal_selectors.signal_list(ctx=ctx, limit=5)
        home.cases = signal_selectors.case_list(ctx=ctx, limit=5)
        home.may_report = signal_selectors.may_report_signal(ctx=ctx)
    if ctx.has_role(Role.FG):
        home.blocks.add("fg")
    if ctx.has_role(Role.BEHEERDER):
        home.blocks.add("management")
        home.management = links_for(ctx, MANAGEMENT_PAGES)
    if ctx.has_role(Role.FG, Role.BEHEERDER):
        home.proposals = accounts_selectors.proposals(ctx=ctx, pending=True)[:5]
    if not ctx.roles or ctx.roles <= {Role.PUBLIEK}:
        home.blocks.add("public")
        home.public = links_for(ctx, PUBLIC_PAGES)
    return home
