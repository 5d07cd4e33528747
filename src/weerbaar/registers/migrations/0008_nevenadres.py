"""BAG nevenadressen: further nummeraanduidingen of an adresseerbaar object (models.Nevenadres)."""

import weerbaar.registers.validators
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0007_register_access_level_unindexed'),
    ]

    operations = [
        migrations.CreateModel(
            name='Nevenadres',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('access_level', models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau')),
                ('nummeraanduiding_identificatie', models.CharField(max_length=16, unique=True, validators=[weerbaar.registers.validators.validate_nummeraanduiding_id])),
                ('adresseerbaar_object_identificatie', models.CharField(db_index=True, max_length=16, validators=[weerbaar.registers.validators.validate_adresseerbaar_id])),
                ('soort', models.CharField(choices=[('verblijfsobject', 'verblijfsobject'), ('ligplaats', 'ligplaats'), ('standplaats', 'standplaats')], max_length=16)),
                ('openbare_ruimte_identificatie', models.CharField(blank=True, max_length=16)),
                ('openbare_ruimte_naam', models.CharField(max_length=80)),
                ('huisnummer', models.PositiveIntegerField()),
                ('huisletter', models.CharField(blank=True, max_length=1)),
                ('toevoeging', models.CharField(blank=True, max_length=4)),
                ('postcode', models.CharField(max_length=6, validators=[weerbaar.registers.validators.validate_postcode])),
                ('woonplaats_naam', models.CharField(max_length=80)),
                ('adres_sleutel', models.CharField(max_length=40, unique=True)),
                ('postcode_huisnummer', models.CharField(db_index=True, max_length=20)),
            ],
            options={
                'verbose_name': 'nevenadres',
                'verbose_name_plural': 'nevenadressen',
            },
        ),
    ]
