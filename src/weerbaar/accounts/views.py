"""Login in two steps (password, then TOTP), second-factor set-up, logout and the profile page."""

from base64 import b32encode, b64encode

import segno
from django.contrib import messages
from django.contrib.auth import authenticate, login, logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import clearance_for, forget_clearance

from .forms import LoginForm, TokenForm
from .lockout import is_locked_out, record_attempt
from .models import LoginAttempt

SESSION_NEXT = "weerbaar_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(candidate, allowed_hosts={request.get_host()}):
        return candidate
    return "/"


def _confirmed_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.devices_for_user(user, confirmed=True).first()


@require_http_methods(["GET", "POST"])
def login_view(request: HttpRequest) -> HttpResponse:
    form = LoginForm(request.POST or None)
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next"))
    ip = request.META.get("REMOTE_ADDR")
    if request.method == "POST" and form.is_valid():
        username = form.cleaned_data["username"]
        if is_locked_out(username):
            audit_log(
                actor=None,
                action=Action.LOCKED_OUT,
                result=Result.REFUSED,
                object_type="user",
                object_id=username,
                request=request,
            )
            form.add_error(None, _("Te veel mislukte pogingen. Probeer het later opnieuw."))
        else:
            user = authenticate(request, username=username, password=form.cleaned_data["password"])
            record_attempt(username, success=user is not None, ip_address=ip)
            if user is None:
                audit_log(
                    actor=None,
                    action=Action.LOGIN_FAILED,
                    result=Result.REFUSED,
                    object_type="user",
                    object_id=username,
                    request=request,
                )
                form.add_error(None, _("Gebruikersnaam of wachtwoord onjuist."))
            else:
                login(request, user)
                audit_log(
                    actor=user,
                    action=Action.LOGIN,
                    object_type="user",
                    object_id=str(user.pk),
                    request=request,
                )
                if _confirmed_device(user):
                    request.session[SESSION_NEXT] = next_url
                    return redirect("accounts:verify")
                if not user.is_demo:
                    messages.warning(
                        request, _("Stel een tweede factor in om afgeschermde gegevens te zien.")
                    )
                return redirect(next_url)
    return render(request, "accounts/login.html", {"form": form, "next": next_url})


@login_required
@require_http_methods(["GET", "POST"])
def verify_view(request: HttpRequest) -> HttpResponse:
    device = _confirmed_device(request.user)
    if device is None:
        return redirect("accounts:setup")
    form = TokenForm(request.POST or None)
    username = request.user.get_username()
    step = LoginAttempt.Step.SECOND_FACTOR
    if request.method == "POST" and form.is_valid():
        if is_locked_out(username, step):
            audit_log(
                actor=request.user,
                action=Action.LOCKED_OUT,
                result=Result.REFUSED,
                object_type="user",
                object_id=str(request.user.pk),
                request=request,
                detail={"step": step},
            )
            logout(request)
            messages.error(request, _("Te veel mislukte pogingen. Probeer het later opnieuw."))
            return redirect("accounts:login")
        ok = device.verify_token(form.cleaned_data["token"])
        record_attempt(username, success=ok, ip_address=request.META.get("REMOTE_ADDR"), step=step)
        audit_log(
            actor=request.user,
            action=Action.MFA,
            result=Result.ALLOWED if ok else Result.REFUSED,
            object_type="user",
            object_id=str(request.user.pk),
            request=request,
        )
        if ok:
            otp_login(request, device)
            forget_clearance(request.user)
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
        if device.verify_token(form.cleaned_data["token"]):
            device.confirmed = True
            device.save(update_fields=["confirmed"])
            otp_login(request, device)
            audit_log(
                actor=request.user,
                action=Action.MFA,
                object_type="user",
                object_id=str(request.user.pk),
                request=request,
                detail={"event": "device confirmed"},
            )
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
    clearance = clearance_for(request.user)
    return render(
        request,
        "accounts/profile.html",
        {
            "clearance": clearance,
            "verified": request.user.is_verified(),
            "has_device": _confirmed_device(request.user) is not None,
            "roles": sorted(request.user.role_assignments.all(), key=lambda r: r.role),
        },
    )
