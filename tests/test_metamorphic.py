"""Metamorphic properties: changes to an input that must not change the verdict.

No oracle says whether arbitrary text is a NIR, but some transformations must
keep the answer whatever it is: separators, case, the way a number is typed.
"""

from __future__ import annotations

import string
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from vitale_ids import (
    CardType,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    parse_nir,
    parse_provisional_code,
)
from vitale_ids.nir import MAX_INPUT_LENGTH
from vitale_ids.strategies import (
    InvalidNir,
    invalid_nirs,
    nir_inputs,
    nirs,
    provisional_codes,
    serials,
)

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


@given(invalid_nirs(), st.data())
def test_typing_a_wrong_number_keeps_its_error(bad: InvalidNir, data: st.DataObject) -> None:
    typed = data.draw(with_separators(bad.value))
    assert [issue.code for issue in check_nir(typed).errors] == [bad.code]
    if bad.position is not None:
        # The position follows the character into what was typed.
        (issue,) = check_nir(typed).errors
        assert issue.position is not None
        assert typed[issue.position] == bad.value[bad.position]


# --- Code provisoire -------------------------------------------------------------

CODE_ALPHABET = string.ascii_letters + string.digits

code_inputs = st.one_of(
    provisional_codes(),
    st.text(st.sampled_from(CODE_ALPHABET), min_size=10, max_size=14),
    st.text(st.sampled_from(CODE_ALPHABET + " -.é１ıſß"), max_size=16),
    st.text(max_size=16),
)


def case_maps_into_ascii(value: str) -> bool:
    """Whether upper-casing turns a non-ASCII character into ASCII: ı -> I, ß -> SS, ﬁ -> FI."""
    return any(not char.isascii() and char.upper().isascii() for char in value)


@given(code_inputs, st.data())
def test_separators_never_change_a_codes_validity(value: str, data: st.DataObject) -> None:
    spaced = data.draw(with_separators(value))
    assert is_valid_provisional_code(spaced) == is_valid_provisional_code(value)
    codes = [issue.code for issue in check_provisional_code(value).issues]
    assert [issue.code for issue in check_provisional_code(spaced).issues] == codes


@given(code_inputs)
def test_upper_casing_never_changes_a_codes_validity(value: str) -> None:
    # A few non-ASCII letters upper-case into ASCII ones, which makes a wrong
    # code right: test_upper_casing_can_make_a_foreign_letter_ascii.
    assume(not case_maps_into_ascii(value))
    assert is_valid_provisional_code(value.upper()) == is_valid_provisional_code(value)


@given(provisional_codes())
def test_upper_casing_changes_a_codes_value(code: str) -> None:
    upper = parse_provisional_code(code.upper())
    assert upper.compact == code.upper()
    assert (upper == parse_provisional_code(code)) == (code == code.upper())


def test_upper_casing_can_make_a_foreign_letter_ascii() -> None:
    # The limit of the property above, kept in view: "ı" (dotless i) is refused,
    # its upper case "I" is a code character.
    assert not is_valid_provisional_code("ıK4b9Tq2Lm7k")
    assert is_valid_provisional_code("ıK4b9Tq2Lm7k".upper())


# --- Serial number ---------------------------------------------------------------

serial_inputs = st.one_of(
    serials().map(lambda serial: serial.compact),
    st.text(st.sampled_from(string.digits), min_size=7, max_size=22),
    st.text(st.sampled_from(string.digits + "O l٣"), max_size=22),
    st.text(max_size=16),
)


@given(serial_inputs, st.sampled_from(CardType), st.data())
def test_separators_never_change_a_serials_validity(
    value: str, card_type: CardType, data: st.DataObject
) -> None:
    spaced = data.draw(with_separators(value))
    for strict in (False, True):
        plain = check_serial(value, card_type=card_type, strict=strict)
        typed = check_serial(spaced, card_type=card_type, strict=strict)
        assert typed.valid == plain.valid
        assert [i.code for i in typed.issues] == [i.code for i in plain.issues]
        assert typed.value == plain.value


# --- The whole form ----------------------------------------------------------------

card_type_inputs = st.one_of(
    st.none(),
    st.sampled_from(CardType),
    st.sampled_from(["avec photo", "Sans photo", "vitale 2", "WITH_PHOTO", "photo?", ""]),
)


@st.composite
def forms(draw: st.DrawFn) -> dict[str, Any]:
    nir = draw(nirs() | inputs)
    serial = draw(
        serial_inputs
        # A part of the NIR, so that the serial-in-NIR rule comes up.
        | st.integers(0, 7).map(lambda start: nir[start : start + 8])
    )
    return {
        "provisional_code": draw(code_inputs),
        "nir": nir,
        "card_type": draw(card_type_inputs),
        "serial": serial,
    }


def form_codes(fields: dict[str, Any]) -> tuple[bool, list[str]]:
    result = check_form(**fields)
    return result.valid, [issue.code for issue in result.issues]


@given(forms(), st.data())
def test_separators_never_change_the_forms_verdict(
    fields: dict[str, Any], data: st.DataObject
) -> None:
    spaced = {
        name: data.draw(with_separators(value)) if isinstance(value, str) else value
        for name, value in fields.items()
    }
    assert form_codes(spaced) == form_codes(fields)


@pytest.mark.parametrize("card_type", [".", "-", " - ", "\u200b"])
def test_a_card_type_of_separators_alone_counts_as_missing(card_type: str) -> None:
    fields = {
        "provisional_code": "a1B2c3D4e5F6",
        "nir": "185057800608491",
        "card_type": card_type,
        "serial": "12345678901",
    }
    assert form_codes(fields) == form_codes({**fields, "card_type": ""})


@given(forms())
def test_upper_casing_never_changes_the_forms_verdict(fields: dict[str, Any]) -> None:
    assume(
        not any(case_maps_into_ascii(value) for value in fields.values() if isinstance(value, str))
    )
    upper = {
        name: value.upper() if isinstance(value, str) else value for name, value in fields.items()
    }
    assume(
        all(len(value) <= MAX_INPUT_LENGTH for value in upper.values() if isinstance(value, str))
    )
    assert form_codes(upper) == form_codes(fields)
