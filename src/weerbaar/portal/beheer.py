"""The administrators' management pages in the product's own look: users, grants and
organisations. Every change goes through the owning app's service (with its permission check
and audit entry); giving a role or a grant stays a four-eyes proposal (`accounts:proposals`).
The Django admin stays for superusers."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_http_methods, require_POST

from weerbaar.accounts import selectors as account_selectors
from weerbaar.accounts.services import user_create, user_revoke_roles
from weerbaar.accounts.services.users import user_save
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.organisations.models import Organisation, OrganisationKind
from weerbaar.organisations.selectors import organisation_list
from weerbaar.organisations.services import organisation_update
from weerbaar.privacy.context import request_context
from weerbaar.privacy.selectors import grant_list
from weerbaar.privacy.services import grant_end


def _administrator(request: HttpRequest) -> ProcessingContext | HttpResponse:
    """The context of an administrator with a verified second factor; else the login, the second
    factor step, or a refusal."""
    if not request.user.is_authenticated:
        return redirect(f"/accounts/inloggen?next={request.path}")
    ctx = request_context(request)
    if not ctx.has_role(Role.BEHEERDER):
        raise PermissionDenied(_("Alleen beheerders beheren gebruikers, grondslagen en organisaties."))
    if not ctx.second_factor:
        return redirect(f"/accounts/tweede-factor?next={request.path}")
    return ctx


TEXTBOX = {"class": "utrecht-textbox utrecht-textbox--html-input"}
SELECT = {"class": "utrecht-select utrecht-select--html-select"}


class UserForm(forms.Form):
    username = forms.CharField(label=_("Gebruikersnaam"), max_length=150, widget=forms.TextInput(TEXTBOX))
    first_name = forms.CharField(
        label=_("Voornaam"), max_length=150, required=False, widget=forms.TextInput(TEXTBOX)
    )
    last_name = forms.CharField(
        label=_("Achternaam"), max_length=150, required=False, widget=forms.TextInput(TEXTBOX)
    )
    email = forms.EmailField(label=_("E-mailadres"), required=False, widget=forms.EmailInput(TEXTBOX))
    organisation = forms.ModelChoiceField(
        label=_("Organisatie"),
        queryset=Organisation.objects.none(),
        required=False,
        widget=forms.Select(SELECT),
    )

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations  # type: ignore[attr-defined]


class OrganisationForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200, widget=forms.TextInput(TEXTBOX))
    kind = forms.ChoiceField(label=_("Soort"), choices=OrganisationKind.choices, widget=forms.Select(SELECT))


@require_http_methods(["GET", "POST"])
def users(request: HttpRequest) -> HttpResponse:
    """Every account with its organisation, roles and state; the form to create one."""
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    organisations = organisation_list(user=request.user).order_by("name")
    form = UserForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            user = user_create(ctx=ctx, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(
                request,
                _("Gebruiker %(name)s is aangemaakt. Rollen geeft u met een voorstel (vier ogen).")
                % {"name": user.username},
            )
            return redirect("portal:beheer_users")
    return render(
        request,
        "portal/beheer/users.html",
        {"form": form, "users": account_selectors.user_list(ctx=ctx), "actor_id": request.user.pk},
    )


@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    """Deactivate an account (or activate it again); never one's own (the service refuses)."""
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    user = _user(ctx, pk)
    user.is_active = request.POST.get("active") == "1"
    user_save(ctx=ctx, user=user, changed=["is_active"], created=False)
    if user.is_active:
        messages.success(request, _("Gebruiker %(name)s is weer actief.") % {"name": user.username})
    else:
        messages.success(request, _("Gebruiker %(name)s is gedeactiveerd.") % {"name": user.username})
    return redirect("portal:beheer_users")


@require_POST
def user_role_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Take one role away (reducing access needs no second person)."""
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    user = _user(ctx, pk)
    role = request.POST.get("role", "")
    removed = user_revoke_roles(ctx=ctx, user=user, roles=[role])
    if removed:
        messages.success(
            request,
            _("Rol %(role)s van %(name)s is ingetrokken.")
            % {"role": Role(role).label, "name": user.username},
        )
    else:
        messages.info(request, _("Deze gebruiker had die rol niet."))
    return redirect("portal:beheer_users")


def _user(ctx: ProcessingContext, pk: int):
    for user in account_selectors.user_list(ctx=ctx):
        if user.pk == pk:
            return user
    raise Http404


@require_http_methods(["GET"])
def grants(request: HttpRequest) -> HttpResponse:
    """The recorded grants (legal basis per organisation, role and processing activity)."""
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    rows = grant_list(user=request.user).order_by("organisation__name", "role")
    return render(request, "portal/beheer/grants.html", {"grants": list(rows)})


@require_POST
def grant_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    grant = get_object_or_404(grant_list(user=request.user), pk=pk)
    grant_end(ctx=ctx, grant=grant)
    messages.success(request, _("De grondslag voor %(grant)s is beëindigd.") % {"grant": str(grant)})
    return redirect("portal:beheer_grants")


@require_http_methods(["GET"])
def organisations(request: HttpRequest) -> HttpResponse:
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    rows = organisation_list(user=request.user).order_by("kind", "name")
    return render(request, "portal/beheer/organisations.html", {"organisations": list(rows)})


@require_http_methods(["GET", "POST"])
def organisation_edit(request: HttpRequest, code: str) -> HttpResponse:
    ctx = _administrator(request)
    if isinstance(ctx, HttpResponse):
        return ctx
    organisation = get_object_or_404(organisation_list(user=request.user), code=code)
    form = OrganisationForm(
        request.POST or None, initial={"name": organisation.name, "kind": organisation.kind}
    )
    if request.method == "POST" and form.is_valid():
        try:
            organisation_update(ctx=ctx, organisation=organisation, **form.cleaned_data)
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, _("Organisatie %(name)s is opgeslagen.") % {"name": organisation.name})
            return redirect("portal:beheer_organisations")
    return render(
        request, "portal/beheer/organisation_edit.html", {"form": form, "organisation": organisation}
    )
