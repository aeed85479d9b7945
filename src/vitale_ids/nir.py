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
from typing import Final

import attrs

from vitale_ids import _nir_rules
from vitale_ids._core import (
    Check,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    Issue,
    ValidationError,
    _set_check_errors,
    _set_check_valid,
    _set_check_value,
    _set_check_warnings,
    build_check,
    describe_character,
    lookalike_hint,
    original_index,
    original_indexes,
    passed,
    raise_first,
    raise_type_error,
    remove_separators,
    slot_setters,
)

__all__ = [
    "BODY_LENGTH",
    "CORSICA_DEPARTMENTS",
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

# The rules live in _nir_rules; these are the public names for the shape.
#: 15 characters: 13 that describe a birth, then the 2-digit key.
LENGTH: Final = _nir_rules.LENGTH
#: The characters the key is computed on (a NIR stored without its key has these).
BODY_LENGTH: Final = _nir_rules.BODY_LENGTH
#: Corsica's departments since 1976, the only letters a NIR has (characters 6-7).
CORSICA_DEPARTMENTS: Final = tuple(_nir_rules.CORSICA_KEY_DIGITS)

#: Inputs longer than this are refused before they are scanned.
MAX_INPUT_LENGTH: Final = 64

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

_VALID_SEX_DIGITS: Final = frozenset("123478")
_TEMPORARY_SEX_DIGITS: Final = frozenset("3478")


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


def _key_for(body: str) -> int:
    """The key of the first 13 characters: 2A is read as 19 and 2B as 18."""
    department = body[5:7]
    if department == "2A":
        body = body[:5] + "19" + body[7:]
    elif department == "2B":
        body = body[:5] + "18" + body[7:]
    return 97 - int(body) % 97


@attrs.frozen(init=False, repr=False)
class Nir:
    """A valid NIR. Build one with :func:`parse_nir` (or ``Nir(text)``).

    Only ``compact`` is stored; every part is read from it on demand. ``str``
    and ``repr`` are masked; ``compact`` and :meth:`format` give the number.
    """

    compact: str

    def __init__(self, value: str, *, strict: bool = False) -> None:
        object.__setattr__(self, "compact", parse_nir(value, strict=strict).compact)

    @property
    def sex(self) -> Sex:
        return Sex.MALE if int(self.compact[0]) % 2 else Sex.FEMALE

    @property
    def is_temporary(self) -> bool:
        """True for temporary numbers (first digit 3, 4, 7 or 8)."""
        return self.compact[0] in _TEMPORARY_SEX_DIGITS

    @property
    def birth_year(self) -> int:
        """The year of birth without its century (0-99)."""
        return int(self.compact[1:3])

    @property
    def month_code(self) -> str:
        """Characters 4-5 as written: "01"-"12", or "20"-"99" for an unknown month."""
        return self.compact[3:5]

    @property
    def birth_month(self) -> int | None:
        """The month of birth (1-12), or ``None`` when the record gives none."""
        month = int(self.compact[3:5])
        return month if month <= 12 else None

    @property
    def department(self) -> str:
        """ "75", "2A", "971" (3 characters overseas), "99" (abroad)..."""
        if self.compact[5] == "9" and self.compact[6] in "78":
            return self.compact[5:8]
        return self.compact[5:7]

    @property
    def commune(self) -> str | None:
        """The commune code (2 digits overseas, else 3), ``None`` for a birth abroad."""
        if self.compact[5:7] == "99":
            return None
        return self.compact[len(self.department) + 5 : 10]

    @property
    def country_code(self) -> str | None:
        """The INSEE country code (3 digits) for a birth abroad, else ``None``."""
        return self.compact[7:10] if self.compact[5:7] == "99" else None

    @property
    def order(self) -> str:
        """The order number, "001"-"999"."""
        return self.compact[10:13]

    @property
    def key(self) -> str:
        return self.compact[13:]

    @property
    def online_form_accepts(self) -> bool:
        """Whether the Mon espace santé online form takes this number.

        It refuses temporary numbers and unknown months; their holders object
        by phone (3422).
        """
        return self.compact[0] in "12" and 1 <= int(self.compact[3:5]) <= 12

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

    def format(self, sep: str = " ") -> str:
        """The number in the groups printed on the card: ``1 85 05 78 006 084 91``."""
        c = self.compact
        return sep.join((c[0], c[1:3], c[3:5], c[5:7], c[7:10], c[10:13], c[13:]))

    @property
    def masked(self) -> str:
        """Sex, year and key only: ``1 85 ** ** *** *** 91``."""
        c = self.compact
        return f"{c[0]} {c[1:3]} ** ** *** *** {c[13:]}"

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"Nir({self.masked!r})"


_new_object = object.__new__
(_set_nir_compact,) = slot_setters(Nir, "compact")


def _trusted_nir(compact: str) -> Nir:
    """The :class:`Nir` of a compact form that has just been validated: no parse."""
    nir: Nir = _new_object(Nir)
    _set_nir_compact(nir, compact)
    return nir


# --- Issues ------------------------------------------------------------------


def _character_issue(char: str, index: int, position: int) -> Issue:
    kind, kind_fr = describe_character(char)
    number = index + 1
    if index in (5, 6):
        expected = "a digit, or 2A/2B for Corsica"
        expected_fr = "un chiffre, ou 2A/2B pour la Corse"
        hint = hint_fr = ""
    else:
        expected, expected_fr = "a digit", "un chiffre"
        hint, hint_fr = lookalike_hint(char)
    return Issue(
        "nir.character",
        FIELD,
        position,
        f"Character {number} must be {expected}; it is {kind}{hint}.",
        f"Le caractère {number} doit être {expected_fr} ; c'est {kind_fr}{hint_fr}.",
    )


def _length_issue(length: int) -> Issue:
    return Issue(
        "nir.length",
        FIELD,
        None,
        f"The NIR must have 15 characters; this one has {length}.",
        f"Le NIR doit comporter 15 caractères ; celui-ci en a {length}.",
    )


def _missing_key_issue(key: int | None) -> Issue:
    if key is None:
        offer = offer_fr = ""
    else:
        offer = f" For these 13 characters the key is {key:02d}: add it at the end."
        offer_fr = f" Pour ces 13 caractères, la clé est {key:02d} : ajoutez-la à la fin."
    return Issue(
        "nir.missing_key",
        FIELD,
        None,
        "The NIR has 13 characters: its 2-digit key is missing." + offer,
        "Le NIR ne comporte que 13 caractères : il manque sa clé à 2 chiffres." + offer_fr,
    )


def _sex_issue(digit: str, position: int) -> Issue:
    """The issue of a sex digit other than 1 or 2: an error, or a temporary number."""
    if digit not in _VALID_SEX_DIGITS:
        return Issue(
            "nir.sex",
            FIELD,
            position,
            f"Character 1 (sex) must be 1 or 2, or 3, 4, 7 or 8 on a temporary number;"
            f" it is {digit}.",
            f"Le caractère 1 (sexe) doit valoir 1 ou 2, ou 3, 4, 7 ou 8 sur un numéro"
            f" provisoire ; il vaut {digit}.",
        )
    if digit in "78":
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
        f"Character 1 is {digit}: this is {what}. {_PHONE_ROUTE_EN}",
        f"Le caractère 1 vaut {digit} : c'est {what_fr}. {_PHONE_ROUTE_FR}",
    )


def _month_issue(month: str, position: int) -> Issue:
    if month == "00" or "13" <= month <= "19":
        return Issue(
            "nir.month",
            FIELD,
            position,
            "Characters 4-5 (month of birth) must be 01 to 12, or 20 to 99 when the"
            f" month is unknown; they are {month}.",
            "Les caractères 4-5 (mois de naissance) doivent aller de 01 à 12, ou de 20"
            f" à 99 si le mois est inconnu ; ils valent {month}.",
        )
    return Issue(
        "nir.unknown_month",
        FIELD,
        position,
        f"Characters 4-5 are {month}: the month of birth is unknown. {_PHONE_ROUTE_EN}",
        f"Les caractères 4-5 valent {month} : le mois de naissance est inconnu. {_PHONE_ROUTE_FR}",
    )


def _order_issue(position: int) -> Issue:
    return Issue(
        "nir.order",
        FIELD,
        position,
        "Characters 11-13 (order number) cannot be 000.",
        "Les caractères 11-13 (numéro d'ordre) ne peuvent pas valoir 000.",
    )


def _key_range_issue(key: str, position: int) -> Issue:
    return Issue(
        "nir.key_range",
        FIELD,
        position,
        f"The key (characters 14-15) must be 01 to 97; {key} is never a key.",
        f"La clé (caractères 14-15) doit aller de 01 à 97 ; {key} n'est jamais une clé.",
    )


def _checksum_issue(position: int) -> Issue:
    return Issue(
        "nir.checksum",
        FIELD,
        position,
        "The key (characters 14-15) does not match the first 13 characters:"
        " one of them is probably mistyped.",
        "La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères :"
        " l'un d'eux est sans doute mal saisi.",
    )


# --- Clean-up -----------------------------------------------------------------


def compact(value: str) -> str:
    """Remove spaces, dots and hyphens, and upper-case ``2a``/``2b``.

    >>> compact("2 53 07 2a 073 004 43")
    '253072A07300443'

    Like :func:`check_nir`, it raises :class:`~vitale_ids.InvalidType` for
    anything but a ``str``, and refuses an input of more than
    ``MAX_INPUT_LENGTH`` characters (:class:`~vitale_ids.InvalidLength`)
    without scanning it.
    """
    if not isinstance(value, str):
        raise_type_error(FIELD, value)
    if len(value) > MAX_INPUT_LENGTH:
        # check_nir words the error, and does not scan the input either.
        raise_first(check_nir(value), _ERROR_CLASSES)
    cleaned = remove_separators(value)
    if cleaned[5:7] in ("2a", "2b"):
        cleaned = cleaned[:6] + cleaned[6].upper() + cleaned[7:]
    return cleaned


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() alone accepts "１" and "٣"; isascii() rules them out.
    return text.isascii() and text.isdigit()


def _bad_characters(cleaned: str) -> list[tuple[int, str]]:
    """The characters that cannot stand where they are: all but ASCII digits and 2A/2B."""
    # Most typos keep to digits: then no character needs a look of its own.
    if cleaned.isascii() and cleaned.isdigit():
        return []
    return [
        (index, char)
        for index, char in enumerate(cleaned)
        if char not in _ASCII_DIGITS and not (index == 6 and char in "AB" and cleaned[5] == "2")
    ]


_ASCII_DIGITS: Final = frozenset("0123456789")


# --- The fast path --------------------------------------------------------------
#
# Most inputs are valid NIRs, compact or split by spaces. is_valid_nir decides
# those with one int() and some arithmetic, and check_nir does the same in
# place; it also reports the usual typos (a wrong key, a wrong length of digits,
# a forgotten key) at once. Any other input with something to report goes
# through the full check, _check_in_full, which finds and words every issue.
# tests/test_nir_fast_path.py shows that all of them agree on arbitrary input.

_SEX_NUMBERS: Final = frozenset(int(digit) for digit in _VALID_SEX_DIGITS)
_IMPOSSIBLE_MONTHS: Final = frozenset({0, *range(13, 20)})
# The first 5 digits (sex, year, month) of a number with nothing to report:
# sex 1 or 2 and a month 01-12. One set lookup costs less than the arithmetic.
_SOUND_SEX_YEAR_MONTHS: Final = frozenset(
    sex * 10_000 + year * 100 + month
    for sex in (1, 2)
    for year in range(100)
    for month in range(1, 13)
)


def _corsican_number(text: str) -> int:
    """15 ASCII characters with 2A/2B (or 2a/2b) at positions 6-7 as the key's number, else 0."""
    if text[5] != "2":
        return 0
    letter = text[6]
    if letter in "Aa":
        digits = text[:5] + "19" + text[7:]
    elif letter in "Bb":
        digits = text[:5] + "18" + text[7:]
    else:
        return 0
    return int(digits) if digits.isdigit() else 0


# --- Checking ------------------------------------------------------------------


def check_nir(value: str, *, strict: bool = False) -> Check[Nir]:
    """Check a NIR and report every problem found, without raising.

    ``strict=True`` turns the warnings (temporary number, unknown month) into
    errors, as the official online form does.
    """
    if type(value) is not str:  # a plain str, the usual input, skips both tests
        if not isinstance(value, str):
            raise_type_error(FIELD, value)
        if len(value) <= MAX_INPUT_LENGTH:  # a huge one is refused before it is copied
            value = str.__str__(value)  # a subclass (numpy.str_...): the plain text it holds

    # The usual input: 15 digits, compact or split by spaces, with no warning to
    # give. It is decided here with one int() and some arithmetic, the rules of
    # is_valid_nir(strict=True); tests/test_nir_fast_path.py holds both paths
    # to the same results.
    length = len(value)
    if length == 15:
        text = value
    elif length > MAX_INPUT_LENGTH:
        return _too_long_check()
    else:
        text = value.replace(" ", "")
        length = len(text)
    if length == 15 and text.isascii():
        try:
            number = int(text)
        except ValueError:  # a letter: Corsica's 2A/2B, or a typo
            number = _corsican_number(text)
            if number and text[6] in "ab":
                text = text[:6] + text[6].upper() + text[7:]  # as compact() writes 2a
        body = number // 100
        # A sound sex, year and month also mean 15 digits (see is_valid_nir).
        if body // 100_000_000 in _SOUND_SEX_YEAR_MONTHS and body % 1000:
            key = number % 100
            if key + body % 97 == 97:
                # passed(_trusted_nir(text)), written out: on the usual input
                # the two calls it saves are a tenth of the time.
                nir: Nir = _new_object(Nir)
                _set_nir_compact(nir, text)
                check: Check[Nir] = _new_object(Check)
                _set_check_valid(check, True)
                _set_check_value(check, nir)
                _set_check_errors(check, ())
                _set_check_warnings(check, ())
                return check
            if 0 < key <= 97:
                # The usual typo, one digit mistyped or two swapped, leaves the
                # key wrong and nothing else to report.
                position = 13 if text is value else _key_position(value)
                return Check(False, None, (_checksum_issue(position),))
        if number >= 100_000_000_000_000:  # 15 digits (or 2A/2B) with something to report
            return _check_in_full(value, text, strict, number)
    elif text.isascii() and text.isdigit():
        # Digits only, but not 15 of them. A digit left out or typed twice: the
        # length is all there is to report.
        if length != 13:
            return Check(False, None, (_length_issue(length),))
        # The key left out: the issue gives it, unless another part is wrong too.
        body = int(text)
        if body // 100_000_000 in _SOUND_SEX_YEAR_MONTHS and body % 1000:
            return Check(False, None, (_missing_key_issue(97 - body % 97),))

    cleaned = compact(value)
    # Only separators other than spaces (dots, dashes...) can make a valid
    # number of what the lines above could not accept.
    if cleaned != text and is_valid_nir(cleaned, strict=True):
        return passed(_trusted_nir(cleaned))
    return _check_in_full(value, cleaned, strict)


def _key_position(spaced: str) -> int:
    """Where the key starts in ``spaced``, 15 digits split by spaces."""
    end = len(spaced.rstrip(" "))  # just after the key's last digit
    # The usual spacing leaves the key whole; original_index() handles any other.
    return end - 2 if spaced[end - 2] != " " else original_index(spaced, 13)


def _too_long_check() -> Check[Nir]:
    issue = Issue(
        "nir.length",
        FIELD,
        None,
        f"The NIR must have 15 characters; this input has more than {MAX_INPUT_LENGTH}.",
        f"Le NIR doit comporter 15 caractères ; cette saisie en a plus de {MAX_INPUT_LENGTH}.",
    )
    return Check(False, None, (issue,), ())


def _check_in_full(value: str, cleaned: str, strict: bool, number: int = 0) -> Check[Nir]:
    """Find and report every issue of ``value``, whose compact form is ``cleaned``.

    ``number`` is ``cleaned`` as read for the key (2A as 19, 2B as 18), when
    the caller has read it already: all 15 characters are then right, and the
    key is checked in arithmetic.
    """
    length = len(cleaned)
    if length == 0:
        empty = Issue(
            "nir.empty",
            FIELD,
            None,
            "The NIR is empty; it should have 15 characters.",
            "Le NIR est vide ; il doit comporter 15 caractères.",
        )
        return Check(False, None, (empty,))
    # Where an issue stands in what was typed is looked up only for the issues found.
    shifted = cleaned != value

    errors: list[Issue] = []
    warnings: list[Issue] = []
    bad_characters = [] if number else _bad_characters(cleaned)
    if length == 13:
        errors.append(_missing_key_issue(None if bad_characters else _key_for(cleaned)))
    elif length != 15:
        errors.append(_length_issue(length))
    positions = original_indexes(value) if shifted and bad_characters else range(length)
    for index, char in bad_characters:
        errors.append(_character_issue(char, index, positions[index]))

    if length == 13 or length == 15:
        # Each part is judged only when all its characters are digits, so that
        # one typo is not reported twice.
        sex = cleaned[0]
        if sex not in "12" and "0" <= sex <= "9":
            sex_issue = _sex_issue(sex, original_index(value, 0) if shifted else 0)
            if sex_issue.code == "nir.temporary":
                warnings.append(sex_issue)
            else:
                errors.append(sex_issue)
        month = cleaned[3:5]
        if not ("01" <= month <= "12") and _is_ascii_digits(month):
            month_issue = _month_issue(month, original_index(value, 3) if shifted else 3)
            if month_issue.code == "nir.unknown_month":
                warnings.append(month_issue)
            else:
                errors.append(month_issue)
        if cleaned[10:13] == "000":
            errors.append(_order_issue(original_index(value, 10) if shifted else 10))
    if length == 15 and not bad_characters:
        key_text = cleaned[13:]
        if not ("01" <= key_text <= "97"):
            errors.append(_key_range_issue(key_text, original_index(value, 13) if shifted else 13))
        elif not _key_matches(cleaned, number):
            errors.append(_checksum_issue(original_index(value, 13) if shifted else 13))

    return build_check(None if errors else _trusted_nir(cleaned), errors, warnings, strict)


def _key_matches(cleaned: str, number: int) -> bool:
    """Whether the key of 15 right characters fits the first 13; ``number`` as above."""
    if number:
        return number % 100 + number // 100 % 97 == 97
    return int(cleaned[13:]) == _key_for(cleaned[:13])


def parse_nir(value: str, *, strict: bool = False) -> Nir:
    """Return the :class:`Nir`, or raise the first error as a :class:`ValidationError`.

    >>> parse_nir("1 85 05 78 006 084 19")
    Traceback (most recent call last):
    ...
    vitale_ids.InvalidChecksum: The key (characters 14-15) does not match ...
    """
    if not isinstance(value, str):
        raise_type_error(FIELD, value)
    result = check_nir(value, strict=strict)
    if result.value is None:
        raise_first(result, _ERROR_CLASSES)
    return result.value


def is_valid_nir(value: object, *, strict: bool = False) -> bool:
    """True when ``value`` is a valid NIR. Never raises, whatever ``value`` is."""
    # This is the validator called on every row and every keystroke: it reads
    # the usual input without a call it can avoid, and with the rules in
    # arithmetic. check_nir repeats its reading of 15 digits, in place.
    if type(value) is not str and not isinstance(value, str):  # a plain str skips the call
        return False
    length = len(value)
    if length == 15:
        text = value
    elif length > MAX_INPUT_LENGTH:
        return False
    else:
        # Spaces, as printed on the card, are the usual separators: dropping
        # them costs a fraction of compact(), which is needed only for the others.
        text = value.replace(" ", "")
        if len(text) != 15:
            if text.isascii() and text.isalnum():  # no separator left to drop: a wrong length
                return False
            text = compact(value)
            if len(text) != 15:
                return False
    if not text.isascii():
        text = compact(value)
        if len(text) != 15 or not text.isascii():
            return False
    # 15 characters are left: had any of them been a separator, too few digits
    # would remain, so no more clean-up can change the answer.
    try:
        number = int(text)
    except ValueError:  # a letter: Corsica's 2A/2B, or a wrong character
        number = _corsican_number(text)
    body = number // 100
    # The key is 97 - (body mod 97), so 01-97: a key of 00, 98 or 99 fails here too.
    if number % 100 + body % 97 != 97 or body % 1000 == 0:  # 000 is no order number
        return False
    # int() also takes a sign, white space and underscores; but from 15
    # characters it makes a number whose first digit is 1 or more (at least
    # 10**14) only when all 15 are digits. Both tests below ask for such a digit.
    sex_year_month = body // 100_000_000
    if sex_year_month in _SOUND_SEX_YEAR_MONTHS:  # sex 1 or 2 and month 01-12: most numbers
        return True
    return (
        not strict
        and sex_year_month // 10_000 in _SEX_NUMBERS
        and sex_year_month % 100 not in _IMPOSSIBLE_MONTHS
    )


def nir_key(first_13: str) -> str:
    """The 2-digit key of the first 13 characters of a NIR (2A/2B handled).

    Separators and lower-case ``2a``/``2b`` are accepted, as in :func:`check_nir`.

    >>> nir_key("1 85 05 78 006 084")
    '91'
    """
    if not isinstance(first_13, str):
        raise_type_error(FIELD, first_13)
    cleaned = compact(first_13) if len(first_13) <= MAX_INPUT_LENGTH else first_13
    if len(cleaned) != 13:
        raise InvalidLength(
            Issue(
                "nir.length",
                FIELD,
                None,
                f"A key is computed on the first 13 characters of a NIR; there are {len(cleaned)}.",
                "La clé se calcule sur les 13 premiers caractères du NIR ;"
                f" il y en a {len(cleaned)}.",
            )
        )
    for index, char in _bad_characters(cleaned):
        raise InvalidFormat(_character_issue(char, index, original_index(first_13, index)))
    return f"{_key_for(cleaned):02d}"


# python-stdnum's small API, for callers used to it.
def validate(number: str, *, strict: bool = False) -> str:
    """Return the compact form of a valid NIR, or raise (python-stdnum style)."""
    return parse_nir(number, strict=strict).compact


def format(number: str, separator: str = " ") -> str:
    """Format a NIR in the groups printed on the card (python-stdnum style)."""
    return parse_nir(number).format(separator)
