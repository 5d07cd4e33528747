from weerbaar.core.policies import PublicReadPolicy, register_policy

from .models import Area, Organisation, Region


@register_policy(Region)
class RegionPolicy(PublicReadPolicy):
    """The region is public reference data."""


@register_policy(Organisation)
class OrganisationPolicy(PublicReadPolicy):
    """Who takes part is public: the organisations, not their people."""


@register_policy(Area)
class AreaPolicy(PublicReadPolicy):
    """Administrative boundaries are open data (CBS, Kadaster/PDOK)."""
