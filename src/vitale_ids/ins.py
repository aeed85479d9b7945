"""The NIR as the health identity (INS): the FHIR FR Core identifier, and identity coherence.

Mon espace santé is identified by the INS (identifiant national de santé, Code de
la santé publique R1111-31), whose matricule is the NIR, or the NIA while a
person awaits a NIR. Health software carries it as a FHIR ``Patient.identifier``
(profile ``fr-core-patient-ins``) and checks it against the person's traits.

>>> from vitale_ids import parse_nir
>>> from vitale_ids.ins import check_fhir_identifier, check_identity
>>> identifier = parse_nir("1 85 05 78 006 084 91").to_fhir_identifier()
>>> identifier["system"], identifier["use"]
('urn:oid:1.2.250.1.213.1.4.8', 'official')
>>> check_fhir_identifier(identifier).valid
True
>>> result = check_identity("1 85 05 78 006 084 91", sex="F", birth_date="1985-05-14")
>>> [(issue.code, issue.position) for issue in result.errors]
[('identity.sex', 0)]

Messages never show the number. See docs/ins.md for every rule and its source.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, Final, Literal

from vitale_ids import _ins_rules, _nir_rules
from vitale_ids._core import (
    MAX_INPUT_LENGTH,
    Check,
    InvalidType,
    Issue,
    build_check,
    original_index,
    plain_text,
    raise_type_error,
)
from vitale_ids.nir import Nir, Sex, check_nir, parse_nir

__all__ = [
    "ENVIRONMENTS",
    "FHIR_IDENTIFIER_TYPE_SYSTEM",
    "INS_NIA_SYSTEM",
    "INS_NIR_DEMO_SYSTEM",
    "INS_NIR_SYSTEM",
    "INS_NIR_TEST_SYSTEM",
    "Environment",
    "check_fhir_identifier",
    "check_identity",
    "fhir_identifier",
]

Environment = Literal["production", "test", "demo"]

#: The environments of :func:`fhir_identifier`: real patients, or the fictitious
#: ones of test and demonstration platforms.
ENVIRONMENTS: Final = _ins_rules.ENVIRONMENTS
#: ``identifier.type.coding.system`` (FR Core code system fr-core-cs-v2-0203).
FHIR_IDENTIFIER_TYPE_SYSTEM: Final = _ins_rules.IDENTIFIER_TYPE_SYSTEM
#: ``identifier.system`` of each FR Core slice.
INS_NIR_SYSTEM: Final = _ins_rules.INS_NIR.system
INS_NIA_SYSTEM: Final = _ins_rules.INS_NIA.system
INS_NIR_TEST_SYSTEM: Final = _ins_rules.INS_NIR_TEST.system
INS_NIR_DEMO_SYSTEM: Final = _ins_rules.INS_NIR_DEMO.system

_SLICE_BY_SYSTEM: Final = {item.system: item for item in _ins_rules.SLICES}
_DEPARTMENT_LENGTH: Final = _nir_rules.DEPARTMENT.stop - _nir_rules.DEPARTMENT.start
_COUNTRY_CHARACTERS: Final = f"{_nir_rules.PLACE.start + 1}-{_nir_rules.PLACE.stop}"
_OVERSEAS_DEPARTMENT_LENGTH: Final = (
    _nir_rules.OVERSEAS_DEPARTMENT.stop - _nir_rules.OVERSEAS_DEPARTMENT.start
)
_FIELD_IDENTIFIER: Final = "identifier"


# --- Building the FHIR identifier ---------------------------------------------------


def fhir_identifier(nir: Nir | str, environment: Environment = "production") -> dict[str, Any]:
    """The FR Core ``Patient.identifier`` of ``nir``, as a dict ready for JSON.

    In production a NIA (first digit 7 or 8), and a temporary number given
    while a birth abroad is registered (3 or 4), go under INS-NIA; every other
    number under INS-NIR. ``environment="test"`` and ``"demo"`` put any number
    under INS-NIR-TEST or INS-NIR-DEMO. :meth:`Nir.to_fhir_identifier` calls this.
    """
    if not isinstance(nir, Nir):
        nir = parse_nir(nir)
    given = _text_or_itself(environment)  # a str subclass's own __eq__ is not asked
    if not isinstance(given, str) or given not in _ins_rules.ENVIRONMENTS:
        raise ValueError(
            f"environment must be one of {', '.join(_ins_rules.ENVIRONMENTS)}; got {given!r}."
        )
    chosen = _ins_rules.ENVIRONMENT_SLICES.get(given) or _production_slice(nir)
    return {
        "use": chosen.use,
        "type": {"coding": [{"system": _ins_rules.IDENTIFIER_TYPE_SYSTEM, "code": chosen.code}]},
        "system": chosen.system,
        "value": nir.compact,
    }


def _production_slice(nir: Nir) -> _ins_rules.FhirSlice:
    if nir.compact[_nir_rules.SEX] in _ins_rules.INS_NIA_SEX_DIGITS:
        return _ins_rules.INS_NIA
    return _ins_rules.INS_NIR


# --- Checking a FHIR identifier ---------------------------------------------------------


def _fhir_issue(code: str, field: str, message: str, message_fr: str) -> Issue:
    return Issue(code, field, None, message, message_fr)


def check_fhir_identifier(identifier: Mapping[str, Any], *, strict: bool = False) -> Check[Nir]:
    """Check a FR Core ``Patient.identifier`` (a dict, as parsed from JSON).

    The value is checked as a NIR (its issues keep their ``nir.*`` codes and
    their positions in the value); the system must be an INS slice of
    ``fr-core-patient-ins`` and agree with the number; ``type`` and ``use``,
    when present, must agree with the system. Raises
    :class:`~vitale_ids.InvalidType` when ``identifier`` is not a mapping.
    """
    given: object = identifier  # JSON data: anything can come
    if not isinstance(given, Mapping):
        type_name = type(given).__name__
        raise InvalidType(
            _fhir_issue(
                "fhir.not_an_object",
                _FIELD_IDENTIFIER,
                f"A FHIR identifier is a JSON object (a dict); got {type_name}.",
                f"Un identifiant FHIR est un objet JSON (un dict), pas {type_name}.",
            )
        )
    errors: list[Issue] = []
    warnings: list[Issue] = []

    # JSON data: a str subclass is read as the plain text it holds.
    nir = _check_value(_text_or_itself(identifier.get("value")), errors, warnings)
    system = _text_or_itself(identifier.get("system"))
    chosen = _SLICE_BY_SYSTEM.get(system) if isinstance(system, str) else None
    if system is None:
        errors.append(
            _fhir_issue(
                "fhir.system_missing",
                "system",
                "The identifier has no system: an INS needs the OID of INS-NIR or INS-NIA.",
                "L'identifiant n'a pas de system : une INS exige l'OID d'INS-NIR ou d'INS-NIA.",
            )
        )
    elif chosen is None:
        errors.append(_unknown_system_issue(system))
    else:
        if nir is not None:
            _check_slice(nir, chosen, errors, warnings)
        _check_type(identifier.get("type"), chosen, errors)
        _check_use(_text_or_itself(identifier.get("use")), chosen, errors, warnings)
    return build_check(nir, errors, warnings, strict)


def _text_or_itself(value: object) -> object:
    """The plain ``str`` a ``str`` (subclass) holds; any other value as it is."""
    text = plain_text(value)
    return value if text is None else text


def _check_value(value: object, errors: list[Issue], warnings: list[Issue]) -> Nir | None:
    # A huge value is left to check_nir, which refuses it after len() alone.
    if not isinstance(value, str) or (len(value) <= MAX_INPUT_LENGTH and not value.strip()):
        errors.append(
            _fhir_issue(
                "fhir.value",
                "value",
                "The identifier has no value: it must be the INS matricule, as 15 characters.",
                "L'identifiant n'a pas de value : ce doit être le matricule INS, en 15 caractères.",
            )
        )
        return None
    result = check_nir(value)
    errors.extend(result.errors)
    warnings.extend(result.warnings)
    if result.value is not None and value != result.value.compact:
        warnings.append(
            _fhir_issue(
                "fhir.value_format",
                "value",
                "The value has separators or lower case: FR Core carries the 15 characters"
                " without spaces.",
                "La value contient des séparateurs ou des minuscules : FR Core porte les"
                " 15 caractères sans espace.",
            )
        )
    return result.value


def _unknown_system_issue(system: object) -> Issue:
    hint = hint_fr = ""
    if isinstance(system, str) and f"urn:oid:{system}" in _SLICE_BY_SYSTEM:
        hint = ' It lacks the "urn:oid:" prefix.'
        hint_fr = ' Il manque le préfixe "urn:oid:".'
    names = ", ".join(item.code for item in _ins_rules.SLICES)
    return _fhir_issue(
        "fhir.system_unknown",
        "system",
        f"The system is not the OID of an INS slice of FR Core ({names}).{hint}",
        f"Le system n'est pas l'OID d'une tranche INS de FR Core ({names}).{hint_fr}",
    )


def _check_slice(
    nir: Nir, chosen: _ins_rules.FhirSlice, errors: list[Issue], warnings: list[Issue]
) -> None:
    """Whether the number belongs under the slice: a NIA under INS-NIR is an error..."""
    if chosen in _ins_rules.ENVIRONMENT_SLICES.values():
        return  # fictitious patients: every kind of number goes there
    expected = _production_slice(nir)
    if expected is chosen:
        return
    sex_digit = nir.compact[_nir_rules.SEX]
    if sex_digit in _ins_rules.UNSETTLED_SLICE_SEX_DIGITS:
        warnings.append(
            _fhir_issue(
                "fhir.system_unsettled",
                "system",
                "Character 1 is the sex digit of a temporary number given while a birth abroad"
                " is registered. The sources do not say whether it is an {_ins_rules.INS_NIR.code}"
                f" or an {_ins_rules.INS_NIA.code}; this library writes it as"
                f" {_ins_rules.INS_NIA.code}.",
                "Le caractère 1 est le chiffre du sexe d'un numéro provisoire attribué pendant"
                " l'immatriculation d'une personne née à l'étranger. Les sources ne disent pas"
                f" s'il s'agit d'un {_ins_rules.INS_NIR.code} ou d'un {_ins_rules.INS_NIA.code} ;"
                f" cette bibliothèque l'écrit en {_ins_rules.INS_NIA.code}.",
            )
        )
        return
    if expected is _ins_rules.INS_NIA:
        what, what_fr = "a NIA (character 1 is 7 or 8)", "un NIA (caractère 1 à 7 ou 8)"
    else:
        what, what_fr = "a NIR, not a NIA", "un NIR, pas un NIA"
    errors.append(
        _fhir_issue(
            "fhir.system_mismatch",
            "system",
            f"The number is {what}, but the system is the OID of {chosen.code}:"
            f" it belongs under {expected.code} ({expected.system}).",
            f"Le numéro est {what_fr}, mais le system est l'OID d'{chosen.code} :"
            f" il relève d'{expected.code} ({expected.system}).",
        )
    )


def _malformed_issue(field: str, shape: str, shape_fr: str) -> Issue:
    return _fhir_issue(
        "fhir.malformed",
        field,
        f"The identifier's {field} must be {shape}.",
        f"Le champ {field} de l'identifiant doit être {shape_fr}.",
    )


def _check_type(type_: object, chosen: _ins_rules.FhirSlice, errors: list[Issue]) -> None:
    if type_ is None:
        return
    codings = type_.get("coding", []) if isinstance(type_, Mapping) else None
    if not isinstance(codings, list) or not all(isinstance(c, Mapping) for c in codings):
        errors.append(
            _malformed_issue(
                "type",
                "a CodeableConcept: an object whose coding is a list of objects",
                "un CodeableConcept : un objet dont coding est une liste d'objets",
            )
        )
        return
    for coding in codings:
        system, code = _text_or_itself(coding.get("system")), _text_or_itself(coding.get("code"))
        if system == _ins_rules.IDENTIFIER_TYPE_SYSTEM and code != chosen.code:
            errors.append(
                _fhir_issue(
                    "fhir.type_mismatch",
                    "type",
                    f"The type's FR Core code must be {chosen.code} for this system.",
                    f"Le code FR Core du type doit être {chosen.code} pour ce system.",
                )
            )
            return


def _check_use(
    use: object, chosen: _ins_rules.FhirSlice, errors: list[Issue], warnings: list[Issue]
) -> None:
    accepted = " or ".join(sorted(chosen.accepted_uses))
    accepted_fr = " ou ".join(sorted(chosen.accepted_uses))
    if use is None:
        warnings.append(
            _fhir_issue(
                "fhir.use_missing",
                "use",
                f"The identifier has no use; FR Core expects {chosen.use} for {chosen.code}.",
                f"L'identifiant n'a pas de use ; FR Core attend {chosen.use} pour {chosen.code}.",
            )
        )
    elif not isinstance(use, str):
        errors.append(_malformed_issue("use", "a code (text)", "un code (texte)"))
    elif use not in chosen.accepted_uses:
        errors.append(
            _fhir_issue(
                "fhir.use",
                "use",
                f"The use of an {chosen.code} identifier must be {accepted}.",
                f"Le use d'un identifiant {chosen.code} doit être {accepted_fr}.",
            )
        )
    elif use == _ins_rules.OLD_USE:
        warnings.append(
            _fhir_issue(
                "fhir.use_old",
                "use",
                "The identifier's use is old: this INS has been deactivated (replaced by"
                " another, a NIR for a former NIA for instance).",
                "Le use de l'identifiant est old : cette INS a été désactivée (remplacée par"
                " une autre, un NIR pour un ancien NIA par exemple).",
            )
        )


# --- Identity coherence -------------------------------------------------------------------

_SEX_WORDS: Final = {
    **{str(sex.value): sex for sex in Sex},
    "m": Sex.MALE,
    "male": Sex.MALE,
    "f": Sex.FEMALE,
    "female": Sex.FEMALE,
}


def _type_error(field: str, expected: str, expected_fr: str, value: object) -> InvalidType:
    # Only the type's name: the object itself may hold personal data.
    type_name = type(value).__name__
    return InvalidType(
        Issue(
            f"identity.{field}_type",
            field,
            None,
            f"{field} must be {expected}; got {type_name}.",
            f"{field} doit être {expected_fr}, pas {type_name}.",
        )
    )


def _read_sex(value: object) -> Sex | Issue | None:
    if value is None or isinstance(value, Sex):
        return value
    text = plain_text(value)
    if text is None:
        raise _type_error("sex", "a Sex or a text", "un Sex ou un texte", value)
    value = text
    # A huge text is refused after len() alone, before anything scans it.
    word = value.strip().casefold() if len(value) <= MAX_INPUT_LENGTH else "?"
    if not word or word == _ins_rules.UNKNOWN_GENDER:
        return None
    sex = _SEX_WORDS.get(word)
    if sex is None:
        return Issue(
            "identity.sex_format",
            "sex",
            None,
            "The sex given cannot be read: use M or F, male or female (FHIR), 1 or 2.",
            "Le sexe donné est illisible : utilisez M ou F, male ou female (FHIR), 1 ou 2.",
        )
    return sex


def _read_birth_date(value: object) -> tuple[int, int | None] | Issue | None:
    """(year, month or None) of a birth date."""
    if value is None:
        return None
    if isinstance(value, datetime.date):  # a datetime too
        return value.year, value.month
    text = plain_text(value)
    if text is None:
        raise _type_error("birth_date", "a date or a text", "une date ou un texte", value)
    value = text
    text = value.strip() if len(value) <= MAX_INPUT_LENGTH else "?"
    if not text:
        return None
    parts = text.split("-")
    shape = [len(part) for part in parts]
    if shape in ([4], [4, 2], [4, 2, 2]) and all(p.isascii() and p.isdigit() for p in parts):
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        try:
            datetime.date(year, month or 1, int(parts[2]) if len(parts) > 2 else 1)
        except ValueError:
            pass
        else:
            return year, month
    return Issue(
        "identity.birth_date_format",
        "birth_date",
        None,
        "The birth date given cannot be read: use a date, or YYYY, YYYY-MM or YYYY-MM-DD.",
        "La date de naissance donnée est illisible : utilisez une date, ou AAAA, AAAA-MM"
        " ou AAAA-MM-JJ.",
    )


def _read_birthplace(value: object) -> str | Issue | None:
    """The COG code in upper case, or the issue of an unreadable one."""
    if value is None:
        return None
    text = plain_text(value)
    if text is None:
        raise _type_error("birthplace_code", "a text", "un texte", value)
    value = text
    code = value.strip().upper() if len(value) <= MAX_INPUT_LENGTH else "?"
    if not code:
        return None
    department = code[:_DEPARTMENT_LENGTH]
    rest = code[_DEPARTMENT_LENGTH:] if department in _nir_rules.CORSICA_KEY_DIGITS else code
    if len(code) == _ins_rules.BIRTHPLACE_CODE_LENGTH and rest.isascii() and rest.isdigit():
        return code
    return Issue(
        "identity.birthplace_format",
        "birthplace_code",
        None,
        "The birthplace code given is not an INSEE COG code: 5 characters, a department"
        " (2A or 2B for Corsica, 3 digits overseas) and a commune, or 99 and a country code.",
        "Le code du lieu de naissance donné n'est pas un code COG de l'INSEE : 5 caractères,"
        " un département (2A ou 2B pour la Corse, 3 chiffres outre-mer) et une commune,"
        " ou 99 et un code pays.",
    )


def check_identity(
    nir: Nir | str,
    *,
    sex: Sex | str | None = None,
    birth_date: datetime.date | str | None = None,
    birthplace_code: str | None = None,
    strict: bool = False,
) -> Check[Nir]:
    """Check a NIR against the identity traits that go with it (any may be left out).

    Returns the NIR's own issues, plus one issue for each trait that contradicts
    it (an error) or differs from it for a historical reason (a warning that
    names the history). ``strict=True`` turns every warning into an error.
    Positions point into the NIR as passed; ``field`` names the trait.

    - ``sex``: a :class:`~vitale_ids.Sex`, ``"M"``/``"F"``, ``"male"``/``"female"``
      (FHIR; ``"unknown"`` is not compared), ``"1"``/``"2"``.
    - ``birth_date``: a ``date``, or ISO text ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.
    - ``birthplace_code``: the INSEE COG code of the birthplace (``"78646"``,
      ``"2A004"``, ``"97105"``, ``"99126"`` for a country).

    A trait of another type raises :class:`~vitale_ids.InvalidType`; a text that
    cannot be read is an error (``identity.sex_format``,
    ``identity.birth_date_format``, ``identity.birthplace_format``).
    """
    traits = (_read_sex(sex), _read_birth_date(birth_date), _read_birthplace(birthplace_code))
    if isinstance(nir, Nir):
        text = nir.compact
    else:
        given = plain_text(nir)
        if given is None:
            raise_type_error("nir", nir)
        text = given
    result = check_nir(text)
    errors = list(result.errors)
    warnings = list(result.warnings)
    errors.extend(trait for trait in traits if isinstance(trait, Issue))
    given_sex, date, place = (None if isinstance(trait, Issue) else trait for trait in traits)
    parsed = result.value
    if parsed is not None:

        def position(index: int) -> int:
            return index if text == parsed.compact else original_index(text, index)

        if isinstance(given_sex, Sex) and given_sex is not parsed.sex:
            errors.append(_sex_issue(given_sex, position(_nir_rules.SEX.start)))
        year, month = date if isinstance(date, tuple) else (None, None)
        if year is not None:
            _check_birth_date(parsed, year, month, position, errors)
        _check_birthplace(
            parsed,
            place if isinstance(place, str) else None,
            year,
            position(_nir_rules.DEPARTMENT.start),
            errors,
            warnings,
        )
    return build_check(parsed, errors, warnings, strict)


def _sex_issue(given: Sex, position: int) -> Issue:
    return Issue(
        "identity.sex",
        "sex",
        position,
        f"The sex given ({given.label_en}) does not match character 1 of the NIR"
        " (odd for a man, even for a woman).",
        f"Le sexe donné ({given.label_fr}) ne correspond pas au caractère 1 du NIR"
        " (impair pour un homme, pair pour une femme).",
    )


def _check_birth_date(
    nir: Nir, year: int, month: int | None, position: Any, errors: list[Issue]
) -> None:
    if year % 100 != nir.birth_year:
        errors.append(
            Issue(
                "identity.birth_year",
                "birth_date",
                position(_nir_rules.YEAR.start),
                "The birth year given does not match characters 2-3 of the NIR (the year of"
                " birth, without its century).",
                "L'année de naissance donnée ne correspond pas aux caractères 2-3 du NIR"
                " (l'année de naissance, sans le siècle).",
            )
        )
    if month is not None and nir.birth_month is not None and month != nir.birth_month:
        errors.append(
            Issue(
                "identity.birth_month",
                "birth_date",
                position(_nir_rules.MONTH.start),
                "The birth month given does not match characters 4-5 of the NIR (the month"
                " of birth).",
                "Le mois de naissance donné ne correspond pas aux caractères 4-5 du NIR"
                " (le mois de naissance).",
            )
        )


def _characters(department: str) -> str:
    """ "6-7", or "6-8" for an overseas department: where the department is in the NIR."""
    first = _nir_rules.DEPARTMENT.start + 1
    return f"{first}-{first + len(department) - 1}"


def _department_of(place: str) -> str:
    """The department part of a birthplace code (3 characters overseas)."""
    if place[:_DEPARTMENT_LENGTH] in _nir_rules.OVERSEAS_PREFIXES:
        return place[:_OVERSEAS_DEPARTMENT_LENGTH]
    return place[:_DEPARTMENT_LENGTH]


def _too_late_issue(
    history: _ins_rules.History, characters: str, position: int, *, fits: bool
) -> Issue:
    """A birth date after the history that alone could explain characters 6-7 (or 6-8)."""
    if fits:
        what = f"fit the birthplace only through history ({history.name_en}), which"
        what_fr = (
            f"ne correspondent au lieu de naissance que par l'histoire ({history.name_fr}), qui"
        )
    else:
        what = f"are a code of the past ({history.name_en}) that"
        what_fr = f"sont un code du passé ({history.name_fr}) qui"
    # Without "fits", the NIR's department alone contradicts the birth date.
    return Issue(
        "identity.birthplace",
        "birthplace_code" if fits else "birth_date",
        position,
        f"Characters {characters} of the NIR {what} covers births up to"
        f" {history.last_year}; the birth date is later.",
        f"Les caractères {characters} du NIR {what_fr} couvre les naissances jusqu'en"
        f" {history.last_year} ; la date de naissance est postérieure.",
    )


def _check_birthplace(
    nir: Nir,
    code: str | None,
    year: int | None,
    position: int,
    errors: list[Issue],
    warnings: list[Issue],
) -> None:
    department = nir.department
    characters = _characters(department)
    if department in _ins_rules.NO_PLACE_DEPARTMENTS:
        return
    corsica = _ins_rules.CORSICA
    if (
        department in corsica.old
        and year is not None
        and corsica.last_year is not None
        and year > corsica.last_year
    ):
        # The one code that stopped being given on a known day: a contradiction
        # with the birth date, whatever birthplace code comes with it.
        errors.append(_too_late_issue(corsica, characters, position, fits=False))
        return
    nir_place = nir.compact[_nir_rules.DEPARTMENT.start : _nir_rules.PLACE.stop]
    if code is None or code == nir_place:
        return
    code_department = _department_of(code)
    nir_abroad = department == _nir_rules.ABROAD
    code_abroad = code_department == _nir_rules.ABROAD
    if code_department == department and not nir_abroad:
        warnings.append(
            Issue(
                "identity.birthplace_commune",
                "birthplace_code",
                position,
                f"The birthplace is in the department of characters {characters} of the NIR,"
                " but in another commune. This can be genuine: a commune can be merged or"
                " renumbered after the birth, and INSEE changes the commune part when a"
                " commune has more than 999 births in a month.",
                f"Le lieu de naissance est dans le département des caractères {characters}"
                " du NIR, mais dans une autre commune. Cela peut être authentique : une"
                " commune peut être fusionnée ou renumérotée après la naissance, et l'INSEE"
                " change la partie commune quand une commune dépasse 999 naissances en un mois.",
            )
        )
        return
    for history in _ins_rules.HISTORIES:
        forward = department in history.old and (
            code_department in history.new or code in history.new
        )
        backward = (
            history.either_way and department in history.new and code_department in (history.old)
        )
        if not (forward or backward):
            continue
        if (
            forward
            and year is not None
            and history.last_year is not None
            and year > history.last_year
        ):
            errors.append(_too_late_issue(history, characters, position, fits=True))
        else:
            warnings.append(
                Issue(
                    "identity.birthplace_history",
                    "birthplace_code",
                    position,
                    f"The birthplace differs from characters {characters} of the NIR in a way"
                    f" history can explain: {history.name_en}. This can be genuine: check the"
                    " birthplace against the civil record.",
                    f"Le lieu de naissance diffère des caractères {characters} du NIR d'une"
                    f" façon que l'histoire peut expliquer : {history.name_fr}. Cela peut être"
                    " authentique : vérifiez le lieu de naissance sur l'acte d'état civil.",
                )
            )
        return
    if nir_abroad and code_abroad:
        where = f"in another country than characters {_COUNTRY_CHARACTERS} of the NIR"
        where_fr = f"dans un autre pays que celui des caractères {_COUNTRY_CHARACTERS} du NIR"
    elif nir_abroad:
        where = f"in France, but characters {characters} of the NIR say born abroad"
        where_fr = (
            f"en France, mais les caractères {characters} du NIR indiquent une naissance"
            " à l'étranger"
        )
    elif code_abroad:
        where = f"abroad, but characters {characters} of the NIR give a birth in France"
        where_fr = (
            f"à l'étranger, mais les caractères {characters} du NIR indiquent une naissance"
            " en France"
        )
    else:
        where = f"in another department than characters {characters} of the NIR"
        where_fr = f"dans un autre département que celui des caractères {characters} du NIR"
    errors.append(
        Issue(
            "identity.birthplace",
            "birthplace_code",
            position,
            f"The birthplace is {where}.",
            f"Le lieu de naissance est {where_fr}.",
        )
    )
