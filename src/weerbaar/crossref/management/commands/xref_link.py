"""`weerbaar xref_link LEFT.ftm.jsonl RIGHT.ftm.jsonl --out PAIRS.csv`: link two FollowTheMoney
files without the database and write `left_id,right_id,score` for every pair the matcher calls
a match (its own threshold), best first. A bad line stops the command naming file, line and reason,
before anything is written."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from weerbaar.crossref.ftm import EntityFileError, read_entities
from weerbaar.crossref.matching.matcher import WeerbaarMatcher


class Command(BaseCommand):
    help = "Koppel twee FollowTheMoney-bestanden (JSON lines) en schrijf de paren als CSV."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("left", type=Path)
        parser.add_argument("right", type=Path)
        parser.add_argument("--out", type=Path, required=True, help="CSV: left_id,right_id,score")

    def handle(self, *args: Any, **options: Any) -> None:
        files = []
        for path in (options["left"], options["right"]):
            if not path.is_file():
                raise CommandError(f"{path}: bestand bestaat niet")
            try:
                files.append(read_entities(path))
            except EntityFileError as exc:
                raise CommandError(str(exc)) from exc
            except UnicodeDecodeError as exc:
                raise CommandError(f"{path.name}: geen UTF-8 ({exc.reason})") from exc
        left, right = files
        matcher = WeerbaarMatcher()
        matches = matcher.link(left.records, right.records)
        out: Path = options["out"]
        temporary = out.with_name(out.name + ".part")
        with temporary.open("w", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            writer.writerow(["left_id", "right_id", "score"])
            for match in matches:
                writer.writerow([match.left_id, match.right_id, f"{match.probability:.6f}"])
        temporary.replace(out)
        skipped = ", ".join(
            f"{n} {schema}" for schema, n in sorted({**left.skipped, **right.skipped}.items())
        )
        self.stdout.write(
            f"{matcher.NAME} {matcher.VERSION}: {len(left.records)} × {len(right.records)} entiteiten, "
            f"{len(matches)} paren → {out}" + (f" (overgeslagen: {skipped})" if skipped else "")
        )
