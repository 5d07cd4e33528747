"""Import-linter contract types of the project (configured in pyproject.toml, run by `make lint`).

`public_surface`: a capability app uses another capability app only through that app's public
modules (its `selectors` and `services`, plus what the contract names per app), never through its
models, views or helpers. Imports only for type checking are left out by the session option
`exclude_type_checking_imports`.
"""

from __future__ import annotations

from dataclasses import dataclass

from grimp import ImportGraph
from importlinter import Contract, ContractCheck, fields, output


@dataclass(frozen=True)
class Breach:
    importer: str
    imported: str
    line: int


class PublicSurfaceContract(Contract):
    """Configuration: `apps` (top-level packages of capability apps), `public` (module names every
    app exposes, e.g. selectors, services) and `extra_public` ("app.module" entries one app adds)."""

    type_name = "public_surface"

    apps = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField())
    extra_public = fields.ListField(subfield=fields.StringField(), required=False)

    def _public_modules(self) -> set[str]:
        allowed = {f"{app}.{name}" for app in self.apps for name in self.public}  # type: ignore[attr-defined]
        return allowed | set(self.extra_public or [])  # type: ignore[attr-defined]

    def check(self, graph: ImportGraph, verbose: bool) -> ContractCheck:
        apps: list[str] = list(self.apps)  # type: ignore[attr-defined]
        public = self._public_modules()
        breaches: list[Breach] = []
        for app in apps:
            for importer in sorted(graph.find_descendants(app) | {app}):
                if ".tests" in importer or importer.endswith(".testing"):
                    continue  # tests and test helpers arrange data through any app
                for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                    owner = next((a for a in apps if imported == a or imported.startswith(f"{a}.")), None)
                    if owner is None or owner == app:
                        continue
                    if any(imported == p or imported.startswith(f"{p}.") for p in public):
                        continue
                    details = graph.get_import_details(importer=importer, imported=imported)
                    breaches.append(Breach(importer, imported, details[0]["line_number"] if details else 0))
        return ContractCheck(kept=not breaches, metadata={"breaches": breaches})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for breach in check.metadata["breaches"]:
            output.print_error(f"{breach.importer} -> {breach.imported} (l. {breach.line})", bold=False)
        output.new_line()
        output.print("Use the other app's selectors or services (or move what both need down a layer).")
