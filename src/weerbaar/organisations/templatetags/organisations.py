"""`{% gemeentenaam code %}`: the name of a municipality (or any organisation) for its code, so a
page never shows "GM0160" where a reader expects "Hardenberg"; an unknown code is shown as it is.

A tag, not a filter: the names are looked up once per code per page render (a list of parks
asks for the same 25 municipalities row after row), kept in the template's render context."""

from django import template

from weerbaar.organisations.models import Area, Organisation

register = template.Library()


def _name(code: str) -> str:
    name = Area.objects.filter(code=code).values_list("name", flat=True).first()  # "Ommen"
    name = name or Organisation.objects.filter(code=code).values_list("name", flat=True).first()
    return name or code


@register.simple_tag(takes_context=True)
def gemeentenaam(context: template.Context, code: str) -> str:
    if not code:
        return ""
    names = context.render_context.setdefault("weerbaar_gemeentenamen", {})
    if code not in names:
        names[code] = _name(code)
    return names[code]
