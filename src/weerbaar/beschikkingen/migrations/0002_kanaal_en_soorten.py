"""The channel 'beschikkingen' and the five kinds of decision of issue 15. The rows live in
`weerbaar.beschikkingen.reference`, which also puts them back after every `flush`."""

from django.db import migrations


def seed(apps, schema_editor):
    from weerbaar.beschikkingen.reference import seed

    seed(apps=apps, using=schema_editor.connection.alias)


class Migration(migrations.Migration):
    dependencies = [("beschikkingen", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
