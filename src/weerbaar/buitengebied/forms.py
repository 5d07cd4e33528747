"""The dumping report form: made for a phone (few fields, native inputs, coordinates or a photo)."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.contrib.gis.geos import Point
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import ActieStatus, Betaler, BezoekOnderwerp, Eenheid, VondstSoort
from .workflow import DumpingStatus


class DumpingForm(forms.Form):
    gevonden_op = forms.DateField(
        label=_("Datum aangetroffen"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    soort = forms.ModelChoiceField(
        label=_("Wat is gevonden"), queryset=VondstSoort.objects.all(), to_field_name="code"
    )
    hoeveelheid = forms.DecimalField(
        label=_("Hoeveelheid"),
        min_value=Decimal("0.1"),
        max_digits=9,
        decimal_places=1,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.1"}),
    )
    eenheid = forms.ChoiceField(label=_("Eenheid"), choices=Eenheid.choices)
    breedtegraad = forms.FloatField(
        label=_("Breedtegraad (WGS84)"),
        required=False,
        min_value=-90,
        max_value=90,
        help_text=_("Bijvoorbeeld 52.5123. Leeg laten als de foto een GPS-locatie heeft."),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    lengtegraad = forms.FloatField(
        label=_("Lengtegraad (WGS84)"),
        required=False,
        min_value=-180,
        max_value=180,
        help_text=_("Bijvoorbeeld 6.1234."),
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "any"}),
    )
    foto = forms.FileField(
        label=_("Foto"),
        required=False,
        help_text=_(
            "JPEG of PNG. De GPS-locatie wordt gelezen en met alle andere metadata verwijderd voordat de foto wordt bewaard."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png", "capture": "environment"}),
    )
    proces_verbaalnummer = forms.CharField(label=_("Proces-verbaalnummer"), required=False, max_length=40)
    opruimkosten = forms.DecimalField(
        label=_("Opruimkosten (euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"inputmode": "decimal", "step": "0.01"}),
    )
    betaald_door = forms.ChoiceField(
        label=_("Betaald door"), required=False, choices=[("", "—"), *Betaler.choices]
    )
    toelichting = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self):
        data = super().clean()
        lat, lon = data.get("breedtegraad"), data.get("lengtegraad")
        if (lat is None) != (lon is None):
            self.add_error("lengtegraad" if lon is None else "breedtegraad", _("Vul beide coördinaten in."))
        data["punt"] = Point(lon, lat, srid=4326) if lat is not None and lon is not None else None
        return data


class TransitionForm(forms.Form):
    naar = forms.ChoiceField(label=_("Nieuwe status"), choices=DumpingStatus.choices)
    opruimkosten = forms.DecimalField(
        label=_("Opruimkosten (euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
    )
    betaald_door = forms.ChoiceField(
        label=_("Betaald door"), required=False, choices=[("", "—"), *Betaler.choices]
    )
    vergoeding = forms.DecimalField(
        label=_("Vergoeding provincie (euro)"),
        required=False,
        min_value=Decimal("0"),
        max_digits=10,
        decimal_places=2,
    )
    toelichting = forms.CharField(label=_("Toelichting"), required=False, max_length=300)


class BezoekForm(forms.Form):
    """An ervencoach visit: what the visit needs, and no name or contact details of the farmer."""

    bezocht_op = forms.DateField(
        label=_("Datum bezoek"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        initial=timezone.localdate,
    )
    coach_naam = forms.CharField(label=_("Ervencoach"), max_length=100)
    onderwerpen = forms.ModelMultipleChoiceField(
        label=_("Besproken onderwerpen"),
        queryset=BezoekOnderwerp.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    materialen = forms.CharField(
        label=_("Achtergelaten materialen"),
        max_length=200,
        required=False,
        help_text=_("Bijvoorbeeld: folder, checklist, sticker."),
    )
    vervolg = forms.CharField(
        label=_("Vervolgafspraak"),
        max_length=300,
        required=False,
        help_text=_("Wat is afgesproken en wanneer; geen namen of telefoonnummers."),
    )
    benaderd = forms.BooleanField(
        label=_("De ondernemer meldt benaderd te zijn door criminelen"), required=False
    )


class ActieStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ActieStatus.choices)
