"""The upload form of the import page."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .importers.base import importers

#: uploads larger than this are refused; full-province extracts are imported on the server
MAX_UPLOAD_BYTES = 2 * 1024**3


def importer_choices() -> list[tuple[str, str]]:
    return [("", _("Herkennen aan het bestand")), *importers.choices()]


class ImportForm(forms.Form):
    bestand = forms.FileField(label=_("Bestand"))
    importer = forms.ChoiceField(label=_("Importer"), required=False, choices=importer_choices)

    def clean_bestand(self):  # type: ignore[no-untyped-def]
        upload = self.cleaned_data["bestand"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("Het bestand is groter dan 2 GB."))
        return upload


# --- the look-up page (registers:lookup, registers:lookup_person) -----------------------------


class AdresZoekForm(forms.Form):
    """An address by postcode + huisnummer, or by street (+ number) and place."""

    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    straat = forms.CharField(label=_("Straat"), required=False, max_length=80)
    huisnummer = forms.IntegerField(label=_("Huisnummer"), required=False, min_value=1, max_value=99999)
    plaats = forms.CharField(label=_("Plaats"), required=False, max_length=80)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        if data.get("postcode") and not data.get("huisnummer"):
            self.add_error("huisnummer", _("Vul bij een postcode het huisnummer in."))
        elif not data.get("postcode") and not data.get("straat"):
            self.add_error("straat", _("Vul een straat (en plaats) of een postcode met huisnummer in."))
        return data


class OndernemingZoekForm(forms.Form):
    naam = forms.CharField(label=_("Naam of KvK-nummer"), min_length=2, max_length=200)


class PerceelZoekForm(forms.Form):
    aanduiding = forms.CharField(
        label=_("Kadastrale aanduiding"), max_length=40, help_text=_("Bijvoorbeeld ZWL00 K 1234.")
    )


class PersoonZoekForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), min_length=2, max_length=200)
    geboortedatum = forms.DateField(
        label=_("Geboortedatum"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
