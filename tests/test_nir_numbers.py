"""A compact NIR read as a number, as pandas.read_csv reads a column of them (#12).

A NIR never starts with 0, so its 15 digits as a number lose nothing: the NIR
functions check a whole number as its decimal text, never a silent ``False``.
"""

from __future__ import annotations

import pathlib

import pytest

from synthetic import ORDINARY, TEMPORARY, key_of
from vitale_ids import InvalidType, Nir, check_nir, is_valid_nir, nir_key, parse_nir
from vitale_ids import nir as nir_module

np = pytest.importorskip("numpy")
pd = pytest.importorskip("pandas")

WRONG_KEY = ORDINARY[:13] + f"{(int(key_of(ORDINARY[:13])) % 97) + 1:02d}"


@pytest.mark.parametrize(
    "number",
    [int(ORDINARY), np.int64(ORDINARY), np.uint64(ORDINARY), float(ORDINARY)],
    ids=["int", "int64", "uint64", "float"],
)
def test_a_whole_number_is_checked_as_its_text(number: object) -> None:
    assert is_valid_nir(number) is True
    assert check_nir(number).value == Nir(ORDINARY)  # type: ignore[arg-type]
    assert parse_nir(number).compact == ORDINARY  # type: ignore[arg-type]
    assert nir_module.compact(number) == ORDINARY  # type: ignore[arg-type]
    assert nir_module.format(number) == parse_nir(ORDINARY).format()  # type: ignore[arg-type]


def test_numbers_give_the_issues_of_their_text() -> None:
    assert check_nir(int(WRONG_KEY)) == check_nir(WRONG_KEY)
    assert check_nir(int(TEMPORARY), strict=True) == check_nir(TEMPORARY, strict=True)
    assert is_valid_nir(int(TEMPORARY))
    assert not is_valid_nir(int(TEMPORARY), strict=True)
    assert nir_key(int(ORDINARY[:13])) == ORDINARY[13:]


@pytest.mark.parametrize("value", [True, np.bool_(True), -int(ORDINARY), 1.5, float("nan")])
def test_other_numbers_are_refused_naming_dtype_str(value: object) -> None:
    assert is_valid_nir(value) is False
    with pytest.raises(InvalidType) as raised:
        check_nir(value)  # type: ignore[arg-type]
    assert raised.value.code == "nir.type"
    assert "dtype=str" in str(raised.value)
    assert "dtype=str" in raised.value.message_fr
    assert ORDINARY not in str(raised.value)


def test_pandas_read_csv_of_compact_nirs(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(f"nir\n{ORDINARY}\n{WRONG_KEY}\n{TEMPORARY}\n", encoding="utf-8")
    column = pd.read_csv(path)["nir"]
    assert column.dtype == np.int64  # what pandas makes of it, and why numbers are taken
    assert column.map(is_valid_nir).tolist() == [True, False, True]
    checks = column.map(check_nir)
    assert [check.valid for check in checks] == [True, False, True]
    assert [issue.code for issue in checks[1].errors] == ["nir.checksum"]
    assert [issue.code for issue in checks[2].warnings] == ["nir.temporary"]
    assert checks[0].value.compact == ORDINARY


def test_pandas_read_csv_with_a_missing_row_gives_floats(tmp_path: pathlib.Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text(f"nir\n{ORDINARY}\n\n{TEMPORARY}\n", encoding="utf-8")
    column = pd.read_csv(path, skip_blank_lines=False)["nir"]
    assert column.dtype == np.float64
    assert column.map(is_valid_nir).tolist() == [True, False, True]
    # The column API reads the same numbers the same way.
    from vitale_ids.columns import nir_is_valid

    assert nir_is_valid(column).to_pylist() == [True, None, True]
