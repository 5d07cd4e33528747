"""PostgreSQL: drop the `varchar_pattern_ops` (`_like`) indexes Django adds next to every indexed
CharField of the three bulk registers.

They serve only LIKE/startswith queries, and the product makes none on these columns (exact
look-ups on adres_sleutel, postcode_huisnummer, identificatie, kadastrale_aanduiding; prefix
searches are on naam_sleutel of other models, which keep theirs). Each one cost a full index
build after a first load and index maintenance on every later import. The B-tree indexes for
equality (and the unique constraints) stay. Other databases have no such indexes
(`connection.features.creates_like_indexes`).
"""

from django.db import migrations, models

MODELS = ("pand", "adresseerbaarobject", "kadastraalobject")


def _like_indexes(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("registers", name)
        for field in model._meta.local_fields:
            if isinstance(field, models.CharField | models.TextField) and (field.db_index or field.unique):
                yield model, field


def drop(apps, schema_editor):
    if not schema_editor.connection.features.creates_like_indexes:
        return
    for model, field in _like_indexes(apps, schema_editor):
        index = schema_editor._create_index_name(model._meta.db_table, [field.column], suffix="_like")
        schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def restore(apps, schema_editor):
    if not schema_editor.connection.features.creates_like_indexes:
        return
    for model, field in _like_indexes(apps, schema_editor):
        statement = schema_editor._create_like_index_sql(model, field)
        if statement is not None:
            schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("registers", "0005_openbareruimte")]

    operations = [migrations.RunPython(drop, restore, elidable=False)]
