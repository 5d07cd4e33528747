"""The import contracts of `make lint` (pyproject.toml, `lint-imports`) catch what they promise:
a foundation app importing a capability, a capability reaching into another one's internals, and
an import cycle between modules."""

import copy
import tomllib
from pathlib import Path

import grimp
import pytest
from importlinter.configuration import configure
from importlinter.contracts.acyclic_siblings import AcyclicSiblingsContract
from importlinter.contracts.layers import LayersContract

from tools.import_contracts import PublicSurfaceContract

ROOT = Path(__file__).resolve().parents[1]
TYPES = {
    "layers": LayersContract,
    "acyclic_siblings": AcyclicSiblingsContract,
    "public_surface": PublicSurfaceContract,
}


@pytest.fixture(scope="module")
def contracts():
    """The contracts exactly as pyproject.toml configures them for lint-imports."""
    configure()  # import-linter's own settings (timer, file system), as lint-imports sets them
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["importlinter"]
    session = {k: v for k, v in config.items() if k != "contracts"}
    return {
        c["type"]: TYPES[c["type"]](
            c["name"], session, {k: v for k, v in c.items() if k not in {"name", "type"}}
        )
        for c in config["contracts"]
    }


@pytest.fixture(scope="module")
def graph():
    return grimp.build_graph("weerbaar", exclude_type_checking_imports=True)


def _with(graph, importer: str, imported: str):
    changed = copy.deepcopy(graph)
    changed.add_import(importer=importer, imported=imported, line_number=1, line_contents="import x")
    return changed


def test_the_layers_hold_and_fail_when_core_imports_a_capability(contracts, graph):
    layers = contracts["layers"]
    assert layers.check(graph, verbose=False).kept
    broken = layers.check(_with(graph, "weerbaar.core.access", "weerbaar.signals.models"), verbose=False)
    assert not broken.kept


def test_reaching_into_another_capabilitys_models_is_a_breach(contracts, graph):
    check = contracts["public_surface"].check(
        _with(graph, "weerbaar.geo.area", "weerbaar.signals.models"), verbose=False
    )
    breaches = {(b.importer, b.imported) for b in check.metadata["breaches"]}
    assert not check.kept and ("weerbaar.geo.area", "weerbaar.signals.models") in breaches
    through_selectors = contracts["public_surface"].check(
        _with(graph, "weerbaar.geo.area", "weerbaar.signals.selectors"), verbose=False
    )
    assert ("weerbaar.geo.area", "weerbaar.signals.selectors") not in {
        (b.importer, b.imported) for b in through_selectors.metadata["breaches"]
    }


def test_an_import_cycle_between_modules_is_caught(contracts, graph):
    acyclic = contracts["acyclic_siblings"]
    before = acyclic.check(graph, verbose=False).metadata["cycle_breakers_by_package"]
    assert "weerbaar.registers" not in before
    after = acyclic.check(
        _with(graph, "weerbaar.registers.lookup", "weerbaar.registers.selectors"), verbose=False
    )
    assert not after.kept and "weerbaar.registers" in after.metadata["cycle_breakers_by_package"]
