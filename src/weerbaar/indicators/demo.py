"""Demo data of the indicators: the real CBS figures shipped with the app (not fictitious; they
are public aggregates with source credit), loaded once, idempotent."""

from typing import TextIO

from weerbaar.core.demo import demo_loaders
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.context import command_context

from .services import cbs_criminaliteit_load, cbs_wijken_buurten_load, resilience_demo_load


@demo_loaders.register("70-indicators")
def load(stdout: TextIO) -> None:
    province = Organisation.objects.filter(kind=OrganisationKind.PROVINCIE).order_by("code").first()
    if province is None:
        stdout.write("indicators: no province in the region, no CBS figures loaded\n")
        return
    report = cbs_criminaliteit_load(ctx=command_context(command="load_demo_data"), owner=province)
    stdout.write(f"indicators: {report.stored} CBS values ({report.status})\n")
    areas = cbs_wijken_buurten_load(ctx=command_context(command="load_demo_data"))
    stdout.write(f"indicators: {areas.stored} CBS wijken and buurten with inhabitants ({areas.status})\n")
    scans = resilience_demo_load(ctx=command_context(command="load_demo_data"))
    stdout.write(f"indicators: {scans} fictitious weerbaarheidsscans\n")
