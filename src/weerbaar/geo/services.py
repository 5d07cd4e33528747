"""Writes to the layer registry: define layers, import a new version atomically (read and
checked through weerbaar.importing, stored here as a version with its features)."""

from __future__ import annotations

from concurrent.futures import Future
from pathlib import Path
from typing import Any

import shapely
from django.contrib.gis.geos import GEOSGeometry
from django.db import transaction

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for, require
from weerbaar.importing import STORING, Progress, as_progress, sha256_in_background
from weerbaar.importing.personal_data import personal_data_columns

from .app_layers import AppLayer, app_layers
from .featureinfo import validate_info
from .importers import ImportFailed, ImportReport, ParsedFeature, read_features
from .models import Feature, Layer, LayerVersion
from .policies import layer_policy
from .texts import credit_fields, validate_legend

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
    "credit_de",
    "credit_en",
    "licence",
    "access_level",
    "attribute_access",
    "style",
    "legend",
    "info",
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
    platform itself (the demo loader, `import_layer`).

    An `access_level` given here is a decision (`access_level_explicit`); a layer defined
    without one starts `intern`, and its imports shield it when its columns look like personal
    data (`layer_import`)."""
    require(policy_for(Layer).can_create(ctx), "alleen beheerders beheren kaartlagen")
    unknown = set(definition) - DEFINITION_FIELDS
    if unknown:
        raise ValueError(f"onbekende velden in de laagdefinitie {code}: {sorted(unknown)}")
    if "info" in definition:
        definition["info"] = validate_info(code, definition["info"])
    if "legend" in definition:
        definition["legend"] = validate_legend(code, definition["legend"])
    if isinstance(definition.get("credit"), dict):
        definition.update(credit_fields(code, definition["credit"]))
    if definition.get("access_level") is None:
        definition.pop("access_level", None)
    else:
        definition["access_level"] = AccessLevel(definition["access_level"])
        definition["access_level_explicit"] = True
    before = Layer.objects.filter(code=code).values_list("access_level", flat=True).first()
    with transaction.atomic():
        layer, created = Layer.objects.update_or_create(code=code, defaults=definition)
        if "access_level" in definition and before != layer.access_level:
            # an access level is a setting that decides who reads the layer: in the chained log
            audit_log(
                ctx=ctx,
                action=Action.CREATE if created else Action.UPDATE,
                object_type="geo.layer",
                object_id=code,
                detail={"toegangsniveau": layer.access_level, "was": before or ""},
            )
    return layer


def layer_import(
    *,
    actor: Any,
    layer: Layer,
    path: str | Path,
    request: Any = None,
    progress: Any = None,
    name: str = "",
    **options: Any,
) -> tuple[LayerVersion, ImportReport]:
    """Read `path` and serve it as the layer's next version, switched in one transaction.

    Raises ImportFailed (with the report) when the file cannot be used, and re-raises what broke
    off the writing; either way the previous version keeps serving, a failed version without
    features records the report, and the audit log has the failure. `progress` is a
    weerbaar.importing Progress (phase, done, total); an older (done, total) callback still works.
    `name` is the file's name as offered (an upload is stored under a random one): the version,
    the report and the audit entry name the file by it, and by its SHA-256.

    Attributes whose names look like personal data (weerbaar.importing.personal_data) are named
    in the report; on a layer whose access level nobody chose they make it `afgeschermd`, in
    the same transaction as the switch, so the data is never served at a lower level.
    """
    if actor is not None:
        require(layer_policy().can_import(actor, layer), "alleen beheerders importeren kaartlagen")
    path = Path(path)
    report_progress = as_progress(progress)
    actor_name = actor.get_username() if actor is not None and actor.is_authenticated else ""
    next_number = (layer.versions.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    digest = sha256_in_background(path) if path.exists() else None
    try:
        features, report = read_features(path, progress=report_progress, **options)
    except ImportFailed as failed:
        failed.report.run.source = name or path.name
        _failed_version(actor, layer, next_number, failed.report, digest, request)
        raise
    report.run.actor = actor_name
    report.run.source = name or path.name
    names: list[str] = []
    for feature in features:
        for key in feature.properties:
            if key not in names:
                names.append(key)
    bounds = shapely.total_bounds([f.geometry for f in features]).tolist()
    shield = _personal_data(layer, report, names)
    try:
        with transaction.atomic():
            version = _write_version(
                layer, next_number, report, features, names, bounds, digest, report_progress, shield
            )
    except Exception as exc:  # recorded as a failed version, then the caller hears what happened
        report.run.broke_off(exc)
        report.errors.append(f"schrijven afgebroken: {type(exc).__name__}: {exc}")
        _failed_version(actor, layer, next_number, report, digest, request)
        raise
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="geo.layerversion",
        object_id=f"{layer.code} v{version.number}",
        request=request,
        detail={
            "bestand": report.source,
            "sha256": report.run.sha256,
            "status": report.status,
            "objecten": len(features),
            "geweigerd": report.run.report.refused,
            "persoonsgegevens": report.personal_data,
            "toegangsniveau": layer.access_level,
        },
    )
    return version, report


def _personal_data(layer: Layer, report: ImportReport, names: list[str]) -> bool:
    """Name the personal-data attributes in the report; True when they shield the layer."""
    report.personal_data = personal_data_columns(names)
    if not report.personal_data:
        return False
    columns = ", ".join(report.personal_data)
    if layer.access_level == AccessLevel.AFGESCHERMD:
        return False
    if layer.access_level_explicit:
        report.run.report.warnings.append(
            f"de attributen {columns} lijken persoonsgegevens; de laag blijft {layer.access_level}, "
            "zoals gekozen bij de laagdefinitie"
        )
        return False
    report.run.report.warnings.append(
        f"de attributen {columns} lijken persoonsgegevens: de laag is afgeschermd (geen toegangsniveau "
        "gekozen bij de laagdefinitie)"
    )
    return True


def _write_version(
    layer: Layer,
    number: int,
    report: ImportReport,
    features: list[ParsedFeature],
    names: list[str],
    bounds: list[float],
    digest: Future[str] | None,
    progress: Progress | None,
    shield: bool,
) -> LayerVersion:
    """The new version with its features, switched in (inside the caller's transaction); with
    `shield` the layer becomes afgeschermd in the same switch."""
    report.run.sha256 = digest.result() if digest is not None else ""
    version = LayerVersion.objects.create(
        layer=layer,
        number=number,
        source_file=report.source,
        sha256=report.run.sha256,
        geometry_type=report.geometry_type,
        feature_count=len(features),
        properties=names,
        extent=bounds,
        report=report.as_dict(),
        actor=report.run.actor,
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
            progress(STORING, min(start + BATCH, len(features)), len(features))
    version.status = LayerVersion.Status.READY
    version.save(update_fields=["status"])
    # the switch: readers see either the old version or the complete new one
    switch: dict[str, Any] = {"current_version": version}
    if shield:
        switch["access_level"] = AccessLevel.AFGESCHERMD
    Layer.objects.filter(pk=layer.pk).update(**switch)
    layer.refresh_from_db()
    old = layer.versions.filter(status=LayerVersion.Status.READY).exclude(pk=version.pk).order_by("-number")
    for stale in old[KEEP_VERSIONS:]:
        stale.features.all().delete()
    return version


def _failed_version(
    actor: Any,
    layer: Layer,
    number: int,
    report: ImportReport,
    digest: Future[str] | None,
    request: Any,
) -> None:
    """A version without features that records why the import failed, and the audit entry of the failure."""
    report.run.sha256 = digest.result() if digest is not None else ""
    LayerVersion.objects.create(
        layer=layer,
        number=number,
        status=LayerVersion.Status.FAILED,
        source_file=report.source,
        sha256=report.run.sha256,
        report=report.as_dict(),
        actor=actor.get_username() if actor is not None and actor.is_authenticated else "",
    )
    audit_log(
        actor=actor,
        action=Action.CREATE,
        object_type="geo.layerversion",
        object_id=f"{layer.code} v{number}",
        request=request,
        result=Result.ERROR,
        detail={
            "bestand": report.source,
            "sha256": report.run.sha256,
            "status": report.status,
            "fouten": report.errors[:5],
        },
    )


def app_layer_register(layer: AppLayer) -> AppLayer:
    """Offer an app-served layer in the shielded viewer (`app_layers`): called once from the
    owning app's `AppConfig.ready`; the app's URL serves, refuses and audits its features."""
    return app_layers.register(layer.code)(layer)
