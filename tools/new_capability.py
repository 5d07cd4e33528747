"""Start a capability app from the template: `python -m tools.new_capability NAME --label ...`.

Writes `src/weerbaar/<NAME>/` (models on the access-controlled base, policies, selectors with the
audited-read pattern, services, thin views and API, URLs, access matrix, demo loader, templates,
locale folders, a first test) and wires it in: INSTALLED_APPS, the root URLs and the capability
layer of the import contracts. What is left is in docs/development.md ("A new capability app").
"""

from __future__ import annotations

import argparse
import re
import string
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = Path(__file__).with_name("capability_template")


@dataclass(frozen=True)
class Names:
    app: str
    label: str
    model: str
    model_label: str
    model_label_plural: str
    url: str
    order: int

    def mapping(self) -> dict[str, str]:
        camel = "".join(part.capitalize() for part in self.model.split("_"))
        return {
            "app": self.app,
            "Class": "".join(part.capitalize() for part in self.app.split("_")),
            "label": self.label,
            "model": self.model,
            "Model": camel,
            "model_label": self.model_label,
            "model_label_plural": self.model_label_plural,
            "url": self.url,
            "order": str(self.order),
        }


def render(names: Names, target: Path) -> list[Path]:
    """Write the app's files below `target` (src/weerbaar/<app>); refuses to overwrite."""
    if target.exists():
        raise SystemExit(f"{target} exists already")
    written = []
    values = names.mapping()
    for source in sorted(TEMPLATE.rglob("*.tmpl")):
        relative = source.relative_to(TEMPLATE).with_suffix("")
        if relative.parts[0] == "templates":
            relative = Path("templates", names.app, *relative.parts[1:])
        path = target / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(string.Template(source.read_text()).substitute(values), encoding="utf-8")
        written.append(path)
    for folder in ("migrations",):
        (target / folder).mkdir(exist_ok=True)
        (target / folder / "__init__.py").write_text("")
    for language in ("nl", "de", "en"):
        (target / "locale" / language / "LC_MESSAGES").mkdir(parents=True, exist_ok=True)
    return written


def wire_settings(text: str, app: str) -> str:
    """INSTALLED_APPS gets the app before the portal (which sits on top of every capability)."""
    entry = f'    "weerbaar.{app}",\n'
    if entry in text:
        return text
    return text.replace('    "weerbaar.portal",\n', entry + '    "weerbaar.portal",\n', 1)


def wire_urls(text: str, app: str) -> str:
    entry = f'    path("", include("weerbaar.{app}.urls")),\n'
    if entry in text:
        return text
    return text.replace('    path("api/v1/", api.urls),\n', entry + '    path("api/v1/", api.urls),\n', 1)


def wire_contracts(text: str, app: str) -> str:
    """The app joins the capability layer and the public-surface contract's apps."""
    module = f"weerbaar.{app}"
    if f'"{module}"' in text or f" {module} " in text:
        return text
    text = re.sub(r'("weerbaar\.signals : )', rf"\1{module} : ", text, count=1)
    return text.replace(
        'apps = [\n  "weerbaar.signals",\n', f'apps = [\n  "weerbaar.signals",\n  "{module}",\n', 1
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("app", help="the app's package name, e.g. vakantieparken")
    parser.add_argument("--label", required=True, help="Dutch name in the navigation, e.g. Vakantieparken")
    parser.add_argument("--model", required=True, help="first model, snake_case, e.g. vakantiepark")
    parser.add_argument("--model-label", required=True, help="e.g. vakantiepark")
    parser.add_argument("--model-label-plural", required=True, help="e.g. vakantieparken")
    parser.add_argument("--url", help="URL segment (kebab-case, Dutch), default: the app name")
    parser.add_argument("--order", type=int, default=60, help="place in the navigation")
    parser.add_argument("--root", type=Path, default=ROOT, help="the repository (for tests: a copy)")
    parser.add_argument("--no-wiring", action="store_true", help="only write the app's files")
    args = parser.parse_args(argv)
    if not re.fullmatch(r"[a-z][a-z_]*", args.app):
        raise SystemExit("the app name is a lower-case Python identifier")
    names = Names(
        args.app,
        args.label,
        args.model,
        args.model_label,
        args.model_label_plural,
        args.url or args.app.replace("_", "-"),
        args.order,
    )
    written = render(names, args.root / "src" / "weerbaar" / args.app)
    if not args.no_wiring:
        for relative, wire in (
            ("src/weerbaar/settings/base.py", wire_settings),
            ("src/weerbaar/urls.py", wire_urls),
            ("pyproject.toml", wire_contracts),
        ):
            path = args.root / relative
            path.write_text(wire(path.read_text(encoding="utf-8"), args.app), encoding="utf-8")
    print(
        f"{len(written)} files in src/weerbaar/{args.app}. Next (docs/development.md, 'A new capability app'):"
    )
    print(f"  .venv/bin/weerbaar makemigrations {args.app} && make messages && make lint && make test")


if __name__ == "__main__":
    main()
