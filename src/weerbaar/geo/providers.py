"""Where a layer's features come from: the layer's own stored version, or a base register.

A provider tells the serving code (OGC API items, tiles, area selection) which table, geometry
column, identifier and attributes to use. Attribute access is applied by the caller through
`Layer.attribute_level`; providers only know what exists.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.apps import apps
from django.db import models

from weerbaar.core.context import ProcessingContext
from weerbaar.core.registry import Registry
from weerbaar.registers.selectors import eigenaren

from .models import Feature, Layer

if TYPE_CHECKING:  # the registers' rows come through their selectors
    from weerbaar.registers.models import ZakelijkRecht

providers: Registry[RegisterProvider] = Registry("layer provider")
_stamp: dict[str, Any] = {"value": "", "until": 0.0}


@dataclass(frozen=True)
class Source:
    """A resolved source for one layer: a queryset plus how to read it."""

    queryset: models.QuerySet
    geom_field: str
    id_field: str
    #: scalar columns (register layers); empty for stored layers, whose attributes live in JSON
    fields: tuple[str, ...]
    json_field: str | None
    #: attributes that go into vector tiles (None = every visible attribute)
    tile_fields: tuple[str, ...] | None
    stamp: str
    provider: RegisterProvider | None = None

    @property
    def model(self) -> type[models.Model]:
        return self.queryset.model

    @property
    def table(self) -> str:
        return self.model._meta.db_table

    def column(self, name: str) -> str:
        field = self.model._meta.get_field(name)
        assert isinstance(field, models.Field)
        return str(field.column)


@dataclass(frozen=True)
class RegisterProvider:
    model_label: str
    geom_field: str
    id_field: str
    fields: tuple[str, ...]
    tile_fields: tuple[str, ...]
    filters: dict[str, Any] = field(default_factory=dict)
    #: computed attributes, with the function that fills them for a list of identifiers
    extra: tuple[str, ...] = ()

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def queryset(self) -> models.QuerySet:
        qs = self.model._default_manager.filter(**self.filters)
        return qs.filter(**{f"{self.geom_field}__isnull": False})

    def stamp(self) -> str:
        """Changes with every register import (cached for a few seconds: read on every tile)."""
        now = time.monotonic()
        if _stamp["until"] > now:
            return _stamp["value"]
        run = (
            apps.get_model("registers", "ImportRun")
            .objects.order_by("-id")
            .values_list("id", flat=True)
            .first()
        )
        _stamp.update(value=f"r{run or 0}", until=now + 5.0)
        return _stamp["value"]

    def extra_properties(self, *, ctx: ProcessingContext, ids: list[str]) -> dict[str, dict[str, Any]]:
        """The computed attributes of these features, by identifier. Parcel owners come from the
        registers' selector, which writes one audit entry per right shown (inside the caller's
        audited read, when there is one: then all are appended with it)."""
        if "eigenaren" not in self.extra or not ids:
            return {}
        owners = eigenaren(ctx=ctx, aanduidingen=ids)
        return {
            aanduiding: {"eigenaren": [_owner(recht) for recht in owners.get(aanduiding, [])]}
            for aanduiding in ids
        }


def _owner(recht: ZakelijkRecht) -> dict[str, str]:
    if recht.persoon is not None:
        name, subject = str(recht.persoon), recht.persoon.bron_id
    else:
        name, subject = recht.rechtspersoon_naam, recht.kvk_nummer
    return {
        "naam": name,
        "recht": recht.soort,
        "aandeel": f"{recht.aandeel_teller}/{recht.aandeel_noemer}",
        "betrokkene": subject,
    }


providers.register("bag-adressen")(
    RegisterProvider(
        "registers.AdresseerbaarObject",
        "geometrie",
        "identificatie",
        (
            "identificatie",
            "openbare_ruimte_naam",
            "huisnummer",
            "huisletter",
            "toevoeging",
            "postcode",
            "woonplaats_naam",
            "gebruiksdoel",
            "oppervlakte",
            "bouwjaar",
        ),
        ("identificatie", "postcode", "huisnummer"),
    )
)
providers.register("bag-panden")(
    RegisterProvider(
        "registers.Pand",
        "geometrie",
        "identificatie",
        ("identificatie", "bouwjaar", "status", "gebruiksdoel"),
        ("identificatie", "bouwjaar"),
    )
)
providers.register("brk-percelen")(
    RegisterProvider(
        "registers.KadastraalObject",
        "geometrie",
        "kadastrale_aanduiding",
        ("identificatie", "kadastrale_aanduiding", "kadastrale_gemeente_naam", "grootte"),
        (),
        filters={"soort": "perceel"},
        extra=("eigenaren",),
    )
)
providers.register("kvk-vestigingen")(
    RegisterProvider(
        "registers.Vestiging",
        "geometrie",
        "vestigingsnummer",
        (
            "vestigingsnummer",
            "kvk_nummer",
            "eerste_handelsnaam",
            "hoofdvestiging",
            "postcode",
            "huisnummer",
            "plaats",
            "werkzame_personen",
        ),
        ("kvk_nummer", "eerste_handelsnaam"),
    )
)


def source_for(layer: Layer) -> Source:
    if layer.source_kind == "register":
        provider = providers[layer.provider]
        return Source(
            provider.queryset(),
            provider.geom_field,
            provider.id_field,
            provider.fields,
            None,
            provider.tile_fields,
            f"{provider.stamp()}-{layer.updated_at.isoformat()}",
            provider,
        )
    return Source(
        Feature.objects.filter(version_id=layer.current_version_id),
        "geometry",
        "fid",
        (),
        "properties",
        None,
        f"v{layer.current_version_id or 0}-{layer.updated_at.isoformat()}",
    )


def property_names(layer: Layer, source: Source) -> list[str]:
    if source.provider is not None:
        return list(source.fields) + list(source.provider.extra)
    version = layer.current_version
    return list(version.properties) if version else []
