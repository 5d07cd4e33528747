"""Demo: a municipality's list of permanent residents at a holiday park, generated and fictitious.

Names, dates and addresses are drawn from small made-up lists with a fixed seed; the list is
written in the messy way such exports come (voorvoegsels trailing, day-first dates, "12 a"),
with two bad rows so the version's row report shows what a refusal looks like.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from weerbaar.core.access import AccessLevel
from weerbaar.core.demo import demo_loaders
from weerbaar.privacy.context import job_context

DATASET_NAME = "Permanente bewoning Vakantiepark De Zandkuil (fictief)"
MAPPING = {
    "Achternaam": "person.last_name",
    "Voornamen": "person.first_name",
    "Geboortedatum": "person.birth_date",
    "Postcode": "address.postcode",
    "Huisnummer": "address.huisnummer",
    "Woonplaats": "address.place",
}
_FIRST = ["Jan", "Anna", "Piet", "Fatima", "Kees", "Sanne", "Mohamed", "Els", "Dirk", "Noor"]
_LAST = [
    "Berg, van der",
    "Jansen",
    "de Vries",
    "Bakker",
    "Yilmaz",
    "Smit",
    "Visser",
    "Meer, van",
    "Mulder",
    "Bos",
]


def demo_rows(n: int = 40, seed: int = 12) -> list[str]:
    rng = random.Random(seed)
    lines = ["Achternaam;Voornamen;Geboortedatum;Postcode;Huisnummer;Woonplaats"]
    for i in range(n):
        day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1940, 2000)
        number = f"{rng.randint(1, 120)}{rng.choice(['', '', ' a', '-B'])}"
        lines.append(
            f"{rng.choice(_LAST)};{rng.choice(_FIRST)};{day:02d}-{month:02d}-{year};7731 {'AB' if i % 2 else 'AC'};{number};Ommen"
        )
    lines.append("Onbekend;X;31-02-1970;7731 AB;5;Ommen")  # no such date
    lines.append("Dijk;Y;01-01-1970;7731 SS;6;Ommen")  # no such postcode
    return lines


@demo_loaders.register("80-crossref")
def _load(stdout) -> None:
    from django.contrib.auth import get_user_model

    from .models import PartnerDataset
    from .services import dataset_create, version_upload

    if PartnerDataset.objects.filter(name=DATASET_NAME, fictitious=True).exists():
        stdout.write("crossref demo dataset: already there\n")
        return
    user = get_user_model().objects.filter(username="demo-gemeente").first()
    if user is None:
        stdout.write("crossref demo dataset: no demo-gemeente account, skipped\n")
        return
    ctx = job_context(user=user, second_factor=True, purpose="informatieplein", job_id="demo")
    dataset = dataset_create(
        ctx=ctx,
        name=DATASET_NAME,
        access_level=AccessLevel.AFGESCHERMD,
        fictitious=True,
        contact="ondermijning@gemeente.example (fictief)",
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bewoners.csv"
        path.write_text("\n".join(demo_rows()) + "\n", encoding="utf-8")
        version = version_upload(ctx=ctx, dataset=dataset, path=path, mapping=MAPPING)
    stdout.write(
        f"crossref demo dataset: version {version.number}, {version.entity_count} entities, {version.run['refused']} rows refused\n"
    )
