"""pydantic v2 types for the opposition form's identifiers (the ``pydantic`` extra).

``NirStr``, ``ProvisionalCodeStr`` and ``SerialStr`` are annotated ``str`` types.
They validate with ``vitale_ids`` and store the normalized value: the compact
NIR, the code with its case kept, the serial digits the form wants. A bad value
raises pydantic's ``ValidationError``, whose error ``type`` is our stable code and
whose context holds our ``code``, ``field``, ``position``, ``message`` and
``message_fr``, all JSON-serialisable, so that FastAPI answers 422 with them.

The input is hidden in pydantic's error text and in ``errors()``
(``input_value='<hidden>'``): pydantic would otherwise print the identifier
into logs, and FastAPI into its 422 response.

>>> from pydantic import BaseModel, ValidationError
>>> from vitale_ids.pydantic import NirStr, ProvisionalCodeStr, SerialStr
>>> class Opposition(BaseModel):
...     provisional_code: ProvisionalCodeStr
...     nir: NirStr
...     serial: SerialStr
>>> opposition = Opposition(provisional_code="xK4b 9Tq2 Lm7k", nir="1 85 05 78 006 084 91", serial="123 456 789 01")
>>> opposition.nir == "185057800608491", str(opposition.nir), f"{opposition.serial}"
(True, '185057800608491', '12345678901')
>>> opposition  # repr and str are masked
Opposition(provisional_code=ProvisionalCodeStr('**********'), nir=NirStr('185**********91'), serial=SerialStr('*******8901'))
>>> try:
...     Opposition(provisional_code="xK4b9Tq2Lm7k", nir="1 85 05 78 006 084 19", serial="12345678901")
... except ValidationError as error:
...     print(error)
...     print(error.errors()[0]["ctx"]["message_fr"])
1 validation error for Opposition
nir
  The key (characters 14-15) does not match the first 13 characters: one of them is probably mistyped. [type=nir.checksum, input_value='<hidden>', input_type=_Hidden]
La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères : l'un d'eux est sans doute mal saisi.

The stored values are ``str`` in every way (``==``, ``str()``, f-strings,
``model_dump()``, JSON, a database driver) except ``repr()``, which is masked,
so that printing or logging the model shows no identifier.

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
  Character 1 is the sex digit of a temporary number (NIA, numéro d'identification d'attente). The online form refuses it; you can object by phone at 3422. [type=nir.temporary, input_value='<hidden>', input_type=_Hidden]

:class:`OppositionForm` is the whole form, checked as :func:`~vitale_ids.check_form`
checks it.
"""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Final, Literal

try:
    from pydantic import BaseModel, ConfigDict, PrivateAttr, ValidationError, model_validator
    from pydantic_core import InitErrorDetails, PydanticCustomError, core_schema
except ImportError as error:  # pragma: no cover - the suite installs pydantic
    raise ImportError(
        "vitale_ids.pydantic needs pydantic 2: pip install 'vitale_ids[pydantic]'"
    ) from error

from vitale_ids import nir as nir_module
from vitale_ids import provisional_code as code_module
from vitale_ids import serial as serial_module
from vitale_ids._core import Check, Issue, mask, type_issue
from vitale_ids.card_type import CardType
from vitale_ids.form import check_form, opposition_deadline, wrong_field
from vitale_ids.nir import check_nir
from vitale_ids.provisional_code import check_provisional_code
from vitale_ids.serial import check_serial

if TYPE_CHECKING:
    from pydantic import GetCoreSchemaHandler, GetJsonSchemaHandler, ValidationInfo
    from pydantic.json_schema import JsonSchemaValue

__all__ = [
    "WARNINGS_KEY",
    "Checked",
    "MaskedStr",
    "NirStr",
    "OppositionForm",
    "ProvisionalCodeStr",
    "SerialStr",
]

Kind = Literal["nir", "provisional_code", "serial"]

#: The key of a validation context whose list receives each field's warnings:
#: ``Model.model_validate(data, context={WARNINGS_KEY: found})``.
WARNINGS_KEY: Final = "vitale_ids_warnings"

_DESCRIPTIONS: Final[dict[str, str]] = {
    "nir": "NIR (French social-security number): 15 characters with its key;"
    " spaces, dots and hyphens are ignored",
    "provisional_code": "Code provisoire of the Mon espace santé invitation: 12 letters"
    " and digits, case-sensitive; spaces are ignored",
    "serial": "Carte Vitale serial number: 11 digits (or the 21 printed) on a card with"
    " photo, 8 to 13 on a card without photo; spaces are ignored",
    "card_type": 'Type of carte Vitale: "avec photo" or "sans photo"; null to infer it'
    " from the serial number",
}

# Synthetic values only: they show the accepted shape in the OpenAPI schema.
_EXAMPLES: Final[dict[str, list[str]]] = {
    "nir": ["1 85 05 78 006 084 91", "185057800608491"],
    "provisional_code": ["xK4b 9Tq2 Lm7k"],
    "serial": ["123 456 789 01", "12345678"],
    "card_type": ["avec photo", "sans photo"],
}

_MAX_LENGTHS: Final[dict[str, int]] = {
    "nir": nir_module.MAX_INPUT_LENGTH,
    "provisional_code": code_module.MAX_INPUT_LENGTH,
    "serial": serial_module.MAX_INPUT_LENGTH,
    "card_type": serial_module.MAX_INPUT_LENGTH,
}


class _Hidden(str):
    """The raw input, wrapped so that no error shows it.

    pydantic puts a validator's input into each error; this one reads
    ``'<hidden>'`` as text, in ``repr`` and in JSON (FastAPI's 422 body), and
    keeps the value for the validator only.
    """

    value: object

    def __new__(cls, value: object) -> _Hidden:
        hidden = super().__new__(cls, "<hidden>")
        hidden.value = value
        return hidden

    def __reduce__(self) -> tuple[type[str], tuple[str]]:
        # A pickled or copied error must not carry the value along.
        return (str, ("<hidden>",))


def _hide(value: object) -> _Hidden:
    return _Hidden(value)


class MaskedStr(str):
    """The ``str`` the types store: a plain ``str`` except for a masked ``repr``.

    ``==``, ``str()``, f-strings, ``len()``, JSON and database drivers see the
    whole value, so the application stores it as it is; ``repr()``, and so a
    model's ``repr``, ``str`` and log lines, show no identifier.
    """

    __slots__ = ()

    #: The name the ``repr`` shows: the annotated type the value came from.
    label: ClassVar[str] = "MaskedStr"

    def _masked(self) -> str:
        return mask(self, 0, len(self))

    def __repr__(self) -> str:
        return f"{self.label}({self._masked()!r})"


class _NirValue(MaskedStr):
    __slots__ = ()
    label = "NirStr"

    def _masked(self) -> str:
        # The sex, the year and the key, as Nir.masked shows them.
        return mask(self, 3, 2)


class _CodeValue(MaskedStr):
    __slots__ = ()
    label = "ProvisionalCodeStr"

    def _masked(self) -> str:
        # A secret, like pydantic's SecretStr: not even its length.
        return "*" * 10


class _SerialValue(MaskedStr):
    __slots__ = ()
    label = "SerialStr"

    def _masked(self) -> str:
        return mask(self, 0, 4)


_VALUE_CLASSES: Final[dict[str, type[MaskedStr]]] = {
    "nir": _NirValue,
    "provisional_code": _CodeValue,
    "serial": _SerialValue,
}


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


def _type_error(kind: str, value: object) -> PydanticCustomError:
    code_prefix = "code" if kind == "provisional_code" else kind
    return _as_pydantic_error(type_issue(kind, value, code_prefix))


def _collect_warnings(info: ValidationInfo | None, warnings: tuple[Issue, ...]) -> None:
    context = info.context if info is not None else None
    if warnings and isinstance(context, dict):
        found = context.get(WARNINGS_KEY)
        if isinstance(found, list):
            found.extend(warnings)


class Checked:
    """The pydantic marker behind the types: ``Annotated[str, Checked("nir")]``.

    ``kind`` is ``"nir"``, ``"provisional_code"`` or ``"serial"``. ``strict=True``
    turns warnings into errors. For a serial, ``card_type`` is a ``CardType``
    or a text for ``CardType.parse``; without it the type is inferred from the
    length exactly as :func:`~vitale_ids.check_form` infers it: 11 digits (or
    the 21 printed) mean a card with photo, 8 or 13 a card without photo, and
    the other lengths (9, 10, 12) need the card type (``card_type.missing``).
    The inference itself is the warning ``card_type.inferred``, which
    ``strict=True`` would turn into an error, as the form does: a strict serial
    needs its ``card_type``.

    Warnings are not errors: to see them, pass a list in the validation
    context under :data:`WARNINGS_KEY`.
    """

    def __init__(
        self, kind: Kind, *, strict: bool = False, card_type: CardType | str | None = None
    ) -> None:
        if kind not in _VALUE_CLASSES:
            raise ValueError(f"kind must be one of {sorted(_VALUE_CLASSES)}, not {kind!r}")
        self.kind = kind
        self.strict = strict
        # A typo in the card type is the programmer's: fail when the model is defined.
        self.card_type = None if card_type is None else CardType.parse(card_type)
        if kind == "serial" and strict and self.card_type is None:
            # Strict turns the inferred card type into an error: nothing would pass.
            raise ValueError("a strict serial needs its card_type")

    def __repr__(self) -> str:
        return f"Checked({self.kind!r}, strict={self.strict!r}, card_type={self.card_type!r})"

    def _check(self, text: str) -> Check[Any]:
        if self.kind == "nir":
            return check_nir(text, strict=self.strict)
        if self.kind == "provisional_code":
            return check_provisional_code(text, strict=self.strict)
        if self.card_type is None:
            return check_serial(text, strict=self.strict)
        return check_serial(text, card_type=self.card_type, strict=self.strict)

    def _validate(self, hidden: _Hidden, info: ValidationInfo | None = None) -> str:
        text = hidden.value
        if not isinstance(text, str):
            raise _type_error(self.kind, text)
        result = self._check(text)
        if result.value is None:
            # Another field's identifier says so; else the field's own problem
            # first: a serial's card type comes after.
            misplaced = wrong_field(text, self.kind, self.card_type)
            own = [issue for issue in result.errors if issue.field == self.kind]
            raise _as_pydantic_error(misplaced or (own or list(result.errors))[0])
        _collect_warnings(info, result.warnings)
        if self.kind == "nir":
            return _NirValue(result.value.compact)
        return _VALUE_CLASSES[self.kind](result.value.compact)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Two steps, so that the error's input is the hidden wrapper, never the value.
        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_hide),
                core_schema.with_info_plain_validator_function(self._validate),
            ],
            # model_dump() gives a plain str, as JSON does.
            serialization=core_schema.to_string_ser_schema(when_used="always"),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return _string_schema(self.kind)


def _string_schema(kind: str) -> dict[str, Any]:
    return {
        "type": "string",
        "description": _DESCRIPTIONS[kind],
        "maxLength": _MAX_LENGTHS[kind],
        "examples": _EXAMPLES[kind],
    }


NirStr = Annotated[str, Checked("nir")]
ProvisionalCodeStr = Annotated[str, Checked("provisional_code")]
SerialStr = Annotated[str, Checked("serial")]


# --- The whole form -------------------------------------------------------------


class _FormInput:
    """A field of :class:`OppositionForm`: its type is checked, its value hidden.

    The rules are applied by the form's own validator, through ``check_form``,
    which needs the four fields together (the card type decides the serial's).
    """

    def __init__(self, kind: str, *, nullable: bool = False) -> None:
        self.kind = kind
        self.nullable = nullable

    def _validate(self, hidden: _Hidden) -> object:
        value = hidden.value
        if value is None and self.nullable:
            return None
        if self.kind == "card_type":
            if isinstance(value, (str, CardType)):
                return value
            raise _as_pydantic_error(type_issue("card_type", value))
        if isinstance(value, str):
            return value
        raise _type_error(self.kind, value)

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.chain_schema(
            [
                core_schema.no_info_plain_validator_function(_hide),
                core_schema.no_info_plain_validator_function(self._validate),
            ],
            serialization=core_schema.plain_serializer_function_ser_schema(_dump_form_value),
        )

    def __get_pydantic_json_schema__(
        self, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        string = _string_schema(self.kind)
        if not self.nullable:
            return string
        return {
            "anyOf": [{"type": "string", "maxLength": string["maxLength"]}, {"type": "null"}],
            "description": string["description"],
            "examples": string["examples"],
        }


def _dump_form_value(value: object) -> object:
    # The card type is dumped as its value ("with_photo"), which CardType.parse reads back.
    if isinstance(value, CardType):
        return value.value
    return None if value is None else str(value)


def _json_safe(context: dict[str, Any] | None) -> dict[str, Any] | None:
    if context is None:
        return None
    return {
        key: value if isinstance(value, (str, int, float, bool, type(None))) else str(value)
        for key, value in context.items()
    }


def _without_input(title: str, error: ValidationError) -> ValidationError:
    """``error`` again, with every input hidden (a missing field's input is the whole body)."""
    details: list[InitErrorDetails] = []
    for line in error.errors(include_url=False):
        template = line["msg"].replace("{", "(").replace("}", ")")
        details.append(
            {
                "type": PydanticCustomError(line["type"], template, _json_safe(line.get("ctx"))),
                "loc": line["loc"],
                "input": _Hidden(None),
            }
        )
    return ValidationError.from_exception_data(title, details)


class OppositionForm(BaseModel):
    """The opposition form, checked as a whole by :func:`~vitale_ids.check_form`.

    A FastAPI body, say. Each problem is an error at its own field's ``loc``,
    cross-field ones included (``form.serial_in_nir``, a serial that does not fit
    the card type, a NIR typed in the serial's box), and no error carries an
    input, not even a missing field's. ``card_type`` is ``"avec photo"``,
    ``"sans photo"``, any text :meth:`CardType.parse` reads, or ``null`` to infer it from
    the serial number; after validation it is the :class:`CardType`. The other
    fields hold the normalized values, whose ``repr`` is masked. ``warnings``
    gives the form's warnings; ``deadline`` the last day to object when
    ``sent_on`` (the day the invitation was sent) is given.

    Subclass with ``strict = True`` to turn warnings into errors, as the online
    form does.
    """

    model_config = ConfigDict(hide_input_in_errors=True)

    strict: ClassVar[bool] = False

    provisional_code: Annotated[str, _FormInput("provisional_code")]
    nir: Annotated[str, _FormInput("nir")]
    card_type: Annotated[CardType | None, _FormInput("card_type", nullable=True)]
    serial: Annotated[str, _FormInput("serial")]
    sent_on: datetime.date | None = None

    _warnings: tuple[Issue, ...] = PrivateAttr(default=())

    @model_validator(mode="wrap")
    @classmethod
    def _check_the_form(cls, data: Any, handler: Any) -> Any:
        try:
            form = handler(data)
        except ValidationError as error:
            raise _without_input(cls.__name__, error) from None
        result = check_form(
            provisional_code=form.provisional_code,
            nir=form.nir,
            card_type=form.card_type,
            serial=form.serial,
            strict=cls.strict,
        )
        if result.errors:
            details: list[InitErrorDetails] = [
                {"type": _as_pydantic_error(issue), "loc": (issue.field,), "input": _Hidden(None)}
                for issue in result.errors
            ]
            raise ValidationError.from_exception_data(cls.__name__, details)
        # A valid form has a value in every field.
        values: dict[str, Any] = {name: check.value for name, check in result.fields.items()}
        form.provisional_code = _CodeValue(values["provisional_code"].compact)
        form.nir = _NirValue(values["nir"].compact)
        form.card_type = values["card_type"]
        form.serial = _SerialValue(values["serial"].compact)
        form._warnings = result.warnings
        return form

    @property
    def warnings(self) -> tuple[Issue, ...]:
        """The warnings of every field, in the order of the form."""
        return self._warnings

    @property
    def deadline(self) -> datetime.date | None:
        """The last day to object (six weeks after ``sent_on``), or ``None``."""
        return None if self.sent_on is None else opposition_deadline(self.sent_on)
