"""Hypothesis strategies: synthetic identifiers for testing code that uses ``vitale_ids``.

Install the ``hypothesis`` extra (``pip install 'vitale_ids[hypothesis]'``). Every
value drawn here is made up, with a computed key: tests never need a real
person's number.

- :func:`nirs` draws valid NIRs in compact form, over the whole genuine space
  (Corsica, overseas, births abroad, temporary numbers, unknown months), and
  shrinks towards a simple ordinary number.
- :func:`invalid_nirs` draws NIRs that are wrong in exactly one known way, each
  with the error code the library reports for it (an :class:`InvalidNir`).
- :func:`nir_inputs` draws NIRs as people type them: spaces, no-break spaces,
  dots, hyphens, lower-case ``2a``.
- :func:`provisional_codes` draws valid codes provisoires, in mixed case.
- :func:`serials` draws :class:`~vitale_ids.VitaleSerial` objects, for either
  card type.

Installing ``vitale_ids`` also registers these with Hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(Nir)``,
``st.from_type(ProvisionalCode)`` and ``st.from_type(VitaleSerial)`` draw the
library's objects.

The NIR keys are computed here, independently of :func:`vitale_ids.nir_key`, so
that a bug in the validator cannot hide itself by also producing the test data.
"""

from __future__ import annotations

import itertools
import string
from typing import TYPE_CHECKING, Final, Literal, TypeVar, get_args

import attrs

try:
    from hypothesis import strategies as st
    from hypothesis.errors import InvalidArgument
except ModuleNotFoundError as error:  # say which extra brings it, not only what is missing
    if error.name != "hypothesis":
        raise
    raise ModuleNotFoundError(
        "vitale_ids.strategies needs Hypothesis: pip install 'vitale_ids[hypothesis]'",
        name=error.name,
    ) from error

if TYPE_CHECKING:
    from vitale_ids.card_type import CardType
    from vitale_ids.serial import VitaleSerial

__all__ = [
    "InvalidNir",
    "InvalidNirKind",
    "invalid_nirs",
    "nir_inputs",
    "nirs",
    "provisional_codes",
    "serials",
]

T = TypeVar("T")

_DIGITS: Final = "0123456789"

# --- Valid NIRs ----------------------------------------------------------------

_ORDINARY_SEX_DIGITS: Final = "12"
_TEMPORARY_SEX_DIGITS: Final = "3478"
# Two-digit departments outside the families that have a keyword: 20 is
# Corsica, 97 and 98 start a 3-digit overseas department, 99 is abroad. 96
# (Tunisia before 1956) and 91-95 (Algeria and Morocco before independence)
# are ordinary codes. 00 only appears on temporary numbers: see
# _TEMPORARY_ORDINARY_PLACES.
_ORDINARY_DEPARTMENTS: Final = tuple(f"{d:02d}" for d in range(1, 97) if d != 20)
_CORSICAN_DEPARTMENTS: Final = ("2A", "2B", "20")


def _with_key(body: str) -> str:
    """``body`` (13 characters) followed by its key, 2A read as 19 and 2B as 18."""
    department = body[5:7]
    number = int(body[:5] + {"2A": "19", "2B": "18"}.get(department, department) + body[7:])
    return f"{body}{97 - number % 97:02d}"


def _places(departments: st.SearchStrategy[str], commune_width: int) -> st.SearchStrategy[str]:
    """A department followed by any commune of ``commune_width`` digits."""
    communes = st.integers(0, 10**commune_width - 1).map(f"{{:0{commune_width}d}}".format)
    return st.tuples(departments, communes).map("".join)


def _overseas_places() -> st.SearchStrategy[str]:
    from vitale_ids._places import departments

    return _places(st.sampled_from(sorted(code for code in departments() if len(code) == 3)), 2)


def _abroad_places() -> st.SearchStrategy[str]:
    from vitale_ids._places import countries

    # The first digit of an INSEE country code is its continent. Drawing the
    # continent, then the country, makes two choices, as for the other places:
    # Hypothesis's shrinker prefers fewer choices to a lower branch, and would
    # otherwise shrink a mixed draw towards a birth abroad.
    by_continent: dict[str, list[str]] = {}
    for code in sorted(countries()):
        by_continent.setdefault(code[0], []).append(code)
    # A continent of one code (Antarctica, 699) would take one choice: it is
    # drawn with the continent before it, so that every country takes two.
    for previous, continent in itertools.pairwise(sorted(by_continent)):
        if len(by_continent[continent]) == 1:
            by_continent[previous] += by_continent.pop(continent)
    continents = st.sampled_from(sorted(by_continent))
    return continents.flatmap(lambda continent: st.sampled_from(by_continent[continent])).map(
        "99{}".format
    )


# Each place is positions 6-10: a department, then a commune or a country.
# The INSEE tables are read on the first draw, not when Hypothesis loads the
# plugin (deferred), so that importing Hypothesis stays cheap.
_ORDINARY_PLACES: Final = _places(st.sampled_from(_ORDINARY_DEPARTMENTS), 3)
# 00 (birthplace not given) is only seen on temporary numbers, where it is the
# simplest department.
_TEMPORARY_ORDINARY_PLACES: Final = _places(st.sampled_from(("00", *_ORDINARY_DEPARTMENTS)), 3)
_CORSICAN_PLACES: Final = _places(st.sampled_from(_CORSICAN_DEPARTMENTS), 3)
_OVERSEAS_PLACES: Final = st.deferred(_overseas_places)
_ABROAD_PLACES: Final = st.deferred(_abroad_places)


def _family(
    flag: bool | None, ordinary: st.SearchStrategy[T], family: st.SearchStrategy[T]
) -> st.SearchStrategy[T]:
    # The ordinary branch comes first so that draws shrink towards it.
    if flag is None:
        return ordinary | family
    return family if flag else ordinary


def _place_strategies(
    corsica: bool | None, abroad: bool | None, overseas: bool | None
) -> tuple[st.SearchStrategy[str], st.SearchStrategy[str]]:
    """The places for ordinary sex digits, and for temporary ones."""
    families = {
        "corsica": (corsica, _CORSICAN_PLACES),
        "overseas": (overseas, _OVERSEAS_PLACES),
        "abroad": (abroad, _ABROAD_PLACES),
    }
    forced = [name for name, (flag, _strategy) in families.items() if flag]
    if len(forced) > 1:
        raise InvalidArgument(
            f"{' and '.join(f'{name}=True' for name in forced)}: a NIR has a single"
            " birthplace, so at most one of corsica, abroad and overseas can be True."
        )
    if forced:
        (name,) = forced
        return families[name][1], families[name][1]
    allowed = [places for flag, places in families.values() if flag is None]
    return st.one_of(_ORDINARY_PLACES, *allowed), st.one_of(_TEMPORARY_ORDINARY_PLACES, *allowed)


@st.composite
def _nirs(
    draw: st.DrawFn,
    sexes: st.SearchStrategy[str],
    months: st.SearchStrategy[int],
    places: st.SearchStrategy[str],
    temporary_places: st.SearchStrategy[str],
) -> str:
    sex = draw(sexes)
    year = draw(st.integers(0, 99))
    month = draw(months)
    place = draw(temporary_places if sex in _TEMPORARY_SEX_DIGITS else places)
    order = draw(st.integers(1, 999))
    return _with_key(f"{sex}{year:02d}{month:02d}{place}{order:03d}")


def nirs(
    *,
    corsica: bool | None = None,
    abroad: bool | None = None,
    overseas: bool | None = None,
    temporary: bool | None = None,
    unknown_month: bool | None = None,
) -> st.SearchStrategy[str]:
    """Valid NIRs in compact form (15 characters, upper-case ``2A``/``2B``).

    By default every genuine kind of number is drawn: ordinary ones (sex 1 or 2,
    departments 01-96 but 20, including the historical 91-96), Corsica (``20``,
    ``2A``, ``2B``), overseas (the 97x/98x departments of the INSEE table, then a
    2-digit commune), births abroad (``99`` and an existing INSEE country code),
    temporary numbers (sex 3, 4, 7 or 8; they may have department ``00``) and
    unknown months (``20``-``99``).

    Each keyword set to ``True`` draws only that family, and set to ``False``
    never draws it. ``corsica``, ``abroad`` and ``overseas`` are birthplaces, so
    at most one of them can be ``True``; ``temporary`` and ``unknown_month``
    combine with anything. ``nirs(temporary=False, unknown_month=False)`` draws
    the numbers the online form accepts.

    Draws shrink towards a simple ordinary number (``100010100000135``).
    """
    flags = {
        "corsica": corsica,
        "abroad": abroad,
        "overseas": overseas,
        "temporary": temporary,
        "unknown_month": unknown_month,
    }
    for name, flag in flags.items():
        if flag is not None and not isinstance(flag, bool):
            raise InvalidArgument(f"{name} must be True, False or None, not {flag!r}.")
    sexes = _family(
        temporary, st.sampled_from(_ORDINARY_SEX_DIGITS), st.sampled_from(_TEMPORARY_SEX_DIGITS)
    )
    months = _family(unknown_month, st.integers(1, 12), st.integers(20, 99))
    places, temporary_places = _place_strategies(corsica, abroad, overseas)
    return _nirs(sexes, months, places, temporary_places)


# --- NIRs as people type them -----------------------------------------------------

# After characters 1, 3, 5, 7, 10 and 13: "1 85 05 78 006 084 91", as on the card.
_GROUP_ENDS: Final = (1, 3, 5, 7, 10, 13)
_GROUP_SEPARATORS: Final = (" ", ".", "-", "\u00a0", "\u202f", "  ", " - ", "\u2013")
# Stray separators land anywhere, one character at a time.
_STRAY_SEPARATORS: Final = (" ", "\u00a0", ".", "-")
_EDGES: Final = ("", " ", "\t", "\n", "\u00a0")


@st.composite
def _typed(draw: st.DrawFn, compact_nirs: st.SearchStrategy[str]) -> str:
    compact = draw(compact_nirs)
    gaps = [""] * len(compact)  # gaps[i] goes before character i
    if draw(st.booleans()):
        separator = draw(st.sampled_from(_GROUP_SEPARATORS))
        # People sometimes run two groups together.
        skipped = draw(st.sets(st.sampled_from(_GROUP_ENDS), max_size=2))
        for end in _GROUP_ENDS:
            if end < len(compact) and end not in skipped:
                gaps[end] = separator
    stray = draw(st.sets(st.integers(1, max(1, len(compact) - 1)), max_size=3))
    for index in sorted(stray):
        if index < len(compact):
            gaps[index] += draw(st.sampled_from(_STRAY_SEPARATORS))
    characters = list(compact)
    if compact[5:6] == "2" and compact[6:7] in ("A", "B") and draw(st.booleans()):
        characters[6] = characters[6].lower()
    typed = "".join(gap + char for gap, char in zip(gaps, characters, strict=True))
    return draw(st.sampled_from(_EDGES)) + typed + draw(st.sampled_from(_EDGES))


def nir_inputs(*, compact: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[str]:
    """NIRs written the way people type or paste them.

    The groups of the card separated by spaces, no-break spaces, dots, hyphens or
    dashes (some boundaries skipped, a few stray separators), lower-case
    ``2a``/``2b``, white space around. Each draw normalizes to the same
    :class:`~vitale_ids.Nir` as its compact form.

    ``compact`` is the strategy of compact NIRs to write out: :func:`nirs` by
    default. Pass ``st.just(number)`` to get the ways of typing one number.
    Draws shrink towards the compact form itself.
    """
    return _typed(nirs() if compact is None else compact)


# --- Invalid NIRs -------------------------------------------------------------

InvalidNirKind = Literal["checksum", "sex", "month", "order", "character", "length"]
_KINDS: Final[tuple[InvalidNirKind, ...]] = get_args(InvalidNirKind)


@attrs.frozen
class InvalidNir:
    """A NIR that is wrong in exactly one known way, and what the library says about it.

    ``value`` is the compact text. ``check_nir(value)`` reports exactly one issue
    (even with ``strict=True``): an error with this ``code``, at this 0-based
    ``position`` in ``value`` (``None`` when it is about the whole value).
    ``kind`` is the fault that was made, as passed to :func:`invalid_nirs`.

    The numbers are synthetic, so unlike :class:`~vitale_ids.Nir` the repr shows
    ``value``: Hypothesis prints it to reproduce a failing test.
    """

    value: str
    kind: InvalidNirKind
    code: str
    position: int | None


# What stands where only an ASCII digit can. Letters come first (the look-alikes
# O, I and l first of all), so that draws shrink towards a typo people make;
# then digits from other scripts ("１", "٣"), which Python's isdigit() and int()
# accept; then any other visible character. White space, dots, dashes and
# invisible characters are left out: they are separators, which the library drops.
_LOOKALIKES: Final = "OIl"
_WRONG_CHARACTERS: Final = st.one_of(
    st.sampled_from(_LOOKALIKES + "".join(sorted(set(string.ascii_letters) - set(_LOOKALIKES)))),
    st.characters(categories=["Nd"], exclude_characters=_DIGITS),
    st.characters(exclude_categories=("C", "Z", "Pd"), exclude_characters=_DIGITS + ".").filter(
        lambda char: not char.isspace()
    ),
)


def _replace(text: str, index: int, new: str) -> str:
    return text[:index] + new + text[index + 1 :]


@st.composite
def _wrong_key(draw: st.DrawFn, base: str) -> InvalidNir:
    key = int(base[13:])
    if draw(st.booleans()):
        # 00, 98 and 99 are never keys.
        wrong, code = draw(st.sampled_from(("00", "98", "99"))), "nir.key_range"
    else:
        # Any other key from 01 to 97, the next one up first.
        shift = draw(st.integers(1, 96))
        wrong, code = f"{(key - 1 + shift) % 97 + 1:02d}", "nir.checksum"
    return InvalidNir(base[:13] + wrong, "checksum", code, 13)


@st.composite
def _wrong_component(
    draw: st.DrawFn, base: str, kind: InvalidNirKind, start: int, values: tuple[str, ...]
) -> InvalidNir:
    value = draw(st.sampled_from(values))
    body = base[:start] + value + base[start + len(value) : 13]
    return InvalidNir(_with_key(body), kind, f"nir.{kind}", start)


@st.composite
def _wrong_character(draw: st.DrawFn, base: str) -> InvalidNir:
    # Replacing the 2 of 2A would also make the A wrong: two faults, not one.
    indexes = [index for index in range(15) if not (index == 5 and base[6] in "AB")]
    index = draw(st.sampled_from(indexes))
    characters = _WRONG_CHARACTERS
    if index == 6 and base[5] == "2":
        # 2A and 2B (in either case) are valid there.
        characters = characters.filter(lambda char: char not in "AaBb")
    new = draw(characters)
    return InvalidNir(_replace(base, index, new), "character", "nir.character", index)


@st.composite
def _wrong_length(draw: st.DrawFn, base: str) -> InvalidNir:
    if draw(st.booleans()):
        extra = draw(st.text(_DIGITS, min_size=1, max_size=20))
        value = base + extra
    else:
        # 14 characters first, down to none at all.
        value = base[: draw(st.integers(0, 14).map(lambda cut: 14 - cut))]
    code = {0: "nir.empty", 13: "nir.missing_key"}.get(len(value), "nir.length")
    return InvalidNir(value, "length", code, None)


@st.composite
def _invalid_nirs(draw: st.DrawFn, kinds: tuple[InvalidNirKind, ...]) -> InvalidNir:
    # A base with no warning, so that the fault is the only issue even with strict=True.
    # It is drawn first, so that it shrinks to a simple number whatever the kind.
    base = draw(nirs(temporary=False, unknown_month=False))
    kind = draw(st.sampled_from(kinds))
    if kind == "checksum":
        return draw(_wrong_key(base))
    if kind == "sex":
        return draw(_wrong_component(base, "sex", 0, tuple("0569")))
    if kind == "month":
        months = ("00", *(str(month) for month in range(13, 20)))
        return draw(_wrong_component(base, "month", 3, months))
    if kind == "order":
        return draw(_wrong_component(base, "order", 10, ("000",)))
    if kind == "character":
        return draw(_wrong_character(base))
    return draw(_wrong_length(base))


def invalid_nirs(kind: InvalidNirKind | None = None) -> st.SearchStrategy[InvalidNir]:
    """NIRs wrong in exactly one known way, as :class:`InvalidNir` objects.

    ``kind`` picks the fault (any of them by default):

    ============  ======================================================  ===================
    kind          fault                                                   code
    ============  ======================================================  ===================
    "checksum"    a wrong key; 00, 98 or 99, which are never keys          nir.checksum,
                                                                          nir.key_range
    "sex"         first digit 0, 5, 6 or 9                                 nir.sex
    "month"       month 00 or 13-19                                       nir.month
    "order"       order number 000                                        nir.order
    "character"   one character that is not allowed where it stands       nir.character
    "length"      characters added or cut off (13 left: the key is        nir.length,
                  missing; none left: empty)                              nir.missing_key,
                                                                          nir.empty
    ============  ======================================================  ===================

    Apart from that fault the number is genuine and its key is right (so a wrong
    sex digit is not also a wrong key). Use ``code`` and ``position`` to drive a
    test::

        @given(invalid_nirs())
        def test_form_refuses(bad):
            assert form_error_code(bad.value) == bad.code
    """
    if kind is None:
        return _invalid_nirs(_KINDS)
    if kind not in _KINDS:
        raise InvalidArgument(f"kind must be None or one of {', '.join(_KINDS)}; got {kind!r}.")
    return _invalid_nirs((kind,))


# --- Codes provisoires -----------------------------------------------------------

# Digits first, so that codes shrink towards 000000000000; both cases after.
_CODE_ALPHABET: Final = string.digits + string.ascii_uppercase + string.ascii_lowercase


def provisional_codes() -> st.SearchStrategy[str]:
    """Valid codes provisoires: 12 ASCII letters and digits, upper and lower case mixed.

    No rule beyond that is known (no checksum, no grouping), so none is assumed.
    The code is case-sensitive: code that stores or compares codes must keep
    the case, and these draws make a case bug show. They shrink towards
    ``000000000000``.
    """
    return st.text(_CODE_ALPHABET, min_size=12, max_size=12)


# --- Serial numbers ------------------------------------------------------------


def _digits(length: int) -> st.SearchStrategy[str]:
    return st.text(_DIGITS, min_size=length, max_size=length)


def _without_photo_serials() -> st.SearchStrategy[str]:
    # 8 and 13 digits are what the cards carry; 9 to 12 are accepted with a
    # warning. Both branches cost the same choices, so draws shrink to 8.
    lengths = st.sampled_from((8, 13)) | st.integers(9, 12)
    return lengths.flatmap(_digits)


def serials(card_type: CardType | str | None = None) -> st.SearchStrategy[VitaleSerial]:
    """Valid serial numbers, as :class:`~vitale_ids.VitaleSerial` objects (value and card type).

    ``card_type`` (a :class:`~vitale_ids.CardType`, or a text that
    :meth:`CardType.parse <vitale_ids.CardType.parse>` reads) keeps to one
    type; by default both are drawn. With photo, the value is the 11 digits the
    form wants; without photo, 8 or 13 digits, and also the 9 to 12 that are
    genuine but unusual (a warning). Any digits can come up, so a value may
    read as a date, which the library also warns about; filter on
    ``check_serial(...).warnings`` if a test needs none. Draws shrink towards
    ``00000000000`` on a card with photo.
    """
    from vitale_ids.card_type import CardType
    from vitale_ids.serial import VitaleSerial

    if card_type is None:
        card_types: st.SearchStrategy[CardType] = st.sampled_from(CardType)
    else:
        try:
            card_types = st.just(CardType.parse(card_type))
        except (TypeError, ValueError):
            raise InvalidArgument(
                f"card_type must be None, a CardType or a card type text; got {card_type!r}."
            ) from None

    def for_card(card: CardType) -> st.SearchStrategy[VitaleSerial]:
        values = _digits(11) if card is CardType.WITH_PHOTO else _without_photo_serials()
        return values.map(lambda value: VitaleSerial(value, card))

    return card_types.flatmap(for_card)
