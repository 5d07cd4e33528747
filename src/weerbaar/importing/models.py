"""The fields an app's table of import runs starts from (abstract: this package has no tables)."""

from __future__ import annotations

from typing import Any

from django.db import models

from .problems import MAX_PROBLEMS, Report


class ImportRunFields(models.Model):
    """The fields of an app's table of import runs: one file offered to one importer.

    The app adds its `status` (with the values of RunStatus it uses) and its counts.
    """

    importer = models.CharField(max_length=40)
    bestand = models.CharField(max_length=500)
    sha256 = models.CharField(max_length=64, blank=True)
    actor = models.CharField(max_length=150, blank=True)
    gestart = models.DateTimeField(auto_now_add=True)
    beeindigd = models.DateTimeField(null=True, blank=True)
    rijen = models.PositiveIntegerField(default=0)
    #: [{"row": 12, "field": "postcode", "message": "..."}]
    fouten = models.JSONField(default=list, blank=True)

    class Meta:
        abstract = True

    #: problems kept on a run; beyond these one line says how many more there were
    MAX_REPORTED = MAX_PROBLEMS

    def report(self, problems: list[dict[str, Any]], *, field: str = "") -> None:
        """Add problems ({"row", "field", "message"}) to the report, at most MAX_REPORTED of them."""
        self.fouten = [*self.fouten, *problems[: self.MAX_REPORTED]]
        if len(problems) > self.MAX_REPORTED:
            more = len(problems) - self.MAX_REPORTED
            self.fouten.append({"row": 0, "field": field, "message": f"en nog {more} fouten"})

    def record(self, report: Report) -> None:
        """Rows and problems of a framework report on this run."""
        self.rijen = report.rows
        self.fouten = [*self.fouten, *report.as_list()]
