"""The guard of the one way in: a query on a personal-data table outside an audited read fails,
inside one it passes, and test code may arrange and check data directly."""

import pytest

from weerbaar.audit.recording import audited
from weerbaar.core.context import system_context
from weerbaar.core.guard import PACKAGE_ROOT, PersonalDataGuard, UnauditedRead
from weerbaar.core.personal_data import personal_data_tables, platform_processing
from weerbaar.registers.models import Persoon

pytestmark = pytest.mark.django_db

#: what a capability module that bypasses the registers' selectors would do
WRONG = """
from weerbaar.registers.models import PersoonAdres

def residents_hit(keys):
    return PersoonAdres.objects.filter(adres_sleutel__in=keys).exists()
"""


def _snippet_module(source: str, name: str = "signals/wrong_snippet.py") -> dict:
    """Run `source` as if it were a module of the package (its frames carry that file name)."""
    namespace: dict = {}
    exec(compile(source, f"{PACKAGE_ROOT}/{name}", "exec"), namespace)
    return namespace


def test_personal_data_tables_are_declared_by_their_apps():
    assert {
        "registers_persoon",
        "registers_persoonadres",
        "registers_zakelijkrecht",
    } <= personal_data_tables()


def test_a_hit_no_hit_query_outside_an_audited_read_fails(personal_data_guard):
    residents_hit = _snippet_module(WRONG)["residents_hit"]
    before = len(personal_data_guard.violations)
    with pytest.raises(
        UnauditedRead,
        match=r"registers_persoonadres queried outside an audited read at "
        r"weerbaar/signals/wrong_snippet\.py:5",
    ):
        residents_hit(["7411AB|12||"])
    # the test's own teardown check would fail too; this test expected it, so it takes it back
    assert len(personal_data_guard.violations) == before + 1
    del personal_data_guard.violations[before:]


def test_the_same_query_inside_an_audited_read_or_platform_processing_passes():
    residents_hit = _snippet_module(WRONG)["residents_hit"]
    with audited(system_context(), object_type="registers.persoon") as record:
        record.answered(question={"bewoners": ["7411AB|12||"]}, answer=residents_hit(["7411AB|12||"]))
    with platform_processing("a test of the guard"):
        assert residents_hit(["7411AB|12||"]) is False


def test_test_code_may_arrange_and_check_personal_data_directly():
    assert not Persoon.objects.exists()


def test_the_guard_reads_only_personal_data_tables():
    guard = PersonalDataGuard(frozenset({"registers_persoon"}))
    assert guard.pattern.findall('SELECT * FROM "registers_persoon" JOIN "registers_persoonadres"') == [
        "registers_persoon"
    ]
