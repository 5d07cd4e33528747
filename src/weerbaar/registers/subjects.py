"""The subject kinds the registers know: person, company, address and parcel (and their sources).

Registered from `RegistersConfig.ready`. Every read goes through this app's selectors with the
caller's processing context, so each answer holds only what that context may see and every read
of personal data — the hit / no-hit answers included — is audited there.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from weerbaar.audit.finders import FoundSubject, subject_finders
from weerbaar.core.access import AccessLevel
from weerbaar.core.context import ProcessingContext
from weerbaar.core.subjects import (
    About,
    Fact,
    Freshness,
    Neighbour,
    Source,
    SubjectKind,
    SubjectRef,
    Suggestion,
    register_source,
    register_subject_kind,
)

from . import identifiers, selectors
from .lookup import parse_address, parse_name
from .models import Nummeraanduiding

INTERN, AFGESCHERMD = AccessLevel.INTERN, AccessLevel.AFGESCHERMD
#: facts shown per list (residents, establishments, owners): the enrichment is an overview
SHOWN = 10


def _freshness(register: str) -> Callable[[ProcessingContext], str]:
    """The date of the register's last successful import."""

    def freshness(ctx: ProcessingContext) -> str:
        run = selectors.laatste_import(ctx=ctx, register=register)
        moment = run and (run.beeindigd or run.gestart)
        return moment.date().isoformat() if moment else str(_("importdatum onbekend"))

    return freshness


for _source in (
    Source("bag", "BAG (Basisregistratie Adressen en Gebouwen)", freshness=_freshness("bag")),
    Source(
        "brk",
        "BRK (Basisregistratie Kadaster)",
        holder="Kadaster via de gemeente",
        how_to_ask="Een analist met een grondslag voor signaalverrijking kan de eigenaren inzien.",
        freshness=_freshness("brk"),
    ),
    Source(
        "kvk",
        "Handelsregister (KvK)",
        holder="KvK via het RIEC",
        how_to_ask="Functionarissen zijn afgeschermd; vraag ze op via het RIEC-informatieplein.",
        freshness=_freshness("kvk"),
    ),
    Source(
        "personen",
        "Personen (BRP-uittreksel)",
        holder="Gemeente (BRP) via het RIEC",
        how_to_ask=(
            "Vraag inzage aan via het RIEC-informatieplein met een vastgelegde grondslag (convenant, WGS)."
        ),
        freshness=_freshness("personen"),
    ),
):
    register_source(_source)


@register_subject_kind
class PersonKind(SubjectKind):
    """A person named in a signal: by name (and date of birth); the registers may hold several."""

    name = "persoon"
    label = gettext_lazy("persoon")
    identifier_label = gettext_lazy("naam")
    fields = ("name", "birth_date")
    search_hint = gettext_lazy("naam, bijvoorbeeld 'J. de Vries'")
    order = 10
    key_is_identity = False

    def may_suggest(self, ctx: ProcessingContext) -> bool:
        return ctx.clearance.shielded

    def suggest(self, ctx: ProcessingContext, query: str, *, limit: int) -> list[Suggestion]:
        """Register persons by name: shielded. Without clearance or a declared purpose the
        selector logs the refusal and the caller gets PermissionDenied, not an empty list."""
        refusal = selectors.shielded_refusal(ctx)
        hits = selectors.persoon_zoeken(ctx=ctx, naam=query, limit=limit)  # logs a refusal too
        if refusal == selectors.NO_PURPOSE:
            raise PermissionDenied(_("Verklaar eerst het doel van deze zoekvraag (doelbinding)."))
        if refusal:
            raise PermissionDenied(_("Personen zijn afgeschermd: tweede factor en grondslag nodig."))
        suggestions = []
        for hit in hits:
            p = hit.persoon
            born = f" ({p.geboortedatum:%d-%m-%Y})" if p.geboortedatum else ""
            suggestions.append(Suggestion(self.name, str(p), f"{p}{born}", str(p), p.geboortedatum))
        return suggestions

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        query = parse_name(name or identifier)
        return f"{query.key}|{query.initials[:1]}|{birth_date or ''}"

    def _name(self, subject: SubjectRef) -> str:
        return subject.name or subject.identifier

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        return selectors.persoon_aanwezig(ctx=ctx, naam=self._name(subject), geboortedatum=subject.birth_date)

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        personen = About(subject.label, "personen", fresh)
        kvk, brk = About(subject.label, "kvk", fresh), About(subject.label, "brk", fresh)
        if not ctx.clearance.shielded:
            return [personen.hidden(label=_("Persoon in de registers"), hit=self.hit(ctx, subject))]
        hits = selectors.persoon_zoeken(
            ctx=ctx, naam=self._name(subject), geboortedatum=subject.birth_date, limit=5, minimum=85
        )
        facts = [personen.fact(label=_("Treffers in de registers"), value=len(hits), level=AFGESCHERMD)]
        for found in hits:
            p = found.persoon
            born = f" ({p.geboortedatum:%d-%m-%Y})" if p.geboortedatum else ""
            facts.append(
                personen.fact(
                    label=_("Persoon (score %(score).0f)") % {"score": found.score.score},
                    value=f"{p}{born}",
                    level=AFGESCHERMD,
                )
            )
            verbanden = selectors.persoon_verbanden(ctx=ctx, persoon=p)
            for func in verbanden.functies:
                facts.append(
                    kvk.fact(
                        label=_("Functionaris bij"),
                        value=f"{func.onderneming.naam} ({func.onderneming.kvk_nummer}), {func.functie}",
                        level=AFGESCHERMD,
                    )
                )
            for right in verbanden.rechten:
                facts.append(
                    brk.fact(
                        label=_("Eigendom"),
                        value=right.kadastraal_object.kadastrale_aanduiding,
                        level=AFGESCHERMD,
                    )
                )
        return facts

    def neighbours(self, ctx: ProcessingContext, value: str, *, limit: int) -> list[Neighbour]:
        """A register person (`value` is its bron_id): companies, parcels and addresses."""
        buren = selectors.persoon_buren(ctx=ctx, bron_id=value, limit=limit)
        return (
            [
                Neighbour(
                    "onderneming",
                    f.onderneming.kvk_nummer,
                    f.onderneming.naam,
                    f.functie or _("functionaris"),
                )
                for f in buren.functionarissen
            ]
            + [
                Neighbour(
                    "perceel",
                    r.kadastraal_object.kadastrale_aanduiding,
                    r.kadastraal_object.kadastrale_aanduiding,
                    _("eigenaar"),
                )
                for r in buren.rechten
            ]
            + [
                Neighbour(
                    "adres", a.adres_sleutel, f"{a.straat} {a.huisnummer}, {a.woonplaats}", _("ingeschreven")
                )
                for a in buren.bewoners
            ]
        )

    def matches(self, ctx: ProcessingContext, subject: SubjectRef, *, limit: int) -> list[Neighbour]:
        people = selectors.personen_met_naam(
            ctx=ctx, naam=self._name(subject), geboortedatum=subject.birth_date, limit=limit
        )
        return [Neighbour("persoon", p.bron_id, str(p), _("mogelijk dezelfde persoon")) for p in people]


@register_subject_kind
class CompanyKind(SubjectKind):
    """A company by its KvK-nummer."""

    name = "onderneming"
    label = gettext_lazy("onderneming")
    identifier_label = gettext_lazy("KvK-nummer")
    search_hint = gettext_lazy("naam of KvK-nummer")
    order = 20

    def may_suggest(self, ctx: ProcessingContext) -> bool:
        return True

    def suggest(self, ctx: ProcessingContext, query: str, *, limit: int) -> list[Suggestion]:
        """Companies by (part of) their name or by KvK-nummer, as far as the context may see them."""
        return [
            Suggestion(self.name, o.kvk_nummer, str(o), o.naam)
            for o in selectors.ondernemingen_op_naam(ctx=ctx, naam=query, limit=limit)
        ]

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        return re.sub(r"\D", "", identifier or "")

    def valid(self, identifier: str) -> bool:
        return identifiers.is_kvk_nummer(self.normalise(identifier))

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        result = selectors.onderneming_zoeken(ctx=ctx, kvk_nummer=subject.identifier)
        if result.onderneming is None:
            return None
        if result.functionarissen is not None:
            return bool(result.functionarissen)
        return selectors.functionarissen_aanwezig(ctx=ctx, onderneming=result.onderneming)

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        kvk = About(subject.label, "kvk", fresh)
        result = selectors.onderneming_zoeken(ctx=ctx, kvk_nummer=subject.identifier)
        if result.onderneming is None:
            return [kvk.fact(label=_("Inschrijving KvK"), value=_("niet gevonden of niet zichtbaar"))]
        o = result.onderneming
        lvl = o.access_level
        facts = [
            kvk.fact(label=_("Naam"), value=o.naam, level=lvl),
            kvk.fact(label=_("Rechtsvorm"), value=o.rechtsvorm or "—", level=lvl),
            kvk.fact(
                label=_("Activiteit (SBI)"),
                value=f"{o.sbi_code} {o.sbi_omschrijving}".strip() or "—",
                level=lvl,
            ),
            kvk.fact(label=_("Ingeschreven op"), value=o.registratiedatum or "—", level=lvl),
        ]
        if o.datum_einde:
            facts.append(kvk.fact(label=_("Uitgeschreven op"), value=o.datum_einde, level=lvl))
        for v in result.vestigingen[:SHOWN]:
            facts.append(
                kvk.fact(
                    label=_("Vestigingsadres"),
                    value=f"{v.straat} {v.huisnummer}{v.huisletter}, {v.postcode} {v.plaats}",
                    level=v.access_level,
                )
            )
        if result.functionarissen is None:
            hit = selectors.functionarissen_aanwezig(ctx=ctx, onderneming=o)
            facts.append(kvk.hidden(label=_("Functionarissen"), hit=hit))
        else:
            for f in result.functionarissen[:SHOWN]:
                facts.append(kvk.fact(label=f.functie, value=str(f.persoon), level=AFGESCHERMD))
        return facts

    def neighbours(self, ctx: ProcessingContext, value: str, *, limit: int) -> list[Neighbour]:
        buren = selectors.onderneming_buren(ctx=ctx, kvk_nummer=value, limit=limit)
        return [
            Neighbour(
                "adres", v.adres_sleutel, f"{v.straat} {v.huisnummer}{v.huisletter}, {v.plaats}", "vestiging"
            )
            for v in buren.vestigingen
        ] + [
            Neighbour("persoon", f.persoon.bron_id, str(f.persoon), f.functie or _("functionaris"))
            for f in buren.functionarissen
        ]


@register_subject_kind
class AddressKind(SubjectKind):
    """A Dutch address: postcode and huisnummer (with huisletter and toevoeging)."""

    name = "adres"
    label = gettext_lazy("adres")
    identifier_label = gettext_lazy("postcode en huisnummer")
    search_hint = gettext_lazy("straat en plaats, of postcode en huisnummer")
    order = 30

    def may_suggest(self, ctx: ProcessingContext) -> bool:
        return True

    def suggest(self, ctx: ProcessingContext, query: str, *, limit: int) -> list[Suggestion]:
        """Addresses by postcode and huisnummer (a nevenadres as itself), else by street,
        number and place. BAG data only: no residents or establishments are read."""
        if parse_address(query) is not None:
            found = selectors.adres_zoeken(ctx=ctx, query=query, met_personen=False)
            via = found.gevonden_via
            addresses: list[Nummeraanduiding] = [via.get(a.identificatie, a) for a in found.adressen]
        else:
            addresses = list(selectors.adressen_op_straat(ctx=ctx, vraag=query, limit=limit))
        return [
            Suggestion(self.name, kenmerk, str(a))
            for a in addresses[:limit]
            if (kenmerk := address_identifier(a))
        ]

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        """'7411 ab 12-2' -> '7411AB|12||2'; text that is no Dutch address as it was, in capitals."""
        parsed = parse_address(identifier or "")
        return parsed.candidate_keys()[0] if parsed else (identifier or "").strip().upper()

    def valid(self, identifier: str) -> bool:
        return parse_address(identifier or "") is not None

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        if not self.valid(subject.identifier):
            return None
        return selectors.bewoners_aanwezig(ctx=ctx, adres_sleutels=[self.normalise(subject.identifier)])

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        bag, kvk = About(subject.label, "bag", fresh), About(subject.label, "kvk", fresh)
        personen = About(subject.label, "personen", fresh)
        result = selectors.adres_zoeken(ctx=ctx, query=subject.identifier)
        if not result.adressen:
            return [bag.fact(label=_("Adres in de BAG"), value=_("niet gevonden"))]
        facts: list[Fact] = []
        for a in result.adressen[:3]:
            facts.append(bag.fact(label=_("Adres"), value=str(a), level=a.access_level))
            via = result.gevonden_via.get(a.identificatie)
            if via is not None:
                facts.append(
                    bag.fact(label=_("Gevonden via nevenadres"), value=str(via), level=via.access_level)
                )
            for neven in result.nevenadressen.get(a.identificatie, []):
                if neven is not via:
                    facts.append(bag.fact(label=_("Nevenadres"), value=str(neven), level=neven.access_level))
            facts.append(bag.fact(label=_("Gebruiksdoel"), value=a.gebruiksdoel or "—", level=a.access_level))
            if a.bouwjaar:
                facts.append(bag.fact(label=_("Bouwjaar"), value=a.bouwjaar, level=a.access_level))
            if a.oppervlakte:
                facts.append(bag.fact(label=_("Oppervlakte (m²)"), value=a.oppervlakte, level=a.access_level))
        facts.append(
            kvk.fact(label=_("Inschrijvingen KvK op dit adres"), value=len(result.vestigingen), level=INTERN)
        )
        for v in result.vestigingen[:SHOWN]:
            status = _("beëindigd") if v.datum_einde else _("actief")
            facts.append(
                kvk.fact(
                    label=_("Vestiging"),
                    value=f"{v.eerste_handelsnaam} ({v.kvk_nummer}, {status})",
                    level=v.access_level,
                )
            )
        if result.bewoners is None:
            # every key of the objects found: residents at a nevenadres count too
            hit = selectors.bewoners_aanwezig(ctx=ctx, adres_sleutels=result.sleutels())
            facts.append(personen.hidden(label=_("Ingeschreven personen"), hit=hit))
        else:
            facts.append(
                personen.fact(label=_("Ingeschreven personen"), value=len(result.bewoners), level=AFGESCHERMD)
            )
            for b in result.bewoners[:SHOWN]:
                born = f", {b.persoon.geboortedatum:%Y}" if b.persoon.geboortedatum else ""
                facts.append(personen.fact(label=_("Bewoner"), value=f"{b.persoon}{born}", level=AFGESCHERMD))
        return facts

    def neighbours(self, ctx: ProcessingContext, value: str, *, limit: int) -> list[Neighbour]:
        buren = selectors.adres_buren(ctx=ctx, adres_sleutel=value, limit=limit)
        return [
            Neighbour("onderneming", v.kvk_nummer, v.eerste_handelsnaam or v.kvk_nummer, "vestiging")
            for v in buren.vestigingen
        ] + [
            Neighbour("persoon", b.persoon.bron_id, str(b.persoon), _("ingeschreven")) for b in buren.bewoners
        ]


@register_subject_kind
class ParcelKind(SubjectKind):
    """A kadastraal object by its kadastrale aanduiding ('ZWL00 K 1234', 'ZWL00 K 1234 A3')."""

    name = "perceel"
    label = gettext_lazy("perceel")
    identifier_label = gettext_lazy("kadastrale aanduiding")
    search_hint = gettext_lazy("kadastrale aanduiding, bijvoorbeeld ZWL00 K 1234")
    order = 40

    def may_suggest(self, ctx: ProcessingContext) -> bool:
        return True

    def suggest(self, ctx: ProcessingContext, query: str, *, limit: int) -> list[Suggestion]:
        """Parcels and apartment rights whose aanduiding begins with the text (no owners read)."""
        return [
            Suggestion(
                self.name,
                obj.kadastrale_aanduiding,
                f"{obj.kadastrale_aanduiding} ({obj.get_soort_display()})",
            )
            for obj in selectors.percelen_op_aanduiding(ctx=ctx, aanduiding=query, limit=limit)
        ]

    def normalise(self, identifier: str, *, name: str = "", birth_date: dt.date | None = None) -> str:
        return identifiers.normalise_kadastrale_aanduiding(identifier or "")

    def hit(self, ctx: ProcessingContext, subject: SubjectRef) -> bool | None:
        result = selectors.perceel_zoeken(ctx=ctx, aanduiding=subject.identifier)
        if result.object is None:
            return None
        if result.rechten is not None:
            return bool(result.rechten)
        return selectors.eigenaren_aanwezig(ctx=ctx, kadastraal_object=result.object)

    def facts(self, ctx: ProcessingContext, subject: SubjectRef, fresh: Freshness) -> list[Fact]:
        brk = About(subject.label, "brk", fresh)
        result = selectors.perceel_zoeken(ctx=ctx, aanduiding=subject.identifier)
        if result.object is None:
            return [brk.fact(label=_("Perceel in de BRK"), value=_("niet gevonden"))]
        obj = result.object
        facts = [
            brk.fact(
                label=_("Kadastraal object"),
                value=f"{obj.kadastrale_aanduiding} ({obj.get_soort_display()})",
                level=obj.access_level,
            ),
            brk.fact(label=_("Grootte (m²)"), value=obj.grootte or "—", level=obj.access_level),
        ]
        if result.appartementsrechten:
            facts.append(
                brk.fact(
                    label=_("Appartementsrechten"),
                    value=len(result.appartementsrechten),
                    level=obj.access_level,
                )
            )
        if result.rechten is None:
            hit = selectors.eigenaren_aanwezig(ctx=ctx, kadastraal_object=obj)
            facts.append(brk.hidden(label=_("Eigenaren (zakelijk gerechtigden)"), hit=hit))
        else:
            for r in result.rechten[:SHOWN]:
                who = str(r.persoon) if r.persoon else f"{r.rechtspersoon_naam} ({r.kvk_nummer})"
                facts.append(
                    brk.fact(
                        label=_("Eigenaar (%(soort)s, %(teller)s/%(noemer)s)")
                        % {"soort": r.soort, "teller": r.aandeel_teller, "noemer": r.aandeel_noemer},
                        value=who,
                        level=AFGESCHERMD,
                    )
                )
        return facts

    def neighbours(self, ctx: ProcessingContext, value: str, *, limit: int) -> list[Neighbour]:
        buren = selectors.perceel_buren(ctx=ctx, kadastrale_aanduiding=value, limit=limit)
        found = []
        for r in buren.rechten:
            if r.persoon:
                found.append(Neighbour("persoon", r.persoon.bron_id, str(r.persoon), _("eigenaar")))
            elif r.kvk_nummer:
                found.append(Neighbour("onderneming", r.kvk_nummer, r.rechtspersoon_naam, _("eigenaar")))
        return found


def address_identifier(address: Nummeraanduiding) -> str:
    """An address as a signal's subject stores it, '8011AB 12A-2': what `AddressKind` reads back
    to the address key. Empty for an address without postcode (no key to find it by)."""
    if not address.postcode or not address.huisnummer:
        return ""
    toevoeging = f"-{address.toevoeging}" if address.toevoeging else ""
    return f"{address.postcode} {address.huisnummer}{address.huisletter}{toevoeging}"


@subject_finders.register("registers.persoon")
def personen_in_logboek(
    *, ctx: ProcessingContext, naam: str, geboortedatum: dt.date | None = None
) -> list[FoundSubject]:
    """The FG's look-up of a name for the search of the log (audited by the selector)."""
    return [
        FoundSubject(p.bron_id, f"{p}" + (f" ({p.geboortedatum:%d-%m-%Y})" if p.geboortedatum else ""))
        for p in selectors.personen_voor_toezicht(ctx=ctx, naam=naam, geboortedatum=geboortedatum)
    ]
