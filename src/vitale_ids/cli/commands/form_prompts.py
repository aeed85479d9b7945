"""The form's prompts on a terminal: a value that fails is asked for again.

Three values typed blind (hidden input) must not be lost to one typo: a field
whose value fails its own check is asked for again, up to ``MAX_TRIES`` times
in all, with what is wrong written to the terminal (stderr). A value still
wrong after that is kept, and the form's result says what is wrong with it.
Warnings never ask again: a value with a warning can be right.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Final

from vitale_ids import (
    CardType,
    ValidationError,
    check_nir,
    check_provisional_code,
    check_serial,
)
from vitale_ids.cli.base import Lang, pick, without_separators
from vitale_ids.cli.input import prompt_hidden, prompt_visible
from vitale_ids.cli.output import issue_text
from vitale_ids.cli.shapes import looks_like
from vitale_ids.form import WRONG_FIELD

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from vitale_ids import Issue

__all__ = ["FIELD_LABELS", "MAX_TRIES", "prompt_fields"]

#: How many times, in all, a field is asked for while its value fails.
MAX_TRIES: Final = 3

#: Each field's name in English and in French.
FIELD_LABELS: Final = {
    "provisional_code": ("Code provisoire", "Code provisoire"),
    "nir": ("NIR", "NIR"),
    "card_type": ("Card type", "Type de carte"),
    "serial": ("Serial number", "Numéro de série"),
}

_KINDS: Final = {"provisional_code": "code", "nir": "nir", "serial": "serial"}


def _prompt(field: str, lang: Lang) -> str:
    if field == "card_type":
        return pick(
            lang,
            'Card type, "avec photo" or "sans photo" (empty: inferred from the serial number): ',
            "Type de carte, « avec photo » ou « sans photo » (vide : déduit du numéro de série) : ",
        )
    label = FIELD_LABELS[field]
    return pick(lang, f"{label[0]} (hidden input): ", f"{label[1]} (saisie masquée) : ")


def _card_type_errors(value: str) -> list[Issue]:
    if not without_separators(value):  # left empty: the serial number tells
        return []
    try:
        CardType.parse(value)
    except ValidationError as error:
        return [error.issue]
    return []


def _serial_errors(value: str, card_type: str | None) -> list[Issue]:
    if card_type is None or not without_separators(card_type):
        check = check_serial(value)
    else:
        check = check_serial(value, card_type=card_type)
    # The card type's own errors are for the card type's field, not this one.
    return [issue for issue in check.errors if issue.field == "serial"]


def _errors(field: str, value: str, card_type: str | None) -> list[Issue]:
    if field == "provisional_code":
        return list(check_provisional_code(value).errors)
    if field == "nir":
        return list(check_nir(value).errors)
    if field == "card_type":
        return _card_type_errors(value)
    return _serial_errors(value, card_type)


def _read(field: str, lang: Lang) -> str:
    prompt = _prompt(field, lang)
    return prompt_visible(prompt) if field == "card_type" else prompt_hidden(prompt)


def _missing_card_type(values: Mapping[str, str | None]) -> list[Issue]:
    """``card_type.missing`` when the card type was left empty and the serial does not tell."""
    card_type, serial = values.get("card_type"), values.get("serial")
    if card_type is None or serial is None or without_separators(card_type):
        return []
    errors = check_serial(serial).errors
    return [issue for issue in errors if issue.code == "card_type.missing"]


def _say_again(field: str, value: str, errors: Sequence[Issue], tries: int, lang: Lang) -> None:
    lines = [issue_text(issue, True, lang) for issue in errors]
    note = looks_like(value, _KINDS[field]) if field in _KINDS else None
    if note is not None and all(issue.code != WRONG_FIELD for issue in errors):
        lines.append(issue_text(note, False, lang))
    lines.append(
        pick(
            lang,
            f"Type it again (try {tries} of {MAX_TRIES}).",
            f"Saisissez-le à nouveau (essai {tries} sur {MAX_TRIES}).",
        )
    )
    sys.stderr.write("".join(f"  {line}\n" for line in lines))
    sys.stderr.flush()


def _ask(field: str, card_type: str | None, lang: Lang) -> str:
    tries = 1
    value = _read(field, lang)
    errors = _errors(field, value, card_type)
    while errors and tries < MAX_TRIES:
        tries += 1
        _say_again(field, value, errors, tries, lang)
        value = _read(field, lang)
        errors = _errors(field, value, card_type)
    return value


def prompt_fields(
    missing: Sequence[str], given: Mapping[str, str | None], lang: Lang
) -> dict[str, str]:
    """Ask for each of the ``missing`` fields in turn; ``given`` holds the others."""
    values: dict[str, str] = {}
    for field in missing:
        card_type = values.get("card_type", given.get("card_type"))
        values[field] = _ask(field, card_type, lang)
    if "card_type" in values:
        # Left empty, and the serial number does not tell: the card type
        # field has failed, and is asked for again (empty no longer settles it).
        tries = 1
        while tries < MAX_TRIES:
            errors = _missing_card_type({**given, **values})
            if not errors:
                break
            tries += 1
            _say_again("card_type", values["card_type"], errors, tries, lang)
            values["card_type"] = _read("card_type", lang)
    return values
