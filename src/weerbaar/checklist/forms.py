import yaml
from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class RuleSetForm(forms.Form):
    content = forms.CharField(
        label=gettext_lazy("Regels (YAML)"), widget=forms.Textarea(attrs={"rows": 30, "spellcheck": "false"})
    )
    note = forms.CharField(label=gettext_lazy("Toelichting bij deze versie"), max_length=300, required=False)

    def clean_content(self):
        try:
            content = yaml.safe_load(self.cleaned_data["content"])
        except yaml.YAMLError as exc:
            raise forms.ValidationError(_("Geen geldige YAML: %(error)s") % {"error": exc}) from exc
        return content
