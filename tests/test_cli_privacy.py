"""An identifier typed in another field: the command line names at most one of its characters.

People type a value in the wrong box: a code provisoire (a secret) where the
NIR goes, a NIR where the serial number goes. For any identifier typed in any
other field, in every mode of the command line (``check --kind nir``, ``code``
and ``serial``, text and ``--json``; ``explain``; ``form`` with fields swapped,
text and ``--json``) and in both languages, the output names at most one
character of it (issue 12). The command line is run as a subprocess.

A character is *named* when the output shows it as a character of the value:
in a message ("it is the letter Q", "the character '_'", in English and in
French; and the older phrasings "Characters 4-5 are 42", "98 is never a key",
which must not come back), or in a mask that keeps some characters
(``**********7k``, ``1 85 ** ** *** *** 91``). A position ("character 11"), a
wrong character described without being shown ("another character that is not
allowed", "an accented letter") and a key computed from the value ("for these
13 characters the key is 91", typed by nobody: see docs/privacy.md) name none.

Two properties:

- the command line's own text (the output without the library's messages)
  names no character;
- the whole output names at most one: the library names only the first wrong
  character of a value, and states the rules of the parts without their values.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from functools import partial
from typing import TYPE_CHECKING, Any, Final

import pytest
from hypothesis import Phase, example, given, settings
from hypothesis import strategies as st

from test_cli import cli_env
from vitale_ids import (
    CardType,
    Issue,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    serial,
)
from vitale_ids._core import remove_separators
from vitale_ids.strategies import nir_inputs, provisional_codes, serials

if TYPE_CHECKING:
    from collections.abc import Callable, Iterable

    #: One run of the command line: for each misplaced value, the value, the part
    #: of the output about it, and the library's messages in that part.
    Case = Callable[[], list[tuple[str, str, list[str]]]]

KINDS: Final = ("nir", "code", "serial")
FIELDS: Final = {"code": "provisional_code", "nir": "nir", "serial": "serial"}
CARD_TYPES: Final = (None, "avec photo", "sans photo")
LANGS: Final = st.sampled_from(["en", "fr"])

# How messages name a character of the value, in English and in French.
_NAMING: Final = (
    # The lookalike hint ("did you mean the digit 0?") names what to type, not the value.
    re.compile(r"(?<!mean )(?<!dire )\b(?:the letter|the digit|la lettre|le chiffre) (\S)"),
    re.compile(r"(?:the character|le caractère) '(.)'"),
    re.compile(r"\b(?:it is|they are|il vaut|ils valent) ([0-9A-Za-z]+)\b"),
    re.compile(r"\b[Cc]haracters? \d+(?:-\d+)? (?:is|are) ([0-9A-Za-z]+)\b"),
    re.compile(r"\b[Cc]aractères? \d+(?:-\d+)? (?:vaut|valent) ([0-9A-Za-z]+)\b"),
    re.compile(r"\b([0-9A-Za-z]+) (?:is never a key|n'est jamais une clé)"),
)
# Masks that keep characters: the end of a code or a serial number; a NIR's
# sex, year and key.
_TAIL_MASK: Final = re.compile(r"\*+([0-9A-Za-z]+)\b")
_HEAD_MASK: Final = re.compile(r"\b([0-9A-Za-z]+)\*+")
_NIR_MASK: Final = re.compile(
    r"\b([0-9A-Za-z]) ([0-9A-Za-z]{2}) \*\* \*\* \*\*\* \*\*\* ([0-9A-Za-z]{2})\b"
)


def named_characters(text: str, value: str) -> int:
    """How many characters of ``value`` ``text`` names (see the module's docstring)."""
    compact = remove_separators(value)
    if value in text or compact in text:  # the whole value
        return len(compact)
    count = 0
    for pattern in _NAMING:
        count += sum(len(name) for name in pattern.findall(text) if name in compact)
    count += sum(len(tail) for tail in _TAIL_MASK.findall(text) if compact.endswith(tail))
    count += sum(len(head) for head in _HEAD_MASK.findall(text) if compact.startswith(head))
    for sex, year, key in _NIR_MASK.findall(text):
        if compact.startswith(sex + year) and compact.endswith(key):
            count += len(sex + year + key)
    return count


def without(text: str, messages: Iterable[str]) -> str:
    """``text`` with every one of ``messages`` taken out, longest first."""
    for message in sorted(set(messages), key=len, reverse=True):
        text = text.replace(message, "")
    return text


def run(args: list[str], stdin: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "vitale_ids", *args],
        input=stdin.encode("utf-8"),
        capture_output=True,
        env=cli_env(),
        timeout=60,
        check=False,
    )
    assert result.returncode in (0, 1), result.stderr
    return result.stdout.decode("utf-8") + result.stderr.decode("utf-8")


def messages(issues: Iterable[Issue], lang: str) -> list[str]:
    return [issue.message_in(lang) for issue in issues]


# --- What people type ------------------------------------------------------------------


@st.composite
def identifiers(draw: st.DrawFn, kinds: tuple[str, ...] = KINDS) -> tuple[str, str]:
    """An identifier of one of ``kinds``, as typed: its kind and its text."""
    kind = draw(st.sampled_from(kinds))
    if kind == "nir":
        return kind, draw(nir_inputs()).strip()
    if kind == "code":
        # Digits only, now and then: such a code is a serial number's shape too.
        code = draw(provisional_codes() | st.text("0123456789", min_size=12, max_size=12))
        gap = draw(st.sampled_from(["", " ", "-"]))
        return kind, gap.join((code[:4], code[4:8], code[8:]))
    drawn = draw(serials())
    value = drawn.compact
    if drawn.card_type is CardType.WITH_PHOTO and draw(st.booleans()):
        value = f"{serial.PHOTO_CARD_PREFIX} {value}"  # the 21 printed digits
    return kind, value


# --- One run of the command line, per mode -----------------------------------------------


def run_check(
    asked: str, values: tuple[str, ...], lang: str, card_type: str | None, as_json: bool
) -> list[tuple[str, str, list[str]]]:
    args = ["check", "--kind", asked, "--lang", lang]
    if card_type is not None:
        args += ["--card-type", card_type]
    if as_json:
        args.append("--json")
    lines = run(args, "".join(value + "\n" for value in values)).splitlines()
    assert len(lines) == len(values)
    runs = []
    for value, line in zip(values, lines, strict=True):
        if asked == "nir":
            check: Any = check_nir(value)
        elif asked == "code":
            check = check_provisional_code(value)
        elif card_type is None:
            check = check_serial(value)
        else:
            check = check_serial(value, card_type=card_type)
        library = messages(check.errors + check.warnings, lang)
        if as_json:
            library = [json.dumps(message, ensure_ascii=False)[1:-1] for message in library]
        runs.append((value, line, library))
    return runs


@st.composite
def check_cases(draw: st.DrawFn) -> Case:
    asked = draw(st.sampled_from(KINDS))
    others = tuple(kind for kind in KINDS if kind != asked)
    values = tuple(
        value for _kind, value in draw(st.lists(identifiers(others), min_size=1, max_size=4))
    )
    card_type = draw(st.sampled_from(CARD_TYPES)) if asked == "serial" else None
    return partial(run_check, asked, values, draw(LANGS), card_type, draw(st.booleans()))


def run_explain(value: str, lang: str) -> list[tuple[str, str, list[str]]]:
    output = run(["explain", "--lang", lang], value + "\n")
    return [(value, output, messages(check_nir(value).issues, lang))]


@st.composite
def explain_cases(draw: st.DrawFn) -> Case:
    _kind, value = draw(identifiers(("code", "serial")))
    return partial(run_explain, value, draw(LANGS))


def _form_sections(output: str) -> dict[str, str]:
    """The text of a form's output, by field (each field's line and the issues under it)."""
    labels = {
        "provisional_code": ("Code provisoire",),
        "nir": ("NIR",),
        "card_type": ("Card type", "Type de carte"),
        "serial": ("Serial number", "Numéro de série"),
    }
    sections: dict[str, str] = {}
    current = "verdict"
    for line in output.splitlines(keepends=True):
        if not line.startswith(" "):
            current = "verdict"
            for name, starts in labels.items():
                if line.startswith(starts):
                    current = name
        sections[current] = sections.get(current, "") + line
    return sections


def run_form(
    moves: tuple[tuple[str, str], ...],
    values: tuple[tuple[str, str], ...],
    card_type: str | None,
    lang: str,
    as_json: bool,
) -> list[tuple[str, str, list[str]]]:
    """``moves``: for each field, the kind of the value typed in it; ``values``: each kind's."""
    by_kind = dict(values)
    typed = {FIELDS[field]: by_kind[kind] for field, kind in moves}
    args = ["form", "--lang", lang]
    if as_json:
        output = run([*args, "--json"], json.dumps({**typed, "card_type": card_type}))
    else:
        lines = [typed["provisional_code"], typed["nir"], card_type or "", typed["serial"]]
        output = run(args, "".join(line + "\n" for line in lines))
    result = check_form(
        provisional_code=typed["provisional_code"],
        nir=typed["nir"],
        card_type=card_type,
        serial=typed["serial"],
    )
    runs = []
    for field, kind in moves:
        if field == kind:
            continue
        name = FIELDS[field]
        field_check = result.fields[name]
        library = messages(field_check.errors + field_check.warnings, lang)
        if as_json:
            part = json.dumps(json.loads(output)["fields"][name], ensure_ascii=False)
            library = [json.dumps(message, ensure_ascii=False)[1:-1] for message in library]
        else:
            sections = _form_sections(output)
            part = sections.get(name, "") + sections.get("verdict", "")
        runs.append((typed[name], part, library))
    return runs


@st.composite
def form_cases(draw: st.DrawFn) -> Case:
    values = tuple((kind, draw(identifiers((kind,)))[1]) for kind in KINDS)
    # Two fields swapped, or all three moved round.
    moves = draw(
        st.sampled_from(
            [
                (("code", "nir"), ("nir", "code"), ("serial", "serial")),
                (("code", "code"), ("nir", "serial"), ("serial", "nir")),
                (("code", "serial"), ("nir", "nir"), ("serial", "code")),
                (("code", "nir"), ("nir", "serial"), ("serial", "code")),
            ]
        )
    )
    card_type = draw(st.sampled_from(CARD_TYPES))
    return partial(run_form, moves, values, card_type, draw(LANGS), draw(st.booleans()))


CASES: Final = st.one_of(check_cases(), explain_cases(), form_cases())

# The overlaps a random draw seldom makes: 12 digits are a code provisoire and a
# serial number of a card without photo alike.
DIGITS_12 = "314159265358"
OVERLAPS: Final = (
    partial(run_check, "nir", ("Qw3r Ty7u 9PzX",), "en", None, False),  # the issue's example
    partial(run_check, "code", (DIGITS_12, "123 456 789 01"), "fr", None, True),
    partial(run_check, "serial", (DIGITS_12, "xK4b 9Tq2 Lm7k"), "en", "sans photo", False),
    partial(run_explain, DIGITS_12, "fr"),
    partial(
        run_form,
        (("code", "serial"), ("nir", "nir"), ("serial", "code")),
        (("code", DIGITS_12), ("nir", "185057800608491"), ("serial", "271828182845")),
        "sans photo",
        "en",
        False,
    ),
    partial(
        run_form,
        (("code", "serial"), ("nir", "nir"), ("serial", "code")),
        (("code", DIGITS_12), ("nir", "185057800608491"), ("serial", "271828182845")),
        None,
        "fr",
        True,
    ),
)


def with_overlaps(test: Any) -> Any:
    for case in OVERLAPS:
        test = example(case)(test)
    return test


# --- The properties --------------------------------------------------------------------


@settings(max_examples=40)
@with_overlaps
@given(CASES)
def test_the_command_line_itself_names_no_character(case: Case) -> None:
    for value, output, library in case():
        assert named_characters(without(output, library), value) == 0, (value, output)


@settings(max_examples=40, phases=[Phase.explicit, Phase.generate])
@with_overlaps
@given(CASES)
def test_at_most_one_character_of_a_misplaced_identifier_is_named(case: Case) -> None:
    for value, output, _library in case():
        assert named_characters(output, value) <= 1, (value, output)


# --- The counter can tell ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "count"),
    [
        ("Character 1 must be a digit; it is the letter Q.", "Qw3rTy7u9PzX", 1),
        ("Le caractère 2 doit être un chiffre ; c'est la lettre w.", "Qw3rTy7u9PzX", 1),
        ("Character 5 must be a digit; it is another character that is not allowed.", "Qw3r", 0),
        ("Character 5 must be a digit; it is an accented letter.", "Qw3é", 0),
        ("it is the letter O (did you mean the digit 0?).", "O0000000000", 1),
        ("c'est la lettre O (vouliez-vous dire le chiffre 0 ?).", "O0000000000", 1),
        ("Character 1 is 7: this is a temporary number.", "785057800608482", 1),
        ("Characters 4-5 are 42: the month of birth is unknown.", "885427800608442", 2),
        ("Les caractères 4-5 valent 42 : le mois", "885427800608442", 2),
        ("Character 1 (sex) must be 1 or 2; it is 5.", "585057800608491", 1),
        ("; they are 13.", "185137800608491", 2),
        ("The key must be 01 to 97; 98 is never a key.", "185057800608498", 2),
        ("1: valid code **********7k", "xK4b9Tq2Lm7k", 2),
        ("1: valid serial *******8901", "12345678901", 4),
        ("NIR: 1 85 ** ** *** *** 91 (valid)", "185057800608491", 5),
        # Positions, lengths, counts, the phone number and a computed key name none.
        ("Character 11 must be a digit; this one has 12.", "111111111111", 0),
        ("For these 13 characters the key is 91: add it.", "1850578006084", 0),
        ("by phone at 3422. 3 more characters are not digits.", "342234223422", 0),
        ("1: invalid nir **** **** ****", "Qw3rTy7u9PzX", 0),
        ("1: invalid nir Qw3r Ty7u 9PzX", "Qw3r Ty7u 9PzX", 12),
        ("1: invalid nir Qw3rTy7u9PzX", "Qw3r Ty7u 9PzX", 12),
        ("1: invalid nir Qw******", "Qw3r Ty7u 9PzX", 2),
    ],
)
def test_the_counter_counts_named_characters(text: str, value: str, count: int) -> None:
    assert named_characters(text, value) == count


def test_the_counter_sees_what_the_library_names() -> None:
    # The issue's own example: a code provisoire checked as a NIR. The library
    # names its first wrong character, the letter Q, and only that one.
    value = "Qw3r Ty7u 9PzX"
    output = run(["check", "--kind", "nir"], value + "\n")
    library = messages(check_nir(value).issues, "en")
    assert "the letter Q" in output
    assert named_characters(output, value) == 1
    assert named_characters(without(output, library), value) == 0
    assert "kind.looks_like" in output
