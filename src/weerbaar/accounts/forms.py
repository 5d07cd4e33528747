from django import forms
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import Role

from .models import User
from .services.proposals import proposal_kinds


class LoginForm(forms.Form):
    username = forms.CharField(
        label=_("Gebruikersnaam"), max_length=150, widget=forms.TextInput(attrs={"autocomplete": "username"})
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class TokenForm(forms.Form):
    token = forms.RegexField(
        label=_("Code uit uw authenticator-app"),
        regex=r"^\d{6}$",
        max_length=6,
        error_messages={"invalid": _("Vul de zes cijfers uit uw app in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric"}),
    )


class ProposalForm(forms.Form):
    """Propose an access change; which fields matter depends on the kind."""

    kind = forms.ChoiceField(label=_("Soort wijziging"))
    subject = forms.TypedChoiceField(label=_("Gebruiker"), coerce=int, required=False, empty_value=None)
    role = forms.ChoiceField(label=_("Rol"), required=False)
    label = forms.CharField(label=_("Koppeling (voor een token)"), max_length=100, required=False)
    organisation = forms.CharField(
        label=_("Organisatiecode (voor een grondslag)"), max_length=30, required=False
    )
    activity = forms.CharField(
        label=_("Verwerkingsactiviteit (voor een grondslag)"), max_length=60, required=False
    )
    reference = forms.CharField(label=_("Kenmerk (convenant, besluit)"), max_length=200, required=False)
    oidc_subject = forms.CharField(
        label=_("Subject bij de identiteitsprovider (voor koppelen)"), max_length=255, required=False
    )
    reason = forms.CharField(label=_("Reden"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, users: list[tuple[int, str]], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(name, kind.label) for name, kind in proposal_kinds.items()]
        self.fields["subject"].choices = [("", "—"), *users]
        self.fields["role"].choices = [("", "—"), *Role.choices]

    def proposal_arguments(self) -> dict:
        data = self.cleaned_data
        subject = User.objects.filter(pk=data["subject"]).first() if data.get("subject") else None
        payload = {
            key: data[key]
            for key in ("role", "label", "organisation", "activity", "reference", "oidc_subject")
            if data.get(key)
        }
        return {"kind": data["kind"], "subject": subject, "payload": payload, "reason": data["reason"]}


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        choices=[("approve", _("Goedkeuren")), ("reject", _("Afwijzen")), ("withdraw", _("Intrekken"))]
    )
    note = forms.CharField(label=_("Toelichting"), required=False, max_length=500)
