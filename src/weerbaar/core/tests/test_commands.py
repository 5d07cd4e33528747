"""The console command and the operational commands of the foundation."""

import csv
import io
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from weerbaar.core.access import Role
from weerbaar.core.testing import make_user


def test_weerbaar_console_command_runs_management_commands():
    weerbaar = Path(sys.executable).parent / "weerbaar"
    result = subprocess.run(
        [str(weerbaar), "help", "audit_verify"], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "hash chain" in result.stdout


@pytest.mark.django_db
def test_access_review_lists_roles_mfa_and_tokens(region):
    user = make_user(Role.RIEC_ANALIST, "RIEC-ON", username="riec-1")
    TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    call_command("issue_token", "riec-1", stdout=io.StringIO(), stderr=io.StringIO())
    make_user(Role.PUBLIEK, username="burger-1")
    out = io.StringIO()
    call_command("access_review", stdout=out)
    rows = {r["username"]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
    assert rows["riec-1"]["organisation"] == "RIEC-ON"
    assert rows["riec-1"]["roles"] == "riec_analist"
    assert rows["riec-1"]["mfa"] == "True" and rows["riec-1"]["active_tokens"] == "1"
    assert rows["burger-1"]["mfa"] == "False"


@pytest.mark.django_db
@override_settings(WEERBAAR_DEMO=False)
def test_load_demo_is_idempotent_and_warns_outside_demo_mode(region):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    call_command("load_demo", stdout=io.StringIO())
    from weerbaar.accounts.models import User

    assert User.objects.filter(is_demo=True).count() == 8
    assert {r for u in User.objects.filter(is_demo=True) for r in u.role_codes} == set(Role.values)
    assert "cannot log in" in out.getvalue()
