"""The kinds of drug waste found, as a reference table (what a report picks from). The rows live in
`weerbaar.buitengebied.reference`, which also puts them back after every `flush`."""

from django.db import migrations


def seed(apps, schema_editor):
    from weerbaar.buitengebied.reference import seed_vondstsoorten

    seed_vondstsoorten(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("buitengebied", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
