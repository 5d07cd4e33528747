"""Writes on accounts: users and roles, tokens, logging in, and four-eyes proposals.

Every service takes the processing context of whoever acts (`ctx`; the platform itself for
set-up commands) and writes its audit entry in the hash-chained log.
"""

from .login import LoginOutcome, password_login, second_factor_confirm, second_factor_verify
from .proposals import ProposalKind, proposal_create, proposal_decide, proposal_kinds, proposal_withdraw
from .users import token_authenticate, token_issue, token_revoke, user_create, user_revoke_roles

__all__ = [
    "LoginOutcome",
    "ProposalKind",
    "password_login",
    "proposal_create",
    "proposal_decide",
    "proposal_kinds",
    "proposal_withdraw",
    "second_factor_confirm",
    "second_factor_verify",
    "token_authenticate",
    "token_issue",
    "token_revoke",
    "user_create",
    "user_revoke_roles",
]
