"""The topics an ervencoach discusses, as a reference table (what a visit picks from)."""

from django.db import migrations

TOPICS = [
    ("herkennen", "signalen van ondermijning herkennen", "Anzeichen von Unterwanderung erkennen", "recognising signs of organised crime"),
    ("verhuur", "verhuur van schuren en loodsen", "Vermietung von Scheunen und Hallen", "renting out barns and sheds"),
    ("drugsafval", "drugsafval en dumpingen", "Drogenabfälle und Ablagerungen", "drug waste and dumping"),
    ("melden", "melden (politie, Meld Misdaad Anoniem)", "Melden (Polizei, anonym)", "reporting (police, anonymously)"),
    ("beveiliging", "beveiliging van het erf", "Sicherung des Hofes", "securing the farmyard"),
    ("stoppen", "bedrijfsbeëindiging en leegstand", "Betriebsaufgabe und Leerstand", "closing the farm and vacancy"),
]


def seed(apps, schema_editor):
    BezoekOnderwerp = apps.get_model("buitengebied", "BezoekOnderwerp")
    for code, nl, de, en in TOPICS:
        BezoekOnderwerp.objects.update_or_create(code=code, defaults={"naam": nl, "naam_de": de, "naam_en": en})


class Migration(migrations.Migration):
    dependencies = [("buitengebied", "0003_vab_ervencoach_keurmerk")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
