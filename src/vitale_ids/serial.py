"""The serial number (numéro de série) of a carte Vitale.

Where it is and what the opposition form wants depend on the card type:

- **Card with photo** (Vitale 2): 21 digits beside the photo, printed in groups
  of 10, 10 and 1. The first 10 are always ``8025000002`` (``80`` is the
  ISO/IEC 7812 healthcare prefix and ``250`` France). The form shows them as a
  fixed prefix and wants **the last 11 digits**. Both are accepted here: from
  the whole 21 digits the last 11 are kept, with a warning.
- **Card without photo** (Vitale 1): on the back, top left, 8 or 13 digits. The
  official app takes any length from 8 to 13, so 9 to 12 digits are accepted
  with a warning.

A serial number is digits only, and kept as text: its leading zeros count. It
has no check digit. The official app also refuses a value that reads as a date
(DDMMYYYY) and one that is part of ``80250000025`` (the scheme's technical
number): both are genuine-looking mistakes, so they give warnings, and the form
refuses them. White space (no-break spaces included), dots, hyphens and dashes,
and invisible characters are dropped first, as for every identifier.

>>> from vitale_ids import CardType, check_serial, parse_serial
>>> serial = parse_serial("123 456 789 01", card_type=CardType.WITH_PHOTO)
>>> serial
VitaleSerial('*******8901', CardType.WITH_PHOTO)
>>> serial.value
'12345678901'

The whole 21 digits of a card with photo give the last 11, with a warning:

>>> result = check_serial("8025000002 1234567890 1", card_type="avec photo")
>>> result.valid, result.value.value
(True, '12345678901')
>>> print(result.warnings[0].message)
The serial number has 21 digits and starts with 8025000002, the prefix of every card with photo: the form wants only the last 11 digits, which were kept.

A length that fits the other card type is pointed out:

>>> print(check_serial("12345678", card_type="with photo").errors[0].message)
The serial number of a card with photo must have 11 digits; this one has 8. A card without photo has serial numbers of this length: is the card type right?
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

import attrs

from vitale_ids._core import (
    Check,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    Issue,
    ValidationError,
    build_check,
    describe_character,
    lookalike_hint,
    mask,
    original_index,
    original_indexes,
    passed,
    raise_first,
    raise_type_error,
    remove_separators,
    slot_setters,
)
from vitale_ids.card_type import CardType, resolve

if TYPE_CHECKING:
    from collections.abc import Sequence

__all__ = [
    "ISSUER_NUMBER",
    "MAX_INPUT_LENGTH",
    "NO_PHOTO_ACCEPTED_LENGTHS",
    "PHOTO_CARD_PREFIX",
    "PHOTO_LENGTH",
    "PRINTED_PHOTO_LENGTH",
    "VitaleSerial",
    "check_serial",
    "is_valid_serial",
    "parse_serial",
]

FIELD: Final = "serial"

# The rules live in _serial_rules; these are the public names for them.
from vitale_ids._serial_rules import (  # noqa: E402
    ISSUER_NUMBER,
    NO_PHOTO_ACCEPTED_LENGTHS,
    PHOTO_CARD_PREFIX,
    PHOTO_LENGTH,
    PRINTED_PHOTO_LENGTH,
)

#: Inputs longer than this are refused before they are scanned.
MAX_INPUT_LENGTH: Final = 64

_PHOTO_LENGTH: Final = PHOTO_LENGTH
_PRINTED_PHOTO_LENGTH: Final = PRINTED_PHOTO_LENGTH
_NO_PHOTO_LENGTHS: Final = (8, 13)
_NO_PHOTO_UNUSUAL_LENGTHS: Final = range(9, 13)

_PHONE_ROUTE_EN: Final = (
    "The online form refuses it; if it is right, you can object by phone at 3422."
)
_PHONE_ROUTE_FR: Final = (
    "Le formulaire en ligne le refuse ; s'il est exact, vous pouvez vous opposer par"
    " téléphone au 3422."
)

# Which exception parse_serial raises for each error code.
_ERROR_CLASSES: Final[dict[str, type[ValidationError]]] = {
    "card_type.unknown": InvalidComponent,
    "serial.empty": InvalidLength,
    "serial.length": InvalidLength,
    "serial.character": InvalidFormat,
    # Warnings, when strict=True turns them into errors.
    "serial.prefix_removed": InvalidLength,
    "serial.unusual_length": InvalidLength,
    "serial.looks_like_date": InvalidComponent,
    "serial.issuer_number": InvalidComponent,
}


@attrs.frozen(init=False, repr=False)
class VitaleSerial:
    """A valid serial number. Build one with :func:`parse_serial`.

    ``value`` holds the digits the form wants (leading zeros kept): for a card
    with photo, the last 11 of the 21 printed digits. ``str`` and ``repr`` are
    masked; ``value`` gives the number.
    """

    value: str
    card_type: CardType

    def __init__(self, value: str, card_type: CardType | str, *, strict: bool = False) -> None:
        parsed = parse_serial(value, card_type=card_type, strict=strict)
        object.__setattr__(self, "value", parsed.value)
        object.__setattr__(self, "card_type", parsed.card_type)

    @classmethod
    def _trusted(cls, value: str, card_type: CardType) -> VitaleSerial:
        # For a value that has just been validated: skip the parse.
        serial = object.__new__(cls)
        _set_serial_value(serial, value)
        _set_serial_card_type(serial, card_type)
        return serial

    @property
    def masked(self) -> str:
        """Only the last 4 digits shown: ``*******8901``."""
        return mask(self.value, 0, 4)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"VitaleSerial({self.masked!r}, CardType.{self.card_type.name})"


_set_serial_value, _set_serial_card_type = slot_setters(VitaleSerial, "value", "card_type")


# --- Issues ------------------------------------------------------------------


def _issue(code: str, position: int | None, message: str, message_fr: str) -> Issue:
    return Issue(code, FIELD, position, message, message_fr)


def _too_long_issue() -> Issue:
    return _issue(
        "serial.length",
        None,
        f"The serial number has at most 21 digits; this input has more than {MAX_INPUT_LENGTH}"
        " characters.",
        "Le numéro de série comporte au plus 21 chiffres ; cette saisie a plus de"
        f" {MAX_INPUT_LENGTH} caractères.",
    )


def _empty_issue(card_type: CardType | None) -> Issue:
    if card_type is CardType.WITH_PHOTO:
        where = (
            "; on a card with photo it is printed beside the photo, and the form wants its"
            " last 11 digits"
        )
        where_fr = (
            " ; sur une carte avec photo, il est imprimé à côté de la photo, et le formulaire"
            " en demande les 11 derniers chiffres"
        )
    elif card_type is CardType.WITHOUT_PHOTO:
        where = (
            "; on a card without photo it is printed on the back, top left, and has 8 or 13 digits"
        )
        where_fr = (
            " ; sur une carte sans photo, il est imprimé au dos, en haut à gauche, et comporte"
            " 8 ou 13 chiffres"
        )
    else:
        where = where_fr = ""
    return _issue(
        "serial.empty",
        None,
        f"The serial number is empty{where}.",
        f"Le numéro de série est vide{where_fr}.",
    )


def _fits_without_photo(length: int) -> tuple[str, str]:
    if length in _NO_PHOTO_LENGTHS:
        return (
            " A card without photo has serial numbers of this length: is the card type right?",
            " Une carte sans photo a des numéros de série de cette longueur : le type de carte"
            " est-il le bon ?",
        )
    if length in _NO_PHOTO_UNUSUAL_LENGTHS:
        return (
            " A card without photo can have serial numbers of this length, though rarely:"
            " is the card type right?",
            " Une carte sans photo peut, rarement, avoir des numéros de série de cette"
            " longueur : le type de carte est-il le bon ?",
        )
    return "", ""


def _with_photo_length_issue(cleaned: str) -> Issue:
    length = len(cleaned)
    if length == _PRINTED_PHOTO_LENGTH:
        # All 21 printed digits start with the prefix: one of its digits is mistyped.
        return _issue(
            "serial.length",
            None,
            "The serial number of a card with photo must have 11 digits, or the 21 printed"
            " beside the photo, which start with 8025000002; these 21 do not.",
            "Le numéro de série d'une carte avec photo doit comporter 11 chiffres, ou les 21"
            " imprimés à côté de la photo, qui commencent par 8025000002 ; ces 21 chiffres"
            " ne commencent pas ainsi.",
        )
    other, other_fr = _fits_without_photo(length)
    return _issue(
        "serial.length",
        None,
        f"The serial number of a card with photo must have 11 digits; this one has {length}.{other}",
        "Le numéro de série d'une carte avec photo doit comporter 11 chiffres ; celui-ci en a"
        f" {length}.{other_fr}",
    )


def _without_photo_length_issue(cleaned: str) -> Issue:
    length = len(cleaned)
    if length == _PRINTED_PHOTO_LENGTH and cleaned.startswith(PHOTO_CARD_PREFIX):
        other = " These are the 21 digits printed on a card with photo: is the card type right?"
        other_fr = (
            " Ce sont les 21 chiffres imprimés sur une carte avec photo : le type de carte"
            " est-il le bon ?"
        )
    else:
        other = other_fr = ""
    return _issue(
        "serial.length",
        None,
        "The serial number of a card without photo must have 8 or 13 digits (8 to 13 are"
        f" accepted); this one has {length}.{other}",
        "Le numéro de série d'une carte sans photo doit comporter 8 ou 13 chiffres (8 à 13"
        f" sont acceptés) ; celui-ci en a {length}.{other_fr}",
    )


def _any_card_length_issue(length: int) -> Issue:
    return _issue(
        "serial.length",
        None,
        "The serial number must have 11 digits on a card with photo, or 8 to 13 on a card"
        f" without photo; this one has {length}.",
        "Le numéro de série doit comporter 11 chiffres sur une carte avec photo, ou de 8 à 13"
        f" sur une carte sans photo ; celui-ci en a {length}.",
    )


def _character_issue(char: str, index: int, position: int) -> Issue:
    kind, kind_fr = describe_character(char)
    hint, hint_fr = lookalike_hint(char)
    number = index + 1
    return _issue(
        "serial.character",
        position,
        f"Character {number} of the serial number must be a digit; it is {kind}{hint}.",
        f"Le caractère {number} du numéro de série doit être un chiffre ; c'est {kind_fr}{hint_fr}.",
    )


def _prefix_removed_issue(position: int) -> Issue:
    return _issue(
        "serial.prefix_removed",
        position,
        "The serial number has 21 digits and starts with 8025000002, the prefix of every card"
        " with photo: the form wants only the last 11 digits, which were kept.",
        "Le numéro de série comporte 21 chiffres et commence par 8025000002, le préfixe de"
        " toutes les cartes avec photo : le formulaire n'en demande que les 11 derniers"
        " chiffres, qui ont été gardés.",
    )


def _unusual_length_issue(length: int) -> Issue:
    if length == _PHOTO_LENGTH:
        other = " 11 digits is the length for a card with photo: is the card type right?"
        other_fr = (
            " 11 chiffres, c'est la longueur pour une carte avec photo : le type de carte"
            " est-il le bon ?"
        )
    else:
        other = other_fr = ""
    return _issue(
        "serial.unusual_length",
        None,
        f"A card without photo usually has a serial number of 8 or 13 digits; this one has"
        f" {length}. The form accepts 8 to 13 digits, but check that none is missing or extra."
        f"{other}",
        "Une carte sans photo a en général un numéro de série de 8 ou 13 chiffres ; celui-ci"
        f" en a {length}. Le formulaire accepte de 8 à 13 chiffres, mais vérifiez qu'il n'en"
        f" manque aucun et qu'aucun n'est en trop.{other_fr}",
    )


def _looks_like_date_issue() -> Issue:
    return _issue(
        "serial.looks_like_date",
        None,
        "The serial number reads as a date (day, month, year): check that it is the card's"
        f" serial number and not a date. {_PHONE_ROUTE_EN}",
        "Le numéro de série se lit comme une date (jour, mois, année) : vérifiez que c'est"
        f" bien le numéro de série de la carte et non une date. {_PHONE_ROUTE_FR}",
    )


def _issuer_number_issue() -> Issue:
    return _issue(
        "serial.issuer_number",
        None,
        "The serial number is part of 80250000025, a number of the health-insurance scheme"
        f" shared by every card, not this card's own serial number. {_PHONE_ROUTE_EN}",
        "Le numéro de série fait partie de 80250000025, un numéro du régime d'assurance"
        " maladie commun à toutes les cartes, et non le numéro de série propre à cette carte."
        f" {_PHONE_ROUTE_FR}",
    )


# --- Checking ----------------------------------------------------------------


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() alone accepts "１" and "٣"; isascii() rules them out.
    return text.isascii() and text.isdigit()


def looks_like_date(digits: str) -> bool:
    """True for 8 digits that read as a real DDMMYYYY date from 1900 to 2099."""
    if len(digits) != 8 or not _is_ascii_digits(digits):
        return False
    year = int(digits[4:])
    if not 1900 <= year <= 2099:  # most serial numbers stop here
        return False
    day, month = int(digits[:2]), int(digits[2:4])
    import datetime  # here, not at import: import vitale_ids stays cheap

    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def infer_card_type(cleaned: str) -> CardType | None:
    """The card type a serial number's length shows, when only one type fits.

    11 digits, or 21 starting with the prefix, mean a card with photo; 8 or 13
    digits a card without photo. Any other length (9, 10 and 12 included, which
    are unusual on a card without photo) leaves the type open.
    """
    if not _is_ascii_digits(cleaned):
        return None
    length = len(cleaned)
    if length == _PHOTO_LENGTH or (
        length == _PRINTED_PHOTO_LENGTH and cleaned.startswith(PHOTO_CARD_PREFIX)
    ):
        return CardType.WITH_PHOTO
    if length in _NO_PHOTO_LENGTHS:
        return CardType.WITHOUT_PHOTO
    return None


def compact(value: str) -> str:
    """The serial number without separators (``""`` for an over-long input)."""
    return remove_separators(value) if len(value) <= MAX_INPUT_LENGTH else ""


def check_digits(
    value: str, card_type: CardType | None, earlier_errors: Sequence[Issue], strict: bool
) -> Check[VitaleSerial]:
    """Check ``value`` against the rules of ``card_type``; ``earlier_errors`` come first.

    With ``card_type=None`` (missing or unknown) only the rules that hold for
    both card types are applied, and the check has no value.
    """
    errors = list(earlier_errors)
    if len(value) > MAX_INPUT_LENGTH:
        return build_check(None, [*errors, _too_long_issue()], [], strict)
    cleaned = remove_separators(value)
    if not cleaned:
        return build_check(None, [*errors, _empty_issue(card_type)], [], strict)

    warnings: list[Issue] = []
    length = len(cleaned)
    kept = cleaned
    if card_type is CardType.WITH_PHOTO:
        if length == _PRINTED_PHOTO_LENGTH and cleaned.startswith(PHOTO_CARD_PREFIX):
            kept = cleaned[len(PHOTO_CARD_PREFIX) :]
            position = 0 if cleaned == value else original_index(value, 0)
            warnings.append(_prefix_removed_issue(position))
        elif length != _PHOTO_LENGTH:
            errors.append(_with_photo_length_issue(cleaned))
    elif card_type is CardType.WITHOUT_PHOTO:
        if length in _NO_PHOTO_UNUSUAL_LENGTHS:
            warnings.append(_unusual_length_issue(length))
        elif length not in _NO_PHOTO_LENGTHS:
            errors.append(_without_photo_length_issue(cleaned))
    elif not (
        8 <= length <= 13
        or (length == _PRINTED_PHOTO_LENGTH and cleaned.startswith(PHOTO_CARD_PREFIX))
    ):
        errors.append(_any_card_length_issue(length))

    if not _is_ascii_digits(cleaned):  # else no character needs a look of its own
        positions = range(length) if cleaned == value else original_indexes(value)
        for index, char in enumerate(cleaned):
            if not "0" <= char <= "9":
                errors.append(_character_issue(char, index, positions[index]))

    if _is_ascii_digits(kept):
        if looks_like_date(kept):
            warnings.append(_looks_like_date_issue())
        if kept in ISSUER_NUMBER:
            warnings.append(_issuer_number_issue())

    serial = None
    if card_type is not None and not errors:
        serial = VitaleSerial._trusted(kept, card_type)
    return build_check(serial, errors, warnings, strict)


def check_serial(
    value: str, *, card_type: CardType | str, strict: bool = False
) -> Check[VitaleSerial]:
    """Check a serial number for ``card_type`` and report every problem, without raising.

    ``card_type`` is a :class:`CardType` or a text for :meth:`CardType.parse`;
    a text it cannot read gives the error ``card_type.unknown`` (field
    ``"card_type"``), and the serial is then checked against what both card
    types allow. ``strict=True`` turns the warnings into errors, as the
    official online form does.
    """
    if not isinstance(value, str):
        raise_type_error(FIELD, value)
    # The usual input, the digits the form wants as typed or split by spaces,
    # has nothing to report: no need to look any further.
    # tests/test_code_and_serial_properties.py holds both paths to the same results.
    if isinstance(card_type, CardType) and len(value) <= MAX_INPUT_LENGTH:
        digits = value.replace(" ", "")  # a plain str, even from a str subclass
        if _is_ascii_digits(digits) and _verdict(digits, card_type) == _VALID:
            return passed(VitaleSerial._trusted(digits, card_type))
    resolved, card_type_issue = resolve(card_type)
    errors = [] if card_type_issue is None else [card_type_issue]
    return check_digits(value, resolved, errors, strict)


# What the full check would find in a serial number of ASCII digits alone: the
# fast paths of check_serial and is_valid_serial ask _verdict.
_INVALID: Final = 0  # an error to report
_VALID_WITH_WARNING: Final = 1
_VALID: Final = 2  # nothing to report


def _verdict(digits: str, card_type: CardType) -> int:
    """_INVALID, _VALID_WITH_WARNING or _VALID for ``digits``, ASCII digits only."""
    length = len(digits)
    if card_type is CardType.WITH_PHOTO:
        if length == _PRINTED_PHOTO_LENGTH and digits.startswith(PHOTO_CARD_PREFIX):
            return _VALID_WITH_WARNING  # the prefix is dropped, with a warning
        if length != _PHOTO_LENGTH:
            return _INVALID
    elif length in _NO_PHOTO_UNUSUAL_LENGTHS:
        return _VALID_WITH_WARNING
    elif length not in _NO_PHOTO_LENGTHS:
        return _INVALID
    if looks_like_date(digits) or digits in ISSUER_NUMBER:
        return _VALID_WITH_WARNING
    return _VALID


def parse_serial(value: str, *, card_type: CardType | str, strict: bool = False) -> VitaleSerial:
    """Return the :class:`VitaleSerial`, or raise the first error.

    >>> parse_serial("1234567", card_type="sans photo")
    Traceback (most recent call last):
    ...
    vitale_ids.InvalidLength: The serial number of a card without photo must have 8 or 13 digits (8 to 13 are accepted); this one has 7.
    """
    if not isinstance(value, str):
        raise_type_error(FIELD, value)
    result = check_serial(value, card_type=card_type, strict=strict)
    if result.value is None:
        raise_first(result, _ERROR_CLASSES)
    return result.value


def is_valid_serial(value: object, *, card_type: object, strict: bool = False) -> bool:
    """True when ``value`` is a valid serial number for ``card_type``. Never raises."""
    if not isinstance(value, str) or len(value) > MAX_INPUT_LENGTH:
        return False
    if not isinstance(card_type, CardType):
        if not isinstance(card_type, str):
            return False
        card_type = resolve(card_type)[0]
        if card_type is None:  # a card type it cannot read: an error
            return False
    digits = value.replace(" ", "")  # spaces, the usual separators, cost least to drop
    if not _is_ascii_digits(digits):
        digits = remove_separators(value)
        if not _is_ascii_digits(digits):  # empty, or a character other than a digit
            return False
    verdict = _verdict(digits, card_type)
    return verdict == _VALID or (verdict == _VALID_WITH_WARNING and not strict)
