"""Theme moved from the catalog: the table `catalog_theme` stays as it is (state only)."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("catalog", "0002_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Theme",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("code", models.SlugField(max_length=60, unique=True, verbose_name="code")),
                        ("name_nl", models.CharField(max_length=200, verbose_name="naam (Nederlands)")),
                        ("name_de", models.CharField(blank=True, max_length=200, verbose_name="naam (Duits)")),
                        ("name_en", models.CharField(blank=True, max_length=200, verbose_name="naam (Engels)")),
                        ("order", models.PositiveSmallIntegerField(default=0)),
                        (
                            "parent",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="subtopics",
                                to="themes.theme",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "thema",
                        "verbose_name_plural": "thema's",
                        "db_table": "catalog_theme",
                        "ordering": ["order", "code"],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
