"""The four fields of ``vitale-ids form``: from the flags, then --json, stdin or prompts."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Final

from vitale_ids.cli.base import Lang, UsageError
from vitale_ids.cli.commands.form_prompts import FIELD_LABELS, prompt_fields
from vitale_ids.cli.input import read_lines, stdin
from vitale_ids.cli.output import mask_long, printable
from vitale_ids.form import FIELDS

if TYPE_CHECKING:
    import argparse
    from typing import TextIO

__all__ = ["FIELD_LABELS", "form_fields"]

# A --json form is four short fields; anything much bigger is not one.
_MAX_JSON_BYTES: Final = 64 * 1024


def _not_an_object() -> UsageError:
    return UsageError(
        "--json: stdin is not a JSON object.",
        "--json : l'entrée standard n'est pas un objet JSON.",
    )


def _json_object(stream: TextIO) -> dict[str, object]:
    text = stream.buffer.read(_MAX_JSON_BYTES + 1)
    if len(text) > _MAX_JSON_BYTES:
        raise UsageError(
            "--json: stdin is too long to be the four fields of the form.",
            "--json : l'entrée standard est trop longue pour les quatre champs du formulaire.",
        )
    try:
        data = json.loads(text.decode("utf-8-sig"))
    except (ValueError, RecursionError):
        # The decoder's message quotes the text around the error: it could be
        # a secret, so it is not repeated.
        raise _not_an_object() from None
    if not isinstance(data, dict):
        raise _not_an_object()
    return data


def _fields_from_json(stream: TextIO) -> dict[str, str | None]:
    data = _json_object(stream)
    unknown = sorted(key for key in data if key not in FIELDS)
    if unknown:
        # A key could be a value put in the wrong place: repeated only when
        # too short to be an identifier.
        names = ", ".join(printable(mask_long(key)) for key in unknown)
        expected = ", ".join(FIELDS)
        raise UsageError(
            f"--json: unknown key(s) {names}; the keys are {expected}.",
            f"--json : clé(s) inconnue(s) {names} ; les clés sont {expected}.",
        )
    fields: dict[str, str | None] = {}
    for key, value in data.items():
        if value is None and key == "card_type":
            fields[key] = None
        elif isinstance(value, str):
            fields[key] = value
        else:
            kind = "a string or null" if key == "card_type" else "a string"
            kind_fr = "une chaîne ou null" if key == "card_type" else "une chaîne"
            raise UsageError(
                f"--json: {key} must be {kind}.", f"--json : {key} doit être {kind_fr}."
            )
    return fields


def _from_stdin_lines(stream: TextIO, missing: list[str]) -> dict[str, str]:
    # Not a terminal: one line per missing field, in the order of the form.
    lines = read_lines(stream.buffer)
    fields = {}
    for name in missing:
        line = next(lines, None)
        if line is None:
            label = FIELD_LABELS[name]
            raise UsageError(
                f"stdin ended before the field {label[0]!r}: give one line per missing field,"
                " in the order code provisoire, NIR, card type, serial number.",
                f"l'entrée standard s'arrête avant le champ « {label[1]} » : donnez une"
                " ligne par champ manquant, dans l'ordre code provisoire, NIR, type de"
                " carte, numéro de série.",
            )
        fields[name] = line[1]
    return fields


def form_fields(args: argparse.Namespace, lang: Lang) -> dict[str, str | None]:
    """The four fields, from the flags, then --json or stdin or the prompts."""
    given: dict[str, str | None] = {
        "provisional_code": args.code,
        "nir": args.nir,
        "card_type": args.card_type,
        "serial": args.serial,
    }
    fields: dict[str, str | None] = {
        name: value for name, value in given.items() if value is not None
    }
    missing = [name for name in FIELDS if name not in fields]
    if args.json:
        from_json = _fields_from_json(stdin())
        # A flag wins over the same key in the JSON object.
        fields = {**from_json, **fields}
        for name in missing:
            if name not in from_json:
                fields[name] = None if name == "card_type" else ""
        return fields
    if not missing:
        return fields
    stream = stdin()
    if stream.isatty():
        return {**fields, **prompt_fields(missing, fields, lang)}
    return {**fields, **_from_stdin_lines(stream, missing)}
