from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistersConfig(AppConfig):
    name = "weerbaar.registers"
    verbose_name = _("Basisregistraties")

    def ready(self) -> None:
        from weerbaar.core.access import Role
        from weerbaar.core.navigation import NavItem, add_nav_item
        from weerbaar.jobs.registry import job_kinds

        from . import demo, policies, services, subjects  # noqa: F401  (subjects: person, company, address, parcel)
        from .importers import contrib  # noqa: F401  (registers the importer plugins)

        job_kinds.register(
            services.IMPORT_JOB, may_start=services.may_import, overseen_by=services.may_import
        )(services.import_job_run)

        # the look-up page is for the roles that work with the registers (persons need clearance)
        workers = frozenset(
            {Role.GEMEENTELIJK_ANALIST, Role.PROVINCIAAL_ADVISEUR, Role.RIEC_ANALIST, Role.PARTNER}
        )
        add_nav_item(
            NavItem("registers:lookup", _("Registers opzoeken"), workers, order=45, group="informatie")
        )
        add_nav_item(
            NavItem(
                "registers:import",
                _("Registers importeren"),
                frozenset({Role.BEHEERDER}),
                order=95,
                group="beheer",
            )
        )
