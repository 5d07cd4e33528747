"""The link chart of a case: start from its signals and subjects, expand one node at a time.

Bounded: one expansion returns at most `MAX_NEIGHBOURS` neighbours (and says how many more there
are), so a chart never draws thousands of nodes at once. Persons come only with shielded clearance;
every expansion is audited.

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

from weerbaar.audit.models import Action, Result
from weerbaar.audit.services import audit_log
from weerbaar.core.clearance import clearance_for
from weerbaar.core.policies import policy_for
from weerbaar.registers.lookup import parse_name
from weerbaar.registers.models import (
    Functionaris,
    Onderneming,
    Persoon,
    PersoonAdres,
    Vestiging,
    ZakelijkRecht,
)

from .models import Case, Signal, Subject

MAX_NEIGHBOURS = 25


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
    nodes: dict[str, dict] = field(default_factory=dict)
    edges: list[dict] = field(default_factory=list)
    more: int = 0

    def node(self, node_id: str, kind: str, label: str) -> str:
        self.nodes.setdefault(
            node_id, {"id": node_id, "knoop": node_key(self.case, node_id), "kind": kind, "label": label}
        )
        return node_id

    def edge(self, a: str, b: str, kind: str) -> None:
        self.edges.append({"source": a, "target": b, "kind": kind})

    def as_dict(self) -> dict:
        return {"nodes": list(self.nodes.values()), "edges": self.edges, "more": self.more}


def subject_node_id(subject: Subject) -> str:
    kind, _sep, value = subject.key.partition(":")
    if kind == "persoon":
        return f"onderwerp:{subject.pk}"
    return f"{kind}:{value}"


def case_graph(*, user: Any, case: Case, request: Any = None) -> Graph:
    graph = Graph(case)
    signals = policy_for(Signal).visible(user, case.signals.all())
    for signal in signals:
        sid = graph.node(f"signaal:{signal.pk}", "signaal", signal.number)
        for subject in policy_for(Subject).visible(user, signal.subjects.all()):
            nid = graph.node(subject_node_id(subject), subject.kind, subject.name or subject.identifier)
            graph.edge(sid, nid, "onderwerp")
    _log(user, case, "", len(graph.nodes), request)
    return graph


def expand(*, user: Any, case: Case, key: str, request: Any = None) -> Graph:
    """The neighbours of one node of the case's chart, bounded; `key` is the node's `knoop`.

    Raises UnknownNode (logged as refused) for a key this case's chart did not hand out."""
    try:
        node = _signer(case).unsign(key)
    except signing.BadSignature:
        _log(user, case, key[:100], 0, request, refused=True)
        raise UnknownNode(_("Deze knoop hoort niet bij het netwerk van deze casus.")) from None
    graph = Graph(case)
    kind, _sep, value = node.partition(":")
    shielded = clearance_for(user).shielded
    found: list[tuple[str, str, str, str]] = []  # (node id, kind, label, edge kind)
    if kind in ("onderneming", "adres", "perceel", "voertuig", "onderwerp"):
        found += _co_occurrence(user, kind, value)
    if kind == "onderneming":
        o = policy_for(Onderneming).visible(user).filter(kvk_nummer=value).first()
        if o is not None:
            for v in policy_for(Vestiging).visible(user).filter(onderneming=o)[: MAX_NEIGHBOURS + 1]:
                found.append(
                    (
                        f"adres:{v.adres_sleutel}",
                        "adres",
                        f"{v.straat} {v.huisnummer}{v.huisletter}, {v.plaats}",
                        "vestiging",
                    )
                )
            if shielded:
                for f in (
                    policy_for(Functionaris)
                    .visible(user)
                    .filter(onderneming=o)
                    .select_related("persoon")[: MAX_NEIGHBOURS + 1]
                ):
                    found.append(
                        (
                            f"persoon:{f.persoon.bron_id}",
                            "persoon",
                            str(f.persoon),
                            f.functie or _("functionaris"),
                        )
                    )
    elif kind == "adres":
        for v in policy_for(Vestiging).visible(user).filter(adres_sleutel=value)[: MAX_NEIGHBOURS + 1]:
            found.append(
                (
                    f"onderneming:{v.kvk_nummer}",
                    "onderneming",
                    v.eerste_handelsnaam or v.kvk_nummer,
                    "vestiging",
                )
            )
        if shielded:
            for pa in (
                policy_for(PersoonAdres)
                .visible(user)
                .filter(adres_sleutel=value)
                .select_related("persoon")[: MAX_NEIGHBOURS + 1]
            ):
                found.append((f"persoon:{pa.persoon.bron_id}", "persoon", str(pa.persoon), _("ingeschreven")))
    elif kind == "perceel" and shielded:
        rights = (
            policy_for(ZakelijkRecht).visible(user).filter(kadastraal_object__kadastrale_aanduiding=value)
        )
        for r in rights.select_related("persoon")[: MAX_NEIGHBOURS + 1]:
            if r.persoon:
                found.append((f"persoon:{r.persoon.bron_id}", "persoon", str(r.persoon), _("eigenaar")))
            elif r.kvk_nummer:
                found.append(
                    (f"onderneming:{r.kvk_nummer}", "onderneming", r.rechtspersoon_naam, _("eigenaar"))
                )
    elif kind == "persoon" and shielded:
        for f in (
            policy_for(Functionaris)
            .visible(user)
            .filter(persoon__bron_id=value)
            .select_related("onderneming")[:MAX_NEIGHBOURS]
        ):
            found.append(
                (
                    f"onderneming:{f.onderneming.kvk_nummer}",
                    "onderneming",
                    f.onderneming.naam,
                    f.functie or _("functionaris"),
                )
            )
        for r in (
            policy_for(ZakelijkRecht)
            .visible(user)
            .filter(persoon__bron_id=value)
            .select_related("kadastraal_object")[:MAX_NEIGHBOURS]
        ):
            found.append(
                (
                    f"perceel:{r.kadastraal_object.kadastrale_aanduiding}",
                    "perceel",
                    r.kadastraal_object.kadastrale_aanduiding,
                    _("eigenaar"),
                )
            )
        for pa in policy_for(PersoonAdres).visible(user).filter(persoon__bron_id=value)[:MAX_NEIGHBOURS]:
            found.append(
                (
                    f"adres:{pa.adres_sleutel}",
                    "adres",
                    f"{pa.straat} {pa.huisnummer}, {pa.woonplaats}",
                    _("ingeschreven"),
                )
            )
    elif kind == "onderwerp" and shielded:
        subject = policy_for(Subject).visible(user).filter(pk=value, kind=Subject.Kind.PERSOON).first()
        if subject is not None:
            query = parse_name(subject.name or subject.identifier)
            people = policy_for(Persoon).visible(user).filter(naam_sleutel=query.key)
            if subject.birth_date:
                people = people.filter(geboortedatum=subject.birth_date)
            for p in people[: MAX_NEIGHBOURS + 1]:
                found.append((f"persoon:{p.bron_id}", "persoon", str(p), _("mogelijk dezelfde persoon")))
    elif kind == "signaal":
        signal = policy_for(Signal).visible(user).filter(pk=value).first()
        if signal is not None:
            for subject in policy_for(Subject).visible(user, signal.subjects.all()):
                found.append(
                    (subject_node_id(subject), subject.kind, subject.name or subject.identifier, "onderwerp")
                )
    seen = set()
    for nid, nkind, label, edge in found:
        if nid == node or nid in seen:
            continue
        if len(seen) >= MAX_NEIGHBOURS:
            graph.more += 1
            continue
        seen.add(nid)
        graph.node(nid, nkind, label)
        graph.edge(node, nid, edge)
    _log(user, case, node, len(seen), request)
    return graph


def _co_occurrence(user, kind: str, value: str) -> list[tuple[str, str, str, str]]:
    """Other visible signals with the same subject (or, for a person subject, the same key)."""
    if kind == "onderwerp":
        subject = policy_for(Subject).visible(user).filter(pk=value).first()
        key = subject.key if subject else None
    else:
        key = f"{kind}:{value}"
    if not key:
        return []
    signals = policy_for(Signal).visible(user).filter(subjects__key=key).distinct()[: MAX_NEIGHBOURS + 1]
    return [(f"signaal:{s.pk}", "signaal", s.number, _("samen in signaal")) for s in signals]


def _log(user, case: Case, node: str, count: int, request, *, refused: bool = False) -> None:
    from .services import purpose_for

    audit_log(
        actor=user,
        action=Action.VIEW,
        result=Result.REFUSED if refused else Result.ALLOWED,
        object_type="signals.netwerk",
        object_id=case.number,
        processing_activity=purpose_for(user, request),
        request=request,
        detail={"knoop": node, "buren": count},
    )
