"""Four eyes: a change of access is proposed by one person and decided by another.

Granting a role, a shielded token or a legal-basis grant is never done by one person alone
(BIO 5.3, separation of duties): an administrator proposes, another administrator or the FG
decides; nobody proposes or decides a change of their own access, and nobody decides their own
proposal. Both need a verified second factor. Every step is in the hash-chained audit log.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.access import Role
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import require
from weerbaar.core.registry import Registry
from weerbaar.organisations.models import Organisation
from weerbaar.privacy.models import ProcessingActivity
from weerbaar.privacy.services import grant_record

from ..models import Proposal, User
from ..oidc import oidc_settings
from .users import role_grant, token_create, user_link_oidc

#: who may propose and who may decide (the FG supervises: it decides, and proposes grants)
PROPOSERS = frozenset({Role.BEHEERDER})
DECIDERS = frozenset({Role.BEHEERDER, Role.FG})


@dataclass(frozen=True)
class Decision:
    proposal: Proposal
    #: a secret the approval produced (a token), shown once to the decider and never stored
    secret: str = ""


class ProposalKind:
    """One kind of access change; registered in `proposal_kinds`."""

    name: ClassVar[str]
    label: ClassVar[str | Promise]
    needs_subject: ClassVar[bool] = True
    proposers: ClassVar[frozenset[str]] = PROPOSERS

    def clean(self, *, subject: User | None, payload: dict[str, Any]) -> dict[str, Any]:
        """The payload to store; ValidationError naming the field that is wrong."""
        return payload

    def describe(self, proposal: Proposal) -> str:
        return str(proposal.payload)

    def apply(self, *, ctx: ProcessingContext, proposal: Proposal) -> str:
        """Carry out an approved proposal; returns a secret to show once ('' for none)."""
        raise NotImplementedError


proposal_kinds: Registry[type[ProposalKind]] = Registry("proposal kind")


@proposal_kinds.register("role")
class RoleProposal(ProposalKind):
    name = "role"
    label = _("rol toekennen")

    def clean(self, *, subject: User | None, payload: dict[str, Any]) -> dict[str, Any]:
        role = payload.get("role")
        if role not in Role.values:
            raise ValidationError({"role": _("Onbekende rol.")})
        if subject is not None and role in subject.role_codes:
            raise ValidationError({"role": _("Deze gebruiker heeft deze rol al.")})
        return {"role": role}

    def describe(self, proposal: Proposal) -> str:
        return str(Role(proposal.payload["role"]).label)

    def apply(self, *, ctx: ProcessingContext, proposal: Proposal) -> str:
        assert proposal.subject is not None
        role_grant(ctx=ctx, user=proposal.subject, role=proposal.payload["role"])
        return ""


@proposal_kinds.register("shielded-token")
class ShieldedTokenProposal(ProposalKind):
    name = "shielded-token"
    label = _("API-token dat als tweede factor telt")

    def clean(self, *, subject: User | None, payload: dict[str, Any]) -> dict[str, Any]:
        label = str(payload.get("label") or "").strip()
        if not label:
            raise ValidationError({"label": _("Noem de koppeling waarvoor het token is.")})
        return {"label": label[:100]}

    def describe(self, proposal: Proposal) -> str:
        return str(proposal.payload["label"])

    def apply(self, *, ctx: ProcessingContext, proposal: Proposal) -> str:
        assert proposal.subject is not None
        return token_create(
            ctx=ctx, user=proposal.subject, label=proposal.payload["label"], allows_shielded=True
        )


@proposal_kinds.register("oidc-subject")
class SingleSignOnLinkProposal(ProposalKind):
    """Link an existing account to a person at the single sign-on provider (their subject): that
    login then acts as this account, with its roles and (at level substantial) without the
    account's own second factor — so it takes two people, like a role."""

    name = "oidc-subject"
    label = _("koppelen aan inloggen via de identiteitsprovider")

    def clean(self, *, subject: User | None, payload: dict[str, Any]) -> dict[str, Any]:
        oidc = oidc_settings()
        if oidc is None:
            raise ValidationError(_("Inloggen via een identiteitsprovider staat uit."))
        value = str(payload.get("oidc_subject") or "").strip()[:255]
        if not value:
            raise ValidationError({"oidc_subject": _("Vul het subject (sub) bij de identiteitsprovider in.")})
        taken = User.objects.filter(oidc_subject=value)
        if subject is not None:
            taken = taken.exclude(pk=subject.pk)
        if taken.exists():
            raise ValidationError({"oidc_subject": _("Dit subject hoort al bij een ander account.")})
        return {"oidc_subject": value, "issuer": oidc.issuer}

    def describe(self, proposal: Proposal) -> str:
        return f"{proposal.payload['issuer']} / {proposal.payload['oidc_subject']}"

    def apply(self, *, ctx: ProcessingContext, proposal: Proposal) -> str:
        assert proposal.subject is not None
        user_link_oidc(
            ctx=ctx,
            user=proposal.subject,
            issuer=proposal.payload["issuer"],
            subject=proposal.payload["oidc_subject"],
        )
        return ""


@proposal_kinds.register("grant")
class GrantProposal(ProposalKind):
    """A legal basis for an organisation and role to see shielded data for one activity."""

    name = "grant"
    label = _("grondslag toekennen")
    needs_subject = False
    proposers = frozenset({Role.BEHEERDER, Role.FG})

    def clean(self, *, subject: User | None, payload: dict[str, Any]) -> dict[str, Any]:
        errors = {}
        if not Organisation.objects.filter(code=payload.get("organisation")).exists():
            errors["organisation"] = _("Onbekende organisatie.")
        if payload.get("role") not in Role.values:
            errors["role"] = _("Onbekende rol.")
        if not ProcessingActivity.objects.filter(code=payload.get("activity")).exists():
            errors["activity"] = _("Onbekende verwerkingsactiviteit.")
        if errors:
            raise ValidationError(errors)
        return {
            "organisation": payload["organisation"],
            "role": payload["role"],
            "activity": payload["activity"],
            "reference": str(payload.get("reference") or "")[:200],
        }

    def describe(self, proposal: Proposal) -> str:
        p = proposal.payload
        return f"{p['organisation']} / {Role(p['role']).label} / {p['activity']}"

    def apply(self, *, ctx: ProcessingContext, proposal: Proposal) -> str:
        p = proposal.payload
        grant_record(
            ctx=ctx,
            organisation_code=p["organisation"],
            role=p["role"],
            activity=p["activity"],
            reference=p["reference"] or f"vier-ogenvoorstel #{proposal.pk}",
        )
        return ""


def _identified(ctx: ProcessingContext, roles: frozenset[str], what: str) -> None:
    require(ctx.actor is not None and ctx.has_role(*roles), f"only {', '.join(sorted(roles))} {what}")
    require(ctx.second_factor, f"{what} needs a verified second factor")


@transaction.atomic
def proposal_create(
    *, ctx: ProcessingContext, kind: str, subject: User | None, payload: dict[str, Any], reason: str
) -> Proposal:
    """Propose an access change; it takes effect only when another person approves it."""
    plugin = proposal_kinds[kind]()
    _identified(ctx, plugin.proposers, "propose access changes")
    if plugin.needs_subject and subject is None:
        raise ValidationError({"subject": _("Kies de gebruiker.")})
    if subject is not None and str(subject.pk) == ctx.actor_id:
        raise ValidationError({"subject": _("U kunt geen wijziging van uw eigen toegang voorstellen.")})
    if not reason.strip():
        raise ValidationError({"reason": _("Geef de reden (bijvoorbeeld het besluit of convenant).")})
    cleaned = plugin.clean(subject=subject, payload=payload)
    if Proposal.objects.filter(
        kind=kind, subject=subject, payload=cleaned, status=Proposal.Status.PENDING
    ).exists():
        raise ValidationError(_("Er wacht al een gelijk voorstel op een besluit."))
    assert ctx.actor is not None
    proposal = Proposal.objects.create(
        kind=kind, subject=subject, payload=cleaned, reason=reason.strip(), proposed_by_id=ctx.actor.pk
    )
    audit_log(
        ctx=ctx,
        action=Action.CREATE,
        object_type="accounts.proposal",
        object_id=str(proposal.pk),
        data_subject_id=str(subject.pk) if subject else "",
        detail={"kind": kind, "payload": cleaned, "reason": proposal.reason},
    )
    return proposal


@transaction.atomic
def proposal_decide(*, ctx: ProcessingContext, proposal: Proposal, approve: bool, note: str = "") -> Decision:
    """Approve (and carry out) or reject a pending proposal — never one's own, never about oneself."""
    _identified(ctx, DECIDERS, "decide on access changes")
    proposal = Proposal.objects.select_for_update().get(pk=proposal.pk)
    refusal = ""
    if proposal.status != Proposal.Status.PENDING:
        refusal = "this proposal was already decided"
    elif str(proposal.proposed_by_id) == ctx.actor_id:
        refusal = "nobody decides their own proposal (four eyes)"
    elif proposal.subject_id is not None and str(proposal.subject_id) == ctx.actor_id:
        refusal = "nobody decides on their own access"
    if refusal:
        audit_log(
            ctx=ctx,
            action=Action.UPDATE,
            result=Result.REFUSED,
            object_type="accounts.proposal",
            object_id=str(proposal.pk),
            detail={"reden": refusal},
        )
        require(False, refusal)
    assert ctx.actor is not None
    proposal.status = Proposal.Status.APPROVED if approve else Proposal.Status.REJECTED
    proposal.decided_by_id = ctx.actor.pk
    proposal.decided_at = timezone.now()
    proposal.decision_note = note.strip()
    proposal.save()
    secret = proposal_kinds[proposal.kind]().apply(ctx=ctx, proposal=proposal) if approve else ""
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="accounts.proposal",
        object_id=str(proposal.pk),
        data_subject_id=str(proposal.subject_id or ""),
        detail={
            "kind": proposal.kind,
            "decision": proposal.status,
            "payload": proposal.payload,
            "note": note,
        },
    )
    return Decision(proposal, secret)


def proposal_withdraw(*, ctx: ProcessingContext, proposal: Proposal) -> None:
    """The proposer takes a pending proposal back."""
    require(str(proposal.proposed_by_id) == ctx.actor_id, "only the proposer withdraws a proposal")
    require(proposal.status == Proposal.Status.PENDING, "only a pending proposal can be withdrawn")
    proposal.status = Proposal.Status.WITHDRAWN
    proposal.save(update_fields=["status"])
    audit_log(
        ctx=ctx,
        action=Action.UPDATE,
        object_type="accounts.proposal",
        object_id=str(proposal.pk),
        detail={"decision": "withdrawn"},
    )
