"""A service's refusal lands on the form: on the field it names, otherwise above the fields."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from weerbaar.core.forms import UtrechtForm, add_service_errors


class PlanForm(UtrechtForm):
    titel = forms.CharField()
    datum = forms.DateField()


def _form() -> PlanForm:
    form = PlanForm({"titel": "Controle Rietweg", "datum": "2026-12-10"})
    assert form.is_valid()
    return form


def test_a_field_error_lands_on_its_field_and_an_unknown_field_above_the_fields():
    form = _form()
    add_service_errors(
        form,
        ValidationError({"datum": ["De datum ligt in het verleden."], "gebied": ["Het gebied is te groot."]}),
    )
    assert form.errors["datum"] == ["De datum ligt in het verleden."]
    assert form.non_field_errors() == ["Het gebied is te groot."]
    assert "datum" not in form.cleaned_data and form.cleaned_data["titel"] == "Controle Rietweg"


def test_an_error_without_a_field_lands_above_the_fields():
    form = _form()
    add_service_errors(form, ValidationError(["Eerst de partners kiezen.", "Geen team."]))
    assert form.non_field_errors() == ["Eerst de partners kiezen.", "Geen team."]
    assert not form.is_valid()
