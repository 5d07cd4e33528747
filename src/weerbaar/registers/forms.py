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
