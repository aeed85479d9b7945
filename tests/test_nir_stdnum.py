"""Differential tests: vitale_ids against python-stdnum's NIR module (a test-only dependency).

python-stdnum checks the characters, the length and the key, and drops spaces
and dots. vitale_ids checks the parts too (sex digit, month, order number), and
drops more separators. On numbers the online form accepts, and on every number
where those extra rules do not come into play, both must say the same; where
they do, vitale_ids refuses what stdnum accepts, never the other way round, and
the difference is the one documented here, and only that one. python-stdnum is
also the independent statement of the key formula that the rules module's
(``_nir_rules.key_of``) is held to.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from synthetic import key_of
from vitale_ids import is_valid_nir, nir_key, parse_nir
from vitale_ids.strategies import InvalidNir, invalid_nirs, nirs

DIGITS = "0123456789"
GENUINE_MONTHS = [*range(1, 13), *range(20, 100)]


@given(nirs(temporary=False, unknown_month=False))
def test_both_accept_what_the_online_form_accepts(value: str) -> None:
    assert is_valid_nir(value, strict=True)
    assert stdnum_nir.is_valid(value)
    assert stdnum_nir.compact(value) == parse_nir(value).compact


@given(nirs(temporary=False, unknown_month=False))
def test_both_format_alike(value: str) -> None:
    assert stdnum_nir.format(value) == parse_nir(value).format()


@given(invalid_nirs("checksum"))
def test_both_refuse_a_wrong_key(bad: InvalidNir) -> None:
    assert not is_valid_nir(bad.value)
    assert not stdnum_nir.is_valid(bad.value)


bodies = st.builds(
    lambda head, department, tail: head + department + tail,
    st.text("0123456789", min_size=5, max_size=5),
    st.sampled_from(["2A", "2B", *(f"{d:02d}" for d in range(100))]),
    st.text("0123456789", min_size=6, max_size=6),
)


@given(bodies)
def test_both_compute_the_same_key(body: str) -> None:
    assert nir_key(body) == stdnum_nir.calc_check_digits(body)


@given(nirs())
def test_stdnum_accepts_the_whole_genuine_space(value: str) -> None:
    # Temporary numbers and unknown months included: stdnum does not look at them.
    assert stdnum_nir.is_valid(value)


def rules_stdnum_does_not_check(value: str) -> bool:
    month = int(value[3:5])
    return value[0] in "123478" and (1 <= month <= 12 or month >= 20) and value[10:13] != "000"


@given(bodies, st.one_of(st.none(), st.integers(0, 99)))
def test_agreement_apart_from_the_rules_stdnum_does_not_check(body: str, key: int | None) -> None:
    # key None: the right key, so that the other rules are reached.
    value = body + (stdnum_nir.calc_check_digits(body) if key is None else f"{key:02d}")
    expected = stdnum_nir.is_valid(value) and rules_stdnum_does_not_check(value)
    assert is_valid_nir(value) == expected


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
