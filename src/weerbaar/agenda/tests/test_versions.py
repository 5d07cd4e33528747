"""The agenda as a living document: version 1 from the letter, drafts, publishing, the diff."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from weerbaar.agenda.models import Action, AgendaVersion
from weerbaar.agenda.selectors import versions_compare
from weerbaar.agenda.services import action_create, action_remove, action_update, agenda_publish, comment_add
from weerbaar.agenda.starter import first_version_load
from weerbaar.agenda.versions import Segment, snapshot_diff, word_segments
from weerbaar.core.access import Role
from weerbaar.core.testing import make_user
from weerbaar.privacy.testing import ctx_of

pytestmark = pytest.mark.django_db

THEMES = [
    "informatiegestuurd-werken",
    "weerbare-samenleving-en-overheid",
    "buitengebied-en-vakantieparken",
    "grensoverschrijdende-ondermijning",
    "operationele-samenwerking",
]


def _province(region):
    return ctx_of(make_user(Role.PROVINCIAAL_ADVISEUR, "PV23"))


def test_version_one_holds_the_five_themes_and_the_letters_actions_once(agenda):
    """The loader stores the letter as version 1 (five themes in the letter's order, 23 actions,
    the BZK pilots owned by Almelo and Dalfsen) and does nothing the second time."""
    assert agenda.number == 1 and agenda.dvo
    assert [t["code"] for t in agenda.snapshot["themes"]] == THEMES
    actions = {a["key"]: a for a in agenda.snapshot["actions"]}
    assert len(actions) == 23
    assert actions["bzk-pilots"]["owners"] == ["GM0141", "GM0148"]
    assert actions["dataviewer"]["status"] == "gereed"
    assert first_version_load() is None
    assert AgendaVersion.objects.count() == 1


def test_the_diff_between_two_versions_names_exactly_what_was_added_removed_and_changed(agenda, region):
    """Editing makes a draft; publishing freezes it as version 2 with author and reason; the diff
    of 1 and 2 lists the one added action, the one removed and, for the changed one, exactly the
    status and the Dutch goal (not the German goal, which stayed the same)."""
    province = _province(region)
    action_update(
        ctx=province,
        key="dashboard-vnonl",
        changes={"status": "gereed", "goal_nl": "Leerpunten voor alle Overijsselse gemeenten."},
    )
    action_create(
        ctx=province, key="nieuwe-actie", theme="operationele-samenwerking", title_nl="Nieuw", owners=["PV23"]
    )
    action_remove(ctx=province, key="ervencoaches")
    assert AgendaVersion.objects.count() == 1  # a draft, not yet a version
    version = agenda_publish(ctx=province, reason="Stand van zaken voor het DVO")
    assert (version.number, version.reason, version.author_name) == (
        2,
        "Stand van zaken voor het DVO",
        "test-provinciaal_adviseur",
    )

    diff = versions_compare(ctx=province, old=1, new=2).diff
    assert [a["key"] for a in diff.added] == ["nieuwe-actie"]
    assert [a["key"] for a in diff.removed] == ["ervencoaches"]
    assert [c.key for c in diff.changed] == ["dashboard-vnonl"]
    fields = [(f.field, f.language, f.old, f.new) for f in diff.changed[0].fields]
    assert fields == [
        (
            "goal",
            "nl",
            "De lessen van Enschede, Nijmegen en Zwolle vertalen in leerpunten voor alle Overijsselse "
            "gemeenten en een beleidsmatig dashboard.",
            "Leerpunten voor alle Overijsselse gemeenten.",
        ),
        ("status", "", "loopt", "gereed"),
    ]
    # and backwards: what was added is removed
    back = versions_compare(ctx=province, old=2, new=1).diff
    assert [a["key"] for a in back.removed] == ["nieuwe-actie"]
    assert [a["key"] for a in back.added] == ["ervencoaches"]


def test_owners_and_theme_changes_are_in_the_diff():
    old = {
        "actions": [{"key": "a", "theme": "t1", "owners": ["PV23"], "title": {"nl": "A"}, "status": "loopt"}]
    }
    new = {
        "actions": [
            {"key": "a", "theme": "t2", "owners": ["GM0153", "PV23"], "title": {"nl": "A"}, "status": "loopt"}
        ]
    }
    changes = snapshot_diff(old, new).changed[0].fields
    assert [(c.field, c.old, c.new) for c in changes] == [
        ("theme", "t1", "t2"),
        ("owners", ["PV23"], ["GM0153", "PV23"]),
    ]
    assert snapshot_diff(new, new).is_empty


def test_word_segments_keep_delete_and_insert_words():
    assert word_segments("de provincie deelt data", "de provincie deelt geen data") == [
        Segment("=", "de provincie deelt"),
        Segment("+", "geen"),
        Segment("=", "data"),
    ]
    assert word_segments("loopt", "gereed") == [Segment("-", "loopt"), Segment("+", "gereed")]


def test_publishing_needs_a_reason_a_change_and_the_province(agenda, region):
    """No version without a reason or without a change; a municipality edits its own actions but
    does not publish, and does not edit another's; a published version never changes."""
    province = _province(region)
    with pytest.raises(ValidationError, match="verschilt niet"):
        agenda_publish(ctx=province, reason="niets veranderd")
    action_update(ctx=province, key="dataviewer", changes={"status": "loopt"})
    with pytest.raises(ValidationError, match="reden"):
        agenda_publish(ctx=province, reason="  ")
    almelo = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0141"))
    action_update(ctx=almelo, key="bzk-pilots", changes={"results_nl": "Eerste lessen gedeeld."})
    with pytest.raises(PermissionDenied):
        action_update(ctx=almelo, key="dataviewer", changes={"status": "gereed"})
    with pytest.raises(PermissionDenied):
        agenda_publish(ctx=almelo, reason="mag niet")
    assert AgendaVersion.objects.count() == 1
    with pytest.raises(ValidationError):
        agenda.save()
    with pytest.raises(ValidationError):
        action_update(ctx=province, key="dataviewer", changes={"key": "ander"})
    assert Action.objects.get(key="bzk-pilots").results_nl == "Eerste lessen gedeeld."


def test_a_comment_is_kept_with_the_version_it_was_made_on(agenda, region):
    enschede = ctx_of(make_user(Role.GEMEENTELIJK_ANALIST, "GM0153"))
    comment = comment_add(ctx=enschede, key="dashboard-vnonl", text="Wij doen mee.")
    assert (comment.version_number, comment.organisation.code) == (1, "GM0153")
    with pytest.raises(ValidationError):
        comment_add(ctx=enschede, key="bestaat-niet", text="?")
    with pytest.raises(PermissionDenied):
        comment_add(ctx=ctx_of(make_user(Role.PUBLIEK)), key="dashboard-vnonl", text="?")
