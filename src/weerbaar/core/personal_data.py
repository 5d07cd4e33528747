"""Which tables hold personal data, and whether the code running now may touch them.

A model declares itself with `@personal_data` (its app knows what it stores). Code may query such
a table only inside a processing scope: an audited read or write (`weerbaar.audit.recording`),
or the platform's own processing (imports, retention, demo data: `platform_processing`). The test
suite turns this into a hard rule (`weerbaar.core.guard`): a query on a personal-data table
outside a scope fails the test.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

from django.db import models

M = TypeVar("M", bound=type[models.Model])

_MODELS: list[type[models.Model]] = []
_scope: ContextVar[str] = ContextVar("weerbaar_processing_scope", default="")


def personal_data(model: M) -> M:
    """Class decorator: the model's table holds personal data."""
    if model not in _MODELS:
        _MODELS.append(model)
    return model


def personal_data_models() -> list[type[models.Model]]:
    return list(_MODELS)


def personal_data_tables() -> frozenset[str]:
    return frozenset(m._meta.db_table for m in _MODELS)


def current_scope() -> str:
    """What the running code is doing with personal data ('' outside any scope)."""
    return _scope.get()


@contextmanager
def processing_scope(name: str) -> Iterator[None]:
    """Mark the code inside as processing personal data for `name` (e.g. 'read registers.persoon')."""
    token = _scope.set(name)
    try:
        yield
    finally:
        _scope.reset(token)


@contextmanager
def platform_processing(reason: str) -> Iterator[None]:
    """The platform's own processing (an import, a retention run, demo data). Its services write
    their own audit entries (what was imported, what was removed); this only opens the scope."""
    with processing_scope(f"platform: {reason}"):
        yield
