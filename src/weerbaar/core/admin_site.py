"""The admin site answers to the same roles as the rest: administrators only, 403 for others."""

from functools import update_wrapper

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .access import Role
from .clearance import roles_of


class WeerbaarAdminSite(admin.AdminSite):
    site_header = "Weerbaar — beheer"
    site_title = "Weerbaar"

    def has_permission(self, request) -> bool:
        return Role.BEHEERDER in roles_of(request.user)

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        """One login for the whole platform, with its lockout and second factor."""
        return redirect(f"{reverse('accounts:login')}?next={request.GET.get('next', '/beheer/')}")
