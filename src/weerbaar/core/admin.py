"""The admin follows the same policies as pages and API: no separate staff/superuser world."""

from django.contrib import admin

from .access import Role
from .clearance import roles_of
from .policies import policy_for


class PolicyAdmin(admin.ModelAdmin):
    def get_queryset(self, request):
        return policy_for(self.model).visible(request.user, super().get_queryset(request))

    def has_module_permission(self, request) -> bool:
        return Role.BEHEERDER in roles_of(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        if obj is None:
            return self.has_module_permission(request)
        return policy_for(self.model).can_view(request.user, obj)

    def has_add_permission(self, request) -> bool:
        return policy_for(self.model).can_create(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return policy_for(self.model).can_create(request.user)
        return policy_for(self.model).can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return obj is not None and policy_for(self.model).can_delete(request.user, obj)
