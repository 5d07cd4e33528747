"""The register tables lose their access_level index (see models.RegisterRecord).

One value for (nearly) every row of a register: the index helped no query, misled the planner
and was rebuilt after every first load. Look-ups use the key indexes; the access level is
still checked by the selectors on every read.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('registers', '0006_drop_like_indexes'),
    ]

    operations = [
        migrations.AlterField(
            model_name='adresseerbaarobject',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='functionaris',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='kadastraalobject',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='mutatie',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='onderneming',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='openbareruimte',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='pand',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='persoon',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='persoonadres',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='vestiging',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='woonplaats',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
        migrations.AlterField(
            model_name='zakelijkrecht',
            name='access_level',
            field=models.CharField(choices=[('openbaar', 'openbaar'), ('intern', 'intern'), ('afgeschermd', 'afgeschermd')], default='intern', max_length=12, verbose_name='toegangsniveau'),
        ),
    ]
