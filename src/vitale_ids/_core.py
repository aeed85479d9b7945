"""The pieces every identifier shares: issues, checks, errors and input clean-up.

Nothing here knows about a particular identifier. Each identifier module builds
its own :class:`Issue` objects (with its own stable codes and messages) and wraps
them in a :class:`Check`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Generic, Literal, NoReturn, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

__all__ = [
    "Check",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Issue",
    "Lang",
    "ValidationError",
]

T = TypeVar("T")

#: Inputs longer than this are refused before they are scanned: the longest
#: identifier, 21 printed serial digits, fits many times over with separators,
#: and a huge input must not cost a scan.
MAX_INPUT_LENGTH = 64

Lang = Literal["en", "fr"]


def slot_setters(cls: type, *names: str) -> tuple[Any, ...]:
    """Functions that set the named fields of a new instance of a frozen attrs class.

    Results are built on every call of a validator. attrs's own ``__init__``
    for a frozen class sets each field through ``object.__setattr__``; setting
    the slots through their descriptors gives the same object for a third less.
    For a just-built instance only: a frozen object never changes after.
    """
    return tuple(cls.__dict__[name].__set__ for name in names)


# Issue and Check write their __init__ by hand (init=False) for that reason,
# with the same signature and the same effect as attrs's.


@attrs.frozen(init=False)
class Issue:
    """One problem found in an input: an error, or a warning.

    ``code`` is stable (for example ``"nir.checksum"``): match on it, never on
    the message. ``position`` is a 0-based index into the string the caller
    passed, or ``None`` when the issue is about the whole value. The messages
    say what is wrong and where, and never contain the identifier itself.
    """

    code: str
    field: str
    position: int | None
    message: str
    message_fr: str

    def __init__(
        self, code: str, field: str, position: int | None, message: str, message_fr: str
    ) -> None:
        _set_issue_code(self, code)
        _set_issue_field(self, field)
        _set_issue_position(self, position)
        _set_issue_message(self, message)
        _set_issue_message_fr(self, message_fr)

    def message_in(self, lang: str) -> str:
        """The message in ``lang`` (``"fr"`` for French, anything else English)."""
        return self.message_fr if lang == "fr" else self.message


(
    _set_issue_code,
    _set_issue_field,
    _set_issue_position,
    _set_issue_message,
    _set_issue_message_fr,
) = slot_setters(Issue, "code", "field", "position", "message", "message_fr")


@attrs.frozen(init=False)
class Check(Generic[T]):
    """The outcome of checking one input.

    ``valid`` is true when there is no error; warnings never make a check
    invalid, except with ``strict=True``, which turns them into errors.
    ``value`` is the parsed object when the input is valid, else ``None``.
    ``bool(check)`` is ``check.valid``.
    """

    valid: bool
    value: T | None
    errors: tuple[Issue, ...] = ()
    warnings: tuple[Issue, ...] = ()

    def __init__(
        self,
        valid: bool,
        value: T | None,
        errors: tuple[Issue, ...] = (),
        warnings: tuple[Issue, ...] = (),
    ) -> None:
        _set_check_valid(self, valid)
        _set_check_value(self, value)
        _set_check_errors(self, errors)
        _set_check_warnings(self, warnings)

    def __bool__(self) -> bool:
        return self.valid

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Errors first, then warnings."""
        return self.errors + self.warnings


_set_check_valid, _set_check_value, _set_check_errors, _set_check_warnings = slot_setters(
    Check, "valid", "value", "errors", "warnings"
)


def passed(value: T) -> Check[T]:
    """``Check(True, value)``, the result of most calls: built without __init__."""
    check: Check[T] = _new_object(Check)
    _set_check_valid(check, True)
    _set_check_value(check, value)
    _set_check_errors(check, ())
    _set_check_warnings(check, ())
    return check


_new_object = object.__new__


def build_check(
    value: T | None, errors: list[Issue], warnings: list[Issue], strict: bool
) -> Check[T]:
    """Assemble a :class:`Check`, applying ``strict`` to the warnings."""
    if strict and warnings:
        errors = errors + warnings
        warnings = []
    if errors:
        return Check(False, None, tuple(errors), tuple(warnings))
    return Check(True, value, (), tuple(warnings))


class ValidationError(ValueError):
    """Base of every error this library raises for a bad identifier.

    ``issue`` is the :class:`Issue` behind it; ``code``, ``position`` and
    ``message_fr`` are shortcuts to its fields. ``str(error)`` is the English
    message, which never contains the identifier.
    """

    issue: Issue

    def __init__(self, issue: Issue) -> None:
        super().__init__(issue.message)
        self.issue = issue

    @property
    def code(self) -> str:
        return self.issue.code

    @property
    def position(self) -> int | None:
        return self.issue.position

    @property
    def field(self) -> str:
        return self.issue.field

    @property
    def message_fr(self) -> str:
        return self.issue.message_fr

    def __reduce__(self) -> tuple[type[ValidationError], tuple[Issue]]:
        return (type(self), (self.issue,))


class InvalidFormat(ValidationError):
    """The identifier is not written as it must be: a character, or its length.

    :class:`InvalidLength` is a kind of it, as in python-stdnum.
    """


class InvalidLength(InvalidFormat):
    """The identifier is empty, or has too many or too few characters."""


class InvalidComponent(ValidationError):
    """A part of the identifier (sex, month, order number...) is impossible."""


class InvalidChecksum(ValidationError):
    """The control key does not match the rest of the identifier."""


class InvalidType(ValidationError, TypeError):
    """The value is not a ``str``. It is also a :class:`TypeError`."""


def type_issue(field: str, value: object, code_prefix: str | None = None) -> Issue:
    """The issue for a value that is not a ``str``: code ``<code_prefix>.type``.

    ``code_prefix`` defaults to ``field``; the code provisoire's codes start
    with ``code.`` although its field is ``provisional_code``.
    """
    # Only the type's name goes into the message: the object itself may hold
    # the identifier (bytes, a number).
    type_name = type(value).__name__
    return Issue(
        f"{code_prefix or field}.type",
        field,
        None,
        f"Expected text (str), got {type_name}.",
        f"Un texte (str) est attendu, pas {type_name}.",
    )


def raise_type_error(field: str, value: object, code_prefix: str | None = None) -> NoReturn:
    raise InvalidType(type_issue(field, value, code_prefix))


def checked_text(
    value: object, field: str, too_long: Callable[[], Issue], code_prefix: str | None = None
) -> str:
    """``value``, once known to be a ``str`` of at most :data:`MAX_INPUT_LENGTH` characters.

    The ``compact()`` contract of every identifier: anything but a ``str``
    raises :class:`InvalidType`, and a longer input raises
    :class:`InvalidLength` (with the identifier's ``too_long()`` issue)
    without being scanned.
    """
    if not isinstance(value, str):
        raise_type_error(field, value, code_prefix)
    if len(value) > MAX_INPUT_LENGTH:
        raise InvalidLength(too_long())
    return value


def raise_first(check: Check[Any], error_classes: Mapping[str, type[ValidationError]]) -> NoReturn:
    """Raise the first error of an invalid check, as the class its code maps to."""
    issue = check.errors[0]
    raise error_classes.get(issue.code, ValidationError)(issue)


# --- Input clean-up -------------------------------------------------------
#
# People paste identifiers from letters, PDFs and phones: spaces (often
# no-break ones), dots, hyphens and dashes, and invisible characters that they
# cannot see and so cannot remove. None of these can be part of an identifier,
# so dropping them never turns a wrong identifier into a right one.

_ASCII_SEPARATORS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f.-"
_DELETE_ASCII_SEPARATORS = str.maketrans("", "", _ASCII_SEPARATORS)
# Soft hyphen, zero-width space/non-joiner/joiner, word joiner, byte-order mark.
_INVISIBLE = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff")


def is_separator(char: str) -> bool:
    """True for the characters that clean-up drops: white space, dots, dashes."""
    if char in _ASCII_SEPARATORS or char in _INVISIBLE or char.isspace():
        return True
    if char.isascii():
        return False
    import unicodedata

    return unicodedata.category(char) == "Pd"


def remove_separators(value: str) -> str:
    """``value`` without white space, dots, dashes and invisible characters."""
    if value.isascii():
        # Most input is already compact, or split by plain spaces. For those,
        # str.replace and one test cost a fifth of str.translate.
        without_spaces = value.replace(" ", "")
        if without_spaces.isalnum():
            return without_spaces
        return value.translate(_DELETE_ASCII_SEPARATORS)
    return "".join([char for char in value if not is_separator(char)])


def original_index(value: str, compact_index: int) -> int:
    """Where the ``compact_index``-th kept character stands in ``value``.

    Positions are only needed when an issue is reported, so they are computed
    then, rather than mapped for every input.
    """
    ascii_only = value.isascii()  # the usual case, without a call per character
    to_skip = compact_index  # kept characters still to pass before the one wanted
    if to_skip >= 0:
        for index, char in enumerate(value):
            dropped = char in _ASCII_SEPARATORS if ascii_only else is_separator(char)
            if dropped:
                continue
            if to_skip == 0:
                return index
            to_skip -= 1
    raise IndexError(compact_index)


# --- Describing a character without echoing the input ---------------------

# The confusions people actually make when copying a number from paper.
_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1"}


def describe_character(char: str) -> tuple[str, str]:
    """Name the kind of ``char`` in English and French ("an accented letter").

    Used in messages about a character that is not allowed. Latin letters and
    punctuation are named; anything else is described by its kind, so that a
    message shows at most one character of what was typed.
    """
    if "a" <= char.lower() <= "z" and char.isascii():
        return f"the letter {char}", f"la lettre {char}"
    if "0" <= char <= "9":
        return f"the digit {char}", f"le chiffre {char}"
    if char.isascii() and char.isprintable():
        return f"the character {char!r}", f"le caractère {char!r}"
    return _describe_by_category(char)


def _describe_by_category(char: str) -> tuple[str, str]:
    """What :func:`describe_character` says of a character that is not ASCII and visible."""
    import unicodedata

    category = unicodedata.category(char)
    if category == "Nd":
        return (
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        )
    if category.startswith("L"):
        return _describe_letter(char)
    if category.startswith("M"):
        return "an accent on its own", "un accent isolé"
    if category.startswith("N"):
        return "a number sign that is not a digit", "un signe numérique qui n'est pas un chiffre"
    if category.startswith("P"):
        return "a punctuation mark", "un signe de ponctuation"
    if category.startswith("S"):
        import regex

        if regex.match(r"\p{Extended_Pictographic}", char):
            return "an emoji", "un émoji"
        return "a symbol", "un symbole"
    if category == "Cc":
        return "a control character", "un caractère de contrôle"
    return "an invisible or unassigned character", "un caractère invisible ou non attribué"


def _describe_letter(char: str) -> tuple[str, str]:
    import regex

    if regex.match(r"\p{Script=Latin}", char):
        return "an accented letter", "une lettre accentuée"
    for script, english, french in (
        ("Greek", "a Greek letter", "une lettre grecque"),
        ("Cyrillic", "a Cyrillic letter", "une lettre cyrillique"),
    ):
        if regex.match(rf"\p{{Script={script}}}", char):
            return english, french
    return "a letter from another alphabet", "une lettre d'un autre alphabet"


def lookalike_hint(char: str) -> tuple[str, str]:
    """A hint when a letter stands where a digit should ("did you mean 0?")."""
    digit = _LOOKALIKE_DIGITS.get(char)
    if digit is None:
        return "", ""
    return f" (did you mean the digit {digit}?)", f" (vouliez-vous dire le chiffre {digit} ?)"


def mask(text: str, keep_start: int, keep_end: int, fill: str = "*") -> str:
    """``text`` with all but its first and last few characters replaced."""
    end = len(text) - keep_end
    if end <= keep_start:
        return fill * len(text)
    return text[:keep_start] + fill * (end - keep_start) + text[end:]
