"""Separators from text pasted out of a PDF or typed with a full-width keyboard.

A minus sign (U+2212) or a full-width full stop (U+FF0E) between the groups of
an identifier is a separator, like the ASCII dot and hyphen. So are the
ideographic full stop (U+3002, and its half-width form U+FF61), which Chinese
and Japanese input methods type for ".", and the one dot leader (U+2024), which
PDF text gives for a dot. The full-width hyphen-minus (U+FF0D) is a dash
(category Pd), as it always was. The hyphenation point (U+2027) and the middle
dot (U+00B7) are not used between groups: they are reported, at their place.

The rest of the file holds the quick clean-up and character descriptions to
the plain definitions they replace, on every code point.
"""

from __future__ import annotations

import sys
import unicodedata

import pytest

from synthetic import ORDINARY
from vitale_ids import (
    CardType,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    parse_nir,
)
from vitale_ids._core import (
    describe_character,
    is_separator,
    original_index,
    original_indexes,
    remove_separators,
)

CODE = "xK4b 9Tq2 Lm7k"
SERIAL = "123 456 789 01"

PASTED = {
    "minus sign": "\u2212",
    "full-width full stop": "\uff0e",
    "ideographic full stop": "\u3002",
    "half-width ideographic full stop": "\uff61",
    "one dot leader": "\u2024",
    "full-width hyphen-minus": "\uff0d",
}
NOT_SEPARATORS = {"hyphenation point": "\u2027", "middle dot": "\u00b7"}


def nir_groups(separator: str) -> str:
    groups = (ORDINARY[0], ORDINARY[1:3], ORDINARY[3:5], ORDINARY[5:7])
    rest = (ORDINARY[7:10], ORDINARY[10:13], ORDINARY[13:])
    return separator.join((*groups, *rest))


@pytest.mark.parametrize("separator", PASTED.values(), ids=PASTED.keys())
def test_a_nir_split_by_a_pasted_separator_is_valid(separator: str) -> None:
    result = check_nir(nir_groups(separator))
    assert result.valid, result.errors
    assert result.value is not None
    assert result.value.compact == ORDINARY
    assert parse_nir(nir_groups(separator)).compact == ORDINARY


@pytest.mark.parametrize("separator", PASTED.values(), ids=PASTED.keys())
def test_a_code_and_a_serial_split_by_a_pasted_separator_are_valid(separator: str) -> None:
    code = check_provisional_code(CODE.replace(" ", separator))
    assert code.valid, code.errors
    assert code.value is not None
    assert code.value.compact == CODE.replace(" ", "")  # the case as typed
    serial = check_serial(SERIAL.replace(" ", separator), card_type=CardType.WITH_PHOTO)
    assert serial.valid, serial.errors
    assert serial.value is not None
    assert serial.value.compact == SERIAL.replace(" ", "")


def test_the_form_reads_pasted_separators_in_every_field() -> None:
    result = check_form(
        provisional_code=CODE.replace(" ", "\uff0e"),
        nir=nir_groups("\u2212"),
        card_type=None,
        serial=SERIAL.replace(" ", "\u3002"),
    )
    assert result.valid, result.errors
    assert [issue.code for issue in result.warnings] == ["card_type.inferred"]


@pytest.mark.parametrize("mark", NOT_SEPARATORS.values(), ids=NOT_SEPARATORS.keys())
def test_other_marks_between_groups_are_reported_where_they_stand(mark: str) -> None:
    typed = nir_groups(mark)
    result = check_nir(typed)
    assert not result.valid
    characters = [issue for issue in result.errors if issue.code == "nir.character"]
    assert [issue.position for issue in characters] == [
        index for index, char in enumerate(typed) if char == mark
    ]
    assert all("a punctuation mark" in issue.message for issue in characters)
    code = check_provisional_code(CODE.replace(" ", mark))
    assert "code.character" in [issue.code for issue in code.errors]


def test_a_wrong_character_after_pasted_separators_has_its_place_in_what_was_typed() -> None:
    typed = "1\u221285\u221205\u221278\u2212006\u2212O84\u221291"  # the letter O for 0
    (issue,) = [issue for issue in check_nir(typed).errors if issue.code == "nir.character"]
    assert issue.position == typed.index("O")
    assert "did you mean the digit 0?" in issue.message


# --- The quick paths against the plain definitions, on every code point -----------

ASCII_SEPARATORS = " \t\n\r\x0b\x0c\x1c\x1d\x1e\x1f.-"
OTHER_SEPARATORS = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u2212\u2024\u3002\uff0e\uff61"
EVERY_CHARACTER = [chr(point) for point in range(sys.maxunicode + 1)]


def plain_is_separator(char: str) -> bool:
    return (
        char in ASCII_SEPARATORS
        or char in OTHER_SEPARATORS
        or char.isspace()
        or unicodedata.category(char) == "Pd"
    )


def test_is_separator_is_the_plain_definition_on_every_code_point() -> None:
    wrong = [char for char in EVERY_CHARACTER if is_separator(char) != plain_is_separator(char)]
    assert wrong == []


def test_every_pasted_separator_is_one_and_the_other_marks_are_not() -> None:
    assert all(map(is_separator, PASTED.values()))
    assert not any(map(is_separator, NOT_SEPARATORS.values()))


@pytest.mark.parametrize(
    "value",
    [
        "中" * 64,
        "中 " * 32,
        "é\u2212" * 32,
        "😀\u3002" * 32,
        "\ud800 \u0301\u00a0" * 16,
        "".join(chr(0x2010 + index) for index in range(64)),  # dashes, quotes, dots...
        nir_groups("\uff0e") + "\u2027",
    ],
)
def test_clean_up_and_positions_match_a_character_by_character_reading(value: str) -> None:
    kept = [index for index, char in enumerate(value) if not plain_is_separator(char)]
    assert remove_separators(value) == "".join(value[index] for index in kept)
    assert original_indexes(value) == kept
    assert [original_index(value, number) for number in range(len(kept))] == kept


# The descriptions as they were written before they were made quick: one regex
# per script, the Unicode category asked for every character.
def plain_description(char: str) -> tuple[str, str]:
    if "a" <= char.lower() <= "z" and char.isascii():
        return f"the letter {char}", f"la lettre {char}"
    if "0" <= char <= "9":
        return f"the digit {char}", f"le chiffre {char}"
    if char.isascii() and char.isprintable():
        return f"the character {char!r}", f"le caractère {char!r}"
    return plain_description_by_category(char)


def plain_description_by_category(char: str) -> tuple[str, str]:
    import regex

    category = unicodedata.category(char)
    if category == "Nd":
        return (
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        )
    if category.startswith("L"):
        for script, english, french in (
            ("Latin", "an accented letter", "une lettre accentuée"),
            ("Greek", "a Greek letter", "une lettre grecque"),
            ("Cyrillic", "a Cyrillic letter", "une lettre cyrillique"),
        ):
            if regex.match(rf"\p{{Script={script}}}", char):
                return english, french
        return "a letter from another alphabet", "une lettre d'un autre alphabet"
    if category.startswith("M"):
        return "an accent on its own", "un accent isolé"
    if category.startswith("N"):
        return "a number sign that is not a digit", "un signe numérique qui n'est pas un chiffre"
    if category.startswith("P"):
        return "a punctuation mark", "un signe de ponctuation"
    if category.startswith("S"):
        if regex.match(r"\p{Extended_Pictographic}", char):
            return "an emoji", "un émoji"
        return "a symbol", "un symbole"
    if category == "Cc":
        return "a control character", "un caractère de contrôle"
    return "an invisible or unassigned character", "un caractère invisible ou non attribué"


def test_every_code_point_is_described_as_before() -> None:
    # Every 3rd code point, and every one of the ASCII range and the scripts named.
    points = {*range(0, sys.maxunicode + 1, 3), *range(0x3000), *range(0x1F300, 0x1FB00)}
    wrong = [
        hex(point)
        for point in sorted(points)
        if describe_character(chr(point)) != plain_description(chr(point))
    ]
    assert wrong == []
