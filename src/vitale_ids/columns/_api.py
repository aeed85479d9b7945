"""The public column functions: a kernel over each block, then the per-row checker for the rest."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator
from typing import Any, Final, cast

import numpy as np
import pyarrow as pa

from vitale_ids import _code_rules, _serial_rules
from vitale_ids.card_type import CardType, resolve
from vitale_ids.columns import _nir
from vitale_ids.columns._arrow import (
    Block,
    Bools,
    Ints,
    Outcome,
    Vocabulary,
    boolean_result,
    byte_table,
    check_result,
    column_blocks,
    compact_rows,
    error_codes,
    fall_back_booleans,
    fall_back_checks,
    take_compact,
    to_string_chunks,
)
from vitale_ids.nir import check_nir, is_valid_nir
from vitale_ids.provisional_code import (
    MAX_INPUT_LENGTH as CODE_MAX_INPUT_LENGTH,
)
from vitale_ids.provisional_code import (
    check_provisional_code,
    is_valid_provisional_code,
)
from vitale_ids.serial import MAX_INPUT_LENGTH as SERIAL_MAX_INPUT_LENGTH
from vitale_ids.serial import check_serial, is_valid_serial


def _blocks_of(column: object) -> tuple[int, Iterator[tuple[int, Block]]]:
    """The column's number of rows, and its blocks with the row where each starts."""
    chunks = to_string_chunks(column)
    return sum(len(chunk) for chunk in chunks), column_blocks(chunks)


def _booleans_of(
    column: object,
    strict: bool,
    kernel: Callable[[Block, Bools, bool], Bools],
    is_valid: Callable[..., bool],
) -> pa.BooleanArray:
    """A kernel's validity over every block, the per-row ``is_valid`` for the rows it leaves."""
    size, numbered_blocks = _blocks_of(column)
    valid = np.zeros(size, dtype=np.bool_)
    nulls = np.zeros(size, dtype=np.bool_)
    fallback = functools.partial(is_valid, strict=strict)
    for start, block in numbered_blocks:
        stop = start + block.size
        nulls[start:stop] = block.nulls
        pending = kernel(block, valid[start:stop], strict)
        fall_back_booleans(block, valid[start:stop], pending, fallback)
    return boolean_result(valid, nulls)


# --- NIR ------------------------------------------------------------------------------------


def nir_is_valid(column: object, *, strict: bool = False) -> pa.BooleanArray:
    """``is_valid_nir`` of every row of ``column``, as an Arrow ``BooleanArray``.

    ``column``: a pyarrow (chunked) string array, a pandas or Polars Series, a
    NumPy array, or any iterable of ``str`` and ``None``. Null rows give null.
    Integer columns (compact NIRs read as numbers) are checked as their
    decimal text, ``str(number)``.
    """
    return _booleans_of(column, strict, _nir.valid_block, is_valid_nir)


def _nir_outcomes(column: object, strict: bool) -> tuple[Outcome, Vocabulary]:
    vocabulary = _nir.new_vocabulary()
    fallback = functools.partial(check_nir, strict=strict)
    size, numbered_blocks = _blocks_of(column)
    whole = Outcome(size)
    for start, block in numbered_blocks:
        outcome = whole.rows(start, block.nulls)
        _nir.check_block(block, outcome, strict)
        fall_back_checks(block, outcome, vocabulary, fallback)
    return whole, vocabulary


def nir_error_codes(column: object, *, strict: bool = False) -> pa.StringArray:
    """The ``code`` field of :func:`check_nir_column` alone: no warnings to build."""
    return error_codes(*_nir_outcomes(column, strict))


def check_nir_column(column: object, *, strict: bool = False) -> pa.StructArray:
    """``check_nir`` of every row of ``column``, as an Arrow ``StructArray``.

    Each row has ``valid`` (bool), ``code`` (the first error's code, null when
    valid), ``position`` (that error's 0-based position in the row's text, null
    when it has none) and ``warnings`` (the warning codes, a list of strings).
    Null rows give a null struct. ``column`` is read as by :func:`nir_is_valid`.
    """
    return check_result(*_nir_outcomes(column, strict))


# --- Code provisoire ----------------------------------------------------------------------

_CODE_BYTES: Final = byte_table(_code_rules.ALPHABET)
_CODE_CODES: Final = ("code.length", "code.empty")


def _code_block(block: Block) -> tuple[Ints, Ints]:
    """Rows of code characters and spaces, and the number of code characters in each."""
    rows = np.flatnonzero(~block.nulls)
    rows, matrix = compact_rows(block, rows, _CODE_BYTES, CODE_MAX_INPUT_LENGTH)
    counts = np.count_nonzero(matrix != ord(" "), axis=1) if len(rows) else rows
    return rows, counts


def provisional_code_is_valid(column: object, *, strict: bool = False) -> pa.BooleanArray:
    """``is_valid_provisional_code`` of every row, as :func:`nir_is_valid` does for NIRs."""
    return _booleans_of(column, strict, _valid_code_block, is_valid_provisional_code)


def _valid_code_block(block: Block, valid: Bools, strict: bool) -> Bools:
    """Validity of the rows the kernel decides, into ``valid``; the rows it leaves."""
    pending = ~block.nulls
    rows, counts = _code_block(block)
    valid[rows] = counts == _code_rules.LENGTH
    pending[rows] = False
    return pending


def check_provisional_code_column(column: object, *, strict: bool = False) -> pa.StructArray:
    """``check_provisional_code`` of every row, as :func:`check_nir_column` does for NIRs."""
    vocabulary = Vocabulary(_CODE_CODES, ())
    fallback = functools.partial(check_provisional_code, strict=strict)
    size, numbered_blocks = _blocks_of(column)
    whole = Outcome(size)
    for start, block in numbered_blocks:
        outcome = whole.rows(start, block.nulls)
        rows, counts = _code_block(block)
        # Letters, digits and spaces only: the length is all there is to report.
        outcome.code[rows[(counts != _code_rules.LENGTH) & (counts > 0)]] = 0
        outcome.code[rows[counts == 0]] = 1
        outcome.pending[rows] = False
        fall_back_checks(block, outcome, vocabulary, fallback)
    return check_result(whole, vocabulary)


# --- Serial number ------------------------------------------------------------------------------

_DIGIT_BYTES: Final = byte_table(_serial_rules.DIGITS)


def _card_types(card_type: object, size: int) -> tuple[list[object], Ints]:
    """The distinct card types given (a scalar, or a column) and each row's index among them.

    A null card type has index -1.
    """
    if isinstance(card_type, (CardType, str)):
        return [card_type], np.zeros(size, dtype=np.int64)
    chunks = to_string_chunks(card_type)
    array = pa.chunked_array(chunks, type=chunks[0].type).combine_chunks()
    if len(array) != size:
        raise ValueError(f"card_type has {len(array)} rows; the column has {size}.")
    encoded = array.dictionary_encode()
    indices = encoded.indices.to_numpy(zero_copy_only=False)
    indices = np.where(encoded.indices.is_null().to_numpy(zero_copy_only=False), -1, indices)
    return encoded.dictionary.to_pylist(), indices.astype(np.int64)


def _plain_serials(block: Block, rows: Ints, card: CardType) -> Bools:
    """Which of ``rows`` (digits and spaces) are valid for ``card`` with nothing to report.

    Exactly the serial numbers ``check_serial`` passes without a warning; the
    others (a wrong or unusual length, the printed prefix, what may read as a
    date or be part of the scheme's number) are left to it.
    """
    fine = np.zeros(len(rows), dtype=np.bool_)
    kept, matrix = compact_rows(block, rows, _DIGIT_BYTES, SERIAL_MAX_INPUT_LENGTH)
    if not len(kept):
        return fine
    counts = np.count_nonzero(matrix != ord(" "), axis=1)
    where = np.searchsorted(rows, kept)
    for length in sorted(_serial_rules.USUAL_LENGTHS[card]):
        chosen = counts == length
        if not chosen.any():
            continue
        digits, _ = take_compact(matrix[chosen], length)
        plain = np.ones(len(digits), dtype=np.bool_)
        issuer = _serial_rules.ISSUER_NUMBER
        for start in range(len(issuer) - length + 1):
            part = np.frombuffer(issuer[start : start + length].encode(), dtype=np.uint8)
            plain &= ~(digits == part).all(axis=1)
        if length == _serial_rules.DATE_LENGTH:
            plain &= ~_may_be_date(digits)
        fine[where[chosen]] = plain
    return fine


def _may_be_date(digits: Any) -> Bools:
    """DDMMYYYY rows that may be a date (a superset: check_serial decides them)."""
    values = digits.astype(np.int64) - ord("0")
    day = values[:, 0] * 10 + values[:, 1]
    month = values[:, 2] * 10 + values[:, 3]
    year = values[:, 4] * 1000 + values[:, 5] * 100 + values[:, 6] * 10 + values[:, 7]
    years = _serial_rules.DATE_YEARS
    return (  # type: ignore[no-any-return]
        (year >= years.start) & (year < years.stop) & (month >= 1) & (day >= 1)
    )


def _serial_rows(
    column: object, card_type: object
) -> tuple[int, Iterator[tuple[int, Block, list[object], Ints]]]:
    """The column's number of rows; its blocks, each with its start, the card types and their indices."""
    size, numbered_blocks = _blocks_of(column)
    types, indices = _card_types(card_type, size)
    return size, (
        (start, block, types, indices[start : start + block.size])
        for start, block in numbered_blocks
    )


def _serial_block(block: Block, types: list[object], indices: Ints) -> tuple[Bools, Bools]:
    """Rows the kernel passes as valid, and the null rows (a null value or card type)."""
    nulls = block.nulls | (indices < 0)
    fine = np.zeros(block.size, dtype=np.bool_)
    for number, given in enumerate(types):
        card = given if isinstance(given, CardType) else _resolved(given)
        if card is None:
            continue  # unknown: check_serial words the error
        rows = np.flatnonzero((indices == number) & ~nulls)
        if len(rows):
            fine[rows] = _plain_serials(block, rows, card)
    return fine, nulls


@functools.lru_cache(maxsize=64)
def _resolved(given: object) -> CardType | None:
    if not isinstance(given, str):
        return None
    return resolve(given)[0]


def serial_is_valid(column: object, *, card_type: object, strict: bool = False) -> pa.BooleanArray:
    """``is_valid_serial`` of every row for ``card_type``: a :class:`CardType`, a text, or a column.

    A column of card types has one per row (texts as ``CardType.parse`` reads
    them); a row whose value or card type is null gives null.
    """
    size, serial_blocks = _serial_rows(column, card_type)
    valid = np.zeros(size, dtype=np.bool_)
    all_nulls = np.zeros(size, dtype=np.bool_)
    for start, block, types, indices in serial_blocks:
        fine, nulls = _serial_block(block, types, indices)
        all_nulls[start : start + block.size] = nulls
        valid[start : start + block.size] = fine
        for row in np.flatnonzero(~fine & ~nulls).tolist():
            valid[start + row] = is_valid_serial(
                block.text(row), card_type=types[indices[row]], strict=strict
            )
    return boolean_result(valid, all_nulls)


def check_serial_column(
    column: object, *, card_type: object, strict: bool = False
) -> pa.StructArray:
    """``check_serial`` of every row for ``card_type``, as :func:`check_nir_column` does for NIRs.

    ``card_type`` is read as by :func:`serial_is_valid`.
    """
    vocabulary = Vocabulary((), ())
    size, serial_blocks = _serial_rows(column, card_type)
    whole = Outcome(size)
    for start, block, types, indices in serial_blocks:
        fine, nulls = _serial_block(block, types, indices)
        outcome = whole.rows(start, nulls)
        outcome.pending &= ~fine
        for number, given in enumerate(types):
            rows = indices == number
            if not (outcome.pending & rows).any():
                continue
            only = Outcome(block.size, nulls)
            only.pending = outcome.pending & rows
            check: Callable[[str], Any] = functools.partial(
                check_serial, card_type=cast("CardType | str", given), strict=strict
            )
            fall_back_checks(block, only, vocabulary, check)
            chosen = outcome.pending & rows
            outcome.code[chosen] = only.code[chosen]
            outcome.position[chosen] = only.position[chosen]
            outcome.warnings[chosen] = only.warnings[chosen]
            outcome.pending[chosen] = False
    return check_result(whole, vocabulary)
