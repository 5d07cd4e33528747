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


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class RuleForm(forms.Form):
    """One rule of a draft rule set, with its conditions as checkboxes per question."""

    id = forms.SlugField(label=gettext_lazy("Code van de regel"), max_length=60)
    factsheets = forms.MultipleChoiceField(label=gettext_lazy("Factsheets"), required=False)
    instruments = forms.MultipleChoiceField(label=gettext_lazy("Instrumenten"), required=False)
    legal_bases = forms.MultipleChoiceField(label=gettext_lazy("Grondslagen"), required=False)
    contacts = forms.MultipleChoiceField(label=gettext_lazy("Contactpersonen"), required=False)
    steps_nl = forms.CharField(
        label=gettext_lazy("Vervolgstappen (Nederlands, één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps_de = forms.CharField(
        label=gettext_lazy("Vervolgstappen (Duits, één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    steps_en = forms.CharField(
        label=gettext_lazy("Vervolgstappen (Engels, één per regel)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, content: dict, references: dict[str, list[tuple[str, str]]], **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = content["questions"]
        for question in self.questions:
            self.fields[f"when_{question['id']}"] = forms.MultipleChoiceField(
                label=question["text"]["nl"],
                required=False,
                widget=forms.CheckboxSelectMultiple,
                choices=[(o["id"], o["text"]["nl"]) for o in question["options"]],
            )
        self.fields["instruments"].choices = [
            (i["code"], i["name"]["nl"]) for i in content.get("instruments") or []
        ]
        for name in ("factsheets", "legal_bases", "contacts"):
            self.fields[name].choices = references[name]
            self.fields[name].widget.attrs["size"] = 8
        self.order_fields(["id", *[f"when_{q['id']}" for q in self.questions]])

    def clean(self):
        cleaned = super().clean()
        counts = {len(_lines(cleaned.get(f"steps_{lang}", ""))) for lang in ("nl", "de", "en")} - {0}
        if len(counts) > 1:
            raise forms.ValidationError(_("Geef in elke taal evenveel vervolgstappen."))
        return cleaned

    def to_rule(self) -> dict:
        c = self.cleaned_data
        translations = {lang: _lines(c[f"steps_{lang}"]) for lang in ("de", "en")}
        steps = []
        for index, text in enumerate(_lines(c["steps_nl"])):
            step = {"nl": text}
            for lang, lines in translations.items():
                if index < len(lines):
                    step[lang] = lines[index]
            steps.append(step)
        rule = {
            "id": c["id"],
            "when": {q["id"]: c[f"when_{q['id']}"] for q in self.questions if c.get(f"when_{q['id']}")},
        }
        for name in ("factsheets", "instruments", "legal_bases", "contacts"):
            if c[name]:
                rule[name] = list(c[name])
        if steps:
            rule["next_steps"] = steps
        return rule

    @staticmethod
    def initial_from(rule: dict) -> dict:
        initial = {"id": rule["id"], **{f"when_{q}": v for q, v in (rule.get("when") or {}).items()}}
        for name in ("factsheets", "instruments", "legal_bases", "contacts"):
            initial[name] = rule.get(name) or []
        for lang in ("nl", "de", "en"):
            initial[f"steps_{lang}"] = "\n".join(step.get(lang, "") for step in rule.get("next_steps") or [])
        return initial
