"""Questions per language: `tekst` becomes `tekst_nl`, with `tekst_de` and `tekst_en` beside it; the
shipped set already in the table gets its German and English text (a frozen copy, so this
migration does not change when `vragenlijst.py` does). Questions partners added stay Dutch-only
until someone translates them; the page falls back to Dutch."""

from django.db import migrations, models

#: (nl, de, en) of the questions shipped before questions had languages
VERTALINGEN = [
    ('Komt het gebruik overeen met het bestemmingsplan?', 'Entspricht die Nutzung dem Bebauungsplan?', 'Does the use comply with the zoning plan?'),
    ('Is er een geldige omgevingsvergunning voor het gebruik?', 'Liegt für die Nutzung eine gültige Genehmigung vor?', 'Is there a valid environmental permit for the use?'),
    ('Wordt er (permanent) gewoond?', 'Wird hier (dauerhaft) gewohnt?', 'Is anyone living here (permanently)?'),
    ('Zijn er aanwijzingen voor drugsproductie of -opslag?', 'Gibt es Hinweise auf Drogenherstellung oder -lagerung?', 'Are there signs of drug production or storage?'),
    ('Zijn er voertuigen of personen die aandacht vragen?', 'Gibt es auffällige Fahrzeuge oder Personen?', 'Are there vehicles or people that call for attention?'),
    ('Staat de onderneming ingeschreven op dit adres?', 'Ist das Unternehmen unter dieser Adresse eingetragen?', 'Is the business registered at this address?'),
    ('Zijn er aanwijzingen voor zwart werk of contante handel?', 'Gibt es Hinweise auf Schwarzarbeit oder Bargeldhandel?', 'Are there signs of undeclared work or cash trading?'),
    ('Zijn er signalen van ondermijning die verder uitgezocht moeten worden?', 'Gibt es Hinweise auf organisierte Kriminalität, die weiter untersucht werden müssen?', 'Are there signs of organised crime that need further investigation?'),
    ('Is er sprake van strijd met provinciale regels (bijv. natuur, VAB)?', 'Liegt ein Verstoß gegen Regeln der Provinz vor (z. B. Natur, leerstehende Hofgebäude)?', 'Is there a breach of provincial rules (e.g. nature, vacant farm buildings)?'),
]


def vertalingen_vullen(apps, schema_editor):
    Vraag = apps.get_model("controles", "Vraag")
    for nl, de, en in VERTALINGEN:
        Vraag.objects.filter(tekst_nl=nl, tekst_de="").update(tekst_de=de)
        Vraag.objects.filter(tekst_nl=nl, tekst_en="").update(tekst_en=en)


class Migration(migrations.Migration):
    dependencies = [("controles", "0001_initial")]

    operations = [
        migrations.RemoveConstraint(model_name="vraag", name="controles_vraag_uniek"),
        migrations.RenameField(model_name="vraag", old_name="tekst", new_name="tekst_nl"),
        migrations.AlterField(
            model_name="vraag",
            name="tekst_nl",
            field=models.CharField(max_length=200, verbose_name="vraag (Nederlands)"),
        ),
        migrations.AddField(
            model_name="vraag",
            name="tekst_de",
            field=models.CharField(blank=True, max_length=200, verbose_name="vraag (Duits)"),
        ),
        migrations.AddField(
            model_name="vraag",
            name="tekst_en",
            field=models.CharField(blank=True, max_length=200, verbose_name="vraag (Engels)"),
        ),
        migrations.AddConstraint(
            model_name="vraag",
            constraint=models.UniqueConstraint(fields=("organisatie_soort", "tekst_nl"), name="controles_vraag_uniek"),
        ),
        migrations.RunPython(vertalingen_vullen, migrations.RunPython.noop),
    ]
