"""The page shell's navigation: each capability registers an entry; the shell shows what fits."""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

from .clearance import roles_of


@dataclass(frozen=True)
class NavItem:
    url_name: str
    label: str | Promise
    #: roles that see the entry; empty means everyone
    roles: frozenset[str] = frozenset()
    order: int = 100


_ITEMS: list[NavItem] = []


def add_nav_item(item: NavItem) -> None:
    """Apps call this from `AppConfig.ready` to put their capability in the shell."""
    _ITEMS.append(item)


def navigation_for(request: HttpRequest) -> list[dict]:
    roles = roles_of(request.user) if hasattr(request, "user") else frozenset()
    entries = []
    for item in sorted(_ITEMS, key=lambda i: i.order):
        if item.roles and not (roles & item.roles):
            continue
        try:
            url = reverse(item.url_name)
        except NoReverseMatch:
            continue
        entries.append({"url": url, "label": item.label, "current": request.path == url})
    return entries
