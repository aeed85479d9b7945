"""``vitale-ids explain``: decode a NIR for a person."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from vitale_ids import check_nir
from vitale_ids.cli.base import EXIT_INVALID, EXIT_VALID, Lang, UsageError, pick
from vitale_ids.cli.input import prompt_hidden, read_lines, stdin, value_prompt
from vitale_ids.cli.output import (
    PHONE_EN,
    PHONE_FR,
    issue_text,
    issues_text,
    month_name,
    printable,
    shown,
)
from vitale_ids.cli.shapes import looks_like

if TYPE_CHECKING:
    import argparse

    from vitale_ids import Nir

__all__ = ["run"]


def _read_one_value(prompt: str) -> str:
    """The NIR to explain: hidden prompt on a terminal, else stdin's only non-blank line."""
    stream = stdin()
    if stream.isatty():
        return prompt_hidden(prompt)
    lines = (line for line in read_lines(stream.buffer) if line[1].strip())
    first = next(lines, None)
    if first is None:
        raise UsageError("stdin holds no value.", "l'entrée standard ne contient aucune valeur.")
    if next(lines, None) is not None:
        raise UsageError(
            "explain takes one NIR; stdin holds more. Use check for a batch.",
            "explain prend un seul NIR ; l'entrée standard en contient plus."
            " Utilisez check pour un lot.",
        )
    return first[1]


def _number_type(nir: Nir, lang: Lang) -> str:
    if nir.is_temporary:
        return pick(
            lang,
            f"temporary (first digit {nir.compact[0]})",
            f"provisoire (premier chiffre {nir.compact[0]})",
        )
    return pick(lang, "ordinary", "ordinaire")


def _month_text(nir: Nir, lang: Lang) -> str:
    month = nir.birth_month
    if month is None:
        return pick(
            lang,
            f"unknown (code {nir.month_code}: the civil record gives no month)",
            f"inconnu (code {nir.month_code} : l'état civil ne donne pas de mois)",
        )
    return month_name(month, lang)


def _online_text(nir: Nir, lang: Lang) -> str:
    if nir.online_form_accepts:
        return pick(lang, "accepts this number.", "accepte ce numéro.")
    return pick(
        lang,
        f"refuses this number, although it can be genuine: object by phone at {PHONE_EN}.",
        "refuse ce numéro, qui peut pourtant être authentique : opposez-vous par"
        f" téléphone au {PHONE_FR}.",
    )


def _birthplace(nir: Nir, reveal: bool, lang: Lang) -> str:
    # Without --reveal the department is shown, never the country: with the
    # month, the commune (or country) and the order number, the whole number
    # could be rebuilt from the masked one.
    if reveal or nir.country_code is None:
        return nir.birthplace_fr if lang == "fr" else nir.birthplace
    return pick(
        lang,
        "Born abroad (--reveal shows the country)",
        "Né(e) à l'étranger (--reveal montre le pays)",
    )


def _hidden_parts(nir: Nir, reveal: bool, lang: Lang) -> list[str]:
    """The commune and the order number: only with --reveal."""
    if not reveal:
        return [
            pick(
                lang,
                "Order number: *** (--reveal shows it)",
                "Numéro d'ordre : *** (--reveal le montre)",
            )
        ]
    lines = []
    if nir.commune is not None:
        lines.append(
            pick(lang, f"Commune code: {nir.commune}", f"Code de la commune : {nir.commune}")
        )
    lines.append(pick(lang, f"Order number: {nir.order}", f"Numéro d'ordre : {nir.order}"))
    return lines


def _explain_lines(nir: Nir, reveal: bool, lang: Lang) -> list[str]:
    number = nir.format() if reveal else nir.masked
    sex = nir.sex.label_fr if lang == "fr" else nir.sex.label_en
    number_type = _number_type(nir, lang)
    month_text = _month_text(nir, lang)
    year = f"{nir.birth_year:02d}"
    birthplace = _birthplace(nir, reveal, lang)
    hidden = _hidden_parts(nir, reveal, lang)
    online = _online_text(nir, lang)
    if lang == "fr":
        return [
            f"NIR : {number} (valide)",
            f"Type de numéro : {number_type}",
            f"Sexe : {sex}",
            f"Année de naissance : {year} (le numéro ne dit pas le siècle)",
            f"Mois de naissance : {month_text}",
            f"Lieu de naissance : {birthplace}",
            *hidden,
            f"Clé : {nir.key}, correcte",
            f"Formulaire en ligne : {online}",
        ]
    return [
        f"NIR: {number} (valid)",
        f"Number type: {number_type}",
        f"Sex: {sex}",
        f"Year of birth: {year} (the number does not say which century)",
        f"Month of birth: {month_text}",
        f"Birthplace: {birthplace}",
        *hidden,
        f"Key: {nir.key}, correct",
        f"Online form: {online}",
    ]


def run(args: argparse.Namespace, lang: Lang) -> int:
    value = args.nir
    if value is None:
        value = _read_one_value(value_prompt("nir", lang))
    result = check_nir(value)
    if result.value is None:
        value_shown = printable(shown(value, None, args.reveal)) or '""'
        lines = [pick(lang, f"NIR: {value_shown} (invalid)", f"NIR : {value_shown} (non valide)")]
    else:
        lines = _explain_lines(result.value, args.reveal, lang)
    lines.extend(issues_text(result, lang))
    note = looks_like(value, "nir")
    if note is not None:
        lines.append(issue_text(note, False, lang))
    sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_VALID if result.valid else EXIT_INVALID
