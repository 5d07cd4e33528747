"""`weerbaar import_layer CODE FILE`: import a GeoPackage, zipped Shapefile, GeoJSON, GML or CSV as
the layer's next version. The switch is atomic: on failure the previous version keeps serving."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.geo.demo import load_public_layers
from weerbaar.geo.importers import ImportFailed
from weerbaar.geo.models import Layer
from weerbaar.geo.services import layer_define, layer_import
from weerbaar.importing import cli_progress
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Importeer een kaartlaag (GeoPackage, zip met Shapefile, GeoJSON, GML of CSV met coördinaten)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("code", help="code van de kaartlaag; een nieuwe laag wordt aangemaakt")
        parser.add_argument("path", type=Path)
        parser.add_argument("--layer", help="laag in de GeoPackage of shapefile in de zip")
        parser.add_argument("--crs", help="coördinatenstelsel als het bestand het niet noemt, bv. EPSG:28992")
        parser.add_argument("--encoding", help="tekstcodering, bv. cp1252")
        parser.add_argument("--id-field", dest="id_field")
        parser.add_argument("--x", dest="x_field", help="CSV: kolom met x of lengtegraad")
        parser.add_argument("--y", dest="y_field", help="CSV: kolom met y of breedtegraad")
        parser.add_argument("--geometry-type", dest="geometry_type", choices=["point", "line", "polygon"])
        parser.add_argument("--title", help="titel van een nieuwe laag")
        parser.add_argument("--theme", default="economie")
        parser.add_argument(
            "--access-level",
            choices=["openbaar", "intern", "afgeschermd"],
            help="toegangsniveau van een nieuwe laag; zonder: intern, of afgeschermd als de attributen "
            "persoonsgegevens lijken",
        )

    def handle(self, *args, code: str, path: Path, **options) -> None:
        ctx = command_context(command="import_layer")
        layer = Layer.objects.filter(code=code).first()
        if layer is None:
            shipped = load_public_layers(self.stdout, only={code}, ctx=ctx)
            layer = shipped[0] if shipped else None
        if layer is None:
            layer = layer_define(
                ctx=ctx,
                code=code,
                title_nl=options["title"] or code,
                theme=options["theme"],
                access_level=options["access_level"],
            )
        keys = ("layer", "crs", "encoding", "id_field", "x_field", "y_field", "geometry_type")
        try:
            with cli_progress(quiet=options["verbosity"] == 0, unit="object") as progress:
                version, report = layer_import(
                    actor=None,
                    layer=layer,
                    path=path,
                    progress=progress,
                    **{k: options[k] for k in keys if options.get(k)},
                )
        except ImportFailed as failed:
            raise CommandError(
                f"import mislukt; de vorige versie blijft in gebruik\n{failed.report.summary()}"
            ) from failed
        self.stdout.write(report.summary())
        self.stdout.write(self.style.SUCCESS(f"{code}: versie {version.number} in gebruik"))
