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
- :func:`identities` draws a NIR with identity traits that agree with it (sex,
  birth date, birthplace code), as :func:`vitale_ids.ins.check_identity` takes them.

Installing ``vitale_ids`` also registers these with Hypothesis (through its
``hypothesis`` entry point), so ``st.from_type(Nir)``,
``st.from_type(ProvisionalCode)`` and ``st.from_type(VitaleSerial)`` draw the
library's objects.

Every rule the draws follow (sex digits, months, Corsica, the key formula,
lengths) comes from the library's rules modules, so that the strategies follow
a change of rule. The test suite checks the rules themselves against an
independent implementation (python-stdnum) and the published examples.
"""

from __future__ import annotations

import datetime
import string
from typing import TYPE_CHECKING, Final, Literal, TypeVar, get_args

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from vitale_ids import _code_rules, _nir_rules, _serial_rules
from vitale_ids.nir import Sex

if TYPE_CHECKING:
    from vitale_ids.card_type import CardType
    from vitale_ids.serial import VitaleSerial

__all__ = [
    "Identity",
    "InvalidNir",
    "InvalidNirKind",
    "identities",
    "invalid_nirs",
    "nir_inputs",
    "nirs",
    "provisional_codes",
    "serials",
]

T = TypeVar("T")

_DIGITS: Final = "".join(sorted(_nir_rules.DIGITS))

# --- Valid NIRs ----------------------------------------------------------------

_ORDINARY_SEX_DIGITS: Final = "".join(sorted(_nir_rules.ORDINARY_SEX_DIGITS))
_TEMPORARY_SEX_DIGITS: Final = "".join(sorted(_nir_rules.TEMPORARY_SEX_DIGITS))
# Two-digit departments outside the families that have a keyword: 20 is
# Corsica, 97 and 98 start a 3-digit overseas department, 99 is abroad. 96
# (Tunisia before 1956) and 91-95 (Algeria and Morocco before independence)
# are ordinary codes. 00 only appears on temporary numbers: see
# _TEMPORARY_ORDINARY_PLACES.
_SPECIAL_DEPARTMENTS: Final = frozenset(
    {
        _nir_rules.NO_DEPARTMENT,
        _nir_rules.CORSICA_BEFORE_1976,
        _nir_rules.ABROAD,
        *_nir_rules.OVERSEAS_PREFIXES,
    }
)
_ORDINARY_DEPARTMENTS: Final = tuple(
    code for code in (f"{d:02d}" for d in range(100)) if code not in _SPECIAL_DEPARTMENTS
)
_CORSICAN_DEPARTMENTS: Final = (*_nir_rules.CORSICA_KEY_DIGITS, _nir_rules.CORSICA_BEFORE_1976)
_KEY_WIDTH: Final = _nir_rules.KEY_LENGTH


def _with_key(body: str) -> str:
    """``body`` (13 characters) followed by its key, 2A read as 19 and 2B as 18."""
    key = _nir_rules.key_of(_nir_rules.read_number(body) or 0)
    return f"{body}{key:0{_KEY_WIDTH}d}"


def _integers(numbers: range) -> st.SearchStrategy[int]:
    """The numbers of a range, shrinking towards its first."""
    return st.integers(numbers.start, numbers.stop - 1)


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
_TEMPORARY_ORDINARY_PLACES: Final = _places(
    st.sampled_from((_nir_rules.NO_DEPARTMENT, *_ORDINARY_DEPARTMENTS)), 3
)
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
    year = draw(_integers(_YEARS))
    month = draw(months)
    place = draw(temporary_places if sex in _TEMPORARY_SEX_DIGITS else places)
    order = draw(_integers(_ORDERS))
    return _with_key(f"{sex}{year:02d}{month:02d}{place}{order:03d}")


_YEARS: Final = range(10 ** (_nir_rules.YEAR.stop - _nir_rules.YEAR.start))
# 000 is no order number: the first is the next one up.
_ORDERS: Final = range(_nir_rules.NO_ORDER_NUMBER + 1, _nir_rules.ORDER_MODULUS)


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
    months = _family(
        unknown_month, _integers(_nir_rules.KNOWN_MONTHS), _integers(_nir_rules.UNKNOWN_MONTHS)
    )
    places, temporary_places = _place_strategies(corsica, abroad, overseas)
    return _nirs(sexes, months, places, temporary_places)


# --- NIRs as people type them -----------------------------------------------------

# After characters 1, 3, 5, 7, 10 and 13: "1 85 05 78 006 084 91", as on the card.
_GROUP_ENDS: Final = tuple(group.stop for group in _nir_rules.GROUPS[:-1])
_GROUP_SEPARATORS: Final = (" ", ".", "-", "\u00a0", "\u202f", "  ", " - ", "\u2013")
# Stray separators land anywhere, one character at a time.
_STRAY_SEPARATORS: Final = (" ", "\u00a0", ".", "-")
_EDGES: Final = ("", " ", "\t", "\n", "\u00a0")


# Where Corsica's letter stands: the department's second character.
_LETTER: Final = _nir_rules.DEPARTMENT.stop - 1


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
    if compact[_nir_rules.DEPARTMENT] in _nir_rules.CORSICA_KEY_DIGITS and draw(st.booleans()):
        characters[_LETTER] = characters[_LETTER].lower()
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
    key = int(base[_nir_rules.KEY])
    if draw(st.booleans()):
        # 00, 98 and 99 are never keys.
        wrong, code = draw(st.sampled_from(_NEVER_KEYS)), "nir.key_range"
    else:
        # Any other key from 01 to 97, the next one up first.
        keys = _nir_rules.KEYS
        shift = draw(st.integers(1, len(keys) - 1))
        wrong = f"{(key - keys.start + shift) % len(keys) + keys.start:0{_KEY_WIDTH}d}"
        code = "nir.checksum"
    body = base[: _nir_rules.BODY_LENGTH]
    return InvalidNir(body + wrong, "checksum", code, _nir_rules.KEY.start)


_NEVER_KEYS: Final = tuple(
    f"{key:0{_KEY_WIDTH}d}" for key in range(10**_KEY_WIDTH) if key not in _nir_rules.KEYS
)


@st.composite
def _wrong_component(
    draw: st.DrawFn, base: str, kind: InvalidNirKind, start: int, values: tuple[str, ...]
) -> InvalidNir:
    value = draw(st.sampled_from(values))
    body = base[:start] + value + base[start + len(value) : _nir_rules.BODY_LENGTH]
    return InvalidNir(_with_key(body), kind, f"nir.{kind}", start)


@st.composite
def _wrong_character(draw: st.DrawFn, base: str) -> InvalidNir:
    # Replacing the 2 of 2A would also make the A wrong: two faults, not one.
    corsica = base[_nir_rules.DEPARTMENT] in _nir_rules.CORSICA_KEY_DIGITS
    first = _nir_rules.DEPARTMENT.start
    indexes = [index for index in range(_nir_rules.LENGTH) if not (corsica and index == first)]
    index = draw(st.sampled_from(indexes))
    characters = _WRONG_CHARACTERS
    if index == _LETTER and base[first] == _nir_rules.CORSICA_BEFORE_1976[0]:
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
    code = {0: "nir.empty", _nir_rules.BODY_LENGTH: "nir.missing_key"}.get(len(value), "nir.length")
    return InvalidNir(value, "length", code, None)


_WRONG_SEX_DIGITS: Final = tuple(sorted(_nir_rules.DIGITS - _nir_rules.SEX_DIGITS))
_WRONG_MONTHS: Final = tuple(f"{month:02d}" for month in sorted(_nir_rules.IMPOSSIBLE_MONTHS))


@st.composite
def _invalid_nirs(draw: st.DrawFn, kinds: tuple[InvalidNirKind, ...]) -> InvalidNir:
    # A base with no warning, so that the fault is the only issue even with strict=True.
    # It is drawn first, so that it shrinks to a simple number whatever the kind.
    base = draw(nirs(temporary=False, unknown_month=False))
    kind = draw(st.sampled_from(kinds))
    if kind == "checksum":
        return draw(_wrong_key(base))
    if kind == "sex":
        return draw(_wrong_component(base, "sex", _nir_rules.SEX.start, _WRONG_SEX_DIGITS))
    if kind == "month":
        return draw(_wrong_component(base, "month", _nir_rules.MONTH.start, _WRONG_MONTHS))
    if kind == "order":
        return draw(_wrong_component(base, "order", _nir_rules.ORDER.start, (_nir_rules.NO_ORDER,)))
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

# Digits first, so that codes shrink towards 000000000000; both cases after
# (the order of ASCII).
_CODE_ALPHABET: Final = "".join(sorted(_code_rules.ALPHABET))


def provisional_codes() -> st.SearchStrategy[str]:
    """Valid codes provisoires: 12 ASCII letters and digits, upper and lower case mixed.

    No rule beyond that is known (no checksum, no grouping), so none is assumed.
    The code is case-sensitive: code that stores or compares codes must keep
    the case, and these draws make a case bug show. They shrink towards
    ``000000000000``.
    """
    return st.text(_CODE_ALPHABET, min_size=_code_rules.LENGTH, max_size=_code_rules.LENGTH)


# --- Serial numbers ------------------------------------------------------------


def _digits(length: int) -> st.SearchStrategy[str]:
    return st.text(_DIGITS, min_size=length, max_size=length)


def _without_photo_serials() -> st.SearchStrategy[str]:
    # 8 and 13 digits are what the cards carry; 9 to 12 are accepted with a
    # warning. Both branches cost the same choices, so draws shrink to 8.
    lengths = st.sampled_from(sorted(_serial_rules.NO_PHOTO_LENGTHS)) | st.sampled_from(
        sorted(_serial_rules.NO_PHOTO_UNUSUAL_LENGTHS)
    )
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
        if card is CardType.WITH_PHOTO:
            values = _digits(_serial_rules.PHOTO_LENGTH)
        else:
            values = _without_photo_serials()
        return values.map(lambda value: VitaleSerial(value, card))

    return card_types.flatmap(for_card)


# --- Identities: a NIR and the traits that go with it -------------------------------


@attrs.frozen
class Identity:
    """A synthetic NIR and identity traits that agree with it.

    The fields are the arguments of :func:`vitale_ids.ins.check_identity`:
    ``nir`` (compact), ``sex`` (a :class:`~vitale_ids.Sex` or one of the texts it
    reads), ``birth_date`` (a ``date`` or ISO text) and ``birthplace_code`` (an
    INSEE COG code, or ``None`` when the NIR gives no birthplace). The repr shows
    ``nir``: the numbers are synthetic.
    """

    nir: str
    sex: Sex | str
    birth_date: datetime.date | str
    birthplace_code: str | None


def _birthplace_variants(nir: str) -> list[tuple[str | None, int | None]]:
    """Birthplace codes that agree with ``nir``, each with the last birth year it allows.

    The NIR's own place first (so that draws shrink to it), then the same
    department with another commune (``None`` in place of the commune: it is
    drawn), then each history that explains a different code (Corsica, Seine,
    Algeria...), with the commune kept.
    """
    from vitale_ids import _ins_rules, _nir_rules

    prefix = nir[_nir_rules.DEPARTMENT]
    overseas = prefix in _nir_rules.OVERSEAS_PREFIXES
    department = nir[_nir_rules.OVERSEAS_DEPARTMENT] if overseas else prefix
    if department in _ins_rules.NO_PLACE_DEPARTMENTS:
        return [(None, None)]
    place = nir[_nir_rules.DEPARTMENT.start : _nir_rules.PLACE.stop]
    commune = place[len(department) :]
    # Department 20 is Corsica's before 1976, whatever the code that comes with it.
    corsica = _ins_rules.CORSICA
    limit = corsica.last_year if department in corsica.old else None
    variants: list[tuple[str | None, int | None]] = [(place, limit)]
    if department != _nir_rules.ABROAD:
        variants.append((department, limit))
    for history in _ins_rules.HISTORIES:
        if department in history.old:
            for new in sorted(history.new - {department}):
                code = new if len(new) == len(place) else new + commune
                variants.append((code, history.last_year))
        elif history.either_way and department in history.new:
            variants.extend((old + commune, limit) for old in sorted(history.old))
    return variants


_SEX_SPELLINGS: Final = {sex: (sex, str(sex.value), sex.name[0], sex.name.lower()) for sex in Sex}


@st.composite
def _identities(draw: st.DrawFn, compact_nirs: st.SearchStrategy[str]) -> Identity:
    import calendar

    from vitale_ids import _nir_rules

    nir = draw(compact_nirs)
    sex = Sex.MALE if int(nir[_nir_rules.SEX]) % 2 else Sex.FEMALE
    code, last_year = draw(st.sampled_from(_birthplace_variants(nir)))
    width = _nir_rules.PLACE.stop - _nir_rules.DEPARTMENT.start - len(code or "")
    if code is not None and width:  # a department alone: another commune of it
        code += f"{draw(st.integers(0, 10**width - 1)):0{width}d}"
    two_digit_year = int(nir[_nir_rules.YEAR])
    # The NIR has no century: any fits, as long as the birthplace's history allows it.
    centuries = [
        century
        for century in (1900, 2000, 1800)
        if last_year is None or century + two_digit_year <= last_year
    ]
    year = draw(st.sampled_from(centuries)) + two_digit_year
    month_code = int(nir[_nir_rules.MONTH])
    month = month_code if month_code in _nir_rules.KNOWN_MONTHS else draw(st.integers(1, 12))
    day = draw(st.integers(1, calendar.monthrange(year, month)[1]))
    forms: list[datetime.date | str] = [
        datetime.date(year, month, day),
        f"{year:04d}-{month:02d}-{day:02d}",
        f"{year:04d}-{month:02d}",
        f"{year:04d}",
    ]
    spellings: list[Sex | str] = list(_SEX_SPELLINGS[sex])
    birth_date = draw(st.sampled_from(forms))
    spelling = draw(st.sampled_from(spellings))
    return Identity(nir, spelling, birth_date, code)


def identities(*, compact: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Identity]:
    """A NIR with identity traits that agree with it, as :class:`Identity` objects.

    ``check_identity(i.nir, sex=i.sex, birth_date=i.birth_date,
    birthplace_code=i.birthplace_code)`` finds no error in any draw. It may
    give warnings: besides the NIR's own (temporary numbers, unknown months),
    the birthplace can differ from the NIR's the ways history explains (another
    commune of the same department; Corsica before 1976; Seine and Seine-et-Oise
    before 1968; Algeria, Morocco and Tunisia before independence; overseas
    renumbering), with a birth year that history allows.

    ``compact`` is the strategy of NIRs (:func:`nirs` by default). The sex is
    drawn in each spelling that check_identity reads, the birth date as a
    ``date`` or as ISO text (year, month or day), in a century that fits.
    Draws shrink towards the NIR's own birthplace.
    """
    return _identities(nirs() if compact is None else compact)
