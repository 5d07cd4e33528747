"""Forms of the park profile: the province's vitality assessment and the start of a trajectory.
They check the shape of the input; the services check permission and the rules, and their
`ValidationError`s come back on the form's fields (`add_service_errors`)."""

from __future__ import annotations

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

SCORE = [MinValueValidator(1), MaxValueValidator(10)]


class AssessmentForm(forms.Form):
    prefix = "beoordeling"

    quality = forms.DecimalField(
        label=_("Kwaliteit (1–10)"), max_digits=3, decimal_places=1, validators=SCORE, localize=True
    )
    outlook = forms.DecimalField(
        label=_("Toekomstperspectief (1–10)"), max_digits=3, decimal_places=1, validators=SCORE, localize=True
    )
    assessed_on = forms.DateField(
        label=_("Datum beoordeling"), widget=forms.DateInput(attrs={"type": "date"})
    )
    assessor = forms.CharField(label=_("Beoordelaar"), max_length=200)
    note = forms.CharField(label=_("Toelichting"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class TrajectoryStartForm(forms.Form):
    prefix = "traject"

    municipality_code = forms.ChoiceField(label=_("Gemeente"))
    partners = forms.CharField(label=_("Partners"), max_length=300, required=False)
    first_step = forms.CharField(
        label=_("Eerste stap (afspraak bij de intake)"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    next_date = forms.DateField(
        label=_("Datum eerste stap"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, municipalities: list[tuple[str, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["municipality_code"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = municipalities
