"""Properties of the NIR checker over many synthetic numbers."""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from synthetic import key_of
from vitale_ids import check_nir, is_valid_nir, nir_key, parse_nir

DIGITS = "0123456789"

departments = st.one_of(
    st.integers(0, 99).map(lambda d: f"{d:02d}"),
    st.sampled_from(["2A", "2B"]),
)


@st.composite
def bodies(draw: st.DrawFn) -> str:
    """Any 13-character body with valid characters (components may be anything)."""
    head = draw(st.text(DIGITS, min_size=5, max_size=5))
    tail = draw(st.text(DIGITS, min_size=6, max_size=6))
    return head + draw(departments) + tail


@st.composite
def valid_nirs(draw: st.DrawFn) -> str:
    sex = draw(st.sampled_from("123478"))
    year = draw(st.integers(0, 99))
    month = draw(st.one_of(st.integers(1, 12), st.integers(20, 99)))
    place = draw(departments) + draw(st.text(DIGITS, min_size=3, max_size=3))
    order = draw(st.integers(1, 999))
    body = f"{sex}{year:02d}{month:02d}{place}{order:03d}"
    return body + key_of(body)


def key_errors(value: str) -> set[str]:
    return {issue.code for issue in check_nir(value).errors} & {"nir.checksum", "nir.key_range"}


@given(bodies())
def test_every_body_has_exactly_one_key(body: str) -> None:
    # The other parts may be wrong here: only the key is under test.
    keys = [key for key in range(100) if not key_errors(f"{body}{key:02d}")]
    assert keys == [int(nir_key(body))]
    assert 1 <= keys[0] <= 97


@given(valid_nirs())
def test_valid_numbers_are_valid(value: str) -> None:
    assert is_valid_nir(value)
    assert check_nir(value).errors == ()


@given(valid_nirs(), st.data())
def test_every_single_substitution_is_refused(value: str, data: st.DataObject) -> None:
    index = data.draw(st.integers(0, 14))
    replacement = data.draw(st.sampled_from(DIGITS + "AB"))
    assume(replacement != value[index])
    changed = value[:index] + replacement + value[index + 1 :]
    assert not is_valid_nir(changed)


@given(valid_nirs(), st.integers(0, 13))
def test_every_adjacent_transposition_is_refused(value: str, index: int) -> None:
    assume(value[index] != value[index + 1])
    swapped = value[:index] + value[index + 1] + value[index] + value[index + 2 :]
    assert not is_valid_nir(swapped)


@given(valid_nirs(), st.sampled_from(["", " ", ".", "-"]))
def test_parse_format_round_trip(value: str, sep: str) -> None:
    nir = parse_nir(value)
    assert parse_nir(nir.format()) == nir
    assert parse_nir(nir.format(sep)) == nir
    assert nir.format("") == nir.compact == value


@given(st.text(max_size=80))
def test_check_never_raises_on_text(value: str) -> None:
    result = check_nir(value)
    assert result.valid == (result.errors == ())
    assert (result.value is not None) == result.valid
    for issue in result.issues:
        assert issue.position is None or 0 <= issue.position < len(value)


@given(
    st.text(alphabet=st.characters(codec="utf-8") | st.sampled_from("0123456789 2AB"), max_size=40)
)
def test_positions_point_at_what_was_typed(value: str) -> None:
    for issue in check_nir(value).errors:
        if issue.code == "nir.character":
            assert issue.position is not None
            assert not ("0" <= value[issue.position] <= "9")


@given(st.from_type(object))
def test_is_valid_never_raises_on_any_object(value: object) -> None:
    assert is_valid_nir(value) in (True, False)
