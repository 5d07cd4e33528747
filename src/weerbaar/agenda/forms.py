"""Forms of the agenda: an action's texts and status (the draft), a new action, publishing, a
comment."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.forms import UtrechtForm

from .models import ActionStatus


#: NL Design System (Utrecht) classes per kind of widget, as the project's other forms set them
class ActionForm(UtrechtForm):
    title_nl = forms.CharField(label=_("Titel (Nederlands)"), max_length=300)
    title_de = forms.CharField(label=_("Titel (Duits)"), max_length=300, required=False)
    goal_nl = forms.CharField(
        label=_("Doel (Nederlands)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goal_de = forms.CharField(
        label=_("Doel (Duits)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    results_nl = forms.CharField(
        label=_("Resultaten (Nederlands)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    results_de = forms.CharField(
        label=_("Resultaten (Duits)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    policy_question_nl = forms.CharField(
        label=_("Beleidsvraag (Nederlands)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    policy_question_de = forms.CharField(
        label=_("Beleidsvraag (Duits)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class PublishForm(UtrechtForm):
    reason = forms.CharField(label=_("Reden van de wijziging"), widget=forms.Textarea(attrs={"rows": 3}))
    dvo = forms.BooleanField(label=_("Jaarversie voor het DVO"), required=False)


class CommentForm(UtrechtForm):
    text = forms.CharField(label=_("Uw opmerking"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ActionCreateForm(UtrechtForm):
    """A new action for the draft; the theme and owner choices come from the view."""

    theme = forms.ChoiceField(label=_("Thema"))
    title_nl = forms.CharField(label=_("Titel (Nederlands)"), max_length=300)
    title_de = forms.CharField(label=_("Titel (Duits)"), max_length=300, required=False)
    key = forms.SlugField(
        label=_("Sleutel"),
        max_length=80,
        required=False,
        help_text=_("Kleine letters en streepjes, voor de link; leeg: afgeleid van de titel."),
    )
    owners = forms.MultipleChoiceField(
        label=_("Eigenaars"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Uw eigen organisatie hoort erbij; met Ctrl of Cmd kiest u er meer."),
    )
    status = forms.ChoiceField(label=_("Status"), choices=ActionStatus.choices)
    goal_nl = forms.CharField(
        label=_("Doel (Nederlands)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    goal_de = forms.CharField(
        label=_("Doel (Duits)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(
        self,
        *args: Any,
        themes: list[tuple[str, str]],
        organisations: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = themes
        cast(forms.ChoiceField, self.fields["owners"]).choices = organisations


class ActionRemoveForm(UtrechtForm):
    """Taking an action out of the draft: the reason goes to the audit log."""

    reason = forms.CharField(
        label=_("Waarom gaat deze actie uit het concept?"), widget=forms.Textarea(attrs={"rows": 2})
    )
