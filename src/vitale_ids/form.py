"""The whole opposition form: the four fields together, and the deadline.

To object to the opening of Mon espace santé online, a person types the code
provisoire, the NIR, the type of carte Vitale and the card's serial number.
:func:`check_form` checks all four at once and adds the rules that need two
fields:

- a serial number found inside the NIR is an error (``form.serial_in_nir``):
  the NIR was typed in the wrong box, or copied twice;
- with no card type (``None``, or a text of nothing but spaces, dots and
  dashes), the type is inferred from the serial number when its length allows
  only one (11 digits, or the 21 printed with the prefix: with photo; 8 or 13
  digits: without photo), with the warning ``card_type.inferred``; otherwise it
  is the error ``card_type.missing``. :func:`~vitale_ids.check_serial` without
  a card type does the same;
- a card type that cannot be read is the error ``card_type.unknown``.

The opposition must reach the scheme within six weeks of the invitation being
sent (CSP art. R1111-28), and the code provisoire lasts as long:
:func:`opposition_deadline` (also called :func:`code_expires_on`) gives that
last day.

>>> import datetime
>>> from vitale_ids import check_form, opposition_deadline
>>> result = check_form(
...     provisional_code="xK4b 9Tq2 Lm7k",
...     nir="1 85 05 78 006 084 91",
...     card_type=None,
...     serial="123 456 789 01",
... )
>>> result.valid, [issue.code for issue in result.warnings]
(True, ['card_type.inferred'])
>>> result.fields["card_type"].value
<CardType.WITH_PHOTO: 'with_photo'>
>>> result
FormCheck(valid=True, errors=[], warnings=['card_type.inferred'])
>>> opposition_deadline(datetime.date(2025, 3, 3))
datetime.date(2025, 4, 14)
"""

from __future__ import annotations

import datetime
import types
import warnings
from typing import TYPE_CHECKING, Any, Final

import attrs

from vitale_ids import _code_rules, _nir_rules, _serial_rules
from vitale_ids import card_type as card_type_module
from vitale_ids import nir as nir_module
from vitale_ids import serial as serial_module
from vitale_ids._core import (
    MAX_INPUT_LENGTH,
    Check,
    InvalidType,
    Issue,
    plain_text,
    refuse_reinit,
    remove_separators,
    required_text,
)
from vitale_ids._serial_rules import PHOTO_CARD_PREFIX, SHORTEST_SERIAL, is_printed_photo_form
from vitale_ids.card_type import CardType
from vitale_ids.nir import check_nir
from vitale_ids.provisional_code import check_provisional_code, is_valid_provisional_code

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "FIELDS",
    "OPPOSITION_PERIOD",
    "WRONG_FIELD",
    "FormCheck",
    "check_form",
    "code_expires_on",
    "opposition_deadline",
    "wrong_field",
]

#: The code of the issue about a value that is another field's identifier.
WRONG_FIELD: Final = "form.wrong_field"

#: The fields of the form, in the order the form asks for them.
FIELDS: Final = ("provisional_code", "nir", "card_type", "serial")

#: How long a person has to object, counted from the day the invitation was sent.
OPPOSITION_PERIOD: Final = datetime.timedelta(weeks=6)


@attrs.frozen(repr=False)
class FormCheck:
    """The outcome of :func:`check_form`.

    ``errors`` and ``warnings`` gather the issues of every field, in the order
    of the form (code provisoire, NIR, card type, serial number); each issue's
    ``field`` says which field it is about. ``fields`` maps each field name
    (see :data:`FIELDS`) to that field's :class:`~vitale_ids.Check`, whose
    ``value`` is the parsed object: a ``ProvisionalCode``, a ``Nir``, a
    ``CardType`` and a ``VitaleSerial``.

    When the card type is missing or unknown, a serial number cannot be
    parsed: ``fields["serial"]`` then reports the serial's own problems plus
    the card type's error, so that it is invalid with no value, as every
    :class:`~vitale_ids.Check` without a value is. Each issue appears once in
    ``errors``.

    ``repr`` shows only the issue codes: the fields hold secrets.
    """

    valid: bool
    errors: tuple[Issue, ...]
    warnings: tuple[Issue, ...]
    fields: Mapping[str, Check[Any]] = attrs.field(hash=False)

    def __attrs_pre_init__(self) -> None:
        refuse_reinit(self, "valid")

    def __reduce__(self) -> tuple[Any, ...]:
        # A read-only mapping (MappingProxyType) cannot be pickled or deep-copied
        # as it is: a copy is rebuilt from a plain dict of the same checks.
        return (_form_check, (self.valid, self.errors, self.warnings, dict(self.fields)))

    def __bool__(self) -> bool:
        return self.valid

    @property
    def issues(self) -> tuple[Issue, ...]:
        """Errors first, then warnings."""
        return self.errors + self.warnings

    def __repr__(self) -> str:
        errors = [issue.code for issue in self.errors]
        warnings = [issue.code for issue in self.warnings]
        return f"FormCheck(valid={self.valid}, errors={errors}, warnings={warnings})"


def _form_check(
    valid: bool,
    errors: tuple[Issue, ...],
    warnings: tuple[Issue, ...],
    fields: dict[str, Check[Any]],
) -> FormCheck:
    """A :class:`FormCheck` from a copy or a pickle: see ``FormCheck.__reduce__``."""
    return FormCheck(valid, errors, warnings, types.MappingProxyType(fields))


# --- Issues ------------------------------------------------------------------


def _serial_in_nir_issue() -> Issue:
    return Issue(
        "form.serial_in_nir",
        serial_module.FIELD,
        None,
        "The serial number is found inside the NIR: it is not the card's serial number,"
        " which is printed beside the photo on a card with photo, and on the back, top left,"
        " on a card without photo. The online form refuses it.",
        "Le numéro de série se trouve dans le NIR : ce n'est pas le numéro de série de la"
        " carte, imprimé à côté de la photo sur une carte avec photo, et au dos, en haut à"
        " gauche, sur une carte sans photo. Le formulaire en ligne le refuse.",
    )


# --- A value in the wrong field ------------------------------------------------

_NAMES: Final = {
    "nir": ("a NIR", "un NIR"),
    "provisional_code": ("a code provisoire", "un code provisoire"),
    "serial": ("a serial number", "un numéro de série"),
}


# Every character any identifier can have, from the identifiers' own rules.
_IDENTIFIER_CHARACTERS: Final = (
    _nir_rules.DIGITS | _nir_rules.CORSICA_LETTERS | _code_rules.ALPHABET | _serial_rules.DIGITS
)


def _valid_as(field: str, value: str, card_type: CardType | None) -> bool:
    if field == "nir":
        return nir_module.is_valid_nir(value)
    if field == "provisional_code":
        return is_valid_provisional_code(value)
    card_types = list(CardType) if card_type is None else [card_type]
    return any(serial_module.is_valid_serial(value, card_type=each) for each in card_types)


def valid_as_other_fields(value: str, field: str, card_type: CardType | None = None) -> list[str]:
    """The fields other than ``field`` (see :data:`FIELDS`) whose identifier ``value`` is.

    A serial number is judged for ``card_type``, or for either card type when
    it is ``None``.
    """
    return [other for other in _NAMES if other != field and _valid_as(other, value, card_type)]


def wrong_field(value: str, field: str, card_type: CardType | None = None) -> Issue | None:
    """The issue ``form.wrong_field`` when ``value``, typed in ``field``, is another field's.

    ``None`` when ``value`` is valid in ``field``, or is no valid identifier of
    another field. People type a value in the wrong box, or swap two: then the
    length error alone does not tell them what happened.

    >>> print(wrong_field("xK4b 9Tq2 Lm7k", "nir").message)
    This looks like a code provisoire, not a NIR: is it in the right field?
    >>> wrong_field("1 85 05 78 006 084 91", "nir") is None
    True
    """
    if field not in _NAMES:
        raise ValueError(f"field must be one of {sorted(_NAMES)}, not {field!r}")
    # A huge value is no identifier, and is not scanned.
    if not isinstance(value, str) or len(value) > MAX_INPUT_LENGTH:
        return None
    compact = remove_separators(value)
    if not _IDENTIFIER_CHARACTERS.issuperset(compact):
        return None  # a character that no identifier has: cheap to tell, and common in junk
    # The validators drop separators themselves: the compact text, made once,
    # spares them doing it again for each field.
    if _valid_as(field, compact, card_type):
        return None
    if field == "nir" and len(compact) == nir_module.BODY_LENGTH:
        return None  # a NIR without its key, as much as a serial number: nir.missing_key says so
    others = valid_as_other_fields(compact, field, card_type)
    if not others:
        return None
    what = " or ".join(_NAMES[other][0] for other in others)
    what_fr = " ou ".join(_NAMES[other][1] for other in others)
    return Issue(
        WRONG_FIELD,
        field,
        None,
        f"This looks like {what}, not {_NAMES[field][0]}: is it in the right field?",
        f"Cette valeur ressemble à {what_fr}, pas à {_NAMES[field][1]} : est-elle dans le bon"
        " champ ?",
    )


# --- Checking ----------------------------------------------------------------


def _is_blank(card_type: object) -> bool:
    """True for a text with nothing but spaces, dots, dashes: an unticked choice.

    The length is checked first, so that a huge text is not scanned.
    """
    return (
        isinstance(card_type, str)
        and len(card_type) <= MAX_INPUT_LENGTH
        and not remove_separators(card_type)
    )


def check_serial_inferring_card_type(value: str, *, strict: bool = False) -> Check[Any]:
    """Deprecated: :func:`~vitale_ids.check_serial` without a card type does the same.

    ``check_serial(value, strict=strict)`` infers the card type as
    :func:`check_form` does, with ``card_type.inferred`` or ``card_type.missing``.
    """
    warnings.warn(
        "form.check_serial_inferring_card_type is deprecated; use check_serial(value),"
        " which infers the card type when it is not given.",
        DeprecationWarning,
        stacklevel=2,
    )
    return serial_module.check_serial(value, None, strict=strict)


def _with_error(check: Check[Any], issue: Issue) -> Check[Any]:
    return Check(False, None, (*check.errors, issue), check.warnings)


def _add_wrong_fields(checks: dict[str, Check[Any]], typed: dict[str, str]) -> None:
    """Add ``form.wrong_field`` to each invalid field whose value is another field's."""
    card_type = checks["card_type"].value
    for field, value in typed.items():
        if checks[field].valid or len(value) > MAX_INPUT_LENGTH:
            continue
        issue = wrong_field(value, field, card_type if field == "serial" else None)
        if issue is not None:
            checks[field] = _with_error(checks[field], issue)


def check_form(
    *,
    provisional_code: str,
    nir: str,
    card_type: CardType | str | None,
    serial: str,
    strict: bool = False,
) -> FormCheck:
    """Check the four fields of the opposition form and report every problem at once.

    ``card_type`` is a :class:`CardType`, a text for :meth:`CardType.parse`,
    or ``None`` (a text of nothing but separators counts as ``None``) to infer it from the serial
    number. ``strict=True`` turns every warning into an error, the inferred
    card type included, to mirror the official online form.

    Never raises for ``str`` fields; any other type raises ``InvalidType``
    (also a ``TypeError``), as the ``check_*`` functions do.
    """
    # Each field as the plain str it holds (a subclass may override anything).
    provisional_code = required_text(provisional_code, "provisional_code", "code")
    nir = required_text(nir, "nir")
    serial = required_text(serial, "serial")
    if card_type is not None and not isinstance(card_type, CardType):
        text = plain_text(card_type)
        if text is None:
            raise InvalidType(card_type_module.type_issue(card_type))
        card_type = text

    if _is_blank(card_type):
        card_type = None  # an unticked choice: the card type is inferred
    card_type_check, serial_check = serial_module._check_card_type_and_serial(
        card_type, serial, strict
    )

    nir_digits = nir_module.compact(nir) if len(nir) <= MAX_INPUT_LENGTH else ""
    # The digits the serial keeps, whether or not it is valid: strict=True makes
    # the removed prefix an error, and the serial must still be looked for.
    kept = serial_module._cleaned(serial)
    if is_printed_photo_form(kept):
        kept = kept[len(PHOTO_CARD_PREFIX) :]
    # A shorter digit run than the shortest serial is found in most NIRs by chance.
    if len(kept) >= SHORTEST_SERIAL and kept.isascii() and kept.isdigit() and kept in nir_digits:
        serial_check = _with_error(serial_check, _serial_in_nir_issue())

    checks: dict[str, Check[Any]] = {
        "provisional_code": check_provisional_code(provisional_code, strict=strict),
        "nir": check_nir(nir, strict=strict),
        "card_type": card_type_check,
        "serial": serial_check,
    }
    _add_wrong_fields(checks, {"provisional_code": provisional_code, "nir": nir, "serial": serial})
    # dict.fromkeys keeps the order and drops the card type's error that the
    # serial's field repeats.
    errors = tuple(dict.fromkeys(issue for check in checks.values() for issue in check.errors))
    warnings = tuple(issue for check in checks.values() for issue in check.warnings)
    return FormCheck(
        valid=not errors,
        errors=errors,
        warnings=warnings,
        fields=types.MappingProxyType(checks),
    )


def opposition_deadline(sent_on: datetime.date) -> datetime.date:
    """The last day to object: six weeks after the invitation was sent (CSP R1111-28).

    The code provisoire expires the same day, hence the other name of this
    function, :func:`code_expires_on`. ``sent_on`` is the day the invitation
    was sent, which the letter or e-mail gives; a ``datetime`` counts as its
    date. Weekends and public holidays do not move the deadline.

    >>> import datetime
    >>> opposition_deadline(datetime.date(2025, 12, 1))
    datetime.date(2026, 1, 12)
    """
    if isinstance(sent_on, datetime.datetime):
        sent_on = sent_on.date()
    elif not isinstance(sent_on, datetime.date):
        raise TypeError(f"Expected a datetime.date, got {type(sent_on).__name__}.")
    return sent_on + OPPOSITION_PERIOD


#: The day the code provisoire stops working: the same as :func:`opposition_deadline`.
code_expires_on: Final = opposition_deadline
