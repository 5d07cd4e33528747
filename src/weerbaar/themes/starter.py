"""The starter vocabularies every capability's starter content refers to by code: organisations
the region does not define yet, the agenda's themes with sub-topics, and legal bases.

`vocabularies_read` reads the file (and writes nothing); `vocabularies_store` adds what is
missing, idempotently: themes are updated in place by code, organisations and legal bases are
only ever added, never overwritten (the region and the processing register own them).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction

from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis

from .models import Theme

VOCABULARIES = Path(__file__).resolve().parent / "starter" / "vocabularies.yaml"


class VocabularyError(ValueError):
    """The vocabularies file cannot be read; the message names the file."""


def vocabularies_read(path: Path = VOCABULARIES) -> dict[str, Any]:
    try:
        vocab = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise VocabularyError(f"{path.name}: cannot read ({exc})") from exc
    for section in ("organisations", "themes", "legal_bases"):
        if not isinstance(vocab.get(section), list):
            raise VocabularyError(f"{path.name}: {section!r} must be a list")
    return vocab


def theme_codes(vocab: dict[str, Any]) -> set[str]:
    return {t["code"] for t in vocab["themes"]} | {s["code"] for t in vocab["themes"] for s in t["subtopics"]}


@transaction.atomic
def vocabularies_store(vocab: dict[str, Any]) -> None:
    for row in vocab["organisations"]:
        Organisation.objects.get_or_create(
            code=row["code"],
            defaults={
                "name": row["name"]["nl"],
                "kind": row["kind"],
                "country": "DE" if row["code"].startswith("DE-") else "NL",
            },
        )
    for order, theme in enumerate(vocab["themes"]):
        parent, _ = Theme.objects.update_or_create(
            code=theme["code"],
            defaults={
                "parent": None,
                "order": order * 100,
                **{f"name_{k}": v for k, v in theme["name"].items()},
            },
        )
        for sub_order, sub in enumerate(theme["subtopics"], start=1):
            Theme.objects.update_or_create(
                code=sub["code"],
                defaults={
                    "parent": parent,
                    "order": order * 100 + sub_order,
                    **{f"name_{k}": v for k, v in sub["name"].items()},
                },
            )
    for row in vocab["legal_bases"]:
        LegalBasis.objects.get_or_create(
            code=row["code"],
            defaults={"title": row["name"]["nl"][:200], "article": row["name"]["nl"][:200]},
        )


def vocabularies_load(path: Path = VOCABULARIES) -> dict[str, Any]:
    vocab = vocabularies_read(path)
    vocabularies_store(vocab)
    return vocab


@lru_cache(maxsize=1)
def legal_basis_names() -> dict[str, dict[str, str]]:
    """Legal-basis code -> its name per language, as the starter vocabularies give them."""
    return {row["code"]: row["name"] for row in vocabularies_read()["legal_bases"]}
