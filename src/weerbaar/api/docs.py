"""The API documentation page: Swagger UI from npm (`swagger-ui-dist`, pinned in package.json),
served by the platform's own static files under its CSP (no CDN, no inline script)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase, _csrf_needed


class PlatformSwagger(DocsBase):
    """Swagger UI whose settings travel as a JSON data block read by `api/swagger-init.js`."""

    template = "api/docs.html"

    def render_page(self, request: HttpRequest, api: Any, **kwargs: Any) -> HttpResponse:
        settings = {
            "url": self.get_openapi_url(api, kwargs),
            "deepLinking": True,
            "layout": "BaseLayout",
            # the public validator badge would call validator.swagger.io: outside the platform
            "validatorUrl": None,
        }
        context = {"swagger_settings": settings, "api": api, "add_csrf": _csrf_needed(api)}
        return render(request, self.template, context)
