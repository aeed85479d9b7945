"""Showing values without revealing them, and wording results as text or JSON.

Privacy comes first: a value is masked in every output unless ``--reveal`` is
given. A parsed value is shown by its own ``masked`` form; a value that could
not be parsed shows its shape only.
"""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Final

from vitale_ids import CardType, Nir, ProvisionalCode, VitaleSerial
from vitale_ids.cli.base import MAX_VALUE_CHARS, Lang, pick, without_separators
from vitale_ids.cli.streams import encodable, writes_utf8

if TYPE_CHECKING:
    import datetime

    from vitale_ids import Check, Issue

__all__ = [
    "MAX_ECHOED_CHARS",
    "PHONE_EN",
    "PHONE_FR",
    "format_date",
    "issue_json",
    "issue_text",
    "issues_text",
    "json_line",
    "mask_long",
    "mask_unparsed",
    "message",
    "month_name",
    "printable",
    "shown",
]

PHONE_EN: Final = "3422, Monday to Friday, 8:30 to 17:30"
PHONE_FR: Final = "3422, du lundi au vendredi, de 8 h 30 à 17 h 30"

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


# --- Values --------------------------------------------------------------------------


def mask_unparsed(text: str) -> str:
    """A value that could not be parsed, with every character hidden.

    Its shape stays (the length and the spaces, dots and hyphens that group
    it), so that the person can tell which value a line is about, but no
    character shows: an invalid value has no known parts to keep, and could be
    a secret typed in the wrong place.
    """
    shape = []
    for char in text[:MAX_VALUE_CHARS]:
        if char in " .-":
            shape.append(char)
        elif char.isspace():
            shape.append(" ")
        elif without_separators(char):  # other separators (dashes, invisible) are dropped
            shape.append("*")
    shown = "".join(shape).strip()
    return shown + "..." if len(text) > MAX_VALUE_CHARS else shown


#: Usage errors mask any piece of the command line longer than this.
MAX_ECHOED_CHARS: Final = 5


def mask_long(text: str) -> str:
    """``text`` when it is too short to be an identifier, else masked as unparsed."""
    return text if len(text) <= MAX_ECHOED_CHARS else mask_unparsed(text)


def printable(text: str) -> str:
    """``text`` with every character stdout cannot show escaped (``\\x1b``, ``\\ud800``).

    A revealed raw value goes to a terminal: control characters are escaped
    rather than let them move the cursor or change colours, a lone surrogate
    rather than make the line invalid UTF-8, and a character the terminal's
    encoding lacks rather than be transliterated into another value.
    """
    if text.isascii() and text.isprintable():  # the usual line: nothing to escape
        return text
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return "".join(
        char
        if char.isprintable() and (char.isascii() or encodable(char, encoding))
        else char.encode("unicode_escape").decode("ascii")
        for char in text
    )


_SURROGATE: Final = re.compile("[\ud800-\udfff]")


def _no_surrogates(data: object) -> object:
    if isinstance(data, str):
        return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", data)
    if isinstance(data, Mapping):
        return {_no_surrogates(key): _no_surrogates(value) for key, value in data.items()}
    if isinstance(data, list):
        return [_no_surrogates(item) for item in data]
    return data


def json_line(record: Mapping[str, object]) -> str:
    """``record`` as one line of JSON, valid UTF-8 and valid JSON for any parser.

    A lone surrogate (from a command line that is not UTF-8, or a JSON input)
    cannot be encoded: it is written as the text ``\\udxxx``, as in text
    output. Non-ASCII characters are kept when stdout writes UTF-8, escaped
    the JSON way otherwise.
    """
    return json.dumps(_no_surrogates(record), ensure_ascii=not writes_utf8(sys.stdout))


def _plain(parsed: object) -> str:
    """The whole value of a parsed object: what to type in the form.

    The only place the command line reads a parsed identifier's normalised
    string.
    """
    if isinstance(parsed, Nir):
        return parsed.compact
    if isinstance(parsed, (ProvisionalCode, VitaleSerial)):
        return parsed.compact
    if isinstance(parsed, CardType):
        return parsed.value
    raise TypeError(type(parsed).__name__)


def _masked(parsed: object) -> str:
    if isinstance(parsed, (Nir, ProvisionalCode, VitaleSerial)):
        return parsed.masked
    if isinstance(parsed, CardType):
        return parsed.value
    raise TypeError(type(parsed).__name__)


def shown(text: str, parsed: object | None, reveal: bool) -> str:
    """``text`` as an output may show it: masked unless ``reveal``.

    A parsed value is shown by its own ``masked`` form, or whole in the form
    the official form wants (separators removed, the serial's prefix dropped).
    """
    if parsed is None:
        return text if reveal else mask_unparsed(text)
    return _plain(parsed) if reveal else _masked(parsed)


# --- Issues ----------------------------------------------------------------------------


# What the command line adds to an issue's message: the option that settles it.
_OPTION_NOTES: Final = {
    "card_type.missing": (
        'Give it with --card-type "avec photo" or --card-type "sans photo".',
        'Indiquez-le avec --card-type "avec photo" ou --card-type "sans photo".',
    ),
}


def message(issue: Issue, lang: Lang) -> str:
    """The issue's message in ``lang``, with the option that settles it, if any."""
    note = _OPTION_NOTES.get(issue.code)
    text = issue.message_in(lang)
    return text if note is None else f"{text} {pick(lang, *note)}"


def issue_json(issue: Issue, lang: Lang) -> dict[str, object]:
    return {"code": issue.code, "position": issue.position, "message": message(issue, lang)}


def issue_text(issue: Issue, is_error: bool, lang: Lang) -> str:
    label = pick(lang, "error", "erreur") if is_error else pick(lang, "warning", "avertissement")
    colon = " :" if lang == "fr" else ":"
    return f"{label} {issue.code}{colon} {message(issue, lang)}"


def issues_text(check: Check[Any], lang: Lang) -> list[str]:
    return [issue_text(issue, True, lang) for issue in check.errors] + [
        issue_text(issue, False, lang) for issue in check.warnings
    ]


# --- Dates -----------------------------------------------------------------------------


def month_name(month: int, lang: Lang) -> str:
    return pick(lang, _MONTHS_EN[month - 1], _MONTHS_FR[month - 1])


def format_date(day: datetime.date, lang: Lang) -> str:
    if lang == "fr":
        # French writes the first of the month as an ordinal: "1er janvier".
        number = "1er" if day.day == 1 else str(day.day)
        return f"{_WEEKDAYS_FR[day.weekday()]} {number} {_MONTHS_FR[day.month - 1]} {day.year}"
    return f"{_WEEKDAYS_EN[day.weekday()]} {day.day} {_MONTHS_EN[day.month - 1]} {day.year}"
