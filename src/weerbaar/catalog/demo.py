"""The starter catalog is part of the demo: `make run` loads it through `load_demo_data`."""

from weerbaar.core.demo import demo_loaders
from weerbaar.privacy.context import command_context

from .starter import load_starter


@demo_loaders.register("50-catalog")
def _load(stdout) -> None:
    counts = load_starter(ctx=command_context(command="load_demo_data"))
    stdout.write(
        "factsheets: {created} new, {refreshed} refreshed, {unchanged} unchanged, {kept} kept\n".format(
            **counts
        )
    )
