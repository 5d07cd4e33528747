"""The knowledge network of theme 2 ("Weerbare samenleving en overheid"): what partners learned
(best practices, pilot results, instruments, model documents), a closed room for integrity
dilemmas and the cases published from it.

A dilemma post names its author to the platform only: other members of the room see "anonymous"
when the author chose so, the FG finds the author in the post and in the audit log. Posts are
personal data (`@personal_data`): every read goes through `kennis.selectors`, audited.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.i18n import translated
from weerbaar.core.personal_data import personal_data


class ItemKind(models.TextChoices):
    BEST_PRACTICE = "best_practice", _("best practice")
    PILOT = "pilot", _("pilotresultaat")
    INSTRUMENT = "instrument", _("instrument")
    MODEL_DOCUMENT = "modeldocument", _("modeldocument")


class KnowledgeItem(AccessControlled):
    """One thing a partner learned and shares, with its themes, tags and owner."""

    kind = models.CharField(_("soort"), max_length=20, choices=ItemKind.choices)
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=300)
    title_de = models.CharField(_("titel (Duits)"), max_length=300, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=300, blank=True)
    summary_nl = models.TextField(_("samenvatting (Nederlands)"))
    summary_de = models.TextField(_("samenvatting (Duits)"), blank=True)
    summary_en = models.TextField(_("samenvatting (Engels)"), blank=True)
    themes = models.ManyToManyField("themes.Theme", related_name="knowledge_items", verbose_name=_("thema's"))
    tags = models.JSONField(_("trefwoorden"), default=list, blank=True)
    owner = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="+", verbose_name=_("eigenaar")
    )
    published_on = models.DateField(_("gepubliceerd op"))
    fictitious = models.BooleanField(_("fictief (demo)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("kennisitem")
        verbose_name_plural = _("kennisitems")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")

    @property
    def summary(self) -> str:
        return translated(self, "summary")


class DilemmaRoom(models.Model):
    """A closed room: only its members read and post."""

    key = models.SlugField(_("sleutel"), max_length=60, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="dilemma_rooms", blank=True)

    class Meta:
        verbose_name = _("besloten kamer")
        verbose_name_plural = _("besloten kamers")

    def __str__(self) -> str:
        return self.name


class DilemmaStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "gesloten", _("gesloten")


@personal_data
class DilemmaPost(models.Model):
    """An integrity dilemma (or a reply to one, `parent`) in a closed room."""

    room = models.ForeignKey(DilemmaRoom, on_delete=models.CASCADE, related_name="posts")
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    #: recorded always, shown to other members only when `anonymous` is off
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    anonymous = models.BooleanField(_("zonder mijn naam tonen"), default=False)
    title = models.CharField(_("titel"), max_length=200, blank=True)
    text = models.TextField(_("tekst"), max_length=8000)
    status = models.CharField(
        _("status"), max_length=10, choices=DilemmaStatus.choices, default=DilemmaStatus.OPEN
    )
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("dilemma")
        verbose_name_plural = _("dilemma's")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title or f"#{self.pk}"


class CaseStatus(models.TextChoices):
    CONCEPT = "concept", _("concept")
    PUBLISHED = "gepubliceerd", _("gepubliceerd")


class DilemmaCase(AccessControlled):
    """A case (praktijkvoorbeeld) for all partners: drafted by a partner's editor, read by the
    other partners once published. One written from a closed dilemma is anonymised by the member
    who drafts it: no author, no names; the text is the drafter's rewrite, not the post."""

    title = models.CharField(_("titel"), max_length=200)
    text = models.TextField(_("casus"))
    lesson = models.TextField(_("wat we ervan leren"), blank=True)
    themes = models.ManyToManyField("themes.Theme", related_name="+", blank=True)
    #: the closed dilemma it was written from, if any
    source = models.OneToOneField(
        DilemmaPost, null=True, blank=True, on_delete=models.SET_NULL, related_name="case"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=CaseStatus.choices, default=CaseStatus.PUBLISHED
    )
    #: the organisation whose editors change the draft (none for cases from before drafts)
    owner = models.ForeignKey(
        "organisations.Organisation",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("eigenaar"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    #: the day it was published; empty while a draft
    published_on = models.DateField(_("gepubliceerd op"), null=True, blank=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["-published_on", "-id"]

    def __str__(self) -> str:
        return self.title
