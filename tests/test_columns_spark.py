"""vitale_ids.columns.spark in Spark local mode: one session for the module, small data.

The same code as the Spark example of docs/columns.md, which is not a doctest
(a Spark session takes seconds to start).
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from typing import Any

import pytest

from vitale_ids import check_nir, check_serial, is_valid_nir

pytestmark = pytest.mark.filterwarnings(
    "ignore:PySpark does not yet fully support pandas:FutureWarning"
)

NIRS = [
    "185057800608491",
    "1 85 05 78 006 084 19",
    "253072a07300443",
    "785057800608482",
    "1850578006084",
    "1.85.05.78.006.084.91",
    "1O5057800608491",
    "",
    None,
]


@pytest.fixture(scope="module")
def spark() -> Iterator[Any]:
    from pyspark.sql import SparkSession

    # The executors' Python workers must import vitale_ids: the interpreter running the tests.
    os.environ["PYSPARK_PYTHON"] = sys.executable
    session = (
        SparkSession.builder.master("local[2]")
        .appName("vitale_ids tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .config("spark.driver.memory", "1g")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def expected(value: str | None, strict: bool = False) -> tuple[object, ...] | None:
    if value is None:
        return None
    result = check_nir(value, strict=strict)
    first = result.errors[0] if result.errors else None
    return (
        result.valid,
        first and first.code,
        first and first.position,
        [issue.code for issue in result.warnings],
    )


def test_the_documented_session(spark: Any) -> None:
    # docs/columns.md, "Spark", word for word.
    from pyspark.sql import functions as F

    from vitale_ids.columns.spark import check_nir_column, nir_is_valid

    df = spark.createDataFrame(
        [("1 85 05 78 006 084 91",), ("185057800608419",), (None,)], "nir string"
    )
    checked = df.select(
        "nir",
        nir_is_valid("nir").alias("valid"),
        check_nir_column(F.col("nir")).alias("check"),
    )
    rows = checked.select("valid", "check.code", "check.position").collect()
    assert [tuple(row) for row in rows] == [
        (True, None, None),
        (False, "nir.checksum", 13),
        (None, None, None),
    ]
    assert df.where(~nir_is_valid("nir")).count() == 1


def test_every_row_is_the_per_row_answer_on_the_executors(spark: Any) -> None:
    from vitale_ids.columns import spark as vsp

    df = spark.createDataFrame([(value,) for value in NIRS], "nir string").repartition(2)
    rows = df.select(
        "nir",
        vsp.nir_is_valid("nir").alias("valid"),
        vsp.nir_is_valid("nir", strict=True).alias("strict_valid"),
        vsp.check_nir_column("nir").alias("check"),
        vsp.check_nir_column("nir", strict=True).alias("strict"),
    ).collect()
    assert sorted(row["nir"] or "" for row in rows) == sorted(value or "" for value in NIRS)
    for row in rows:
        nir = row["nir"]
        assert row["valid"] == (None if nir is None else is_valid_nir(nir))
        assert row["strict_valid"] == (None if nir is None else is_valid_nir(nir, strict=True))
        got = None if row["check"] is None else tuple(row["check"])
        assert got == expected(nir)
        got = None if row["strict"] is None else tuple(row["strict"])
        assert got == expected(nir, strict=True)


def test_codes_and_serials_with_a_column_of_card_types(spark: Any) -> None:
    from pyspark.sql import functions as F

    from vitale_ids.columns import spark as vsp

    df = spark.createDataFrame(
        [
            ("xK4b 9Tq2 Lm7k", "123 456 789 01", "avec photo"),
            ("xK4b", "12345678", "avec photo"),
            (None, "12345678", "sans photo"),
        ],
        "code string, serial string, card string",
    )
    rows = df.select(
        vsp.provisional_code_is_valid("code").alias("code_ok"),
        vsp.check_provisional_code_column("code").alias("code_check"),
        vsp.serial_is_valid("serial", card_type=F.col("card")).alias("serial_ok"),
        vsp.check_serial_column("serial", card_type="sans photo").alias("serial_check"),
    ).collect()
    assert [row["code_ok"] for row in rows] == [True, False, None]
    assert rows[1]["code_check"]["code"] == "code.length"
    assert [row["serial_ok"] for row in rows] == [True, False, True]
    first = check_serial("123 456 789 01", card_type="sans photo")
    assert rows[0]["serial_check"]["warnings"] == [issue.code for issue in first.warnings]


def test_batches_of_the_advised_size_or_larger_give_every_row_its_answer(spark: Any) -> None:
    # docs/columns.md advises Arrow batches of one kernel block. In one
    # partition, the rows come in a full batch and a short one, then in one
    # batch of a full block and a short one; counted per value, so that no
    # row is collected.
    import pyarrow as pa
    from pyspark.sql import functions as F

    from vitale_ids.columns import spark as vsp
    from vitale_ids.columns._arrow import BLOCK_ROWS

    values = [NIRS[row % len(NIRS)] for row in range(BLOCK_ROWS + 7)]
    df = spark.createDataFrame(pa.table({"nir": pa.array(values, pa.string())})).coalesce(1)
    for batch_rows in (BLOCK_ROWS, 2 * BLOCK_ROWS):
        spark.conf.set("spark.sql.execution.arrow.maxRecordsPerBatch", str(batch_rows))
        try:
            valid = vsp.nir_is_valid("nir")
            code = vsp.check_nir_column("nir")["code"]
            counts = (
                df.groupBy("nir")
                .agg(
                    F.count(F.lit(1)).alias("rows"),
                    F.count(F.when(valid, 1)).alias("valid"),
                    F.count(F.when(~valid, 1)).alias("invalid"),
                    F.min(code).alias("first_code"),
                    F.max(code).alias("last_code"),
                )
                .collect()
            )
        finally:
            spark.conf.unset("spark.sql.execution.arrow.maxRecordsPerBatch")
        assert sum(row["rows"] for row in counts) == len(values)
        for row in counts:
            nir = row["nir"]
            want = expected(nir)
            if want is None:
                assert (row["valid"], row["invalid"], row["first_code"]) == (0, 0, None)
                continue
            assert (row["valid"], row["invalid"]) == (
                (row["rows"], 0) if want[0] else (0, row["rows"])
            )
            assert row["first_code"] == row["last_code"] == want[1]
