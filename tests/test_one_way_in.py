"""Only the reading layer writes audit entries: selectors and services (through
`weerbaar.audit.recording`), the audit app itself, and nothing else — not views, API functions,
OGC handlers, exports or commands."""

import ast
import re
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src" / "weerbaar"
AUDIT_WRITERS = {"weerbaar.audit.services", "weerbaar.audit.recording"}
#: modules that are the reading layer: an app's selectors and services (modules or packages)
READING_LAYER = re.compile(r"^(audit/.*|[a-z_]+/(selectors|services)(\.py|/.*))$")

#: modules that still write audit entries themselves; each app's move to the reading layer
#: removes its lines, and the list only ever shrinks
NOT_YET_MOVED: set[str] = set()


def audit_writers_outside_the_reading_layer(files: dict[str, str]) -> list[str]:
    """`relative path -> source`: the paths that import the audit writer but are not reading layer."""
    found = []
    for path, source in files.items():
        if "/tests/" in f"/{path}" or "/migrations/" in path or READING_LAYER.match(path):
            continue
        for node in ast.walk(ast.parse(source)):
            names: list[str] = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
                # a private audit helper of another module's services or selectors is a way round too
                if node.module.rsplit(".", 1)[-1] in {"services", "selectors"} and any(
                    alias.name.startswith("_") for alias in node.names
                ):
                    names.append("weerbaar.audit.services")
            if AUDIT_WRITERS & set(names):
                found.append(path)
                break
    return sorted(found)


def _sources() -> dict[str, str]:
    return {str(p.relative_to(SRC)): p.read_text(encoding="utf-8") for p in SRC.rglob("*.py")}


def test_only_the_reading_layer_writes_audit_entries():
    offenders = set(audit_writers_outside_the_reading_layer(_sources()))
    assert offenders <= NOT_YET_MOVED, (
        f"write audit entries in a selector or service: {offenders - NOT_YET_MOVED}"
    )


def test_the_list_of_modules_not_yet_moved_only_shrinks():
    """A module that moved to the reading layer comes off the list (so it cannot slip back)."""
    offenders = set(audit_writers_outside_the_reading_layer(_sources()))
    assert offenders >= NOT_YET_MOVED, f"remove from NOT_YET_MOVED: {NOT_YET_MOVED - offenders}"


def test_the_check_catches_a_view_that_writes_an_audit_entry():
    wrong = {
        "geo/views.py": "from weerbaar.audit.services import audit_log\n",
        "signals/export.py": "from weerbaar.audit import recording\n",
        "signals/selectors.py": "from weerbaar.audit.recording import audited\n",
        "catalog/services/importing.py": "from weerbaar.audit.services import audit_log\n",
        "signals/enrichment.py": "from .services import _audit, timeline_add\n",
    }
    assert audit_writers_outside_the_reading_layer(wrong) == [
        "geo/views.py",
        "signals/enrichment.py",
        "signals/export.py",
    ]
