"""Form building blocks shared by the apps (NL Design System / Utrecht markup)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError

WIDGET_CLASSES = {
    forms.Textarea: "utrecht-textarea utrecht-textarea--html-textarea",
    forms.SelectMultiple: "utrecht-select utrecht-select--html-select",
    forms.Select: "utrecht-select utrecht-select--html-select",
    forms.CheckboxInput: "utrecht-checkbox utrecht-checkbox--html-input",
    forms.TextInput: "utrecht-textbox utrecht-textbox--html-input",
}


class UtrechtForm(forms.Form):
    """A form whose widgets carry the Utrecht classes; the server validates (no browser bubbles)."""

    use_required_attribute = False

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            kind = next((k for k in WIDGET_CLASSES if isinstance(field.widget, k)), None)
            if kind is not None and "class" not in field.widget.attrs:
                field.widget.attrs["class"] = WIDGET_CLASSES[kind]


def add_service_errors(form: forms.Form, error: ValidationError) -> None:
    """A service's refusal on the form: on the field it names, otherwise above the fields (the
    error summary links to each)."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)
