from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BeschikkingenConfig(AppConfig):
    name = "weerbaar.beschikkingen"
    verbose_name = _("Beschikkingen")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES, Role
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.core.reference_data import seed_reference_data
        from weerbaar.jobs.registry import job_kinds, periodic_tasks

        from . import demo, importers, policies, reference  # noqa: F401  (they register themselves)
        from .policies import is_beheerder
        from .services import BEZORG_JOB, bezorging_attempt, bezorgingen_due

        add_nav_item(
            NavItem("beschikkingen:list", _("Beschikkingen"), PARTNER_ROLES, order=60, group="aanpak")
        )
        add_nav_item(
            NavItem(
                "beschikkingen:onbestelbaar",
                _("Onbestelbare berichten"),
                frozenset({Role.BEHEERDER}),
                order=95,
                group="beheer",
            )
        )
        job_kinds.register(BEZORG_JOB, overseen_by=is_beheerder)(
            lambda job: bezorging_attempt(bezorging_id=int(job.payload["bezorging"]))
        )
        # retries whose back-off has passed are queued by every running worker (no cron needed)
        periodic_tasks.register("beschikkingen-bezorgen")(bezorgingen_due)
        seed_reference_data(self, reference.seed)
