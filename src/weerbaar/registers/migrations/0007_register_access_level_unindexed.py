"""The register tables lose their access_level index (see models.RegisterRecord).

One value for (nearly) every row of a register: the index helped no query, misled the planner
and was rebuilt after every first load. Look-ups use the key indexes; the access level is
still checked by the selectors on every read.

Only the index is dropped (DROP INDEX), not the table remade: on SpatiaLite an AlterField
rebuilds the table and leaves its geometry columns without their R*Tree registration.
"""

from django.db import migrations, models


MODELS = (
    "adresseerbaarobject",
    "functionaris",
    "kadastraalobject",
    "mutatie",
    "onderneming",
    "openbareruimte",
    "pand",
    "persoon",
    "persoonadres",
    "vestiging",
    "woonplaats",
    "zakelijkrecht",
)


def _access_level_indexes(schema_editor, table):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    return [
        name
        for name, info in constraints.items()
        if info["columns"] == ["access_level"]
        and info["index"]
        and not info["unique"]
        and not info["primary_key"]
    ]


def drop(apps, schema_editor):
    for name in MODELS:
        table = apps.get_model("registers", name)._meta.db_table
        for index in _access_level_indexes(schema_editor, table):
            schema_editor.execute(f"DROP INDEX IF EXISTS {schema_editor.quote_name(index)}")


def restore(apps, schema_editor):
    for name in MODELS:
        model = apps.get_model("registers", name)
        if not _access_level_indexes(schema_editor, model._meta.db_table):
            schema_editor.execute(
                schema_editor._create_index_sql(model, fields=[model._meta.get_field("access_level")])
            )


def _unindexed_access_level() -> models.CharField:
    return models.CharField(
        choices=[("openbaar", "openbaar"), ("intern", "intern"), ("afgeschermd", "afgeschermd")],
        default="intern",
        max_length=12,
        verbose_name="toegangsniveau",
    )


class Migration(migrations.Migration):
    dependencies = [("registers", "0006_drop_like_indexes")]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[migrations.RunPython(drop, restore, elidable=False)],
            state_operations=[
                migrations.AlterField(model_name=name, name="access_level", field=_unindexed_access_level())
                for name in MODELS
            ],
        )
    ]
