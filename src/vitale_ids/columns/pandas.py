"""pandas: the column checks as functions of a Series, answering with a Series or a DataFrame.

>>> import pandas as pd
>>> from vitale_ids.columns.pandas import check_nir_column, nir_is_valid
>>> nirs = pd.Series(["1 85 05 78 006 084 91", "185057800608419", None])
>>> nir_is_valid(nirs).tolist()
[True, False, <NA>]

The result keeps the Series's index. Integer columns, which ``read_csv``
makes of compact NIRs, are checked as their decimal text.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
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

# Nullable pandas types, so that a null row stays <NA> and a bool stays a bool.
_TYPES = {pa.bool_(): pd.BooleanDtype(), pa.int32(): pd.Int32Dtype()}


def _series(result: pa.Array, like: pd.Series[Any]) -> pd.Series[Any]:
    return pd.Series(
        result.to_pandas(types_mapper=_TYPES.get).array, index=like.index, name=like.name
    )


def _frame(result: pa.StructArray, like: pd.Series[Any]) -> pd.DataFrame:
    table = pa.Table.from_batches([pa.RecordBatch.from_struct_array(result)])
    frame = table.to_pandas(types_mapper=_TYPES.get)
    frame.index = like.index
    return frame


def nir_is_valid(series: pd.Series[Any], *, strict: bool = False) -> pd.Series[Any]:
    """``is_valid_nir`` of each row: a nullable boolean Series with ``series``'s index."""
    return _series(_api.nir_is_valid(series, strict=strict), series)


def check_nir_column(series: pd.Series[Any], *, strict: bool = False) -> pd.DataFrame:
    """``check_nir`` of each row: a DataFrame of ``valid``, ``code``, ``position``, ``warnings``.

    >>> import pandas as pd
    >>> result = check_nir_column(pd.Series(["1 85 05 78 006 084 19", "785057800608482"]))
    >>> result[["valid", "code", "position"]]
       valid          code  position
    0  False  nir.checksum        19
    1   True           NaN      <NA>
    >>> result.loc[1, "warnings"].tolist()
    ['nir.temporary']
    """
    return _frame(_api.check_nir_column(series, strict=strict), series)


def provisional_code_is_valid(series: pd.Series[Any], *, strict: bool = False) -> pd.Series[Any]:
    """``is_valid_provisional_code`` of each row, as :func:`nir_is_valid`."""
    return _series(_api.provisional_code_is_valid(series, strict=strict), series)


def check_provisional_code_column(series: pd.Series[Any], *, strict: bool = False) -> pd.DataFrame:
    """``check_provisional_code`` of each row, as :func:`check_nir_column`."""
    return _frame(_api.check_provisional_code_column(series, strict=strict), series)


def serial_is_valid(
    series: pd.Series[Any], *, card_type: object, strict: bool = False
) -> pd.Series[Any]:
    """``is_valid_serial`` of each row; ``card_type`` is one card type or a Series of them."""
    return _series(_api.serial_is_valid(series, card_type=card_type, strict=strict), series)


def check_serial_column(
    series: pd.Series[Any], *, card_type: object, strict: bool = False
) -> pd.DataFrame:
    """``check_serial`` of each row, as :func:`check_nir_column`."""
    return _frame(_api.check_serial_column(series, card_type=card_type, strict=strict), series)
