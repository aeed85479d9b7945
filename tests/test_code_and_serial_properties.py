"""Properties of the code provisoire and serial number checkers over many inputs."""

from __future__ import annotations

import string
from typing import Any

from hypothesis import assume, given
from hypothesis import strategies as st

from vitale_ids import (
    CardType,
    Check,
    check_provisional_code,
    check_serial,
    is_valid_provisional_code,
    is_valid_serial,
    parse_provisional_code,
    parse_serial,
    provisional_code,
    serial,
)
from vitale_ids._core import is_separator, remove_separators
from vitale_ids.card_type import resolve

CODE_ALPHABET = string.ascii_letters + string.digits
SEPARATORS = [" ", "-", ".", "\u00a0", "\u202f", "\u2013", "\u200b"]

codes = st.text(CODE_ALPHABET, min_size=12, max_size=12)
digits = st.sampled_from(string.digits)
card_types = st.sampled_from(CardType)
card_type_spellings = card_types | st.sampled_from(
    ["avec photo", "sans photo", "with_photo", "Vitale 1", "VITALE-2", "photo?", ""]
)
# Any text, with a good share of digits, letters and separators so that
# inputs near the rules are common.
texts = st.text(
    st.characters(codec="utf-8") | st.sampled_from(CODE_ALPHABET) | st.sampled_from(SEPARATORS),
    max_size=70,
)


@st.composite
def spaced(draw: st.DrawFn, compact: str) -> str:
    """``compact`` with separators inserted anywhere."""
    pieces = []
    for char in compact:
        pieces.append(draw(st.sampled_from(["", *SEPARATORS])))
        pieces.append(char)
    return "".join(pieces)


@st.composite
def serials(draw: st.DrawFn) -> tuple[str, CardType]:
    """A serial number the form accepts, and its card type."""
    card_type = draw(card_types)
    if card_type is CardType.WITH_PHOTO:
        return draw(st.text(digits, min_size=11, max_size=11)), card_type
    return draw(st.text(digits, min_size=8, max_size=13)), card_type


def assert_well_formed(result: Check[Any], value: str) -> None:
    assert result.valid == (result.errors == ())
    assert (result.value is not None) == result.valid
    for issue in result.issues:
        assert issue.position is None or 0 <= issue.position < len(value)


# --- Code provisoire --------------------------------------------------------------


@given(codes.flatmap(lambda code: st.tuples(st.just(code), spaced(code))))
def test_valid_codes_round_trip(pair: tuple[str, str]) -> None:
    code, typed = pair
    parsed = parse_provisional_code(typed)
    assert parsed.compact == code
    assert parse_provisional_code(parsed.compact) == parsed


@given(codes)
def test_case_is_never_changed(code: str) -> None:
    for variant in (code, code.swapcase(), code.upper(), code.lower()):
        assert parse_provisional_code(variant).compact == variant


def is_subsequence(part: str, whole: str) -> bool:
    remaining = iter(whole)
    return all(char in remaining for char in part)


@given(texts)
def test_any_text_gives_a_code_check(value: str) -> None:
    result = check_provisional_code(value)
    assert_well_formed(result, value)
    if result.value is not None:
        # Taken from what was typed, character for character: case included.
        assert len(result.value.compact) == 12
        assert set(result.value.compact) <= set(CODE_ALPHABET)
        assert is_subsequence(result.value.compact, value)


@given(texts)
def test_code_positions_point_at_what_was_typed(value: str) -> None:
    for issue in check_provisional_code(value).errors:
        if issue.code == "code.character":
            assert issue.position is not None
            assert value[issue.position] not in CODE_ALPHABET


@given(codes, st.integers(0, 11), st.characters(codec="utf-8"))
def test_one_wrong_character_is_found(code: str, index: int, char: str) -> None:
    assume(char not in CODE_ALPHABET and not is_separator(char))
    changed = code[:index] + char + code[index + 1 :]
    result = check_provisional_code(changed)
    assert [(issue.code, issue.position) for issue in result.errors] == [("code.character", index)]


# --- Serial number --------------------------------------------------------------


@given(serials().flatmap(lambda pair: st.tuples(st.just(pair), spaced(pair[0]))))
def test_valid_serials_round_trip(pair: tuple[tuple[str, CardType], str]) -> None:
    (serial, card_type), typed = pair
    parsed = parse_serial(typed, card_type=card_type)
    assert parsed.compact == serial
    assert parsed.card_type is card_type
    assert parse_serial(parsed.compact, card_type=card_type) == parsed


@given(st.text(digits, min_size=11, max_size=11))
def test_the_printed_21_digits_give_the_last_11(serial: str) -> None:
    result = check_serial("8025000002" + serial, card_type=CardType.WITH_PHOTO)
    assert result.value is not None
    assert result.value.compact == serial
    assert result.warnings[0].code == "serial.prefix_removed"


@given(texts, card_type_spellings)
def test_any_text_gives_a_serial_check(value: str, card_type: CardType | str) -> None:
    result = check_serial(value, card_type=card_type)
    assert_well_formed(result, value)
    if result.value is not None:
        assert result.value.compact.isascii()
        assert result.value.compact.isdigit()


@given(texts, card_type_spellings)
def test_strict_is_the_ordinary_check_with_warnings_as_errors(
    value: str, card_type: CardType | str
) -> None:
    lenient = check_serial(value, card_type=card_type)
    strict = check_serial(value, card_type=card_type, strict=True)
    assert strict.warnings == ()
    assert strict.errors == lenient.errors + lenient.warnings
    assert strict.valid == (lenient.valid and not lenient.warnings)
    assert is_valid_serial(value, card_type=card_type, strict=True) == strict.valid
    assert is_valid_provisional_code(value, strict=True) == is_valid_provisional_code(value)


@given(st.from_type(object), st.from_type(object))
def test_is_valid_never_raises_on_any_object(value: object, card_type: object) -> None:
    assert is_valid_serial(value, card_type=card_type) in (True, False)
    assert is_valid_serial(value, card_type=CardType.WITH_PHOTO) in (True, False)
    assert is_valid_provisional_code(value) in (True, False)


@given(texts, card_type_spellings)
def test_serial_positions_point_at_what_was_typed(value: str, card_type: CardType | str) -> None:
    for issue in check_serial(value, card_type=card_type).issues:
        if issue.code == "serial.character":
            assert issue.position is not None
            assert not ("0" <= value[issue.position] <= "9")
        if issue.code == "serial.prefix_removed":
            assert issue.position is not None
            assert value[issue.position] == "8"


# --- The fast paths agree with the full checks ------------------------------------
#
# check_provisional_code and check_serial settle the usual input (the right
# characters, compact or split by spaces, nothing to report) before the full
# check, and the is_valid_* functions decide without building a result. These
# tests hold each shortcut to what the full check alone says, on any input.

# Inputs near the rules: right and wrong lengths, dates, the issuer number,
# with spaces or other separators, or a stray character.
near_codes = st.one_of(
    codes.flatmap(spaced),
    st.text(CODE_ALPHABET + " ", min_size=10, max_size=15),
    codes.map(lambda code: code[:5] + "é" + code[6:]),
)
near_serials = st.one_of(
    serials().flatmap(lambda pair: spaced(pair[0])),
    st.text(string.digits + " ", min_size=7, max_size=22),
    st.text(string.digits, min_size=11, max_size=11).map(lambda text: "8025000002" + text),
    st.sampled_from(["31122000", "01011999", "29022001", "80250000", "80250000025", "5000002"]),
    st.text(string.digits, min_size=11, max_size=11).map(lambda text: text[:4] + "O" + text[5:]),
)


def full_code_check(value: str) -> Check[Any]:
    if len(value) > provisional_code.MAX_INPUT_LENGTH:  # refused before any scan, on both paths
        return check_provisional_code(value)
    return provisional_code._check_in_full(value, remove_separators(value), False)


@given(near_codes | texts)
def test_code_fast_path_agrees_with_the_full_check(value: str) -> None:
    expected = full_code_check(value)
    assert check_provisional_code(value) == expected
    assert is_valid_provisional_code(value) == expected.valid


@given(near_serials | texts, card_type_spellings, st.booleans())
def test_serial_fast_path_agrees_with_the_full_check(
    value: str, card_type: CardType | str, strict: bool
) -> None:
    resolved, card_type_issue = resolve(card_type)
    earlier = [] if card_type_issue is None else [card_type_issue]
    expected = serial.check_digits(value, resolved, earlier, strict)
    assert check_serial(value, card_type=card_type, strict=strict) == expected
    assert is_valid_serial(value, card_type=card_type, strict=strict) == expected.valid
