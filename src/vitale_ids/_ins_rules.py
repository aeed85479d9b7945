"""The rules of the INS (identifiant national de santé), each stated once, with its source.

Two kinds of fact live here: how FHIR FR Core carries the INS matricule
(:mod:`vitale_ids.ins` builds and checks ``Patient.identifier`` from them), and the
history of birthplace codes, which decides whether a NIR that disagrees with a
birthplace is a contradiction (an error) or history (a warning). The NIR's own
rules are in ``_nir_rules``; everything here derives from them where it can.

Sources: HL7 France / Interop'Santé FR Core, profile ``fr-core-patient-ins``
(``FRCorePatientINSProfile``, input/fsh/profiles/FrCorePatientINS.fsh) and its
code system ``fr-core-cs-v2-0203``; ANS, Référentiel INS; Code de la santé
publique art. R1111-31; INSEE, Code officiel géographique (COG) and its history;
fr.wikipedia "Numéro de sécurité sociale en France".
"""

from __future__ import annotations

from typing import Final, NamedTuple

from vitale_ids import _nir_rules

# --- FHIR FR Core: Patient.identifier slices ----------------------------------------

#: The code system of ``identifier.type.coding`` (FR Core, fr-core-cs-v2-0203).
IDENTIFIER_TYPE_SYSTEM: Final = "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203"


class FhirSlice(NamedTuple):
    """One ``Patient.identifier`` slice of ``fr-core-patient-ins``."""

    #: The slice name, also the ``type.coding`` code.
    code: str
    #: ``system``: the OID of the authority that assigns the number.
    system: str
    #: The ``use`` the library writes.
    use: str
    #: Every ``use`` the library accepts when it reads one (see below).
    accepted_uses: frozenset[str]


# FR Core 2.1 fixes INS-NIR's use to "official" and INS-NIA's to "temp". FR Core
# 2.2 (ballot, 2025) binds both to "official | old": "an INS d'attente is at once
# official and temporary; it was concluded in 2025 that the INS-NIA is first of
# all the official number at a given time", and "old" marks a deactivated INS.
# The library writes the 2.1 values and reads both versions.
INS_NIR: Final = FhirSlice(
    "INS-NIR", "urn:oid:1.2.250.1.213.1.4.8", "official", frozenset({"official", "old"})
)
INS_NIA: Final = FhirSlice(
    "INS-NIA", "urn:oid:1.2.250.1.213.1.4.9", "temp", frozenset({"temp", "official", "old"})
)
#: Fictitious patients, for test and demonstration environments: FR Core has no
#: NIA variant of these, so every number of those environments goes there.
INS_NIR_TEST: Final = FhirSlice(
    "INS-NIR-TEST", "urn:oid:1.2.250.1.213.1.4.10", "official", frozenset({"official"})
)
INS_NIR_DEMO: Final = FhirSlice(
    "INS-NIR-DEMO", "urn:oid:1.2.250.1.213.1.4.11", "official", frozenset({"official"})
)
SLICES: Final = (INS_NIR, INS_NIA, INS_NIR_TEST, INS_NIR_DEMO)
#: The ``use`` that marks a deactivated INS (FR Core 2.2).
OLD_USE: Final = "old"

#: The environment passed to ``Nir.to_fhir_identifier``, and its slice when the
#: slice does not depend on the number.
ENVIRONMENTS: Final = ("production", "test", "demo")
ENVIRONMENT_SLICES: Final = {"test": INS_NIR_TEST, "demo": INS_NIR_DEMO}

#: In production, which numbers are an INS-NIA. The NIA (first digit 7 or 8) is
#: the INS matricule of a person awaiting a NIR (CSP R1111-31, ANS Référentiel
#: INS). Digits 3 and 4 are not named by FR Core or the Référentiel INS: they are
#: temporary numbers given while a birth abroad is registered (fr.wikipedia; CNAM
#: nir-validation issue #3: "il ne s'agit donc pas de NIR"), and FR Core's code
#: system displays INS-NIA as "NIR temporaire". So they go under INS-NIA, and an
#: INS-NIR slice holding one gets a warning, not an error: the sources are silent.
INS_NIA_SEX_DIGITS: Final = _nir_rules.NIA_SEX_DIGITS | _nir_rules.REGISTRATION_SEX_DIGITS
#: Numbers whose slice the sources do not settle (see above).
UNSETTLED_SLICE_SEX_DIGITS: Final = _nir_rules.REGISTRATION_SEX_DIGITS

# --- Traits ----------------------------------------------------------------------------

#: FHIR ``Patient.gender`` for INS traits is "male | female | unknown" (FR Core,
#: fr-core-patient-gender-INS). "unknown" says nothing to compare.
UNKNOWN_GENDER: Final = "unknown"

#: An INSEE COG code of a place of birth has 5 characters: the department and
#: commune as in the NIR's characters 6-10, or 99 and the country code.
BIRTHPLACE_CODE_LENGTH: Final = _nir_rules.PLACE.stop - _nir_rules.DEPARTMENT.start

# --- Birthplace history ------------------------------------------------------------------
#
# A NIR records the birthplace as coded at the time of birth, and is not renumbered
# when the map changes (décret n° 82-103, art. 6: it changes only when it no longer
# matches the civil record). Each entry below is the last year of births that can
# carry the old code; a birth date after it turns the history into a contradiction.


class History(NamedTuple):
    """A change of the map that explains a NIR whose birthplace differs from today's code."""

    #: Departments (characters 6-7 or 6-8 of the NIR) under the old map.
    old: frozenset[str]
    #: Codes (department, or 99 + country) the same places have under the new map.
    new: frozenset[str]
    #: The last year of births that the old code can describe; None when the sources give none.
    last_year: int | None
    #: The history, named in the messages.
    name_en: str
    name_fr: str
    #: Whether a NIR with a new code against a birthplace with an old one is
    #: history too (a caller may hold an old code table), or a contradiction
    #: (a new department code before the change meant another place).
    either_way: bool = False


#: Corsica was one department until 1 January 1976, then Corse-du-Sud and
#: Haute-Corse; the commune number was kept (loi n° 75-356 du 15 mai 1975; INSEE COG).
CORSICA: Final = History(
    frozenset({_nir_rules.CORSICA_BEFORE_1976}),
    frozenset(_nir_rules.CORSICA_KEY_DIGITS),
    1975,
    "Corsica was a single department until 1 January 1976, then Corse-du-Sud and Haute-Corse",
    "la Corse formait un seul département jusqu'au 1er janvier 1976, puis la Corse-du-Sud"
    " et la Haute-Corse",
    either_way=True,
)
#: Seine and Seine-et-Oise were split on 1 January 1968 (loi n° 64-707 du
#: 10 juillet 1964) into Paris, Yvelines, Essonne, Hauts-de-Seine,
#: Seine-Saint-Denis, Val-de-Marne and Val-d'Oise. The library accepts any of
#: them for either old department, which is broader than the map, so as never to
#: refuse a commune moved between them.
PARIS_REGION: Final = History(
    frozenset({"75", "78"}),
    frozenset({"75", "78", "91", "92", "93", "94", "95"}),
    1967,
    "Seine and Seine-et-Oise were split into seven departments on 1 January 1968",
    "la Seine et la Seine-et-Oise ont été divisées en sept départements le 1er janvier 1968",
)
#: Some people born in Algeria before independence (5 July 1962) carry its
#: former departments 91-94, not 99 + 352 (e-ventail, quoted in django-localflavor
#: PR #242; INSEE country code 352 is Algeria). The sources give no day for the
#: last such birth: births in 1962 get the warning.
ALGERIA: Final = History(
    frozenset({"91", "92", "93", "94"}),
    frozenset({_nir_rules.ABROAD + "352"}),
    1962,
    "births in Algeria before its independence in 1962 can carry a former department code",
    "les naissances en Algérie avant son indépendance en 1962 peuvent porter un ancien code"
    " de département",
)
#: Before independence (2 March 1956), 95 meant a birth in Morocco (INSEE country
#: code 350; fr.wikipedia "Numéro de sécurité sociale en France").
MOROCCO: Final = History(
    frozenset({"95"}),
    frozenset({_nir_rules.ABROAD + "350"}),
    1956,
    "births in Morocco before its independence in 1956 can carry a French department code",
    "les naissances au Maroc avant son indépendance en 1956 peuvent porter un code de"
    " département français",
)
#: Before independence (20 March 1956), 96 meant a birth in Tunisia (INSEE country
#: code 351; same source). No metropolitan department has ever been 96.
TUNISIA: Final = History(
    frozenset({"96"}),
    frozenset({_nir_rules.ABROAD + "351"}),
    1956,
    "births in Tunisia before its independence in 1956 can carry a French department code",
    "les naissances en Tunisie avant son indépendance en 1956 peuvent porter un code de"
    " département français",
)
#: Saint-Barthélemy and Saint-Martin were communes of Guadeloupe (97123 and
#: 97127) until the loi organique n° 2007-223 of 21 February 2007 made them
#: overseas collectivities, coded 977 and 978 (97701 and 97801 on five
#: characters) from 1 January 2008 (INSEE, "Codification des collectivités et
#: territoires français d'outre-mer"). Mayotte's communes were coded 985xx before
#: 976xx; the sources read disagree on when the code changed (INSEE recoded them
#: in 2008 by one account; Mayotte became a department on 31 March 2011), and a
#: data.gouv.fr report (datagouv/decoupage-administratif issue #13) says the RNIPP
#: gives 985xx to births in Mayotte before 2011. No source says whether NIRs were
#: renumbered, so the messages name no year for Mayotte, and this is always a
#: warning.
OVERSEAS_RENUMBERING: Final = (
    History(
        frozenset({"971"}),
        frozenset({"977", "978"}),
        None,
        "Saint-Barthélemy and Saint-Martin were communes of Guadeloupe until 2007",
        "Saint-Barthélemy et Saint-Martin étaient des communes de la Guadeloupe jusqu'en 2007",
        either_way=True,
    ),
    History(
        frozenset({"985"}),
        frozenset({"976"}),
        None,
        "Mayotte's communes were coded 985 before 976",
        "les communes de Mayotte étaient codées 985 avant 976",
        either_way=True,
    ),
)
#: Every history, in the order they are looked up.
HISTORIES: Final = (CORSICA, PARIS_REGION, ALGERIA, MOROCCO, TUNISIA, *OVERSEAS_RENUMBERING)

#: Departments that describe no place (00, seen on temporary numbers): nothing to compare.
NO_PLACE_DEPARTMENTS: Final = frozenset({"00"})
