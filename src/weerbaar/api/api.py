"""The project's NinjaAPI at /api/v1/. Each app contributes a router from its own `api` module."""

from importlib import import_module

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from .auth import TokenOrSession
from .contract import document_problems, reject_unknown_query_parameters
from .docs import PlatformSwagger
from .problems import problem


class WeerbaarAPI(NinjaAPI):
    """NinjaAPI whose OpenAPI document carries the contract of `contract.py`: the problem+json
    refusals of every operation."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        url_names = {
            operation.operation_id or self.get_openapi_operation_id(operation): (
                getattr(operation, "url_name", None)
                or self.get_operation_url_name(operation, router=bound.template)
            )
            for bound in self._get_bound_routers()
            for path_view in bound.path_operations.values()
            for operation in path_view.operations
        }
        return document_problems(schema, url_names)

    def validation_error_from_error_contexts(self, error_contexts):
        """As ninja's, but an error inside a parameter (an item of a list in `Query[Filters]`) is
        named by the parameter the caller sent too, not by the endpoint's argument (`filters`)."""
        errors = []
        for context in error_contexts:
            model = context.model
            reverse = model.__ninja_flatten_map_reverse__
            for error in context.pydantic_validation_error.errors(include_url=False):
                loc = tuple(error["loc"])
                end = next((n for n in range(len(loc), 0, -1) if loc[:n] in reverse), 0)
                api_loc = (reverse[loc[:end]] + loc[end:]) if end else loc
                error.pop("input", None)
                error.pop("ctx", None)
                errors.append({**error, "loc": (model.__ninja_param_source__, *api_loc)})
        return ValidationError(errors)


api = WeerbaarAPI(
    title="Weerbaar API",
    version=settings.WEERBAAR_API_VERSION,
    description=(
        "API van het Weerbaar-platform volgens de NL API Design Rules. Fouten als "
        "application/problem+json; elke inzage in persoonsgegevens wordt gelogd."
    ),
    urls_namespace="api",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=PlatformSwagger(),
    auth=TokenOrSession(),
)
# before validation and the endpoint: a query parameter the operation does not declare is a 400
api.add_decorator(reject_unknown_query_parameters, mode="view")


def _field_name(loc: list) -> str:
    # a query parameter is named as sent (`toegangsniveau`, not its list index `toegangsniveau.0`);
    # a body field with its position (`onderwerpen.0.soort`)
    query = bool(loc) and loc[0] == "query"
    parts = [
        str(p)
        for p in loc
        if p not in {"body", "query", "path", "payload", "form"} and not (query and isinstance(p, int))
    ]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def on_validation_error(request, exc: ValidationError):
    params = [
        {
            "name": _field_name(list(err.get("loc", []))),
            "code": err.get("type", "invalid"),
            "reason": err.get("msg", ""),
        }
        for err in exc.errors
    ]
    return problem(request, 400, "De invoer bevat fouten.", params)


@api.exception_handler(DjangoValidationError)
def on_django_validation_error(request, exc: DjangoValidationError):
    if hasattr(exc, "error_dict"):
        params = [
            {"name": name, "code": e.code or "invalid", "reason": " ".join(e.messages)}
            for name, errors in exc.error_dict.items()
            for e in errors
        ]
    else:
        params = [{"name": "body", "code": "invalid", "reason": m} for m in exc.messages]
    return problem(request, 400, "De invoer bevat fouten.", params)


@api.exception_handler(AuthenticationError)
def on_authentication_error(request, exc):
    return problem(request, 401, str(exc) or "Log in of gebruik een token.")


@api.exception_handler(PermissionDenied)
def on_permission_denied(request, exc):
    if not request.user.is_authenticated:
        return problem(request, 401, "Log in of gebruik een token.")
    return problem(request, 403, str(exc) or "U heeft geen toegang tot deze gegevens.")


@api.exception_handler(Http404)
def on_not_found(request, exc):
    return problem(request, 404, str(exc) or "Niet gevonden.")


@api.exception_handler(HttpError)
def on_http_error(request, exc: HttpError):
    return problem(request, exc.status_code, str(exc))


def _mount_app_routers() -> None:
    """Add the `router` of every installed weerbaar app that has an `api` module."""
    for config in apps.get_app_configs():
        if not config.name.startswith("weerbaar.") or config.name == "weerbaar.api":
            continue
        try:
            module = import_module(f"{config.name}.api")
        except ModuleNotFoundError as exc:
            if exc.name != f"{config.name}.api":
                raise
            continue
        api.add_router(getattr(module, "ROUTER_PREFIX", ""), module.router)


_mount_app_routers()
