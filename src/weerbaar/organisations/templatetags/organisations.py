"""`{{ code|gemeentenaam }}`: the name of a municipality (or any organisation) for its code, so a
page never shows "GM0160" where a reader expects "Hardenberg"; an unknown code is shown as it is."""

from django import template

from weerbaar.organisations.models import Area, Organisation

register = template.Library()


@register.filter
def gemeentenaam(code: str) -> str:
    if not code:
        return ""
    name = Area.objects.filter(code=code).values_list("name", flat=True).first()  # "Ommen"
    name = name or Organisation.objects.filter(code=code).values_list("name", flat=True).first()
    return name or code
