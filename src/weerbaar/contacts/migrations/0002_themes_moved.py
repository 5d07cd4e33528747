"""The themes moved to weerbaar.themes (same table): state only."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("contacts", "0001_initial"),
        ("themes", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="contact",
                    name="themes",
                    field=models.ManyToManyField(
                        blank=True, related_name="contacts", to="themes.theme", verbose_name="thema's"
                    ),
                ),
            ],
            database_operations=[],
        ),
    ]
