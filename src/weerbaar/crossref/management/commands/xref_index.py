"""`weerbaar xref_index ENTITIES.ftm.jsonl --key-file KEY --out INDEX.zip`: the hit / no-hit index
of a dataset, made at the holder's own machine without the platform's database.

The holder exports its data as FollowTheMoney entities (e.g. with followthemoney's own `ftm map`
and a mapping file), takes the dataset's key from its page in the platform, and publishes the
ZIP this writes on that page. The ZIP holds keyed digests and Bloom filters only (`indexfile`).
A bad line stops the command naming file, line and reason, before anything is written."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.crossref import hitindex, indexfile
from weerbaar.crossref.ftm import EntityFileError, read_proxies

_KEY = re.compile(r"^[0-9a-f]{64}$")


def read_key(path: Path) -> str:
    """The key in a key file: the one line that is not a comment."""
    if not path.is_file():
        raise CommandError(f"{path}: sleutelbestand bestaat niet")
    lines = [line.strip() for line in path.read_text(encoding="utf-8").splitlines()]
    keys = [line for line in lines if line and not line.startswith("#")]
    if len(keys) != 1 or not _KEY.match(keys[0]):
        raise CommandError(f"{path.name}: geen sleutel van een trefferindex (64 hexadecimale tekens)")
    return keys[0]


class Command(BaseCommand):
    help = "Maak de trefferindex van een partnerbestand bij de houder (FollowTheMoney JSON lines → ZIP)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("entities", type=Path, nargs="+", help="FollowTheMoney JSON lines")
        parser.add_argument("--key-file", type=Path, required=True, help="de sleutel van het partnerbestand")
        parser.add_argument("--out", type=Path, required=True, help="de trefferindex (ZIP)")

    def handle(self, *args: Any, **options: Any) -> None:
        secret = read_key(Path(options["key_file"]))
        entities = []
        for path in map(Path, options["entities"]):
            if not path.is_file():
                raise CommandError(f"{path}: bestand bestaat niet")
            try:
                entities += [proxy.to_dict() for proxy in read_proxies(path)]
            except EntityFileError as exc:
                raise CommandError(str(exc)) from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path.name}: geen UTF-8 ({exc.reason})") from exc
        content = hitindex.build(entities, secret)
        out = Path(options["out"])
        temporary = out.with_name(out.name + ".part")
        with temporary.open("wb") as handle:
            meta = indexfile.write(content, handle)
        temporary.replace(out)
        counts = ", ".join(f"{kind} {n}" for kind, n in meta["aantallen"].items())
        self.stdout.write(f"{len(entities)} entiteiten → {out} ({counts}); geen waarde in het bestand")
