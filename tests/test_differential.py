"""Differential tests: vitale_ids against python-stdnum's NIR module (a test-only dependency).

python-stdnum checks the characters, the length and the key, and nothing else.
On numbers the online form accepts, both must agree; where vitale_ids is
stricter (sex digit, month, order number) it refuses what stdnum accepts, never
the other way round.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from stdnum.fr import nir as stdnum_nir

from vitale_ids import is_valid_nir, nir_key, parse_nir
from vitale_ids.strategies import InvalidNir, invalid_nirs, nirs


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
