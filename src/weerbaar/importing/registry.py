"""A registry of importer plugins, one per app: `importers = ImporterRegistry("registers")`,
`@importers.register("bag-pand") class PandImporter(...)`."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from weerbaar.core.registry import Registry

from .plugins import Importer

ImporterClass = TypeVar("ImporterClass", bound=type[Importer])


class ImporterRegistry(Registry[type[Importer]]):
    """Importer classes by name; registering sets the class's `name`."""

    def __init__(self, app: str) -> None:
        super().__init__(f"{app} importer")

    def register(self, name: str) -> Callable[[ImporterClass], ImporterClass]:
        def decorator(importer_class: ImporterClass) -> ImporterClass:
            importer_class.name = name
            super(ImporterRegistry, self).register(name)(importer_class)
            return importer_class

        return decorator

    def recognise(self, path: Path, order: Iterable[str] | None = None) -> Importer | None:
        """An instance of the first importer (in `order`, else by name) that reads the file."""
        for name in order if order is not None else list(self):
            importer = self[name]()
            if importer.matches(path):
                return importer
        return None

    def choices(self) -> list[tuple[str, str]]:
        """(name, "name — label") for a form's select."""
        return [(name, f"{name} — {cls.label}" if cls.label else name) for name, cls in self.items()]
