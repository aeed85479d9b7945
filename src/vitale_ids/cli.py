"""The command line: ``vitale-ids check``, ``explain`` and ``form``.

A thin layer over the public API: every rule and every message comes from the
validators; this module only reads values, picks the language and prints.

Privacy comes first. Values are masked in every output unless ``--reveal`` is
given, and the safe ways to pass a value are stdin and the hidden prompt
(values given as arguments or flags end up in the shell history and in the
process list).

Exit status: 0 when every value is valid, 1 when any is invalid, 2 on a usage
error (unknown flag or kind, unreadable input).
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
from typing import TYPE_CHECKING, Any, BinaryIO, Final, TextIO

import attrs

from vitale_ids import (
    CardType,
    Check,
    Issue,
    Nir,
    ProvisionalCode,
    ValidationError,
    VitaleSerial,
    __version__,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    opposition_deadline,
)
from vitale_ids._core import Lang, is_separator, remove_separators
from vitale_ids.form import check_serial_inferring_card_type

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

    from vitale_ids import FormCheck

__all__ = [
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_VALID",
    "KINDS",
    "Outcome",
    "build_parser",
    "check_value",
    "default_lang",
    "detect_kind",
    "main",
    "mask_unparsed",
    "read_lines",
]

EXIT_VALID: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
# Conventional statuses for Ctrl-C and for a reader that went away (`| head`).
_EXIT_INTERRUPTED: Final = 130
_EXIT_BROKEN_PIPE: Final = 141

PROG: Final = "vitale-ids"

#: The choices of ``check --kind``.
KINDS: Final = ("auto", "nir", "code", "serial")

# A line longer than this is not an identifier: the rest of it is read and
# dropped in chunks, so that memory stays bounded whatever the input.
_MAX_LINE_BYTES: Final = 1024
# The validators refuse longer inputs before scanning them.
_MAX_VALUE_CHARS: Final = 64
# A --json form is four short fields; anything much bigger is not one.
_MAX_JSON_BYTES: Final = 64 * 1024

_FORM_FIELDS: Final = ("provisional_code", "nir", "card_type", "serial")

_PHONE_EN: Final = "3422, Monday to Friday, 8:30 to 17:30"
_PHONE_FR: Final = "3422, du lundi au vendredi, de 8 h 30 à 17 h 30"

_MONTHS_EN: Final = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
_MONTHS_FR: Final = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_WEEKDAYS_EN: Final = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAYS_FR: Final = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")

_SAFE_INPUT_EN: Final = (
    "Values given as arguments or flags end up in your shell history and in the process"
    " list: the safe ways are stdin (a pipe or a file) and the hidden prompt, which appears"
    " when no value is given and stdin is a terminal."
)


class UsageError(Exception):
    """A problem with how the command was called or fed: exit status 2.

    It carries its message in both languages; the command picks one.
    """

    def __init__(self, message: str, message_fr: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr


def _pick(lang: Lang, english: str, french: str) -> str:
    return french if lang == "fr" else english


def default_lang(environ: Mapping[str, str]) -> Lang:
    """French when ``LC_ALL`` (or, when it is unset or empty, ``LANG``) starts with "fr"."""
    setting = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "fr" if setting.lower().startswith("fr") else "en"


# --- Showing values without revealing them -------------------------------------


def mask_unparsed(text: str) -> str:
    """A value that could not be parsed, with every character hidden.

    Its shape stays (the length and the spaces, dots and hyphens that group
    it), so that the person can tell which value a line is about, but no
    character shows: an invalid value has no known parts to keep, and could be
    a secret typed in the wrong place.
    """
    shape = []
    for char in text[:_MAX_VALUE_CHARS]:
        if char in " .-":
            shape.append(char)
        elif char.isspace():
            shape.append(" ")
        elif not is_separator(char):
            shape.append("*")
    shown = "".join(shape).strip()
    return shown + "..." if len(text) > _MAX_VALUE_CHARS else shown


def _printable(text: str) -> str:
    # A revealed raw value goes to a terminal: escape control characters
    # rather than let them move the cursor or change colours.
    return "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


def _plain(parsed: object) -> str:
    """The whole value of a parsed object: what to type in the form."""
    if isinstance(parsed, Nir):
        return parsed.compact
    if isinstance(parsed, (ProvisionalCode, VitaleSerial)):
        return parsed.value
    if isinstance(parsed, CardType):
        return parsed.value
    raise TypeError(type(parsed).__name__)


def _masked(parsed: object) -> str:
    if isinstance(parsed, (Nir, ProvisionalCode, VitaleSerial)):
        return parsed.masked
    if isinstance(parsed, CardType):
        return parsed.value
    raise TypeError(type(parsed).__name__)


def _shown(text: str, parsed: object | None, reveal: bool) -> str:
    """``text`` as an output may show it: masked unless ``reveal``.

    A parsed value is shown by its own ``masked`` form, or whole in the form
    the official form wants (separators removed, the serial's prefix dropped).
    """
    if parsed is None:
        return text if reveal else mask_unparsed(text)
    return _plain(parsed) if reveal else _masked(parsed)


# --- Which identifier is it? -------------------------------------------------


def _kind_issue(code: str, message: str, message_fr: str) -> Issue:
    return Issue(code, "kind", None, message, message_fr)


def _ambiguous(length: int, kinds: tuple[str, str]) -> Issue:
    names = {
        "nir": ("a NIR without its key", "un NIR sans sa clé"),
        "code": ("a code provisoire", "un code provisoire"),
        "serial": ("a serial number", "un numéro de série"),
    }
    first, second = kinds
    return _kind_issue(
        "kind.ambiguous",
        f"{length} digits can be {names[first][0]} or {names[second][0]}:"
        f" say which with --kind {first} or --kind {second}.",
        f"{length} chiffres peuvent être {names[first][1]} ou {names[second][1]} :"
        f" précisez-le avec --kind {first} ou --kind {second}.",
    )


def _unknown(length: int) -> Issue:
    if length == 0:
        return _kind_issue("kind.unknown", "The value is empty.", "La valeur est vide.")
    if length > _MAX_VALUE_CHARS:
        count_en = f"more than {_MAX_VALUE_CHARS} characters"
        count_fr = f"plus de {_MAX_VALUE_CHARS} caractères"
    else:
        count_en = f"{length} characters"
        count_fr = f"{length} caractères"
    return _kind_issue(
        "kind.unknown",
        f"This value ({count_en}) has the shape of no identifier: a NIR has 15"
        " characters, a code provisoire 12 letters and digits, a serial number 8 to 13"
        " or 21 digits. Say which it is with --kind nir, --kind code or --kind serial.",
        f"Cette valeur ({count_fr}) n'a la forme d'aucun identifiant : un NIR a 15"
        " caractères, un code provisoire 12 lettres et chiffres, un numéro de série"
        " 8 à 13 ou 21 chiffres. Précisez ce que c'est avec --kind nir, --kind code"
        " ou --kind serial.",
    )


def _is_ascii_digit(char: str) -> bool:
    return "0" <= char <= "9"


def detect_kind(value: str, card_type: CardType | None = None) -> str | Issue:
    """Guess from its shape whether ``value`` is a NIR, a code provisoire or a serial.

    The value is compacted first (spaces, dots, hyphens dropped). Then:

    - digits only: 14-15 are a NIR; 8-11 and 21 a serial number; 12 can be a
      code or a serial, and 13 a NIR without its key or a serial: both are
      ambiguous, unless ``card_type`` is "with photo" (its serial has 11 or 21
      digits), which leaves the code (12) or the NIR (13);
    - 13-15 characters with at most 2 that are not digits (2A/2B in
      characters 6-7 count as digits) are a NIR, typos included;
    - 12 characters with a letter or another non-digit are a code;
    - 8-11 or 21 characters with at most 2 non-digits are a serial number;
    - anything else with a letter is a code (of the wrong length);
    - the rest has the shape of no identifier.

    Near misses get a kind so that the validator can say what is wrong, in
    its own words, rather than "unknown". The result is the kind ("nir",
    "code", "serial"), or the ``kind.ambiguous`` / ``kind.unknown`` issue that
    says why there is none.

    >>> detect_kind("1 85 05 78 006 084 91"), detect_kind("xK4b-9Tq2-Lm7k")
    ('nir', 'code')
    >>> detect_kind("123456789012").code
    'kind.ambiguous'
    """
    if len(value) > _MAX_VALUE_CHARS:
        return _unknown(len(value))
    compact = remove_separators(value)
    length = len(compact)
    if length == 0:
        return _unknown(0)
    with_photo = card_type is CardType.WITH_PHOTO
    non_digits = sum(1 for char in compact if not _is_ascii_digit(char))
    if non_digits == 0:
        if length in (14, 15):
            return "nir"
        if length == 13:
            return "nir" if with_photo else _ambiguous(13, ("nir", "serial"))
        if length == 12:
            return "code" if with_photo else _ambiguous(12, ("code", "serial"))
        if 8 <= length <= 11 or length == 21:
            return "serial"
        return _unknown(length)
    corsica = 2 if compact[5:7].upper() in ("2A", "2B") else 0
    if 13 <= length <= 15 and non_digits - corsica <= 2:
        return "nir"
    if length == 12:
        return "code"
    if (8 <= length <= 11 or length == 21) and non_digits <= 2:
        return "serial"
    if any(char.isalpha() for char in compact):
        return "code"
    return _unknown(length)


# --- check -----------------------------------------------------------------------


@attrs.frozen
class Outcome:
    """One checked value: its kind (``None`` when it could not be told) and its check."""

    kind: str | None
    check: Check[Any]


def check_value(value: str, kind: str, card_type: CardType | None, strict: bool = False) -> Outcome:
    """Check ``value`` as ``kind`` ("auto" to guess it), as ``vitale-ids check`` does."""
    if kind == "auto":
        found = detect_kind(value, card_type)
        if isinstance(found, Issue):
            return Outcome(None, Check(False, None, (found,), ()))
        kind = found
    if kind == "nir":
        return Outcome(kind, check_nir(value, strict=strict))
    if kind == "code":
        return Outcome(kind, check_provisional_code(value, strict=strict))
    if card_type is None:
        return Outcome(kind, check_serial_inferring_card_type(value, strict=strict))
    return Outcome(kind, check_serial(value, card_type=card_type, strict=strict))


def _issue_json(issue: Issue, lang: Lang) -> dict[str, object]:
    return {"code": issue.code, "position": issue.position, "message": issue.message_in(lang)}


def _issue_text(issue: Issue, is_error: bool, lang: Lang) -> str:
    label = _pick(lang, "error", "erreur") if is_error else _pick(lang, "warning", "avertissement")
    colon = " :" if lang == "fr" else ":"
    return f"{label} {issue.code}{colon} {issue.message_in(lang)}"


def _issues_text(check: Check[Any], lang: Lang) -> list[str]:
    return [_issue_text(issue, True, lang) for issue in check.errors] + [
        _issue_text(issue, False, lang) for issue in check.warnings
    ]


def _check_line_text(number: int, outcome: Outcome, shown: str, lang: Lang) -> str:
    check = outcome.check
    status = "valid" if check.valid else "invalid"
    value = _printable(shown) or '""'
    head = f"{number}: {status} {outcome.kind or 'unknown'} {value}"
    return " | ".join([head, *_issues_text(check, lang)])


def _check_line_json(number: int, outcome: Outcome, shown: str, lang: Lang) -> str:
    check = outcome.check
    record = {
        "line": number,
        "kind": outcome.kind,
        "valid": check.valid,
        "value": shown,
        "errors": [_issue_json(issue, lang) for issue in check.errors],
        "warnings": [_issue_json(issue, lang) for issue in check.warnings],
    }
    return json.dumps(record, ensure_ascii=False)


def _stdin() -> TextIO:
    stdin = sys.stdin
    if stdin is None:
        raise UsageError(
            "stdin is closed: there is nothing to read.",
            "l'entrée standard est fermée : rien à lire.",
        )
    return stdin


def _unreadable(number: int, error: Exception) -> UsageError:
    if isinstance(error, UnicodeDecodeError):
        return UsageError(
            f"line {number} of stdin is not UTF-8 text.",
            f"la ligne {number} de l'entrée standard n'est pas du texte UTF-8.",
        )
    return UsageError(
        f"stdin cannot be read ({type(error).__name__}).",
        f"l'entrée standard est illisible ({type(error).__name__}).",
    )


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """Number the lines of ``stream`` (UTF-8 bytes), without their line ending.

    Lines are read and decoded one at a time, so that memory stays bounded
    and an undecodable byte is reported on its own line. A line longer than
    any useful value is cut, and the rest of it is read and dropped piece by
    piece. A byte-order mark at the start and CRLF line endings are accepted.
    """
    number = 0
    while True:
        number += 1
        try:
            chunk = stream.readline(_MAX_LINE_BYTES)
            cut = len(chunk) == _MAX_LINE_BYTES and not chunk.endswith(b"\n")
            rest = chunk
            while len(rest) == _MAX_LINE_BYTES and not rest.endswith(b"\n"):
                rest = stream.readline(_MAX_LINE_BYTES)
        except OSError as error:
            raise _unreadable(number, error) from None
        if not chunk:
            return
        if number == 1:
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
        chunk = chunk.removesuffix(b"\n").removesuffix(b"\r")
        try:
            # A cut line may end in the middle of a character; it is too long
            # to be valid anyway.
            text = chunk.decode("utf-8", "ignore" if cut else "strict")
        except UnicodeDecodeError as error:
            raise _unreadable(number, error) from None
        yield number, text


def _prompt_hidden(prompt: str) -> str:
    """Read a value with echo off, the prompt on the terminal (never on stdout)."""
    import getpass

    try:
        return getpass.getpass(prompt)
    except EOFError:
        raise UsageError("no value was typed.", "aucune valeur n'a été saisie.") from None


def _prompt_visible(prompt: str) -> str:
    stdin = _stdin()
    sys.stderr.write(prompt)
    sys.stderr.flush()
    line = stdin.readline()
    if not line:
        raise UsageError("no value was typed.", "aucune valeur n'a été saisie.")
    return line.removesuffix("\n")


def _check_prompt(kind: str, lang: Lang) -> str:
    what = {
        "auto": ("Value to check", "Valeur à vérifier"),
        "nir": ("NIR", "NIR"),
        "code": ("Code provisoire", "Code provisoire"),
        "serial": ("Serial number", "Numéro de série"),
    }[kind]
    return _pick(lang, f"{what[0]} (hidden input): ", f"{what[1]} (saisie masquée) : ")


def _card_type_option(text: str | None) -> CardType | None:
    if text is None:
        return None
    try:
        return CardType.parse(text)
    except ValidationError as error:
        raise UsageError(
            f"--card-type: {error.issue.message}", f"--card-type : {error.issue.message_fr}"
        ) from None


def _values_to_check(args: argparse.Namespace, lang: Lang) -> Iterable[tuple[int, str]]:
    if args.values:
        return enumerate(args.values, start=1)
    stdin = _stdin()
    if stdin.isatty():
        return [(1, _prompt_hidden(_check_prompt(args.kind, lang)))]
    # Blank lines separate nothing and hold nothing: they are skipped, and
    # still counted, so that line numbers match the input.
    # Bytes, decoded line by line: UTF-8 whatever the locale, so that a file
    # reads the same everywhere, and a bad byte is reported on its own line.
    lines = read_lines(stdin.buffer)
    return ((number, line) for number, line in lines if line.strip())


def run_check(args: argparse.Namespace, lang: Lang) -> int:
    card_type = _card_type_option(args.card_type)
    render = _check_line_json if args.json else _check_line_text
    out = sys.stdout
    status = EXIT_VALID
    for number, value in _values_to_check(args, lang):
        outcome = check_value(value, args.kind, card_type, args.strict)
        shown = _shown(value, outcome.check.value, args.reveal)
        out.write(render(number, outcome, shown, lang) + "\n")
        # One line at a time, so that a reader downstream sees each result
        # as soon as it exists.
        out.flush()
        if not outcome.check.valid:
            status = EXIT_INVALID
    return status


# --- explain -----------------------------------------------------------------------


def _read_one_value(prompt: str) -> str:
    """The value of ``explain``: hidden prompt on a terminal, else stdin's first line."""
    stdin = _stdin()
    if stdin.isatty():
        return _prompt_hidden(prompt)
    lines = (line for line in read_lines(stdin.buffer) if line[1].strip())
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


def _explain_lines(nir: Nir, reveal: bool, lang: Lang) -> list[str]:
    number = nir.format() if reveal else nir.masked
    sex = nir.sex.label_fr if lang == "fr" else nir.sex.label_en
    if nir.is_temporary:
        number_type = _pick(
            lang,
            f"temporary (first digit {nir.compact[0]})",
            f"provisoire (premier chiffre {nir.compact[0]})",
        )
    else:
        number_type = _pick(lang, "ordinary", "ordinaire")
    month = nir.birth_month
    if month is None:
        month_text = _pick(
            lang,
            f"unknown (code {nir.month_code}: the civil record gives no month)",
            f"inconnu (code {nir.month_code} : l'état civil ne donne pas de mois)",
        )
    else:
        month_text = _pick(lang, _MONTHS_EN[month - 1], _MONTHS_FR[month - 1])
    year = f"{nir.birth_year:02d}"
    if nir.online_form_accepts:
        online = _pick(lang, "accepts this number.", "accepte ce numéro.")
    else:
        online = _pick(
            lang,
            f"refuses this number, although it can be genuine: object by phone at {_PHONE_EN}.",
            "refuse ce numéro, qui peut pourtant être authentique : opposez-vous par"
            f" téléphone au {_PHONE_FR}.",
        )
    if lang == "fr":
        return [
            f"NIR : {number} (valide)",
            f"Type de numéro : {number_type}",
            f"Sexe : {sex}",
            f"Année de naissance : {year} (le numéro ne dit pas le siècle)",
            f"Mois de naissance : {month_text}",
            f"Lieu de naissance : {nir.birthplace_fr}",
            f"Numéro d'ordre : {nir.order}",
            f"Clé : {nir.key}, correcte",
            f"Formulaire en ligne : {online}",
        ]
    return [
        f"NIR: {number} (valid)",
        f"Number type: {number_type}",
        f"Sex: {sex}",
        f"Year of birth: {year} (the number does not say which century)",
        f"Month of birth: {month_text}",
        f"Birthplace: {nir.birthplace}",
        f"Order number: {nir.order}",
        f"Key: {nir.key}, correct",
        f"Online form: {online}",
    ]


def run_explain(args: argparse.Namespace, lang: Lang) -> int:
    value = args.nir
    if value is None:
        value = _read_one_value(_check_prompt("nir", lang))
    result = check_nir(value)
    if result.value is None:
        shown = _printable(_shown(value, None, args.reveal)) or '""'
        lines = [_pick(lang, f"NIR: {shown} (invalid)", f"NIR : {shown} (non valide)")]
    else:
        lines = _explain_lines(result.value, args.reveal, lang)
    lines.extend(_issues_text(result, lang))
    sys.stdout.write("".join(line + "\n" for line in lines))
    return EXIT_VALID if result.valid else EXIT_INVALID


# --- form ----------------------------------------------------------------------------

_FIELD_LABELS: Final = {
    "provisional_code": ("Code provisoire", "Code provisoire"),
    "nir": ("NIR", "NIR"),
    "card_type": ("Card type", "Type de carte"),
    "serial": ("Serial number", "Numéro de série"),
}


def _form_prompt(field: str, lang: Lang) -> str:
    if field == "card_type":
        return _pick(
            lang,
            'Card type, "avec photo" or "sans photo" (empty: inferred from the serial number): ',
            "Type de carte, « avec photo » ou « sans photo » (vide : déduit du numéro de série) : ",
        )
    label = _FIELD_LABELS[field]
    return _pick(lang, f"{label[0]} (hidden input): ", f"{label[1]} (saisie masquée) : ")


def _form_fields_from_json(stdin: TextIO) -> dict[str, str | None]:
    text = stdin.buffer.read(_MAX_JSON_BYTES + 1)
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
        raise UsageError(
            "--json: stdin is not a JSON object.",
            "--json : l'entrée standard n'est pas un objet JSON.",
        ) from None
    if not isinstance(data, dict):
        raise UsageError(
            "--json: stdin is not a JSON object.",
            "--json : l'entrée standard n'est pas un objet JSON.",
        )
    unknown = sorted(key for key in data if key not in _FORM_FIELDS)
    if unknown:
        # Key names are the caller's choice, not identifiers: safe to repeat,
        # but only when short and printable.
        names = ", ".join(_printable(key[:40]) for key in unknown)
        expected = ", ".join(_FORM_FIELDS)
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


def _form_fields(args: argparse.Namespace, lang: Lang) -> dict[str, str | None]:
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
    missing = [name for name in _FORM_FIELDS if name not in fields]
    if args.json:
        from_json = _form_fields_from_json(_stdin())
        # A flag wins over the same key in the JSON object.
        fields = {**from_json, **fields}
        missing = [name for name in missing if name not in from_json]
        for name in missing:
            fields[name] = None if name == "card_type" else ""
        return fields
    if not missing:
        return fields
    stdin = _stdin()
    if stdin.isatty():
        for name in missing:
            prompt = _form_prompt(name, lang)
            fields[name] = (
                _prompt_visible(prompt) if name == "card_type" else _prompt_hidden(prompt)
            )
        return fields
    # Not a terminal: one line per missing field, in the order of the form.
    lines = read_lines(stdin.buffer)
    for name in missing:
        line = next(lines, None)
        if line is None:
            label = _FIELD_LABELS[name]
            raise UsageError(
                f"stdin ended before the field {label[0]!r}: give one line per missing field,"
                " in the order code provisoire, NIR, card type, serial number.",
                f"l'entrée standard s'arrête avant le champ « {label[1]} » : donnez une"
                " ligne par champ manquant, dans l'ordre code provisoire, NIR, type de"
                " carte, numéro de série.",
            )
        fields[name] = line[1]
    return fields


def _format_date(day: datetime.date, lang: Lang) -> str:
    if lang == "fr":
        # French writes the first of the month as an ordinal: "1er janvier".
        number = "1er" if day.day == 1 else str(day.day)
        return f"{_WEEKDAYS_FR[day.weekday()]} {number} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"


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
        return _pick(lang, "(not given)", "(non indiqué)")
    shown = _printable(_shown(raw or "", parsed, reveal))
    return shown or _pick(lang, "(empty)", "(vide)")


def _deadline_lines(sent_on: datetime.date, lang: Lang, today: datetime.date) -> list[str]:
    deadline = opposition_deadline(sent_on)
    lines = [
        _pick(
            lang,
            f"Deadline: {_format_date(deadline, lang)}, six weeks after the invitation was"
            f" sent ({_format_date(sent_on, lang)}). The code provisoire expires the same day.",
            f"Date limite : {_format_date(deadline, lang)}, six semaines après l'envoi de"
            f" l'invitation ({_format_date(sent_on, lang)}). Le code provisoire expire le"
            " même jour.",
        )
    ]
    if deadline < today:
        lines.append(
            _pick(
                lang,
                "This date has passed: the space may already be open. You can still close"
                " it at any time.",
                "Cette date est passée : l'espace est peut-être déjà ouvert. Vous pouvez"
                " toujours le fermer à tout moment.",
            )
        )
    return lines


def _next_steps(result: FormCheck, card_type: CardType, reveal: bool, lang: Lang) -> list[str]:
    code = result.fields["provisional_code"].value
    nir = result.fields["nir"].value
    serial = result.fields["serial"].value
    code_text, nir_text, serial_text = (_shown("", value, reveal) for value in (code, nir, serial))
    if card_type is CardType.WITH_PHOTO:
        serial_where = _pick(
            lang,
            "the 11 digits that follow the prefix 8025000002 shown by the form",
            "les 11 chiffres qui suivent le préfixe 8025000002 affiché par le formulaire",
        )
    else:
        serial_where = _pick(
            lang,
            "as printed on the back of the card, top left",
            "tel qu'il est imprimé au dos de la carte, en haut à gauche",
        )
    if lang == "fr":
        phone = (
            f"Par téléphone : {_PHONE_FR}, avec le code provisoire, le NIR et le numéro de série."
        )
        if result.warnings:
            phone += (
                " C'est la voie à suivre si le formulaire en ligne refuse une valeur exacte"
                " (voir les avertissements)."
            )
        return [
            "Prochaines étapes, en ligne (monespacesante.fr, formulaire d'opposition) :",
            f"  1. Code provisoire : tapez {code_text}, en respectant les majuscules.",
            f"  2. NIR : tapez {nir_text}, les 15 caractères, clé comprise.",
            f"  3. Type de carte : choisissez « {card_type.label_fr} ».",
            f"  4. Numéro de série : tapez {serial_text}, {serial_where}.",
            phone,
        ]
    phone = f"By phone: {_PHONE_EN}, with the code provisoire, the NIR and the serial number."
    if result.warnings:
        phone += (
            " This is the way to object if the online form refuses a value that is right"
            " (see the warnings)."
        )
    return [
        "Next steps, online (monespacesante.fr, opposition form):",
        f"  1. Code provisoire: type {code_text}, keeping its upper and lower case.",
        f"  2. NIR: type {nir_text}, all 15 characters, key included.",
        f'  3. Card type: choose "{card_type.label_fr}".',
        f"  4. Serial number: type {serial_text}, {serial_where}.",
        phone,
    ]


def _form_text(
    result: FormCheck,
    fields: Mapping[str, str | None],
    args: argparse.Namespace,
    lang: Lang,
    sent_on: datetime.date | None,
) -> list[str]:
    lines = []
    for name, check in result.fields.items():
        label = _FIELD_LABELS[name][1 if lang == "fr" else 0]
        shown = _field_shown(name, fields[name], check, args.reveal, lang)
        # Each problem is printed once, under the field it is about (a serial
        # number's check also carries the card type's error when that is missing).
        errors = [issue for issue in check.errors if issue.field == name]
        warnings = [issue for issue in check.warnings if issue.field == name]
        if check.valid:
            status = _pick(lang, "valid", "valide")
        elif errors:
            status = _pick(lang, "invalid", "non valide")
        else:
            status = _pick(
                lang,
                "not fully checked: see the card type",
                "pas entièrement vérifié : voir le type de carte",
            )
        separator = " : " if lang == "fr" else ": "
        lines.append(f"{label}{separator}{shown} ({status})")
        lines.extend("  " + _issue_text(issue, True, lang) for issue in errors)
        lines.extend("  " + _issue_text(issue, False, lang) for issue in warnings)
    lines.append("")
    card_type = result.fields["card_type"].value
    if result.valid and isinstance(card_type, CardType):
        lines.append(
            _pick(lang, "The form is ready to be sent.", "Le formulaire est prêt à être envoyé.")
        )
        lines.extend(_next_steps(result, card_type, args.reveal, lang))
    else:
        count = len(result.errors)
        lines.append(
            _pick(
                lang,
                f"The form has {count} error{'s' if count > 1 else ''}: correct"
                f" {'them' if count > 1 else 'it'} before sending it.",
                f"Le formulaire a {count} erreur{'s' if count > 1 else ''} : corrigez-"
                f"{'les' if count > 1 else 'la'} avant de l'envoyer.",
            )
        )
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
                else _shown(fields[name] or "", check.value, reveal),
                "errors": [_issue_json(issue, lang) for issue in check.errors],
                "warnings": [_issue_json(issue, lang) for issue in check.warnings],
            }
            for name, check in result.fields.items()
        },
        "deadline": None if sent_on is None else opposition_deadline(sent_on).isoformat(),
    }
    return json.dumps(record, ensure_ascii=False)


def run_form(args: argparse.Namespace, lang: Lang) -> int:
    sent_on = _sent_on(args.sent_on)
    fields = _form_fields(args, lang)
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
        output = "".join(line + "\n" for line in _form_text(result, fields, args, lang, sent_on))
    sys.stdout.write(output)
    return EXIT_VALID if result.valid else EXIT_INVALID


# --- The parser and the entry point ------------------------------------------------


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="language of the messages (default: French when LC_ALL, or else LANG,"
        " starts with 'fr'; English otherwise)",
    )
    parser.add_argument(
        "--reveal",
        action="store_true",
        help="show values whole (the form's own spelling of valid values); without it,"
        " every value is masked",
    )


def build_parser() -> argparse.ArgumentParser:
    """The ``vitale-ids`` parser, with its ``check``, ``explain`` and ``form`` commands."""
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Pre-check the identifiers of the Mon espace santé opposition form:"
        " the NIR, the code provisoire, the carte Vitale type and its serial number.",
        epilog=_SAFE_INPUT_EN + " Exit status: 0 all valid, 1 something invalid, 2 usage error.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    check = commands.add_parser(
        "check",
        help="check values, one result line each",
        description="Check each VALUE, or each line of stdin (blank lines skipped, still"
        " counted), and print one line per value: its line number, valid or invalid, its"
        " kind, the masked value, then every error and warning. With no VALUE and a"
        " terminal as stdin, prompt for one value with hidden input.",
        epilog=_SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    check.add_argument(
        "--kind",
        choices=KINDS,
        default="auto",
        help="what the values are (default: auto, guessed from each value's shape; an"
        " ambiguous shape is reported, with the --kind that decides)",
    )
    check.add_argument(
        "--card-type",
        metavar="TYPE",
        help='the card type for serial numbers: "avec photo" or "sans photo" (or "with'
        ' photo", "vitale 2"...). Without it, the type is inferred from the length,'
        " when only one fits",
    )
    check.add_argument(
        "--strict",
        action="store_true",
        help="turn warnings into errors, as the official online form does",
    )
    check.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per line: line, kind, valid, value, errors, warnings",
    )
    _add_output_options(check)
    check.add_argument(
        "values",
        nargs="*",
        metavar="VALUE",
        help="values to check (unsafe: they stay in the shell history; prefer stdin)",
    )
    check.set_defaults(run=run_check)

    explain = commands.add_parser(
        "explain",
        help="decode a NIR: sex, year, month, birthplace, order number, key",
        description="Decode a NIR for a person: sex, year of birth (without its century),"
        " month, birthplace with its history, order number, key, and what the online"
        " form will make of it. The NIR comes from the argument, or else from stdin, or"
        " a hidden prompt when stdin is a terminal.",
        epilog=_SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    _add_output_options(explain)
    explain.add_argument(
        "nir",
        nargs="?",
        metavar="NIR",
        help="the NIR (unsafe: it stays in the shell history; prefer stdin or the prompt)",
    )
    explain.set_defaults(run=run_explain)

    form = commands.add_parser(
        "form",
        help="check the four fields of the opposition form together",
        description="Check the four fields of the opposition form (code provisoire, NIR,"
        " card type, serial number), print every problem by field, and, when all is"
        " valid, what to do next. Fields not given as flags are asked for in turn, with"
        " hidden input for the code, the NIR and the serial, when stdin is a terminal;"
        " otherwise they are read from stdin, one line per missing field in that order"
        " (an empty card type line lets the serial number decide). With --json, stdin"
        " holds a JSON object with the keys provisional_code, nir, card_type and serial,"
        " and the result is printed as JSON.",
        epilog=_SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    form.add_argument("--code", metavar="CODE", help="the code provisoire (unsafe: see below)")
    form.add_argument("--nir", metavar="NIR", help="the NIR (unsafe: see below)")
    form.add_argument(
        "--card-type", metavar="TYPE", help='the card type: "avec photo" or "sans photo"'
    )
    form.add_argument("--serial", metavar="SERIAL", help="the serial number (unsafe: see below)")
    form.add_argument(
        "--json",
        action="store_true",
        help="read the fields as a JSON object from stdin, and print the result as JSON",
    )
    form.add_argument(
        "--sent-on",
        metavar="YYYY-MM-DD",
        help="the day the invitation was sent: gives the deadline to object",
    )
    form.add_argument(
        "--strict",
        action="store_true",
        help="turn warnings into errors, as the official online form does",
    )
    _add_output_options(form)
    form.set_defaults(run=run_form)
    return parser


def _fail(lang: Lang, message: str) -> None:
    sys.stderr.write(f"{PROG}: {_pick(lang, 'error', 'erreur')}: {message}\n")


def _stop_writing_to_stdout() -> None:
    # The reader is gone: point stdout at the null device, so that the flush
    # at exit does not fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: Lang = args.lang or default_lang(os.environ)
    run: Callable[[argparse.Namespace, Lang], int] = args.run
    try:
        status = run(args, lang)
        # Flushed here, so that a closed pipe is caught below, not at exit.
        sys.stdout.flush()
    except UsageError as error:
        _fail(lang, _pick(lang, error.message, error.message_fr))
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return _EXIT_INTERRUPTED
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return _EXIT_BROKEN_PIPE
    return status
