"""Kinds of subject: what a signal (and later a case, a park or a decision) can be about.

A subject kind (person, company, address, parcel, vehicle, holiday park, VAB location, ...) says

- how an identifier becomes its key (`normalise`, `key`), so the same subject is found again;
- its label and the fields a form needs for it (`label`, `identifier_label`, `fields`);
- what the registers know about it, as facts with their source, freshness and level (`facts`);
- whether a register holds something the context may not see: hit / no hit (`hit`);
- what it is tied to, one step at a time, for the network view (`neighbours`, `matches`).

The app that owns the data registers its kinds from its `AppConfig.ready` (the registers app:
person, company, address and parcel); the foundation knows none of them, and the apps that use
subjects (signals) ask `subject_kinds` instead of branching on the kind. Every method that reads
takes the processing context and reads through the owning app's selectors, which audit.

Where facts come from is a `Source` (a register, the map, the platform's own signals), registered
in `sources` by the app that owns it: its title, who holds what a viewer may not see and how to
ask for it, and how fresh it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar

from django.utils.functional import Promise

from .access import AccessLevel
from .context import ProcessingContext
from .registry import Registry

#: one fact as stored with an enrichment run (JSON) and shown on the page and in the API
Fact = dict[str, Any]


# --- sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    """Where facts come from. `holder` and `how_to_ask` are shown with a *hit* a viewer may not open."""

    code: str
    title: str
    holder: str = ""
    how_to_ask: str = ""
    #: the date its data was last brought up to date (ISO date or a sentence), for a context
    freshness: Callable[[ProcessingContext], str] | None = None


sources: Registry[Source] = Registry("fact source")


def register_source(source: Source) -> Source:
    sources.register(source.code)(source)
    return source


def source_title(code: str) -> str:
    return sources[code].title if code in sources else code


def holder_of(code: str, *, fallback: str = "") -> tuple[str, str]:
    """(holder, how to ask) of a source; of `fallback` when the source names no holder."""
    for candidate in (code, fallback):
        if candidate in sources and sources[candidate].holder:
            return sources[candidate].holder, sources[candidate].how_to_ask
    return "", ""


def fact(
    *,
    subject: str,
    category: str,
    label: Any,
    value: Any = "",
    source: str,
    freshness: str = "",
    level: str = AccessLevel.OPENBAAR,
    hit: bool | None = None,
    holder: str = "",
    request: str = "",
    link: str = "",
) -> Fact:
    """One fact: about `subject`, from `source` (a code in `sources`, or a title), at `level`;
    `link` is a page of the platform where the subject can be read further (its profile)."""
    return {
        "subject": subject,
        "category": category,
        "label": str(label),
        "value": "" if value is None else str(value),
        "source": source_title(source),
        "freshness": freshness,
        "level": str(level),
        "hit": hit,
        "holder": holder,
        "request": request,
        "link": link,
    }


def hidden_fact(
    *, subject: str, category: str, label: Any, source: str, hit: bool | None, freshness: str = ""
) -> Fact:
    """A hit / no hit for what the context may not see: the holder and how to ask, no value."""
    holder, how = holder_of(source)
    return fact(
        subject=subject,
        category=category,
        label=label,
        source=source,
        freshness=freshness,
        level=AccessLevel.INTERN,
        hit=hit,
        holder=holder,
        request=how,
    )


class Freshness:
    """The freshness of each source, asked once per enrichment run."""

    def __init__(self, ctx: ProcessingContext) -> None:
        self.ctx = ctx
        self._cache: dict[str, str] = {}

    def __call__(self, code: str) -> str:
        if code not in self._cache:
            source = sources.get(code)
            self._cache[code] = source.freshness(self.ctx) if source and source.freshness else ""
        return self._cache[code]


class About:
    """Facts about one subject from one source: subject, category, source and freshness said once."""

    def __init__(self, subject: str, source: str, fresh: Freshness) -> None:
        self.subject, self.source, self.fresh = subject, source, fresh

    def fact(self, *, label: Any, value: Any = "", level: str = AccessLevel.OPENBAAR, link: str = "") -> Fact:
        return fact(
            subject=self.subject,
            category=self.source,
            label=label,
            value=value,
            source=self.source,
            freshness=self.fresh(self.source),
            level=level,
            link=link,
        )

    def hidden(self, *, label: Any, hit: bool | None) -> Fact:
        return hidden_fact(
            subject=self.subject,
            category=self.source,
            label=label,
            source=self.source,
            hit=hit,
            freshness=self.fresh(self.source),
        )


# --- subject kinds -------------------------------------------------------------------------------


@dataclass(frozen=True)
class SubjectRef:
    """A subject as the kinds see it: independent of where it is stored (a signal's subject, a
    signal's own address or parcel). `label` is how facts name it ('persoon: Jan de Vries')."""

    kind: str
    identifier: str
    name: str = ""
    birth_date: dt.date | None = None
    label: str = ""


@dataclass(frozen=True)
class Suggestion:
    """A register entry offered while a user types a subject (autocomplete): `identifier` is
    exactly what the subject stores for its kind, `label` how the entry reads in the list, `name`
    and `birth_date` what the form fills in besides."""

    kind: str
    identifier: str
    label: str
    name: str = ""
    birth_date: dt.date | None = None


@dataclass(frozen=True)
class Neighbour:
    """One step in the network: a node `<kind>:<value>` with its label, and what ties it."""

    kind: str
    value: str
    label: str
    edge: str

    @property
    def node_id(self) -> str:
        return f"{self.kind}:{self.value}"


class SubjectKind:
    """One kind of subject. Subclass, set `name` and `label`, override what the kind can answer,
    and register it with `@register_subject_kind` from the owning app's `ready()`."""

    #: the stored value (`signals.Subject.kind`, at most 12 characters) and the key's prefix
    name: ClassVar[str]
    label: ClassVar[str | Promise]
    #: what the identifier is, for forms ('KvK-nummer', 'postcode en huisnummer')
    identifier_label: ClassVar[str | Promise] = ""
    #: the subject fields the kind uses besides its identifier: "name", "birth_date"
    fields: ClassVar[tuple[str, ...]] = ("name",)
    #: what a user may type to find a subject of this kind in the registers (autocomplete)
    search_hint: ClassVar[str | Promise] = ""
    #: place in lists and menus
    order: ClassVar[int] = 100
    #: a key names one entry of a register (a KvK-nummer, an address): the subject *is* that node
    #: in the network, and other signals with the same key are its neighbours. False for a person
    #: named in a signal, who may match several register persons (see `matches`).
    key_is_identity: ClassVar[bool] = True

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        """The identifier as the key compares it; by default trimmed and in capitals."""
        return " ".join((identifier or "").split()).upper()

    def valid(self, identifier: str) -> bool:
        """Whether `identifier` is a well-formed identifier of this kind (e.g. a Dutch postcode
        with huisnummer); by default any text that is not empty."""
        return bool((identifier or "").strip())

    def key(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        """'<kind>:<normalised identifier>': the same subject has the same key across signals."""
        return f"{self.name}:{self.normalise(identifier, name=name, birth_date=birth_date)}"

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        """What the registers say about `subject`, as far as `ctx` may see it; the rest as hit /
        no hit with its holder."""
        return []

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        """Hit / no hit: does a register hold (shielded) data on `subject`? None when no register
        in the platform can answer. The answer is a disclosure: the selector asked logs it."""
        return None

    def neighbours(self, ctx: ProcessingContext, value: str, *, limit: int) -> list[Neighbour]:
        """What node `<name>:<value>` is tied to in the registers, at most `limit` of each tie."""
        return []

    def matches(self, ctx: ProcessingContext, subject: SubjectRef, *, limit: int) -> list[Neighbour]:
        """For a kind whose key is no identity: the register entries that may be `subject`."""
        return []

    def may_suggest(self, ctx: ProcessingContext) -> bool:
        """Whether `suggest` can answer this context at all (a form offers the search box then)."""
        return False

    def suggest(self, ctx: ProcessingContext, query: str, *, limit: int) -> list[Suggestion]:
        """At most `limit` register entries of this kind that fit what the user typed. Raises
        PermissionDenied when the context may not search this kind (the refusal logged there)."""
        return []


K = TypeVar("K", bound=type[SubjectKind])

subject_kinds: Registry[SubjectKind] = Registry("subject kind")


def register_subject_kind(cls: K) -> K:
    """Class decorator: one instance of the kind is registered under its `name`."""
    subject_kinds.register(cls.name)(cls())
    return cls


def kinds_in_order() -> list[SubjectKind]:
    return sorted((kind for _name, kind in subject_kinds.items()), key=lambda k: (k.order, k.name))


def kind_choices() -> list[tuple[str, str]]:
    """(name, label) of every registered kind, for a form's select."""
    return [(kind.name, str(kind.label)) for kind in kinds_in_order()]


def kind_label(name: str) -> str:
    """The label of a kind; the stored name itself for a kind no app registers (any more)."""
    return str(subject_kinds[name].label) if name in subject_kinds else name


__all__ = [
    "About",
    "Fact",
    "Freshness",
    "Neighbour",
    "Source",
    "SubjectKind",
    "SubjectRef",
    "Suggestion",
    "fact",
    "hidden_fact",
    "holder_of",
    "kind_choices",
    "kind_label",
    "kinds_in_order",
    "register_source",
    "register_subject_kind",
    "source_title",
    "sources",
    "subject_kinds",
]
