"""Set-up of the worker tests' own database, in a process of its own (test_import_worker.py).

    python -m weerbaar.registers.tests.worker_scenario BASELINE UPLOAD.csv [UPLOAD.csv ...]

Migrates the three databases the environment names, creates an administrator, imports the
BASELINE file directly (the data that must survive a killed job) and queues one page import
job (bag-csv) per UPLOAD. Prints {"jobs": [ids]} as JSON.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(baseline: str, *uploads: str) -> None:
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command

    from weerbaar.core.access import Role
    from weerbaar.core.testing import make_user
    from weerbaar.registers.models import ImportRun
    from weerbaar.registers.services import import_job_start, register_import

    call_command("migrate", verbosity=0)
    for app in ("audit", "jobs"):  # their own databases (files) on SQLite; already done on PostgreSQL
        call_command("migrate", app, database=app, verbosity=0)
    beheerder = make_user(Role.BEHEERDER, username="beheerder")
    run = register_import(actor=beheerder, path=Path(baseline))
    if run.status != ImportRun.Status.OK:
        raise SystemExit(f"baseline import failed: {run.fouten[:3]}")
    jobs = []
    for upload in uploads:
        with open(upload, "rb") as fh:
            job = import_job_start(
                actor=beheerder, upload=File(fh, name=Path(upload).name), importer="bag-csv"
            )
        jobs.append(job.pk)
    print(json.dumps({"jobs": jobs}))


if __name__ == "__main__":
    main(*sys.argv[1:])
