"""Demo data of Vakantieparken: fictitious, marked as such, idempotent (`make run` loads it once)."""

from typing import TextIO

from weerbaar.core.demo import demo_loaders


@demo_loaders.register("60-parken")
def load(stdout: TextIO) -> None:
    stdout.write("parken: no demo data yet\n")
