"""The capability template makes an app that follows the platform's rules from its first line:
it lints, it is wired into settings, URLs and the import contracts, and its selectors and
services take the processing context."""

import shutil
import subprocess
import sys
from pathlib import Path

from tools.new_capability import main, wire_contracts, wire_settings, wire_urls

ROOT = Path(__file__).resolve().parents[1]


def _copy_of_the_repository(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    for relative in ("src/weerbaar/settings/base.py", "src/weerbaar/urls.py", "pyproject.toml"):
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(ROOT / relative, root / relative)
    return root


def test_the_generated_app_is_wired_in_and_lints(tmp_path):
    root = _copy_of_the_repository(tmp_path)
    main(
        [
            "vakantieparken",
            "--label=Vakantieparken",
            "--model=vakantiepark",
            "--model-label=vakantiepark",
            "--model-label-plural=vakantieparken",
            f"--root={root}",
        ]
    )
    app = root / "src" / "weerbaar" / "vakantieparken"
    assert {p.name for p in app.iterdir()} >= {
        "apps.py",
        "models.py",
        "policies.py",
        "selectors.py",
        "services.py",
        "views.py",
        "api.py",
        "urls.py",
        "access_matrix.py",
        "demo.py",
        "templates",
        "tests",
        "locale",
        "migrations",
    }
    assert "def vakantiepark_create(*, ctx: ProcessingContext" in (app / "services.py").read_text()
    assert (
        '"weerbaar.vakantieparken",\n    "weerbaar.portal"'
        in (root / "src/weerbaar/settings/base.py").read_text()
    )
    assert 'include("weerbaar.vakantieparken.urls")' in (root / "src/weerbaar/urls.py").read_text()
    contracts = (root / "pyproject.toml").read_text()
    assert (
        '"weerbaar.signals : weerbaar.vakantieparken : ' in contracts
        and '  "weerbaar.vakantieparken",\n' in contracts
    )
    ruff = subprocess.run(
        [
            str(Path(sys.executable).with_name("ruff")),
            "check",
            "--isolated",
            "--select=E,F,W,I,B",
            "--line-length=130",
            str(app),
        ],
        capture_output=True,
        text=True,
    )
    assert ruff.returncode == 0, ruff.stdout
    for source in app.rglob("*.py"):
        compile(source.read_text(), str(source), "exec")


def test_wiring_is_idempotent():
    settings = '    "weerbaar.signals",\n    "weerbaar.portal",\n'
    once = wire_settings(settings, "parken")
    assert wire_settings(once, "parken") == once and once.count("parken") == 1
    urls = '    path("api/v1/", api.urls),\n'
    assert wire_urls(wire_urls(urls, "parken"), "parken").count("parken") == 1
    contracts = '  "weerbaar.signals : weerbaar.geo",\napps = [\n  "weerbaar.signals",\n'
    assert wire_contracts(wire_contracts(contracts, "parken"), "parken").count("weerbaar.parken") == 2
