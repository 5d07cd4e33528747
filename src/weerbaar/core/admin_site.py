"""The admin site answers to the same roles as the rest: administrators with a verified second
factor only (BIO: managing accounts is a privileged action); 403 for other roles."""

from functools import update_wrapper
from urllib.parse import quote

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse

from .access import Role
from .context import context_for_request


class WeerbaarAdminSite(admin.AdminSite):
    site_header = "Weerbaar — beheer"
    site_title = "Weerbaar"

    def has_permission(self, request) -> bool:
        ctx = context_for_request(request)
        return ctx.has_role(Role.BEHEERDER) and ctx.second_factor

    def admin_view(self, view, cacheable=False):
        inner = super().admin_view(view, cacheable)

        def wrapper(request, *args, **kwargs):
            if request.user.is_authenticated and not self.has_permission(request):
                ctx = context_for_request(request)
                if ctx.has_role(Role.BEHEERDER):  # the right role, but no second factor yet
                    return redirect(f"{reverse('accounts:verify')}?next={quote(request.get_full_path())}")
                raise PermissionDenied
            return inner(request, *args, **kwargs)

        return update_wrapper(wrapper, view)

    def login(self, request, extra_context=None):
        """One login for the whole platform, with its throttling and second factor."""
        return redirect(f"{reverse('accounts:login')}?next={request.GET.get('next', '/beheer/')}")
