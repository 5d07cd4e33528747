"""The shipped importers; importing this package registers them."""

from . import bag, brk, kvk, personen  # noqa: F401
