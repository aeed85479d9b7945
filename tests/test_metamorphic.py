"""Metamorphic properties: changes to an input that must not change the verdict.

No oracle says whether arbitrary text is a NIR, but some transformations must
keep the answer whatever it is: separators, case, the way a number is typed.
"""

from __future__ import annotations

from hypothesis import assume, given
from hypothesis import strategies as st

from vitale_ids import check_nir, is_valid_nir, parse_nir
from vitale_ids.nir import MAX_INPUT_LENGTH
from vitale_ids.strategies import InvalidNir, invalid_nirs, nir_inputs, nirs

# Everything the clean-up drops: ASCII and Unicode white space, no-break
# spaces, dots, hyphens and dashes, and the invisible characters people paste.
SEPARATORS = (
    " ",
    "\t",
    "\n",
    "\u00a0",
    "\u202f",
    "\u2009",
    "\u3000",
    ".",
    "-",
    "\u2010",
    "\u2013",
    "\u2014",
    "\u2012",
    "\u00ad",
    "\u200b",
    "\u2060",
    "\ufeff",
)

# Inputs of every sort: valid and typed NIRs, NIRs wrong in one way, and noise.
inputs = st.one_of(
    nir_inputs(),
    invalid_nirs().map(lambda bad: bad.value),
    nirs().map(str.lower),
    st.text(st.sampled_from("0123456789AaBb 2"), max_size=20),
    st.text(max_size=20),
)


@st.composite
def with_separators(draw: st.DrawFn, value: str) -> str:
    """``value`` with separators inserted anywhere, within the input limit."""
    room = MAX_INPUT_LENGTH - len(value)
    insertions = draw(
        st.lists(
            st.tuples(st.integers(0, len(value)), st.sampled_from(SEPARATORS)),
            max_size=max(0, min(room, 12)),
        )
    )
    for index, separator in sorted(insertions, reverse=True):
        value = value[:index] + separator + value[index:]
    return value


def without_separators(value: str) -> str:
    return "".join(char for char in value if char not in SEPARATORS and not char.isspace())


@given(inputs, st.data())
def test_adding_separators_never_changes_validity(value: str, data: st.DataObject) -> None:
    assume(len(value) <= MAX_INPUT_LENGTH)
    spaced = data.draw(with_separators(value))
    for strict in (False, True):
        assert is_valid_nir(spaced, strict=strict) == is_valid_nir(value, strict=strict)
    assert [i.code for i in check_nir(spaced).issues] == [i.code for i in check_nir(value).issues]


@given(inputs)
def test_removing_separators_never_changes_validity(value: str) -> None:
    assume(len(value) <= MAX_INPUT_LENGTH)
    assert is_valid_nir(without_separators(value)) == is_valid_nir(value)


@given(inputs)
def test_upper_casing_never_changes_a_nirs_validity(value: str) -> None:
    upper = value.upper()
    assume(len(upper) <= MAX_INPUT_LENGTH and len(value) <= MAX_INPUT_LENGTH)
    for strict in (False, True):
        assert is_valid_nir(upper, strict=strict) == is_valid_nir(value, strict=strict)


@given(nirs())
def test_case_never_changes_a_valid_nir(value: str) -> None:
    assert parse_nir(value.lower()) == parse_nir(value) == parse_nir(value.upper())


@given(nirs(), st.data())
def test_typed_forms_normalize_to_the_compact_form(value: str, data: st.DataObject) -> None:
    typed = data.draw(nir_inputs(compact=st.just(value)))
    assert parse_nir(typed) == parse_nir(value)
    codes = [issue.code for issue in check_nir(value).warnings]
    assert [issue.code for issue in check_nir(typed).warnings] == codes


@given(invalid_nirs(), st.data())
def test_typing_a_wrong_number_keeps_its_error(bad: InvalidNir, data: st.DataObject) -> None:
    typed = data.draw(with_separators(bad.value))
    assert [issue.code for issue in check_nir(typed).errors] == [bad.code]
    if bad.position is not None:
        # The position follows the character into what was typed.
        (issue,) = check_nir(typed).errors
        assert issue.position is not None
        assert typed[issue.position] == bad.value[bad.position]
