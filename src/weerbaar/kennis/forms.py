from django import forms
from django.utils.translation import gettext_lazy as _


class DilemmaForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    text = forms.CharField(label=_("Uw dilemma"), max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    anonymous = forms.BooleanField(label=_("Zonder mijn naam tonen aan andere leden"), required=False)


class ReplyForm(forms.Form):
    text = forms.CharField(label=_("Uw reactie"), max_length=8000, widget=forms.Textarea(attrs={"rows": 3}))
    anonymous = forms.BooleanField(label=_("Zonder mijn naam tonen aan andere leden"), required=False)
