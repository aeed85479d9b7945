"""Every public function against hostile input: it answers with the library's own errors.

Each function that takes an identifier gets arbitrary Unicode text, control
characters, lone surrogates, huge strings (100,000 characters) and objects that
are not ``str``. The only outcomes allowed are:

- ``check_*``: a :class:`Check` for any ``str``; :class:`InvalidType` otherwise;
- ``parse_*`` and the other functions: a value or a :class:`ValidationError`
  for a ``str``; :class:`InvalidType` (also a ``TypeError``) otherwise;
- ``is_valid_*``: a bool, whatever the object (False for anything but a valid ``str``).

A huge input must be refused after ``len()`` alone, before anything scans it.
:class:`LengthOnly`, a ``str`` that records every other use, shows it without
timing anything. (Measured once, on one core of a 2020s laptop: each public
function answers a 100,000-character input in under 2 microseconds; see
docs/strategies.md.)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitale_ids
from vitale_ids import Check, InvalidType, ValidationError, nir
from vitale_ids.strategies import nir_inputs, nirs

Role = Literal["check", "parse", "is_valid"]

HUGE = 100_000


@attrs.frozen
class Entry:
    """One public function, called with the hostile value where the identifier goes."""

    name: str
    call: Callable[[Any], object]
    role: Role
    field: str


ENTRIES: list[Entry] = [
    Entry("check_nir", vitale_ids.check_nir, "check", "nir"),
    Entry("check_nir strict", lambda v: vitale_ids.check_nir(v, strict=True), "check", "nir"),
    Entry("parse_nir", vitale_ids.parse_nir, "parse", "nir"),
    Entry("parse_nir strict", lambda v: vitale_ids.parse_nir(v, strict=True), "parse", "nir"),
    Entry("is_valid_nir", vitale_ids.is_valid_nir, "is_valid", "nir"),
    Entry(
        "is_valid_nir strict", lambda v: vitale_ids.is_valid_nir(v, strict=True), "is_valid", "nir"
    ),
    Entry("nir_key", vitale_ids.nir_key, "parse", "nir"),
    Entry("Nir", vitale_ids.Nir, "parse", "nir"),
    Entry("nir.compact", nir.compact, "parse", "nir"),
    Entry("nir.format", nir.format, "parse", "nir"),
    Entry("nir.validate", nir.validate, "parse", "nir"),
]

# Public names that take no identifier, or are not functions.
NOT_TAKING_AN_IDENTIFIER = {
    "Check",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Issue",
    "Sex",
    "ValidationError",
}


def public_callables() -> set[str]:
    names = {
        name for name in vitale_ids.__all__ if callable(getattr(vitale_ids, name))
    } - NOT_TAKING_AN_IDENTIFIER
    for module in (nir,):
        names |= {
            f"{module.__name__.rsplit('.', 1)[-1]}.{name}"
            for name in module.__all__
            if callable(getattr(module, name)) and name not in vitale_ids.__all__
        } - {f"nir.{name}" for name in NOT_TAKING_AN_IDENTIFIER}
    return names


def test_every_public_function_is_exercised() -> None:
    # A new public function must be added to ENTRIES, or this fails.
    exercised = {entry.name.split(" ")[0] for entry in ENTRIES}
    assert public_callables() - exercised == set()


# --- The outcomes allowed -----------------------------------------------------


def call(entry: Entry, value: object) -> object:
    """What ``entry`` returns for ``value``, or the ValidationError it raises."""
    try:
        return entry.call(value)
    except ValidationError as error:
        return error


def assert_allowed_outcome(entry: Entry, value: object) -> object:
    """Call ``entry`` with ``value`` and check that it answered as the rules say."""
    answer = call(entry, value)
    if not isinstance(value, str):
        if entry.role == "is_valid":
            assert answer is False
        else:
            assert isinstance(answer, InvalidType), f"{entry.name} answered {answer!r}"
            assert isinstance(answer, TypeError)
            assert answer.code == f"{entry.field}.type"
        return answer
    if entry.role == "is_valid":
        assert answer is True or answer is False
    elif isinstance(answer, ValidationError):
        assert entry.role != "check", f"{entry.name} raised for a str"
        assert not isinstance(answer, InvalidType), f"{entry.name} raised InvalidType for a str"
        assert answer.field == entry.field
        assert answer.code.startswith(f"{entry.field}.")
        assert_issue_is_sound(answer.issue, value)
    elif entry.role == "check":
        assert isinstance(answer, Check)
        assert answer.valid == (answer.errors == ())
        assert (answer.value is None) == (not answer.valid)
        for issue in answer.issues:
            assert_issue_is_sound(issue, value)
    return answer


def assert_issue_is_sound(issue: vitale_ids.Issue, value: str) -> None:
    assert issue.message
    assert issue.message_fr
    assert issue.position is None or 0 <= issue.position < len(value)


# --- Hostile values ------------------------------------------------------------

control_characters = st.characters(categories=("Cc", "Cf", "Zl", "Zp"))
surrogates = st.characters(categories=["Cs"])
any_character = st.characters() | surrogates | control_characters

# Text that is almost a NIR reaches the deeper rules; pure noise would stop at the length.
near_nirs = st.builds(
    lambda typed, index, noise: typed[:index] + noise + typed[index:],
    nir_inputs(),
    st.integers(0, 20),
    st.text(any_character, max_size=3),
)
texts = st.one_of(st.text(any_character, max_size=80), near_nirs)


@st.composite
def huge_texts(draw: st.DrawFn) -> str:
    """100,000 characters: a repeated pattern, or a valid NIR lost in separators."""
    if draw(st.booleans()):
        pattern = draw(st.text(any_character, min_size=1, max_size=16))
        return (pattern * (HUGE // len(pattern) + 1))[:HUGE]
    padding = draw(st.sampled_from([" ", "\u00a0", ".", "-", "\u200b", "\t"]))
    value = draw(nirs())
    return value + padding * (HUGE - len(value))


class Hostile:
    """An object that fails whatever is asked of it, but its type."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the library used .{name} of a non-str")

    def __len__(self) -> int:
        raise AssertionError("the library took the len() of a non-str")

    def __str__(self) -> str:
        raise AssertionError("the library called str() on a non-str")

    def __eq__(self, other: object) -> bool:
        raise AssertionError("the library compared a non-str")

    def __hash__(self) -> int:
        raise AssertionError("the library hashed a non-str")

    def __iter__(self) -> Any:
        raise AssertionError("the library iterated over a non-str")


non_str = st.one_of(
    st.none(),
    st.integers(),
    nirs(corsica=False).map(int),
    nirs().map(str.encode),
    nirs().map(lambda value: bytearray(value.encode())),
    nirs().map(list),
    st.floats(),
    st.booleans(),
    st.builds(Hostile),
    st.from_type(type),
    st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
)

ENTRY_IDS = [entry.name for entry in ENTRIES]


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@given(value=texts)
def test_any_text(entry: Entry, value: str) -> None:
    assert_allowed_outcome(entry, value)


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@given(value=non_str)
def test_objects_that_are_not_text(entry: Entry, value: object) -> None:
    assert_allowed_outcome(entry, value)


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@settings(max_examples=10)
@given(value=huge_texts())
def test_huge_text_is_refused(entry: Entry, value: str) -> None:
    answer = assert_allowed_outcome(entry, value)
    if isinstance(answer, Check):
        assert [issue.code for issue in answer.errors] == [f"{entry.field}.length"]
    elif entry.role == "is_valid":
        assert answer is False
    else:
        assert isinstance(answer, ValidationError)
        assert answer.code == f"{entry.field}.length"


# --- Huge input is refused after len() alone -------------------------------------

# What a str can be asked without looking at its characters.
_HARMLESS = {
    "__len__",
    "__new__",
    "__init__",
    "__init_subclass__",
    "__getattribute__",
    "__setattr__",
    "__delattr__",
    "__class__",
    "__subclasshook__",
    "__dir__",
    "__sizeof__",
    "__reduce__",
    "__reduce_ex__",
    "__getnewargs__",
    "__getstate__",
}


class LengthOnly(str):
    """A ``str`` that records every use but ``len()``: iteration, slicing, methods...

    Its methods still work, so that a scan shows up as a recorded use rather
    than as an exception the code under test might catch.
    """

    uses: list[str]

    def __init__(self, _value: str) -> None:
        self.uses = []


def _recording(name: str) -> Callable[..., Any]:
    method = getattr(str, name)

    def recorded(self: LengthOnly, *args: Any, **kwargs: Any) -> Any:
        self.uses.append(name)
        return method(self, *args, **kwargs)

    return recorded


for _name in dir(str):
    if _name not in _HARMLESS and callable(getattr(str, _name)):
        setattr(LengthOnly, _name, _recording(_name))


def test_length_only_records_a_scan() -> None:
    # Without this, the test below could pass with a recorder that records nothing.
    short = LengthOnly("1 85 05 78 006 084 91")
    assert vitale_ids.is_valid_nir(short)
    assert short.uses


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@pytest.mark.parametrize("pattern", ["1", " ", "1 85 05 78 006 084 91 ", "\udc80", "é"], ids=repr)
def test_huge_text_is_refused_after_len_alone(entry: Entry, pattern: str) -> None:
    value = LengthOnly((pattern * HUGE)[:HUGE])
    answer = assert_allowed_outcome(entry, value)
    assert value.uses == [], f"{entry.name} used {sorted(set(value.uses))} on a huge input"
    if isinstance(answer, Check):
        assert not answer.valid
    elif entry.role == "is_valid":
        assert answer is False
    else:
        assert isinstance(answer, ValidationError)
