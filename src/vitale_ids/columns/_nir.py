"""The NIR kernel: the rules of ``_nir_rules``, applied to whole blocks of rows at once.

A NIR of 15 ASCII characters is read as three little-endian 64-bit words,
the bytes 0-7, 5-12 and 7-14 of the text, gathered straight from the Arrow
data buffer. Eight digits are checked and turned into a number with a few
integer operations per word (SWAR: the lanes of a word are its bytes), so a
row costs some tens of nanoseconds and no Python call.

The kernel decides only the rows whose answer it knows exactly as
:func:`vitale_ids.check_nir` gives it: rows of ASCII digits and plain spaces,
with Corsica's letters where they belong. Every other row (dots, hyphens,
tabs, Unicode, a letter, an input over ``MAX_INPUT_LENGTH``) goes to
``check_nir`` itself. tests/test_columns.py holds both to the same answers.
"""

from __future__ import annotations

import functools
from typing import Final

import numpy as np
import numpy.typing as npt

from vitale_ids import _nir_rules as rules
from vitale_ids._core import is_separator
from vitale_ids.columns._arrow import (
    ASCII_LIMIT,
    SPACE,
    Block,
    Bools,
    Bytes,
    Ints,
    Outcome,
    Vocabulary,
    byte_table,
    compact_rows,
    take_compact,
)
from vitale_ids.nir import MAX_INPUT_LENGTH

Words = npt.NDArray[np.uint64]

_U: Final = np.uint64
# The scalars of the kernel's shifts and masks, made once: a NumPy scalar costs
# about as much to make as a NumPy call on a vector of DuckDB's 2,048 rows.
_u: Final = functools.cache(np.uint64)
_WORD: Final = 8
# The three words: bytes 0-7, the last 8 of the body, and the last 8 of the NIR.
_HEAD_AT: Final = 0
_TAIL_AT: Final = rules.BODY_LENGTH - _WORD
_LAST_AT: Final = rules.LENGTH - _WORD
# The body is read as its first _TAIL_AT digits, then the 8 of the tail word.
_HEAD_DIGITS: Final = _TAIL_AT
# The words hold the parts where the kernel reads them; a change of the rules
# that breaks this must change the kernel too.
if not (
    0 <= _TAIL_AT <= rules.DEPARTMENT.start
    and rules.DEPARTMENT.stop <= _WORD
    and min(_WORD, _TAIL_AT + _WORD, rules.ORDER.start, rules.KEY.start) >= _LAST_AT
    and rules.SEX.start < rules.MONTH.stop <= _WORD
):  # pragma: no cover
    raise ImportError("The NIR's layout in vitale_ids._nir_rules no longer fits the kernel.")

_ZEROS: Final = int.from_bytes(b"0" * _WORD, "little")
_HIGH_NIBBLES: Final = int.from_bytes(b"\xf0" * _WORD, "little")
_SIXES: Final = int.from_bytes(b"\x06" * _WORD, "little")


def _field(word: Words, start: int, width: int) -> Words:
    """Bytes ``start`` to ``start + width`` of each word, as a little-endian number."""
    shifted: Words = word >> _u(8 * start)
    if start + width < _WORD:
        shifted &= _u((1 << (8 * width)) - 1)
    return shifted


def _text_value(text: str) -> int:
    """ASCII ``text`` as :func:`_field` reads it."""
    return int.from_bytes(text.encode("ascii"), "little")


# The constants of the word arithmetic, as NumPy scalars once and for all:
# a block of a few thousand rows costs some microseconds per NumPy call.
_HIGH: Final = _U(_HIGH_NIBBLES)
_SIX_EACH: Final = _U(_SIXES)
_DIGIT_HIGH: Final = _U(_ZEROS & _HIGH_NIBBLES)
_ZERO_EACH: Final = _U(_ZEROS)
_LANES: Final = tuple(
    (_U(lane_bits), _U(scale), _U(mask))
    for lane_bits, scale, mask in (
        (8, 10, 0x00FF00FF00FF00FF),
        (16, 100, 0x0000FFFF0000FFFF),
        (32, 10_000, 0x00000000FFFFFFFF),
    )
)


def _all_digits(word: Words) -> Bools:
    """True where all 8 bytes of ``word`` are ASCII digits."""
    high = word & _HIGH
    # A byte is a digit when its high nibble is 3 and stays 3 once 6 is added
    # (0x3A-0x3F become 0x40-0x45). A carry out of a byte of 0xFA or more only
    # reaches a byte whose own high nibble is wrong anyway.
    plus_six = word + _SIX_EACH
    plus_six &= _HIGH
    ok: Bools = high == _DIGIT_HIGH
    ok &= plus_six == _DIGIT_HIGH
    return ok


def _number(word: Words) -> Words:
    """The 8 ASCII digits of each word as a number (first byte most significant)."""
    value: Words = word - _ZERO_EACH
    carry: Words = value >> _LANES[0][0]
    for lane, (lane_bits, scale, mask) in enumerate(_LANES):
        if lane:
            np.right_shift(value, lane_bits, out=carry)
        value *= scale
        value += carry
        value &= mask
    return value


# --- Tables built from the rules ---------------------------------------------------

# Sex digit: ordinary, temporary (a warning) or impossible (an error).
_ORDINARY, _WARNING, _ERROR = 0, 1, 2
_SEX_KIND: Final = np.full(1 << 8, _ERROR, dtype=np.int8)
for _digit in rules.TEMPORARY_SEX_DIGITS:
    _SEX_KIND[ord(_digit)] = _WARNING
for _digit in rules.ORDINARY_SEX_DIGITS:
    _SEX_KIND[ord(_digit)] = _ORDINARY

# Month, indexed by its two bytes: known, unknown (a warning) or impossible.
_MONTH_KIND: Final = np.full(1 << 16, _ERROR, dtype=np.int8)
for _months, _kind in ((rules.KNOWN_MONTHS, _ORDINARY), (rules.UNKNOWN_MONTHS, _WARNING)):
    for _month in _months:
        _MONTH_KIND[_text_value(f"{_month:02d}")] = _kind

# The key, indexed by its two bytes: its value when it can be a key, else -1.
_KEY_VALUE: Final = np.full(1 << 16, -1, dtype=np.int16)
for _key in rules.KEYS:
    _KEY_VALUE[_text_value(f"{_key:0{rules.KEY_LENGTH}d}")] = _key

_NO_ORDER: Final = _text_value(rules.NO_ORDER)
_NO_ORDER_WORD: Final = _U(_NO_ORDER)

# Corsica: the department's two bytes, and the digits the key formula reads
# for them, lower-case letters included (check_nir upper-cases them).
_CORSICA_DIGITS: Final = np.zeros(1 << 16, dtype=np.uint64)
for _department, _digits in rules.CORSICA_KEY_DIGITS.items():
    for _spelling in {_department, _department.upper(), _department.lower()}:
        _CORSICA_DIGITS[_text_value(_spelling)] = _text_value(_digits)
_DIGIT_BYTES: Final = byte_table(rules.DIGITS)
# The ASCII characters check_nir keeps when it removes separators: the kernel
# takes rows of these and plain spaces, and leaves any other separator to it.
_KEPT_BYTES: Final = byte_table(chr(b) for b in range(ASCII_LIMIT) if not is_separator(chr(b)))
_DEPARTMENT_MASK: Final = ((1 << 16) - 1) << (8 * rules.DEPARTMENT.start)

_BODY_SCALE: Final = pow(10, _WORD, rules.KEY_MODULUS)
_KEEP_ALL_BUT_DEPARTMENT: Final = _U(~_DEPARTMENT_MASK & ((1 << 64) - 1))
_DEPARTMENT_SHIFT: Final = _U(8 * rules.DEPARTMENT.start)
_BODY_SCALE_WORD: Final = _U(_BODY_SCALE)
_MODULUS_WORD: Final = _U(rules.KEY_MODULUS)
_HEAD_SHIFT: Final = _U(8 * (_WORD - _HEAD_DIGITS))
_HEAD_FILL: Final = _U(_ZEROS >> (8 * _HEAD_DIGITS))


class Parts:
    """What the rules say of rows of 15 characters, as arrays (one entry per row)."""

    __slots__ = ("decided", "key_fits", "key_in_range", "month", "no_order", "sex")

    def __init__(self, head: Words, last: Words, decided: Bools) -> None:
        # head: Corsica's letters already read as digits (_plain_digits).
        tail = _tail_of(head, last)
        self.decided = decided
        self.sex = _SEX_KIND[_field(head, rules.SEX.start, 1).view(np.int64)]
        self.month = _MONTH_KIND[_field(head, rules.MONTH.start, 2).view(np.int64)]
        self.no_order = _field(last, rules.ORDER.start - _LAST_AT, 3) == _NO_ORDER_WORD
        key = _KEY_VALUE[_field(last, rules.KEY.start - _LAST_AT, 2).view(np.int64)]
        self.key_in_range = key >= 0
        # The body mod 97, from its first digits and the 8 of the tail word.
        # Both words in one array: half the NumPy calls.
        both = np.empty((2, len(head)), dtype=np.uint64)
        np.left_shift(head, _HEAD_SHIFT, out=both[0])
        both[0] |= _HEAD_FILL
        both[1] = tail
        numbers = _number(both)
        head_number = numbers[0]
        head_number *= _BODY_SCALE_WORD
        head_number += numbers[1]
        head_number %= _MODULUS_WORD
        remainder = head_number.astype(np.int16)
        # rules.key_of, in arithmetic: a key out of range (-1 here) never fits.
        self.key_fits = key == rules.KEY_MODULUS - remainder

    def valid(self, strict: bool) -> Bools:
        limit = _ORDINARY if strict else _WARNING
        ok: Bools = self.decided & (self.sex <= limit)
        ok &= self.month <= limit
        ok &= ~self.no_order
        ok &= self.key_fits
        return ok


def _tail_of(head: Words, last: Words) -> Words:
    """The tail word, bytes 5-12, from the two others: cheaper than a third gather."""
    tail: Words = head >> _u(8 * _TAIL_AT)
    tail |= (last >> _u(8 * (_WORD - _LAST_AT))) << _u(8 * (_WORD - _TAIL_AT))
    return tail


def _words_of_rows(block: Block, rows: Ints) -> tuple[Words, Words]:
    """The head and last words of rows that have 15 bytes, straight from the data buffer."""
    data = block.data
    if len(rows) == block.size > 0 and int(block.offsets[-1] - block.offsets[0]) == (
        rules.LENGTH * block.size
    ):
        # Every row has 15 bytes, one after the other: strided views, no gather.
        first = int(block.offsets[0])

        def at(offset: int) -> Words:
            words: Words = np.ndarray(
                shape=(block.size,),
                dtype="<u8",
                buffer=data,
                offset=first + offset,
                strides=(rules.LENGTH,),
            )
            copied: Words = words.copy()
            return copied

        head, last = at(_HEAD_AT), at(_LAST_AT)
    else:
        starts = block.offsets[rows]
        windows: Words = np.ndarray(
            shape=(max(len(data) - _WORD + 1, 0),), dtype="<u8", buffer=data, strides=(1,)
        )
        head, last = windows[starts + _HEAD_AT], windows[starts + _LAST_AT]
    return head, last


def _plain_digits(head: Words, last: Words) -> tuple[Bools, Words]:
    """Which rows' 15 characters are all digits, but for Corsica's letters where they belong.

    Also returns ``head`` with Corsica's letters replaced by the digits the
    key formula reads for them.
    """
    plain = _all_digits(head)
    plain &= _all_digits(last)
    if not plain.all():
        letters = np.flatnonzero(~plain)
        department = _field(head[letters], rules.DEPARTMENT.start, 2)
        digits = _CORSICA_DIGITS[department.view(np.int64)]
        corsica = digits != 0
        letters = letters[corsica]
        if len(letters):
            replaced = head[letters] & _KEEP_ALL_BUT_DEPARTMENT
            replaced |= digits[corsica] << _DEPARTMENT_SHIFT
            plain[letters] = _all_digits(replaced) & _all_digits(last[letters])
            head = head.copy()
            head[letters] = replaced
    return plain, head


def _words_of_matrix(matrix: Bytes) -> tuple[Words, Words]:
    """The head and last words of each row of a ``(rows, 15)`` byte matrix."""
    padded = np.zeros((len(matrix), 2 * _WORD), dtype=np.uint8)
    padded[:, : rules.LENGTH] = matrix
    flat = padded.reshape(-1)

    def at(offset: int) -> Words:
        words: Words = np.ndarray(
            shape=(len(matrix),), dtype="<u8", buffer=flat, offset=offset, strides=(2 * _WORD,)
        )
        copied: Words = words.copy()
        return copied

    return at(_HEAD_AT), at(_LAST_AT)


# --- Validity ------------------------------------------------------------------------------


def _spaced_rows(block: Block, rows: Ints) -> tuple[Ints, Bytes, Ints]:
    """Of ``rows``, those of kept ASCII characters and spaces; their bytes; their counts."""
    rows, matrix = compact_rows(block, rows, _KEPT_BYTES, MAX_INPUT_LENGTH)
    counts = np.count_nonzero(matrix != SPACE, axis=1) if len(rows) else rows
    return rows, matrix, counts


# The NIR as printed on the card, "1 85 05 78 006 084 91": its parts, one
# space apart. Rows typed so are read at fixed places, without a scan.
_CARD_GROUPS: Final = (
    rules.SEX,
    rules.YEAR,
    rules.MONTH,
    rules.DEPARTMENT,
    rules.PLACE,
    rules.ORDER,
    rules.KEY,
)
_CARD_LENGTH: Final = rules.LENGTH + len(_CARD_GROUPS) - 1
_CARD_POSITIONS: Final = np.array(
    [
        index + number
        for number, group in enumerate(_CARD_GROUPS)
        for index in range(group.start, group.stop)
    ],
    dtype=np.int64,
)
_CARD_SPACES: Final = np.array(
    [group.start + number - 1 for number, group in enumerate(_CARD_GROUPS) if number],
    dtype=np.int64,
)


# A card-layout row is read as three words, bytes 0-7, 8-15 and its last 8,
# side by side: the columns of these 24 bytes where each character stands.
_CARD_WORDS_AT: Final = (0, _WORD, _CARD_LENGTH - _WORD)
if not 2 * _WORD <= _CARD_LENGTH <= 3 * _WORD:  # pragma: no cover
    raise ImportError("The NIR's card layout in vitale_ids._nir_rules no longer fits the kernel.")


def _card_columns(positions: Ints) -> Ints:
    shifted: Ints = np.where(positions < 2 * _WORD, positions, positions + 3 * _WORD - _CARD_LENGTH)
    return shifted


_CARD_CHARACTER_COLUMNS: Final = _card_columns(_CARD_POSITIONS)
_CARD_SPACE_COLUMNS: Final = _card_columns(_CARD_SPACES)


def _card_layout(block: Block, rows: Ints) -> tuple[Ints, Bytes]:
    """Of ``rows``, those typed as on the card; and their 15 characters."""
    rows = rows[block.lengths[rows] == _CARD_LENGTH]
    if not len(rows):
        return rows, np.zeros((0, rules.LENGTH), dtype=np.uint8)
    starts = block.offsets[rows]
    windows = _windows(block.data)
    words = np.empty((len(rows), len(_CARD_WORDS_AT)), dtype="<u8")
    for column, at in enumerate(_CARD_WORDS_AT):
        words[:, column] = windows[starts + at]
    text = words.view(np.uint8)
    spaces = text[:, _CARD_SPACE_COLUMNS] == SPACE
    compact = text[:, _CARD_CHARACTER_COLUMNS]
    # Any other separator among the characters: the scan of the spaced path.
    fine = spaces.all(axis=1) & _KEPT_BYTES[compact].all(axis=1)
    return rows[fine], compact[fine]


def _windows(data: Bytes) -> Words:
    """Every 8 consecutive bytes of ``data``, as a little-endian word: a view."""
    windows: Words = np.ndarray(
        shape=(max(len(data) - _WORD + 1, 0),), dtype="<u8", buffer=data, strides=(1,)
    )
    return windows


def _digit_runs(block: Block, rows: Ints) -> tuple[Ints, Bytes]:
    """Of ``rows``, those of 8 to 16 ASCII digits; and their first 8 bytes.

    Two words, the first 8 bytes and the last 8, cover such a row.
    """
    lengths = block.lengths[rows]
    rows = rows[(lengths >= _WORD) & (lengths <= 2 * _WORD)]
    if not len(rows):
        return rows, np.zeros((0, _WORD), dtype=np.uint8)
    data = block.data
    windows: Words = np.ndarray(
        shape=(max(len(data) - _WORD + 1, 0),), dtype="<u8", buffer=data, strides=(1,)
    )
    starts = block.offsets[rows]
    head = windows[starts]
    digits = _all_digits(head) & _all_digits(windows[starts + block.lengths[rows] - _WORD])
    heads: Bytes = head[digits].view(np.uint8).reshape(-1, _WORD)
    return rows[digits], heads


class Gathered:
    """The rows of ``candidates`` the kernel can read, sorted by what they are.

    - ``rows``: 15 characters once spaces are dropped, read by ``parts``: first
      those of 15 bytes (``plain`` of them), then the spaced ones, whose
      positions in their text :meth:`position_of` gives and whose
      ``compact`` characters are kept for the character errors;
    - ``other_rows`` (with their ``counts`` of characters): kept characters
      and spaces, but not 15 characters; ``short_rows`` and ``short_heads``:
      those of 13, the NIR without its key, and their first characters.

    The rows of ``candidates`` in none of them are left to the per-row checker.
    """

    __slots__ = (
        "cards",
        "compact",
        "counts",
        "other_rows",
        "parts",
        "plain",
        "positions",
        "rows",
        "short_heads",
        "short_rows",
    )

    def __init__(self, block: Block, candidates: Bools) -> None:
        by_length = block.lengths == rules.LENGTH
        fifteen_bytes = np.flatnonzero(candidates & by_length)
        head, last = _words_of_rows(block, fifteen_bytes)
        rest_mask = candidates & ~by_length
        plain, head = _plain_digits(head, last)
        if not plain.all():
            # Spaces or letters among the 15 bytes: read as the spaced rows are.
            rest_mask[fifteen_bytes[~plain]] = True
            fifteen_bytes, head, last = fifteen_bytes[plain], head[plain], last[plain]
        rest = np.flatnonzero(rest_mask)
        card_rows, card_compact = _card_layout(block, rest)
        run_rows, run_heads = _digit_runs(block, rest)
        if len(card_rows) or len(run_rows):
            rest_mask[card_rows] = False
            rest_mask[run_rows] = False
            rest = np.flatnonzero(rest_mask)
        rows, matrix, counts = _spaced_rows(block, rest)
        fifteen = counts == rules.LENGTH
        compact, positions = take_compact(matrix[fifteen], rules.LENGTH)
        self.compact = np.concatenate([card_compact, compact])
        self.cards = len(card_rows)
        self.positions = positions
        if len(self.compact):
            more_head, more_last = _words_of_matrix(self.compact)
            decided, more_head = _plain_digits(more_head, more_last)
            head = np.concatenate([head, more_head])
            last = np.concatenate([last, more_last])
            decided = np.concatenate([np.ones(len(fifteen_bytes), dtype=np.bool_), decided])
        else:
            decided = np.ones(len(head), dtype=np.bool_)
        self.parts = Parts(head, last, decided)
        self.rows = np.concatenate([fifteen_bytes, card_rows, rows[fifteen]])
        self.plain = len(fifteen_bytes)
        run_counts = block.lengths[run_rows]
        self.other_rows = np.concatenate([run_rows, rows[~fifteen]])
        self.counts = np.concatenate([run_counts, counts[~fifteen]])
        short = counts == rules.BODY_LENGTH
        bodies, _ = take_compact(matrix[short], rules.BODY_LENGTH)
        run_short = run_counts == rules.BODY_LENGTH
        self.short_rows = np.concatenate([run_rows[run_short], rows[short]])
        self.short_heads = np.concatenate([run_heads[run_short], bodies[:, :_WORD]])

    def position_of(self, spaced: Ints, compact_index: Ints) -> Ints:
        """Where character ``compact_index`` of spaced row ``spaced`` stands in its text."""
        found: Ints = _CARD_POSITIONS[compact_index]
        scanned = spaced >= self.cards
        if scanned.any():
            found[scanned] = self.positions[spaced[scanned] - self.cards, compact_index[scanned]]
        return found


def valid_block(block: Block, strict: bool) -> tuple[Bools, Bools]:
    """Validity of each row of ``block``, and which rows the kernel could not decide."""
    valid = np.zeros(block.size, dtype=np.bool_)
    pending = ~block.nulls
    # Fewer bytes than a NIR has characters: never valid, whatever they are.
    pending &= block.lengths >= rules.LENGTH
    gathered = Gathered(block, pending)
    # A character other than a digit (or Corsica's letters): not valid.
    valid[gathered.rows] = gathered.parts.valid(strict)
    pending[gathered.rows] = False
    pending[gathered.other_rows] = False
    return valid, pending


# --- Checks -----------------------------------------------------------------------------------

#: The codes the kernel gives, in the order check_nir reports them.
CODES: Final = (
    "nir.sex",
    "nir.month",
    "nir.order",
    "nir.key_range",
    "nir.checksum",
    "nir.temporary",
    "nir.unknown_month",
    "nir.missing_key",
    "nir.length",
    "nir.empty",
    "nir.character",
)
(_SEX, _MONTH, _ORDER, _KEY_RANGE, _CHECKSUM, _TEMPORARY, _UNKNOWN_MONTH) = range(7)
_MISSING_KEY, _LENGTH, _EMPTY, _CHARACTER = 7, 8, 9, 10
WARNING_LISTS: Final = (
    ("nir.temporary",),
    ("nir.unknown_month",),
    ("nir.temporary", "nir.unknown_month"),
)


def new_vocabulary() -> Vocabulary:
    return Vocabulary(CODES, WARNING_LISTS)


# What check_nir reports for each combination of the parts' verdicts, as
# tables indexed by a row's state: its first error (code and compact place)
# and its warnings, strict and not. check_nir lists the errors in this order,
# then the warnings (which strict=True appends to the errors).
_KINDS: Final = (_ORDINARY, _WARNING, _ERROR)
_STATES: Final = len(_KINDS) * len(_KINDS) * 2 * 2 * 2


def _state_tables(
    strict: bool,
) -> tuple[npt.NDArray[np.int16], npt.NDArray[np.int32], npt.NDArray[np.int16]]:
    codes = np.full(_STATES, -1, dtype=np.int16)
    places = np.full(_STATES, -1, dtype=np.int32)
    warnings = np.zeros(_STATES, dtype=np.int16)
    for state in range(_STATES):
        sex, month, no_order, key_out, key_wrong = _unpack(state)
        errors = [
            (sex == _ERROR, _SEX, rules.SEX.start),
            (month == _ERROR, _MONTH, rules.MONTH.start),
            (no_order, _ORDER, rules.ORDER.start),
            (key_out, _KEY_RANGE, rules.KEY.start),
            (key_wrong, _CHECKSUM, rules.KEY.start),
        ]
        found = [(sex == _WARNING, _TEMPORARY, rules.SEX.start)]
        found.append((month == _WARNING, _UNKNOWN_MONTH, rules.MONTH.start))
        if strict:
            errors += found
        else:
            warnings[state] = sum(1 << n for n, (present, _, _) in enumerate(found) if present)
        first = next(((code, place) for present, code, place in errors if present), None)
        if first is not None:
            codes[state], places[state] = first
    return codes, places, warnings


def _unpack(state: int) -> tuple[int, int, bool, bool, bool]:
    state, sex = divmod(state, len(_KINDS))
    state, month = divmod(state, len(_KINDS))
    state, no_order = divmod(state, 2)
    key_wrong, key_out = divmod(state, 2)
    return _KINDS[sex], _KINDS[month], bool(no_order), bool(key_out), bool(key_wrong)


_TABLES: Final = {strict: _state_tables(strict) for strict in (False, True)}


def _record(outcome: Outcome, gathered: Gathered, strict: bool) -> None:
    """Write the rows of ``gathered`` that its parts decide into ``outcome``."""
    parts, rows, plain = gathered.parts, gathered.rows, gathered.plain
    decided = parts.decided
    # The state as an index (intp): the three tables are read without a cast.
    state = parts.month.astype(np.intp)
    state *= len(_KINDS)
    state += parts.sex
    flags = np.logical_not(parts.key_fits).view(np.int8)
    flags <<= 1
    flags |= np.logical_not(parts.key_in_range)
    flags <<= 1
    flags |= parts.no_order
    state += flags * np.int16(len(_KINDS) ** 2)
    if not decided.all():
        rows, state = rows[decided], state[decided]
    codes, places, warnings = _TABLES[strict]
    code = codes[state]
    place = places[state]
    if len(rows) > plain:
        spaced = np.flatnonzero(decided[plain:])
        at = int(np.count_nonzero(decided[:plain]))
        errors = np.flatnonzero(place[at:] >= 0)
        if len(errors):
            place = place.copy()
            place[at + errors] = gathered.position_of(spaced[errors], place[at + errors])
    outcome.valid[rows] = code < 0
    outcome.code[rows] = code
    outcome.position[rows] = place
    outcome.warnings[rows] = warnings[state]
    outcome.pending[rows] = False


def _first_bad_characters(compact: Bytes) -> Ints:
    """The compact index of each row's first character that check_nir calls wrong, or -1."""
    bad = ~_DIGIT_BYTES[compact]
    if compact.shape[1] > rules.DEPARTMENT.start + 1:
        department = compact[:, rules.DEPARTMENT.start].astype(np.int64) | (
            compact[:, rules.DEPARTMENT.start + 1].astype(np.int64) << 8
        )
        bad[:, rules.DEPARTMENT.start + 1] &= _CORSICA_DIGITS[department] == 0
    first = np.argmax(bad, axis=1)
    return np.where(bad.any(axis=1), first, -1)


def _warnings_of(compact: Bytes) -> tuple[Bools, Bools]:
    """Temporary number and unknown month, as check_nir judges them: on digits only."""
    temporary = _SEX_KIND[compact[:, rules.SEX.start]] == _WARNING
    month = compact[:, rules.MONTH.start].astype(np.int64) | (
        compact[:, rules.MONTH.start + 1].astype(np.int64) << 8
    )
    return temporary, _MONTH_KIND[month] == _WARNING


def check_block(block: Block, strict: bool) -> Outcome:
    """The kernel's answers for ``block``; rows it cannot decide stay pending."""
    outcome = Outcome(block.size, block.nulls)
    gathered = Gathered(block, outcome.pending)
    _check_gathered(outcome, gathered, strict)
    return outcome


def _check_gathered(outcome: Outcome, gathered: Gathered, strict: bool) -> None:
    parts, plain = gathered.parts, gathered.plain
    _record(outcome, gathered, strict)
    # Left: a character other than a digit. It is the first error.
    left = ~parts.decided[plain:]
    if left.any():
        compact = gathered.compact[left]
        chosen = gathered.rows[plain:][left]
        first = _first_bad_characters(compact)
        outcome.code[chosen] = _CHARACTER
        outcome.position[chosen] = gathered.position_of(np.flatnonzero(left), first)
        if not strict:
            temporary, unknown_month = _warnings_of(compact)
            outcome.warnings[chosen] = temporary.astype(np.int16) + 2 * unknown_month
        outcome.pending[chosen] = False
    # Not 15 characters: the length is the first error.
    rows, counts = gathered.other_rows, gathered.counts
    outcome.code[rows[counts == 0]] = _EMPTY
    outcome.code[rows[(counts > 0) & (counts != rules.BODY_LENGTH)]] = _LENGTH
    # The key left out: check_nir also gives the warnings of the other parts.
    outcome.code[gathered.short_rows] = _MISSING_KEY
    if not strict and len(gathered.short_rows):
        temporary, unknown_month = _warnings_of(gathered.short_heads)
        outcome.warnings[gathered.short_rows] = temporary.astype(np.int16) + 2 * unknown_month
    outcome.pending[rows] = False
