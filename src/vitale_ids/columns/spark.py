"""Spark: the column checks as functions of a DataFrame column, run on every executor.

Each function returns a :class:`pyspark.sql.Column`; the kernel runs inside
an Arrow UDF (``pyspark.sql.functions.arrow_udf``, Spark 4.1 or later), so
the executors' Python workers check whole Arrow batches at once::

    from vitale_ids.columns.spark import check_nir_column, nir_is_valid

    df.withColumn("nir_valid", nir_is_valid("nir"))
    df.withColumn("nir_check", check_nir_column("nir"))  # a struct column
    df.where(~nir_is_valid("nir")).count()

``column`` is a column name or a :class:`~pyspark.sql.Column`. docs/columns.md
shows a whole session, and the settings that matter to its speed;
tests/test_columns_spark.py runs it in local mode.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyarrow as pa
from pyspark.sql import functions as F
from pyspark.sql.types import (
    ArrayType,
    BooleanType,
    DataType,
    IntegerType,
    StringType,
    StructField,
    StructType,
)

from vitale_ids.card_type import CardType
from vitale_ids.columns import _api

if TYPE_CHECKING:
    from collections.abc import Callable

    from pyspark.sql import Column

__all__ = [
    "CHECK_TYPE",
    "check_nir_column",
    "check_provisional_code_column",
    "check_serial_column",
    "nir_is_valid",
    "provisional_code_is_valid",
    "serial_is_valid",
]

#: The type of a check's result, per row.
CHECK_TYPE = StructType(
    [
        StructField("valid", BooleanType()),
        StructField("code", StringType()),
        StructField("position", IntegerType()),
        StructField("warnings", ArrayType(StringType())),
    ]
)


def _column(
    name: str, kernel: Callable[..., pa.Array], returns: DataType, *columns: Column | str
) -> Column:
    # Spark reads the UDF's kind from its type hints: arrays in, an array out.
    if len(columns) == 1:

        def batch(values: pa.Array) -> pa.Array:
            return kernel(values)

    else:

        def batch(values: pa.Array, card_types: pa.Array) -> pa.Array:  # type: ignore[misc]
            return kernel(values, card_types)

    batch.__name__ = batch.__qualname__ = f"vitale_{name}"  # the column's default name
    # Spark 4.1's Arrow UDF: whole Arrow batches in and out, no pandas in between.
    udf = F.arrow_udf(batch, returns)  # type: ignore[attr-defined,unused-ignore]
    return udf(*columns)  # type: ignore[no-any-return]


def nir_is_valid(column: Column | str, *, strict: bool = False) -> Column:
    """``is_valid_nir`` of each row: a boolean column (null for a null row)."""
    return _column(
        "nir_is_valid", lambda a: _api.nir_is_valid(a, strict=strict), BooleanType(), column
    )


def check_nir_column(column: Column | str, *, strict: bool = False) -> Column:
    """``check_nir`` of each row: a struct column of :data:`CHECK_TYPE`."""
    return _column(
        "check_nir_column", lambda a: _api.check_nir_column(a, strict=strict), CHECK_TYPE, column
    )


def provisional_code_is_valid(column: Column | str, *, strict: bool = False) -> Column:
    """``is_valid_provisional_code`` of each row."""
    return _column(
        "provisional_code_is_valid",
        lambda a: _api.provisional_code_is_valid(a, strict=strict),
        BooleanType(),
        column,
    )


def check_provisional_code_column(column: Column | str, *, strict: bool = False) -> Column:
    """``check_provisional_code`` of each row, as :func:`check_nir_column`."""
    return _column(
        "check_provisional_code_column",
        lambda a: _api.check_provisional_code_column(a, strict=strict),
        CHECK_TYPE,
        column,
    )


def serial_is_valid(
    column: Column | str, *, card_type: CardType | str | Column, strict: bool = False
) -> Column:
    """``is_valid_serial`` of each row.

    ``card_type`` is one card type (a :class:`~vitale_ids.CardType` or its
    text, such as ``"avec photo"``), or a :class:`~pyspark.sql.Column` of card
    types, one per row.
    """
    if isinstance(card_type, (CardType, str)):
        given = card_type
        return _column(
            "serial_is_valid",
            lambda a: _api.serial_is_valid(a, card_type=given, strict=strict),
            BooleanType(),
            column,
        )
    return _column(
        "serial_is_valid",
        lambda a, c: _api.serial_is_valid(a, card_type=c, strict=strict),
        BooleanType(),
        column,
        card_type,
    )


def check_serial_column(
    column: Column | str, *, card_type: CardType | str | Column, strict: bool = False
) -> Column:
    """``check_serial`` of each row, as :func:`check_nir_column`; ``card_type`` as in :func:`serial_is_valid`."""
    if isinstance(card_type, (CardType, str)):
        given = card_type
        return _column(
            "check_serial_column",
            lambda a: _api.check_serial_column(a, card_type=given, strict=strict),
            CHECK_TYPE,
            column,
        )
    return _column(
        "check_serial_column",
        lambda a, c: _api.check_serial_column(a, card_type=c, strict=strict),
        CHECK_TYPE,
        column,
        card_type,
    )
