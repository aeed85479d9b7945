"""attrs field validators for the opposition form's identifiers.

Each factory returns a validator for ``attrs.field(validator=...)``. It raises the
library's own :class:`~vitale_ids.ValidationError` (a ``ValueError``), whose
message names the problem without repeating the identifier.

>>> import attrs
>>> from vitale_ids import validators
>>> @attrs.define
... class Person:
...     nir: str = attrs.field(validator=validators.nir())
>>> Person("1 85 05 78 006 084 91").nir
'1 85 05 78 006 084 91'
>>> Person("1 85 05 78 006 084 19")
Traceback (most recent call last):
...
vitale_ids.InvalidChecksum: The key (characters 14-15) does not match the first 13 characters: one of them is probably mistyped.

A validator checks; it does not change the value. To store the normalized form,
add a converter that parses, and keep the validator for the error message
(converters run first):

>>> from vitale_ids import parse_nir
>>> @attrs.define
... class Record:
...     nir: str = attrs.field(converter=lambda text: parse_nir(text).compact)
>>> Record("1 85 05 78 006 084 91").nir
'185057800608491'
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    import attrs

    from vitale_ids.card_type import CardType

    AttrsValidator = Callable[[Any, attrs.Attribute[Any], Any], None]

__all__ = ["nir", "provisional_code", "serial"]


def nir(*, strict: bool = False) -> AttrsValidator:
    """Validate a NIR; ``strict=True`` also refuses temporary numbers and unknown months."""
    from vitale_ids._core import raise_type_error
    from vitale_ids.nir import parse_nir

    def validate_nir(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        # parse_nir takes a compact NIR read as a number; an attribute keeps
        # what it is given, so it must be the text.
        if not isinstance(value, str):
            raise_type_error("nir", value)
        parse_nir(value, strict=strict)

    return validate_nir


def provisional_code(*, strict: bool = False) -> AttrsValidator:
    """Validate a code provisoire (12 letters and digits, case kept)."""
    from vitale_ids.provisional_code import parse_provisional_code

    def validate_provisional_code(
        instance: Any, attribute: attrs.Attribute[Any], value: Any
    ) -> None:
        parse_provisional_code(value, strict=strict)

    return validate_provisional_code


def serial(*, card_type: CardType | str, strict: bool = False) -> AttrsValidator:
    """Validate a carte Vitale serial number for ``card_type``."""
    from vitale_ids.card_type import CardType
    from vitale_ids.serial import parse_serial

    # Parse the card type once, when the class is defined: a typo there is the
    # programmer's, and should fail at import rather than on the first record.
    parsed_type = CardType.parse(card_type)

    def validate_serial(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        parse_serial(value, card_type=parsed_type, strict=strict)

    return validate_serial
