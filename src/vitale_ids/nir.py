"""NIR (numéro d'inscription au répertoire), the French social-security number.

The NIR has 15 characters: 13 that describe a birth and a 2-digit key.

====  ==========================================================
pos.  meaning
====  ==========================================================
1     sex: 1 man, 2 woman; 3, 4, 7, 8 on temporary numbers
2-3   year of birth, without the century
4-5   month of birth: 01-12, or 20-99 when the month is unknown
6-7   department ("75", "2A", "2B"), "97"/"98" overseas, "99" abroad
8-10  commune, or the INSEE country code for a birth abroad
11-13 order number, 001-999
14-15 key: 97 - (first 13 as a number, 2A read as 19, 2B as 18) mod 97
====  ==========================================================

Overseas, positions 6-8 are the department ("971") and 9-10 the commune.

A number that can be genuine is never refused: temporary numbers and unknown
months are genuine, so they give warnings. The official online form refuses
them, and their holders object by phone (3422); the warnings say so.

>>> from vitale_ids import check_nir, parse_nir, is_valid_nir, nir_key
>>> nir = parse_nir("1 85 05 78 006 084 91")
>>> nir.compact
'185057800608491'
>>> nir.sex, nir.birth_year, nir.birth_month, nir.department, nir.commune
(<Sex.MALE: 1>, 85, 5, '78', '006')
>>> nir.birthplace
'Yvelines'
>>> nir
Nir('1 85 ** ** *** *** 91')

Births abroad carry a country code instead of a commune:

>>> abroad = parse_nir("2 95 10 99 126 111 93")
>>> abroad.department, abroad.commune, abroad.country_code, abroad.birthplace
('99', None, '126', 'Born abroad: Grèce')

Corsica is 2A or 2B, and lower case is accepted:

>>> parse_nir("253072a07300443").department
'2A'
>>> nir_key("253072B073004")
'70'

Every problem is reported, with a stable code, a position in what was typed,
and a message in English and French:

>>> result = check_nir("1 85 05 78 006 084 19")
>>> result.valid
False
>>> [(issue.code, issue.position) for issue in result.errors]
[('nir.checksum', 19)]
>>> print(result.errors[0].message)
The key (characters 14-15) does not match the first 13 characters: one of them is probably mistyped.
>>> print(result.errors[0].message_fr)
La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères : l'un d'eux est sans doute mal saisi.
>>> is_valid_nir("1 85 05 78 006 084 19")
False
"""

from __future__ import annotations

import enum
import operator
from typing import TYPE_CHECKING, Any, Final

import attrs

from vitale_ids import _core
from vitale_ids._core import (
    Check,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    ValidationError,
    _set_check_errors,
    _set_check_valid,
    _set_check_value,
    _set_check_warnings,
    build_check,
    checked_text,
    describe_once,
    names_character,
    original_index,
    original_indexes,
    plain_text,
    raise_first,
    refuse_reinit,
    remove_separators,
    slot_setters,
)
from vitale_ids._nir_rules import (
    ABROAD,
    BODY_LENGTH,
    CORSICA_KEY_DIGITS,
    DEPARTMENT,
    DIGITS,
    GENUINE_MONTHS,
    GROUPS,
    IMPOSSIBLE_MONTHS,
    KEY,
    KEY_CHECK_MODULUS,
    KEY_FACTOR,
    KEY_LENGTH,
    KEYS,
    KNOWN_MONTHS,
    LENGTH,
    MONTH,
    MONTH_MODULUS,
    NIA_SEX_DIGITS,
    NO_ORDER,
    ONLINE_FORM_MONTHS,
    ONLINE_FORM_SEX_DIGITS,
    ORDER,
    ORDER_AND_KEY_MODULUS,
    ORDINARY_SEX_DIGITS,
    OVERSEAS_COMMUNE,
    OVERSEAS_DEPARTMENT,
    OVERSEAS_PREFIXES,
    PLACE,
    RIGHT_KEY_FLAGS,
    SEX,
    SEX_DIGITS,
    SEX_DIVISOR,
    SEX_NUMBERS,
    SOUND_ORDER_FLAGS,
    SOUND_SEX_YEAR_MONTH_FLAGS,
    TEMPORARY_SEX_DIGITS,
    UNKNOWN_MONTHS,
    WHOLE_SEX_YEAR_MONTH_DIVISOR,
    YEAR,
    key_of,
    read_number,
)

if TYPE_CHECKING:
    from collections.abc import Iterable

if TYPE_CHECKING:
    from vitale_ids.ins import Environment

__all__ = [
    "BODY_LENGTH",
    "CORSICA_DEPARTMENTS",
    "DEPARTMENT",
    "LENGTH",
    "MAX_INPUT_LENGTH",
    "Nir",
    "Sex",
    "check_nir",
    "compact",
    "format",
    "is_valid_nir",
    "nir_key",
    "parse_nir",
    "validate",
]

FIELD: Final = "nir"

# LENGTH (15 characters: 13 that describe a birth, then the 2-digit key) and
# BODY_LENGTH (what the key is computed on, and what a NIR stored without its
# key has) are imported from _nir_rules above, as public names of this module.

#: Corsica's departments since 1976, the only letters a NIR has (characters 6-7).
CORSICA_DEPARTMENTS: Final = tuple(CORSICA_KEY_DIGITS)

#: Inputs longer than this are refused before they are scanned (the core's limit).
MAX_INPUT_LENGTH: Final = _core.MAX_INPUT_LENGTH

_PHONE_ROUTE_EN: Final = "The online form refuses it; you can object by phone at 3422."
_PHONE_ROUTE_FR: Final = (
    "Le formulaire en ligne le refuse ; vous pouvez vous opposer par téléphone au 3422."
)

# Which exception parse_nir raises for each error code.
_ERROR_CLASSES: Final[dict[str, type[ValidationError]]] = {
    "nir.empty": InvalidLength,
    "nir.missing_key": InvalidLength,
    "nir.length": InvalidLength,
    "nir.character": InvalidFormat,
    "nir.sex": InvalidComponent,
    "nir.month": InvalidComponent,
    "nir.order": InvalidComponent,
    "nir.key_range": InvalidChecksum,
    "nir.checksum": InvalidChecksum,
    # Warnings, when strict=True turns them into errors.
    "nir.temporary": InvalidComponent,
    "nir.unknown_month": InvalidComponent,
}


class Sex(enum.Enum):
    """The sex recorded in the first digit (odd: male, even: female)."""

    MALE = 1
    FEMALE = 2

    @property
    def label_en(self) -> str:
        return "man" if self is Sex.MALE else "woman"

    @property
    def label_fr(self) -> str:
        return "homme" if self is Sex.MALE else "femme"


@attrs.frozen(init=False, repr=False)
class Nir:
    """A valid NIR. Build one with :func:`parse_nir` (or ``Nir(text)``).

    Only ``compact`` is stored; every part is read from it on demand. ``str``
    and ``repr`` are masked; ``compact`` and :meth:`format` give the number.
    """

    compact: str

    def __init__(self, value: str | int, *, strict: bool = False) -> None:
        refuse_reinit(self, "compact")
        object.__setattr__(self, "compact", parse_nir(value, strict=strict).compact)

    @property
    def sex(self) -> Sex:
        return Sex.MALE if int(self.compact[SEX]) % 2 else Sex.FEMALE

    @property
    def is_temporary(self) -> bool:
        """True for temporary numbers (first digit 3, 4, 7 or 8)."""
        return self.compact[SEX] in TEMPORARY_SEX_DIGITS

    @property
    def birth_year(self) -> int:
        """The year of birth without its century (0-99)."""
        return int(self.compact[YEAR])

    @property
    def month_code(self) -> str:
        """Characters 4-5 as written: "01"-"12", or "20"-"99" for an unknown month."""
        return self.compact[MONTH]

    @property
    def birth_month(self) -> int | None:
        """The month of birth (1-12), or ``None`` when the record gives none."""
        month = int(self.compact[MONTH])
        return month if month in KNOWN_MONTHS else None

    @property
    def department(self) -> str:
        """ "75", "2A", "971" (3 characters overseas), "99" (abroad)..."""
        if self.compact[DEPARTMENT] in OVERSEAS_PREFIXES:
            return self.compact[OVERSEAS_DEPARTMENT]
        return self.compact[DEPARTMENT]

    @property
    def commune(self) -> str | None:
        """The commune code (2 digits overseas, else 3), ``None`` for a birth abroad."""
        department = self.compact[DEPARTMENT]
        if department == ABROAD:
            return None
        if department in OVERSEAS_PREFIXES:
            return self.compact[OVERSEAS_COMMUNE]
        return self.compact[PLACE]

    @property
    def country_code(self) -> str | None:
        """The INSEE country code (3 digits) for a birth abroad, else ``None``."""
        return self.compact[PLACE] if self.compact[DEPARTMENT] == ABROAD else None

    @property
    def order(self) -> str:
        """The order number, "001"-"999"."""
        return self.compact[ORDER]

    @property
    def key(self) -> str:
        return self.compact[KEY]

    @property
    def online_form_accepts(self) -> bool:
        """Whether the Mon espace santé online form takes this number.

        It refuses temporary numbers and unknown months; their holders object
        by phone (3422).
        """
        return (
            self.compact[SEX] in ONLINE_FORM_SEX_DIGITS
            and int(self.compact[MONTH]) in ONLINE_FORM_MONTHS
        )

    @property
    def birthplace(self) -> str:
        """The department or country of birth, with its history, in English."""
        from vitale_ids._places import birthplace

        return birthplace(self.department, self.country_code)[0]

    @property
    def birthplace_fr(self) -> str:
        """The department or country of birth, with its history, in French."""
        from vitale_ids._places import birthplace

        return birthplace(self.department, self.country_code)[1]

    def to_fhir_identifier(self, environment: Environment = "production") -> dict[str, Any]:
        """The FHIR FR Core ``Patient.identifier`` (INS) of this number: see :mod:`vitale_ids.ins`."""
        from vitale_ids.ins import fhir_identifier

        return fhir_identifier(self, environment)

    def format(self, sep: str = " ") -> str:
        """The number in the groups printed on the card: ``1 85 05 78 006 084 91``."""
        return sep.join(self.compact[group] for group in GROUPS)

    @property
    def masked(self) -> str:
        """Sex, year and key only: ``1 85 ** ** *** *** 91``."""
        return " ".join(
            self.compact[group] if group in _SHOWN_GROUPS else "*" * (group.stop - group.start)
            for group in GROUPS
        )

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Nir({self.masked!r})"


# What a masked NIR shows: nothing of the birthplace, date or order.
_SHOWN_GROUPS: Final = (SEX, YEAR, KEY)

_new_object = object.__new__
(_set_nir_compact,) = slot_setters(Nir, "compact")


def _trusted_nir(compact: str) -> Nir:
    """The :class:`Nir` of a compact form that has just been validated: no parse."""
    nir: Nir = _new_object(Nir)
    _set_nir_compact(nir, compact)
    return nir


# --- Wording ------------------------------------------------------------------
#
# The checks below decide; these functions only word what they found, in
# English and French, from the same rules.


def _listing(items: Iterable[str], conjunction: str) -> str:
    """``"3, 4, 7 or 8"`` for the digits 3, 4, 7 and 8."""
    words = sorted(items)
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1] if len(words) > 1 else words[0]


def _characters(part: slice) -> str:
    """``"4-5"`` for the month: the 1-based positions of a part."""
    return f"{part.start + 1}-{part.stop}"


def _two_digits(numbers: range) -> tuple[str, str]:
    return f"{numbers.start:02d}", f"{numbers.stop - 1:02d}"


_CORSICA_CODES: Final = "/".join(CORSICA_KEY_DIGITS)
_LETTER_INDEXES: Final = range(DEPARTMENT.start, DEPARTMENT.stop)
# Where Corsica's letter stands: the department's second character.
_LETTER_INDEX: Final = DEPARTMENT.stop - 1
_ORDINARY_SEX: Final = (_listing(ORDINARY_SEX_DIGITS, "or"), _listing(ORDINARY_SEX_DIGITS, "ou"))
_TEMPORARY_SEX: Final = (_listing(TEMPORARY_SEX_DIGITS, "or"), _listing(TEMPORARY_SEX_DIGITS, "ou"))
_KNOWN: Final = _two_digits(KNOWN_MONTHS)
_UNKNOWN: Final = _two_digits(UNKNOWN_MONTHS)
_KEYS: Final = _two_digits(KEYS)


def _runs(numbers: Iterable[int], width: int, conjunction: str) -> str:
    """``"00 and 13 to 19"``: numbers written as their runs, each ``width`` digits."""
    runs: list[list[int]] = []
    for number in sorted(numbers):
        if runs and runs[-1][-1] == number - 1:
            runs[-1].append(number)
        else:
            runs.append([number])
    to = " to " if conjunction == "and" else " à "
    words: list[str] = []
    for run in runs:
        ends = [f"{run[0]:0{width}d}", f"{run[-1]:0{width}d}"]
        words.extend(ends[:1] if len(run) == 1 else ends if len(run) == 2 else [to.join(ends)])
    return _listing_in_order(words, conjunction)


def _listing_in_order(words: list[str], conjunction: str) -> str:
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1] if len(words) > 1 else words[0]


_NEVER_MONTHS: Final = (_runs(IMPOSSIBLE_MONTHS, 2, "and"), _runs(IMPOSSIBLE_MONTHS, 2, "et"))
_KEY_NUMBERS: Final = range(10**KEY_LENGTH)
_NEVER_KEYS: Final = (
    _runs(set(_KEY_NUMBERS) - set(KEYS), KEY_LENGTH, "and"),
    _runs(set(_KEY_NUMBERS) - set(KEYS), KEY_LENGTH, "et"),
)
_ORDER_WIDTH: Final = ORDER.stop - ORDER.start
_ORDERS: Final = (
    f"{int(NO_ORDER) + 1:0{_ORDER_WIDTH}d}",
    f"{10**_ORDER_WIDTH - 1:0{_ORDER_WIDTH}d}",
)
_MONTH_CHARACTERS: Final = _characters(MONTH)
_ORDER_CHARACTERS: Final = _characters(ORDER)
_KEY_CHARACTERS: Final = _characters(KEY)


def _character_issue(char: str, index: int, position: int, name_it: bool = True) -> Issue:
    number = index + 1
    if index in _LETTER_INDEXES:
        expected = f"a digit, or {_CORSICA_CODES} for Corsica"
        expected_fr = f"un chiffre, ou {_CORSICA_CODES} pour la Corse"
        kind, kind_fr = describe_once(char, name_it, hint=False)
    else:
        expected, expected_fr = "a digit", "un chiffre"
        kind, kind_fr = describe_once(char, name_it)
    return Issue(
        "nir.character",
        FIELD,
        position,
        f"Character {number} must be {expected}; it is {kind}.",
        f"Le caractère {number} doit être {expected_fr} ; c'est {kind_fr}.",
    )


def _empty_issue() -> Issue:
    return Issue(
        "nir.empty",
        FIELD,
        None,
        f"The NIR is empty; it should have {LENGTH} characters.",
        f"Le NIR est vide ; il doit comporter {LENGTH} caractères.",
    )


def _length_issue(length: int) -> Issue:
    return Issue(
        "nir.length",
        FIELD,
        None,
        f"The NIR must have {LENGTH} characters; this one has {length}.",
        f"Le NIR doit comporter {LENGTH} caractères ; celui-ci en a {length}.",
    )


def _missing_key_issue(key: int | None) -> Issue:
    if key is None:
        offer = offer_fr = ""
    else:
        offer = (
            f" For these {BODY_LENGTH} characters the key is {key:0{KEY_LENGTH}d}:"
            " add it at the end."
        )
        offer_fr = (
            f" Pour ces {BODY_LENGTH} caractères, la clé est {key:0{KEY_LENGTH}d} :"
            " ajoutez-la à la fin."
        )
    return Issue(
        "nir.missing_key",
        FIELD,
        None,
        f"The NIR has {BODY_LENGTH} characters: its {KEY_LENGTH}-digit key is missing." + offer,
        f"Le NIR ne comporte que {BODY_LENGTH} caractères : il manque sa clé à {KEY_LENGTH}"
        " chiffres." + offer_fr,
    )


def _sex_issue(digit: str, position: int) -> Issue:
    """The issue of a sex digit other than 1 or 2: an error, or a temporary number.

    The messages state the rule and the category, never the digit: all the
    messages of one check name at most one character, the first wrong one.
    """
    if digit not in SEX_DIGITS:
        return Issue(
            "nir.sex",
            FIELD,
            position,
            f"Character 1 (sex) must be {_ORDINARY_SEX[0]}, or {_TEMPORARY_SEX[0]} on a"
            " temporary number.",
            f"Le caractère 1 (sexe) doit valoir {_ORDINARY_SEX[1]}, ou {_TEMPORARY_SEX[1]} sur"
            " un numéro provisoire.",
        )
    if digit in NIA_SEX_DIGITS:
        what = "a temporary number (NIA, numéro d'identification d'attente)"
        what_fr = "un numéro provisoire (NIA, numéro d'identification d'attente)"
    else:
        what = "a temporary number, given while a birth abroad is being registered"
        what_fr = (
            "un numéro provisoire, attribué pendant l'immatriculation"
            " d'une personne née à l'étranger"
        )
    return Issue(
        "nir.temporary",
        FIELD,
        position,
        f"Character 1 is the sex digit of {what}. {_PHONE_ROUTE_EN}",
        f"Le caractère 1 est le chiffre du sexe d'{what_fr}. {_PHONE_ROUTE_FR}",
    )


def _month_issue(month: str, position: int) -> Issue:
    if int(month) in IMPOSSIBLE_MONTHS:
        return Issue(
            "nir.month",
            FIELD,
            position,
            f"Characters {_MONTH_CHARACTERS} (month of birth) must be {_KNOWN[0]} to {_KNOWN[1]},"
            f" or {_UNKNOWN[0]} to {_UNKNOWN[1]} when the month is unknown;"
            f" {_NEVER_MONTHS[0]} are never a month.",
            f"Les caractères {_MONTH_CHARACTERS} (mois de naissance) doivent aller de {_KNOWN[0]}"
            f" à {_KNOWN[1]}, ou de {_UNKNOWN[0]} à {_UNKNOWN[1]} si le mois est inconnu ;"
            f" {_NEVER_MONTHS[1]} ne sont jamais un mois.",
        )
    return Issue(
        "nir.unknown_month",
        FIELD,
        position,
        f"Characters {_MONTH_CHARACTERS} give no month of birth: the month is unknown."
        f" {_PHONE_ROUTE_EN}",
        f"Les caractères {_MONTH_CHARACTERS} ne donnent pas de mois de naissance : le mois est"
        f" inconnu. {_PHONE_ROUTE_FR}",
    )


def _order_issue(position: int) -> Issue:
    return Issue(
        "nir.order",
        FIELD,
        position,
        f"Characters {_ORDER_CHARACTERS} (order number) must be {_ORDERS[0]} to {_ORDERS[1]}.",
        f"Les caractères {_ORDER_CHARACTERS} (numéro d'ordre) doivent aller de {_ORDERS[0]}"
        f" à {_ORDERS[1]}.",
    )


def _key_range_issue(position: int) -> Issue:
    return Issue(
        "nir.key_range",
        FIELD,
        position,
        f"The key (characters {_KEY_CHARACTERS}) must be {_KEYS[0]} to {_KEYS[1]};"
        f" {_NEVER_KEYS[0]} are never a key.",
        f"La clé (caractères {_KEY_CHARACTERS}) doit aller de {_KEYS[0]} à {_KEYS[1]} ;"
        f" {_NEVER_KEYS[1]} ne sont jamais une clé.",
    )


# Worded once: the usual typo is reported on every wrong key.
_CHECKSUM_EN: Final = (
    f"The key (characters {_KEY_CHARACTERS}) does not match the first {BODY_LENGTH}"
    " characters: one of them is probably mistyped."
)
_CHECKSUM_FR: Final = (
    f"La clé (caractères {_KEY_CHARACTERS}) ne correspond pas aux {BODY_LENGTH} premiers"
    " caractères : l'un d'eux est sans doute mal saisi."
)


def _checksum_issue(position: int) -> Issue:
    return Issue("nir.checksum", FIELD, position, _CHECKSUM_EN, _CHECKSUM_FR)


def _too_long_issue() -> Issue:
    return Issue(
        "nir.length",
        FIELD,
        None,
        f"The NIR must have {LENGTH} characters; this input has more than {MAX_INPUT_LENGTH}.",
        f"Le NIR doit comporter {LENGTH} caractères ; cette saisie en a plus de"
        f" {MAX_INPUT_LENGTH}.",
    )


# --- Clean-up -----------------------------------------------------------------


def compact(value: str | int) -> str:
    """Remove spaces, dots and hyphens, and upper-case ``2a``/``2b``.

    >>> compact("2 53 07 2a 073 004 43")
    '253072A07300443'

    As every ``compact()`` of this library, it raises
    :class:`~vitale_ids.InvalidType` for anything but a ``str``, and
    :class:`~vitale_ids.InvalidLength` for an input of more than
    ``MAX_INPUT_LENGTH`` characters, without scanning it. It checks nothing
    else: :func:`check_nir` does.
    """
    if type(value) is not str:
        value = _required_nir_text(value)
    return _compact(checked_text(value, FIELD, _too_long_issue))


def _compact(value: str) -> str:
    """:func:`compact` of a ``str`` known to be short enough."""
    cleaned = remove_separators(value)
    department = cleaned[DEPARTMENT].upper()
    if department in CORSICA_KEY_DIGITS:
        cleaned = cleaned[: DEPARTMENT.start] + department + cleaned[DEPARTMENT.stop :]
    return cleaned


def _bad_characters(cleaned: str) -> list[tuple[int, str]]:
    """The characters that cannot stand where they are: all but ASCII digits and 2A/2B."""
    corsica = cleaned[DEPARTMENT] in CORSICA_KEY_DIGITS
    return [
        (index, char)
        for index, char in enumerate(cleaned)
        if char not in DIGITS and not (corsica and index == _LETTER_INDEX)
    ]


# --- Finding the issues -----------------------------------------------------------
#
# The full check finds every issue of a compact text as a finding: its code, the
# 0-based index in the compact text it is about (None for the whole value), and
# what the wording needs. is_valid_nir asks only whether there is any; check_nir
# words each one, at its position in what was typed.

_Finding = tuple[str, "int | None", "str | int | None"]

_WARNING_CODES: Final = frozenset({"nir.temporary", "nir.unknown_month"})


def _findings(cleaned: str, *, enough: bool = False) -> list[_Finding]:
    """Every issue of ``cleaned`` (a compact text), errors and warnings, in order.

    With ``enough=True``, the length and characters alone when they are wrong:
    enough for :func:`is_valid_nir`, which words nothing.
    """
    length = len(cleaned)
    if not length:
        return [("nir.empty", None, None)]
    found: list[_Finding] = []
    # Most typos keep to digits: then no character needs a look of its own.
    bad_characters = [] if cleaned.isdigit() and cleaned.isascii() else _bad_characters(cleaned)
    if length == BODY_LENGTH:
        # The wording offers the key, when it can be computed.
        found.append(("nir.missing_key", None, None if bad_characters else cleaned))
    elif length != LENGTH:
        found.append(("nir.length", None, length))
    if bad_characters:
        found.extend(("nir.character", index, char) for index, char in bad_characters)
    if found and enough:
        return found
    if length in (BODY_LENGTH, LENGTH):
        _find_in_parts(cleaned, found)
        if length == LENGTH and not bad_characters:
            _find_in_key(cleaned, found)
    return found


def _find_in_parts(cleaned: str, found: list[_Finding]) -> None:
    # Each part is judged only when all its characters are digits, so that one
    # typo is not reported twice.
    sex = cleaned[SEX]
    if sex in DIGITS and sex not in ORDINARY_SEX_DIGITS:
        found.append(("nir.temporary" if sex in SEX_DIGITS else "nir.sex", SEX.start, sex))
    month = cleaned[MONTH]
    if month.isdigit() and month.isascii() and int(month) not in KNOWN_MONTHS:
        code = "nir.unknown_month" if int(month) in UNKNOWN_MONTHS else "nir.month"
        found.append((code, MONTH.start, month))
    if cleaned[ORDER] == NO_ORDER:
        found.append(("nir.order", ORDER.start, None))


def _find_in_key(cleaned: str, found: list[_Finding]) -> None:
    # All 15 characters are right: the key can be read, and checked.
    key = cleaned[KEY]
    if int(key) not in KEYS:
        found.append(("nir.key_range", KEY.start, key))
    elif int(key) != key_of(read_number(cleaned[:BODY_LENGTH]) or 0):
        found.append(("nir.checksum", KEY.start, None))


def _word(finding: _Finding, position: int | None, name_it: bool = True) -> Issue:
    """The :class:`Issue` of a finding, at ``position`` in what was typed."""
    code, index, detail = finding
    if position is None:
        if code == "nir.length":
            return _length_issue(int(detail or 0))
        if code == "nir.missing_key":
            number = None if detail is None else read_number(str(detail))
            return _missing_key_issue(None if number is None else key_of(number))
        return _empty_issue()
    if code == "nir.character":
        return _character_issue(str(detail), int(index or 0), position, name_it)
    if code in ("nir.sex", "nir.temporary"):
        return _sex_issue(str(detail), position)
    if code in ("nir.month", "nir.unknown_month"):
        return _month_issue(str(detail), position)
    if code == "nir.order":
        return _order_issue(position)
    if code == "nir.key_range":
        return _key_range_issue(position)
    return _checksum_issue(position)


# --- Checking ------------------------------------------------------------------
#
# The usual input, a valid NIR compact or split by spaces, is accepted by a fast
# path: the one reading of the digits (_nir_rules.read_number), the key formula
# (_nir_rules.key_of) and lookups in tables derived from the rules. The fast
# paths only accept, apart from one rejection: a number whose parts are all
# sound and whose key does not match, the usual typo, where the key formula is
# all there is to say. Every other input is decided and worded by the full
# check (_findings), from the same rules. tests/test_nir_fast_path.py holds the
# paths to the same results on arbitrary input.


def check_nir(value: str | int, *, strict: bool = False) -> Check[Nir]:
    """Check a NIR and report every problem found, without raising.

    ``strict=True`` turns the warnings (temporary number, unknown month) into
    errors, as the official online form does.
    """
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = _required_nir_text(value)
    length = len(value)
    if length == LENGTH:
        text = value
        number = read_number(text)
    elif length > MAX_INPUT_LENGTH:
        return Check(False, None, (_too_long_issue(),), ())
    else:
        text = value.replace(" ", "")  # spaces, as printed on the card, cost least to drop
        number = read_number(text) if len(text) == LENGTH else None
    if number is not None:
        # 15 characters read: no separator is left, and Corsica's letter is in
        # upper case (read_number reads only that): the compact form.
        if (
            SOUND_SEX_YEAR_MONTH_FLAGS[number // WHOLE_SEX_YEAR_MONTH_DIVISOR]
            and SOUND_ORDER_FLAGS[number % ORDER_AND_KEY_MODULUS]
        ):
            if RIGHT_KEY_FLAGS[number % KEY_CHECK_MODULUS]:
                # passed(_trusted_nir(...)), written out: on the usual input
                # the two calls it saves are a tenth of the time.
                nir: Nir = _new_object(Nir)
                _set_nir_compact(nir, text)
                check: Check[Nir] = _new_object(Check)
                _set_check_valid(check, True)
                _set_check_value(check, nir)
                _set_check_errors(check, ())
                _set_check_warnings(check, ())
                return check
            if number % KEY_FACTOR in KEYS:  # the usual typo: the key is all there is to report
                position = KEY.start if text is value else _key_position(value)
                wrong_key = _WRONG_KEY_CHECKS.get(position)  # (a Check is falsy: no "or")
                return _wrong_key_check(position) if wrong_key is None else wrong_key
        return _check_in_full(value, text, strict)
    return _check_in_full(value, _compact(value), strict)


# The result of the usual typo depends on nothing but where the key stands: a
# frozen result, built once for each position and then shared.
_WRONG_KEY_CHECKS: Final[dict[int, Check[Nir]]] = {}


def _wrong_key_check(position: int) -> Check[Nir]:
    check: Check[Nir] = Check(False, None, (_checksum_issue(position),))
    return _WRONG_KEY_CHECKS.setdefault(position, check)


def _number_text(value: object) -> str | None:
    """The decimal text of a whole number that may be a NIR, else ``None``.

    ``pandas.read_csv`` reads a column of compact NIRs as ``int64`` (``float64``
    when a row is missing). A NIR never starts with 0, so its number loses
    nothing: ``int``, NumPy integers and whole floats are checked as
    ``str(int(value))``, as the column API (:mod:`vitale_ids.columns`) does.
    ``bool`` and negative numbers are no NIR.
    """
    if isinstance(value, bool):
        return None
    try:
        number = operator.index(value)  # type: ignore[arg-type]  # any object: TypeError
    except TypeError:
        if not isinstance(value, float) or not value.is_integer():
            return None
        number = int(value)
    return str(number) if number >= 0 else None


def _nir_text(value: object) -> str | None:
    """The plain text of a ``str`` (subclass), or of a whole number: :func:`_number_text`."""
    text = plain_text(value)
    return _number_text(value) if text is None else text


def _required_nir_text(value: object) -> str:
    """:func:`_nir_text`, or raise :class:`~vitale_ids.InvalidType` naming ``dtype=str``."""
    text = _nir_text(value)
    if text is None:
        raise InvalidType(_type_issue(value))
    return text


def _type_issue(value: object) -> Issue:
    # The type's name only: the value may hold the number.
    type_name = type(value).__name__
    return Issue(
        "nir.type",
        FIELD,
        None,
        f"Expected text (str) or a whole number, got {type_name}. With pandas, read"
        " identifiers as text: read_csv(..., dtype=str).",
        f"Un texte (str) ou un nombre entier est attendu, pas {type_name}. Avec pandas,"
        " lisez les identifiants comme du texte : read_csv(..., dtype=str).",
    )


def _key_position(spaced: str) -> int:
    """Where the key starts in ``spaced``, 15 digits split by spaces."""
    end = len(spaced.rstrip(" "))  # just after the key's last digit
    # The usual spacing leaves the key whole; original_index() handles any other.
    start = end - KEY_LENGTH
    return start if " " not in spaced[start:end] else original_index(spaced, KEY.start)


def _check_in_full(value: str, cleaned: str, strict: bool) -> Check[Nir]:
    """Find and word every issue of ``value``, whose compact form is ``cleaned``."""
    # Where an issue stands in what was typed is looked up only for the issues found.
    shifted = cleaned != value
    errors: list[Issue] = []
    warnings: list[Issue] = []
    positions = original_indexes(value) if shifted else None
    named = False  # only the first wrong character is named
    for finding in _findings(cleaned):
        index = finding[1]
        position = index if index is None or positions is None else positions[index]
        issue = _word(finding, position, not named)
        named = named or (finding[0] == "nir.character" and names_character(str(finding[2])))
        (warnings if finding[0] in _WARNING_CODES else errors).append(issue)
    return build_check(None if errors else _trusted_nir(cleaned), errors, warnings, strict)


def parse_nir(value: str | int, *, strict: bool = False) -> Nir:
    """Return the :class:`Nir`, or raise the first error as a :class:`ValidationError`.

    >>> parse_nir("1 85 05 78 006 084 19")
    Traceback (most recent call last):
    ...
    vitale_ids.InvalidChecksum: The key (characters 14-15) does not match ...
    """
    if type(value) is not str:
        value = _required_nir_text(value)
    result = check_nir(value, strict=strict)
    if result.value is None:
        raise_first(result, _ERROR_CLASSES)
    return result.value


def is_valid_nir(value: object, *, strict: bool = False) -> bool:
    """True when ``value`` is a valid NIR. Never raises, whatever ``value`` is."""
    # The validator called on every row and every keystroke: the usual input
    # is decided by the fast path of check_nir, without building a result.
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = _nir_text(value)  # a str subclass's text, or a NIR read as a number (pandas)
        if value is None:
            return False
    length = len(value)
    if length == LENGTH:
        number = read_number(value)
    elif length > MAX_INPUT_LENGTH:
        return False
    else:
        text = value.replace(" ", "")  # spaces, as printed on the card, cost least to drop
        number = read_number(text) if len(text) == LENGTH else None
    if number is not None:
        if not RIGHT_KEY_FLAGS[number % KEY_CHECK_MODULUS]:
            return False  # 15 right characters and a wrong key: the key says it all
        if SOUND_ORDER_FLAGS[number % ORDER_AND_KEY_MODULUS]:
            sex_year_month = number // WHOLE_SEX_YEAR_MONTH_DIVISOR
            if SOUND_SEX_YEAR_MONTH_FLAGS[sex_year_month]:
                return True
            if (
                not strict
                and sex_year_month // SEX_DIVISOR in SEX_NUMBERS
                and sex_year_month % MONTH_MODULUS in GENUINE_MONTHS
            ):
                return True  # a temporary number or an unknown month: a warning
    for code, _index, _detail in _findings(_compact(value), enough=True):
        if strict or code not in _WARNING_CODES:
            return False
    return True


def nir_key(first_13: str | int) -> str:
    """The 2-digit key of the first 13 characters of a NIR (2A/2B handled).

    Separators and lower-case ``2a``/``2b`` are accepted, as in :func:`check_nir`.

    >>> nir_key("1 85 05 78 006 084")
    '91'
    """
    if type(first_13) is not str:
        first_13 = _required_nir_text(first_13)
    cleaned = compact(first_13) if len(first_13) <= MAX_INPUT_LENGTH else first_13
    if len(cleaned) != BODY_LENGTH:
        raise InvalidLength(
            Issue(
                "nir.length",
                FIELD,
                None,
                f"A key is computed on the first {BODY_LENGTH} characters of a NIR;"
                f" there are {len(cleaned)}.",
                f"La clé se calcule sur les {BODY_LENGTH} premiers caractères du NIR ;"
                f" il y en a {len(cleaned)}.",
            )
        )
    for index, char in _bad_characters(cleaned):
        raise InvalidFormat(_character_issue(char, index, original_index(first_13, index)))
    return f"{key_of(read_number(cleaned) or 0):0{KEY_LENGTH}d}"


# python-stdnum's small API, for callers used to it.
def validate(number: str, *, strict: bool = False) -> str:
    """Return the compact form of a valid NIR, or raise (python-stdnum style)."""
    return parse_nir(number, strict=strict).compact


def format(number: str, separator: str = " ") -> str:
    """Format a NIR in the groups printed on the card (python-stdnum style)."""
    return parse_nir(number).format(separator)
