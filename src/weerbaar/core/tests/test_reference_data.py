"""Reference tables come back after a flush (Django sends post_migrate after `flush` as after
`migrate`): a transactional test, or an administrator's flush, never leaves the form without choices."""

import pytest
from django.core.management import call_command

from weerbaar.beschikkingen.models import BeschikkingSoort, Kanaal
from weerbaar.buitengebied.models import BezoekOnderwerp, VondstSoort
from weerbaar.buitengebied.reference import VONDSTSOORTEN


@pytest.mark.django_db(transaction=True)
def test_flush_puts_the_reference_tables_back():
    call_command("flush", interactive=False, verbosity=0)
    assert sorted(VondstSoort.objects.values_list("code", flat=True)) == sorted(c for c, *_ in VONDSTSOORTEN)
    assert BezoekOnderwerp.objects.filter(code="herkennen").exists()
    assert Kanaal.objects.filter(naam="beschikkingen").exists()
    assert BeschikkingSoort.objects.count() == 5


@pytest.mark.django_db
def test_the_seed_runs_twice_without_duplicates_and_keeps_an_edited_label():
    from weerbaar.beschikkingen.reference import seed

    BeschikkingSoort.objects.filter(code="overig").update(label_nl="Andere beschikking")
    seed()
    seed()
    assert BeschikkingSoort.objects.count() == 5
    assert BeschikkingSoort.objects.get(code="overig").label_nl == "Andere beschikking"
