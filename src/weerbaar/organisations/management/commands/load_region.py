from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from weerbaar.organisations.region_loader import RegionLoadError, load_region


class Command(BaseCommand):
    help = "Load a region: boundary files, organisation list and legal-basis grants (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument(
            "manifest",
            nargs="?",
            type=Path,
            default=settings.DATA_DIR / "regions" / "overijssel" / "region.yaml",
            help="region.yaml naming the files (default: the Overijssel region shipped in data/)",
        )
        parser.add_argument("--gemeenten", type=Path, help="override the municipality boundary file")
        parser.add_argument("--provincie", type=Path, help="override the province boundary file")
        parser.add_argument("--organisaties", type=Path, help="override the organisation list")

    def handle(self, *args, manifest: Path, gemeenten, provincie, organisaties, **options):
        overrides = {
            key: value
            for key, value in {
                "gemeente": gemeenten,
                "provincie": provincie,
                "organisations": organisaties,
            }.items()
            if value
        }
        try:
            region = load_region(manifest, overrides)
        except RegionLoadError as exc:
            raise CommandError(f"Region not loaded, nothing changed: {exc}") from exc
        self.stdout.write(
            self.style.SUCCESS(
                f"Region {region.name} ({region.code}): {region.areas.count()} areas, "
                f"{region.organisations.count()} organisations. {region.credit}"
            )
        )
