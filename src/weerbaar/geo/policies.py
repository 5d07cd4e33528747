from weerbaar.core.policies import AccessLevelPolicy, register_policy

from .models import Layer


@register_policy(Layer)
class LayerPolicy(AccessLevelPolicy):
    """A layer is listed to whoever is cleared for its level; administrators manage layers."""
