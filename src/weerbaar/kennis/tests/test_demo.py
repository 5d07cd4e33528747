import io

import pytest

from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.kennis.demo import load
from weerbaar.kennis.models import KnowledgeItem
from weerbaar.kennis.selectors import knowledge_search
from weerbaar.privacy.testing import ctx_of
from weerbaar.themes.starter import vocabularies_load

pytestmark = pytest.mark.django_db


def test_the_demo_content_is_fictitious_searchable_and_loaded_once(region):
    vocabularies_load()
    load(io.StringIO())
    load(io.StringIO())
    assert KnowledgeItem.objects.count() == 5
    assert all("fictief" in i.title_nl for i in KnowledgeItem.objects.all())
    page = knowledge_search(ctx=ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0193")), query="Dalfsen")
    assert [i.owner.code for i in page.items] == ["GM0148"]
