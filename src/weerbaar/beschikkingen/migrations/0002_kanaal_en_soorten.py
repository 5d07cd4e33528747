"""The channel 'beschikkingen' and the five kinds of decision of issue 15."""

from django.db import migrations

SOORTEN = [
    ("sluiting-13b", "Sluiting (Opiumwet art. 13b)", "Schließung (Opiumwet Art. 13b)", "Closure (Opium Act s. 13b)", 10),
    ("bibob-weigering", "Weigering na Bibob-toets", "Versagung nach Bibob-Prüfung", "Refusal after Bibob screening", 20),
    ("vergunning-ingetrokken", "Ingetrokken vergunning", "Widerrufene Genehmigung", "Revoked permit", 30),
    ("subsidie-ingetrokken", "Ingetrokken subsidie", "Widerrufene Subvention", "Revoked subsidy", 40),
    ("overig", "Overige beschikking", "Sonstiger Bescheid", "Other decision", 90),
]


def seed(apps, schema_editor):
    Kanaal = apps.get_model("beschikkingen", "Kanaal")
    Soort = apps.get_model("beschikkingen", "BeschikkingSoort")
    Kanaal.objects.get_or_create(
        naam="beschikkingen",
        defaults={
            "documentatie": "Beschikkingen van partners: sluitingen, Bibob-weigeringen, ingetrokken vergunningen en subsidies.",
            "filters": ["gemeente", "gebied", "onderwerpSoort", "beschikkingSoort"],
        },
    )
    for code, nl, de, en, order in SOORTEN:
        Soort.objects.get_or_create(code=code, defaults={"label_nl": nl, "label_de": de, "label_en": en, "order": order})


class Migration(migrations.Migration):
    dependencies = [("beschikkingen", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
