"""Quarters of the DVO's quarterly report: which quarter a date closes, its first and last day and
its name. A quarter is written `2026-3` in URLs and job payloads."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

_CODE = re.compile(r"^(\d{4})-([1-4])$")


@dataclass(frozen=True, order=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @classmethod
    def parse(cls, code: str) -> Quarter:
        """`2026-3` as the third quarter of 2026; ValueError for anything else."""
        match = _CODE.match(code.strip())
        if not match:
            raise ValueError(f"{code!r} is geen kwartaal (2026-3)")
        return cls(int(match.group(1)), int(match.group(2)))

    @classmethod
    def last_finished(cls, today: dt.date) -> Quarter:
        """The latest quarter that ended before `today`."""
        number = (today.month - 1) // 3  # the quarters before the running one in this year
        return cls(today.year - 1, 4) if number == 0 else cls(today.year, number)

    @property
    def code(self) -> str:
        return f"{self.year}-{self.number}"

    @property
    def start(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def end(self) -> dt.date:
        following = (
            dt.date(self.year + 1, 1, 1) if self.number == 4 else dt.date(self.year, 3 * self.number + 1, 1)
        )
        return following - dt.timedelta(days=1)

    @property
    def label(self) -> str:
        """In the active language: "3e kwartaal 2026", "3. Quartal 2026", "Q3 2026"."""
        return _("%(number)se kwartaal %(year)s") % {"number": self.number, "year": self.year}
