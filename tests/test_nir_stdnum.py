"""Differential test: vitale_ids and python-stdnum on the same NIRs.

python-stdnum checks the characters, the length and the key, and drops spaces
and dots. vitale_ids checks the parts too (sex digit, month, order number), and
drops more separators. On every number where those extra rules do not come
into play, both must say the same; where they do, the difference is the one
documented here, and only that one.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from synthetic import key_of
from vitale_ids import is_valid_nir

DIGITS = "0123456789"
GENUINE_MONTHS = [*range(1, 13), *range(20, 100)]


@st.composite
def shaped(draw: st.DrawFn, sexes: str, months: list[int], orders: st.SearchStrategy[int]) -> str:
    """15 characters in the shape of a NIR; the key is right half of the time."""
    sex = draw(st.sampled_from(sexes))
    year = draw(st.integers(0, 99))
    month = draw(st.sampled_from(months))
    department = draw(st.sampled_from(["2A", "2B"]) | st.text(DIGITS, min_size=2, max_size=2))
    commune = draw(st.text(DIGITS, min_size=3, max_size=3))
    body = f"{sex}{year:02d}{month:02d}{department}{commune}{draw(orders):03d}"
    key = key_of(body) if draw(st.booleans()) else f"{draw(st.integers(0, 99)):02d}"
    return body + key


ordinary = shaped("123478", GENUINE_MONTHS, st.integers(1, 999))
genuine = ordinary.filter(lambda value: value[13:] == key_of(value[:13]))


def card_groups(value: str, separator: str) -> str:
    groups = (value[:1], value[1:3], value[3:5], value[5:7], value[7:10], value[10:13], value[13:])
    return separator.join(groups)


@given(ordinary, st.sampled_from(["", " ", "."]))
def test_same_answer_on_ordinary_numbers(value: str, separator: str) -> None:
    typed = card_groups(value, separator)
    assert is_valid_nir(typed) == stdnum_nir.is_valid(typed)


@given(genuine, st.integers(0, 14), st.sampled_from(DIGITS + "OlAB"))
def test_same_answer_after_a_typo(value: str, index: int, replacement: str) -> None:
    # From a genuine number: one typo cannot make a key right, so it cannot
    # make an impossible part with a right key (the difference tested below).
    typed = value[:index] + replacement + value[index + 1 :]
    assert is_valid_nir(typed) == stdnum_nir.is_valid(typed)


@given(ordinary, st.integers(0, 15))
def test_same_answer_on_a_wrong_length(value: str, cut: int) -> None:
    typed = value[:cut] + value[cut + 1 :] if cut < 15 else value + "0"
    assert is_valid_nir(typed) is False
    assert stdnum_nir.is_valid(typed) is False


@given(
    st.one_of(
        shaped("0569", GENUINE_MONTHS, st.integers(1, 999)),
        shaped("12", [0, *range(13, 20)], st.integers(1, 999)),
        shaped("12", list(range(1, 13)), st.just(0)),
    )
)
def test_only_difference_impossible_parts_with_a_right_key(value: str) -> None:
    # Sex 0/5/6/9, month 00/13-19, order 000: python-stdnum looks only at the
    # key, so it accepts them when the key is right. vitale_ids never does.
    assert is_valid_nir(value) is False
    assert stdnum_nir.is_valid(value) == (value[13:] == key_of(value[:13]))


@given(genuine)
def test_vitale_ids_also_drops_hyphens(value: str) -> None:
    typed = card_groups(value, "-")
    assert is_valid_nir(typed) is True
    assert stdnum_nir.is_valid(typed) is False
