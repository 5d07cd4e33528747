from django.db import migrations, models


def create_text_index(apps, schema_editor):
    from weerbaar.search.backends import full_text_index

    with schema_editor.connection.cursor() as cursor:
        full_text_index(schema_editor.connection).create(cursor)


def drop_text_index(apps, schema_editor):
    from weerbaar.search.backends import full_text_index

    with schema_editor.connection.cursor() as cursor:
        full_text_index(schema_editor.connection).drop(cursor)


def create_state(apps, schema_editor):
    apps.get_model("search", "IndexState").objects.using(schema_editor.connection.alias).get_or_create(
        pk=1, defaults={"generation": 0, "stamp": "initial"}
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = []

    operations = [
        migrations.CreateModel(
            name="IndexedDocument",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("object_id", models.CharField(max_length=64)),
                ("access_level", models.CharField(max_length=12)),
                ("organisation_id", models.IntegerField(blank=True, null=True)),
                ("title", models.CharField(blank=True, max_length=300)),
                ("url", models.CharField(blank=True, max_length=300)),
                ("freshness", models.DateField(blank=True, null=True)),
                ("terms", models.TextField(blank=True)),
            ],
            options={
                "db_table": "search_document",
                "indexes": [
                    models.Index(fields=["kind", "access_level"], name="search_document_kind_level"),
                    models.Index(fields=["freshness"], name="search_document_freshness"),
                ],
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "object_id"), name="search_document_unique_object")
                ],
            },
        ),
        migrations.CreateModel(
            name="IndexedTerm",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("kind", models.CharField(max_length=40)),
                ("access_level", models.CharField(max_length=12)),
                ("term", models.CharField(max_length=60)),
                ("documents", models.PositiveIntegerField(default=0)),
            ],
            options={
                "db_table": "search_term",
                "constraints": [
                    models.UniqueConstraint(fields=("kind", "access_level", "term"), name="search_term_unique")
                ],
            },
        ),
        migrations.CreateModel(
            name="IndexState",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("generation", models.BigIntegerField(default=0)),
                ("stamp", models.CharField(default="", max_length=32)),
            ],
            options={"db_table": "search_state"},
        ),
        migrations.CreateModel(
            name="IndexedFacet",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("name", models.CharField(max_length=40)),
                ("value", models.CharField(max_length=100)),
                (
                    "document",
                    models.ForeignKey(
                        db_index=False,
                        on_delete=models.deletion.CASCADE,
                        related_name="facet_values",
                        to="search.indexeddocument",
                    ),
                ),
            ],
            options={
                "db_table": "search_facet",
                "indexes": [
                    models.Index(fields=["name", "value", "document"], name="search_facet_value"),
                    models.Index(fields=["document", "name", "value"], name="search_facet_document"),
                ],
            },
        ),
        migrations.RunPython(create_text_index, drop_text_index),
        migrations.RunPython(create_state, migrations.RunPython.noop),
    ]
