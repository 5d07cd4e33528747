"""The decision form and the subscription form (labels in Dutch, translated)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessLevel
from weerbaar.core.subjects import kind_choices
from weerbaar.privacy.models import LegalBasis

from .models import BeschikkingSoort, Bezorgwijze, Status


class DateInput(forms.DateInput):
    input_type = "date"


class BeschikkingForm(forms.Form):
    soort = forms.ModelChoiceField(label=_("Soort beschikking"), queryset=BeschikkingSoort.objects.all())
    kenmerk = forms.CharField(label=_("Kenmerk"), max_length=80)
    grondslag = forms.ModelChoiceField(
        label=_("Grondslag van het besluit"), queryset=LegalBasis.objects.all()
    )
    grondslag_delen = forms.ModelChoiceField(
        label=_("Grondslag voor delen met partners"),
        queryset=LegalBasis.objects.all(),
        required=False,
        help_text=_("Zonder grondslag voor delen wordt de beschikking niet gedeeld (AVG-toets)."),
    )
    onderwerp_soort = forms.ChoiceField(label=_("Soort onderwerp"))
    onderwerp_identificatie = forms.CharField(label=_("Identificatie onderwerp"), max_length=200)
    onderwerp_naam = forms.CharField(label=_("Naam onderwerp"), max_length=200, required=False)
    gemeente = forms.CharField(
        label=_("Gemeente (CBS-code)"), max_length=10, help_text=_("Bijvoorbeeld GM0193")
    )
    x = forms.FloatField(label=_("Locatie: x (RD)"), required=False)
    y = forms.FloatField(label=_("Locatie: y (RD)"), required=False)
    datum = forms.DateField(label=_("Datum besluit"), widget=DateInput)
    ingang = forms.DateField(label=_("Ingangsdatum"), widget=DateInput, required=False)
    einde = forms.DateField(label=_("Einddatum"), widget=DateInput, required=False)
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, initial=Status.VASTGESTELD)
    contact = forms.CharField(label=_("Contact voor vragen"), max_length=200)
    access_level = forms.ChoiceField(
        label=_("Toegangsniveau"), choices=AccessLevel.choices, initial=AccessLevel.AFGESCHERMD
    )
    delen = forms.BooleanField(label=_("Direct delen met abonnees"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp_soort"].choices = kind_choices()

    def clean(self):
        data = super().clean()
        if (data.get("x") is None) != (data.get("y") is None):
            self.add_error("y", _("Vul x en y allebei in, of geen van beide."))
        return data


class AbonnementForm(forms.Form):
    naam = forms.CharField(label=_("Omschrijving"), max_length=120)
    gemeenten = forms.CharField(
        label=_("Gemeenten (CBS-codes, gescheiden door komma's)"), max_length=500, required=False
    )
    gebied = forms.CharField(
        label=_("Gebied (WKT-polygoon in RD)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    onderwerp_soorten = forms.MultipleChoiceField(
        label=_("Soorten onderwerp (leeg: alle)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    beschikking_soorten = forms.MultipleChoiceField(
        label=_("Soorten beschikking (leeg: alle)"), required=False, widget=forms.CheckboxSelectMultiple
    )
    bezorgwijze = forms.ChoiceField(label=_("Bezorgwijze"), choices=Bezorgwijze.choices)
    callback_url = forms.URLField(label=_("Callback-URL"), required=False, assume_scheme="https")
    callback_auth = forms.CharField(
        label=_("Authorization-header voor de callback"), max_length=500, required=False
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["onderwerp_soorten"].choices = kind_choices()
        self.fields["beschikking_soorten"].choices = [
            (s.code, s.label) for s in BeschikkingSoort.objects.all()
        ]
