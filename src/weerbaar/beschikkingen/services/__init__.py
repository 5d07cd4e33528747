"""Writes of the beschikkingen app: typed, keyword-only, the acting context explicit, audited."""

from .abonnementen import abonnement_create, abonnement_delete
from .beschikkingen import NIET_GEDEELD, beschikking_create, beschikking_share
from .bezorging import BEZORG_JOB, bezorging_attempt, bezorging_retry, bezorgingen_due

__all__ = [
    "BEZORG_JOB",
    "NIET_GEDEELD",
    "abonnement_create",
    "abonnement_delete",
    "beschikking_create",
    "beschikking_share",
    "bezorging_attempt",
    "bezorging_retry",
    "bezorgingen_due",
]
