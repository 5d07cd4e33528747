"""The background job kinds of cross-referencing."""

from weerbaar.jobs.registry import job_kinds

from .services.linkage import LINKAGE_JOB, linkage_job_run, may_link

job_kinds.register(LINKAGE_JOB, may_start=may_link, overseen_by=may_link)(linkage_job_run)
