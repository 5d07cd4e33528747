"""A fictitious Overijssel in the real base-register formats (BAG, BRK, KvK, persons, areas)."""

from .generator import generate

__all__ = ["generate"]
