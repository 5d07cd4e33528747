"""The starter rules are part of the demo (after the catalog and its contact entries)."""

from weerbaar.core.demo import demo_loaders
from weerbaar.privacy.context import command_context

from .services import ruleset_load_starter
from .starter import starter_rules


@demo_loaders.register("55-checklist")
def _load(stdout) -> None:
    created = ruleset_load_starter(ctx=command_context(command="load_demo_data"), content=starter_rules())
    stdout.write(f"checklist rules: {'published as version 1' if created else 'already there'}\n")
