"""Django form fields, validators and a model field (the ``django`` extra).

- Form fields :class:`NirField`, :class:`ProvisionalCodeField`,
  :class:`CardTypeField` and :class:`SerialField`: ``clean()`` returns the
  normalized **string** (the compact NIR, the code with its case kept, the
  serial digits the form wants, the card type's value), ready to be stored.
- Validators :func:`validate_nir`, :func:`validate_provisional_code`,
  :func:`validate_serial` and :func:`validate_card_type`, for ``validators=[...]``.
- The model field :class:`NirModelField`, a ``CharField`` of 15 characters that
  stores the compact NIR and works in migrations.
- :class:`OppositionForm`, the four fields of the opposition form checked
  together by :func:`~vitale_ids.check_form`, each problem on its own field.

Every error is a Django ``ValidationError`` whose ``code`` is our stable code
(``"nir.checksum"``) and whose message is ours, in the active language: French
when ``translation.get_language()`` is French, English otherwise. The message
is chosen when it is shown, so a form cleaned in one request and rendered under
another language follows the rendering. No message contains the value.

The code provisoire's widget, :class:`ProvisionalCodeInput`, never writes the
bound value back into the page (as ``PasswordInput(render_value=False)`` does):
a form shown again after an error would otherwise send the secret back in the
response. The characters stay visible while typing, since the code is copied
from a letter. The other fields render their value back as Django does, so that
a person can see and fix their typo.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

try:
    from django import forms
    from django.core.exceptions import ValidationError
    from django.db import models
    from django.utils import translation
    from django.utils.functional import lazy
except ImportError as error:  # pragma: no cover - the suite installs Django
    raise ImportError("vitale_ids.django needs Django: pip install 'vitale_ids[django]'") from error

from vitale_ids import card_type as card_type_module
from vitale_ids import nir as nir_module
from vitale_ids._core import type_issue
from vitale_ids.card_type import CardType
from vitale_ids.form import FIELDS, check_form, wrong_field
from vitale_ids.nir import Nir, check_nir
from vitale_ids.provisional_code import check_provisional_code
from vitale_ids.serial import check_serial

if TYPE_CHECKING:
    from vitale_ids._core import Check, Issue

__all__ = [
    "CardTypeField",
    "NirField",
    "NirModelField",
    "OppositionForm",
    "ProvisionalCodeField",
    "ProvisionalCodeInput",
    "SerialField",
    "validate_card_type",
    "validate_nir",
    "validate_provisional_code",
    "validate_serial",
]


def _speaks_french() -> bool:
    # "fr", "fr-ca", "fr-FR": any French. get_language() is None with I18N off.
    return (translation.get_language() or "").lower().startswith("fr")


def _in_active_language(issue: Issue) -> str:
    return issue.message_fr if _speaks_french() else issue.message


_lazy_message = lazy(_in_active_language, str)


def _label(english: str, french: str) -> str:
    return french if _speaks_french() else english


_lazy_label = lazy(_label, str)


def _error(issue: Issue) -> ValidationError:
    # No params: Django would %-format the message with them.
    return ValidationError(_lazy_message(issue), code=issue.code)


def _first_error(
    result: Check[Any], field: str, text: str, card_type: CardType | None = None
) -> ValidationError:
    # Another field's identifier says so; else the field's own problem first:
    # a serial's card type comes after.
    misplaced = wrong_field(text, field, card_type)
    own = [issue for issue in result.errors if issue.field == field]
    return _error(misplaced or (own or list(result.errors))[0])


def _card_type_value(value: object) -> str:
    """The card type's value (``"with_photo"``), or raise ``card_type.unknown``."""
    resolved, unknown = card_type_module.resolve(
        value if isinstance(value, CardType) else str(value)
    )
    if unknown is not None or resolved is None:
        raise _error(unknown or card_type_module.unknown_issue())
    return resolved.value


# --- Validators -------------------------------------------------------------------


def _text(value: object, field: str, code_prefix: str) -> str:
    if not isinstance(value, str):
        raise _error(type_issue(field, value, code_prefix))
    return value


def validate_nir(value: str) -> None:
    """Raise ``ValidationError`` (code such as ``nir.checksum``) unless ``value`` is a NIR."""
    text = _text(value, nir_module.FIELD, "nir")
    result = check_nir(text)
    if result.value is None:
        raise _first_error(result, nir_module.FIELD, text)


def validate_provisional_code(value: str) -> None:
    """Raise ``ValidationError`` (code such as ``code.length``) unless ``value`` is a code."""
    text = _text(value, "provisional_code", "code")
    result = check_provisional_code(text)
    if result.value is None:
        raise _first_error(result, "provisional_code", text)


def validate_serial(value: str) -> None:
    """Raise ``ValidationError`` unless ``value`` is a serial number.

    The card type is inferred from the length as :func:`~vitale_ids.check_form`
    infers it; a length that needs the card type (9, 10, 12 digits) is
    ``card_type.missing``: use :class:`SerialField` with ``card_type`` then.
    """
    text = _text(value, "serial", "serial")
    result = check_serial(text)
    if result.value is None:
        raise _first_error(result, "serial", text)


def validate_card_type(value: str) -> None:
    """Raise ``ValidationError`` (``card_type.unknown``) unless ``value`` names a card type."""
    if not isinstance(value, (str, CardType)):
        raise _error(card_type_module.type_issue(value))
    _card_type_value(value)


# --- Form fields ------------------------------------------------------------------


class _CheckedField(forms.CharField):  # type: ignore[misc]
    """A text field whose ``clean()`` returns the normalized string, or raises ours."""

    field_name: ClassVar[str]

    def __init__(self, *, strict: bool = False, **kwargs: Any) -> None:
        self.strict = strict
        super().__init__(**kwargs)

    def _check(self, text: str) -> Check[Any]:
        raise NotImplementedError

    def _normalized(self, value: Any) -> str:
        # The card type's choice value ("with_photo"); every identifier's compact form.
        return str(value.value if isinstance(value, CardType) else value.compact)

    def to_python(self, value: Any) -> Any:
        text = super().to_python(value)
        if text in self.empty_values:
            return text
        result = self._check(text)
        checked = result.value
        if checked is None:
            raise _first_error(result, self.field_name, text, getattr(self, "card_type", None))
        return self._normalized(checked)

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        attrs: dict[str, Any] = super().widget_attrs(widget)
        # Browsers would capitalize or "correct" an identifier otherwise.
        attrs.update({"autocomplete": "off", "autocapitalize": "off", "spellcheck": "false"})
        return attrs


class NirField(_CheckedField):
    """A NIR. ``clean()`` returns the compact NIR (``"185057800608491"``)."""

    field_name = nir_module.FIELD

    def _check(self, text: str) -> Check[Any]:
        return check_nir(text, strict=self.strict)


class ProvisionalCodeInput(forms.TextInput):  # type: ignore[misc]
    """A text input that does not render the bound value back, by default.

    Like ``PasswordInput(render_value=False)``, but the characters stay visible
    while typing: the code is copied from a letter, and is case-sensitive.
    """

    def __init__(self, attrs: dict[str, Any] | None = None, render_value: bool = False) -> None:
        super().__init__(attrs)
        self.render_value = render_value

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> Any:
        if not self.render_value:
            value = None
        return super().get_context(name, value, attrs)


class ProvisionalCodeField(_CheckedField):
    """A code provisoire. ``clean()`` returns the 12 characters, case kept.

    Its widget is :class:`ProvisionalCodeInput`, which does not send the code
    back in the page when the form is shown again.
    """

    field_name = "provisional_code"
    widget = ProvisionalCodeInput

    def _check(self, text: str) -> Check[Any]:
        return check_provisional_code(text, strict=self.strict)


class SerialField(_CheckedField):
    """A carte Vitale serial number. ``clean()`` returns the digits the form wants.

    ``card_type`` (a :class:`~vitale_ids.CardType` or a text
    :meth:`~vitale_ids.CardType.parse` reads) fixes the card type; without it,
    the type is inferred from the length as :func:`~vitale_ids.check_form`
    does; with ``strict=True``, give ``card_type``. In a form that also asks for
    the card type, use :class:`OppositionForm`.
    """

    field_name = "serial"

    def __init__(
        self, *, card_type: CardType | str | None = None, strict: bool = False, **kwargs: Any
    ) -> None:
        # A typo in the card type is the programmer's: fail when the form is defined.
        self.card_type = None if card_type is None else CardType.parse(card_type)
        if strict and self.card_type is None:
            # Strict turns the inferred card type into an error: nothing would pass.
            raise ValueError("a strict serial needs its card_type")
        super().__init__(strict=strict, **kwargs)

    def _check(self, text: str) -> Check[Any]:
        if self.card_type is None:
            return check_serial(text, strict=self.strict)
        return check_serial(text, card_type=self.card_type, strict=self.strict)


_CARD_TYPE_CHOICES = [
    (
        CardType.WITH_PHOTO.value,
        _lazy_label(CardType.WITH_PHOTO.label_en, CardType.WITH_PHOTO.label_fr),
    ),
    (
        CardType.WITHOUT_PHOTO.value,
        _lazy_label(CardType.WITHOUT_PHOTO.label_en, CardType.WITHOUT_PHOTO.label_fr),
    ),
]


class CardTypeField(forms.ChoiceField):  # type: ignore[misc]
    """The card type, as radio buttons labelled in the active language.

    ``clean()`` returns the :class:`~vitale_ids.CardType`'s value
    (``"with_photo"`` or ``"without_photo"``; ``CardType(value)`` gives the
    member). Any spelling :meth:`~vitale_ids.CardType.parse` reads is accepted,
    so that an API client can send ``"avec photo"``.
    """

    widget = forms.RadioSelect

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("choices", _CARD_TYPE_CHOICES)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return ""
        return _card_type_value(value)

    def validate(self, value: Any) -> None:
        # The choices are checked by to_python, which reads more than their values.
        forms.Field.validate(self, value)

    def prepare_value(self, value: Any) -> Any:
        # An initial CardType must tick its radio button, whose value is the member's value.
        return value.value if isinstance(value, CardType) else value


# --- Model field --------------------------------------------------------------------


class NirModelField(models.CharField):  # type: ignore[misc]
    """A NIR column: a ``CharField`` of 15 characters holding the compact NIR.

    ``full_clean()`` checks the value with our rules and stores the compact
    form; saving without it stores a valid NIR's compact form too, and any other
    value as it is, so that saving, ``update()``, ``filter(nir=...)`` and
    loading fixtures never raise. Its form field is :class:`NirField`.
    ``strict=True`` turns warnings into errors in ``full_clean()``.
    """

    description = "NIR (French social-security number)"

    def __init__(self, *args: Any, strict: bool = False, **kwargs: Any) -> None:
        self.strict = strict
        kwargs.setdefault("max_length", nir_module.LENGTH)
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, list[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        if kwargs.get("max_length") == nir_module.LENGTH:
            del kwargs["max_length"]
        if self.strict:
            kwargs["strict"] = True
        return name, path, args, kwargs

    def to_python(self, value: Any) -> Any:
        """The compact form of a valid NIR; any other value as it is.

        Django calls this for lookups, saves and fixtures too (CharField's
        get_prep_value, loaddata), which must never refuse a stored value:
        the rules are checked by :meth:`validate`, which ``full_clean()`` runs.
        """
        if isinstance(value, Nir):
            # str() of a Nir is masked: it would store the stars.
            return value.compact
        value = super().to_python(value)
        if isinstance(value, str):
            # strict is about validation, not about the form a value is stored in.
            result = check_nir(value)
            if result.value is not None:
                return result.value.compact
        return value

    def validate(self, value: Any, model_instance: Any) -> None:
        super().validate(value, model_instance)
        if value in self.empty_values:
            return
        result = check_nir(value, strict=self.strict)
        if result.value is None:
            raise _first_error(result, nir_module.FIELD, value)

    def formfield(self, **kwargs: Any) -> Any:
        # No max_length on the form field: people type the NIR with spaces.
        defaults: dict[str, Any] = {"form_class": NirField, "max_length": None}
        if self.strict:
            defaults["strict"] = True
        defaults.update(kwargs)
        return super().formfield(**defaults)


# --- The whole form -------------------------------------------------------------------


class _Deferred:
    """Mixin: the field only reads the text; the form's ``clean()`` checks it."""

    def to_python(self, value: Any) -> Any:
        return forms.CharField.to_python(self, value)


class _DeferredProvisionalCodeField(_Deferred, ProvisionalCodeField):
    pass


class _DeferredNirField(_Deferred, NirField):
    pass


class _DeferredSerialField(_Deferred, SerialField):
    pass


class OppositionForm(forms.Form):  # type: ignore[misc]
    """The opposition form: code provisoire, NIR, card type and serial number.

    ``clean()`` runs :func:`~vitale_ids.check_form` and puts each problem on its
    own field, cross-field ones included (``form.serial_in_nir``, a serial that
    does not fit the card type). ``cleaned_data`` then holds the normalized
    strings, the card type inferred from the serial when it was left blank, and
    ``warnings`` the form's warnings (:class:`~vitale_ids.Issue` objects). Set
    ``strict = True`` on a subclass to turn warnings into errors, as the
    online form does.
    """

    strict: ClassVar[bool] = False

    provisional_code = _DeferredProvisionalCodeField(
        label=_lazy_label("Code provisoire", "Code provisoire")
    )
    nir = _DeferredNirField(
        label=_lazy_label("Social-security number (NIR)", "Numéro de sécurité sociale (NIR)")
    )
    card_type = CardTypeField(
        required=False, label=_lazy_label("Type of carte Vitale", "Type de carte Vitale")
    )
    serial = _DeferredSerialField(
        label=_lazy_label("Serial number of the card", "Numéro de série de la carte")
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.warnings: tuple[Issue, ...] = ()

    def clean(self) -> dict[str, Any]:
        cleaned: dict[str, Any] = super().clean()
        result = check_form(
            provisional_code=cleaned.get("provisional_code") or "",
            nir=cleaned.get("nir") or "",
            card_type=cleaned.get("card_type") or None,
            serial=cleaned.get("serial") or "",
            strict=self.strict,
        )
        # A field that failed on its own ("required") has said it already; and
        # a card type cannot be inferred from a serial number that is not there.
        said = set(self.errors)
        if "serial" in said:
            said.add("card_type")
        for issue in result.errors:
            if issue.field not in said:
                self.add_error(issue.field, _error(issue))
        self.warnings = tuple(issue for issue in result.warnings if issue.field not in said)
        for name in FIELDS:
            value = result.fields[name].value
            if name in cleaned and value is not None:
                cleaned[name] = value.value if isinstance(value, CardType) else value.compact
        return cleaned
