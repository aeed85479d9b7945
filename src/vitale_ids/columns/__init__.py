"""Whole columns at once: the checks of vitale_ids over Arrow, for data pipelines.

pandas, Polars, DuckDB and Spark columns are checked here with the same
kernel, which reads the rules of :mod:`vitale_ids._nir_rules` over an Arrow
string column, many rows per NumPy operation. Any row it cannot decide exactly
(a rare separator, a non-ASCII character) is checked by the per-row function,
so every answer is the per-row answer. Needs the ``arrow`` extra
(``pip install 'vitale_ids[arrow]'``); see docs/columns.md.
"""

from __future__ import annotations

from vitale_ids.columns._api import (
    check_nir_column,
    check_provisional_code_column,
    check_serial_column,
    nir_is_valid,
    provisional_code_is_valid,
    serial_is_valid,
)
from vitale_ids.columns._duckdb import register_duckdb

__all__ = [
    "check_nir_column",
    "check_provisional_code_column",
    "check_serial_column",
    "nir_is_valid",
    "provisional_code_is_valid",
    "register_duckdb",
    "serial_is_valid",
]
