"""Login in two steps (password, then TOTP) or by single sign-on (OpenID Connect), second-factor
set-up, logout, the profile page, and the four-eyes pages where administrators propose and decide
access changes."""

from base64 import b32encode, b64encode

import requests
import segno
from django.contrib import messages
from django.contrib.auth import authenticate, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.http import require_http_methods, require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice
from mozilla_django_oidc.views import OIDCAuthenticationRequestView

from weerbaar.core.forms import add_service_errors
from weerbaar.privacy.context import request_context

from . import selectors
from .forms import DecisionForm, LoginForm, ProposalForm, TokenForm
from .oidc import library_setting, oidc_settings
from .services import (
    password_login,
    proposal_create,
    proposal_decide,
    proposal_withdraw,
    second_factor_confirm,
    second_factor_verify,
)
from .services.oidc import oidc_login, oidc_login_refused
from .services.proposals import DECIDERS, PROPOSERS

SESSION_NEXT = "weerbaar_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return "/"


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


def _wait_message(seconds: int) -> str:
    return _("Te veel mislukte pogingen. Probeer het over %(seconds)s seconden opnieuw.") % {
        "seconds": seconds
    }


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST" and form.is_valid():
        outcome = password_login(
            request=request, username=form.cleaned_data["username"], password=form.cleaned_data["password"]
        )
        if outcome.wait:
            form.add_error(None, _wait_message(outcome.wait))
        elif outcome.user is None:
            form.add_error(None, _("Gebruikersnaam of wachtwoord onjuist."))
        else:
            if _confirmed_device(outcome.user):
                request.session[SESSION_NEXT] = next_url
                return redirect("accounts:verify")
            if not outcome.user.is_demo:
                messages.warning(request, _("Stel een tweede factor in om afgeschermde gegevens te zien."))
            return redirect(next_url)
    sso = oidc_settings()
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": next_url, "sso_provider": sso.provider_name if sso else None},
    )


def _sso_failed(request: HttpRequest) -> HttpResponse:
    sso = oidc_settings()
    messages.error(
        request,
        _("Inloggen via %(provider)s is niet gelukt. Probeer het opnieuw of log in met uw wachtwoord.")
        % {"provider": sso.provider_name if sso else "—"},
    )
    return redirect("accounts:login")


class OidcStartView(OIDCAuthenticationRequestView):
    """To the identity provider: mozilla-django-oidc makes `state`, `nonce` and the PKCE pair
    (S256), keeps them in the session and sends the browser to the authorization endpoint."""

    get_settings = staticmethod(library_setting)

    def __init__(self, **kwargs) -> None:
        View.__init__(self, **kwargs)  # the endpoint and client are read per request, below

    @property
    def OIDC_OP_AUTH_ENDPOINT(self) -> str:  # the library's name
        return library_setting("OIDC_OP_AUTHORIZATION_ENDPOINT")

    @property
    def OIDC_RP_CLIENT_ID(self) -> str:  # the library's name
        return library_setting("OIDC_RP_CLIENT_ID")

    def get(self, request: HttpRequest) -> HttpResponse:
        if oidc_settings() is None:
            raise Http404
        try:
            return super().get(request)
        except (requests.RequestException, ImproperlyConfigured, ValueError):
            return _sso_failed(request)  # the provider's discovery document could not be read


class OidcCallbackView(View):
    """Back from the identity provider. Each `state` is used once: a replayed or forged callback
    finds nothing in the session and is refused, like an error the provider sends back."""

    http_method_names = ["get"]

    def get(self, request: HttpRequest) -> HttpResponse:
        if oidc_settings() is None:
            raise Http404
        states = request.session.get("oidc_states") or {}
        pending = states.pop(request.GET.get("state", ""), None)
        request.session["oidc_states"] = states
        if request.GET.get("error"):
            reason = f"provider: {request.GET['error']} {request.GET.get('error_description', '')}".strip()
            oidc_login_refused(request=request, reason=reason[:300])
        elif pending is None or not request.GET.get("code"):
            oidc_login_refused(request=request, reason="no login of this session waits for this state")
        else:
            user = authenticate(request, nonce=pending["nonce"], code_verifier=pending.get("code_verifier"))
            if user is not None:
                return self.signed_on(request, user)
        return _sso_failed(request)

    def signed_on(self, request: HttpRequest, user) -> HttpResponse:
        sign_on = oidc_login(request=request, user=user)
        next_url = _safe_next(request, request.session.pop("oidc_login_next", None))
        if sign_on.second_factor:
            return redirect(next_url)
        # a lower level of assurance: the platform's own second factor, as after a password
        request.session[SESSION_NEXT] = next_url
        if _confirmed_device(user):
            messages.info(request, _("Bevestig uw inlog met de code uit uw authenticator-app."))
            return redirect("accounts:verify")
        messages.warning(request, _("Stel een tweede factor in om afgeschermde gegevens te zien."))
        return redirect("accounts:setup")


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    if request.GET.get("next"):
        request.session[SESSION_NEXT] = _safe_next(request, request.GET["next"])
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        outcome = second_factor_verify(request=request, device=device, token=form.cleaned_data["token"])
        if outcome.wait:
            logout(request)
            messages.error(request, _wait_message(outcome.wait))
            return redirect("accounts:login")
        if outcome.ok:
            return redirect(_safe_next(request, request.session.pop(SESSION_NEXT, None)))
        form.add_error("token", _("Deze code klopt niet of is verlopen."))
    return render(request, "accounts/verify.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def setup_view(request: HttpRequest) -> HttpResponse:
    """Set up a TOTP app: a new unconfirmed device, confirmed by a first valid code."""
    if _confirmed_device(request.user):
        messages.info(request, _("U heeft al een tweede factor ingesteld."))
        return redirect("accounts:profile")
    device = TOTPDevice.objects.filter(user=request.user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=request.user, name="authenticator", confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if second_factor_confirm(request=request, device=device, token=form.cleaned_data["token"]):
            messages.info(request, _("Tweede factor ingesteld."))
            return redirect("accounts:profile")
        form.add_error("token", _("Deze code klopt niet of is verlopen."))
    svg = segno.make(device.config_url, error="m").svg_inline(scale=4, omitsize=True)
    qr = "data:image/svg+xml;base64," + b64encode(svg.encode()).decode()
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return render(request, "accounts/setup.html", {"form": form, "qr": qr, "secret": secret})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    logout(request)
    return redirect("portal:home")


@login_required
def profile_view(request: HttpRequest) -> HttpResponse:
    ctx = request_context(request)
    return render(
        request,
        "accounts/profile.html",
        {
            "clearance": ctx.clearance,
            "verified": ctx.second_factor,
            "has_device": _confirmed_device(request.user) is not None,
            "roles": sorted(request.user.role_assignments.all(), key=lambda r: r.role),
        },
    )


def _management(request: HttpRequest) -> HttpResponse | None:
    """Administrators and the FG only, with a verified second factor (BIO)."""
    ctx = request_context(request)
    if not request.user.is_authenticated:
        return redirect(f"/accounts/inloggen?next={request.path}")
    if not ctx.has_role(*(PROPOSERS | DECIDERS)):
        raise PermissionDenied(_("Alleen beheerders en de FG beheren toegang."))
    if not ctx.second_factor:
        return redirect(f"/accounts/tweede-factor?next={request.path}")
    return None


@require_http_methods(["GET", "POST"])
def proposals_view(request: HttpRequest) -> HttpResponse:
    """Pending and decided proposals, and the form to propose a change."""
    if (refusal := _management(request)) is not None:
        return refusal
    ctx = request_context(request)
    form = ProposalForm(request.POST or None, users=selectors.user_choices(ctx=ctx))
    if request.method == "POST" and form.is_valid():
        try:
            proposal = proposal_create(ctx=ctx, **form.proposal_arguments())
        except ValidationError as exc:
            add_service_errors(form, exc)
        except PermissionDenied as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(
                request,
                _("Voorstel %(number)s staat klaar voor het besluit van een tweede persoon.")
                % {"number": proposal.pk},
            )
            return redirect("accounts:proposals")
    return render(
        request,
        "accounts/proposals.html",
        {
            "form": form,
            "pending": selectors.proposals(ctx=ctx, pending=True),
            "decided": selectors.proposals(ctx=ctx, pending=False)[:50],
            "may_propose": ctx.has_role(*PROPOSERS),
        },
    )


@require_POST
def proposal_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    if (refusal := _management(request)) is not None:
        return refusal
    ctx = request_context(request)
    proposal = get_object_or_404(selectors.proposal_queryset(ctx=ctx), pk=pk)
    form = DecisionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies goedkeuren, afwijzen of intrekken."))
        return redirect("accounts:proposals")
    decision = form.cleaned_data["decision"]
    try:
        if decision == "withdraw":
            proposal_withdraw(ctx=ctx, proposal=proposal)
            messages.success(request, _("Voorstel ingetrokken."))
            return redirect("accounts:proposals")
        result = proposal_decide(
            ctx=ctx, proposal=proposal, approve=decision == "approve", note=form.cleaned_data["note"]
        )
    except PermissionDenied as exc:
        messages.error(request, str(exc))
        return redirect("accounts:proposals")
    if result.secret:  # a token: shown this once, never stored
        return render(
            request, "accounts/token_once.html", {"proposal": result.proposal, "token": result.secret}
        )
    messages.success(request, _("Besluit vastgelegd."))
    return redirect("accounts:proposals")
