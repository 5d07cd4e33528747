"""Register rows are visible by their access level: BAG (with the openbare ruimten and the
nevenadressen) and the kadastrale kaart are open, KvK is intern, persons, owners (zakelijk
gerechtigden) and functionarissen are shielded."""

from typing import Any

from django.db.models import QuerySet

from weerbaar.core.access import Role
from weerbaar.core.clearance import roles_of
from weerbaar.core.policies import AccessLevelPolicy, BasePolicy, register_policy

from .models import (
    AdresseerbaarObject,
    Functionaris,
    ImportRun,
    KadastraalObject,
    Mutatie,
    Nevenadres,
    Onderneming,
    OpenbareRuimte,
    Pand,
    Persoon,
    PersoonAdres,
    Vestiging,
    Woonplaats,
    ZakelijkRecht,
)

for _model in (
    Woonplaats,
    OpenbareRuimte,
    Pand,
    AdresseerbaarObject,
    Nevenadres,
    KadastraalObject,
    Persoon,
    PersoonAdres,
    ZakelijkRecht,
    Onderneming,
    Vestiging,
    Functionaris,
    Mutatie,
):
    register_policy(_model)(
        type(
            f"{_model.__name__}Policy",
            (AccessLevelPolicy,),
            {
                "__doc__": f"{_model.__name__}: visible by access level; administrators import.",
            },
        )
    )


@register_policy(ImportRun)
class ImportRunPolicy(BasePolicy):
    """Import reports name files and rows, not people: administrators see and start imports."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else ImportRun.objects.all()
        return qs if Role.BEHEERDER in roles_of(user) else qs.none()

    def can_create(self, user: Any) -> bool:
        return Role.BEHEERDER in roles_of(user)
