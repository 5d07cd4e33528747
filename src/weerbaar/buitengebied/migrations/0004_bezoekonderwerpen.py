"""The topics an ervencoach discusses, as a reference table (what a visit picks from). The rows live
in `weerbaar.buitengebied.reference`, which also puts them back after every `flush`."""

from django.db import migrations


def seed(apps, schema_editor):
    from weerbaar.buitengebied.reference import seed_bezoekonderwerpen

    seed_bezoekonderwerpen(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("buitengebied", "0003_vab_ervencoach_keurmerk")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
