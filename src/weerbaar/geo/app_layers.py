"""Layers an app serves itself: the shielded viewer lists them beside the registry's layers, but
their features come from a URL of the app that owns the data, read through that app's selectors.

For data whose access rule is the app's own rather than a level: the farm locations (VAB) are for
analysts with shielded clearance, and a municipal analyst sees only their own area, which the
registry's levels cannot say. The viewer never stores or tiles such a layer; it asks the app's URL
(GeoJSON in RD New) and the app decides, refuses and audits every read. The viewer offers the
layer only to a context the app's `may_see` accepts, so no one is shown a layer they cannot open.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.urls import reverse
from django.utils import translation

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.registry import Registry

from .featureinfo import info_config, validate_info
from .texts import credit_fields, legend_in, validate_legend


@dataclass(frozen=True)
class AppLayer:
    """One app-served layer; reads like a `Layer` for the viewer's page and configuration."""

    code: str
    #: language code -> title ("nl" always present)
    titles: dict[str, str]
    #: a `models.Theme` value: the group the layer is listed in
    theme: str
    #: the app's URL name of its GeoJSON (RD New), e.g. "buitengebied:vab_map"
    url_name: str
    #: whether the viewer offers the layer to this context (the URL checks again, and audits)
    may_see: Callable[[ProcessingContext], bool]
    style: dict[str, Any] = field(default_factory=dict)
    legend: list[dict[str, Any]] = field(default_factory=list)
    #: object information as in `Layer.info` (`featureinfo.validate_info`)
    info: dict[str, Any] = field(default_factory=dict)
    #: a string, or texts per language (`weerbaar.geo.texts`)
    credit: str | dict[str, str] = ""
    min_zoom: int = 0
    max_zoom: int = 22
    order: int = 100
    # what the viewer's page reads of a `Layer`
    access_level: str = AccessLevel.AFGESCHERMD
    visible_by_default: bool = False
    basemap: bool = False
    freshness: str = ""
    outdated: bool = False
    attribute_access: dict[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "info", validate_info(self.code, self.info))
        object.__setattr__(self, "legend", validate_legend(self.code, self.legend))

    @property
    def credit_text(self) -> str:
        fields = credit_fields(self.code, self.credit)
        language = (translation.get_language() or "nl")[:2]
        return fields.get(f"credit_{language}") or fields["credit"]

    @property
    def legend_items(self) -> list[dict[str, Any]]:
        return legend_in(self.legend, (translation.get_language() or "nl")[:2])

    @property
    def title(self) -> str:
        language = (translation.get_language() or "nl")[:2]
        return self.titles.get(language) or self.titles["nl"]

    def get_access_level_display(self) -> str:
        return str(AccessLevel(self.access_level).label)

    def info_config(self, language: str | None = None) -> dict[str, Any]:
        language = (language or translation.get_language() or "nl")[:2]
        with translation.override(language):
            title = self.title
        return info_config(self.info, layer_title=title, language=language)

    @property
    def url(self) -> str:
        return reverse(self.url_name)


app_layers: Registry[AppLayer] = Registry("app layer")


def app_layers_for(ctx: ProcessingContext) -> list[AppLayer]:
    """The app-served layers the viewer offers `ctx`, in their order."""
    layers = [layer for _code, layer in app_layers.items() if layer.may_see(ctx)]
    return sorted(layers, key=lambda layer: (layer.order, layer.code))
