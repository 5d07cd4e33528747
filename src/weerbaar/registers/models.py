"""The base registers as stored: BAG, BRK, KvK (Handelsregister) and persons.

Identifiers are the registers' own (validated in validators.py); foreign keys are used only
inside one register, so each register can be re-imported on its own. Look-up keys
(`adres_sleutel`, `naam_sleutel`) are normalised at import so exact look-ups are index hits.
"""

from django.contrib.gis.db import models
from django.core.exceptions import ValidationError
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from weerbaar.core.access import AccessControlled, AccessLevel
from weerbaar.core.personal_data import personal_data
from weerbaar.importing.models import ImportRunFields

from . import identifiers, validators

RD = 28992


class RegisterRecord(AccessControlled):
    """A row of a base register. Its access level is the register's own, one value for (nearly)
    every row, so it gets no index: as the only index a look-up could choose, the planner
    sometimes scanned it instead of the key's, and every first load had to rebuild it."""

    access_level = models.CharField(
        _("toegangsniveau"), max_length=12, choices=AccessLevel.choices, default=AccessLevel.INTERN
    )

    class Meta:
        abstract = True


class Woonplaats(RegisterRecord):
    identificatie = models.CharField(
        max_length=4, unique=True, validators=[validators.validate_woonplaats_id]
    )
    naam = models.CharField(max_length=80, db_index=True)
    status = models.CharField(max_length=40, blank=True)
    geometrie = models.MultiPolygonField(srid=RD, null=True, blank=True)

    class Meta:
        verbose_name = _("woonplaats")
        verbose_name_plural = _("woonplaatsen")

    def __str__(self) -> str:
        return self.naam


def validate_openbare_ruimte_id(value: str) -> None:
    if not identifiers.is_bag_id(value, "30"):
        raise ValidationError(
            _("%(value)s is geen openbare-ruimte-identificatie (objecttype 30)."),
            code="invalid",
            params={"value": value},
        )


class OpenbareRuimte(RegisterRecord):
    """A street, waterway or other named public space (BAG object type 30).

    PDOK's BAG GeoPackage has no openbare-ruimte layer: the addresses carry its identificatie
    and name, and `services.openbare_ruimten_derive` keeps this table in step with them.
    """

    class Type(models.TextChoices):
        WEG = "Weg", _("Weg")
        WATER = "Water", _("Water")
        SPOORBAAN = "Spoorbaan", _("Spoorbaan")
        TERREIN = "Terrein", _("Terrein")
        KUNSTWERK = "Kunstwerk", _("Kunstwerk")
        LANDSCHAPPELIJK_GEBIED = "Landschappelijk gebied", _("Landschappelijk gebied")
        ADMINISTRATIEF_GEBIED = "Administratief gebied", _("Administratief gebied")

    identificatie = models.CharField(max_length=16, unique=True, validators=[validate_openbare_ruimte_id])
    naam = models.CharField(max_length=80)
    #: 'deruyterlaan' for 'De Ruyterlaan': case, diacritics, spaces and punctuation folded
    naam_sleutel = models.CharField(max_length=80, db_index=True)
    type = models.CharField(max_length=24, choices=Type.choices, default=Type.WEG)
    woonplaats = models.ForeignKey(
        Woonplaats, null=True, blank=True, on_delete=models.SET_NULL, related_name="openbare_ruimten"
    )
    woonplaats_naam = models.CharField(max_length=80)
    woonplaats_sleutel = models.CharField(max_length=80, db_index=True)
    #: addresses (nummeraanduidingen) on it, counted when it is derived from the addresses
    aantal_adressen = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    modified_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        verbose_name = _("openbare ruimte")
        verbose_name_plural = _("openbare ruimten")

    def __str__(self) -> str:
        return f"{self.naam}, {self.woonplaats_naam}"


class Pand(RegisterRecord):
    identificatie = models.CharField(max_length=16, unique=True, validators=[validators.validate_pand_id])
    bouwjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(max_length=60, blank=True)
    gebruiksdoel = models.CharField(max_length=60, blank=True)
    geometrie = models.PolygonField(srid=RD)

    class Meta:
        verbose_name = _("pand")
        verbose_name_plural = _("panden")

    def __str__(self) -> str:
        return self.identificatie


class Nummeraanduiding(RegisterRecord):
    """The address part of BAG (a nummeraanduiding): a hoofdadres on its object, or a nevenadres."""

    nummeraanduiding_identificatie = models.CharField(
        max_length=16, unique=True, validators=[validators.validate_nummeraanduiding_id]
    )
    openbare_ruimte_identificatie = models.CharField(max_length=16, blank=True)
    openbare_ruimte_naam = models.CharField(max_length=80)
    huisnummer = models.PositiveIntegerField()
    huisletter = models.CharField(max_length=1, blank=True)
    toevoeging = models.CharField(max_length=4, blank=True)
    postcode = models.CharField(max_length=6, validators=[validators.validate_postcode])
    woonplaats_naam = models.CharField(max_length=80)
    #: '7411AB|12|A|2': postcode, huisnummer, huisletter, toevoeging, normalised
    adres_sleutel = models.CharField(max_length=40, unique=True)
    #: '7411AB|12': for look-ups without letter/toevoeging
    postcode_huisnummer = models.CharField(max_length=20, db_index=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        suffix = f"{self.huisletter}{('-' + self.toevoeging) if self.toevoeging else ''}"
        return (
            f"{self.openbare_ruimte_naam} {self.huisnummer}{suffix}, {self.postcode} {self.woonplaats_naam}"
        )


class AdresseerbaarObject(Nummeraanduiding):
    """A verblijfsobject, ligplaats or standplaats with its hoofdadres (nummeraanduiding)."""

    class Soort(models.TextChoices):
        VERBLIJFSOBJECT = "verblijfsobject", _("verblijfsobject")
        LIGPLAATS = "ligplaats", _("ligplaats")
        STANDPLAATS = "standplaats", _("standplaats")

    identificatie = models.CharField(
        max_length=16, unique=True, validators=[validators.validate_adresseerbaar_id]
    )
    soort = models.CharField(max_length=16, choices=Soort.choices)
    gebruiksdoel = models.CharField(max_length=120, blank=True)
    oppervlakte = models.PositiveIntegerField(null=True, blank=True)
    status = models.CharField(max_length=60, blank=True)
    pand_identificatie = models.CharField(max_length=16, blank=True, db_index=True)
    bouwjaar = models.PositiveSmallIntegerField(null=True, blank=True)
    geometrie = models.PointField(srid=RD)
    vlak = models.PolygonField(srid=RD, null=True, blank=True)

    class Meta:
        verbose_name = _("adresseerbaar object")
        verbose_name_plural = _("adresseerbare objecten")


class Nevenadres(Nummeraanduiding):
    """A nevenadres: a further nummeraanduiding of an adresseerbaar object (BAG).

    Every verblijfsobject, ligplaats and standplaats has one hoofdadres (stored on the object)
    and may have nevenadressen, e.g. a corner shop reachable from the side street. PDOK's
    GeoPackage carries only hoofdadressen; nevenadressen come from address exports that mark
    each row as hoofdadres or not. The object is referred to by its identificatie, as the
    registers refer to each other (it may arrive in another file).
    """

    adresseerbaar_object_identificatie = models.CharField(
        max_length=16, db_index=True, validators=[validators.validate_adresseerbaar_id]
    )
    soort = models.CharField(max_length=16, choices=AdresseerbaarObject.Soort.choices)

    class Meta:
        verbose_name = _("nevenadres")
        verbose_name_plural = _("nevenadressen")


class KadastraalObject(RegisterRecord):
    """A kadastraal perceel or appartementsrecht (BRK)."""

    class Soort(models.TextChoices):
        PERCEEL = "perceel", _("perceel")
        APPARTEMENTSRECHT = "appartementsrecht", _("appartementsrecht")

    identificatie = models.CharField(max_length=40, unique=True)
    soort = models.CharField(max_length=20, choices=Soort.choices)
    kadastrale_aanduiding = models.CharField(
        max_length=30, unique=True, validators=[validators.validate_kadastrale_aanduiding]
    )
    kadastrale_gemeente_code = models.CharField(max_length=5)
    kadastrale_gemeente_naam = models.CharField(max_length=80, blank=True)
    sectie = models.CharField(max_length=2)
    perceelnummer = models.PositiveIntegerField()
    appartementsindex = models.PositiveIntegerField(null=True, blank=True)
    grootte = models.PositiveIntegerField(null=True, blank=True)
    grondperceel_identificatie = models.CharField(max_length=40, blank=True)
    geometrie = models.PolygonField(srid=RD, null=True, blank=True)
    plaatscoordinaat = models.PointField(srid=RD, null=True, blank=True)

    class Meta:
        verbose_name = _("kadastraal object")
        verbose_name_plural = _("kadastrale objecten")

    def __str__(self) -> str:
        return self.kadastrale_aanduiding


@personal_data
class Persoon(RegisterRecord):
    """A natural person as met in registry data. No BSN: the default schema has none."""

    bron_id = models.CharField(max_length=40, unique=True)
    voornamen = models.CharField(max_length=200, blank=True)
    voorvoegsel = models.CharField(max_length=20, blank=True)
    geslachtsnaam = models.CharField(max_length=200)
    geslacht = models.CharField(max_length=1, blank=True)
    geboortedatum = models.DateField(null=True, blank=True)
    #: surname folded for look-up ('berg' for 'van der Berg', 'Berg, van der', 'vd Bérg')
    naam_sleutel = models.CharField(max_length=200, db_index=True)
    #: first given name folded ('jose' for 'José'): prefix ranges on (naam_sleutel, voornaam_sleutel)
    voornaam_sleutel = models.CharField(max_length=100, blank=True, default="")
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("persoon")
        verbose_name_plural = _("personen")
        indexes = [
            models.Index(fields=["naam_sleutel", "geboortedatum"]),
            # covers the fuzzy name look-up: surname key, then a first-name prefix range
            models.Index(
                fields=["naam_sleutel", "voornaam_sleutel", "voornamen"], name="reg_persoon_naam_voornaam"
            ),
        ]

    def __str__(self) -> str:
        return " ".join(p for p in (self.voornamen, self.voorvoegsel, self.geslachtsnaam) if p)

    def save(self, *args, **kwargs):
        self.access_level = AccessLevel.AFGESCHERMD
        super().save(*args, **kwargs)


@personal_data
class PersoonAdres(RegisterRecord):
    persoon = models.ForeignKey(Persoon, on_delete=models.CASCADE, related_name="adressen")
    soort = models.CharField(max_length=20, default="woonadres")
    straat = models.CharField(max_length=80, blank=True)
    huisnummer = models.PositiveIntegerField(null=True, blank=True)
    huisletter = models.CharField(max_length=1, blank=True)
    toevoeging = models.CharField(max_length=6, blank=True)
    postcode = models.CharField(max_length=6, blank=True)
    woonplaats = models.CharField(max_length=80, blank=True)
    adres_sleutel = models.CharField(max_length=40, db_index=True)
    postcode_huisnummer = models.CharField(max_length=20, db_index=True)

    class Meta:
        verbose_name = _("adres van persoon")
        verbose_name_plural = _("adressen van personen")
        constraints = [
            models.UniqueConstraint(
                fields=["persoon", "soort", "adres_sleutel"], name="registers_persoonadres_uniek"
            )
        ]


@personal_data
class ZakelijkRecht(RegisterRecord):
    """Who holds which right on a kadastraal object; the NAW is shielded."""

    kadastraal_object = models.ForeignKey(KadastraalObject, on_delete=models.CASCADE, related_name="rechten")
    soort = models.CharField(max_length=60)
    aandeel_teller = models.PositiveIntegerField(default=1)
    aandeel_noemer = models.PositiveIntegerField(default=1)
    persoon = models.ForeignKey(
        Persoon, on_delete=models.PROTECT, null=True, blank=True, related_name="rechten"
    )
    rechtspersoon_naam = models.CharField(max_length=200, blank=True)
    rechtsvorm = models.CharField(max_length=80, blank=True)
    kvk_nummer = models.CharField(max_length=8, blank=True, validators=[validators.validate_kvk_nummer])
    rsin = models.CharField(max_length=9, blank=True, validators=[validators.validate_rsin])

    class Meta:
        verbose_name = _("zakelijk recht")
        verbose_name_plural = _("zakelijke rechten")


class Onderneming(RegisterRecord):
    """An inschrijving in the Handelsregister."""

    kvk_nummer = models.CharField(max_length=8, unique=True, validators=[validators.validate_kvk_nummer])
    naam = models.CharField(max_length=250)
    naam_sleutel = models.CharField(max_length=250, db_index=True)
    rechtsvorm = models.CharField(max_length=80, blank=True)
    rsin = models.CharField(max_length=9, blank=True, validators=[validators.validate_rsin])
    sbi_code = models.CharField(max_length=6, blank=True)
    sbi_omschrijving = models.CharField(max_length=200, blank=True)
    registratiedatum = models.DateField(null=True, blank=True)
    datum_einde = models.DateField(null=True, blank=True)
    fictief = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("onderneming")
        verbose_name_plural = _("ondernemingen")

    def __str__(self) -> str:
        return f"{self.naam} ({self.kvk_nummer})"


class Vestiging(RegisterRecord):
    vestigingsnummer = models.CharField(
        max_length=12, unique=True, validators=[validators.validate_vestigingsnummer]
    )
    onderneming = models.ForeignKey(
        Onderneming, on_delete=models.CASCADE, related_name="vestigingen", null=True
    )
    kvk_nummer = models.CharField(max_length=8, db_index=True, validators=[validators.validate_kvk_nummer])
    eerste_handelsnaam = models.CharField(max_length=250, blank=True)
    hoofdvestiging = models.BooleanField(default=False)
    straat = models.CharField(max_length=80, blank=True)
    huisnummer = models.PositiveIntegerField(null=True, blank=True)
    huisletter = models.CharField(max_length=1, blank=True)
    toevoeging = models.CharField(max_length=6, blank=True)
    postcode = models.CharField(max_length=6, blank=True)
    plaats = models.CharField(max_length=80, blank=True)
    adres_sleutel = models.CharField(max_length=40, db_index=True)
    postcode_huisnummer = models.CharField(max_length=20, db_index=True)
    adresseerbaar_object_identificatie = models.CharField(max_length=16, blank=True, db_index=True)
    datum_aanvang = models.DateField(null=True, blank=True)
    datum_einde = models.DateField(null=True, blank=True)
    werkzame_personen = models.PositiveIntegerField(null=True, blank=True)
    geometrie = models.PointField(srid=RD, null=True, blank=True)

    class Meta:
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")


@personal_data
class Functionaris(RegisterRecord):
    onderneming = models.ForeignKey(Onderneming, on_delete=models.CASCADE, related_name="functionarissen")
    persoon = models.ForeignKey(Persoon, on_delete=models.PROTECT, related_name="functies")
    functie = models.CharField(max_length=60)
    datum_aanvang = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("functionaris")
        verbose_name_plural = _("functionarissen")


class ImportRun(ImportRunFields):
    """One file offered to one importer: all of it was stored, or none of it (with the reasons).

    The run's own fields (file, SHA-256, who, when, rows, problems) are the importing
    framework's; the registers add the status and what a re-import changed."""

    class Status(models.TextChoices):
        # the values of weerbaar.importing.RunStatus the registers use (they import all or nothing)
        OK = "ok", _("geslaagd")
        FAILED = "failed", _("afgekeurd")

    status = models.CharField(max_length=10, choices=Status.choices)
    nieuw = models.PositiveIntegerField(default=0)
    gewijzigd = models.PositiveIntegerField(default=0)
    ongewijzigd = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-id"]

    @cached_property
    def reimport(self) -> bool:
        """An earlier import of the same register succeeded: this one is a re-import (records 'nieuw')."""
        earlier = ImportRun.objects.filter(importer=self.importer, status=self.Status.OK)
        return earlier.exclude(pk=self.pk).exists() if self.pk else earlier.exists()


class Mutatie(RegisterRecord):
    """What a re-import changed in one register object, so its history can be shown."""

    class Soort(models.TextChoices):
        NIEUW = "nieuw", _("nieuw")
        GEWIJZIGD = "gewijzigd", _("gewijzigd")

    register = models.CharField(max_length=40)
    identificatie = models.CharField(max_length=40, db_index=True)
    soort = models.CharField(max_length=10, choices=Soort.choices)
    wijzigingen = models.JSONField(default=dict, blank=True)
    import_run = models.ForeignKey(ImportRun, on_delete=models.PROTECT, related_name="mutaties")
    tijdstip = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mutatie")
        verbose_name_plural = _("mutaties")
        ordering = ["id"]
