"""DuckDB: the column functions as vectorised SQL functions (Arrow UDFs)."""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

from vitale_ids.columns import _api

_Function = TypeVar("_Function", bound=Callable[..., pa.Array])

# DuckDB calls a function from each of its threads, one vector of 2,048 rows at
# a time. The kernel's NumPy calls let go of the GIL, which the other threads
# then take for a moment, and so on at every call: one thread at a time in
# the kernel (it holds the GIL for most of its time anyway) is twice as fast.
_ONE_AT_A_TIME = threading.Lock()


def _serialised(function: _Function) -> _Function:
    @functools.wraps(function)
    def run(*columns: pa.Array) -> pa.Array:
        with _ONE_AT_A_TIME:
            return function(*columns)

    return run  # type: ignore[return-value]


def register_duckdb(con: Any, *, prefix: str = "vitale_") -> None:
    """Register the column checks as SQL functions of the DuckDB connection ``con``.

    Each takes a VARCHAR and is vectorised (``type='arrow'``): DuckDB hands
    the function whole vectors of rows as Arrow arrays.

    - ``vitale_nir_is_valid(nir)``, ``vitale_nir_is_valid_strict(nir)``: BOOLEAN;
    - ``vitale_nir_error(nir)``, ``vitale_nir_error_strict(nir)``: the first
      error's code, NULL when the NIR is valid;
    - ``vitale_provisional_code_is_valid(code)``, ``vitale_provisional_code_error(code)``;
    - ``vitale_serial_is_valid(serial, card_type)``, ``vitale_serial_error(serial, card_type)``.

    A NULL argument gives NULL.
    """
    import duckdb

    boolean, varchar = duckdb.sqltype("BOOLEAN"), duckdb.sqltype("VARCHAR")

    def valid_nir(column: pa.Array) -> pa.Array:
        return _api.nir_is_valid(column)

    def valid_nir_strict(column: pa.Array) -> pa.Array:
        return _api.nir_is_valid(column, strict=True)

    def nir_error(column: pa.Array) -> pa.Array:
        return _api.nir_error_codes(column)

    def nir_error_strict(column: pa.Array) -> pa.Array:
        return _api.nir_error_codes(column, strict=True)

    def valid_code(column: pa.Array) -> pa.Array:
        return _api.provisional_code_is_valid(column)

    def code_error(column: pa.Array) -> pa.Array:
        return _api.check_provisional_code_column(column).field("code")

    def valid_serial(column: pa.Array, card_type: pa.Array) -> pa.Array:
        nulls = pc.is_null(card_type)
        result = _api.serial_is_valid(column, card_type=card_type)
        return pc.if_else(nulls, pa.scalar(None, pa.bool_()), result)

    def serial_error(column: pa.Array, card_type: pa.Array) -> pa.Array:
        return _api.check_serial_column(column, card_type=card_type).field("code")

    for name, function, arity, returns in (
        ("nir_is_valid", valid_nir, 1, boolean),
        ("nir_is_valid_strict", valid_nir_strict, 1, boolean),
        ("nir_error", nir_error, 1, varchar),
        ("nir_error_strict", nir_error_strict, 1, varchar),
        ("provisional_code_is_valid", valid_code, 1, boolean),
        ("provisional_code_error", code_error, 1, varchar),
        ("serial_is_valid", valid_serial, 2, boolean),
        ("serial_error", serial_error, 2, varchar),
    ):
        con.create_function(
            prefix + name,
            _serialised(function),
            [varchar] * arity,
            returns,
            type="arrow",
            null_handling="special",
        )
