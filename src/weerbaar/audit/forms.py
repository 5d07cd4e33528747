from django import forms
from django.utils.translation import gettext_lazy as _


class AuditSearchForm(forms.Form):
    actor = forms.CharField(label=_("Gebruiker"), required=False, max_length=150)
    organisation = forms.CharField(label=_("Organisatie (code)"), required=False, max_length=30)
    subject = forms.CharField(
        label=_("Betrokkene of object"),
        help_text=_("Id, objectnummer of naam: ook de namen waarop gezocht is en de gevonden personen."),
        required=False,
        max_length=200,
    )
    person_name = forms.CharField(
        label=_("Naam van een persoon"),
        help_text=_(
            "Zoekt in de registers wie dit kan zijn en toont de regels over die personen; ook deze opzoeking wordt gelogd."
        ),
        required=False,
        max_length=200,
    )
    person_birth_date = forms.DateField(
        label=_("Geboortedatum van de persoon"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_from = forms.DateField(
        label=_("Vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_until = forms.DateField(
        label=_("Tot en met"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_until") and data["date_from"] > data["date_until"]:
            self.add_error("date_until", _("De einddatum ligt voor de begindatum."))
        return data
