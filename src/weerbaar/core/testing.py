"""Helpers for tests across apps: personas per role, a second-factor-verified login, the text of a PDF."""

from __future__ import annotations

import re
import zlib

from django.conf import settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.accounts.models import User
from weerbaar.accounts.services import user_create
from weerbaar.core.access import Role
from weerbaar.core.clearance import forget_clearance
from weerbaar.core.context import system_context
from weerbaar.organisations.models import Organisation

#: persona -> (role, organisation code) in the shipped region
PERSONAS: dict[str, tuple[str | None, str | None]] = {
    "anoniem": (None, None),
    Role.PUBLIEK: (Role.PUBLIEK, None),
    Role.GEMEENTELIJK_ANALIST: (Role.GEMEENTELIJK_ANALIST, "GM0193"),
    Role.PROVINCIAAL_ADVISEUR: (Role.PROVINCIAAL_ADVISEUR, "PV23"),
    Role.RIEC_ANALIST: (Role.RIEC_ANALIST, "RIEC-ON"),
    Role.PARTNER: (Role.PARTNER, "POLITIE-ON"),
    Role.FG: (Role.FG, "PV23"),
    Role.BEHEERDER: (Role.BEHEERDER, "PV23"),
}

TEST_PASSWORD = "een-lang-test-wachtwoord-2026"


def make_user(role: str | None, organisation_code: str | None = None, *, username: str | None = None) -> User:
    organisation = Organisation.objects.get(code=organisation_code) if organisation_code else None
    return user_create(
        ctx=system_context(source="test set-up"),
        username=username or f"test-{role}",
        organisation=organisation,
        roles=[role] if role else [],
        password=TEST_PASSWORD,
    )


def as_verified(user: User) -> User:
    """`user` as after a real TOTP step in this request: the second factor counts for clearance."""
    user.is_verified = lambda: True  # type: ignore[method-assign]
    forget_clearance(user)
    return user


def confirmed_device(user: User) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def login_verified(client, user: User) -> None:
    """Log `client` in as `user` with a verified second factor, as after a real TOTP step."""
    device = confirmed_device(user)
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[0])
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


def persona_client(client_class, persona: str):
    """A test client logged in (and verified) as the persona; anonymous for 'anoniem'."""
    client = client_class()
    role, org = PERSONAS[persona]
    if role is not None:
        login_verified(client, make_user(role, org, username=f"persona-{persona}"))
    return client


_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)
_PDF_STRING = re.compile(rb"\((.*?)(?<!\\)\)\s*Tj", re.S)


def pdf_text(data: bytes) -> str:
    """The text of a PDF drawn with fpdf2's core fonts (`weerbaar.core.pdf`): every `(...) Tj`
    string of every page's (deflated) content stream, so a test reads what a reader would see
    without a PDF library."""
    assert data.startswith(b"%PDF-"), data[:20]
    parts: list[str] = []
    for raw in _PDF_STREAM.findall(data):
        try:
            content = zlib.decompress(raw)
        except zlib.error:
            content = raw
        for s in _PDF_STRING.findall(content):
            parts.append(re.sub(rb"\\([()\\])", rb"\1", s).decode("latin-1"))
    return " ".join(parts)
