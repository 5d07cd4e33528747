from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_hit_no_hit_and_count")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="leaf_index",
            field=models.BigIntegerField(null=True),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="leaf_hash",
            field=models.CharField(default="", max_length=64),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="chainhead",
            name="checkpoint_size",
            field=models.BigIntegerField(default=0),
        ),
        migrations.AddField(
            model_name="chainhead",
            name="checkpoint_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.CreateModel(
            name="SignedCheckpoint",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("tree_size", models.BigIntegerField(db_index=True)),
                ("root_hash", models.CharField(max_length=64)),
                ("timestamp", models.DateTimeField()),
                ("key_id", models.CharField(max_length=8)),
                ("note", models.TextField()),
                ("frontier", models.JSONField(default=list)),
            ],
            options={
                "verbose_name": "checkpoint",
                "verbose_name_plural": "checkpoints",
                "ordering": ["tree_size", "id"],
            },
        ),
    ]
