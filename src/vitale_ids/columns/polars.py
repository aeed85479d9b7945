"""Polars: the column checks as expressions, for ``select`` and ``with_columns``.

>>> import polars as pl
>>> from vitale_ids.columns.polars import check_nir_column, nir_is_valid
>>> frame = pl.DataFrame({"nir": ["1 85 05 78 006 084 91", "185057800608419", None]})
>>> frame.with_columns(valid=nir_is_valid("nir"))["valid"].to_list()
[True, False, None]
>>> frame.select(check_nir_column("nir").struct.field("code"))["code"].to_list()
[None, 'nir.checksum', None]

Each expression runs the kernel over whole batches (``map_batches``).
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl
import pyarrow as pa

from vitale_ids.columns import _api

__all__ = [
    "check_nir_column",
    "check_provisional_code_column",
    "check_serial_column",
    "nir_is_valid",
    "provisional_code_is_valid",
    "serial_is_valid",
]

#: The dtype of a check's result, per row.
CHECK_DTYPE = pl.Struct(
    {"valid": pl.Boolean, "code": pl.String, "position": pl.Int32, "warnings": pl.List(pl.String)}
)


def _expression(
    column: pl.Expr | str, kernel: Callable[[pl.Series], pa.Array], dtype: pl.DataType
) -> pl.Expr:
    expression = pl.col(column) if isinstance(column, str) else column

    def apply(series: pl.Series) -> pl.Series:
        return pl.Series(series.name, kernel(series))

    return expression.map_batches(apply, return_dtype=dtype, is_elementwise=True)


def nir_is_valid(column: pl.Expr | str, *, strict: bool = False) -> pl.Expr:
    """``is_valid_nir`` of each row of ``column`` (an expression or a column name)."""
    return _expression(column, lambda s: _api.nir_is_valid(s, strict=strict), pl.Boolean())


def check_nir_column(column: pl.Expr | str, *, strict: bool = False) -> pl.Expr:
    """``check_nir`` of each row, as a struct: ``valid``, ``code``, ``position``, ``warnings``."""
    return _expression(column, lambda s: _api.check_nir_column(s, strict=strict), CHECK_DTYPE)


def provisional_code_is_valid(column: pl.Expr | str, *, strict: bool = False) -> pl.Expr:
    """``is_valid_provisional_code`` of each row."""
    return _expression(
        column, lambda s: _api.provisional_code_is_valid(s, strict=strict), pl.Boolean()
    )


def check_provisional_code_column(column: pl.Expr | str, *, strict: bool = False) -> pl.Expr:
    """``check_provisional_code`` of each row, as :func:`check_nir_column`."""
    return _expression(
        column, lambda s: _api.check_provisional_code_column(s, strict=strict), CHECK_DTYPE
    )


def serial_is_valid(column: pl.Expr | str, *, card_type: object, strict: bool = False) -> pl.Expr:
    """``is_valid_serial`` of each row for one ``card_type`` (a CardType or its text)."""
    return _expression(
        column,
        lambda s: _api.serial_is_valid(s, card_type=card_type, strict=strict),
        pl.Boolean(),
    )


def check_serial_column(
    column: pl.Expr | str, *, card_type: object, strict: bool = False
) -> pl.Expr:
    """``check_serial`` of each row for one ``card_type``, as :func:`check_nir_column`."""
    return _expression(
        column,
        lambda s: _api.check_serial_column(s, card_type=card_type, strict=strict),
        CHECK_DTYPE,
    )
