"""`weerbaar import_registers DIR [--user NAME]`: import every recognised extract in DIR."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.importing import cli_progress
from weerbaar.registers.models import ImportRun
from weerbaar.registers.services import register_import, register_import_directory


class Command(BaseCommand):
    help = "Importeer BAG-, BRK-, KvK- en personenbestanden (een map of één bestand)."
    # the system checks (which import every URL configuration and API) are for starting the
    # server and `check`; an import run by an operator needs only the models (~0.3 s a run)
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--importer", default=None, help="forceer een importer (alleen bij één bestand)")
        parser.add_argument("--user", default=None, help="gebruikersnaam van de beheerder die importeert")

    def handle(self, *args, path: Path, importer: str | None, user: str | None, **options) -> None:
        actor = get_user_model().objects.get(username=user) if user else None
        with cli_progress(quiet=options["verbosity"] == 0) as progress:
            if path.is_dir():
                runs = register_import_directory(actor=actor, directory=path, progress=progress)
            else:
                runs = [register_import(actor=actor, path=path, importer=importer, progress=progress)]
        failed = False
        for run in runs:
            line = (
                f"{run.importer:24} {Path(run.bestand).name:36} {run.status:7} rijen={run.rijen} "
                f"nieuw={run.nieuw} gewijzigd={run.gewijzigd} ongewijzigd={run.ongewijzigd}"
            )
            self.stdout.write(line)
            for fout in run.fouten[:20]:
                self.stdout.write(f"    rij {fout['row']} veld {fout['field'] or '-'}: {fout['message']}")
            failed |= run.status != ImportRun.Status.OK
        if failed:
            raise CommandError("een of meer bestanden zijn afgekeurd; er is niets van opgeslagen")
