"""How the FG finds a person in the log by name: the apps that hold persons register a finder
(name, date of birth -> the ids their audit entries name as data subject). The audit app sits
below the capability apps and cannot ask the registers itself; a finder is the registers' own
audited selector, so the FG's look-up of a name is itself in the log."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from weerbaar.core.context import ProcessingContext
from weerbaar.core.registry import Registry


@dataclass(frozen=True)
class FoundSubject:
    """One data subject a name may be: the id in the log, and how to show it to the FG."""

    subject_id: str
    label: str


Finder = Callable[..., list[FoundSubject]]

#: name -> finder(*, ctx, naam, geboortedatum) of the app that holds persons
subject_finders: Registry[Finder] = Registry("subject finder")


def find_subjects(
    *, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None
) -> list[FoundSubject]:
    """Every data subject the registered finders say `naam` may be (each finder logs its look-up)."""
    found: list[FoundSubject] = []
    for _name, finder in subject_finders.items():
        found += finder(ctx=ctx, naam=naam, geboortedatum=geboortedatum)
    return found
