from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from weerbaar.themes.models import Theme

from .models import ContactRegion


class ContactForm(forms.Form):
    role_nl = forms.CharField(label=_("Rol (Nederlands)"), max_length=200)
    role_de = forms.CharField(label=_("Rol (Duits)"), max_length=200, required=False)
    role_en = forms.CharField(label=_("Rol (Engels)"), max_length=200, required=False)
    themes = forms.ModelMultipleChoiceField(label=_("Thema's"), queryset=Theme.objects.all(), required=False)
    region = forms.ChoiceField(label=_("Regio"), choices=ContactRegion.choices)
    email = forms.EmailField(label=_("E-mail"))
    phone = forms.CharField(label=_("Telefoon"), max_length=30, required=False)
    availability_nl = forms.CharField(label=_("Bereikbaarheid (Nederlands)"), max_length=200, required=False)
    availability_de = forms.CharField(label=_("Bereikbaarheid (Duits)"), max_length=200, required=False)
    availability_en = forms.CharField(label=_("Bereikbaarheid (Engels)"), max_length=200, required=False)
    deputy = forms.TypedChoiceField(label=_("Vervanger"), required=False, coerce=int, empty_value=None)
    person = forms.ModelChoiceField(
        label=_("Persoon die de vermelding bijhoudt"),
        queryset=get_user_model().objects.none(),
        required=False,
    )

    def __init__(self, *args, organisation=None, deputies=(), **kwargs):
        """`deputies`: (id, label) of the entries that may stand in (from contacts.selectors)."""
        super().__init__(*args, **kwargs)
        self.fields["deputy"].choices = [("", "—"), *deputies]
        users = (
            get_user_model().objects.filter(organisation=organisation, is_active=True).order_by("username")
        )
        self.fields["person"].queryset = users
