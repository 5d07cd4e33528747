"""Errors in the API's own words: a service validates model fields (`kind`, `legal_basis`), the
caller sent API fields (`soort`, `grondslag`); invalidParams must name what the caller sent."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager

from django.core.exceptions import ValidationError


@contextmanager
def api_field_names(names: Mapping[str, str]) -> Iterator[None]:
    """Re-raise a field-wise ValidationError with the model's field names replaced by the API's.

    A name the mapping does not know is kept: better a model name than a lost error. Errors
    without fields (`ValidationError("...")`) pass unchanged."""
    try:
        yield
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise
        renamed: dict[str, list[ValidationError]] = {}
        for name, errors in exc.error_dict.items():
            renamed.setdefault(names.get(name, name), []).extend(errors)
        raise ValidationError(renamed) from exc
