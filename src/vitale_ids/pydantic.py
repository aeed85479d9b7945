"""pydantic v2 types for the opposition form's identifiers (the ``pydantic`` extra).

``NirStr``, ``ProvisionalCodeStr`` and ``SerialStr`` are annotated ``str`` types.
They validate with ``vitale_ids`` and store the normalized value: the compact
NIR, the code with its case kept, the serial digits the form wants. A bad value
raises pydantic's ``ValidationError``, whose error ``type`` is our stable code and
whose context holds our ``code``, ``position``, ``message`` and ``message_fr``.

The input is hidden in pydantic's error text (``input_value='<hidden>'``):
pydantic would otherwise print the identifier into logs.

>>> from pydantic import BaseModel, ValidationError
>>> from vitale_ids.pydantic import NirStr, ProvisionalCodeStr, SerialStr
>>> class Opposition(BaseModel):
...     provisional_code: ProvisionalCodeStr
...     nir: NirStr
...     serial: SerialStr
>>> Opposition(provisional_code="xK4b 9Tq2 Lm7k", nir="1 85 05 78 006 084 91", serial="123 456 789 01").nir
'185057800608491'
>>> try:
...     Opposition(provisional_code="xK4b9Tq2Lm7k", nir="1 85 05 78 006 084 19", serial="12345678901")
... except ValidationError as error:
...     print(error)
...     print(error.errors()[0]["ctx"]["message_fr"])
1 validation error for Opposition
nir
  The key (characters 14-15) does not match the first 13 characters: one of them is probably mistyped. [type=nir.checksum, input_value='<hidden>', input_type=_Hidden]
La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères : l'un d'eux est sans doute mal saisi.

For other options, annotate ``str`` with :class:`Checked` yourself:

>>> from typing import Annotated
>>> from vitale_ids.pydantic import Checked
>>> class StrictForm(BaseModel):
...     nir: Annotated[str, Checked("nir", strict=True)]
...     serial: Annotated[str, Checked("serial", card_type="avec photo")]
>>> StrictForm(nir="7 85 05 78 006 084 82", serial="12345678901")
Traceback (most recent call last):
...
pydantic_core._pydantic_core.ValidationError: 1 validation error for StrictForm
nir
  Character 1 is 7: this is a temporary number (NIA, numéro d'identification d'attente). The online form refuses it; you can object by phone at 3422. [type=nir.temporary, input_value='<hidden>', input_type=_Hidden]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from pydantic_core import PydanticCustomError, core_schema

from vitale_ids._core import Check, Issue, type_issue
from vitale_ids.card_type import CardType
from vitale_ids.nir import check_nir
from vitale_ids.provisional_code import check_provisional_code
from vitale_ids.serial import check_serial, infer_card_type
from vitale_ids.serial import compact as compact_serial

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler
    from pydantic.json_schema import JsonSchemaValue

__all__ = ["Checked", "NirStr", "ProvisionalCodeStr", "SerialStr"]

Kind = Literal["nir", "provisional_code", "serial"]

_DESCRIPTIONS: dict[str, str] = {
    "nir": "NIR (French social-security number), 15 characters with its key",
    "provisional_code": "Code provisoire of the Mon espace santé invitation, 12 letters and digits",
    "serial": "Carte Vitale serial number (8 to 13 digits)",
}


class _Hidden:
    """The raw input, wrapped so that pydantic's error text shows no identifier."""

    __slots__ = ("value",)

    def __init__(self, value: object) -> None:
        self.value = value

    def __repr__(self) -> str:
        return "'<hidden>'"


def _hide(value: object) -> _Hidden:
    return _Hidden(value)


def _as_pydantic_error(issue: Issue) -> PydanticCustomError:
    context = {
        "code": issue.code,
        "field": issue.field,
        "position": issue.position,
        "message": issue.message,
        "message_fr": issue.message_fr,
    }
    # Braces in a message would be read as pydantic template fields.
    template = issue.message.replace("{", "(").replace("}", ")")
    return PydanticCustomError(issue.code, template, context)


class Checked:
    """The pydantic marker behind the types: ``Annotated[str, Checked("nir")]``.

    ``kind`` is ``"nir"``, ``"provisional_code"`` or ``"serial"``. ``strict=True``
    turns warnings into errors. For a serial, ``card_type`` is a ``CardType``
    or a text for ``CardType.parse``; without it the type is inferred from the
    length, as :func:`~vitale_ids.check_form` does, and lengths that fit no
    inference (9, 10, 12 digits) are checked as a card without photo, the only
    one that can have them.
    """

    def __init__(
        self, kind: Kind, *, strict: bool = False, card_type: CardType | str | None = None
    ) -> None:
        if kind not in _DESCRIPTIONS:
            raise ValueError(f"kind must be one of {sorted(_DESCRIPTIONS)}, not {kind!r}")
        self.kind = kind
        self.strict = strict
        # A typo in the card type is the programmer's: fail when the model is defined.
        self.card_type = None if card_type is None else CardType.parse(card_type)

    def __repr__(self) -> str:
        return f"Checked({self.kind!r}, strict={self.strict!r}, card_type={self.card_type!r})"

    def _check(self, text: str) -> Check[Any]:
        if self.kind == "nir":
            return check_nir(text, strict=self.strict)
        if self.kind == "provisional_code":
            return check_provisional_code(text, strict=self.strict)
        card_type = self.card_type
        if card_type is None:
            card_type = infer_card_type(compact_serial(text)) or CardType.WITHOUT_PHOTO
        return check_serial(text, card_type=card_type, strict=self.strict)

    def _validate(self, hidden: _Hidden) -> str:
        text = hidden.value
        if not isinstance(text, str):
            code_prefix = "code" if self.kind == "provisional_code" else self.kind
            raise _as_pydantic_error(type_issue(self.kind, text, code_prefix))
        result = self._check(text)
        if result.value is None:
            raise _as_pydantic_error(result.errors[0])
        if self.kind == "nir":
            return str(result.value.compact)
        return str(result.value.value)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_hide),
                core_schema.no_info_plain_validator_function(self._validate),
            ],
            serialization=core_schema.to_string_ser_schema(),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"type": "string", "description": _DESCRIPTIONS[self.kind]}


NirStr = Annotated[str, Checked("nir")]
ProvisionalCodeStr = Annotated[str, Checked("provisional_code")]
SerialStr = Annotated[str, Checked("serial")]
