from django.contrib import admin

from weerbaar.core.admin import PolicyAdmin

from .models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0

    def has_add_permission(self, request, obj=None) -> bool:
        return True

    def has_change_permission(self, request, obj=None) -> bool:
        return True

    def has_delete_permission(self, request, obj=None) -> bool:
        return True

    def has_view_permission(self, request, obj=None) -> bool:
        return True


@admin.register(User)
class UserAdmin(PolicyAdmin):
    list_display = ["username", "organisation", "is_active", "is_demo", "last_login"]
    list_filter = ["organisation__kind", "is_active", "is_demo"]
    search_fields = ["username", "email", "last_name"]
    fields = ["username", "first_name", "last_name", "email", "organisation", "is_active", "is_demo"]
    inlines = [RoleInline]
