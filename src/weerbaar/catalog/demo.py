"""The starter catalog is part of the demo: `make run` loads it through `load_demo_data`."""

from weerbaar.core.demo import demo_loaders


@demo_loaders.register("50-catalog")
def _load(stdout) -> None:
    from .starter import load_starter

    counts = load_starter()
    stdout.write(
        "factsheets: {created} new, {refreshed} refreshed, {unchanged} unchanged, {kept} kept\n".format(
            **counts
        )
    )
