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
>>> serial.compact
'12345678901'

The whole 21 digits of a card with photo give the last 11, with a warning:

>>> result = check_serial("8025000002 1234567890 1", card_type="avec photo")
>>> result.valid, result.value.compact
(True, '12345678901')
>>> print(result.warnings[0].message)
The serial number has 21 digits and starts with 8025000002, the prefix of every card with photo: the form wants only the last 11 digits, which were kept.

A length that fits the other card type is pointed out:

>>> print(check_serial("12345678", card_type="with photo").errors[0].message)
The serial number of a card with photo must have 11 digits; this one has 8. A card without photo has serial numbers of this length: is the card type right?

Without a card type, it is inferred from the length when only one type fits,
with the warning ``card_type.inferred``, as :func:`~vitale_ids.check_form` does:

>>> result = check_serial("123 456 789 01")
>>> result.valid, result.value.card_type, [issue.code for issue in result.warnings]
(True, <CardType.WITH_PHOTO: 'with_photo'>, ['card_type.inferred'])
>>> [issue.code for issue in check_serial("1234567890").errors]
['card_type.missing']
"""

from __future__ import annotations

import warnings
from typing import TYPE_CHECKING, Final

import attrs

from vitale_ids import _core, _serial_rules
from vitale_ids import card_type as card_type_module
from vitale_ids._core import (
    Check,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    Issue,
    ValidationError,
    build_check,
    checked_text,
    describe_once,
    mask,
    names_character,
    original_indexes,
    passed,
    plain_text,
    raise_first,
    refuse_reinit,
    remove_separators,
    required_text,
    slot_setters,
)
from vitale_ids._serial_rules import (
    DATE_LENGTH,
    DATE_YEARS,
    DIGITS,
    ISSUER_NUMBER,
    NO_PHOTO_ACCEPTED_LENGTHS,
    NO_PHOTO_LENGTHS,
    NO_PHOTO_UNUSUAL_LENGTHS,
    PHOTO_CARD_PREFIX,
    PHOTO_LENGTH,
    PRINTED_PHOTO_LENGTH,
    is_printed_photo_form,
)
from vitale_ids.card_type import CardType, resolve

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence

__all__ = [
    "ISSUER_NUMBER",
    "MAX_INPUT_LENGTH",
    "NO_PHOTO_ACCEPTED_LENGTHS",
    "PHOTO_CARD_PREFIX",
    "PHOTO_LENGTH",
    "PRINTED_PHOTO_LENGTH",
    "VitaleSerial",
    "check_serial",
    "compact",
    "is_valid_serial",
    "parse_serial",
]

FIELD: Final = "serial"

# ISSUER_NUMBER, NO_PHOTO_ACCEPTED_LENGTHS, PHOTO_CARD_PREFIX, PHOTO_LENGTH and
# PRINTED_PHOTO_LENGTH, imported from _serial_rules above, are public names of
# this module.

#: Inputs longer than this are refused before they are scanned (the core's limit).
MAX_INPUT_LENGTH: Final = _core.MAX_INPUT_LENGTH

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
    "card_type.missing": InvalidComponent,
    "serial.empty": InvalidLength,
    "serial.length": InvalidLength,
    "serial.character": InvalidFormat,
    # Warnings, when strict=True turns them into errors.
    "card_type.inferred": InvalidComponent,
    "serial.prefix_removed": InvalidLength,
    "serial.unusual_length": InvalidLength,
    "serial.looks_like_date": InvalidComponent,
    "serial.issuer_number": InvalidComponent,
}


@attrs.frozen(init=False, repr=False)
class VitaleSerial:
    """A valid serial number. Build one with :func:`parse_serial`.

    ``compact`` holds the digits the form wants (leading zeros kept): for a
    card with photo, the last 11 of the 21 printed digits. ``str`` and
    ``repr`` are masked; ``compact`` gives the number. ``value`` is a
    deprecated name of ``compact``.
    """

    compact: str
    card_type: CardType

    def __init__(self, value: str, card_type: CardType | str, *, strict: bool = False) -> None:
        refuse_reinit(self, "compact")
        parsed = parse_serial(value, card_type=card_type, strict=strict)
        object.__setattr__(self, "compact", parsed.compact)
        object.__setattr__(self, "card_type", parsed.card_type)

    @classmethod
    def _trusted(cls, compact: str, card_type: CardType) -> VitaleSerial:
        # For a value that has just been validated: skip the parse.
        serial = object.__new__(cls)
        _set_serial_compact(serial, compact)
        _set_serial_card_type(serial, card_type)
        return serial

    @property
    def value(self) -> str:
        """Deprecated: the same as :attr:`compact`, as on every parsed identifier."""
        warnings.warn(
            "VitaleSerial.value is deprecated; use VitaleSerial.compact.",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.compact

    @property
    def masked(self) -> str:
        """Only the last 4 digits shown: ``*******8901``."""
        return mask(self.compact, 0, 4)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"VitaleSerial({self.masked!r}, CardType.{self.card_type.name})"


_set_serial_compact, _set_serial_card_type = slot_setters(VitaleSerial, "compact", "card_type")


# --- Wording ------------------------------------------------------------------


def _listing(numbers: Iterable[int], conjunction: str) -> str:
    """``"8 or 13"``."""
    words = [str(number) for number in sorted(numbers)]
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1] if len(words) > 1 else words[0]


_NO_PHOTO: Final = (_listing(NO_PHOTO_LENGTHS, "or"), _listing(NO_PHOTO_LENGTHS, "ou"))
_ACCEPTED: Final = f"{min(NO_PHOTO_ACCEPTED_LENGTHS)}", f"{max(NO_PHOTO_ACCEPTED_LENGTHS)}"


def _issue(code: str, position: int | None, message: str, message_fr: str) -> Issue:
    return Issue(code, FIELD, position, message, message_fr)


def _too_long_issue() -> Issue:
    return _issue(
        "serial.length",
        None,
        f"The serial number has at most {PRINTED_PHOTO_LENGTH} digits; this input has more than"
        f" {MAX_INPUT_LENGTH} characters.",
        f"Le numéro de série comporte au plus {PRINTED_PHOTO_LENGTH} chiffres ; cette saisie a"
        f" plus de {MAX_INPUT_LENGTH} caractères.",
    )


def _empty_issue(card_type: CardType | None) -> Issue:
    if card_type is CardType.WITH_PHOTO:
        where = (
            "; on a card with photo it is printed beside the photo, and the form wants its"
            f" last {PHOTO_LENGTH} digits"
        )
        where_fr = (
            " ; sur une carte avec photo, il est imprimé à côté de la photo, et le formulaire"
            f" en demande les {PHOTO_LENGTH} derniers chiffres"
        )
    elif card_type is CardType.WITHOUT_PHOTO:
        where = (
            "; on a card without photo it is printed on the back, top left, and has"
            f" {_NO_PHOTO[0]} digits"
        )
        where_fr = (
            " ; sur une carte sans photo, il est imprimé au dos, en haut à gauche, et comporte"
            f" {_NO_PHOTO[1]} chiffres"
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
    if length in NO_PHOTO_LENGTHS:
        return (
            " A card without photo has serial numbers of this length: is the card type right?",
            " Une carte sans photo a des numéros de série de cette longueur : le type de carte"
            " est-il le bon ?",
        )
    if length in NO_PHOTO_UNUSUAL_LENGTHS:
        return (
            " A card without photo can have serial numbers of this length, though rarely:"
            " is the card type right?",
            " Une carte sans photo peut, rarement, avoir des numéros de série de cette"
            " longueur : le type de carte est-il le bon ?",
        )
    return "", ""


def _with_photo_length_issue(cleaned: str) -> Issue:
    length = len(cleaned)
    if length == PRINTED_PHOTO_LENGTH:
        # All the printed digits start with the prefix: one of its digits is mistyped.
        return _issue(
            "serial.length",
            None,
            f"The serial number of a card with photo must have {PHOTO_LENGTH} digits, or the"
            f" {PRINTED_PHOTO_LENGTH} printed beside the photo, which start with"
            f" {PHOTO_CARD_PREFIX}; these {PRINTED_PHOTO_LENGTH} do not.",
            f"Le numéro de série d'une carte avec photo doit comporter {PHOTO_LENGTH} chiffres,"
            f" ou les {PRINTED_PHOTO_LENGTH} imprimés à côté de la photo, qui commencent par"
            f" {PHOTO_CARD_PREFIX} ; ces {PRINTED_PHOTO_LENGTH} chiffres ne commencent pas"
            " ainsi.",
        )
    other, other_fr = _fits_without_photo(length)
    return _issue(
        "serial.length",
        None,
        f"The serial number of a card with photo must have {PHOTO_LENGTH} digits; this one has"
        f" {length}.{other}",
        f"Le numéro de série d'une carte avec photo doit comporter {PHOTO_LENGTH} chiffres ;"
        f" celui-ci en a {length}.{other_fr}",
    )


def _without_photo_length_issue(cleaned: str) -> Issue:
    length = len(cleaned)
    if is_printed_photo_form(cleaned):
        other = (
            f" These are the {PRINTED_PHOTO_LENGTH} digits printed on a card with photo:"
            " is the card type right?"
        )
        other_fr = (
            f" Ce sont les {PRINTED_PHOTO_LENGTH} chiffres imprimés sur une carte avec photo :"
            " le type de carte est-il le bon ?"
        )
    else:
        other = other_fr = ""
    return _issue(
        "serial.length",
        None,
        f"The serial number of a card without photo must have {_NO_PHOTO[0]} digits"
        f" ({_ACCEPTED[0]} to {_ACCEPTED[1]} are accepted); this one has {length}.{other}",
        f"Le numéro de série d'une carte sans photo doit comporter {_NO_PHOTO[1]} chiffres"
        f" ({_ACCEPTED[0]} à {_ACCEPTED[1]} sont acceptés) ; celui-ci en a {length}.{other_fr}",
    )


def _any_card_length_issue(length: int) -> Issue:
    return _issue(
        "serial.length",
        None,
        f"The serial number must have {PHOTO_LENGTH} digits on a card with photo, or"
        f" {_ACCEPTED[0]} to {_ACCEPTED[1]} on a card without photo; this one has {length}.",
        f"Le numéro de série doit comporter {PHOTO_LENGTH} chiffres sur une carte avec photo,"
        f" ou de {_ACCEPTED[0]} à {_ACCEPTED[1]} sur une carte sans photo ; celui-ci en a"
        f" {length}.",
    )


def _character_issue(char: str, index: int, position: int, name_it: bool = True) -> Issue:
    kind, kind_fr = describe_once(char, name_it)
    number = index + 1
    return _issue(
        "serial.character",
        position,
        f"Character {number} of the serial number must be a digit; it is {kind}.",
        f"Le caractère {number} du numéro de série doit être un chiffre ; c'est {kind_fr}.",
    )


def _prefix_removed_issue(position: int) -> Issue:
    return _issue(
        "serial.prefix_removed",
        position,
        f"The serial number has {PRINTED_PHOTO_LENGTH} digits and starts with"
        f" {PHOTO_CARD_PREFIX}, the prefix of every card with photo: the form wants only the"
        f" last {PHOTO_LENGTH} digits, which were kept.",
        f"Le numéro de série comporte {PRINTED_PHOTO_LENGTH} chiffres et commence par"
        f" {PHOTO_CARD_PREFIX}, le préfixe de toutes les cartes avec photo : le formulaire"
        f" n'en demande que les {PHOTO_LENGTH} derniers chiffres, qui ont été gardés.",
    )


def _unusual_length_issue(length: int) -> Issue:
    if length == PHOTO_LENGTH:
        other = (
            f" {PHOTO_LENGTH} digits is the length for a card with photo: is the card type right?"
        )
        other_fr = (
            f" {PHOTO_LENGTH} chiffres, c'est la longueur pour une carte avec photo : le type"
            " de carte est-il le bon ?"
        )
    else:
        other = other_fr = ""
    return _issue(
        "serial.unusual_length",
        None,
        f"A card without photo usually has a serial number of {_NO_PHOTO[0]} digits; this one"
        f" has {length}. The form accepts {_ACCEPTED[0]} to {_ACCEPTED[1]} digits, but check"
        f" that none is missing or extra.{other}",
        f"Une carte sans photo a en général un numéro de série de {_NO_PHOTO[1]} chiffres ;"
        f" celui-ci en a {length}. Le formulaire accepte de {_ACCEPTED[0]} à {_ACCEPTED[1]}"
        f" chiffres, mais vérifiez qu'il n'en manque aucun et qu'aucun n'est en trop.{other_fr}",
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
        f"The serial number is part of {ISSUER_NUMBER}, a number of the health-insurance"
        f" scheme shared by every card, not this card's own serial number. {_PHONE_ROUTE_EN}",
        f"Le numéro de série fait partie de {ISSUER_NUMBER}, un numéro du régime d'assurance"
        " maladie commun à toutes les cartes, et non le numéro de série propre à cette carte."
        f" {_PHONE_ROUTE_FR}",
    )


def _inferred_issue(inferred: CardType) -> Issue:
    if inferred is CardType.WITH_PHOTO:
        length = f"{PHOTO_LENGTH} digits (or the {PRINTED_PHOTO_LENGTH} printed beside the photo)"
        length_fr = (
            f"{PHOTO_LENGTH} chiffres (ou les {PRINTED_PHOTO_LENGTH} imprimés à côté de la photo)"
        )
        choice = "avec photo"
        kind, kind_fr = "a card with photo", "une carte avec photo"
    else:
        length, length_fr = f"{_NO_PHOTO[0]} digits", f"{_NO_PHOTO[1]} chiffres"
        choice = "sans photo"
        kind, kind_fr = "a card without photo", "une carte sans photo"
    return Issue(
        "card_type.inferred",
        card_type_module.FIELD,
        None,
        f"The card type is not given; a serial number of {length} means {kind}."
        f' The form asks for the card type: choose "{choice}".',
        f"Le type de carte n'est pas indiqué ; un numéro de série de {length_fr} indique"
        f" {kind_fr}. Le formulaire demande le type de carte : choisissez « {choice} ».",
    )


def _missing_card_type_issue() -> Issue:
    return Issue(
        "card_type.missing",
        card_type_module.FIELD,
        None,
        'The card type is missing: choose "avec photo" or "sans photo". The serial number'
        " does not show which it is.",
        "Le type de carte manque : choisissez « avec photo » ou « sans photo ». Le numéro"
        " de série ne permet pas de le savoir.",
    )


# --- Clean-up -------------------------------------------------------------------


def compact(value: str) -> str:
    """The serial number without separators.

    >>> compact("8025000002 1234567890 1")
    '802500000212345678901'

    As every ``compact()`` of this library, it raises
    :class:`~vitale_ids.InvalidType` for anything but a ``str``, and
    :class:`~vitale_ids.InvalidLength` for an input of more than
    ``MAX_INPUT_LENGTH`` characters, without scanning it. It checks nothing
    else, and keeps the prefix of a card with photo: :func:`check_serial` does.
    """
    return remove_separators(checked_text(value, FIELD, _too_long_issue))


def _cleaned(value: str) -> str:
    """``value`` without separators, or ``""`` for an input too long to scan."""
    return remove_separators(value) if len(value) <= MAX_INPUT_LENGTH else ""


def _is_ascii_digits(text: str) -> bool:
    # str.isdigit() alone accepts "１" and "٣"; isascii() rules them out.
    return text.isdigit() and text.isascii()


def looks_like_date(digits: str) -> bool:
    """True for digits that read as a real DDMMYYYY date from 1900 to 2099."""
    if len(digits) != DATE_LENGTH or not _is_ascii_digits(digits):
        return False
    year = int(digits[4:])
    if year not in DATE_YEARS:  # most serial numbers stop here
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
    are unusual on a card without photo) leaves the type open, and so does a
    character other than a digit.
    """
    return _serial_rules.infer_card_type(cleaned) if _is_ascii_digits(cleaned) else None


# --- Finding the issues ---------------------------------------------------------
#
# _findings decides, from the rules, what is wrong or unusual in a compact
# serial number; check_digits words it. The fast paths of check_serial and
# is_valid_serial accept only what _findings finds nothing in.

_Finding = tuple[str, int | None]

_WARNING_CODES: Final = frozenset(
    {
        "serial.prefix_removed",
        "serial.unusual_length",
        "serial.looks_like_date",
        "serial.issuer_number",
    }
)


def _length_findings(cleaned: str, card_type: CardType | None) -> tuple[list[_Finding], str]:
    """The issues of the length, and the digits kept (the printed prefix dropped)."""
    length = len(cleaned)
    if card_type is CardType.WITH_PHOTO:
        if length == PHOTO_LENGTH:
            return [], cleaned
        if is_printed_photo_form(cleaned):
            return [("serial.prefix_removed", 0)], cleaned[len(PHOTO_CARD_PREFIX) :]
    elif card_type is CardType.WITHOUT_PHOTO:
        if length in NO_PHOTO_LENGTHS:
            return [], cleaned
        if length in NO_PHOTO_UNUSUAL_LENGTHS:
            return [("serial.unusual_length", None)], cleaned
    elif length in NO_PHOTO_ACCEPTED_LENGTHS or is_printed_photo_form(cleaned):
        return [], cleaned
    return [("serial.length", None)], cleaned


def _findings(cleaned: str, card_type: CardType | None) -> tuple[list[_Finding], str]:
    """Every issue of ``cleaned`` (not empty) for ``card_type``, and the digits kept."""
    found, kept = _length_findings(cleaned, card_type)
    # The digits kept are digits exactly when all are: the prefix is digits.
    if cleaned.isdigit() and cleaned.isascii():
        if len(kept) == DATE_LENGTH and looks_like_date(kept):
            found.append(("serial.looks_like_date", None))
        if kept in ISSUER_NUMBER:
            found.append(("serial.issuer_number", None))
    else:  # a character other than a digit: each one is reported
        found.extend(
            ("serial.character", index) for index, char in enumerate(cleaned) if char not in DIGITS
        )
    return found, kept


def _first_named_index(cleaned: str) -> int | None:
    """The wrong character that the messages may name: the first that names itself."""
    return next(
        (i for i, char in enumerate(cleaned) if char not in DIGITS and names_character(char)),
        None,
    )


def _word(
    code: str,
    cleaned: str,
    card_type: CardType | None,
    index: int | None,
    position: int | None,
    named_index: int | None = None,
) -> Issue:
    """The :class:`Issue` of a finding at ``index`` in ``cleaned``, ``position`` in the input.

    ``named_index`` is :func:`_first_named_index` of ``cleaned``, found once per check.
    """
    if code == "serial.character":
        index = int(index or 0)
        # Only the first wrong character is named.
        name_it = named_index is None or index == named_index
        return _character_issue(cleaned[index], index, int(position or 0), name_it)
    if code == "serial.prefix_removed":
        return _prefix_removed_issue(int(position or 0))
    if code == "serial.unusual_length":
        return _unusual_length_issue(len(cleaned))
    if code == "serial.looks_like_date":
        return _looks_like_date_issue()
    if code == "serial.issuer_number":
        return _issuer_number_issue()
    printed_less_one = _printed_less_one_issue(cleaned)
    if printed_less_one is not None:
        return printed_less_one
    if card_type is CardType.WITH_PHOTO:
        return _with_photo_length_issue(cleaned)
    if card_type is CardType.WITHOUT_PHOTO:
        return _without_photo_length_issue(cleaned)
    return _any_card_length_issue(len(cleaned))


def _printed_less_one_issue(cleaned: str) -> Issue | None:
    """The 21 digits printed beside the photo, one of them left out: say so."""
    if len(cleaned) != PRINTED_PHOTO_LENGTH - 1 or not cleaned.startswith(PHOTO_CARD_PREFIX):
        return None
    return _issue(
        "serial.length",
        None,
        f"The serial number has {len(cleaned)} digits and starts with {PHOTO_CARD_PREFIX}, the"
        f" prefix of every card with photo: one digit is missing from the {PRINTED_PHOTO_LENGTH}"
        f" printed beside the photo. The form wants the last {PHOTO_LENGTH}.",
        f"Le numéro de série comporte {len(cleaned)} chiffres et commence par {PHOTO_CARD_PREFIX},"
        " le préfixe de toutes les cartes avec photo : il manque un chiffre aux"
        f" {PRINTED_PHOTO_LENGTH} imprimés à côté de la photo. Le formulaire en demande les"
        f" {PHOTO_LENGTH} derniers.",
    )


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
    found, kept = _findings(cleaned, card_type)
    warnings: list[Issue] = []
    positions = None if cleaned == value else original_indexes(value)
    named_index = _first_named_index(cleaned)
    for code, index in found:
        position = index if index is None or positions is None else positions[index]
        issue = _word(code, cleaned, card_type, index, position, named_index)
        (warnings if code in _WARNING_CODES else errors).append(issue)
    serial = None
    if card_type is not None and not errors:
        serial = VitaleSerial._trusted(kept, card_type)
    return build_check(serial, errors, warnings, strict)


# --- The card type --------------------------------------------------------------


def _check_card_type(
    card_type: CardType | str | None, value: str, strict: bool
) -> tuple[CardType | None, Check[CardType]]:
    """The card type to check the serial against, and the card type field's check.

    They differ when ``strict`` turns ``card_type.inferred`` into an error: the
    serial number is still checked against the inferred type.
    """
    if card_type is None:
        inferred = infer_card_type(_cleaned(value))
        if inferred is None:
            return None, Check(False, None, (_missing_card_type_issue(),), ())
        return inferred, build_check(inferred, [], [_inferred_issue(inferred)], strict)
    resolved, unknown = resolve(card_type)
    if unknown is not None:
        return None, Check(False, None, (unknown,), ())
    return resolved, Check(True, resolved, (), ())


def _check_card_type_and_serial(
    card_type: CardType | str | None, value: str, strict: bool
) -> tuple[Check[CardType], Check[VitaleSerial]]:
    """The card type field's check and the serial field's, the type inferred if need be.

    :func:`check_serial` and :func:`~vitale_ids.check_form` both decide the card
    type here.
    """
    resolved, card_type_check = _check_card_type(card_type, value, strict)
    serial_check = check_digits(value, resolved, [], strict)
    if resolved is None:
        # Without a card type the serial cannot be fully checked, so its field
        # must not read as valid: callers rely on "valid" meaning "has a value".
        serial_check = Check(
            False, None, serial_check.errors + card_type_check.errors, serial_check.warnings
        )
    return card_type_check, serial_check


# --- Checking ----------------------------------------------------------------


def check_serial(
    value: str, card_type: CardType | str | None = None, *, strict: bool = False
) -> Check[VitaleSerial]:
    """Check a serial number and report every problem, without raising.

    ``card_type`` is a :class:`CardType` or a text for :meth:`CardType.parse`;
    a text it cannot read gives the error ``card_type.unknown`` (field
    ``"card_type"``), and the serial is then checked against what both card
    types allow. Without a card type (``None``) it is inferred from the serial
    number when its length allows only one, with the warning ``card_type.inferred``; otherwise
    that is the error ``card_type.missing``, as in :func:`~vitale_ids.check_form`.
    ``strict=True`` turns the warnings into errors, as the official online
    form does.
    """
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = required_text(value, FIELD)
    # The usual input, the digits the form wants as typed or split by spaces,
    # has nothing to report: no need to look any further.
    # tests/test_code_and_serial_properties.py holds both paths to the same results.
    if isinstance(card_type, CardType) and len(value) <= MAX_INPUT_LENGTH:
        digits = value.replace(" ", "")  # a plain str, even from a str subclass
        if digits and not _findings(digits, card_type)[0]:
            return passed(VitaleSerial._trusted(digits, card_type))
    card_type_check, serial_check = _check_card_type_and_serial(card_type, value, strict)
    if card_type_check.valid and not card_type_check.warnings:
        return serial_check
    # Each issue once: the serial's field repeats the card type's error.
    errors = tuple(dict.fromkeys(card_type_check.errors + serial_check.errors))
    warnings = card_type_check.warnings + serial_check.warnings
    return Check(not errors, None if errors else serial_check.value, errors, warnings)


def parse_serial(
    value: str, card_type: CardType | str | None = None, *, strict: bool = False
) -> VitaleSerial:
    """Return the :class:`VitaleSerial`, or raise the first error.

    ``card_type`` is as for :func:`check_serial`: inferred when not given.

    >>> parse_serial("1234567", card_type="sans photo")
    Traceback (most recent call last):
    ...
    vitale_ids.InvalidLength: The serial number of a card without photo must have 8 or 13 digits (8 to 13 are accepted); this one has 7.
    """
    if type(value) is not str:
        value = required_text(value, FIELD)
    result = check_serial(value, card_type, strict=strict)
    if result.value is None:
        raise_first(result, _ERROR_CLASSES)
    return result.value


def is_valid_serial(value: object, card_type: object = None, *, strict: bool = False) -> bool:
    """True when ``value`` is a valid serial number for ``card_type``. Never raises.

    Without a card type it is inferred, as :func:`check_serial` does; with
    ``strict=True`` an inferred card type is not enough.
    """
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = plain_text(value)
        if value is None:
            return False
    if len(value) > MAX_INPUT_LENGTH:
        return False
    resolved = card_type if type(card_type) is CardType else _card_type_or_none(card_type)
    digits = value.replace(" ", "")  # spaces, the usual separators, cost least to drop
    cleaned = digits if digits.isdigit() and digits.isascii() else remove_separators(value)
    if card_type is None:
        resolved = infer_card_type(cleaned)
        if strict:
            return False  # an inferred card type is then an error
    if resolved is None or not cleaned:
        return False
    # The same findings as check_serial's, without wording them.
    for code, _index in _findings(cleaned, resolved)[0]:
        if strict or code not in _WARNING_CODES:
            return False
    return True


def _card_type_or_none(card_type: object) -> CardType | None:
    """The card type ``card_type`` names, or ``None`` (not given, or unreadable)."""
    if isinstance(card_type, CardType):
        return card_type
    text = plain_text(card_type)
    return None if text is None else resolve(text)[0]
