"""`weerbaar generate_registers --scale S --seed N --out DIR`: a fictitious Overijssel in real formats."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandParser
from tqdm import tqdm

from weerbaar.registers.synthetic import generate


class Command(BaseCommand):
    help = "Genereer synthetische (fictieve) basisregistraties in de echte bestandsformaten."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=0.01, help="1 = de hele provincie (600k adressen)")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args, scale: float, seed: int, out: Path, **options) -> None:
        with tqdm(total=0, unit="pc4", desc="genereren", disable=options["verbosity"] == 0) as bar:

            def progress(stage: str, done: int, total: int) -> None:
                bar.total = total
                bar.update(done - bar.n)

            metadata = generate(scale, seed, out, progress=progress)
        for name, count in sorted(metadata["counts"].items()):
            self.stdout.write(f"{name:32} {count:>10}")
        self.stdout.write(self.style.SUCCESS(f"fictieve registers geschreven naar {out}"))
