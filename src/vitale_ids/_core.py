"""The pieces every identifier shares: issues, checks, errors and input clean-up.

Nothing here knows about a particular identifier. Each identifier module builds
its own :class:`Issue` objects (with its own stable codes and messages) and wraps
them in a :class:`Check`.
"""

from __future__ import annotations

import functools
import unicodedata  # attrs loads it anyway: no cost at import
from typing import TYPE_CHECKING, Any, Final, Generic, Literal, NoReturn, TypeVar

import attrs

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping

    import regex

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


# Issue and Check are built by hand (init=False) for that reason, with the same
# signature and the same effect as attrs's __init__: by their metaclass's
# __call__, so that ``Issue(...)`` costs one call. Their own __init__, which
# construction never calls, refuses a second initialisation,
# ``issue.__init__(...)``, which would change a frozen result.


class _IssueType(type):
    def __call__(
        cls, code: str, field: str, position: int | None, message: str, message_fr: str
    ) -> Issue:
        issue: Issue = _new_object(cls)  # type: ignore[arg-type]  # cls is Issue
        _set_issue_code(issue, code)
        _set_issue_field(issue, field)
        _set_issue_position(issue, position)
        _set_issue_message(issue, message)
        _set_issue_message_fr(issue, message_fr)
        return issue


class _CheckType(type):
    def __call__(
        cls,
        valid: bool,
        value: Any,
        errors: tuple[Issue, ...] = (),
        warnings: tuple[Issue, ...] = (),
    ) -> Check[Any]:
        check: Check[Any] = _new_object(cls)  # type: ignore[arg-type]  # cls is Check
        _set_check_valid(check, valid)
        _set_check_value(check, value)
        _set_check_errors(check, errors)
        _set_check_warnings(check, warnings)
        return check


def refuse_reinit(instance: object, first_field: str) -> None:
    """Raise :class:`attrs.exceptions.FrozenInstanceError` if ``instance`` is built already.

    For an ``__init__`` written by hand that sets slots, which a second call,
    ``result.__init__(...)``, would set again: a frozen result must not change.
    A slot that was never set is missing, so its presence tells. (Reading a
    missing slot raises, which costs: Issue and Check, built on every call,
    refuse otherwise.)
    """
    if hasattr(instance, first_field):
        raise attrs.exceptions.FrozenInstanceError


@attrs.frozen(init=False)
class Issue(metaclass=_IssueType):
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
        # Issue(...) is built by _IssueType.__call__: only a second
        # initialisation comes here.
        raise attrs.exceptions.FrozenInstanceError

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
class Check(Generic[T], metaclass=_CheckType):
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
        # Check(...) is built by _CheckType.__call__: only a second
        # initialisation comes here.
        raise attrs.exceptions.FrozenInstanceError

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


# These classes are used as vitale_ids.Issue, vitale_ids.InvalidLength...: say
# so in tracebacks and reprs, rather than the private module they live in.
# pickle finds them there too, by the same name.
for _public in (
    Check,
    Issue,
    ValidationError,
    InvalidLength,
    InvalidFormat,
    InvalidComponent,
    InvalidChecksum,
    InvalidType,
):
    _public.__module__ = "vitale_ids"
del _public


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


def plain_text(value: object) -> str | None:
    """The plain ``str`` that ``value`` is or holds, or ``None`` when it is no ``str``.

    A subclass of ``str`` (``numpy.str_``, a lazy translation string...) can
    override anything: ``__len__``, ``__iter__``, ``__eq__``, ``__hash__``,
    ``isdigit``... Every public function reads such a value as the characters
    it holds, which ``str.__str__`` copies into a plain ``str`` without calling
    any of them, before it looks at the value in any other way. A plain ``str``
    costs one test: callers write ``if type(value) is not str`` before the call.
    """
    if type(value) is str:
        return value
    # issubclass() of the real type: isinstance() would believe a lying __class__.
    if issubclass(type(value), str):
        return str.__str__(value)
    return None


def required_text(value: object, field: str, code_prefix: str | None = None) -> str:
    """:func:`plain_text`, or raise :class:`InvalidType` for a value that is no ``str``."""
    text = plain_text(value)
    if text is None:
        raise_type_error(field, value, code_prefix)
    return text


def checked_text(
    value: object, field: str, too_long: Callable[[], Issue], code_prefix: str | None = None
) -> str:
    """``value`` as a plain ``str`` of at most :data:`MAX_INPUT_LENGTH` characters.

    The ``compact()`` contract of every identifier: anything but a ``str``
    raises :class:`InvalidType`, and a longer input raises
    :class:`InvalidLength` (with the identifier's ``too_long()`` issue)
    without being scanned.
    """
    text = required_text(value, field, code_prefix)
    if len(text) > MAX_INPUT_LENGTH:
        raise InvalidLength(too_long())
    return text


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
# Beyond white space and dashes (Unicode category Pd, which holds the
# full-width hyphen-minus U+FF0D): soft hyphen, zero-width space, non-joiner
# and joiner, word joiner and byte-order mark, which nobody can see; the minus
# sign U+2212, which text copied from a PDF gives for a dash; the one dot
# leader U+2024, which PDF text gives for a dot; and the full stops of
# full-width and Chinese or Japanese input (U+FF0E, U+3002 and its half-width
# form U+FF61), which those keyboards type for ".". All are visible or
# invisible punctuation and none can be part of an identifier. Other marks,
# such as the middle dot or the hyphenation point U+2027, are not used between
# groups, and are reported rather than dropped.
_OTHER_SEPARATORS = frozenset("\u00ad\u200b\u200c\u200d\u2060\ufeff\u2212\u2024\u3002\uff0e\uff61")


def is_separator(char: str) -> bool:
    """True for the characters that clean-up drops: white space, dots, dashes."""
    if char.isascii():
        return char in _ASCII_SEPARATORS  # every ASCII white space is in it
    if char.isalnum():  # a letter or a digit of any script: the usual wrong character
        return False
    return char in _OTHER_SEPARATORS or char.isspace() or unicodedata.category(char) == "Pd"


def remove_separators(value: str) -> str:
    """``value`` without white space, dots, dashes and invisible characters."""
    if value.isascii():
        # Most input is already compact, or split by plain spaces. For those,
        # str.replace and one test cost a fifth of str.translate.
        without_spaces = value.replace(" ", "")
        if without_spaces.isalnum():
            return without_spaces
        return value.translate(_DELETE_ASCII_SEPARATORS)
    if value.isalnum():  # letters and digits of any script: nothing to drop, nothing to scan
        return value
    # Each different character is judged once: text pasted from elsewhere
    # repeats its characters, and a 64-character input must stay cheap.
    dropped = {ord(char): None for char in set(value) if is_separator(char)}
    return value.translate(dropped) if dropped else value


def original_index(value: str, compact_index: int) -> int:
    """Where the ``compact_index``-th kept character stands in ``value``.

    Positions are only needed when an issue is reported, so they are computed
    then, rather than mapped for every input. For the positions of many
    characters of one value, :func:`original_indexes` reads it once.
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


def original_indexes(value: str) -> list[int]:
    """Where each kept character stands in ``value``: ``original_index`` for all at once."""
    if value.isascii():
        return [index for index, char in enumerate(value) if char not in _ASCII_SEPARATORS]
    if value.isalnum():
        return list(range(len(value)))
    return [index for index, char in enumerate(value) if not is_separator(char)]


# --- Describing a character without echoing the input ---------------------

# The confusions people actually make when copying a number from paper.
_LOOKALIKE_DIGITS = {"O": "0", "o": "0", "I": "1", "l": "1"}


def describe_character(char: str) -> tuple[str, str]:
    """Name the kind of ``char`` in English and French ("an accented letter").

    Used in messages about a character that is not allowed. Latin letters and
    punctuation are named; anything else is described by its kind, so that a
    message shows at most one character of what was typed.
    """
    if char.isascii():
        if "a" <= char.lower() <= "z":
            return f"the letter {char}", f"la lettre {char}"
        if "0" <= char <= "9":
            return f"the digit {char}", f"le chiffre {char}"
        if char.isprintable():
            return f"the character {char!r}", f"le caractère {char!r}"
        return _CONTROL

    category = unicodedata.category(char)
    kind = _KINDS.get(category[0])
    if kind is not None:
        return kind
    if category == "Nd":
        return _OTHER_DIGIT
    if category[0] == "N":
        return _NUMBER_SIGN
    if category[0] == "L":
        # One compiled pattern for the scripts named: a 64-character input of
        # letters is described in as many calls, not three times as many.
        script = _pattern(_SCRIPTS_PATTERN).match(char)
        group = None if script is None else script.lastindex  # which script matched
        return _OTHER_LETTER if group is None else _LETTERS[group - 1]
    if category[0] == "S":
        return _EMOJI if _pattern(r"\p{Extended_Pictographic}").match(char) else _SYMBOL
    if category == "Cc":
        return _CONTROL
    return _INVISIBLE_OR_UNASSIGNED


_SCRIPTS_PATTERN = r"(\p{Script=Latin})|(\p{Script=Greek})|(\p{Script=Cyrillic})"
_LETTERS = (
    ("an accented letter", "une lettre accentuée"),
    ("a Greek letter", "une lettre grecque"),
    ("a Cyrillic letter", "une lettre cyrillique"),
)
_OTHER_LETTER = ("a letter from another alphabet", "une lettre d'un autre alphabet")
_OTHER_DIGIT = (
    "a digit from another script (only 0 to 9 are accepted)",
    "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
)
_NUMBER_SIGN = ("a number sign that is not a digit", "un signe numérique qui n'est pas un chiffre")
_EMOJI = ("an emoji", "un émoji")
_SYMBOL = ("a symbol", "un symbole")
_CONTROL = ("a control character", "un caractère de contrôle")
_INVISIBLE_OR_UNASSIGNED = (
    "an invisible or unassigned character",
    "un caractère invisible ou non attribué",
)
# Kinds told by the first letter of the Unicode category alone.
_KINDS = {
    "M": ("an accent on its own", "un accent isolé"),
    "P": ("a punctuation mark", "un signe de ponctuation"),
}


@functools.cache
def _pattern(pattern: str) -> regex.Pattern[str]:
    """``pattern`` compiled once, on first use: ``import vitale_ids`` does not load regex."""
    import regex

    return regex.compile(pattern)


#: How a message refers to a wrong character when another one is already named:
#: all the messages of one check together name at most one character of the
#: value (a secret typed in the wrong field must not be spelled out).
UNNAMED: Final = ("another character that is not allowed", "un autre caractère non autorisé")


def names_character(char: str) -> bool:
    """True when :func:`describe_character` shows ``char`` itself ("the letter O")."""
    return char.isascii() and char.isprintable()


def describe_once(char: str, name_it: bool, *, hint: bool = True) -> tuple[str, str]:
    """What a message says a wrong character is, with the lookalike hint.

    Only the first wrong character of a check that :func:`names_character`
    is named (``name_it``); the others are :data:`UNNAMED`, at their own
    position. A character described by its kind alone ("an accented letter")
    is described so everywhere: that names nothing.
    """
    if not name_it and names_character(char):
        return UNNAMED
    kind, kind_fr = describe_character(char)
    if not hint:
        return kind, kind_fr
    hint_en, hint_fr = lookalike_hint(char)
    return kind + hint_en, kind_fr + hint_fr


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
