"""Forms for searching, writing and importing factsheets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django import forms
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessLevel
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import LegalBasis
from weerbaar.themes.models import Theme

from . import vocab
from .models import DistributionKind, Frequency
from .services import DistributionInput, FactsheetInput

SORTS = [("relevance", _("relevantie")), ("freshness", _("actualiteit"))]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Zoeken"), required=False, max_length=200)
    sort = forms.ChoiceField(label=_("Sorteren op"), choices=SORTS, required=False)


def _lines(value: str) -> list[str]:
    return [v.strip() for v in value.replace("\n", ",").split(",") if v.strip()]


class FactsheetForm(forms.Form):
    identifier = forms.SlugField(label=_("Identificatie"), max_length=100)
    title_nl = forms.CharField(label=_("Titel (Nederlands)"), max_length=300)
    title_de = forms.CharField(label=_("Titel (Duits)"), max_length=300, required=False)
    title_en = forms.CharField(label=_("Titel (Engels)"), max_length=300, required=False)
    description_nl = forms.CharField(
        label=_("Beschrijving (Nederlands)"), widget=forms.Textarea(attrs={"rows": 4})
    )
    description_de = forms.CharField(
        label=_("Beschrijving (Duits)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    description_en = forms.CharField(
        label=_("Beschrijving (Engels)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    owner = forms.ModelChoiceField(label=_("Eigenaar (bronhouder)"), queryset=Organisation.objects.all())
    publisher = forms.ModelChoiceField(
        label=_("Verstrekker"), queryset=Organisation.objects.all(), required=False
    )
    themes = forms.ModelMultipleChoiceField(
        label=_("Thema's"), queryset=Theme.objects.select_related("parent")
    )
    donl_theme = forms.ChoiceField(
        label=_("Thema (Taxonomie Beleidsagenda)"),
        choices=[(t, t.replace("_", " ")) for t in vocab.DONL_THEMES],
    )
    keywords = forms.CharField(label=_("Trefwoorden (komma-gescheiden)"), required=False)
    access_level = forms.ChoiceField(label=_("Toegangsniveau van de gegevens"), choices=AccessLevel.choices)
    personal_data = forms.BooleanField(label=_("Bevat persoonsgegevens"), required=False)
    personal_data_categories = forms.CharField(
        label=_("Categorieën persoonsgegevens (komma-gescheiden)"), required=False
    )
    legal_bases = forms.ModelMultipleChoiceField(
        label=_("Grondslagen voor delen"), queryset=LegalBasis.objects.all(), required=False
    )
    access_procedure_nl = forms.CharField(
        label=_("Hoe vraag ik toegang (Nederlands)"), widget=forms.Textarea(attrs={"rows": 3})
    )
    access_procedure_de = forms.CharField(
        label=_("Hoe vraag ik toegang (Duits)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    access_procedure_en = forms.CharField(
        label=_("Hoe vraag ik toegang (Engels)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    contact = forms.TypedChoiceField(label=_("Contactpersoon"), coerce=int, empty_value=None, required=False)
    frequency = forms.ChoiceField(label=_("Actualisatiefrequentie"), choices=Frequency.choices)
    spatial = forms.CharField(label=_("Geografische dekking (code)"), max_length=30)
    temporal_start = forms.DateField(
        label=_("Periode vanaf"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    temporal_end = forms.DateField(
        label=_("Periode tot"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewed_on = forms.DateField(
        label=_("Laatst beoordeeld op"), widget=forms.DateInput(attrs={"type": "date"})
    )
    reviewer = forms.TypedChoiceField(label=_("Beoordelaar"), coerce=int, empty_value=None, required=False)
    note = forms.CharField(label=_("Toelichting bij deze wijziging"), max_length=300, required=False)

    def __init__(self, *args, editing: bool = False, contacts: Sequence[tuple[int, str]] = (), **kwargs):
        """`contacts`: (id, label) of the contact entries to choose from (contacts.selectors)."""
        super().__init__(*args, **kwargs)
        if editing:
            self.fields["identifier"].disabled = True
        for name in ("contact", "reviewer"):
            self.fields[name].choices = [("", "—"), *contacts]

    def contact_ids(self) -> list[int]:
        return [i for i in (self.cleaned_data.get("contact"), self.cleaned_data.get("reviewer")) if i]

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("temporal_start"), cleaned.get("temporal_end")
        if start and end and end < start:
            self.add_error("temporal_end", _("Het einde ligt voor het begin."))
        if cleaned.get("personal_data") and not _lines(cleaned.get("personal_data_categories", "")):
            self.add_error("personal_data_categories", _("Noem de categorieën persoonsgegevens."))
        if cleaned.get("access_level") != AccessLevel.OPENBAAR and not cleaned.get("legal_bases"):
            self.add_error(
                "legal_bases", _("Een gesloten bron noemt de grondslag waarop gedeeld kan worden.")
            )
        return cleaned

    def to_input(
        self,
        *,
        maintainer: Organisation,
        distributions: list[DistributionInput],
        contacts: Mapping[int, Any],
    ) -> FactsheetInput:
        """The form's content; `contacts` maps the chosen entry ids to the entries."""
        c = self.cleaned_data
        return FactsheetInput(
            identifier=c["identifier"],
            title_nl=c["title_nl"],
            title_de=c["title_de"],
            title_en=c["title_en"],
            description_nl=c["description_nl"],
            description_de=c["description_de"],
            description_en=c["description_en"],
            owner=c["owner"],
            publisher=c["publisher"],
            maintainer=maintainer,
            themes=list(c["themes"]),
            donl_theme=c["donl_theme"],
            keywords=_lines(c["keywords"]),
            access_level=c["access_level"],
            personal_data=c["personal_data"],
            personal_data_categories=_lines(c["personal_data_categories"]),
            legal_bases=list(c["legal_bases"]),
            access_procedure_nl=c["access_procedure_nl"],
            access_procedure_de=c["access_procedure_de"],
            access_procedure_en=c["access_procedure_en"],
            contact=contacts.get(c["contact"]) if c["contact"] else None,
            reviewer=contacts.get(c["reviewer"]) if c["reviewer"] else None,
            frequency=c["frequency"],
            spatial=c["spatial"],
            temporal_start=c["temporal_start"],
            temporal_end=c["temporal_end"],
            reviewed_on=c["reviewed_on"],
            distributions=distributions,
        )

    @classmethod
    def initial_from(cls, factsheet) -> dict:
        return {
            **{
                name: getattr(factsheet, name)
                for name in (
                    "identifier",
                    "title_nl",
                    "title_de",
                    "title_en",
                    "description_nl",
                    "description_de",
                    "description_en",
                    "owner",
                    "publisher",
                    "donl_theme",
                    "access_level",
                    "personal_data",
                    "access_procedure_nl",
                    "access_procedure_de",
                    "access_procedure_en",
                    "frequency",
                    "spatial",
                    "temporal_start",
                    "temporal_end",
                    "reviewed_on",
                )
            },
            "contact": factsheet.contact_id,
            "reviewer": factsheet.reviewer_id,
            "themes": list(factsheet.themes.all()),
            "legal_bases": list(factsheet.legal_bases.all()),
            "keywords": ", ".join(factsheet.keywords),
            "personal_data_categories": ", ".join(factsheet.personal_data_categories),
        }


class DistributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Soort"), choices=DistributionKind.choices)
    format = forms.ChoiceField(label=_("Formaat"), choices=[(f, f) for f in vocab.FORMATS])
    title_nl = forms.CharField(label=_("Titel"), max_length=300)
    url = forms.URLField(label=_("Adres"), required=False, assume_scheme="https")
    layer = forms.SlugField(label=_("Kaartlaag"), required=False)

    def to_input(self) -> DistributionInput:
        c = self.cleaned_data
        return DistributionInput(
            kind=c["kind"], format=c["format"], title_nl=c["title_nl"], url=c["url"], layer=c["layer"]
        )


DistributionFormSet = formset_factory(DistributionForm, extra=1, can_delete=True)


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Bestand (CSV of XLSX)"))
    partial = forms.BooleanField(
        label=_("Goede rijen ook verwerken als andere rijen fouten hebben"), required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".xlsx")):
            raise forms.ValidationError(_("Alleen .csv of .xlsx."))
        if upload.size > 10 * 1024 * 1024:
            raise forms.ValidationError(_("Het bestand is groter dan 10 MB."))
        return upload
