"""The demo (`make run`) loads a small fictitious Overijssel through the real import path."""

import os

from weerbaar.core.demo import demo_loaders

#: 0.005 is about 3,000 addresses and 6,000 persons: a few seconds; override for a bigger demo
DEMO_SCALE = float(os.environ.get("WEERBAAR_DEMO_REGISTERS_SCALE", "0.005"))


@demo_loaders.register("40-registers")
def _load(stdout) -> None:
    from django.conf import settings

    from .services import register_import_directory
    from .synthetic import generate

    target = settings.VAR_DIR / "registers" / f"demo-{DEMO_SCALE}"
    if not (target / "metadata.json").exists():
        generate(DEMO_SCALE, 1, target)
    runs = register_import_directory(actor=None, directory=target)
    for run in runs:
        stdout.write(f"registers {run.importer}: {run.status}, {run.nieuw} new, {run.gewijzigd} changed\n")
