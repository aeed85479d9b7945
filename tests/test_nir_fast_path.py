"""The NIR fast path agrees with the full check, on any input.

``is_valid_nir`` and ``check_nir`` accept the usual input on a fast path (the
one reading of the digits, the key formula and tables derived from the rules),
and reject there only a wrong key; everything else goes to the full check
(``_check_in_full``), which finds and words every issue. These tests hold them
together: same validity, and for ``check_nir`` the very same result, positions
and messages included.
"""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from synthetic import PUBLIC_2A, PUBLIC_2B, PUBLIC_ABROAD, key_of
from vitale_ids import Check, Nir, check_nir, is_valid_nir
from vitale_ids.nir import MAX_INPUT_LENGTH, _check_in_full, compact

DIGITS = "0123456789"


def full_check(value: str, strict: bool) -> Check[Nir]:
    """The result of the full check alone, with no fast path."""
    if len(value) > MAX_INPUT_LENGTH:  # refused before any scan, on both paths
        return check_nir(value, strict=strict)
    return _check_in_full(value, compact(value), strict)


def assert_agree(value: str) -> None:
    for strict in (False, True):
        expected = full_check(value, strict)
        assert check_nir(value, strict=strict) == expected, (value, strict)
        assert is_valid_nir(value, strict=strict) == expected.valid, (value, strict)


# Every shape of the 15 characters: any sex digit, month, department, order
# and key, not only the genuine ones. The key is right half of the time, so that
# the other rules are reached.
@st.composite
def nir_shaped(draw: st.DrawFn) -> str:
    sex = draw(st.sampled_from(DIGITS))
    year = draw(st.text(DIGITS, min_size=2, max_size=2))
    month = draw(st.integers(0, 99))
    department = draw(st.sampled_from(["2A", "2B"]) | st.text(DIGITS, min_size=2, max_size=2))
    commune = draw(st.text(DIGITS, min_size=3, max_size=3))
    order = draw(st.sampled_from([0, 1, 999]) | st.integers(0, 999))
    body = f"{sex}{year}{month:02d}{department}{commune}{order:03d}"
    right_key = draw(st.booleans())
    key = key_of(body) if right_key else f"{draw(st.integers(0, 99)):02d}"
    return body + key


# What people do to a number: separators of every kind, lower case, a stray
# character, a character left out or typed twice.
@st.composite
def near_nirs(draw: st.DrawFn) -> str:
    value = draw(nir_shaped())
    if draw(st.booleans()):
        value = value.lower()
    edits = draw(st.lists(st.integers(0, 4), max_size=3))
    for edit in edits:
        index = draw(st.integers(0, len(value)))
        if edit == 0:
            separator = draw(st.sampled_from([" ", ".", "-", "\u00a0", "\u2013", "\t", "\u200b"]))
            value = value[:index] + separator + value[index:]
        elif edit == 1:
            stray = draw(st.sampled_from(["O", "l", "_", "+", "１", "٣", "é", "2", "a"]))
            value = value[:index] + stray + value[index:]
        elif edit == 2:
            value = value[:index] + value[index + 1 :]
        elif edit == 3 and value:
            value = value[: index % len(value)] + value[index % len(value) :] * 2
        else:
            value = draw(st.sampled_from([" ", "", "\n"])) + value
    return value


@given(nir_shaped())
@example("185057800608491")
@example("000000000000000")
@example("185057800000025")  # order 000
@example("1851300000001" + key_of("1851300000001"))  # month 13, in a small place number
def test_fast_path_agrees_on_every_15_digit_shape(value: str) -> None:
    assert_agree(value)


@given(near_nirs())
@example(" 18505780060849")  # int() would take the leading space
@example("1_8505780060849")  # and an underscore between digits
@example("+18505780060849")
@example("-18505780060849")
@example("1 85 05 78 006 084 19")  # a wrong key, typed with spaces
@example("1 85 05 78 006 084 1 9")  # and a space inside the key
@example("1850578006084")  # the key left out
@example("1850578006000")  # and order 000
@example("1851300000001")  # and month 13, in a small place number
@example("0850578006084")  # and a first digit that is no sex
@example("18505780060849")  # a digit left out
@example("1850578006084911")  # a digit typed twice
@example("2 53 07 2a 073 004 43")  # Corsica, lower case, with spaces
@example("253072a07300444")  # and a wrong key
def test_fast_path_agrees_on_near_nirs(value: str) -> None:
    assert_agree(value)


@given(st.text(max_size=MAX_INPUT_LENGTH + 5))
def test_fast_path_agrees_on_any_text(value: str) -> None:
    assert_agree(value)


@given(st.text(alphabet=DIGITS + "AaBb -.", max_size=20))
def test_fast_path_agrees_on_digit_soup(value: str) -> None:
    assert_agree(value)


def test_fast_path_agrees_on_every_sex_month_and_order_edge() -> None:
    # Exhaustive over the parts the arithmetic decodes, with a right key and
    # with the three keys that are never right (00, 98, 99).
    for sex, month, order in itertools.product(DIGITS, range(100), ("000", "001", "999")):
        body = f"{sex}85{month:02d}78006{order}"
        for key in (key_of(body), "00", "98", "99"):
            assert_agree(body + key)


@pytest.mark.parametrize("value", [PUBLIC_ABROAD, PUBLIC_2A, PUBLIC_2B, PUBLIC_2A.lower()])
def test_fast_path_agrees_on_the_public_examples(value: str) -> None:
    assert_agree(value)
    assert is_valid_nir(value)


def test_a_str_subclass_gives_a_plain_str() -> None:
    class Text(str):
        pass

    result = check_nir(Text("185057800608491"))
    assert result.value is not None
    assert type(result.value.compact) is str
    assert result == check_nir("185057800608491")


def test_only_2a_and_2b_are_read_as_corsica() -> None:
    # Every ASCII letter after a 2, with the key it would have as 2A and as 2B.
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz":
        for as_corsica in ("2A", "2B"):
            body = f"18505{as_corsica}006084"
            value = f"185052{letter}006084{key_of(body)}"
            assert_agree(value)
            assert is_valid_nir(value) == ("2" + letter.upper() == as_corsica)
