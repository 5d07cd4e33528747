"""The planning form: a control's fields, its partners with their roles, and its teams."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.organisations.selectors import organisation_list

from .models import SoortGebied
from .services import TeamInvoer


class PlanForm(forms.Form):
    naam = forms.CharField(label=_("Naam"), max_length=200)
    datum = forms.DateField(label=_("Datum"), widget=forms.DateInput(attrs={"type": "date"}))
    soort_gebied = forms.ChoiceField(label=_("Soort gebied"), choices=SoortGebied.choices)
    gebied = forms.CharField(
        label=_("Gebied (WKT of GeoJSON, RD New of WGS84)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld POLYGON((...)) uit de kaartviewer, of kies hieronder een gemeente."),
        required=False,
    )
    gemeente = forms.ChoiceField(label=_("Of: een gemeente als gebied"), required=False)
    doel = forms.ChoiceField(label=_("Doel (verwerkingsactiviteit)"))
    rol = forms.CharField(label=_("Rol van uw organisatie"), max_length=120, required=False)
    partners = forms.MultipleChoiceField(
        label=_("Partners"), required=False, widget=forms.CheckboxSelectMultiple
    )
    partnerrollen = forms.CharField(
        label=_("Rollen van de partners (één per regel: code = rol)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )
    teams = forms.CharField(
        label=_("Teams en tijdvakken (één per regel: naam; 09:00-12:00; samenstelling)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
    )

    def __init__(
        self,
        *args: Any,
        ctx: Any,
        activities: list[tuple[str, str]],
        areas: list[tuple[str, str]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["doel"].choices = activities
        self.fields["gemeente"].choices = [("", "—"), *areas]
        self.organisations = {o.code: o for o in organisation_list(user=ctx) if o.pk != ctx.organisation_id}
        self.fields["partners"].choices = [(c, o.name) for c, o in self.organisations.items()]

    def clean_teams(self) -> list[TeamInvoer]:
        teams = []
        for number, line in enumerate(self.cleaned_data["teams"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = [p.strip() for p in line.split(";")]
            try:
                begin, einde = (dt.time.fromisoformat(t.strip()) for t in parts[1].split("-"))
            except (IndexError, ValueError):
                raise forms.ValidationError(
                    _("Regel %(n)s: schrijf 'naam; 09:00-12:00; samenstelling'."), params={"n": number}
                ) from None
            teams.append(TeamInvoer(parts[0], begin, einde, parts[2] if len(parts) > 2 else ""))
        return teams

    def partner_list(self) -> list[tuple[Any, str]]:
        rollen = {}
        for line in self.cleaned_data.get("partnerrollen", "").splitlines():
            code, _sep, rol = line.partition("=")
            rollen[code.strip()] = rol.strip()
        return [(self.organisations[c], rollen.get(c, "")) for c in self.cleaned_data.get("partners", [])]
