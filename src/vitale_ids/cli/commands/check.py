"""``vitale-ids check``: check values, one result line each."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, Any

import attrs

from vitale_ids import (
    CardType,
    Check,
    Issue,
    ValidationError,
    check_nir,
    check_provisional_code,
    check_serial,
)
from vitale_ids.cli.base import EXIT_INVALID, EXIT_VALID, Lang, UsageError
from vitale_ids.cli.detect import detect_kind
from vitale_ids.cli.input import prompt_hidden, read_lines, stdin, value_prompt
from vitale_ids.cli.output import issue_json, issues_text, json_line, printable, shown
from vitale_ids.cli.shapes import looks_like, valid_as_others

if TYPE_CHECKING:
    import argparse
    from collections.abc import Iterable

__all__ = ["Outcome", "check_value", "run"]


@attrs.frozen
class Outcome:
    """One checked value: its kind (``None`` when it could not be told) and its check.

    ``masked_whole`` is true when the value is also valid as another kind:
    its own mask would show characters of what may be that other identifier.
    """

    kind: str | None
    check: Check[Any]
    masked_whole: bool = False


def _check_serial(value: str, card_type: CardType | None, strict: bool) -> Check[Any]:
    # The one place the command line checks a serial number; without its type,
    # check_serial infers it, as the form does.
    return check_serial(value, card_type=card_type, strict=strict)


def _check_as(value: str, kind: str, card_type: CardType | None, strict: bool) -> Check[Any]:
    if kind == "nir":
        return check_nir(value, strict=strict)
    if kind == "code":
        return check_provisional_code(value, strict=strict)
    return _check_serial(value, card_type, strict)


def check_value(value: str, kind: str, card_type: CardType | None, strict: bool = False) -> Outcome:
    """Check ``value`` as ``kind`` ("auto" to guess it), as ``vitale-ids check`` does.

    With a named kind, a value that looks like another identifier gets the
    warning ``kind.looks_like``.
    """
    named = kind != "auto"
    if not named:
        found = detect_kind(value, card_type)
        if isinstance(found, Issue):
            return Outcome(None, Check(False, None, (found,), ()))
        kind = found
    check = _check_as(value, kind, card_type, strict)
    note = looks_like(value, kind, card_type, option=True) if named else None
    if note is not None:
        check = Check(check.valid, check.value, check.errors, (*check.warnings, note))
    # Only a parsed value shows characters through its own mask.
    masked_whole = check.value is not None and bool(valid_as_others(value, kind, card_type))
    return Outcome(kind, check, masked_whole)


def _line_text(number: int, outcome: Outcome, value_shown: str, lang: Lang) -> str:
    check = outcome.check
    status = "valid" if check.valid else "invalid"
    value = printable(value_shown) or '""'
    head = f"{number}: {status} {outcome.kind or 'unknown'} {value}"
    return " | ".join([head, *issues_text(check, lang)])


def _line_json(number: int, outcome: Outcome, value_shown: str, lang: Lang) -> str:
    check = outcome.check
    record = {
        "line": number,
        "kind": outcome.kind,
        "valid": check.valid,
        "value": value_shown,
        "errors": [issue_json(issue, lang) for issue in check.errors],
        "warnings": [issue_json(issue, lang) for issue in check.warnings],
    }
    return json_line(record)


def _card_type_option(text: str | None) -> CardType | None:
    if text is None:
        return None
    try:
        return CardType.parse(text)
    except ValidationError as error:
        raise UsageError(
            f"--card-type: {error.issue.message}", f"--card-type : {error.issue.message_fr}"
        ) from None


def _no_value() -> UsageError:
    return UsageError(
        "no value to check: stdin is empty or holds only blank lines.",
        "aucune valeur à vérifier : l'entrée standard est vide ou ne contient que des"
        " lignes vides.",
    )


def _values_to_check(args: argparse.Namespace, lang: Lang) -> Iterable[tuple[int, str]]:
    if args.values:
        return enumerate(args.values, start=1)
    stream = stdin()
    if stream.isatty():
        typed = prompt_hidden(value_prompt(args.kind, lang))
        if not typed.strip():
            raise UsageError("no value was typed.", "aucune valeur n'a été saisie.")
        return [(1, typed)]
    # Blank lines separate nothing and hold nothing: they are skipped, and
    # still counted, so that line numbers match the input.
    # Bytes, decoded line by line: UTF-8 whatever the locale, so that a file
    # reads the same everywhere, and a bad byte is reported on its own line.
    lines = read_lines(stream.buffer)
    return ((number, line) for number, line in lines if line.strip())


def run(args: argparse.Namespace, lang: Lang) -> int:
    card_type = _card_type_option(args.card_type)
    render = _line_json if args.json else _line_text
    out = sys.stdout
    status = EXIT_VALID
    checked = 0
    for number, value in _values_to_check(args, lang):
        checked += 1
        outcome = check_value(value, args.kind, card_type, args.strict)
        # --reveal asks for the value: it is shown whole as the form wants it.
        parsed = None if outcome.masked_whole and not args.reveal else outcome.check.value
        value_shown = shown(value, parsed, args.reveal)
        out.write(render(number, outcome, value_shown, lang) + "\n")
        # One line at a time, so that a reader downstream sees each result
        # as soon as it exists.
        out.flush()
        if not outcome.check.valid:
            status = EXIT_INVALID
    if not checked:
        # Nothing checked is no success: `... | vitale-ids check && submit` must stop.
        raise _no_value()
    return status
