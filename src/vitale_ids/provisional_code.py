"""The code provisoire: the one-time code of the Mon espace santé invitation.

The invitation letter, e-mail or SMS gives each person (or the parent or legal
representative of a child or protected adult) a 12-character code provisoire.
The opposition form asks for it, with the NIR, the card type and the card's
serial number.

- 12 characters, each an ASCII letter or digit (``A-Z``, ``a-z``, ``0-9``).
- Case-sensitive: the official app keeps the code as typed, so the case is
  never changed here either. ``O`` and ``0`` are both allowed, so neither is
  taken for the other.
- No checksum or grouping is known, and none is assumed.
- It lasts six weeks, the same six weeks as the opposition window (see
  :func:`vitale_ids.code_expires_on`), and is single use.
- It is a secret, like a one-time password: ``repr`` and ``str`` show only its
  last 2 characters, and no message ever repeats it.

White space (no-break spaces included), dots, hyphens and dashes, and invisible
characters are dropped first, as for every identifier of this library.

>>> from vitale_ids import check_provisional_code, parse_provisional_code
>>> code = parse_provisional_code("xK4b-9Tq2-Lm7k")
>>> code
ProvisionalCode('**********7k')
>>> print(code)
**********7k
>>> code.compact
'xK4b9Tq2Lm7k'

Every problem is reported at once, with its position in what was typed:

>>> result = check_provisional_code("xK4b 9Tq2 Lm7é")
>>> [(issue.code, issue.position) for issue in result.errors]
[('code.character', 13)]
>>> print(result.errors[0].message)
Character 12 of the code provisoire must be a letter without accent or a digit (A-Z, a-z, 0-9); it is an accented letter.
>>> print(check_provisional_code("xK4b 9Tq2 Lm7").errors[0].message_fr)
Le code provisoire doit comporter 12 caractères ; celui-ci en a 11.
"""

from __future__ import annotations

import string
import warnings
from typing import Final

import attrs

from vitale_ids import _code_rules, _core
from vitale_ids._core import (
    Check,
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

__all__ = [
    "CODE_LENGTH",
    "MAX_INPUT_LENGTH",
    "ProvisionalCode",
    "check_provisional_code",
    "compact",
    "is_valid_provisional_code",
    "parse_provisional_code",
]

FIELD: Final = "provisional_code"

#: The number of characters of a code provisoire (the rule is in _code_rules).
CODE_LENGTH: Final = _code_rules.LENGTH

#: Inputs longer than this are refused before they are scanned (the core's limit).
MAX_INPUT_LENGTH: Final = _core.MAX_INPUT_LENGTH

_ALPHABET: Final = _code_rules.ALPHABET
# When the alphabet is all the ASCII letters and digits, as it is, one C call
# (isascii and isalnum) tests a whole text; a set test works for any alphabet.
_ALPHABET_IS_ASCII_ALNUM: Final = (
    frozenset(char for char in string.printable if char.isalnum()) == _ALPHABET
)

# Which exception parse_provisional_code raises for each error code.
_ERROR_CLASSES: Final[dict[str, type[ValidationError]]] = {
    "code.empty": InvalidLength,
    "code.length": InvalidLength,
    "code.character": InvalidFormat,
}


@attrs.frozen(init=False, repr=False)
class ProvisionalCode:
    """A well-formed code provisoire. Build one with :func:`parse_provisional_code`.

    ``compact`` is the code, exactly as typed apart from separators (case
    kept). ``str`` and ``repr`` are masked: the code is a secret. ``value`` is
    a deprecated name of ``compact``.
    """

    compact: str

    def __init__(self, value: str) -> None:
        refuse_reinit(self, "compact")
        object.__setattr__(self, "compact", parse_provisional_code(value).compact)

    @classmethod
    def _trusted(cls, compact: str) -> ProvisionalCode:
        # For a value that has just been validated: skip the parse.
        code = object.__new__(cls)
        _set_code_compact(code, compact)
        return code

    @property
    def value(self) -> str:
        """Deprecated: the same as :attr:`compact`, as on every parsed identifier."""
        warnings.warn(
            "ProvisionalCode.value is deprecated; use ProvisionalCode.compact.",
            DeprecationWarning,
            stacklevel=2,
        )
        return self.compact

    @property
    def masked(self) -> str:
        """All but the last 2 characters hidden: ``**********7k``."""
        return mask(self.compact, 0, 2)

    def __str__(self) -> str:
        return self.masked

    def __repr__(self) -> str:
        return f"ProvisionalCode({self.masked!r})"


(_set_code_compact,) = slot_setters(ProvisionalCode, "compact")


# --- Issues ------------------------------------------------------------------


def _issue(code: str, position: int | None, message: str, message_fr: str) -> Issue:
    return Issue(code, FIELD, position, message, message_fr)


def _empty_issue() -> Issue:
    return _issue(
        "code.empty",
        None,
        f"The code provisoire is empty; it should have the {CODE_LENGTH} characters given in"
        " the invitation letter, e-mail or SMS.",
        f"Le code provisoire est vide ; il doit comporter les {CODE_LENGTH} caractères donnés dans le"
        " courrier, l'e-mail ou le SMS d'invitation.",
    )


def _length_issue(length: int) -> Issue:
    return _issue(
        "code.length",
        None,
        f"The code provisoire must have {CODE_LENGTH} characters; this one has {length}.",
        f"Le code provisoire doit comporter {CODE_LENGTH} caractères ; celui-ci en a {length}.",
    )


def _too_long_issue() -> Issue:
    return _issue(
        "code.length",
        None,
        f"The code provisoire must have {CODE_LENGTH} characters; this input has more than"
        f" {MAX_INPUT_LENGTH}.",
        f"Le code provisoire doit comporter {CODE_LENGTH} caractères ; cette saisie en a plus de"
        f" {MAX_INPUT_LENGTH}.",
    )


def _character_issue(char: str, index: int, position: int, name_it: bool = True) -> Issue:
    # A code's letters are not lookalikes of digits: no hint.
    kind, kind_fr = describe_once(char, name_it, hint=False)
    number = index + 1
    return _issue(
        "code.character",
        position,
        f"Character {number} of the code provisoire must be a letter without accent or a digit"
        f" (A-Z, a-z, 0-9); it is {kind}.",
        f"Le caractère {number} du code provisoire doit être une lettre sans accent ou un"
        f" chiffre (A-Z, a-z, 0-9) ; c'est {kind_fr}.",
    )


# --- Checking ----------------------------------------------------------------


def check_provisional_code(value: str, *, strict: bool = False) -> Check[ProvisionalCode]:
    """Check a code provisoire and report every problem found, without raising.

    The case is kept exactly: ``"AbC..."`` and ``"abc..."`` are different codes.
    No rule of the code gives a warning today, so ``strict`` changes nothing; it
    is accepted so that every ``check_*`` function takes the same arguments.
    """
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = required_text(value, FIELD, "code")
    if len(value) > MAX_INPUT_LENGTH:
        return Check(False, None, (_too_long_issue(),), ())

    # The usual input, 12 letters and digits as typed or in groups split by
    # spaces, is valid with nothing to report: no need to look any further.
    # tests/test_code_and_serial_properties.py holds both paths to the same results.
    cleaned = value if len(value) == CODE_LENGTH else value.replace(" ", "")
    if len(cleaned) == CODE_LENGTH and _is_code_text(cleaned):
        return passed(ProvisionalCode._trusted(cleaned))
    return _check_in_full(value, remove_separators(value), strict)


def _is_code_text(text: str) -> bool:
    """True when every character of ``text`` is one of the code's."""
    if _ALPHABET_IS_ASCII_ALNUM:
        # str.isalnum() alone also accepts "é", "１" and "Ω"; isascii() rules them out.
        return text.isascii() and text.isalnum()
    return _ALPHABET.issuperset(text)


def _check_in_full(value: str, cleaned: str, strict: bool) -> Check[ProvisionalCode]:
    """Find and report every issue of ``value``, whose compact form is ``cleaned``."""
    if not cleaned:
        return build_check(None, [_empty_issue()], [], strict)

    errors: list[Issue] = []
    if len(cleaned) != CODE_LENGTH:
        errors.append(_length_issue(len(cleaned)))
    if not _is_code_text(cleaned):  # else no character needs a look of its own
        positions = range(len(cleaned)) if cleaned == value else original_indexes(value)
        named = False  # only the first wrong character is named
        for index, char in enumerate(cleaned):
            if char not in _ALPHABET:
                errors.append(_character_issue(char, index, positions[index], not named))
                named = named or names_character(char)

    return build_check(None if errors else ProvisionalCode._trusted(cleaned), errors, [], strict)


def parse_provisional_code(value: str, *, strict: bool = False) -> ProvisionalCode:
    """Return the :class:`ProvisionalCode`, or raise the first error.

    >>> parse_provisional_code("xK4b9Tq2Lm7")
    Traceback (most recent call last):
    ...
    vitale_ids.InvalidLength: The code provisoire must have 12 characters; this one has 11.
    """
    if type(value) is not str:
        value = required_text(value, FIELD, "code")
    result = check_provisional_code(value, strict=strict)
    if result.value is None:
        raise_first(result, _ERROR_CLASSES)
    return result.value


def is_valid_provisional_code(value: object, *, strict: bool = False) -> bool:
    """True when ``value`` is a well-formed code provisoire. Never raises."""
    if type(value) is not str:  # a plain str, the usual input, skips the call
        value = plain_text(value)
        if value is None:
            return False
    if len(value) > MAX_INPUT_LENGTH:
        return False
    # No rule gives a warning, so strict changes nothing: the code is valid
    # when its compact form has the code's length and characters, the two
    # rules the full check words.
    cleaned = value if len(value) == CODE_LENGTH else remove_separators(value)
    return len(cleaned) == CODE_LENGTH and _is_code_text(cleaned)


def compact(value: str) -> str:
    """The code provisoire without separators, its case kept.

    >>> compact("xK4b 9Tq2 Lm7k")
    'xK4b9Tq2Lm7k'

    As every ``compact()`` of this library, it raises
    :class:`~vitale_ids.InvalidType` for anything but a ``str``, and
    :class:`~vitale_ids.InvalidLength` for an input of more than
    ``MAX_INPUT_LENGTH`` characters, without scanning it. It checks nothing
    else: :func:`check_provisional_code` does.
    """
    return remove_separators(checked_text(value, FIELD, _too_long_issue, "code"))
