"""Accounts in the admin (superusers' tool; the product's own pages are /accounts/beheer/...).

Roles are shown, never edited here: a role is given by a four-eyes proposal and taken away by
`user_revoke_roles`. `is_demo` is not editable at all (a real account can never become a demo
account that skips the second factor). Every change is in the hash-chained audit log.
"""

from django.contrib import admin

from weerbaar.core.admin import PolicyAdmin
from weerbaar.privacy.context import request_context

from .models import RoleAssignment, User
from .services.users import user_save


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    fields = ["role", "granted_at"]
    readonly_fields = ["role", "granted_at"]

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def has_view_permission(self, request, obj=None) -> bool:
        return True


@admin.register(User)
class UserAdmin(PolicyAdmin):
    list_display = ["username", "organisation", "is_active", "is_demo", "last_login"]
    list_filter = ["organisation__kind", "is_active", "is_demo"]
    search_fields = ["username", "email", "last_name"]
    fields = [
        "username",
        "first_name",
        "last_name",
        "email",
        "organisation",
        "is_active",
        "oidc_issuer",
        "oidc_subject",
    ]
    # the single sign-on subject is linked by a four-eyes proposal, or by the account's first login
    readonly_fields = ["is_demo", "oidc_issuer", "oidc_subject"]
    inlines = [RoleInline]

    def save_model(self, request, obj, form, change) -> None:
        user_save(ctx=request_context(request), user=obj, changed=form.changed_data, created=not change)
