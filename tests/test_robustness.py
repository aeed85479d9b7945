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
timing anything. Measured once (``python scripts/huge_input_timing.py``, a
2-core AMD EPYC virtual machine, Python 3.11): each function answers a
100,000-character input in 0.2 to 3.3 microseconds, and ``check_form``, which
also checks its three other fields, in 6.5 to 12. (A huge blank card type once
took 33 microseconds, being stripped first; it is now refused after ``len()``
too.) The issue allows 1 ms.
"""

from __future__ import annotations

import datetime
import importlib
import pkgutil
import types
from collections.abc import Callable
from typing import Any, Literal

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import vitale_ids
from synthetic import ORDINARY
from vitale_ids import (
    CardType,
    Check,
    FormCheck,
    InvalidType,
    Issue,
    ValidationError,
    cli,
    ins,
    nir,
    provisional_code,
    serial,
    validators,
)
from vitale_ids.strategies import nir_inputs, nirs, provisional_codes, serials

Role = Literal["check", "parse", "is_valid"]

HUGE = 100_000

# Valid values for the other arguments, when one argument is under test.
CODE = "a1B2c3D4e5F6"
SERIAL = "12345678901"
WITH_PHOTO = CardType.WITH_PHOTO


@attrs.frozen
class Entry:
    """One public function, called with the hostile value in one of its arguments.

    ``field`` is the field of the issues about that argument, and ``prefixes``
    the beginnings of their codes. ``too_long`` is the code of the error for a
    huge input. ``blank_is_missing`` is for the form's card type, where a blank
    text means "not given" and the type is inferred from the serial number;
    ``none_is_missing`` for the serial functions' card type, where ``None``
    means the same.
    """

    name: str
    call: Callable[[Any], object]
    role: Role
    field: str
    prefixes: tuple[str, ...]
    too_long: str
    blank_is_missing: bool = False
    type_code: str = ""
    none_is_missing: bool = False
    #: A NIR function that checks a whole number (a compact NIR read by pandas) as its text.
    numbers: bool = False

    @property
    def function(self) -> str:
        return self.name.split(" ")[0]

    @property
    def expected_type_code(self) -> str:
        return self.type_code or f"{self.field}.type"


def nir_entry(
    name: str, call: Callable[[Any], object], role: Role, *, numbers: bool = False
) -> Entry:
    return Entry(name, call, role, "nir", ("nir.",), "nir.length", numbers=numbers)


def number_nir_entry(name: str, call: Callable[[Any], object], role: Role) -> Entry:
    return nir_entry(name, call, role, numbers=True)


def code_entry(name: str, call: Callable[[Any], object], role: Role) -> Entry:
    # The field is "provisional_code", the codes "code.*".
    return Entry(
        name, call, role, "provisional_code", ("code.",), "code.length", type_code="code.type"
    )


def serial_entry(name: str, call: Callable[[Any], object], role: Role) -> Entry:
    return Entry(name, call, role, "serial", ("serial.",), "serial.length")


def card_type_entry(
    name: str,
    call: Callable[[Any], object],
    role: Role,
    *,
    blank_is_missing: bool = False,
    none_is_missing: bool = False,
) -> Entry:
    return Entry(
        name,
        call,
        role,
        "card_type",
        ("card_type.",),
        "card_type.unknown",
        blank_is_missing,
        none_is_missing=none_is_missing,
    )


def form_with(**fields: object) -> FormCheck:
    values: dict[str, Any] = {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": WITH_PHOTO,
        "serial": SERIAL,
    }
    values.update(fields)
    return vitale_ids.check_form(**values)


@attrs.define
class _Holder:
    value: str


# The attribute attrs passes to a field validator; ours do not look at it.
ATTRIBUTE = attrs.fields(_Holder).value

ENTRIES: list[Entry] = [
    number_nir_entry("check_nir", vitale_ids.check_nir, "check"),
    number_nir_entry("check_nir strict", lambda v: vitale_ids.check_nir(v, strict=True), "check"),
    number_nir_entry("parse_nir", vitale_ids.parse_nir, "parse"),
    number_nir_entry("parse_nir strict", lambda v: vitale_ids.parse_nir(v, strict=True), "parse"),
    number_nir_entry("is_valid_nir", vitale_ids.is_valid_nir, "is_valid"),
    number_nir_entry(
        "is_valid_nir strict", lambda v: vitale_ids.is_valid_nir(v, strict=True), "is_valid"
    ),
    number_nir_entry("nir_key", vitale_ids.nir_key, "parse"),
    number_nir_entry("Nir", vitale_ids.Nir, "parse"),
    number_nir_entry("nir.compact", nir.compact, "parse"),
    number_nir_entry("nir.format", nir.format, "parse"),
    number_nir_entry("nir.validate", nir.validate, "parse"),
    nir_entry("check_identity", vitale_ids.check_identity, "check"),
    nir_entry(
        "check_identity with traits",
        lambda v: vitale_ids.check_identity(
            v, sex="M", birth_date="1985-05-14", birthplace_code="78006", strict=True
        ),
        "check",
    ),
    number_nir_entry("ins.fhir_identifier", ins.fhir_identifier, "parse"),
    code_entry("check_provisional_code", vitale_ids.check_provisional_code, "check"),
    code_entry("parse_provisional_code", vitale_ids.parse_provisional_code, "parse"),
    code_entry("is_valid_provisional_code", vitale_ids.is_valid_provisional_code, "is_valid"),
    code_entry("ProvisionalCode", vitale_ids.ProvisionalCode, "parse"),
    serial_entry(
        "check_serial", lambda v: vitale_ids.check_serial(v, card_type=WITH_PHOTO), "check"
    ),
    serial_entry(
        "check_serial without photo, strict",
        lambda v: vitale_ids.check_serial(v, card_type="sans photo", strict=True),
        "check",
    ),
    serial_entry(
        "parse_serial", lambda v: vitale_ids.parse_serial(v, card_type=WITH_PHOTO), "parse"
    ),
    serial_entry(
        "is_valid_serial", lambda v: vitale_ids.is_valid_serial(v, card_type=WITH_PHOTO), "is_valid"
    ),
    serial_entry("VitaleSerial", lambda v: vitale_ids.VitaleSerial(v, WITH_PHOTO), "parse"),
    card_type_entry("CardType.parse", CardType.parse, "parse"),
    card_type_entry(
        "check_serial card_type",
        lambda v: vitale_ids.check_serial(SERIAL, card_type=v),
        "check",
        none_is_missing=True,
    ),
    card_type_entry(
        "parse_serial card_type",
        lambda v: vitale_ids.parse_serial(SERIAL, card_type=v),
        "parse",
        none_is_missing=True,
    ),
    card_type_entry(
        "is_valid_serial card_type",
        lambda v: vitale_ids.is_valid_serial(SERIAL, card_type=v),
        "is_valid",
        none_is_missing=True,
    ),
    card_type_entry(
        "VitaleSerial card_type",
        lambda v: vitale_ids.VitaleSerial(SERIAL, v),
        "parse",
        none_is_missing=True,
    ),
    # form.wrong_field: the value is another field's identifier.
    attrs.evolve(
        code_entry("check_form provisional_code", lambda v: form_with(provisional_code=v), "check"),
        prefixes=("code.", "form."),
    ),
    attrs.evolve(
        nir_entry("check_form nir", lambda v: form_with(nir=v), "check"),
        prefixes=("nir.", "form."),
    ),
    card_type_entry(
        "check_form card_type", lambda v: form_with(card_type=v), "check", blank_is_missing=True
    ),
    attrs.evolve(
        serial_entry("check_form serial", lambda v: form_with(serial=v), "check"),
        prefixes=("serial.", "form."),
    ),
    serial_entry("check_serial without card type", vitale_ids.check_serial, "check"),
    serial_entry("is_valid_serial without card type", vitale_ids.is_valid_serial, "is_valid"),
    serial_entry("serial.compact", serial.compact, "parse"),
    code_entry("provisional_code.compact", provisional_code.compact, "parse"),
    # attrs calls a validator with the instance, the attribute and the value.
    nir_entry("validators.nir", lambda v: validators.nir()(None, ATTRIBUTE, v), "parse"),
    code_entry(
        "validators.provisional_code",
        lambda v: validators.provisional_code()(None, ATTRIBUTE, v),
        "parse",
    ),
    serial_entry(
        "validators.serial",
        lambda v: validators.serial(card_type=WITH_PHOTO)(None, ATTRIBUTE, v),
        "parse",
    ),
]

# Public names that take no identifier: types, errors, the deadline (a date),
# and the command line's plumbing.
NOT_TAKING_AN_IDENTIFIER = {
    "CardType",
    "Check",
    "FormCheck",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Issue",
    "Sex",
    "ValidationError",
    "code_expires_on",
    "opposition_deadline",
    "cli.Outcome",
    "cli.build_parser",
    "cli.default_lang",
    "cli.main",
    "cli.read_lines",
    "ins.Environment",
}
# Test data for tests, not an API that takes identifiers; and the pydantic and
# Django integrations, which answer with their framework's own error
# (tests/test_integrations.py and tests/test_django.py give them hostile inputs).
# vitale_ids.columns takes whole columns, not one identifier: tests/test_columns.py
# gives its functions hostile rows (Unicode, huge texts, objects that are not str).
NOT_SCANNED = {
    "vitale_ids.strategies",
    "vitale_ids.pydantic",
    "vitale_ids.django",
    "vitale_ids.columns",
}


def public_modules() -> list[types.ModuleType]:
    """Every public module of the package: a new one is scanned without being listed."""
    names = [
        info.name
        for info in pkgutil.iter_modules(vitale_ids.__path__, "vitale_ids.")
        if not info.name.rsplit(".", 1)[-1].startswith("_") and info.name not in NOT_SCANNED
    ]
    return [importlib.import_module(name) for name in names]


def public_callables() -> set[str]:
    names = {name for name in vitale_ids.__all__ if callable(getattr(vitale_ids, name))}
    for module in public_modules():
        short = module.__name__.rsplit(".", 1)[-1]
        names |= {
            f"{short}.{name}"
            for name in module.__all__
            if callable(getattr(module, name)) and name not in vitale_ids.__all__
        }
    return names - NOT_TAKING_AN_IDENTIFIER


# The command line's helpers that read identifiers, exercised at the end of this file.
CLI_HELPERS = {"cli.check_value", "cli.detect_kind", "cli.mask_unparsed"}
# It takes a FHIR identifier (a mapping), not text: tests/test_ins.py gives it
# hostile mappings and hostile values in each key.
MAPPING_TAKERS = {"check_fhir_identifier"}


def test_every_public_function_is_exercised() -> None:
    # A new public function must be added to ENTRIES (or CLI_HELPERS), or this fails.
    exercised = (
        {entry.function for entry in ENTRIES} | CLI_HELPERS | MAPPING_TAKERS | {"wrong_field"}
    )
    assert public_callables() - exercised == set()


# --- The outcomes allowed -----------------------------------------------------


def call(entry: Entry, value: object) -> object:
    """What ``entry`` returns for ``value``, or the ValidationError it raises."""
    try:
        return entry.call(value)
    except ValidationError as error:
        return error


def whole_number_text(value: object) -> str | None:
    """The text a NIR function checks a number as: a whole number of at least 0, not a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    return str(int(value)) if value >= 0 else None


def assert_allowed_outcome(entry: Entry, value: object) -> object:
    """Call ``entry`` with ``value`` and check that it answered as the rules say."""
    answer = call(entry, value)
    if value is None and entry.blank_is_missing:
        assert isinstance(answer, FormCheck)
    elif value is None and entry.none_is_missing:
        # No card type: it is inferred from the serial number.
        assert not isinstance(answer, InvalidType), f"{entry.name} answered {answer!r}"
    elif not isinstance(value, str) and entry.numbers and whole_number_text(value) is not None:
        # A whole number is checked as its decimal text, whatever that gives.
        expected = call(entry, whole_number_text(value))
        assert type(answer) is type(expected), f"{entry.name} answered {answer!r}"
        if isinstance(answer, ValidationError):
            assert answer.issue == expected.issue  # type: ignore[attr-defined]
    elif not isinstance(value, str):
        if entry.role == "is_valid":
            assert answer is False
        else:
            assert isinstance(answer, InvalidType), f"{entry.name} answered {answer!r}"
            assert isinstance(answer, TypeError)
            assert answer.code == entry.expected_type_code
            assert answer.field == entry.field
            # The message names the type, never the value, which may hold the identifier.
            type_name = type(value).__name__
            assert f"got {type_name}." in answer.issue.message
            assert f"pas {type_name}." in answer.issue.message_fr
        return answer
    if entry.role == "is_valid":
        assert answer is True or answer is False
    elif isinstance(answer, ValidationError):
        assert entry.role != "check", f"{entry.name} raised for a str"
        assert not isinstance(answer, InvalidType), f"{entry.name} raised InvalidType for a str"
        assert_issue_is_sound(entry, answer.issue, value)
    elif entry.role == "check":
        assert isinstance(answer, (Check, FormCheck))
        assert answer.valid == (answer.errors == ())
        if isinstance(answer, Check):
            assert (answer.value is None) == (not answer.valid)
        for issue in answer.issues:
            assert_issue_is_sound(entry, issue, value)
    return answer


def assert_issue_is_sound(entry: Entry, issue: vitale_ids.Issue, value: object) -> None:
    assert issue.message
    assert issue.message_fr
    if issue.field == entry.field:
        assert issue.code.startswith(entry.prefixes), issue.code
        if isinstance(value, str):
            assert issue.position is None or 0 <= issue.position < len(value)


# --- Hostile values ------------------------------------------------------------

control_characters = st.characters(categories=("Cc", "Cf", "Zl", "Zp"))
surrogates = st.characters(categories=["Cs"])
any_character = st.characters() | surrogates | control_characters


def near(valid: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    """Valid values with a little noise inserted: they reach the deeper rules."""
    return st.builds(
        lambda typed, index, noise: typed[:index] + noise + typed[index:],
        valid,
        st.integers(0, 20),
        st.text(any_character, max_size=3),
    )


texts = st.one_of(
    st.text(any_character, max_size=80),
    near(nir_inputs()),
    near(provisional_codes()),
    near(serials().map(lambda serial: serial.compact)),
    near(st.sampled_from(["avec photo", "sans photo", "Vitale 2", "WITHOUT_PHOTO"])),
)


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


# Each test runs once per entry (about thirty), so each run is kept small.
PER_ENTRY = settings(max_examples=100)


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@PER_ENTRY
@given(value=texts)
def test_any_text(entry: Entry, value: str) -> None:
    assert_allowed_outcome(entry, value)


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@PER_ENTRY
@given(value=non_str)
def test_objects_that_are_not_text(entry: Entry, value: object) -> None:
    assert_allowed_outcome(entry, value)


def assert_refused(entry: Entry, answer: object, value: str) -> None:
    """``answer`` refuses ``value`` for its length (or, for a card type, as unknown)."""
    if entry.blank_is_missing and not value.strip():
        return  # A blank card type is "not given": the form infers it.
    if entry.role == "is_valid":
        assert answer is False
    elif isinstance(answer, ValidationError):
        assert answer.code == entry.too_long
    else:
        assert isinstance(answer, (Check, FormCheck))
        assert [i.code for i in answer.errors if i.field == entry.field] == [entry.too_long]


@pytest.mark.parametrize("entry", ENTRIES, ids=ENTRY_IDS)
@settings(max_examples=10)
@given(value=huge_texts())
def test_huge_text_is_refused(entry: Entry, value: str) -> None:
    answer = assert_allowed_outcome(entry, value)
    assert_refused(entry, answer, value)


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
    assert short.isdigit() is False
    assert short.uses == ["isdigit"]


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.name for entry in ENTRIES])
def test_a_str_subclass_is_read_without_its_own_methods(entry: Entry) -> None:
    # A subclass is read as the plain str it holds (str.__str__), before
    # anything else: not one of its methods is called, whatever its length.
    samples = ["123 456 789 01", "xK4b 9Tq2 Lm7k", "avec photo"]
    if entry.field != "serial":  # a serial found in the form's NIR is another issue
        samples.append("1 85 05 78 006 084 91")
    for text in samples:
        value = LengthOnly(text)
        assert_allowed_outcome(entry, value)
        assert value.uses == [], f"{entry.name} used {sorted(set(value.uses))}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[entry.name for entry in ENTRIES])
@pytest.mark.parametrize(
    "pattern",
    ["1", " ", "1 85 05 78 006 084 91 ", "\udc80", "é"],
    # Plain ids: some tools (mutmut) cannot select a test by an escaped one.
    ids=["digits", "spaces", "spaced-nir", "surrogates", "accents"],
)
def test_huge_text_is_refused_after_len_alone(entry: Entry, pattern: str) -> None:
    value = LengthOnly((pattern * HUGE)[:HUGE])
    answer = assert_allowed_outcome(entry, value)
    assert value.uses == [], f"{entry.name} used {sorted(set(value.uses))} on a huge input"
    assert_refused(entry, answer, value)


# --- The deadline takes a date ---------------------------------------------------


@pytest.mark.parametrize("function", [vitale_ids.opposition_deadline, vitale_ids.code_expires_on])
@given(value=st.one_of(texts, non_str))
def test_the_deadline_refuses_anything_but_a_date(
    function: Callable[[Any], datetime.date], value: object
) -> None:
    with pytest.raises(TypeError):
        function(value)


@given(st.dates() | st.datetimes())
def test_the_deadline_of_any_date_is_six_weeks_later(sent_on: datetime.date) -> None:
    day = sent_on.date() if isinstance(sent_on, datetime.datetime) else sent_on
    try:
        deadline = vitale_ids.opposition_deadline(sent_on)
    except OverflowError:
        assert day > datetime.date.max - datetime.timedelta(weeks=6)
        return
    assert deadline - day == datetime.timedelta(weeks=6)


# --- The command line's helpers -------------------------------------------------
#
# They are only ever given text by the command line, so only text is tried here.


@settings(max_examples=200)
@given(value=texts, card_type=st.sampled_from([None, *CardType]))
def test_the_command_line_tells_or_explains_any_texts_kind(
    value: str, card_type: CardType | None
) -> None:
    kind = cli.detect_kind(value, card_type)
    if isinstance(kind, Issue):
        assert kind.code in ("kind.ambiguous", "kind.unknown")
    else:
        assert kind in ("nir", "code", "serial")
    for asked in cli.KINDS:
        outcome = cli.check_value(value, asked, card_type)
        assert outcome.check.valid == (outcome.check.errors == ())
        assert outcome.kind in (None, "nir", "code", "serial")


@settings(max_examples=200)
@given(texts | huge_texts())
def test_an_unparsed_value_is_shown_without_any_of_its_characters(value: str) -> None:
    shown = cli.mask_unparsed(value)
    shape = shown.removesuffix("...")
    assert set(shape) <= set("* .-")
    assert len(shown) <= nir.MAX_INPUT_LENGTH + 3


@pytest.mark.parametrize("pattern", ["1", " ", "é"], ids=["digits", "spaces", "accents"])
def test_the_command_line_refuses_a_huge_value_after_len_alone(pattern: str) -> None:
    value = LengthOnly(pattern * HUGE)
    assert isinstance(cli.detect_kind(value), Issue)
    for kind in cli.KINDS:
        assert not cli.check_value(value, kind, None).check.valid
    assert value.uses == [], f"used {sorted(set(value.uses))} on a huge input"


@pytest.mark.parametrize("field", ["nir", "provisional_code", "serial"])
@settings(max_examples=100)
@given(value=st.one_of(texts, non_str))
def test_wrong_field_answers_none_or_its_issue(field: str, value: object) -> None:
    issue = vitale_ids.wrong_field(value, field)  # type: ignore[arg-type]
    if issue is not None:
        assert isinstance(value, str)
        assert (issue.code, issue.field, issue.position) == ("form.wrong_field", field, None)


def test_wrong_field_does_not_scan_a_huge_value() -> None:
    value = LengthOnly("1" * HUGE)
    assert vitale_ids.wrong_field(value, "nir") is None
    assert value.uses == []
