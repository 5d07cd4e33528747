"""The page shell's navigation: each capability registers an entry; the shell shows what fits.

Twenty capabilities do not fit on one row, so an entry names the group it belongs to (`group=`,
one of `GROUPS`): a group with more than one entry the user may see becomes a menu (details/summary,
no script), a group with one entry is that entry's link. Entries without a group stand alone.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .clearance import roles_of


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    #: roles that see the entry; empty means everyone
    roles: frozenset[str] = frozenset()
    order: int = 100
    #: the menu it is shown in (a key of GROUPS); "" stands alone
    group: str = ""


#: key -> (label, order): the menus of the main navigation, by the work they serve
GROUPS: dict[str, tuple[str | Promise, int]] = {
    "signalen": (_("Signalen"), 20),
    "informatie": (_("Informatie"), 45),
    "aanpak": (_("Aanpak"), 60),
    "samenwerking": (_("Samenwerking"), 70),
    "beheer": (_("Beheer"), 95),
}

_ITEMS: list[NavItem] = []


def add_nav_item(item: NavItem) -> None:
    """Apps call this from `AppConfig.ready` to put their capability in the shell."""
    _ITEMS.append(item)


def navigation_for(request: HttpRequest) -> list[dict]:
    """The entries this user sees, in order: links ({"url", "label", "current"}) and menus
    ({"label", "links": [links], "current"}); a menu of one is shown as its link."""
    roles = roles_of(request.user) if hasattr(request, "user") else frozenset()
    standalone: list[tuple[int, dict]] = []
    grouped: dict[str, list[dict]] = {}
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.roles and not (roles & item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        link = {"url": url, "label": item.label, "current": request.path == url}
        if item.group in GROUPS:
            grouped.setdefault(item.group, []).append(link)
        else:
            standalone.append((item.order, link))
    for key, links in grouped.items():
        label, order = GROUPS[key]
        if len(links) == 1:
            standalone.append((order, links[0]))
        else:
            current = any(link["current"] for link in links)
            standalone.append((order, {"label": label, "links": links, "current": current}))
    return [entry for _order, entry in sorted(standalone, key=lambda pair: pair[0])]
