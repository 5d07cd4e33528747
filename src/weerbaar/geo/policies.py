from __future__ import annotations

from collections.abc import Iterable

from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import AccessLevelPolicy, policy_for, register_policy

from .models import Layer


@register_policy(Layer)
class LayerPolicy(AccessLevelPolicy):
    """A layer is listed to whoever is cleared for its level, and each attribute by its own level;
    a shielded layer or attribute is shown only for a declared purpose (doelbinding).
    Administrators manage layers, and so does the platform itself (the demo loader, commands)."""

    def can_create(self, ctx: ProcessingContext) -> bool:
        # a bare user is still accepted here while the layer import moves to contexts
        platform = isinstance(ctx, ProcessingContext) and ctx.system
        return platform or super().can_create(ctx)

    def can_import(self, ctx: ProcessingContext, layer: Layer) -> bool:
        """Administrators import a layer's next version whatever its level: writing a new version
        discloses nothing of the current one (the report speaks of the new file only), so an
        administrator without clearance can still refresh a layer the import shielded."""
        return self.can_create(ctx)

    def purpose_missing(self, ctx: ProcessingContext, layer: Layer) -> bool:
        """A shielded layer is read only for a declared purpose."""
        return layer.shielded and not ctx.purpose

    def shows_shielded_attributes(self, ctx: ProcessingContext, layer: Layer) -> bool:
        """Shielded attributes of a layer's features: on a shielded layer (read with a purpose),
        or on an open one for a cleared context that declared a purpose."""
        return layer.shielded or (ctx.clearance.shielded and bool(ctx.purpose))

    def visible_attributes(
        self, ctx: ProcessingContext, layer: Layer, names: Iterable[str], *, shielded: bool = True
    ) -> list[str]:
        """The attributes `ctx` may see, in order; shielded ones only when `shielded`."""
        levels = set(ctx.clearance.levels)
        if not shielded:
            levels.discard(AccessLevel.AFGESCHERMD)
        return [n for n in names if layer.attribute_level(n) in levels]

    def shielded_attributes(self, layer: Layer, names: Iterable[str]) -> list[str]:
        return [n for n in names if layer.attribute_level(n) == AccessLevel.AFGESCHERMD]


def layer_policy() -> LayerPolicy:
    """The registered policy of `Layer`, typed (for its layer-specific questions)."""
    policy = policy_for(Layer)
    assert isinstance(policy, LayerPolicy)
    return policy
