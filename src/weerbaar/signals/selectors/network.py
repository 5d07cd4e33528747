"""The link chart of a case: start from its signals and subjects, expand one node at a time.

Bounded: one expansion returns at most `MAX_NEIGHBOURS` neighbours (and says how many more there
are), so a chart never draws thousands of nodes at once. What a node is tied to is its subject
kind's answer (`weerbaar.core.subjects`: the registers app answers for persons, companies,
addresses and parcels, each through its audited selectors); persons come only with shielded
clearance. Every expansion is audited under the case.

Only what the chart of this case has shown can be expanded: every node comes with a `knoop` key,
its id signed for this case (`node_key`), and `expand` takes that key. So an expansion, logged
under the case and its purpose, is always a step from the case, never a look-up of an arbitrary
person or company dressed up as one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core import signing
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from weerbaar.audit.recording import audited
from weerbaar.core.context import ProcessingContext
from weerbaar.core.policies import policy_for
from weerbaar.core.subjects import Neighbour, subject_kinds
from weerbaar.core.subjects import kind_label as subject_kind_label

from ..models import Case, Signal, Subject
from ..policies import ACTIVITIES

MAX_NEIGHBOURS = 25
#: node kinds of the chart itself (every other kind is a subject kind)
SIGNAL, SUBJECT = "signaal", "onderwerp"


class UnknownNode(PermissionDenied):
    """A node key that the chart of this case did not hand out (or that was altered)."""


def _signer(case: Case) -> signing.Signer:
    return signing.Signer(salt=f"weerbaar.signals.netwerk:{case.pk}")


def node_key(case: Case, node_id: str) -> str:
    """The key with which the chart of `case` lets a node be expanded: its id, signed for the case."""
    return _signer(case).sign(node_id)


@dataclass
class Graph:
    case: Case
    nodes: dict[str, dict[str, str]] = field(default_factory=dict)
    edges: list[dict[str, str]] = field(default_factory=list)
    more: int = 0

    def node(self, node_id: str, kind: str, label: str) -> str:
        self.nodes.setdefault(
            node_id,
            {
                "id": node_id,
                "knoop": node_key(self.case, node_id),
                "kind": kind,
                # the kind in the page's language: the chart's legend and list never show the
                # Dutch name that the node id carries
                "kind_label": kind_label(kind),
                "label": label,
            },
        )
        return node_id

    def edge(self, a: str, b: str, kind: str) -> None:
        self.edges.append({"source": a, "target": b, "kind": kind})

    def as_dict(self) -> dict[str, Any]:
        return {"nodes": list(self.nodes.values()), "edges": self.edges, "more": self.more}


def kind_label(kind: str) -> str:
    """The translated name of a node kind (a subject kind, a signal, an unmatched subject)."""
    if kind == SIGNAL:
        return _("signaal")
    if kind == SUBJECT:
        return _("onderwerp")
    return subject_kind_label(kind)


def subject_node_id(subject: Subject) -> str:
    """A subject whose key names one register entry is that entry's node ('onderneming:12345678'),
    so the same company in two signals is one node; any other subject is one node per subject key
    ('onderwerp:persoon:vries|J|1970-01-01'): the same person named in two signals is one node."""
    kind = subject_kinds.get(subject.kind)
    if kind is None or not kind.key_is_identity:
        return f"{SUBJECT}:{subject.key}"
    return subject.key


def _matched_node(ctx: ProcessingContext, subject: Subject) -> Neighbour | None:
    """The one register entry a subject without a register key (a person named in a signal with
    date of birth) matches, so subject and register entry are one node; None when the registers
    hold none or several (then the subject stays a node of its own and expanding it shows the
    candidates). Asked only with shielded clearance: the match is a read of the registers
    (logged by their selector); without it nothing is asked and nothing is refused."""
    kind = subject_kinds.get(subject.kind)
    if kind is None or kind.key_is_identity or not subject.birth_date or not ctx.clearance.shielded:
        return None
    found = kind.matches(ctx, subject.ref(), limit=2)
    return found[0] if len(found) == 1 else None


#: (node id, kind shown, label, edge): a subject's node id need not start with its kind
Step = tuple[str, str, str, str]


def _step(neighbour: Neighbour) -> Step:
    return neighbour.node_id, neighbour.kind, neighbour.label, neighbour.edge


def _subject_step(ctx: ProcessingContext, subject: Subject) -> Step:
    matched = _matched_node(ctx, subject)
    if matched is not None:
        return matched.node_id, matched.kind, subject.name or matched.label, _("onderwerp")
    return subject_node_id(subject), subject.kind, subject.name or subject.identifier, _("onderwerp")


def case_graph(*, ctx: ProcessingContext, case: Case) -> Graph:
    """The start of the chart: the case's signals the context may see and their subjects."""
    graph = Graph(case)
    with audited(ctx, object_type="signals.netwerk", purposes=ACTIVITIES) as record:
        for signal in policy_for(Signal).visible(ctx, case.signals.all()):
            sid = graph.node(f"{SIGNAL}:{signal.pk}", SIGNAL, signal.number)
            for subject in policy_for(Subject).visible(ctx, signal.subjects.all()):
                matched = _matched_node(ctx, subject)
                if matched is not None:  # one node: the subject is this register entry
                    nid = graph.node(matched.node_id, matched.kind, subject.name or matched.label)
                else:
                    nid = graph.node(
                        subject_node_id(subject), subject.kind, subject.name or subject.identifier
                    )
                graph.edge(sid, nid, _("onderwerp"))
        record.disclosed(object_id=case.number, detail={"knoop": "", "buren": len(graph.nodes)})
    return graph


def expand(*, ctx: ProcessingContext, case: Case, key: str) -> Graph:
    """The neighbours of one node of the case's chart, bounded; `key` is the node's `knoop`.

    Raises UnknownNode (logged as refused) for a key this case's chart did not hand out."""
    with audited(ctx, object_type="signals.netwerk", purposes=ACTIVITIES) as record:
        try:
            node = _signer(case).unsign(key)
        except signing.BadSignature:
            record.refused(
                reason="node not handed out by this case", object_id=case.number, detail={"knoop": key[:100]}
            )
            raise UnknownNode(_("Deze knoop hoort niet bij het netwerk van deze casus.")) from None
        graph = Graph(case)
        seen: set[str] = set()
        for nid, kind, label, edge in _neighbours(ctx, node):
            if nid == node or nid in seen:
                continue
            if len(seen) >= MAX_NEIGHBOURS:
                graph.more += 1
                continue
            seen.add(nid)
            graph.node(nid, kind, label)
            graph.edge(node, nid, edge)
        record.disclosed(object_id=case.number, detail={"knoop": node, "buren": len(seen)})
        return graph


def _neighbours(ctx: ProcessingContext, node: str) -> list[Step]:
    """Other signals with the same subject first, then what the subject kind ties the node to."""
    kind_name, _sep, value = node.partition(":")
    limit = MAX_NEIGHBOURS + 1  # one more than shown: the chart says there is more
    if kind_name == SIGNAL:
        signal = policy_for(Signal).visible(ctx).filter(pk=value).first()
        if signal is None:
            return []
        return [_subject_step(ctx, s) for s in policy_for(Subject).visible(ctx, signal.subjects.all())]
    if kind_name == SUBJECT:
        subject = policy_for(Subject).visible(ctx).filter(key=value).order_by("pk").first()
        if subject is None or subject.kind not in subject_kinds:
            return []
        matches = subject_kinds[subject.kind].matches(ctx, subject.ref(), limit=limit)
        return _co_occurrence(ctx, subject.key) + [_step(n) for n in matches]
    if kind_name not in subject_kinds:
        return []
    kind = subject_kinds[kind_name]
    found = _co_occurrence(ctx, node) if kind.key_is_identity else []
    return found + [_step(n) for n in kind.neighbours(ctx, value, limit=limit)]


def _co_occurrence(ctx: ProcessingContext, subject_key: str) -> list[Step]:
    """Other signals the context may see with the same subject key."""
    signals = policy_for(Signal).visible(ctx).filter(subjects__key=subject_key).distinct()
    return [
        (f"{SIGNAL}:{s.pk}", SIGNAL, s.number, _("samen in signaal")) for s in signals[: MAX_NEIGHBOURS + 1]
    ]
