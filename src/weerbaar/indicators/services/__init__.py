"""Writes of the indicators app: definitions, the shipped CBS figures, imports, computed figures,
weerbaarheidsscans."""

from .computing import platform_indicators_compute
from .importer import ValuesReport, cbs_criminaliteit_load, indicator_values_import
from .resilience import resilience_demo_load, resilience_scans_import

__all__ = [
    "ValuesReport",
    "cbs_criminaliteit_load",
    "indicator_values_import",
    "platform_indicators_compute",
    "resilience_demo_load",
    "resilience_scans_import",
]
