"""Which identifier is a value? Its shape says, from the identifiers' own rules.

The lengths, Corsica's departments and the serial's lengths come from the
identifiers' modules; only how far a value may be from a shape and still be
"near" it (a typo or two) is the command line's own policy.
"""

from __future__ import annotations

from typing import Final

from vitale_ids import CardType, Issue, is_valid_serial, nir, provisional_code, serial
from vitale_ids.cli.base import MAX_VALUE_CHARS, without_separators

__all__ = ["KINDS", "detect_kind", "possible_kinds"]

#: The choices of ``check --kind``.
KINDS: Final = ("auto", "nir", "code", "serial")

# The lengths of each kind once compacted, digits only. A NIR without its key
# is still a NIR (its check offers the key), and one a character short too.
_NIR_LENGTHS: Final = frozenset(range(nir.BODY_LENGTH, nir.LENGTH + 1))
_CODE_LENGTHS: Final = frozenset({provisional_code.CODE_LENGTH})
_PHOTO_SERIAL_LENGTHS: Final = frozenset({serial.PHOTO_LENGTH, serial.PRINTED_PHOTO_LENGTH})
_SERIAL_LENGTHS: Final = frozenset(serial.NO_PHOTO_ACCEPTED_LENGTHS) | _PHOTO_SERIAL_LENGTHS
_LENGTHS: Final = (("nir", _NIR_LENGTHS), ("code", _CODE_LENGTHS), ("serial", _SERIAL_LENGTHS))

# Policy: a NIR or a serial number with this many characters that are not
# digits (mistyped letters, say) is still near enough to be checked as one,
# so that its validator says what is wrong rather than "unknown".
_NEAR_MISSES: Final = 2

_NAMES: Final = {
    "nir": ("a NIR without its key", "un NIR sans sa clé"),
    "code": ("a code provisoire", "un code provisoire"),
    "serial": ("a serial number", "un numéro de série"),
}

_SHAPES_EN: Final = (
    f"a NIR has {nir.LENGTH} characters, a code provisoire {provisional_code.CODE_LENGTH}"
    f" letters and digits, a serial number {min(serial.NO_PHOTO_ACCEPTED_LENGTHS)} to"
    f" {max(serial.NO_PHOTO_ACCEPTED_LENGTHS)} or {serial.PRINTED_PHOTO_LENGTH} digits"
)
_SHAPES_FR: Final = (
    f"un NIR a {nir.LENGTH} caractères, un code provisoire {provisional_code.CODE_LENGTH}"
    f" lettres et chiffres, un numéro de série {min(serial.NO_PHOTO_ACCEPTED_LENGTHS)}"
    f" à {max(serial.NO_PHOTO_ACCEPTED_LENGTHS)} ou {serial.PRINTED_PHOTO_LENGTH} chiffres"
)


def _kind_issue(code: str, message: str, message_fr: str) -> Issue:
    return Issue(code, "kind", None, message, message_fr)


def _either(words: list[str], conjunction: str) -> str:
    return ", ".join(words[:-1]) + f" {conjunction} " + words[-1]


def _ambiguous(length: int, kinds: list[str]) -> Issue:
    options = [f"--kind {kind}" for kind in kinds]
    return _kind_issue(
        "kind.ambiguous",
        f"{length} digits can be {_either([_NAMES[kind][0] for kind in kinds], 'or')}:"
        f" say which with {_either(options, 'or')}.",
        f"{length} chiffres peuvent être {_either([_NAMES[kind][1] for kind in kinds], 'ou')} :"
        f" précisez-le avec {_either(options, 'ou')}.",
    )


def _unknown(length: int) -> Issue:
    if length == 0:
        return _kind_issue("kind.unknown", "The value is empty.", "La valeur est vide.")
    if length > MAX_VALUE_CHARS:
        count_en = f"more than {MAX_VALUE_CHARS} characters"
        count_fr = f"plus de {MAX_VALUE_CHARS} caractères"
    else:
        count_en = f"{length} characters"
        count_fr = f"{length} caractères"
    return _kind_issue(
        "kind.unknown",
        f"This value ({count_en}) has the shape of no identifier: {_SHAPES_EN}."
        " Say which it is with --kind nir, --kind code or --kind serial.",
        f"Cette valeur ({count_fr}) n'a la forme d'aucun identifiant : {_SHAPES_FR}."
        " Précisez ce que c'est avec --kind nir, --kind code ou --kind serial.",
    )


def _is_ascii_digit(char: str) -> bool:
    return "0" <= char <= "9"


def _digit_kinds(digits: str) -> list[str]:
    kinds = [kind for kind, lengths in _LENGTHS if len(digits) in lengths]
    if not kinds and _printed_less_one(digits):
        kinds.append("serial")
    return kinds


def _printed_less_one(digits: str) -> bool:
    """The digits printed beside the photo, one of them left out: a serial number still."""
    return len(digits) == serial.PRINTED_PHOTO_LENGTH - 1 and digits.startswith(
        serial.PHOTO_CARD_PREFIX
    )


def _settled(digits: str, kinds: list[str], card_type: CardType | None) -> list[str]:
    # With the card type given, a serial number that card has, with nothing to
    # warn about, is a serial number; a length that card never has is not one.
    if card_type is None or len(kinds) < 2 or "serial" not in kinds:
        return kinds
    if is_valid_serial(digits, card_type=card_type, strict=True):
        return ["serial"]
    if not is_valid_serial(digits, card_type=card_type):
        return [kind for kind in kinds if kind != "serial"]
    return kinds


def _kind_of_digits(digits: str, card_type: CardType | None) -> str | Issue:
    kinds = _settled(digits, _digit_kinds(digits), card_type)
    if not kinds:
        return _unknown(len(digits))
    if len(kinds) > 1:
        return _ambiguous(len(digits), kinds)
    return kinds[0]


def _kind_near(compact: str) -> str | Issue:
    length = len(compact)
    non_digits = sum(1 for char in compact if not _is_ascii_digit(char))
    # Corsica's letter is a NIR's own, no typo: a Corsican department is not
    # counted against the NIR (both of its characters are let off).
    department = compact[nir.DEPARTMENT]
    let_off = len(department) if department.upper() in nir.CORSICA_DEPARTMENTS else 0
    if length in _NIR_LENGTHS and non_digits - let_off <= _NEAR_MISSES:
        return "nir"
    if length in _CODE_LENGTHS:
        return "code"
    if length in _SERIAL_LENGTHS and non_digits <= _NEAR_MISSES:
        return "serial"
    if any(char.isalpha() for char in compact):
        return "code"
    return _unknown(length)


def detect_kind(value: str, card_type: CardType | None = None) -> str | Issue:
    """Guess from its shape whether ``value`` is a NIR, a code provisoire or a serial.

    The value is compacted first (spaces, dots, hyphens dropped). Then:

    - digits only: a length that one identifier alone can have gives it (a NIR,
      with or without its key, or one digit short; a serial number); a length
      that a code provisoire or a NIR without its key shares with a serial
      number is ambiguous, unless ``card_type`` settles it: a serial number
      that card type has, with nothing to warn about, is a serial number (13
      digits "sans photo"), and a length it never has is not one (12 or 13
      digits "avec photo"); the 21 digits printed beside the photo, one of
      them left out, are a serial number too;
    - a NIR's length (with or without its key) with at most 2 characters that
      are not digits (Corsica's 2A/2B count as digits) is a NIR, typos included;
    - a code provisoire's length with a letter or another non-digit is a code;
    - a serial number's length with at most 2 non-digits is a serial number;
    - anything else with a letter is a code (of the wrong length);
    - the rest has the shape of no identifier.

    Near misses get a kind so that the validator can say what is wrong, in
    its own words, rather than "unknown". The result is the kind ("nir",
    "code", "serial"), or the ``kind.ambiguous`` / ``kind.unknown`` issue that
    says why there is none.

    >>> detect_kind("1 85 05 78 006 084 91"), detect_kind("xK4b-9Tq2-Lm7k")
    ('nir', 'code')
    >>> detect_kind("123456789012").code
    'kind.ambiguous'
    """
    if len(value) > MAX_VALUE_CHARS:
        return _unknown(len(value))
    compact = without_separators(value)
    if not compact:
        return _unknown(0)
    if all(_is_ascii_digit(char) for char in compact):
        return _kind_of_digits(compact, card_type)
    return _kind_near(compact)


def possible_kinds(value: str) -> list[str]:
    """The kinds whose shape ``value`` has, as :func:`detect_kind` sees it, card type aside.

    >>> possible_kinds("xK4b-9Tq2-Lm7k"), possible_kinds("1 85 05 78 006 084")
    (['code'], ['nir', 'serial'])
    """
    if len(value) > MAX_VALUE_CHARS:
        return []
    compact = without_separators(value)
    if not compact:
        return []
    if all(_is_ascii_digit(char) for char in compact):
        return _digit_kinds(compact)
    found = _kind_near(compact)
    return [found] if isinstance(found, str) else []
