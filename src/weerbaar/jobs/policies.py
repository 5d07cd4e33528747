from typing import Any

from django.db.models import Q, QuerySet

from weerbaar.core.policies import BasePolicy, register_policy

from .models import Job
from .registry import job_kinds


@register_policy(Job)
class JobPolicy(BasePolicy):
    """A user sees and cancels the jobs they started, and every job of a kind they oversee
    (the kind says who: registers imports are overseen by every administrator)."""

    def visible(self, user: Any, queryset: QuerySet | None = None) -> QuerySet:
        qs = queryset if queryset is not None else Job.objects.all()
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return qs.none()
        return qs.filter(Q(actor_id=user.pk) | Q(kind__in=job_kinds.overseeing(user)))

    def can_view(self, user: Any, obj: Any) -> bool:
        if not getattr(user, "is_authenticated", False) or not user.is_active:
            return False
        return obj.actor_id == user.pk or obj.kind in job_kinds.overseeing(user)

    def can_change(self, user: Any, obj: Any) -> bool:
        return self.can_view(user, obj)
