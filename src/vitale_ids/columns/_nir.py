"""The NIR kernel: the rules of ``_nir_rules``, applied to whole blocks of rows at once.

A NIR of 15 ASCII characters is read as two little-endian 64-bit words, its
bytes 0-7 (the head) and 7-14 (the last word), gathered straight from the
Arrow data buffer. Eight digits are checked, and weighted into the key's sum,
with a few integer operations per word (SWAR: the lanes of a word are its
bytes), so a row costs some tens of nanoseconds and no Python call.

A block is read in two passes. The first reads every row at once: rows of 15
bytes, rows typed as on the card (their characters moved into the same two
words), runs of digits of another length, and Corsica's letters. Most rows
of a real column are decided there, and their results written with no index
at all. The second pass takes the spaces out of the few rows left, and reads
them as the first does; when a block leaves only a few, the per-row checker
takes them instead. The rules give each row a state (:func:`_states`), and
tables made from the rules give each state its error, position and warnings.

The kernel decides only the rows whose answer it knows exactly as
:func:`vitale_ids.check_nir` gives it: rows of ASCII characters that
check_nir keeps as they are, and plain spaces. Every other row (dots,
hyphens, tabs, Unicode, an input over ``MAX_INPUT_LENGTH``) goes to
``check_nir`` itself. tests/test_columns.py holds both to the same answers,
on every route; tests/test_rules.py walks every rule through the kernel.
"""

from __future__ import annotations

import functools
from typing import Any, Final

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
# Positions and row numbers, whatever their integer type.
Indices = npt.NDArray[np.integer[Any]]

_U: Final = np.uint64
# The scalars of the kernel's shifts and masks, made once: a NumPy scalar costs
# about as much to make as a NumPy call on a vector of DuckDB's 2,048 rows.
_u: Final = functools.cache(np.uint64)
_WORD: Final = 8
# The two words: bytes 0-7 (the head) and the last 8 of the NIR.
_LAST_AT: Final = rules.LENGTH - _WORD
# The words hold the parts where the kernel reads them; a change of the rules
# that breaks this must change the kernel too.
if not (
    0 <= _LAST_AT <= _WORD
    and rules.SEX.start < rules.MONTH.stop <= _WORD
    and rules.DEPARTMENT.stop <= _LAST_AT
    and min(rules.ORDER.start, rules.KEY.start) >= _LAST_AT
):  # pragma: no cover
    raise ImportError("The NIR's layout in vitale_ids._nir_rules no longer fits the kernel.")

_ZEROS: Final = int.from_bytes(b"0" * _WORD, "little")
_HIGH_NIBBLES: Final = int.from_bytes(b"\xf0" * _WORD, "little")
_SIXES: Final = int.from_bytes(b"\x06" * _WORD, "little")


def _field(word: Words, start: int, width: int) -> Words:
    """Bytes ``start`` to ``start + width`` of each word, as a little-endian number."""
    shifted: Words = word >> _u(8 * start) if start else word
    if start + width < _WORD:
        shifted = shifted & _u((1 << (8 * width)) - 1)
    return shifted


def _text_value(text: str) -> int:
    """ASCII ``text`` as :func:`_field` reads it."""
    return int.from_bytes(text.encode("ascii"), "little")


# The constants of the word arithmetic, as NumPy scalars once and for all:
# a block of a few thousand rows costs some microseconds per NumPy call.
_HIGH: Final = _U(_HIGH_NIBBLES)
_SIX_EACH: Final = _U(_SIXES)
_DIGIT_HIGH: Final = _U(_ZEROS & _HIGH_NIBBLES)


def _every_word(flags: Bools) -> Bools:
    """Of (2, rows) flags, the rows whose two words are flagged."""
    both: Bools = flags[0] & flags[1]
    return both


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


# --- States: what the rules say of a row of 15 characters -----------------------------------

# Sex digit and month: ordinary, genuine but unusual (a warning), or impossible.
_ORDINARY, _WARNING, _ERROR = 0, 1, 2
_KINDS: Final = (_ORDINARY, _WARNING, _ERROR)
# A row's state, one byte: its sex's kind, plus its month's kind times
# _MONTH_STEP, plus a step for each other error found. A row the first pass
# leaves to the second (or to the per-row checker) has _UNDECIDED added: the
# tables of Tables give each state its verdict, error and warnings.
_MONTH_STEP: Final = len(_KINDS)
_NO_ORDER_STEP: Final = _MONTH_STEP * len(_KINDS)
_KEY_OUT_STEP: Final = 2 * _NO_ORDER_STEP
_KEY_WRONG_STEP: Final = 2 * _KEY_OUT_STEP
_STATES: Final = 2 * _KEY_WRONG_STEP
_UNDECIDED_BIT: Final = 7
_UNDECIDED: Final = 1 << _UNDECIDED_BIT
if _STATES > _UNDECIDED:  # pragma: no cover
    raise ImportError("The NIR kernel's states no longer fit in a byte.")

States = npt.NDArray[np.uint8]

# The sex's kind, indexed by its byte.
_SEX_STATE: Final = np.full(1 << 8, _ERROR, dtype=np.uint8)
for _digit in rules.TEMPORARY_SEX_DIGITS:
    _SEX_STATE[ord(_digit)] = _WARNING
for _digit in rules.ORDINARY_SEX_DIGITS:
    _SEX_STATE[ord(_digit)] = _ORDINARY

# The month's kind times _MONTH_STEP, indexed by its two bytes.
_MONTH_STATE: Final = np.full(1 << 16, _ERROR * _MONTH_STEP, dtype=np.uint8)
for _months, _kind in ((rules.KNOWN_MONTHS, _ORDINARY), (rules.UNKNOWN_MONTHS, _WARNING)):
    for _month in _months:
        _MONTH_STATE[_text_value(f"{_month:02d}")] = _kind * _MONTH_STEP

# The key's two bytes: no step when they can be a key, else _KEY_OUT_STEP.
_KEY_STATE: Final = np.full(1 << 16, _KEY_OUT_STEP, dtype=np.uint8)
for _key in rules.KEYS:
    _KEY_STATE[_text_value(f"{_key:0{rules.KEY_LENGTH}d}")] = 0

_NO_ORDER_WORD: Final = _U(_text_value(rules.NO_ORDER))
_NO_ORDER_FIELD: Final = (rules.ORDER.start - _LAST_AT, rules.ORDER.stop - rules.ORDER.start)

# The key, in one sum. rules.key_of: the key is the modulus minus the body's
# remainder, so the body plus a right key is a multiple of the modulus. The
# body plus the key, modulo the modulus, is the sum of each digit times its
# place's power of ten (modulo the modulus). Each word's bytes are spread over
# two words of four 16-bit lanes (even bytes, odd bytes), and one
# multiplication by the lanes' weights leaves their weighted sum in the top
# lane. The bytes are summed as they are, ASCII, whose sum differs from the
# digits' by a known amount: with weights under 97 and bytes up to "9" (57),
# no lane of a row of digits overflows.
_WEIGHTS: Final = [
    pow(10, rules.BODY_LENGTH - 1 - place, rules.KEY_MODULUS) for place in range(rules.BODY_LENGTH)
] + [10 ** (rules.KEY.stop - 1 - place) for place in range(rules.KEY.start, rules.KEY.stop)]
_EVEN_BYTES: Final = _U(0x00FF00FF00FF00FF)
_TOP_LANE: Final = _U(48)
_BYTE: Final = _U(8)


def _lane_weights(word_at: int, parity: int) -> np.uint64:
    """The multiplier that sums the lanes of one word's even (0) or odd (1) bytes, weighted.

    Lane ``i`` holds byte ``2 * i + parity`` of the word at ``word_at``;
    the top lane of the product gets lane ``i`` times factor ``3 - i``.
    """
    factor = 0
    for lane in range(4):
        place = word_at + 2 * lane + parity
        # The byte both words hold (7) counts once, in the head.
        counted = place < len(_WEIGHTS) and not (word_at and place < _WORD)
        factor |= (_WEIGHTS[place] if counted else 0) << (16 * (3 - lane))
    multiplier: np.uint64 = _U(factor)
    return multiplier


_HEAD_EVEN, _HEAD_ODD = _lane_weights(0, 0), _lane_weights(0, 1)
_LAST_EVEN, _LAST_ODD = _lane_weights(_LAST_AT, 0), _lane_weights(_LAST_AT, 1)
# Each word's sum is one 16-bit lane: the two add up to less than this.
_LARGEST_SUM: Final = 2 * (1 << 16)
_ZERO_SUM: Final = ord("0") * sum(_WEIGHTS)
# The sum's step: none when the key is right, else _KEY_WRONG_STEP.
_SUM_STATE: Final = np.full(_LARGEST_SUM, _KEY_WRONG_STEP, dtype=np.uint8)
_SUM_STATE[(np.arange(_LARGEST_SUM) - _ZERO_SUM) % rules.KEY_MODULUS == 0] = 0


def _weighted_sum(word: Words, even: np.uint64, odd: np.uint64) -> Words:
    """One word's weighted sum: the top lanes of its two products (each at most 4 x 57 x 96)."""
    total: Words = word & _EVEN_BYTES
    total *= even
    odd_bytes = word >> _BYTE
    odd_bytes &= _EVEN_BYTES
    odd_bytes *= odd
    total += odd_bytes
    total >>= _TOP_LANE
    return total


def _states(words: Words, decided: Bools) -> States:
    """Each row's state; ``words``: the head and the last word of each row, as a (2, rows) array.

    The head has Corsica's letters read as digits already (:func:`_corsica_read`).
    Rows not ``decided`` get :data:`_UNDECIDED` added.
    """
    head, last = words
    states: States = _SEX_STATE[_field(head, rules.SEX.start, 1).view(np.int64)]
    states += _MONTH_STATE[_field(head, rules.MONTH.start, 2).view(np.int64)]
    no_order = _field(last, *_NO_ORDER_FIELD) == _NO_ORDER_WORD
    states += no_order.view(np.uint8) * np.uint8(_NO_ORDER_STEP)
    states += _KEY_STATE[_field(last, rules.KEY.start - _LAST_AT, 2).view(np.int64)]
    sums = _weighted_sum(head, _HEAD_EVEN, _HEAD_ODD)
    sums += _weighted_sum(last, _LAST_EVEN, _LAST_ODD)
    states += _SUM_STATE[sums.view(np.int64)]
    if not decided.all():
        states |= np.logical_not(decided).view(np.uint8) << np.uint8(_UNDECIDED_BIT)
    return states


# Corsica: the department's two bytes, and the digits the key formula reads
# for them, lower-case letters included (check_nir upper-cases them).
_CORSICA_DIGITS: Final = np.zeros(1 << 16, dtype=np.uint64)
for _department, _digits in rules.CORSICA_KEY_DIGITS.items():
    for _spelling in {_department, _department.upper(), _department.lower()}:
        _CORSICA_DIGITS[_text_value(_spelling)] = _text_value(_digits)
_DEPARTMENT_MASK: Final = ((1 << 16) - 1) << (8 * rules.DEPARTMENT.start)
_KEEP_ALL_BUT_DEPARTMENT: Final = _U(~_DEPARTMENT_MASK & ((1 << 64) - 1))
_DEPARTMENT_SHIFT: Final = _U(8 * rules.DEPARTMENT.start)
_DIGIT_BYTES: Final = byte_table(rules.DIGITS)
# The ASCII characters check_nir keeps when it removes separators: the kernel
# takes rows of these and plain spaces, and leaves any other separator to it.
_KEPT_BYTES: Final = byte_table(chr(b) for b in range(ASCII_LIMIT) if not is_separator(chr(b)))


# --- Reading the rows -----------------------------------------------------------------------


def _windows(data: Bytes) -> Words:
    """Every 8 consecutive bytes of ``data``, as a little-endian word: a view."""
    windows: Words = np.ndarray(
        shape=(max(len(data) - _WORD + 1, 0),), dtype="<u8", buffer=data, strides=(1,)
    )
    return windows


_WIDE: Final = 2 * _WORD
_SIXTEEN: Final = np.dtype((np.void, _WIDE))


# Under this many bytes, a block's bytes are copied once, padded: fewer NumPy
# calls than reading the rows that end near the data's end apart.
_COPY_UNDER: Final = 1 << 16


def _first_sixteen_bytes(data: Bytes, starts: Ints, stop: int) -> Words:
    """The 16 bytes from each start, as two words: a (2, rows) array, gathered at once.

    ``stop``: where the last row ends. Bytes past a row's end are whatever
    follows it: zeros past ``stop``.
    """
    if not len(starts):
        return np.zeros((2, 0), dtype=np.uint64)
    first = int(starts[0])
    if stop - first < _COPY_UNDER or len(data) < _WIDE:
        padded = np.zeros(stop - first + _WIDE, dtype=np.uint8)
        padded[: stop - first] = data[first:stop]
        windows = np.ndarray(
            shape=(len(padded) - _WIDE + 1,), dtype=_SIXTEEN, buffer=padded, strides=(1,)
        )
        sixteens = windows[starts - first]
    else:
        # A window of 16 bytes cannot start in the last 15: rows that start
        # there are read from a copy of the data's end, padded with zeros.
        cut = len(data) - (_WIDE - 1)
        windows = np.ndarray(shape=(cut,), dtype=_SIXTEEN, buffer=data, strides=(1,))
        if int(starts[-1]) < cut:
            sixteens = windows[starts]
        else:
            end = np.zeros(2 * _WIDE - 1, dtype=np.uint8)
            end[: _WIDE - 1] = data[cut:]
            end_windows = np.ndarray(shape=(_WIDE,), dtype=_SIXTEEN, buffer=end, strides=(1,))
            at_end = starts >= cut
            sixteens = windows[np.minimum(starts, cut - 1)]
            sixteens[at_end] = end_windows[starts[at_end] - cut]
    words: Words = sixteens.view("<u8").reshape(-1, 2).T.copy()
    return words


def _to_fifteen(words: Words) -> None:
    """Turn each row's bytes 0-7 and 8-15 into its head and last word (bytes 7-14), in place."""
    words[1] <<= _BYTE
    words[1] |= words[0] >> _U(8 * (_WORD - 1))


def _characters(words: Words) -> Bytes:
    """The 15 characters of rows read as (2, rows) head and last words: a (rows, 15) matrix."""
    head = np.ascontiguousarray(words[0]).view(np.uint8).reshape(-1, _WORD)
    last = np.ascontiguousarray(words[1]).view(np.uint8).reshape(-1, _WORD)
    return np.concatenate([head, last[:, _WORD - _LAST_AT :]], axis=1)


# Bytes past a row's end, up to 16, read as "0": a row of digits then reads as
# digits whatever its length. Indexed by the row's length (at most 16), one
# column per word.
_LENGTH_KEEP: Final = np.zeros((2, _WIDE + 1), dtype=np.uint64)
_LENGTH_FILL: Final = np.zeros((2, _WIDE + 1), dtype=np.uint64)
for _length in range(_WIDE + 1):
    for _word in range(2):
        _kept = (1 << (8 * min(max(_length - _WORD * _word, 0), _WORD))) - 1
        _LENGTH_KEEP[_word, _length] = _kept
        _LENGTH_FILL[_word, _length] = _ZEROS & ~_kept

# The NIR as printed on the card, "1 85 05 78 006 084 91": its parts, one
# space apart. Rows typed so are read at fixed places, without a scan.
_CARD_LENGTH: Final = rules.LENGTH + len(rules.GROUPS) - 1
_CARD_POSITIONS: Final = np.array(
    [
        index + number
        for number, group in enumerate(rules.GROUPS)
        for index in range(group.start, group.stop)
    ],
    dtype=np.int64,
)
_CARD_SPACES: Final = tuple(
    group.start + number - 1 for number, group in enumerate(rules.GROUPS) if number
)
# Such a row is read as three words: its bytes 0-7 and 8-15, which the first
# pass reads of every row, and its last 8.
_CARD_WORDS_AT: Final = (0, _WORD, _CARD_LENGTH - _WORD)
if not _WIDE <= _CARD_LENGTH <= 3 * _WORD:  # pragma: no cover
    raise ImportError("The NIR's card layout in vitale_ids._nir_rules no longer fits the kernel.")


def _card_source(position: int) -> tuple[int, int]:
    """The first of the three words that holds ``position``, and its byte there."""
    word = next(n for n, at in enumerate(_CARD_WORDS_AT) if at <= position < at + _WORD)
    return word, position - _CARD_WORDS_AT[word]


def _card_recipe(first: int) -> tuple[tuple[int, int, np.uint64], ...]:
    """The steps that make the word of characters ``first`` to ``first + 7`` of a card layout.

    Each step moves some bytes of one of the three words into place: (word,
    shift in bits, to the left when positive, mask of the bytes it gives).
    """
    steps: dict[tuple[int, int], int] = {}
    for byte in range(_WORD):
        word, at = _card_source(int(_CARD_POSITIONS[first + byte]))
        step = (word, 8 * (byte - at))
        steps[step] = steps.get(step, 0) | (0xFF << (8 * byte))
    return tuple((word, shift, _U(mask)) for (word, shift), mask in steps.items())


_CARD_RECIPES: Final = (_card_recipe(0), _card_recipe(_LAST_AT))


def _card_space_check(word: int) -> tuple[np.uint64, np.uint64]:
    """The mask of the spaces word ``word`` holds, and what they read when they are spaces."""
    mask = 0
    for position in _CARD_SPACES:
        at = position - _CARD_WORDS_AT[word]
        if 0 <= at < _WORD:
            mask |= 0xFF << (8 * at)
    return _U(mask), _U(mask & int.from_bytes(b" " * _WORD, "little"))


_CARD_SPACE_CHECKS: Final = tuple(_card_space_check(word) for word in range(len(_CARD_WORDS_AT)))


# The same places as columns of the three words' 24 bytes side by side.
_CARD_CHARACTER_COLUMNS: Final = np.array(
    [_WORD * word + at for word, at in map(_card_source, _CARD_POSITIONS.tolist())], dtype=np.intp
)
_CARD_SPACE_COLUMNS: Final = np.array(
    [_WORD * word + at for word, at in map(_card_source, _CARD_SPACES)], dtype=np.intp
)
# From this many card layouts on, they are read word by word (a few
# operations per row); under it, as bytes (fewer NumPy calls, more work per row).
_CARDS_BY_WORD_FROM: Final = 512


def _card_words(sources: Words) -> tuple[Words, Bools]:
    """Of card-layout rows, given as their three words: the 15 characters, and which are spaced so.

    The characters come as (2, rows) head and last words; the rows whose
    spaces are not where the card has them get whatever bytes are there.
    """
    rows = sources.shape[1]
    if rows < _CARDS_BY_WORD_FROM:
        text = np.ascontiguousarray(sources.T).view(np.uint8)
        laid_out = (text[:, _CARD_SPACE_COLUMNS] == SPACE).all(axis=1)
        characters = np.zeros((rows, _WIDE), dtype=np.uint8)
        characters[:, : rules.LENGTH] = text[:, _CARD_CHARACTER_COLUMNS]
        words: Words = characters.view("<u8").T.copy()
        _to_fifteen(words)
        return words, laid_out
    laid_out = np.ones(rows, dtype=np.bool_)
    for word, (mask, spaces) in zip(sources, _CARD_SPACE_CHECKS, strict=True):
        laid_out &= (word & mask) == spaces
    words = np.zeros((2, rows), dtype=np.uint64)
    for out, recipe in zip(words, _CARD_RECIPES, strict=True):
        for source, shift, mask in recipe:
            word = sources[source]
            if shift > 0:
                moved = word << _u(shift)
            elif shift < 0:
                moved = word >> _u(-shift)
            else:
                moved = word.copy()
            moved &= mask
            out |= moved
    return words, laid_out


def _read_corsica(words: Words, rows: Ints) -> Bools:
    """Of ``rows``, not all digits, those that are but for Corsica's letters where they belong.

    Replaces, in ``words``, those letters with the digits the key formula reads.
    """
    heads = words[0, rows]
    digits = _CORSICA_DIGITS[_field(heads, rules.DEPARTMENT.start, 2).view(np.int64)]
    corsica = digits != 0
    fine = np.zeros(len(rows), dtype=np.bool_)
    if corsica.any():
        rows = rows[corsica]
        replaced = heads[corsica] & _KEEP_ALL_BUT_DEPARTMENT
        replaced |= digits[corsica] << _DEPARTMENT_SHIFT
        words[0, rows] = replaced
        fine[corsica] = _every_word(_all_digits(words[:, rows]))
    return fine


class FirstPass:
    """What the first pass reads of every row of a block, all rows at once.

    - ``words``: each row's 15 characters, as its head and last word in a
      (2, rows) array: its first 15 bytes, or the characters of a card
      layout (``cards``: those rows; ``fifteen``: the rows read so, one way
      or the other; the other rows' words are never read);
    - ``decided``: the candidates of 15 digits, or Corsica's letters where
      they belong (read as the digits the key formula reads);
    - ``runs``: the candidates of up to 16 ASCII digits, but not 15; and
      ``run_heads``, their first 8 bytes.
    """

    __slots__ = ("card_rows", "cards", "decided", "fifteen", "run_heads", "runs", "words")

    def __init__(self, block: Block, candidates: Bools) -> None:
        size, lengths = block.size, block.lengths
        fifteen = lengths == rules.LENGTH
        self.cards = self.runs = np.zeros(0, dtype=np.int64)
        self.card_rows = None
        self.run_heads = np.zeros((0, _WORD), dtype=np.uint8)
        if size and fifteen.all():
            # Every row has 15 bytes, one after the other: one strided copy.
            words: Words = np.ndarray(
                shape=(2, size),
                dtype="<u8",
                buffer=block.data,
                offset=int(block.offsets[0]),
                strides=(_LAST_AT, rules.LENGTH),
            ).copy()
        else:
            starts = block.offsets[:-1]
            words = _first_sixteen_bytes(block.data, starts, int(block.offsets[-1]))
            self._read_runs(words, lengths, ~fifteen & (lengths <= _WIDE) & candidates)
            cards = np.flatnonzero((lengths == _CARD_LENGTH) & candidates)
            sources = None
            if len(cards):
                sources = np.empty((len(_CARD_WORDS_AT), len(cards)), dtype=np.uint64)
                sources[:2] = words[:, cards]
                sources[2] = _windows(block.data)[starts[cards] + _CARD_WORDS_AT[2]]
            _to_fifteen(words)
            if sources is not None:
                card_words, laid_out = _card_words(sources)
                self.cards = cards = cards[laid_out]
                words[:, cards] = card_words[:, laid_out]
                fifteen[cards] = True
                self.card_rows = np.zeros(size, dtype=np.bool_)
                self.card_rows[cards] = True
        plain: Bools = _every_word(_all_digits(words))
        plain &= fifteen
        plain &= candidates
        letters = np.flatnonzero(fifteen & candidates & ~plain)
        if len(letters):
            plain[letters] = _read_corsica(words, letters)
        self.words = words
        self.fifteen = fifteen
        self.decided = plain

    def _read_runs(self, words: Words, lengths: Ints, chosen_rows: Bools) -> None:
        """Of ``chosen_rows`` (not 15 bytes, at most 16), those of digits: ``runs``, ``run_heads``."""
        rows = np.flatnonzero(chosen_rows)
        if not len(rows):
            return
        # Bytes past each row's end read as "0", so that only its own are judged.
        chosen = words[:, rows]
        sizes = lengths[rows]
        for word in range(2):
            chosen[word] &= _LENGTH_KEEP[word][sizes]
            chosen[word] |= _LENGTH_FILL[word][sizes]
        digits = _every_word(_all_digits(chosen))
        self.runs = rows[digits]
        self.run_heads = np.ascontiguousarray(chosen[0, digits]).view(np.uint8).reshape(-1, _WORD)

    def character_errors(self, candidates: Bools) -> tuple[Ints, Bytes]:
        """Candidates of 15 characters check_nir keeps, one of them wrong; and their characters."""
        rows = np.flatnonzero(self.fifteen & candidates & ~self.decided)
        characters = _characters(self.words[:, rows])
        kept = _KEPT_BYTES[characters].all(axis=1)
        return rows[kept], characters[kept]

    def positions(self, rows: Ints, compact_index: Indices) -> Ints:
        """Where character ``compact_index`` of each of ``rows`` stands in its text."""
        found = compact_index.astype(np.int64)
        if self.card_rows is not None:
            card = self.card_rows[rows] & (found >= 0)
            found[card] = _CARD_POSITIONS[found[card]]
        return found


# Under this many rows for the second pass, the per-row checker takes them:
# the second pass's NumPy and Arrow calls cost more than it does.
GATHER_AT_LEAST: Final = 24


def _words_of(characters: Bytes) -> Words:
    """Rows of 15 characters, a (rows, 15) matrix, as (2, rows) head and last words."""
    padded = np.zeros((len(characters), _WIDE), dtype=np.uint8)
    padded[:, : rules.LENGTH] = characters
    words: Words = padded.view("<u8").T.copy()
    _to_fifteen(words)
    return words


class Gathered:
    """The second pass: rows the first leaves, their spaces taken out.

    - ``rows``: those of 15 characters check_nir keeps as they are, once
      spaces are dropped: their ``characters``, and where each stands in its
      text (``positions``); ``decided``: those of digits and Corsica's letters
      where they belong, whose ``states`` are read as the first pass reads
      its rows;
    - ``other_rows`` and their ``counts`` of characters: kept characters, but
      not 15; of them, ``short_rows`` (with their first characters,
      ``short_heads``) have 13: the NIR without its key.

    The rows in none of them (another separator, a character outside ASCII,
    over ``MAX_INPUT_LENGTH``) are left to the per-row checker.
    """

    __slots__ = (
        "characters",
        "counts",
        "decided",
        "other_rows",
        "positions",
        "rows",
        "short_heads",
        "short_rows",
        "states",
    )

    def __init__(self, block: Block, left: Bools) -> None:
        rows, matrix = compact_rows(block, np.flatnonzero(left), _KEPT_BYTES, MAX_INPUT_LENGTH)
        counts = np.count_nonzero(matrix != SPACE, axis=1)
        fifteen = counts == rules.LENGTH
        self.rows = rows[fifteen]
        self.characters, self.positions = take_compact(matrix[fifteen], rules.LENGTH)
        words = _words_of(self.characters)
        decided = _every_word(_all_digits(words))
        letters = np.flatnonzero(~decided)
        if len(letters):
            decided[letters] = _read_corsica(words, letters)
        self.decided = decided
        self.states = _states(words, decided)
        self.other_rows = rows[~fifteen]
        self.counts = counts[~fifteen]
        short = counts == rules.BODY_LENGTH
        self.short_rows = rows[short]
        self.short_heads = take_compact(matrix[short], rules.BODY_LENGTH)[0]

    def position_of(self, which: Ints, compact_index: Indices) -> Ints:
        """Where character ``compact_index`` of gathered row ``which`` stands in its text."""
        found: Ints = self.positions[which, compact_index]
        return found


def _second_pass(block: Block, left: Bools) -> Gathered | None:
    """The second pass over the ``left`` rows, when there are enough of them to pay for it."""
    return Gathered(block, left) if np.count_nonzero(left) >= GATHER_AT_LEAST else None


# --- Validity ------------------------------------------------------------------------------


def valid_block(block: Block, valid: Bools, strict: bool) -> Bools:
    """Validity of each row of ``block``, into ``valid``; the rows the kernel could not decide."""
    # Fewer bytes than a NIR has characters: never valid, whatever they are.
    candidates = block.lengths >= rules.LENGTH
    candidates &= ~block.nulls
    first = FirstPass(block, candidates)
    # Valid: decided, with no error.
    table = _TABLES[strict].code
    np.less(table[_states(first.words, first.decided)], 0, out=valid)
    valid &= first.decided
    pending = candidates & ~first.decided
    # 15 characters with a wrong one, or 16 digits: not valid.
    pending[first.character_errors(candidates)[0]] = False
    pending[first.runs] = False
    gathered = _second_pass(block, pending)
    if gathered is not None:
        valid[gathered.rows] = (table[gathered.states] < 0) & gathered.decided
        pending[gathered.rows] = False
        pending[gathered.other_rows] = False
    return pending


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


class Tables:
    """What check_nir reports for each state: its first error (code and compact place), its warnings.

    check_nir lists the errors in the order of ``errors`` below, then the
    warnings, which strict=True counts as errors.
    """

    __slots__ = ("code", "place", "warnings")

    def __init__(self, strict: bool) -> None:
        # One entry per byte: those from _UNDECIDED on decide nothing.
        self.code = np.full(1 << 8, -1, dtype=np.int16)
        self.place = np.full(1 << 8, -1, dtype=np.int32)
        self.warnings = np.zeros(1 << 8, dtype=np.int16)
        for state in range(_STATES):
            sex, month, no_order, key_out, key_wrong = _unpack(state)
            errors = [
                (sex == _ERROR, _SEX, rules.SEX.start),
                (month == _ERROR, _MONTH, rules.MONTH.start),
                (no_order, _ORDER, rules.ORDER.start),
                (key_out, _KEY_RANGE, rules.KEY.start),
                (key_wrong, _CHECKSUM, rules.KEY.start),
            ]
            found = [
                (sex == _WARNING, _TEMPORARY, rules.SEX.start),
                (month == _WARNING, _UNKNOWN_MONTH, rules.MONTH.start),
            ]
            if strict:
                errors += found
            else:
                self.warnings[state] = sum(
                    1 << n for n, (present, _, _) in enumerate(found) if present
                )
            first = next(((code, place) for present, code, place in errors if present), None)
            if first is not None:
                self.code[state], self.place[state] = first


def _unpack(state: int) -> tuple[int, int, bool, bool, bool]:
    """The verdicts of the parts a state stands for: sex, month, no order, key out, key wrong."""
    key_wrong, state = divmod(state, _KEY_WRONG_STEP)
    key_out, state = divmod(state, _KEY_OUT_STEP)
    no_order, state = divmod(state, _NO_ORDER_STEP)
    month, sex = divmod(state, _MONTH_STEP)
    return _KINDS[sex], _KINDS[month], bool(no_order), bool(key_out), bool(key_wrong)


_TABLES: Final = {strict: Tables(strict) for strict in (False, True)}


def check_block(block: Block, outcome: Outcome, strict: bool) -> None:
    """The kernel's answers for ``block``, into ``outcome``; rows it cannot decide stay pending."""
    candidates = outcome.pending.copy()
    first = FirstPass(block, candidates)
    tables = _TABLES[strict]
    states = _states(first.words, first.decided).astype(np.intp)
    np.take(tables.code, states, out=outcome.code, mode="clip")
    np.take(tables.place, states, out=outcome.position, mode="clip")
    np.take(tables.warnings, states, out=outcome.warnings, mode="clip")
    outcome.pending &= ~first.decided
    if len(first.cards):
        cards = first.cards
        outcome.position[cards] = first.positions(cards, outcome.position[cards])
    # 15 characters, one of them wrong: the first wrong one is the first error.
    rows, characters = first.character_errors(candidates)
    if len(rows):
        outcome.code[rows] = _CHARACTER
        outcome.position[rows] = first.positions(rows, _first_bad_characters(characters))
        if not strict:
            outcome.warnings[rows] = _warnings_of(characters)
        outcome.pending[rows] = False
    # Digits, but not 15 of them: the length is the first error.
    if len(first.runs):
        rows = first.runs
        _record_lengths(outcome, rows, block.lengths[rows], first.run_heads, strict)
    gathered = _second_pass(block, outcome.pending)
    if gathered is not None:
        _record_gathered(outcome, gathered, strict)


def _record_lengths(outcome: Outcome, rows: Ints, counts: Ints, heads: Bytes, strict: bool) -> None:
    """Rows of ``counts`` characters (not 15), whose first characters are ``heads``."""
    outcome.code[rows[counts == 0]] = _EMPTY
    outcome.code[rows[(counts > 0) & (counts != rules.BODY_LENGTH)]] = _LENGTH
    # The key left out: check_nir also gives the warnings of the other parts.
    short = counts == rules.BODY_LENGTH
    outcome.code[rows[short]] = _MISSING_KEY
    if not strict and short.any():
        outcome.warnings[rows[short]] = _warnings_of(heads[short])
    outcome.pending[rows] = False


def _record_gathered(outcome: Outcome, gathered: Gathered, strict: bool) -> None:
    tables = _TABLES[strict]
    which = np.flatnonzero(gathered.decided)
    rows = gathered.rows[which]
    states = gathered.states[which]
    place = tables.place[states]
    errors = np.flatnonzero(place >= 0)
    if len(errors):
        place[errors] = gathered.position_of(which[errors], place[errors])
    outcome.code[rows] = tables.code[states]
    outcome.position[rows] = place
    outcome.warnings[rows] = tables.warnings[states]
    # Left: a character other than a digit. It is the first error.
    left = np.flatnonzero(~gathered.decided)
    if len(left):
        characters = gathered.characters[left]
        chosen = gathered.rows[left]
        outcome.code[chosen] = _CHARACTER
        first = _first_bad_characters(characters)
        outcome.position[chosen] = gathered.position_of(left, first)
        if not strict:
            outcome.warnings[chosen] = _warnings_of(characters)
    outcome.pending[gathered.rows] = False
    counts = gathered.counts
    heads = np.zeros((len(counts), rules.BODY_LENGTH), dtype=np.uint8)
    heads[counts == rules.BODY_LENGTH] = gathered.short_heads
    _record_lengths(outcome, gathered.other_rows, counts, heads, strict)


def _first_bad_characters(compact: Bytes) -> Ints:
    """The compact index of each row's first character that check_nir calls wrong, or -1."""
    bad = ~_DIGIT_BYTES[compact]
    department = compact[:, rules.DEPARTMENT.start].astype(np.int64) | (
        compact[:, rules.DEPARTMENT.start + 1].astype(np.int64) << 8
    )
    bad[:, rules.DEPARTMENT.start + 1] &= _CORSICA_DIGITS[department] == 0
    first = np.argmax(bad, axis=1)
    return np.where(bad.any(axis=1), first, -1)


def _warnings_of(compact: Bytes) -> npt.NDArray[np.int16]:
    """The warning list (of WARNING_LISTS) check_nir gives, judging sex and month on digits only."""
    temporary = _SEX_STATE[compact[:, rules.SEX.start]] == _WARNING
    month = compact[:, rules.MONTH.start].astype(np.int64) | (
        compact[:, rules.MONTH.start + 1].astype(np.int64) << 8
    )
    unknown_month = _MONTH_STATE[month] == _WARNING * _MONTH_STEP
    warnings: npt.NDArray[np.int16] = temporary.astype(np.int16)
    warnings += 2 * unknown_month
    return warnings
