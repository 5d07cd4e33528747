"""The themes moved to weerbaar.themes (same table `catalog_theme`): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("catalog", "0002_initial"),
        ("contacts", "0002_themes_moved"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="factsheet",
                    name="themes",
                    field=models.ManyToManyField(related_name="factsheets", to="themes.theme", verbose_name="thema's"),
                ),
                migrations.DeleteModel(name="Theme"),
            ],
            database_operations=[],
        ),
    ]
