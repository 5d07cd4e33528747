"""Writes of the indicators app: definitions, the shipped CBS figures, imports, computed figures,
weerbaarheidsscans."""

from .computing import platform_indicators_compute
from .importer import ValuesReport, cbs_criminaliteit_load, indicator_values_import
from .publishing import PUBLISH_JOB, published_figures_due, published_figures_make
from .quarterly import QUARTERLY_JOB, quarterly_reports_due, quarterly_reports_make
from .resilience import resilience_demo_load, resilience_scans_import
from .wijken import cbs_wijken_buurten_load

__all__ = [
    "PUBLISH_JOB",
    "QUARTERLY_JOB",
    "ValuesReport",
    "cbs_criminaliteit_load",
    "cbs_wijken_buurten_load",
    "indicator_values_import",
    "platform_indicators_compute",
    "published_figures_due",
    "published_figures_make",
    "quarterly_reports_due",
    "quarterly_reports_make",
    "resilience_demo_load",
    "resilience_scans_import",
]
