"""The shipped checklist rules (`starter/rules.yaml`): the checklist works before anyone has
published a version, and the demo publishes them as version 1."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

RULES = Path(__file__).resolve().parent / "starter" / "rules.yaml"


def starter_rules(path: Path = RULES) -> dict[str, Any]:
    content: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    return content
