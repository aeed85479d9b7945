"""``vitale-ids form``: check the four fields of the opposition form together."""

from __future__ import annotations

import datetime
import sys
import types
from typing import TYPE_CHECKING, Any

from vitale_ids import CardType, Check, FormCheck, Issue, check_form, opposition_deadline
from vitale_ids.cli.base import EXIT_INVALID, EXIT_VALID, Lang, UsageError, pick
from vitale_ids.cli.commands.form_input import FIELD_LABELS, form_fields
from vitale_ids.cli.commands.form_steps import next_steps, route
from vitale_ids.cli.output import (
    format_date,
    issue_json,
    issue_text,
    json_line,
    printable,
    shown,
)
from vitale_ids.cli.shapes import looks_like, valid_as_others
from vitale_ids.form import WRONG_FIELD

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping


__all__ = ["run"]


def _sent_on(text: str | None) -> datetime.date | None:
    if text is None:
        return None
    try:
        if len(text) != 10:
            raise ValueError(text)
        return datetime.date.fromisoformat(text)
    except ValueError:
        raise UsageError(
            "--sent-on: expected a date as YYYY-MM-DD, for example 2025-03-03.",
            "--sent-on : une date AAAA-MM-JJ est attendue, par exemple 2025-03-03.",
        ) from None


def _field_shown(
    name: str, raw: str | None, check: Check[Any], reveal: bool, lang: Lang, hidden: bool
) -> str:
    parsed = None if hidden else check.value
    if isinstance(parsed, CardType):
        return parsed.label_fr if lang == "fr" else parsed.label_en
    if name == "card_type" and (raw is None or not raw.strip()):
        return pick(lang, "(not given)", "(non indiqué)")
    text = printable(shown(raw or "", parsed, reveal))
    return text or pick(lang, "(empty)", "(vide)")


def _deadline_lines(sent_on: datetime.date, lang: Lang, today: datetime.date) -> list[str]:
    deadline = opposition_deadline(sent_on)
    lines = [
        pick(
            lang,
            f"Deadline: {format_date(deadline, lang)}, six weeks after the invitation was"
            f" sent ({format_date(sent_on, lang)}). The code provisoire expires the same day.",
            f"Date limite : {format_date(deadline, lang)}, six semaines après l'envoi de"
            f" l'invitation ({format_date(sent_on, lang)}). Le code provisoire expire le"
            " même jour.",
        )
    ]
    if deadline < today:
        lines.append(
            pick(
                lang,
                "This date has passed: the space may already be open. You can still close"
                " it at any time.",
                "Cette date est passée : l'espace est peut-être déjà ouvert. Vous pouvez"
                " toujours le fermer à tout moment.",
            )
        )
    return lines


def _field_lines(
    name: str, raw: str | None, check: Check[Any], reveal: bool, lang: Lang, hidden: bool
) -> list[str]:
    label = FIELD_LABELS[name][1 if lang == "fr" else 0]
    value = _field_shown(name, raw, check, reveal, lang, hidden)
    # Each problem is printed once, under the field it is about (a serial
    # number's check also carries the card type's error when that is missing).
    errors = [issue for issue in check.errors if issue.field == name]
    warnings = [issue for issue in check.warnings if issue.field == name]
    if check.valid:
        status = pick(lang, "valid", "valide")
    elif errors:
        status = pick(lang, "invalid", "non valide")
    else:
        status = pick(
            lang,
            "not fully checked: see the card type",
            "pas entièrement vérifié : voir le type de carte",
        )
    separator = " : " if lang == "fr" else ": "
    return [
        f"{label}{separator}{value} ({status})",
        *("  " + issue_text(issue, True, lang) for issue in errors),
        *("  " + issue_text(issue, False, lang) for issue in warnings),
    ]


def _verdict_lines(
    result: FormCheck, reveal: bool, lang: Lang, hidden: frozenset[str]
) -> list[str]:
    card_type = result.fields["card_type"].value
    if result.valid and isinstance(card_type, CardType):
        return next_steps(result, card_type, reveal, lang, hidden)
    count = len(result.errors)
    return [
        pick(
            lang,
            f"The form has {count} error{'s' if count > 1 else ''}: correct"
            f" {'them' if count > 1 else 'it'} before sending it.",
            f"Le formulaire a {count} erreur{'s' if count > 1 else ''} : corrigez-"
            f"{'les' if count > 1 else 'la'} avant de l'envoyer.",
        )
    ]


def _form_text(
    result: FormCheck,
    fields: Mapping[str, str | None],
    reveal: bool,
    lang: Lang,
    sent_on: datetime.date | None,
    hidden: frozenset[str],
) -> list[str]:
    lines = []
    for name, check in result.fields.items():
        lines.extend(_field_lines(name, fields[name], check, reveal, lang, name in hidden))
    lines.append("")
    lines.extend(_verdict_lines(result, reveal, lang, hidden))
    if sent_on is not None:
        lines.extend(_deadline_lines(sent_on, lang, datetime.date.today()))
    return lines


def _form_json(
    result: FormCheck,
    fields: Mapping[str, str | None],
    reveal: bool,
    lang: Lang,
    sent_on: datetime.date | None,
    hidden: frozenset[str],
) -> str:
    record: dict[str, object] = {
        "valid": result.valid,
        "fields": {
            name: {
                "valid": check.valid,
                "value": None
                if fields[name] is None and check.value is None
                else shown(fields[name] or "", None if name in hidden else check.value, reveal),
                "errors": [issue_json(issue, lang) for issue in check.errors],
                "warnings": [issue_json(issue, lang) for issue in check.warnings],
            }
            for name, check in result.fields.items()
        },
        "route": route(result),
        "deadline": None if sent_on is None else opposition_deadline(sent_on).isoformat(),
    }
    return json_line(record)


def _with_shapes(
    result: FormCheck, fields: Mapping[str, str | None]
) -> tuple[FormCheck, frozenset[str]]:
    """The result with a note under each field that holds another identifier, and the
    fields to mask whole: those whose value is also valid as another identifier."""
    card_type = result.fields["card_type"].value
    if not isinstance(card_type, CardType):
        card_type = None
    checks = dict(result.fields)
    notes: list[Issue] = []
    hidden = set()
    for name, kind in (("provisional_code", "code"), ("nir", "nir"), ("serial", "serial")):
        raw = fields[name] or ""
        if valid_as_others(raw, kind, card_type):
            hidden.add(name)
        note = looks_like(raw, kind, card_type)
        # check_form's own form.wrong_field says it already.
        said = any(issue.code == WRONG_FIELD for issue in checks[name].errors)
        if note is not None and not said:
            check = checks[name]
            checks[name] = Check(check.valid, check.value, check.errors, (*check.warnings, note))
            notes.append(note)
    noted = FormCheck(
        valid=result.valid,
        errors=result.errors,
        warnings=result.warnings + tuple(notes),
        fields=types.MappingProxyType(checks),
    )
    return noted, frozenset(hidden)


def run(args: argparse.Namespace, lang: Lang) -> int:
    sent_on = _sent_on(args.sent_on)
    fields = form_fields(args, lang)
    result = check_form(
        provisional_code=fields["provisional_code"] or "",
        nir=fields["nir"] or "",
        card_type=fields["card_type"],
        serial=fields["serial"] or "",
        strict=args.strict,
    )
    result, hidden = _with_shapes(result, fields)
    if args.reveal:  # the values are asked for: shown whole as the form wants them
        hidden = frozenset()
    if args.json:
        output = _form_json(result, fields, args.reveal, lang, sent_on, hidden) + "\n"
    else:
        lines = _form_text(result, fields, args.reveal, lang, sent_on, hidden)
        output = "".join(line + "\n" for line in lines)
    sys.stdout.write(output)
    return EXIT_VALID if result.valid else EXIT_INVALID
