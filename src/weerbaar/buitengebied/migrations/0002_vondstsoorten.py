"""The kinds of drug waste found, as a reference table (what a report picks from)."""

from django.db import migrations

KINDS = [
    ("vaten", "vaten met chemisch afval", "Fässer mit Chemieabfällen", "drums of chemical waste"),
    ("jerrycans", "jerrycans", "Kanister", "jerrycans"),
    ("zakken", "zakken met vaste resten", "Säcke mit festen Rückständen", "bags of solid residue"),
    ("lozing", "lozing in bodem, sloot of riool", "Einleitung in Boden, Graben oder Kanal", "discharge into soil, ditch or sewer"),
    ("mest", "gemengd in mest of gier", "mit Gülle oder Mist vermischt", "mixed into manure or slurry"),
    ("labmateriaal", "labmateriaal (glaswerk, ketels, koelers)", "Labormaterial (Glas, Kessel, Kühler)", "lab equipment (glassware, vessels, coolers)"),
    ("voertuig", "voertuig of aanhanger met afval", "Fahrzeug oder Anhänger mit Abfall", "vehicle or trailer with waste"),
]


def seed(apps, schema_editor):
    VondstSoort = apps.get_model("buitengebied", "VondstSoort")
    for code, nl, de, en in KINDS:
        VondstSoort.objects.update_or_create(code=code, defaults={"naam": nl, "naam_de": de, "naam_en": en})


class Migration(migrations.Migration):
    dependencies = [("buitengebied", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
