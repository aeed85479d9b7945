"""Columns as Arrow: reading any column into Arrow strings, and building the results.

Every public function of :mod:`vitale_ids.columns` takes its column through
:func:`to_string_chunks` and answers with :class:`Outcome` arrays assembled by
:func:`boolean_result` and :func:`check_result`.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any, Final

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from vitale_ids._core import Check, raise_type_error

#: Rows per block: the kernels' temporaries stay small (some hundreds of KiB
#: each, near the CPU), whatever the column's size; docs/performance.md gives
#: the peak memory and the time per row for a few block sizes.
BLOCK_ROWS: Final = 1 << 16

#: The fields of a check's result, per row.
RESULT_TYPE: Final = pa.struct(
    [
        pa.field("valid", pa.bool_()),
        pa.field("code", pa.string()),
        pa.field("position", pa.int32()),
        pa.field("warnings", pa.list_(pa.string())),
    ]
)

Bytes = npt.NDArray[np.uint8]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]


# --- Reading a column -----------------------------------------------------------------


def _from_integers(array: pa.Array) -> pa.Array:
    # 15 digits fit an int64 (and a float64) exactly: pandas.read_csv reads a
    # column of compact NIRs as int64, or float64 when a row is missing. Each
    # number is checked as its decimal text, as str(number) writes it.
    if pa.types.is_floating(array.type):
        values = array.to_numpy(zero_copy_only=False)
        whole = np.isnan(values) | (np.floor(values) == values) & (np.abs(values) < 2.0**53)
        if not bool(whole.all()):
            raise_type_error(_field_of(array), float(values[~whole][0]))
        array = pc.cast(array, pa.int64())
    return pc.cast(array, pa.large_string())


def _field_of(_: object) -> str:
    return "column"


def _from_pandas(column: Any) -> pa.ChunkedArray | pa.Array:
    dtype = column.dtype
    kind = getattr(dtype, "kind", "O")
    if kind in "iuf" or str(dtype) in {"Int64", "Int32", "UInt64", "Float64"}:
        return _from_integers(pa.array(column, from_pandas=True))
    if kind == "O":
        return pa.chunked_array(_from_objects(column.tolist()))
    return pa.array(column, from_pandas=True)


def _from_objects(values: Sequence[object]) -> list[pa.Array]:
    try:
        array = pa.array(values, from_pandas=True)  # NaN, pandas's missing value, is null
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        array = None
    chunks = list(array.chunks) if isinstance(array, pa.ChunkedArray) else [array]
    if array is None or not all(_is_text(chunk.type) for chunk in chunks):
        # As check_nir does for a value that is not a str: InvalidType names its type only.
        for value in values:
            missing = value is None or (isinstance(value, float) and value != value)
            if not (missing or isinstance(value, str)):
                raise_type_error("column", value)
    return [
        chunk.cast(pa.large_string()) if pa.types.is_null(chunk.type) else chunk for chunk in chunks
    ]


def _is_text(kind: pa.DataType) -> bool:
    return bool(
        pa.types.is_string(kind) or pa.types.is_large_string(kind) or pa.types.is_null(kind)
    )


def to_string_chunks(column: object) -> list[pa.Array]:
    """``column`` as Arrow string (or large_string) arrays, its chunks in order.

    Accepts a pyarrow Array or ChunkedArray, a pandas Series, a Polars Series,
    a NumPy array, or any iterable of ``str`` and ``None``. Integer columns
    (compact NIRs read as numbers) are read as their decimal text.
    """
    array: Any
    module = type(column).__module__.split(".")[0]
    if isinstance(column, pa.ChunkedArray):
        chunks = list(column.chunks)
    elif isinstance(column, pa.Array):
        chunks = [column]
    elif module == "pandas":
        array = _from_pandas(column)
        chunks = list(array.chunks) if isinstance(array, pa.ChunkedArray) else [array]
    elif module == "polars":
        array = column.to_arrow()  # type: ignore[attr-defined]
        chunks = list(array.chunks) if isinstance(array, pa.ChunkedArray) else [array]
    elif isinstance(column, np.ndarray):
        if column.dtype.kind in "iuf":
            chunks = [_from_integers(pa.array(column))]
        else:
            chunks = _from_objects(column.tolist())
    elif isinstance(column, (str, bytes)):
        raise_type_error("column", column)
    else:
        chunks = _from_objects(list(column))  # type: ignore[call-overload]
    if not chunks:
        chunks = [pa.array([], pa.large_string())]
    return [_as_strings(chunk) for chunk in chunks]


def _as_strings(chunk: pa.Array) -> pa.Array:
    kind = chunk.type
    if pa.types.is_string(kind) or pa.types.is_large_string(kind):
        return chunk
    if pa.types.is_integer(kind) or pa.types.is_floating(kind):
        return _from_integers(chunk)
    if pa.types.is_null(kind):
        return pa.nulls(len(chunk), pa.large_string())
    if pa.types.is_dictionary(kind):
        return _as_strings(chunk.cast(kind.value_type))
    try:
        return chunk.cast(pa.large_string())  # string_view, and others Arrow can cast
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        raise_type_error("column", chunk.type)


# --- A block of rows, as NumPy sees it ---------------------------------------------------


class Block:
    """Rows ``start`` to ``stop`` of one Arrow string chunk, as NumPy arrays.

    ``offsets`` are absolute positions in ``data`` (the chunk's whole buffer);
    ``lengths`` are in bytes; ``nulls`` marks the null rows.
    """

    __slots__ = ("data", "lengths", "nulls", "offsets", "size")

    def __init__(self, data: Bytes, offsets: Ints, nulls: Bools) -> None:
        self.data = data
        self.offsets = offsets
        self.lengths = np.diff(offsets)
        self.nulls = nulls
        self.size = len(nulls)

    def text(self, row: int) -> str:
        start = int(self.offsets[row])
        return self.data[start : start + int(self.lengths[row])].tobytes().decode("utf-8")

    def padded(self, rows: Ints, width: int, fill: int) -> Bytes:
        """The bytes of ``rows``, each padded with ``fill`` up to ``width``."""
        index = self.offsets[rows][:, None] + np.arange(width, dtype=np.int64)
        inside = np.arange(width, dtype=np.int64) < self.lengths[rows][:, None]
        index = np.where(inside, index, 0)
        matrix = self.data[index] if len(self.data) else np.zeros(index.shape, np.uint8)
        return np.where(inside, matrix, np.uint8(fill)).astype(np.uint8)


def blocks(chunk: pa.Array) -> Iterator[Block]:
    """The chunk's rows, in blocks of at most :data:`BLOCK_ROWS`."""
    size = len(chunk)
    validity, offsets_buffer, data_buffer = chunk.buffers()[:3]
    offset_type = np.int64 if pa.types.is_large_string(chunk.type) else np.int32
    all_offsets = np.frombuffer(offsets_buffer, dtype=offset_type)[
        chunk.offset : chunk.offset + size + 1
    ].astype(np.int64)
    data = (
        np.frombuffer(data_buffer, dtype=np.uint8)
        if data_buffer is not None
        else np.zeros(0, np.uint8)
    )
    if validity is None or chunk.null_count == 0:
        all_nulls = np.zeros(size, dtype=np.bool_)
    else:
        all_nulls = chunk.is_null().to_numpy(zero_copy_only=False)
    for start in range(0, max(size, 1), BLOCK_ROWS):
        stop = min(start + BLOCK_ROWS, size)
        yield Block(data, all_offsets[start : stop + 1], all_nulls[start:stop])


def column_blocks(chunks: Sequence[pa.Array]) -> Iterator[tuple[int, Block]]:
    """The blocks of every chunk, each with the column's row where it starts."""
    start = 0
    for chunk in chunks:
        for block in blocks(chunk):
            yield start, block
            start += block.size


# --- Results ---------------------------------------------------------------------------------


class Outcome:
    """Per-row results, filled by a kernel and then by the per-row fallback.

    ``code`` and ``warnings`` index :class:`Vocabulary`; ``-1`` is none
    (code) and ``position`` ``-1`` is no position. A row is valid when it has
    no error: every check says so, and so no array of its own does. ``pending`` marks the rows
    the kernel leaves to the per-row checker. One Outcome holds the whole
    column; :meth:`rows` gives a block its rows of it, so that no block's
    results are copied again to be joined.
    """

    __slots__ = ("code", "nulls", "pending", "position", "warnings")

    def __init__(self, size: int, nulls: Bools | None = None) -> None:
        self.nulls = np.zeros(size, dtype=np.bool_) if nulls is None else nulls
        self.code = np.full(size, -1, dtype=np.int16)
        self.position = np.full(size, -1, dtype=np.int32)
        self.warnings = np.zeros(size, dtype=np.int16)
        self.pending = ~self.nulls

    def rows(self, start: int, nulls: Bools) -> Outcome:
        """The rows of a block that starts at row ``start``, as views of these arrays.

        ``nulls``: the block's null rows, which are not pending.
        """
        stop = start + len(nulls)
        part = Outcome.__new__(Outcome)
        for name in self.__slots__:
            setattr(part, name, getattr(self, name)[start:stop])
        part.nulls[:] = nulls
        np.logical_not(nulls, out=part.pending)
        return part


class Vocabulary:
    """The codes and the warning lists seen so far, numbered for :class:`Outcome`."""

    def __init__(self, codes: Iterable[str], warning_lists: Iterable[tuple[str, ...]]) -> None:
        self.codes: list[str] = list(codes)
        self.warning_lists: list[tuple[str, ...]] = [(), *warning_lists]
        self._code_numbers = {code: number for number, code in enumerate(self.codes)}
        self._list_numbers = {codes: number for number, codes in enumerate(self.warning_lists)}

    def code(self, code: str) -> int:
        number = self._code_numbers.get(code)
        if number is None:
            number = self._code_numbers[code] = len(self.codes)
            self.codes.append(code)
        return number

    def warning_list(self, codes: tuple[str, ...]) -> int:
        number = self._list_numbers.get(codes)
        if number is None:
            number = self._list_numbers[codes] = len(self.warning_lists)
            self.warning_lists.append(codes)
        return number


def fall_back_checks(
    block: Block, outcome: Outcome, vocabulary: Vocabulary, check: Callable[[str], Check[Any]]
) -> None:
    """Fill the rows the kernel left, with the per-row checker's answers."""
    for row in np.flatnonzero(outcome.pending).tolist():
        result = check(block.text(row))
        if result.errors:
            first = result.errors[0]
            outcome.code[row] = vocabulary.code(first.code)
            if first.position is not None:
                outcome.position[row] = first.position
        if result.warnings:
            codes = tuple(issue.code for issue in result.warnings)
            outcome.warnings[row] = vocabulary.warning_list(codes)
    outcome.pending[:] = False


def fall_back_booleans(
    block: Block, valid: Bools, pending: Bools, is_valid: Callable[[str], bool]
) -> None:
    for row in np.flatnonzero(pending).tolist():
        valid[row] = is_valid(block.text(row))


def _bitmap(present: Bools) -> pa.Buffer | None:
    """Arrow's validity bitmap of ``present`` (None: every row is there)."""
    if present.all():
        return None
    return pa.py_buffer(np.packbits(present, bitorder="little"))


def _booleans(values: Bools, present: Bools) -> pa.BooleanArray:
    bits = pa.py_buffer(np.packbits(values, bitorder="little"))
    return pa.Array.from_buffers(pa.bool_(), len(values), [_bitmap(present), bits])


def boolean_result(valid: Bools, nulls: Bools) -> pa.BooleanArray:
    """A BooleanArray of ``valid``, null where ``nulls``."""
    return _booleans(valid, ~nulls)


@functools.lru_cache(maxsize=64)
def _word_table(words: tuple[str, ...]) -> tuple[pa.StringArray, npt.NDArray[np.int32]]:
    """``words`` as an Arrow array, and their sizes in bytes, then a 0 (read for -1)."""
    sizes = np.array([len(word.encode()) for word in words] + [0], dtype=np.int32)
    return pa.array(words, pa.string()), sizes


# Arrow's string type counts its bytes in 32 bits.
_LARGEST_OFFSET: Final = (1 << 31) - 1


def _strings(numbers: npt.NDArray[np.int16], words: Sequence[str]) -> pa.StringArray:
    """Row ``i`` is ``words[numbers[i]]``, or null where ``numbers[i]`` is negative.

    Most rows are null (no error, no warning): Arrow copies the words of the
    others, and their offsets are counted here for every row at once.
    """
    array, sizes = _word_table(tuple(words))
    row_sizes = sizes[numbers]
    if int(row_sizes.sum(dtype=np.int64)) > _LARGEST_OFFSET:
        raise ValueError("The column is too long for one result: check it in parts.")
    offsets = np.zeros(len(numbers) + 1, dtype=np.int32)
    np.cumsum(row_sizes, dtype=np.int32, out=offsets[1:])
    present = numbers >= 0
    taken = array.take(pa.array(numbers[np.flatnonzero(present)]))
    data = taken.buffers()[2] if len(taken) else None
    return pa.Array.from_buffers(
        pa.string(),
        len(numbers),
        [_bitmap(present), pa.py_buffer(offsets), data or pa.py_buffer(b"")],
    )


def check_result(outcome: Outcome, vocabulary: Vocabulary) -> pa.StructArray:
    """One StructArray (:data:`RESULT_TYPE`) from a whole column's outcome."""
    nulls = outcome.nulls
    present = ~nulls
    position = outcome.position
    return pa.StructArray.from_arrays(
        [
            _booleans(outcome.code < 0, present),
            _strings(outcome.code, vocabulary.codes),
            # Null rows, and rows without an error, have no position: -1.
            pa.Array.from_buffers(
                pa.int32(), len(position), [_bitmap(position >= 0), pa.py_buffer(position)]
            ),
            _warning_lists(outcome.warnings, nulls, vocabulary),
        ],
        fields=list(RESULT_TYPE),
        mask=pa.array(nulls) if nulls.any() else None,
    )


def error_codes(outcome: Outcome, vocabulary: Vocabulary) -> pa.StringArray:
    """The ``code`` field of :func:`check_result` alone (null rows have no code)."""
    return _strings(outcome.code, vocabulary.codes)


def _warning_lists(
    numbers: npt.NDArray[np.int16], nulls: Bools, vocabulary: Vocabulary
) -> pa.ListArray:
    """The list<string> of warnings, built from offsets: most rows have none."""
    lists = vocabulary.warning_lists
    sizes = np.array([len(codes_) for codes_ in lists], dtype=np.int32)
    table = np.zeros((len(lists), max(1, int(sizes.max()))), dtype=np.int16)
    for number, warning_codes in enumerate(lists):
        table[number, : len(warning_codes)] = [vocabulary.code(c) for c in warning_codes]
    # Null rows have list 0, the empty one, like the rows without a warning.
    counts = sizes[numbers]
    offsets = np.zeros(len(numbers) + 1, dtype=np.int32)
    np.cumsum(counts, dtype=np.int32, out=offsets[1:])
    with_warnings = np.flatnonzero(numbers)
    repeats = counts[with_warnings]
    owners = np.repeat(with_warnings, repeats)
    within = np.arange(len(owners), dtype=np.int64) - np.repeat(offsets[with_warnings], repeats)
    values = _strings(table[numbers[owners], within], vocabulary.codes)
    return pa.Array.from_buffers(
        pa.list_(pa.string()),
        len(numbers),
        [_bitmap(~nulls), pa.py_buffer(offsets)],
        children=[values],
    )


# --- Shapes of ASCII text ----------------------------------------------------------------------


def byte_table(characters: Iterable[str]) -> Bools:
    """A 256-entry table: True for the bytes of ``characters`` (ASCII)."""
    table = np.zeros(256, dtype=np.bool_)
    for char in characters:
        table[ord(char)] = True
    return table


#: The only separator the kernels drop themselves: the space, as printed on
#: cards and letters. Dots, hyphens, tabs and Unicode spaces go to the per-row
#: checker, whose clean-up knows them all.
SPACE: Final = ord(" ")
ASCII_LIMIT: Final = 0x80


def compact_rows(block: Block, rows: Ints, allowed: Bools, max_length: int) -> tuple[Ints, Bytes]:
    """Rows of ``rows`` made of ``allowed`` bytes and spaces, at most ``max_length`` long.

    Returns those rows' numbers (a subset of ``rows``) and their bytes padded
    with spaces to the longest of them.
    """
    rows = rows[block.lengths[rows] <= max_length]
    if not len(rows):
        return rows, np.zeros((0, 0), np.uint8)
    width = int(block.lengths[rows].max())
    matrix = block.padded(rows, max(width, 1), SPACE)
    usable = allowed | byte_table(" ")
    fine = usable[matrix].all(axis=1)
    return rows[fine], matrix[fine]


def take_compact(matrix: Bytes, width: int) -> tuple[Bytes, Ints]:
    """The non-space bytes of each row of ``matrix`` (each has exactly ``width``).

    Returns them as a ``(rows, width)`` matrix, and where each stands in the row.
    """
    kept = matrix != SPACE
    _, columns = np.nonzero(kept)
    positions: Ints = columns.reshape(-1, width).astype(np.int64)
    values: Bytes = matrix[kept].reshape(-1, width)
    return values, positions
