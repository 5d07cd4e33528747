"""The admin follows the same policies as pages and API: no separate staff/superuser world.

Administrators (and only they, with a verified second factor: see admin_site) reach it; each
model's policy decides what they see and change, with the request's processing context.
"""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from .access import Role
from .context import ProcessingContext, context_for_request
from .policies import policy_for


def _ctx(request: HttpRequest) -> ProcessingContext:
    return context_for_request(request)


class PolicyAdmin(admin.ModelAdmin):
    def get_queryset(self, request: HttpRequest) -> Any:
        return policy_for(self.model).visible(_ctx(request), super().get_queryset(request))

    def has_module_permission(self, request: HttpRequest) -> bool:
        ctx = _ctx(request)
        return ctx.has_role(Role.BEHEERDER) and ctx.second_factor

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return self.has_module_permission(request) and policy_for(self.model).can_view(_ctx(request), obj)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return self.has_module_permission(request) and policy_for(self.model).can_create(_ctx(request))

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        if not self.has_module_permission(request):
            return False
        if obj is None:
            return policy_for(self.model).can_create(_ctx(request))
        return policy_for(self.model).can_change(_ctx(request), obj)

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return (
            obj is not None
            and self.has_module_permission(request)
            and policy_for(self.model).can_delete(_ctx(request), obj)
        )
