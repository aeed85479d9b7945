"""vitale_ids.columns through the real engines: pandas.read_csv, Polars, DuckDB SQL.

Spark runs in its own module (tests/test_columns_spark.py), with one session.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import polars as pl
import pytest

from vitale_ids import CardType, check_nir, check_provisional_code, check_serial, is_valid_nir
from vitale_ids.columns import pandas as vpd
from vitale_ids.columns import polars as vpl
from vitale_ids.columns import register_duckdb
from vitale_ids.strategies import nirs

NIRS = [
    "185057800608491",
    "1 85 05 78 006 084 19",
    "253072a07300443",
    "785057800608482",
    "1850578006084",
    "1.85.05.78.006.084.91",
    "1O5057800608491",
    "",
]


def first_code(result: Any) -> str | None:
    return result.errors[0].code if result.errors else None


def test_pandas_read_csv_of_compact_nirs_is_int64_and_checked_as_text(tmp_path: Path) -> None:
    from hypothesis import find

    valid = find(nirs(temporary=False, unknown_month=False), lambda nir: nir[5:7].isdigit())
    wrong_key = valid[:13] + f"{(int(valid[13:]) % 97) + 1:02d}"
    path = tmp_path / "claims.csv"
    path.write_text(f"id,nir\n1,{valid}\n2,{wrong_key}\n3,185057800608491\n", encoding="utf-8")
    frame = pd.read_csv(path)
    assert frame["nir"].dtype == "int64"  # read_csv makes numbers of compact NIRs
    valid_column = vpd.nir_is_valid(frame["nir"])
    assert valid_column.tolist() == [True, False, True]
    assert valid_column.index.equals(frame.index)
    checks = vpd.check_nir_column(frame["nir"])
    assert checks["code"].tolist()[1] == "nir.checksum"
    assert checks.loc[1, "position"] == 13


def test_pandas_keeps_missing_rows_missing(tmp_path: Path) -> None:
    path = tmp_path / "with_gaps.csv"
    path.write_text("nir\n185057800608491\n\n185057800608419\n", encoding="utf-8")
    frame = pd.read_csv(path, skip_blank_lines=False)
    assert frame["nir"].dtype == "float64"  # a missing row makes a float column
    assert vpd.nir_is_valid(frame["nir"]).tolist() == [True, pd.NA, False]


@pytest.mark.parametrize("dtype", [object, "string[pyarrow]", "string[python]", "str"])
def test_pandas_text_series_give_the_per_row_answers(dtype: object) -> None:
    series = pd.Series([*NIRS, None], index=list("abcdefghi"), dtype=dtype)
    result = vpd.check_nir_column(series)
    assert result.index.tolist() == list("abcdefghi")
    for value, (_, row) in zip(NIRS, result.iterrows(), strict=False):
        expected = check_nir(value)
        assert bool(row["valid"]) == expected.valid
        assert (None if pd.isna(row["code"]) else row["code"]) == first_code(expected)
    assert pd.isna(result.loc["i", "valid"])
    assert vpd.nir_is_valid(series).tolist()[:-1] == [is_valid_nir(v) for v in NIRS]


def test_pandas_codes_and_serials() -> None:
    codes = pd.Series(["xK4b 9Tq2 Lm7k", "xK4b9Tq2Lm7", None])
    assert vpd.provisional_code_is_valid(codes).tolist() == [True, False, pd.NA]
    result = vpd.check_provisional_code_column(codes)
    assert check_provisional_code("xK4b 9Tq2 Lm7k").valid
    assert pd.isna(result.loc[0, "code"])
    assert result.loc[1, "code"] == "code.length"
    assert pd.isna(result.loc[2, "valid"])
    serials = pd.Series(["123 456 789 01", "12345678"])
    card_types = pd.Series(["avec photo", "sans photo"])
    assert vpd.serial_is_valid(serials, card_type=card_types).tolist() == [True, True]
    wrong = vpd.check_serial_column(serials, card_type=CardType.WITH_PHOTO)
    assert wrong["code"].tolist()[1] == first_code(
        check_serial("12345678", card_type=CardType.WITH_PHOTO)
    )


def test_polars_expressions_in_with_columns() -> None:
    frame = pl.DataFrame({"nir": [*NIRS, None]})
    out = frame.with_columns(
        valid=vpl.nir_is_valid("nir"),
        strict=vpl.nir_is_valid(pl.col("nir"), strict=True),
        check=vpl.check_nir_column("nir"),
    )
    assert out["valid"].to_list() == [*(is_valid_nir(v) for v in NIRS), None]
    assert out["strict"].to_list()[3] is False  # a temporary number
    codes = out["check"].struct.field("code").to_list()
    assert codes == [*(first_code(check_nir(v)) for v in NIRS), None]
    warnings = out["check"].struct.field("warnings").to_list()
    assert warnings[3] == ["nir.temporary"]


def test_polars_lazy_frames_and_other_identifiers() -> None:
    frame = pl.LazyFrame({"code": ["xK4b 9Tq2 Lm7k", "xK4b"], "serial": ["123 456 789 01", "1"]})
    out = frame.select(
        vpl.provisional_code_is_valid("code"),
        vpl.check_serial_column("serial", card_type="avec photo").alias("serial_check"),
    ).collect()
    assert out["code"].to_list() == [True, False]
    assert out["serial_check"].struct.field("code").to_list() == [None, "serial.length"]


def test_duckdb_sql_over_the_registered_functions() -> None:
    con = duckdb.connect()
    register_duckdb(con)
    con.execute("CREATE TABLE people (nir VARCHAR)")
    con.executemany("INSERT INTO people VALUES (?)", [[v] for v in [*NIRS, None]])
    rows = con.execute(
        "SELECT nir, vitale_nir_is_valid(nir), vitale_nir_error(nir),"
        " vitale_nir_error_strict(nir) FROM people"
    ).fetchall()
    for nir, valid, error, strict_error in rows:
        if nir is None:
            assert (valid, error, strict_error) == (None, None, None)
            continue
        assert valid == is_valid_nir(nir)
        assert error == first_code(check_nir(nir))
        assert strict_error == first_code(check_nir(nir, strict=True))
    (count,) = con.execute(
        "SELECT count(*) FROM people WHERE NOT vitale_nir_is_valid_strict(nir)"
    ).fetchone() or (None,)
    assert count == sum(not is_valid_nir(v, strict=True) for v in NIRS)


def test_duckdb_codes_serials_and_an_integer_column(tmp_path: Path) -> None:
    con = duckdb.connect()
    register_duckdb(con)
    path = tmp_path / "nirs.csv"
    path.write_text("nir\n185057800608491\n185057800608419\n", encoding="utf-8")
    rows = con.execute(
        "SELECT typeof(nir), vitale_nir_is_valid(nir::VARCHAR) FROM read_csv(?)", [str(path)]
    ).fetchall()
    assert rows == [("BIGINT", True), ("BIGINT", False)]
    rows = con.execute(
        "SELECT vitale_provisional_code_is_valid(c), vitale_provisional_code_error(c),"
        " vitale_serial_is_valid(s, t), vitale_serial_error(s, t)"
        " FROM (VALUES ('xK4b 9Tq2 Lm7k', '123 456 789 01', 'avec photo'),"
        " ('xK4b', '12345678', 'avec photo'), (NULL, '12345678', NULL)) AS v(c, s, t)"
    ).fetchall()
    assert rows == [
        (True, None, True, None),
        (False, "code.length", False, "serial.length"),
        (None, None, None, None),
    ]


def test_duckdb_threads_share_the_functions() -> None:
    # Many vectors of 2,048 rows, checked by two DuckDB threads at once.
    con = duckdb.connect()
    con.execute("SET threads = 2")
    register_duckdb(con)
    values = [*NIRS, None] * 2_500
    source = pd.DataFrame({"row": range(len(values)), "nir": pd.Series(values, dtype=object)})
    con.register("source", source)
    con.execute("CREATE TABLE people AS SELECT row, nir::VARCHAR AS nir FROM source")
    rows = con.execute(
        "SELECT row, vitale_nir_is_valid(nir), vitale_nir_error(nir) FROM people ORDER BY row"
    ).fetchall()
    assert len(rows) == len(values)
    for (row, valid, error), nir in zip(rows, values, strict=True):
        assert row is not None
        if nir is None:
            assert (valid, error) == (None, None)
        else:
            assert (valid, error) == (is_valid_nir(nir), first_code(check_nir(nir)))
