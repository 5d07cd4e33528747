"""Database differences are capability flags (`connection.features.<flag>`), never `.vendor` branches.

Only the backends in weerbaar/core/db/ know which database they are; everything else, tests and
migrations included, asks for the capability it needs (see docs/development.md).
"""

import ast
from pathlib import Path

from django.conf import settings

BASE = Path(settings.BASE_DIR)
SRC = Path(settings.SRC_DIR)
BACKENDS = SRC / "core" / "db"
#: files still reading `.vendor` (none since the benchmarks left the package for benchmarks/); an
#: entry whose file is gone or clean fails the test below, so this list only shrinks
NOT_YET_MOVED: set[str] = set()


def vendor_reads(source: str, filename: str = "<string>") -> list[int]:
    """Lines of `source` that read a connection's vendor: `x.vendor`, `getattr(x, "vendor")`."""
    return sorted(node.lineno for node in ast.walk(ast.parse(source, filename)) if _reads_vendor(node))


def _reads_vendor(node: ast.AST) -> bool:
    if isinstance(node, ast.Attribute):
        return node.attr == "vendor"
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Name)
        and node.func.id in {"getattr", "hasattr"}
        and len(node.args) >= 2
        and isinstance(node.args[1], ast.Constant)
        and node.args[1].value == "vendor"
    )


def _python_files() -> list[Path]:
    files = [*SRC.rglob("*.py"), *(BASE / "tests").rglob("*.py"), BASE / "conftest.py"]
    return sorted(p for p in files if BACKENDS not in p.parents)


def test_the_scanner_finds_a_vendor_branch_and_nothing_else():
    snippet = """
from django.db import connection, connections

if connection.vendor == "postgresql":
    pass
engine = getattr(connections["audit"], "vendor", None)
skip = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SpatiaLite")
script = "static/vendor/ol/dist/ol.js"  # a path, not a connection
vendor = "sqlite"  # a name, not an attribute
if connection.features.spatial_index_is_rtree:
    pass
"""
    assert vendor_reads(snippet) == [4, 6, 8]


def test_no_vendor_branch_outside_the_backends():
    found = []
    for path in _python_files():
        relative = path.relative_to(SRC).as_posix() if SRC in path.parents else None
        if relative in NOT_YET_MOVED:
            continue
        found += [f"{path.relative_to(BASE)}:{line}" for line in vendor_reads(path.read_text(), str(path))]
    assert not found, (
        "database differences are capability flags: use connection.features.<flag> "
        "(weerbaar/core/db/features.py) or @pytest.mark.needs_db_feature instead of .vendor at\n"
        + "\n".join(found)
    )


def test_the_list_of_files_not_yet_moved_only_shrinks():
    for relative in sorted(NOT_YET_MOVED):
        path = SRC / relative
        assert path.exists(), f"{relative} is gone: remove it from NOT_YET_MOVED"
        assert vendor_reads(path.read_text(), str(path)), f"{relative} is clean: remove it from NOT_YET_MOVED"
