"""Forms of the knowledge network (labels in Dutch, translated). They check the shape of what is
typed; the services decide what may be stored."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessLevel
from weerbaar.core.forms import UtrechtForm
from weerbaar.themes.selectors import theme_tree

from .models import ItemKind


#: NL Design System (Utrecht) classes per kind of widget, as the project's other forms set them
class DilemmaForm(UtrechtForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Uw dilemma"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    anonymous = forms.BooleanField(label=_("Zonder mijn naam tonen aan andere leden"), required=False)


class ReplyForm(UtrechtForm):
    text = forms.CharField(label=_("Uw reactie"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label=_("Zonder mijn naam tonen aan andere leden"), required=False)


def theme_choices() -> list[tuple[str, Any]]:
    """The five themes, each a group with the theme itself and its sub-topics (codes as values)."""
    return [
        (str(theme.name), [(theme.code, theme.name), *((s.code, s.name) for s in theme.subtopics.all())])
        for theme in theme_tree()
    ]


class ThemesField(forms.MultipleChoiceField):
    widget = forms.SelectMultiple(attrs={"size": 8})

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Thema's"))
        kwargs.setdefault("help_text", _("Kies een of meer thema's; met Ctrl of Cmd kiest u er meer."))
        super().__init__(**kwargs)


class KnowledgeItemForm(UtrechtForm):
    kind = forms.ChoiceField(label=_("Soort"), choices=ItemKind.choices)
    title_nl = forms.CharField(label=_("Titel (Nederlands)"), max_length=300)
    summary_nl = forms.CharField(
        label=_("Samenvatting (Nederlands)"), widget=forms.Textarea(attrs={"rows": 5})
    )
    themes = ThemesField()
    tags = forms.CharField(
        label=_("Trefwoorden"),
        max_length=500,
        required=False,
        help_text=_("Gescheiden door komma's, bijvoorbeeld: bzk, pilot"),
    )
    access_level = forms.ChoiceField(
        label=_("Toegangsniveau"), choices=AccessLevel.choices, initial=AccessLevel.INTERN
    )
    title_de = forms.CharField(label=_("Titel (Duits)"), max_length=300, required=False)
    summary_de = forms.CharField(
        label=_("Samenvatting (Duits)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    title_en = forms.CharField(label=_("Titel (Engels)"), max_length=300, required=False)
    summary_en = forms.CharField(
        label=_("Samenvatting (Engels)"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["themes"]).choices = theme_choices()

    def clean_tags(self) -> list[str]:
        return [t.strip() for t in self.cleaned_data["tags"].split(",") if t.strip()]


class CaseForm(UtrechtForm):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(
        label=_("De casus"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "Zonder namen van personen: de casus is voor alle partners leesbaar zodra hij gepubliceerd is."
        ),
    )
    lesson = forms.CharField(
        label=_("Wat we ervan leren"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    themes = ThemesField(required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["themes"]).choices = theme_choices()
