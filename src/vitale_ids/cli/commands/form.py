"""``vitale-ids form``: check the four fields of the opposition form together."""

from __future__ import annotations

import datetime
import sys
from typing import TYPE_CHECKING, Any, Final

from vitale_ids import CardType, check_form, nir, opposition_deadline, serial
from vitale_ids.cli.base import EXIT_INVALID, EXIT_VALID, Lang, UsageError, pick
from vitale_ids.cli.commands.form_input import FIELD_LABELS, form_fields
from vitale_ids.cli.output import (
    PHONE_EN,
    PHONE_FR,
    format_date,
    issue_json,
    issue_text,
    json_line,
    printable,
    shown,
)

if TYPE_CHECKING:
    import argparse
    from collections.abc import Mapping

    from vitale_ids import Check, FormCheck

__all__ = ["run"]

_SERIAL_WHERE_WITH_PHOTO: Final = (
    f"the {serial.PHOTO_LENGTH} digits that follow the prefix {serial.PHOTO_CARD_PREFIX}"
    " shown by the form",
    f"les {serial.PHOTO_LENGTH} chiffres qui suivent le préfixe {serial.PHOTO_CARD_PREFIX}"
    " affiché par le formulaire",
)
_SERIAL_WHERE_WITHOUT_PHOTO: Final = (
    "as printed on the back of the card, top left",
    "tel qu'il est imprimé au dos de la carte, en haut à gauche",
)


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


def _field_shown(name: str, raw: str | None, check: Check[Any], reveal: bool, lang: Lang) -> str:
    parsed = check.value
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


def _next_steps(result: FormCheck, card_type: CardType, reveal: bool, lang: Lang) -> list[str]:
    code, number, serial_number = (
        shown("", result.fields[name].value, reveal)
        for name in ("provisional_code", "nir", "serial")
    )
    where = (
        _SERIAL_WHERE_WITH_PHOTO
        if card_type is CardType.WITH_PHOTO
        else _SERIAL_WHERE_WITHOUT_PHOTO
    )
    serial_where = pick(lang, *where)
    if lang == "fr":
        phone = (
            f"Par téléphone : {PHONE_FR}, avec le code provisoire, le NIR et le numéro de série."
        )
        if result.warnings:
            phone += (
                " C'est la voie à suivre si le formulaire en ligne refuse une valeur exacte"
                " (voir les avertissements)."
            )
        return [
            "Prochaines étapes, en ligne (monespacesante.fr, formulaire d'opposition) :",
            f"  1. Code provisoire : tapez {code}, en respectant les majuscules.",
            f"  2. NIR : tapez {number}, les {nir.LENGTH} caractères, clé comprise.",
            f"  3. Type de carte : choisissez « {card_type.label_fr} ».",
            f"  4. Numéro de série : tapez {serial_number}, {serial_where}.",
            phone,
        ]
    phone = f"By phone: {PHONE_EN}, with the code provisoire, the NIR and the serial number."
    if result.warnings:
        phone += (
            " This is the way to object if the online form refuses a value that is right"
            " (see the warnings)."
        )
    return [
        "Next steps, online (monespacesante.fr, opposition form):",
        f"  1. Code provisoire: type {code}, keeping its upper and lower case.",
        f"  2. NIR: type {number}, all {nir.LENGTH} characters, key included.",
        f'  3. Card type: choose "{card_type.label_fr}".',
        f"  4. Serial number: type {serial_number}, {serial_where}.",
        phone,
    ]


def _field_lines(
    name: str, raw: str | None, check: Check[Any], reveal: bool, lang: Lang
) -> list[str]:
    label = FIELD_LABELS[name][1 if lang == "fr" else 0]
    value = _field_shown(name, raw, check, reveal, lang)
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


def _verdict_lines(result: FormCheck, reveal: bool, lang: Lang) -> list[str]:
    card_type = result.fields["card_type"].value
    if result.valid and isinstance(card_type, CardType):
        ready = pick(lang, "The form is ready to be sent.", "Le formulaire est prêt à être envoyé.")
        return [ready, *_next_steps(result, card_type, reveal, lang)]
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
) -> list[str]:
    lines = []
    for name, check in result.fields.items():
        lines.extend(_field_lines(name, fields[name], check, reveal, lang))
    lines.append("")
    lines.extend(_verdict_lines(result, reveal, lang))
    if sent_on is not None:
        lines.extend(_deadline_lines(sent_on, lang, datetime.date.today()))
    return lines


def _form_json(
    result: FormCheck,
    fields: Mapping[str, str | None],
    reveal: bool,
    lang: Lang,
    sent_on: datetime.date | None,
) -> str:
    record: dict[str, object] = {
        "valid": result.valid,
        "fields": {
            name: {
                "valid": check.valid,
                "value": None
                if fields[name] is None and check.value is None
                else shown(fields[name] or "", check.value, reveal),
                "errors": [issue_json(issue, lang) for issue in check.errors],
                "warnings": [issue_json(issue, lang) for issue in check.warnings],
            }
            for name, check in result.fields.items()
        },
        "deadline": None if sent_on is None else opposition_deadline(sent_on).isoformat(),
    }
    return json_line(record)


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
    if args.json:
        output = _form_json(result, fields, args.reveal, lang, sent_on) + "\n"
    else:
        output = "".join(
            line + "\n" for line in _form_text(result, fields, args.reveal, lang, sent_on)
        )
    sys.stdout.write(output)
    return EXIT_VALID if result.valid else EXIT_INVALID
