"""vitale_ids.columns gives, on every row, exactly what the per-row checks give.

The kernels decide most rows in NumPy and leave the others to the per-row
checker; these properties hold both to the per-row answers on lists of texts
of every kind: valid identifiers of every family, their mutations, spacing,
separators, Unicode, empty and very long texts, and nulls.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from unittest import mock

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from vitale_ids import (
    CardType,
    Check,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
)
from vitale_ids.columns import (
    _arrow,
    _nir,
    check_nir_column,
    check_provisional_code_column,
    check_serial_column,
    nir_is_valid,
    provisional_code_is_valid,
    serial_is_valid,
)
from vitale_ids.strategies import invalid_nirs, nir_inputs, nirs, provisional_codes, serials

DIGITS = "0123456789"


def expected_row(result: Check[Any]) -> dict[str, object]:
    first = result.errors[0] if result.errors else None
    return {
        "valid": result.valid,
        "code": None if first is None else first.code,
        "position": None if first is None else first.position,
        "warnings": [issue.code for issue in result.warnings],
    }


def mutate(text: str, draw: st.DrawFn) -> str:
    """One typo: a character replaced, dropped, doubled, or two swapped."""
    if not text:
        return draw(st.sampled_from(["", " ", "1"]))
    index = draw(st.integers(0, len(text) - 1))
    kind = draw(st.sampled_from(["replace", "drop", "double", "swap", "case", "insert"]))
    if kind == "replace":
        new = draw(st.sampled_from(DIGITS + "AaBbOl ._-\u00a0\t１é"))
        return text[:index] + new + text[index + 1 :]
    if kind == "drop":
        return text[:index] + text[index + 1 :]
    if kind == "double":
        return text[:index] + text[index] + text[index:]
    if kind == "swap" and index + 1 < len(text):
        return text[:index] + text[index + 1] + text[index] + text[index + 2 :]
    if kind == "case":
        return text[:index] + text[index].swapcase() + text[index + 1 :]
    return text[:index] + draw(st.sampled_from(" .\u00a0\u200b")) + text[index:]


@st.composite
def nir_texts(draw: st.DrawFn) -> str | None:
    kind = draw(st.integers(0, 9))
    if kind == 0:
        return None
    if kind <= 3:
        return draw(nirs())
    if kind == 4:
        return draw(nir_inputs())
    if kind == 5:
        return draw(invalid_nirs()).value
    if kind <= 7:
        base = draw(nirs() | nir_inputs())
        for _ in range(draw(st.integers(1, 2))):
            base = mutate(base, draw)
        return base
    if kind == 8:
        return draw(st.text(DIGITS + "  AaBb", max_size=20))
    return draw(
        st.sampled_from(["", " ", "   ", "1" * 65, "1" * 64, " " * 70, "2" * 200, "é" * 20])
        | st.text(max_size=70)
    )


def assert_same_checks(
    values: Sequence[str | None], result: pa.StructArray, check: Any, strict: bool
) -> None:
    assert result.type == _arrow.RESULT_TYPE
    assert len(result) == len(values)
    for value, row in zip(values, result.to_pylist(), strict=True):
        if value is None:
            assert row is None
        else:
            assert row == expected_row(check(value, strict=strict)), value


@given(st.lists(nir_texts(), max_size=40), st.booleans())
@example(["185057800608491", None, "253072a07300443", "1 85 05 78 006 084 91"], False)
@example(["785957800608400", "3850578006084", "0" * 13, "1850500000084 91"], True)
@example(
    [
        "1 85 05 78 006 084 19",
        "0 85 05 78 006 084 91",
        "7 85 15 78 006 084 91",
        "1 85 05 78 006 O84 91",
        "2 53 07 2a 073 004 43",
        "1 85 05 78 000 000 91",
        "1 85 05 78 006 084 9.",
        "1850578006084 ",
        "18505780060849l",
    ],
    False,
)
def test_check_nir_column_is_check_nir_on_every_row(values: list[str | None], strict: bool) -> None:
    assert_same_checks(values, check_nir_column(values, strict=strict), check_nir, strict)
    valid = nir_is_valid(values, strict=strict).to_pylist()
    assert valid == [None if v is None else is_valid_nir(v, strict=strict) for v in values]


@given(st.lists(nirs(), min_size=1, max_size=30), st.booleans())
def test_a_column_of_valid_nirs_takes_the_uniform_route(values: list[str], strict: bool) -> None:
    # All 15 characters: the rows are read straight from the Arrow buffer.
    column = pa.array(values, pa.string())
    expected = [is_valid_nir(value, strict=strict) for value in values]
    assert nir_is_valid(column, strict=strict).to_pylist() == expected
    assert_same_checks(values, check_nir_column(column, strict=strict), check_nir, strict)


# The kernel reads a row one of several ways, chosen by how many rows of a
# kind a block has: every way must give the per-row answers. Each route sets
# the thresholds so that one way is always taken.
ROUTES = {
    "second pass always": ("GATHER_AT_LEAST", 0),
    "per-row checker for the rest": ("GATHER_AT_LEAST", 10**9),
    "card layouts word by word": ("_CARDS_BY_WORD_FROM", 0),
    "card layouts as bytes": ("_CARDS_BY_WORD_FROM", 10**9),
    "rows read in place": ("_COPY_UNDER", 0),
    "rows read from a copy": ("_COPY_UNDER", 10**9),
}


@pytest.mark.parametrize("route", list(ROUTES))
@given(st.lists(nir_texts(), max_size=40), st.booleans())
@example(
    ["1 85 05 78 006 084 91", "2 53 07 2A 073 004 43", "1 85 05 78 0O6 084 91", "1850578006084"],
    False,
)
@example(["1 85 05 78 006 084 9", "1 85 05 78 006 0844 91", "1 85 05 78 006 084 91 ", "  "], True)
def test_every_route_of_the_kernel_gives_the_per_row_answers(
    route: str, values: list[str | None], strict: bool
) -> None:
    with mock.patch.object(_nir, *ROUTES[route]):
        assert_same_checks(values, check_nir_column(values, strict=strict), check_nir, strict)
        valid = nir_is_valid(values, strict=strict).to_pylist()
    assert valid == [None if v is None else is_valid_nir(v, strict=strict) for v in values]


def test_a_row_at_the_very_end_of_the_data_is_read_whole() -> None:
    # The last row ends where Arrow's data buffer ends: nothing may be read past it.
    for size in range(1, 20):
        values = ["1" * (size % 17), "185057800608491"][:: 1 if size % 2 else -1]
        column = pa.array(values, pa.string())
        with mock.patch.object(_nir, "_COPY_UNDER", 0):
            checked = check_nir_column(column).to_pylist()
        assert checked == [expected_row(check_nir(value)) for value in values]


@st.composite
def code_texts(draw: st.DrawFn) -> str | None:
    kind = draw(st.integers(0, 5))
    if kind == 0:
        return None
    code = draw(provisional_codes())
    if kind == 1:
        return code
    if kind == 2:
        return " ".join(code[i : i + 4] for i in range(0, 12, 4))
    if kind == 3:
        return mutate(code, draw)
    if kind == 4:
        return draw(st.text(DIGITS + "aZ -", max_size=20))
    return draw(st.text(max_size=70))


@given(st.lists(code_texts(), max_size=30), st.booleans())
def test_the_code_columns_are_the_per_row_checks(values: list[str | None], strict: bool) -> None:
    assert_same_checks(
        values,
        check_provisional_code_column(values, strict=strict),
        check_provisional_code,
        strict,
    )
    valid = provisional_code_is_valid(values, strict=strict).to_pylist()
    expected = [None if v is None else is_valid_provisional_code(v, strict=strict) for v in values]
    assert valid == expected


@st.composite
def serial_texts(draw: st.DrawFn) -> str | None:
    kind = draw(st.integers(0, 6))
    if kind == 0:
        return None
    if kind <= 2:
        return draw(serials()).compact
    if kind == 3:
        return "8025000002" + draw(serials(CardType.WITH_PHOTO)).compact
    if kind == 4:
        return mutate(draw(serials()).compact, draw)
    if kind == 5:
        return draw(
            st.sampled_from(["80250000025", "50000002", "01012000", "31022001", "29022000"])
            | st.text(DIGITS + " ", max_size=24)
        )
    return draw(st.text(max_size=70))


CARD_TYPES = [CardType.WITH_PHOTO, CardType.WITHOUT_PHOTO, "avec photo", "sans photo", "vitale 3"]


@given(st.lists(serial_texts(), max_size=30), st.sampled_from(CARD_TYPES), st.booleans())
def test_the_serial_columns_are_the_per_row_checks(
    values: list[str | None], card_type: CardType | str, strict: bool
) -> None:
    result = check_serial_column(values, card_type=card_type, strict=strict)

    def check(value: str, strict: bool) -> Check[Any]:
        return check_serial(value, card_type=card_type, strict=strict)

    assert_same_checks(values, result, check, strict)
    valid = serial_is_valid(values, card_type=card_type, strict=strict).to_pylist()
    expected = [
        None if v is None else is_valid_serial(v, card_type=card_type, strict=strict)
        for v in values
    ]
    assert valid == expected


@given(
    st.lists(st.tuples(serial_texts(), st.sampled_from([*CARD_TYPES, None])), max_size=30),
    st.booleans(),
)
def test_a_column_of_card_types_is_read_row_by_row(
    rows: list[tuple[str | None, CardType | str | None]], strict: bool
) -> None:
    values = [value for value, _ in rows]
    card_types = [card.value if isinstance(card, CardType) else card for _, card in rows]
    result = check_serial_column(values, card_type=card_types, strict=strict).to_pylist()
    valid = serial_is_valid(values, card_type=card_types, strict=strict).to_pylist()
    for (value, card), row, is_valid in zip(rows, result, valid, strict=True):
        if value is None or card is None:
            assert row is None
            assert is_valid is None
        else:
            assert row == expected_row(check_serial(value, card_type=card, strict=strict))
            assert is_valid == is_valid_serial(value, card_type=card, strict=strict)


# --- Inputs ----------------------------------------------------------------------------------

VALUES = ["185057800608491", None, "1 85 05 78 006 084 19", "253072B07300470"]


@pytest.mark.parametrize(
    "column",
    [
        pa.array(VALUES, pa.string()),
        pa.array(VALUES, pa.large_string()),
        pa.chunked_array([VALUES[:1], VALUES[1:]], pa.string()),
        pa.array(VALUES, pa.string()).slice(0),
        np.array(VALUES, dtype=object),
        iter(VALUES),
        tuple(VALUES),
    ],
    ids=["string", "large_string", "chunked", "slice", "numpy", "iterator", "tuple"],
)
def test_every_kind_of_column_gives_the_same_answers(column: object) -> None:
    assert nir_is_valid(column).to_pylist() == [True, None, False, True]


def test_a_slice_of_an_arrow_array_is_read_from_its_offset() -> None:
    array = pa.array(["x", *VALUES, "185057800608491"])
    assert nir_is_valid(array.slice(1, 4)).to_pylist() == [True, None, False, True]
    assert check_nir_column(array.slice(2, 2)).to_pylist()[1]["code"] == "nir.checksum"


def test_blocks_are_joined_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_arrow, "BLOCK_ROWS", 3)
    values = [f"{value}" if value else value for value in VALUES * 5]
    assert nir_is_valid(values).to_pylist() == [True, None, False, True] * 5
    codes = [row and row["code"] for row in check_nir_column(values).to_pylist()]
    assert codes == [None, None, "nir.checksum", None] * 5


def test_integers_are_read_as_their_decimal_text() -> None:
    numbers = np.array([185057800608491, 185057800608419, 85057800608491], dtype=np.int64)
    assert nir_is_valid(numbers).to_pylist() == [True, False, False]
    codes = [row["code"] for row in check_nir_column(numbers).to_pylist()]
    assert codes == [None, "nir.checksum", "nir.length"]


def test_a_value_that_is_not_text_is_refused_as_check_nir_refuses_it() -> None:
    from vitale_ids import InvalidType

    with pytest.raises(InvalidType, match="got bytes"):
        check_nir_column(["185057800608491", b"185057800608491"])
    with pytest.raises(InvalidType):
        nir_is_valid("185057800608491")  # a str is one value, not a column


@pytest.mark.parametrize("text", ["1" * 100_000, " " * 100_000, "é" * 100_000, "\x00" * 15])
def test_hostile_rows_get_the_per_row_answers(text: str) -> None:
    for strict in (False, True):
        got = check_nir_column([text], strict=strict).to_pylist()[0]
        assert got == expected_row(check_nir(text, strict=strict))
        assert nir_is_valid([text], strict=strict).to_pylist() == [False]
        code = check_provisional_code_column([text]).to_pylist()[0]
        assert code == expected_row(check_provisional_code(text))
        serial = check_serial_column([text], card_type=CardType.WITH_PHOTO).to_pylist()[0]
        assert serial == expected_row(check_serial(text, card_type=CardType.WITH_PHOTO))


def test_a_lone_surrogate_is_no_text_arrow_can_hold() -> None:
    # Not UTF-8: no CSV file, Arrow column or database text holds it. Arrow refuses it.
    with pytest.raises(UnicodeEncodeError):
        check_nir_column(["185057800608491", "\ud800"])


def test_an_empty_column_gives_an_empty_result() -> None:
    assert len(nir_is_valid([])) == 0
    assert check_nir_column(pa.array([], pa.string())).type == _arrow.RESULT_TYPE


def test_import_vitale_ids_loads_neither_numpy_nor_pyarrow() -> None:
    import subprocess
    import sys

    code = "import sys, vitale_ids; print('numpy' in sys.modules, 'pyarrow' in sys.modules)"
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["False", "False"]
