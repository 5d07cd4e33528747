"""The Samenwerkingsagenda aanpak ondermijning as a living document.

The working copy (`Action` rows) is the draft: editing changes it, publishing freezes all of it
into an `AgendaVersion` (an immutable JSON snapshot with number, date, author and reason). The
agenda holds organisations and their work, no data about persons: authors are named only by the
account that published or commented, as every page of the platform names its editors.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled
from weerbaar.core.i18n import translated


class ActionStatus(models.TextChoices):
    VERKEND = "verkend", _("verkend")
    LOOPT = "loopt", _("loopt")
    GEREED = "gereed", _("gereed")
    GESTOPT = "gestopt", _("gestopt")


#: the fields of an action a version records, in the order the diff names them
VERSIONED_FIELDS = ("theme", "title", "goal", "owners", "status", "results", "policy_question", "order")
#: fields with a text per language
TEXT_FIELDS = ("title", "goal", "results", "policy_question")


class Action(AccessControlled):
    """One action of the working copy: what the partners do under a theme, who owns it, where it
    stands, what it yielded and which policy question it leaves open."""

    key = models.SlugField(_("sleutel"), max_length=80, unique=True)
    theme = models.ForeignKey(
        "themes.Theme", on_delete=models.PROTECT, related_name="agenda_actions", verbose_name=_("thema")
    )
    title_nl = models.CharField(_("titel (Nederlands)"), max_length=300)
    title_de = models.CharField(_("titel (Duits)"), max_length=300, blank=True)
    title_en = models.CharField(_("titel (Engels)"), max_length=300, blank=True)
    goal_nl = models.TextField(_("doel (Nederlands)"), blank=True)
    goal_de = models.TextField(_("doel (Duits)"), blank=True)
    goal_en = models.TextField(_("doel (Engels)"), blank=True)
    results_nl = models.TextField(_("resultaten (Nederlands)"), blank=True)
    results_de = models.TextField(_("resultaten (Duits)"), blank=True)
    results_en = models.TextField(_("resultaten (Engels)"), blank=True)
    policy_question_nl = models.TextField(_("beleidsvraag (Nederlands)"), blank=True)
    policy_question_de = models.TextField(_("beleidsvraag (Duits)"), blank=True)
    policy_question_en = models.TextField(_("beleidsvraag (Engels)"), blank=True)
    owners = models.ManyToManyField(
        "organisations.Organisation", related_name="agenda_actions", verbose_name=_("eigenaars")
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.VERKEND
    )
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("actie")
        verbose_name_plural = _("acties")
        ordering = ["theme__order", "order", "key"]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return translated(self, "title")


class AgendaVersion(models.Model):
    """A published state of the whole agenda: never changed after it is written."""

    number = models.PositiveIntegerField(_("versie"), unique=True)
    published_on = models.DateField(_("gepubliceerd op"))
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    author_name = models.CharField(_("auteur"), max_length=200)
    organisation = models.ForeignKey(
        "organisations.Organisation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reden van de wijziging"))
    dvo = models.BooleanField(_("jaarversie voor het DVO"), default=False)
    snapshot = models.JSONField(_("inhoud"))

    class Meta:
        verbose_name = _("agendaversie")
        verbose_name_plural = _("agendaversies")
        ordering = ["-number"]

    def __str__(self) -> str:
        return f"v{self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise ValidationError(_("Een gepubliceerde versie verandert niet meer."))
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        raise ValidationError(_("Een gepubliceerde versie verandert niet meer."))


class ActionComment(models.Model):
    """A partner's remark on an action, made while reading a given version."""

    action_key = models.SlugField(_("actie"), max_length=80, db_index=True)
    version_number = models.PositiveIntegerField(_("bij versie"), null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisatie"),
    )
    text = models.TextField(_("opmerking"), max_length=4000)
    created_at = models.DateTimeField(_("geplaatst op"), auto_now_add=True)

    class Meta:
        verbose_name = _("opmerking")
        verbose_name_plural = _("opmerkingen")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.action_key}: {self.text[:40]}"
