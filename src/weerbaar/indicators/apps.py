from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "weerbaar.indicators"
    verbose_name = _("Indicatoren")

    def ready(self) -> None:
        from weerbaar.core.access import PARTNER_ROLES
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.jobs.registry import job_kinds, periodic_tasks

        from . import demo, policies, published, registry  # noqa: F401  (policies, demo loader, computed indicators, its receiver)
        from .quarters import Quarter
        from .services import (
            PUBLISH_JOB,
            QUARTERLY_JOB,
            importer,  # noqa: F401  (the importer plugins)
            published_figures_due,
            published_figures_make,
            quarterly_reports_due,
            quarterly_reports_make,
        )

        add_nav_item(
            NavItem("indicators:list", _("Indicatoren"), PARTNER_ROLES, order=70, group="informatie")
        )
        job_kinds.register(QUARTERLY_JOB)(
            lambda job: {
                "rapporten": quarterly_reports_make(
                    ctx=job.ctx, quarter=Quarter.parse(job.payload["kwartaal"]), progress=job.progress
                )
            }
        )
        job_kinds.register(PUBLISH_JOB)(
            lambda job: {
                "cellen": published_figures_make(
                    indicator_ids=job.payload["indicatoren"], progress=job.progress
                )
            }
        )
        # after an import or a computation the worker protects and stores the changed tables
        periodic_tasks.register("indicators-publiceren")(published_figures_due)
        # every running worker checks whether a finished quarter still lacks its reports (no cron)
        periodic_tasks.register("indicators-kwartaalrapporten")(quarterly_reports_due)
        # further plug-ins this app fills from here (see docs/development.md, "Plug-in points"):
        # subject kinds (core.subjects), importer plugins (importing), search documents (search),
        # job kinds (jobs), map layers (geo providers), area-scope sources (privacy.context)
