"""One table: the queue and the record of every job (state, progress, result, who and why)."""

from __future__ import annotations

from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext, gettext_noop
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("in de wachtrij")
    RUNNING = "running", _("bezig")
    DONE = "done", _("klaar")
    FAILED = "failed", _("mislukt")
    CANCELLED = "cancelled", _("geannuleerd")


#: states a job never leaves
FINAL = frozenset({State.DONE, State.FAILED, State.CANCELLED})

#: the platform's own messages are stored in Dutch and shown translated (Job.message_display)
CANCELLED = gettext_noop("Geannuleerd op verzoek.")
CANCELLED_BEFORE_START = gettext_noop("Geannuleerd voordat de taak begon.")
WORKER_STOPPED = gettext_noop("De worker is tijdens de taak gestopt.")
UNKNOWN_KIND = gettext_noop("Onbekende soort taak.")


class Job(models.Model):
    """A piece of long work: queued by a service, claimed and run by a worker process.

    The acting user is kept as an id (the job table may live in another database file than the
    users, see routers.py), with the clearance they had when the job was queued: whether their
    second factor was verified and the purpose they declared. The job acts with that clearance.
    """

    kind = models.CharField(_("soort"), max_length=60, db_index=True)
    payload = models.JSONField(_("opdracht"), default=dict, blank=True, encoder=DjangoJSONEncoder)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.QUEUED)
    #: what the job is doing now, in its own words ("controleren", "opslaan", ...)
    phase = models.CharField(_("fase"), max_length=80, blank=True)
    done = models.PositiveBigIntegerField(_("gedaan"), default=0)
    #: 0 while the total is not known
    total = models.PositiveBigIntegerField(_("totaal"), default=0)
    #: why a job failed or was cancelled
    message = models.TextField(_("melding"), blank=True)
    result = models.JSONField(_("resultaat"), null=True, blank=True, encoder=DjangoJSONEncoder)
    cancel_requested = models.BooleanField(_("annuleren gevraagd"), default=False)

    actor_id = models.BigIntegerField(_("gebruiker-id"), null=True, blank=True, db_index=True)
    actor_username = models.CharField(_("gebruiker"), max_length=150, blank=True)
    second_factor_verified = models.BooleanField(_("tweede factor geverifieerd"), default=False)
    #: the processing activity the actor declared (privacy.purpose), "" when none was needed
    purpose = models.CharField(_("doel"), max_length=60, blank=True)

    #: files the job owns (an upload): removed when the job ends, whatever the end
    files = models.JSONField(_("bestanden"), default=list, blank=True)

    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    started_at = models.DateTimeField(_("gestart"), null=True, blank=True)
    finished_at = models.DateTimeField(_("beëindigd"), null=True, blank=True)
    #: "host:pid:process start" of the worker holding the job (see worker.WorkerId)
    worker = models.CharField(_("worker"), max_length=200, blank=True)
    heartbeat_at = models.DateTimeField(_("laatste teken van leven"), null=True, blank=True)

    class Meta:
        verbose_name = _("achtergrondtaak")
        verbose_name_plural = _("achtergrondtaken")
        ordering = ["-id"]
        indexes = [models.Index(fields=["state", "id"], name="jobs_job_state_id")]

    def __str__(self) -> str:
        return f"#{self.pk} {self.kind} ({self.state})"

    @property
    def finished(self) -> bool:
        return self.state in FINAL

    @property
    def actor(self) -> Any:
        """The user who queued the job (None if deleted), with the second-factor state they had then.

        `is_verified` is what clearance_for asks; outside a request it is False, so without this
        a job would never see what its starter was cleared to see.
        """
        if self.actor_id is None:
            return None
        cached = getattr(self, "_actor", None)
        if cached is None:
            from django.contrib.auth import get_user_model

            cached = get_user_model()._default_manager.filter(pk=self.actor_id).first()
            if cached is not None:
                verified = self.second_factor_verified
                cached.is_verified = lambda: verified  # type: ignore[method-assign]
            self._actor = cached
        return cached

    @property
    def message_display(self) -> str:
        """The message in the reader's language when it is one of the platform's own texts."""
        return gettext(self.message) if self.message else ""
