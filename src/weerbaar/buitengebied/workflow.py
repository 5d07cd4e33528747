"""The status of a dumping as a table of allowed transitions (what the tests walk exhaustively).

gemeld → opgeruimd → vergoeding aangevraagd → vergoed | afgewezen. A reimbursement is asked only
for a clean-up a landowner paid for (the province reimburses landowners), and granted only with
an amount.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DumpingStatus(models.TextChoices):
    GEMELD = "gemeld", _("gemeld")
    OPGERUIMD = "opgeruimd", _("opgeruimd")
    VERGOEDING_AANGEVRAAGD = "vergoeding_aangevraagd", _("vergoeding aangevraagd")
    VERGOED = "vergoed", _("vergoed")
    AFGEWEZEN = "afgewezen", _("afgewezen")


TRANSITIONS: dict[str, frozenset[str]] = {
    DumpingStatus.GEMELD: frozenset({DumpingStatus.OPGERUIMD}),
    DumpingStatus.OPGERUIMD: frozenset({DumpingStatus.VERGOEDING_AANGEVRAAGD}),
    DumpingStatus.VERGOEDING_AANGEVRAAGD: frozenset({DumpingStatus.VERGOED, DumpingStatus.AFGEWEZEN}),
    DumpingStatus.VERGOED: frozenset(),
    DumpingStatus.AFGEWEZEN: frozenset(),
}
#: transitions only the province decides (it pays the reimbursement)
PROVINCE_DECIDES = frozenset({DumpingStatus.VERGOED, DumpingStatus.AFGEWEZEN})


def allowed(current: str, target: str) -> bool:
    return target in TRANSITIONS.get(current, frozenset())
