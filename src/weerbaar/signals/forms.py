from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from weerbaar.core.context import ProcessingContext
from weerbaar.core.spatial import geometry_from_text
from weerbaar.core.subjects import SubjectKind, kind_choices, kinds_in_order, subject_kinds
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
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["assigned_organisation"].queryset = _partners()

    def clean_geometry(self):
        value = self.cleaned_data["geometry"].strip()
        if not value:
            return None
        try:
            geom = geometry_from_text(value, srid=28992)
        except ValueError as exc:
            raise forms.ValidationError(_("Geen geldige geometrie.")) from exc
        if geom.geom_type not in ("Point", "Polygon"):
            raise forms.ValidationError(_("Alleen een punt of een vlak."))
        return geom


def shown_fields(kind: SubjectKind) -> list[str]:
    """The fields a kind's subject is entered with besides its identifier. A kind whose key is
    no register identity (a person) is identified by its name: the identifier *is* the name."""
    return [f for f in kind.fields if kind.key_is_identity or f != "name"]


class KindSelect(forms.Select):
    """The subject's kind; each option carries what the form shows for that kind (the
    identifier's label, the other fields, the hint of the register search when the registers
    can suggest subjects of that kind to this user), read by `subjects.js`."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.suggesting: frozenset[str] = frozenset()

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        kind = subject_kinds.get(str(value))
        if kind is not None:
            option["attrs"]["data-identifier-label"] = capfirst(str(kind.identifier_label or _("kenmerk")))
            option["attrs"]["data-fields"] = " ".join(shown_fields(kind))
            if kind.name in self.suggesting:
                option["attrs"]["data-search-hint"] = capfirst(str(kind.search_hint))
        return option


def _marked(widget: forms.Widget, field: str) -> forms.Widget:
    """`subjects.js` finds a row's fields by this mark, whatever the form's prefix."""
    widget.attrs["data-subject-field"] = field
    return widget


class SubjectForm(_Form):
    """One subject: the fields of its kind. `suggesting` names the kinds the registers may
    suggest to this user (a search box with autocomplete); without JavaScript every field shows
    and the identifier is typed."""

    kind = forms.ChoiceField(
        label=_("Soort"), choices=kind_choices, widget=_marked(KindSelect(attrs={"class": SELECT}), "kind")
    )
    identifier = forms.CharField(
        label=_("Kenmerk"),
        max_length=120,
        widget=_marked(forms.TextInput(attrs={"class": INPUT}), "identifier"),
    )
    name = forms.CharField(
        label=_("Naam"),
        max_length=200,
        required=False,
        widget=_marked(forms.TextInput(attrs={"class": INPUT}), "name"),
    )
    birth_date = forms.DateField(
        label=_("Geboortedatum"),
        required=False,
        widget=_marked(
            forms.DateInput(attrs={"type": "date", "class": INPUT}, format="%Y-%m-%d"), "birth_date"
        ),
    )
    role = forms.CharField(
        label=_("Rol in het signaal"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"class": INPUT}),
    )
    shareable = forms.BooleanField(label=_("Deelbaar met grenspartners"), required=False)

    #: what a row holds when something was entered in it; kind and 'shareable' alone are no subject
    ENTERED = ("identifier", "name", "birth_date", "role")

    def __init__(self, *args: Any, suggesting: Iterable[str] = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.suggesting = frozenset(suggesting)
        # the kinds are registered by the apps that own the data: read when the form is made
        self.fields["identifier"].help_text = "; ".join(
            f"{kind.label}: {kind.identifier_label}" for kind in kinds_in_order() if kind.identifier_label
        )

    def has_changed(self) -> bool:
        return any(self[name].data not in (None, "") for name in self.ENTERED)

    def identifier_label(self) -> str:
        """The identifier's label for the chosen kind ('KvK-nummer'), for error messages."""
        kind = subject_kinds.get(str(self["kind"].data or ""))
        return capfirst(str(kind.identifier_label)) if kind and kind.identifier_label else str(_("Kenmerk"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        kind = subject_kinds.get(data.get("kind") or "")
        identifier = data.get("identifier") or ""
        if kind is None or not identifier:
            return data
        if not kind.valid(identifier):
            self.add_error(
                "identifier",
                _("Geen geldig kenmerk voor %(kind)s: vul %(what)s in.")
                % {"kind": kind.label, "what": kind.identifier_label},
            )
        if "name" in kind.fields and not kind.key_is_identity and not data.get("name"):
            data["name"] = identifier
        return data


class BaseSubjectFormSet(forms.BaseFormSet):
    """The subjects typed with a signal; rows left empty are no subjects."""

    def subjects(self) -> list[dict[str, Any]]:
        """The subjects as `signal_create` takes them (call after `is_valid()`)."""
        return [dict(form.cleaned_data) for form in self.forms if form.has_changed()]

    def error_items(self) -> list[tuple[str, str]]:
        """(field id, 'Onderwerp 2, KvK-nummer: ...') for every error, for the error summary."""
        items = [("", str(error)) for error in self.non_form_errors()]
        for n, form in enumerate(self.forms, start=1):
            for name, errors in form.errors.items():
                field = form[name] if name in form.fields else form["kind"]
                label = form.identifier_label() if name == "identifier" else str(field.label)
                for error in errors:
                    items.append(
                        (
                            field.id_for_label,
                            str(_("Onderwerp %(n)s, %(field)s: %(error)s"))
                            % {"n": n, "field": label, "error": error},
                        )
                    )
        return items


#: up to 20 subjects with one signal; more belong in a case
SubjectFormSet = forms.formset_factory(
    SubjectForm, formset=BaseSubjectFormSet, extra=1, max_num=20, validate_max=True
)
#: the formset's prefix on the intake form, and the button that asks for one more row
SUBJECTS_PREFIX = "onderwerp"
ADD_SUBJECT = "onderwerp-erbij"


def suggested_kinds(ctx: ProcessingContext) -> frozenset[str]:
    """The kinds the registers may suggest to this context (persons only with shielded clearance)."""
    return frozenset(kind.name for kind in kinds_in_order() if kind.may_suggest(ctx))


def subject_formset(ctx: ProcessingContext, data: Any = None) -> BaseSubjectFormSet:
    # every row may stay empty, also the ones a re-shown form brings back as initial rows
    kwargs = {"suggesting": suggested_kinds(ctx), "empty_permitted": True}
    return SubjectFormSet(data, prefix=SUBJECTS_PREFIX, form_kwargs=kwargs)


def with_another_subject(
    ctx: ProcessingContext, form: forms.Form, subjects: BaseSubjectFormSet
) -> tuple[forms.Form, BaseSubjectFormSet]:
    """Without JavaScript, 'one more subject' posts the form: shown again, unbound (no errors
    about what is not finished yet) with what was typed, and one empty row more."""

    def typed(bound: forms.Form) -> dict[str, Any]:
        return {name: bound[name].value() for name in bound.fields}

    kwargs = {"suggesting": suggested_kinds(ctx), "empty_permitted": True}
    rows = [typed(row) for row in subjects.forms]
    again = SubjectFormSet(initial=rows, prefix=SUBJECTS_PREFIX, form_kwargs=kwargs)
    return type(form)(initial=typed(form)), again


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
