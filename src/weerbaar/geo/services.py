"""Writes to the layer registry: define layers, import a new version atomically."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from weerbaar.audit.models import Action
from weerbaar.audit.services import audit_log
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require

from .importers import ImportFailed, ImportReport, read_features
from .models import Feature, Layer, LayerVersion

#: older versions kept besides the serving one (for a quick roll-back)
KEEP_VERSIONS = 1
BATCH = 2000
DEFINITION_FIELDS = {
    "title_nl",
    "title_de",
    "title_en",
    "description",
    "theme",
    "source_kind",
    "provider",
    "source",
    "credit",
    "licence",
    "access_level",
    "attribute_access",
    "style",
    "legend",
    "min_zoom",
    "max_zoom",
    "freshness",
    "outdated",
    "factsheet",
    "visible_by_default",
    "basemap",
    "order",
}


def layer_define(*, ctx: ProcessingContext, code: str, **definition: Any) -> Layer:
    """Create or update a layer's registry entry (not its features): administrators, and the
    platform itself (the demo loader, `import_layer`)."""
    require(policy_for(Layer).can_create(ctx), "alleen beheerders beheren kaartlagen")
    unknown = set(definition) - DEFINITION_FIELDS
    if unknown:
        raise ValueError(f"onbekende velden in de laagdefinitie {code}: {sorted(unknown)}")
    layer, _ = Layer.objects.update_or_create(code=code, defaults=definition)
    return layer


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def layer_import(
    *,
    actor: Any,
    layer: Layer,
    path: str | Path,
    request: Any = None,
    progress: Any = None,
    **options: Any,
) -> tuple[LayerVersion, ImportReport]:
    """Read `path` and serve it as the layer's next version, switched in one transaction.

    Raises ImportFailed (with the report) when the file cannot be used; the previous version keeps
    serving, and a failed version without features is recorded for the report.
    """
    if actor is not None:
        require(policy_for(Layer).can_change(actor, layer), "alleen beheerders importeren kaartlagen")
    path = Path(path)
    actor_name = actor.get_username() if actor is not None and actor.is_authenticated else ""
    next_number = (layer.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    try:
        features, report = read_features(path, **options)
    except ImportFailed as failed:
        LayerVersion.objects.create(
            layer=layer,
            number=next_number,
            status=LayerVersion.Status.FAILED,
            source_file=path.name,
            report=failed.report.as_dict(),
            actor=actor_name,
        )
        raise
    names: list[str] = []
    for feature in features:
        for key in feature.properties:
            if key not in names:
                names.append(key)
    bounds = shapely.total_bounds([f.geometry for f in features]).tolist()
    with transaction.atomic():
        version = LayerVersion.objects.create(
            layer=layer,
            number=next_number,
            source_file=path.name,
            sha256=_sha256(path),
            geometry_type=report.geometry_type,
            feature_count=len(features),
            properties=names,
            extent=bounds,
            report=report.as_dict(),
            actor=actor_name,
        )
        for start in range(0, len(features), BATCH):
            Feature.objects.bulk_create(
                [
                    Feature(
                        version=version,
                        fid=f.fid[:100],
                        geometry=GEOSGeometry(memoryview(shapely.to_wkb(f.geometry)), srid=28992),
                        properties=f.properties,
                    )
                    for f in features[start : start + BATCH]
                ]
            )
            if progress is not None:
                progress(min(start + BATCH, len(features)), len(features))
        version.status = LayerVersion.Status.READY
        version.save(update_fields=["status"])
        # the switch: readers see either the old version or the complete new one
        Layer.objects.filter(pk=layer.pk).update(current_version=version)
        layer.refresh_from_db()
        old = (
            layer.versions.filter(status=LayerVersion.Status.READY).exclude(pk=version.pk).order_by("-number")
        )
        for stale in old[KEEP_VERSIONS:]:
            stale.features.all().delete()
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="geo.layerversion",
        object_id=f"{layer.code} v{version.number}",
        request=request,
        detail={"bestand": path.name, "objecten": len(features), "geweigerd": len(report.rejected)},
    )
    return version, report
