from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.gis.geos import GEOSException, GEOSGeometry
from django.utils.translation import gettext_lazy as _

from weerbaar.core.subjects import kind_choices, kinds_in_order, subject_kinds
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.privacy.models import LegalBasis

from .models import (
    Bottleneck,
    InformationReliability,
    InterventionType,
    Phenomenon,
    SourceReliability,
)
from .workflow import WORKER_ROLES

INPUT = "utrecht-textbox utrecht-textbox--html-input"
AREA = "utrecht-textarea utrecht-textarea--html-textarea"
SELECT = "utrecht-select utrecht-select--html-select"
DATE = forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d")


class _Form(forms.Form):
    #: the server validates; no browser :invalid styling on empty required fields before submitting
    use_required_attribute = False


PARTNER_KINDS = [k for k in OrganisationKind.values if k != OrganisationKind.EXTERNE_BRON]


def _partners():
    return Organisation.objects.filter(kind__in=PARTNER_KINDS).order_by("kind", "name")


class SignalForm(_Form):
    title = forms.CharField(
        label=_("Korte omschrijving"), max_length=200, widget=forms.TextInput(attrs={"class": INPUT})
    )
    phenomenon = forms.ChoiceField(
        label=_("Fenomeen"), choices=Phenomenon.choices, widget=forms.Select(attrs={"class": SELECT})
    )
    received_on = forms.DateField(label=_("Datum signaal"), widget=DATE)
    description = forms.CharField(
        label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"class": AREA, "rows": 4})
    )
    source_reliability = forms.ChoiceField(
        label=_("Betrouwbaarheid bron (A–F)"),
        choices=SourceReliability.choices,
        initial="F",
        widget=forms.Select(attrs={"class": SELECT}),
    )
    information_reliability = forms.ChoiceField(
        label=_("Betrouwbaarheid informatie (1–6)"),
        choices=InformationReliability.choices,
        initial="6",
        widget=forms.Select(attrs={"class": SELECT}),
    )
    address = forms.CharField(
        label=_("Adres (postcode en huisnummer)"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )
    parcel = forms.CharField(
        label=_("Kadastrale aanduiding"),
        required=False,
        max_length=30,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )
    geometry = forms.CharField(
        label=_("Punt of gebied op de kaart (WKT of GeoJSON, RD New)"),
        required=False,
        widget=forms.Textarea(attrs={"class": AREA, "rows": 2}),
    )
    assigned_organisation = forms.ModelChoiceField(
        label=_("Toewijzen aan organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    subjects = forms.CharField(
        label=_("Onderwerpen (één per regel: soort; kenmerk; naam; geboortedatum)"),
        required=False,
        widget=forms.Textarea(attrs={"class": AREA, "rows": 4}),
    )
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_organisation"].queryset = _partners()
        # the kinds are registered by the apps that own the data: read when the form is made
        self.fields["subjects"].help_text = _("Soorten: %(kinds)s. Voorbeeld: onderneming; 12345678") % {
            "kinds": ", ".join(kind.name for kind in kinds_in_order())
        }

    def clean_geometry(self):
        value = self.cleaned_data["geometry"].strip()
        if not value:
            return None
        try:
            geom = GEOSGeometry(value, srid=28992)
        except (GEOSException, ValueError) as exc:
            raise forms.ValidationError(_("Geen geldige geometrie.")) from exc
        if geom.geom_type not in ("Point", "Polygon"):
            raise forms.ValidationError(_("Alleen een punt of een vlak."))
        return geom

    def clean_subjects(self):
        result = []
        for n, line in enumerate(self.cleaned_data["subjects"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            kind = parts[0].lower()
            if kind not in subject_kinds or len(parts) < 2 or not parts[1]:
                raise forms.ValidationError(_("Regel %(n)s: gebruik 'soort; kenmerk'.") % {"n": n})
            item = {"kind": kind, "identifier": parts[1], "name": parts[2] if len(parts) > 2 else ""}
            if len(parts) > 3 and parts[3]:
                try:
                    item["birth_date"] = forms.DateField().clean(parts[3])
                except forms.ValidationError as exc:
                    raise forms.ValidationError(
                        _("Regel %(n)s: ongeldige geboortedatum.") % {"n": n}
                    ) from exc
            result.append(item)
        return result


class SubjectForm(_Form):
    kind = forms.ChoiceField(
        label=_("Soort"), choices=kind_choices, widget=forms.Select(attrs={"class": SELECT})
    )
    identifier = forms.CharField(
        label=_("Kenmerk"), max_length=120, widget=forms.TextInput(attrs={"class": INPUT})
    )
    name = forms.CharField(
        label=_("Naam"), max_length=200, required=False, widget=forms.TextInput(attrs={"class": INPUT})
    )
    birth_date = forms.DateField(label=_("Geboortedatum"), required=False, widget=DATE)
    role = forms.CharField(
        label=_("Rol in het signaal"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )
    shareable = forms.BooleanField(label=_("Deelbaar met grenspartners"), required=False)


class CommentForm(_Form):
    text = forms.CharField(label=_("Opmerking"), widget=forms.Textarea(attrs={"class": AREA, "rows": 3}))


class AttachmentForm(_Form):
    file = forms.FileField(label=_("Bijlage (pdf, png, jpg, txt, docx, xlsx; max. 10 MB)"))


class TransitionForm(_Form):
    to = forms.CharField(widget=forms.HiddenInput)
    reason = forms.CharField(
        label=_("Reden of toelichting"),
        required=False,
        widget=forms.Textarea(attrs={"class": AREA, "rows": 2}),
    )


class AssignForm(_Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
    )

    person = forms.ModelChoiceField(
        label=_("Persoon (optioneel, van die organisatie)"),
        queryset=None,
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _partners()
        people = self.fields["person"]
        people.queryset = (
            get_user_model()
            .objects.filter(
                is_active=True, organisation__isnull=False, role_assignments__role__in=WORKER_ROLES
            )
            .select_related("organisation")
            .distinct()
            .order_by("organisation__name", "username")
        )
        people.label_from_instance = lambda u: f"{u.get_full_name() or u.username} ({u.organisation.code})"


class TeamForm(_Form):
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    legal_basis = forms.ModelChoiceField(
        label=_("Grondslag waarop deze organisatie deelt"),
        queryset=LegalBasis.objects.none(),
        required=False,
        widget=forms.Select(attrs={"class": SELECT}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = _partners()
        self.fields["legal_basis"].queryset = LegalBasis.objects.all()


class InterventionForm(_Form):
    kind = forms.ChoiceField(
        label=_("Soort interventie"),
        choices=InterventionType.choices,
        widget=forms.Select(attrs={"class": SELECT}),
    )
    executing_organisation = forms.ModelChoiceField(
        label=_("Uitvoerende partner"),
        queryset=Organisation.objects.none(),
        widget=forms.Select(attrs={"class": SELECT}),
    )
    legal_basis = forms.CharField(
        label=_("Juridische grondslag"), max_length=200, widget=forms.TextInput(attrs={"class": INPUT})
    )
    planned_on = forms.DateField(label=_("Gepland op"), required=False, widget=DATE)
    executed_on = forms.DateField(label=_("Uitgevoerd op"), required=False, widget=DATE)
    result = forms.CharField(
        label=_("Resultaat"), required=False, widget=forms.Textarea(attrs={"class": AREA, "rows": 2})
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = (
            Organisation.objects.filter(pk__in=case.members.values("organisation_id"))
            if case
            else _partners()
        )
        self.fields["executing_organisation"].queryset = qs


class InterventionResultForm(_Form):
    executed_on = forms.DateField(label=_("Uitgevoerd op"), required=False, widget=DATE)
    result = forms.CharField(
        label=_("Resultaat"), required=False, widget=forms.Textarea(attrs={"class": AREA, "rows": 2})
    )


class EvaluationForm(_Form):
    effect = forms.CharField(label=_("Effect"), widget=forms.Textarea(attrs={"class": AREA, "rows": 2}))
    what_worked = forms.CharField(
        label=_("Wat werkte"), widget=forms.Textarea(attrs={"class": AREA, "rows": 2})
    )
    bottlenecks = forms.CharField(
        label=_("Knelpunten in de informatiedeling (één per regel)"),
        help_text=_("Zonder persoonsgegevens: de knelpuntenlijst is zichtbaar voor alle partners."),
        required=False,
        widget=forms.Textarea(attrs={"class": AREA, "rows": 3}),
    )
    lessons = forms.CharField(label=_("Lessen"), widget=forms.Textarea(attrs={"class": AREA, "rows": 2}))


class AgendaForm(_Form):
    platform = forms.ChoiceField(
        label=_("Agenda"), choices=Bottleneck.Platform.choices, widget=forms.Select(attrs={"class": SELECT})
    )
