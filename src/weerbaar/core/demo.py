"""Demo data loaders: each app registers one; `weerbaar load_demo_data` runs them in order.

A loader is a callable taking `stdout` (a writable) and must be idempotent: `make run` calls it
once, but running it again must not duplicate anything.
"""

from collections.abc import Callable
from typing import TextIO

from .registry import Registry

DemoLoader = Callable[[TextIO], None]

#: name -> loader; names sort the order, so use a numeric prefix ("10-accounts", "50-catalog")
demo_loaders: Registry[DemoLoader] = Registry("demo loader")
