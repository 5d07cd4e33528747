"""Writes of the indicators app: definitions, the shipped CBS figures, imports, computed figures."""

from .computing import platform_indicators_compute
from .importer import ValuesReport, cbs_criminaliteit_load, indicator_values_import

__all__ = ["ValuesReport", "cbs_criminaliteit_load", "indicator_values_import", "platform_indicators_compute"]
