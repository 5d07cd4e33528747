"""`weerbaar parken_refresh`: take every park's counts anew from the registers and the signals
(companies at its addresses, signals in two years) and recompute all scores. Run it after a
register import (`import_registers` has no hook to call it) and after the indicator set changed."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from weerbaar.parken.services import parks_refresh
from weerbaar.privacy.context import command_context


class Command(BaseCommand):
    help = "Vernieuwt de invoer van de aandachtsscore van alle vakantieparken en herberekent de scores."

    def handle(self, *args: Any, **options: Any) -> None:
        refreshed = parks_refresh(ctx=command_context(command="parken_refresh"))
        self.stdout.write(
            f"parken: invoer van {refreshed.parks} parken vernieuwd; {refreshed.scored} met een score "
            f"(indicatorenset {refreshed.version})\n"
        )
