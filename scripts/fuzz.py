"""Red-team fuzzing of the public validators (``nox -s fuzz``; not run in CI).

    python scripts/fuzz.py                          # 100,000 values, seed 0
    python scripts/fuzz.py --count 1000000 --seconds 600 --seed 7
    python scripts/fuzz.py --skip lying-subclass    # leave a kind of value out

Each value is passed to every ``check_*``, ``parse_*`` and ``is_valid_*``
function (the NIR's and the serial's with and without ``strict``, the serial's
for both card types) and to ``check_form`` in each of its four fields. The
values, drawn from a seeded ``random.Random``, are of these kinds:

- ``unicode``: random text from every plane, surrogates and controls included;
- ``near-valid``: synthetic valid identifiers (a NIR with a computed key, a code
  provisoire, a serial of each length), spaced as printed, then mutated: a
  character replaced, left out, doubled or swapped, a separator or a stray
  character inserted, the case changed;
- ``surrogates``: near-valid identifiers with lone surrogates mixed in;
- ``huge``: 10**6 characters (a pattern, or a valid NIR lost in separators);
- ``non-str``: ``None``, numbers (15-digit NIRs as ``int`` among them),
  ``bytes``, lists, dicts, and an object that raises whatever is asked of it;
- ``subclass``: plain ``str`` subclasses holding near-valid values;
- ``lying-subclass``: ``str`` subclasses whose methods lie (``replace``,
  ``__iter__``, ``__getitem__``, ``isdigit``, ``__int__``, ``__eq__``...) about the
  text they hold; the library must read the text itself.

What is checked, for every call:

- crash: an exception other than the library's own. For a ``str``,
  ``check_*`` returns a ``Check`` (a ``FormCheck``) and ``parse_*`` returns a
  value or raises a ``ValidationError`` that is not ``InvalidType``; for any
  other object, both raise ``InvalidType`` (a NIR given as a whole number,
  ``int`` or ``float``, is read as the text it stands for); ``is_valid_*`` never raises;
- inconsistency: ``is_valid_*`` differs from ``check_*().valid``; ``parse_*``
  returns a value the check refused, raises for a valid one, returns another
  value, or raises another issue than the check's first error; a ``Check``
  is valid with errors, or has a value when invalid;
- leak: a message (English or French) holds 6 consecutive characters of the
  value, as typed or without its separators (runs that are part of the
  public constants the messages quote, the photo card prefix, are not leaks);
- network or file write: an audit hook (``sys.addaudithook``) records every
  socket, HTTP, subprocess and file-writing event raised while the library
  runs; there must be none.

The figures printed are the ones docs/robustness.md reports. The exit status
is 0 when every count but ``calls`` is 0, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import vitale_ids
from vitale_ids import (
    CardType,
    Check,
    FormCheck,
    InvalidType,
    ValidationError,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
    parse_nir,
    parse_provisional_code,
    parse_serial,
)
from vitale_ids._core import remove_separators

KINDS = (
    "unicode",
    "near-valid",
    "surrogates",
    "huge",
    "non-str",
    "subclass",
    "lying-subclass",
)
# The share of each kind in the draw: huge values are few (each costs a
# megabyte to build), near-valid ones reach the deepest rules.
WEIGHTS = {
    "unicode": 30,
    "near-valid": 40,
    "surrogates": 8,
    "huge": 1,
    "non-str": 8,
    "subclass": 7,
    "lying-subclass": 6,
}
HUGE = 10**6
LEAK_RUN = 6
# Synthetic values from the docs, for the fields that are not under test.
VALID_CODE = "xK4b 9Tq2 Lm7k"
VALID_NIR = "1 85 05 78 006 084 91"
VALID_SERIAL = "123 456 789 01"
# Text the messages quote on purpose: the photo card prefix and the scheme's
# technical number (vitale_ids.serial), which a value may contain too.
QUOTED_CONSTANTS = ("80250000025",)


# --- Values ----------------------------------------------------------------------

SEPARATORS = " \u00a0\u202f.-\u2013\u2212\uff0e\t\u200b"
ASCII_ALNUM = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
ODD_CHARACTERS = (
    "OolI\u0661\uff11\u00e9\u0301\u03bf\u043e\u4e2d\U0001f600\x00\x7f\u200e\ud800\udfff"
)


def key_of(body: str) -> str:
    """The key of 13 NIR characters, computed here rather than by the library."""
    number = int(body[:5] + {"2A": "19", "2B": "18"}.get(body[5:7], body[5:7]) + body[7:])
    return f"{97 - number % 97:02d}"


def synthetic_nir(rng: random.Random) -> str:
    sex = rng.choice("1111111122222222" + "3478")
    year = f"{rng.randrange(100):02d}"
    month = f"{rng.randint(1, 12):02d}" if rng.random() < 0.9 else f"{rng.randint(20, 99)}"
    place_kind = rng.random()
    if place_kind < 0.05:
        place = rng.choice(["2A", "2B", "20"]) + f"{rng.randint(1, 999):03d}"
    elif place_kind < 0.1:
        place = rng.choice(["971", "972", "973", "974", "976", "988"]) + f"{rng.randint(1, 99):02d}"
    elif place_kind < 0.2:
        place = "99" + f"{rng.randint(101, 599):03d}"
    else:
        place = f"{rng.randint(1, 95):02d}{rng.randint(1, 999):03d}"
    body = sex + year + month + place + f"{rng.randint(1, 999):03d}"
    return body + key_of(body)


def synthetic_code(rng: random.Random) -> str:
    return "".join(rng.choice(ASCII_ALNUM) for _ in range(12))


def synthetic_serial(rng: random.Random) -> str:
    length = rng.choice([8, 11, 11, 13, 21])
    digits = "".join(rng.choice("0123456789") for _ in range(length))
    return "8025000002" + digits[10:] if length == 21 else digits


def spaced(rng: random.Random, value: str) -> str:
    if rng.random() < 0.5:
        return value
    separator = rng.choice(SEPARATORS)
    step = rng.choice([2, 3, 4])
    return separator.join(value[i : i + step] for i in range(0, len(value), step))


def mutated(rng: random.Random, value: str, pool: str) -> str:
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3])):
        index = rng.randrange(len(value) + 1)
        operation = rng.randrange(7)
        if operation == 0 and index < len(value):  # replaced
            value = value[:index] + rng.choice(pool) + value[index + 1 :]
        elif operation == 1 and index < len(value):  # left out
            value = value[:index] + value[index + 1 :]
        elif operation == 2 and index < len(value):  # doubled
            value = value[:index] + value[index] + value[index:]
        elif operation == 3 and index + 1 < len(value):  # swapped
            value = value[:index] + value[index + 1] + value[index] + value[index + 2 :]
        elif operation == 4:  # a separator
            value = value[:index] + rng.choice(SEPARATORS) + value[index:]
        elif operation == 5:  # a stray character
            value = value[:index] + rng.choice(ODD_CHARACTERS) + value[index:]
        else:
            value = value.swapcase() if rng.random() < 0.5 else value.lower()
    return value


def random_character(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return rng.choice(ASCII_ALNUM)
    if roll < 0.4:
        return rng.choice(SEPARATORS)
    if roll < 0.5:
        return rng.choice(ODD_CHARACTERS)
    if roll < 0.8:
        return chr(rng.randrange(0x30000))  # the assigned planes, surrogates included
    return chr(rng.randrange(sys.maxunicode + 1))


def near_valid(rng: random.Random) -> str:
    maker = rng.choice([synthetic_nir, synthetic_code, synthetic_serial])
    pool = ASCII_ALNUM + SEPARATORS + ODD_CHARACTERS
    return mutated(rng, spaced(rng, maker(rng)), pool)


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


class Text(str):
    """A plain subclass, as numpy.str_ or a framework's safe string is."""


class LyingText(str):
    """A subclass whose methods answer for another text than the one it holds."""

    lie = "185057800608491"

    def replace(self, *args: Any, **kwargs: Any) -> str:
        return self.lie

    def __iter__(self) -> Iterator[str]:
        return iter(self.lie)

    def __getitem__(self, key: Any) -> str:
        return self.lie[key]

    def isascii(self) -> bool:
        return True

    def isdigit(self) -> bool:
        return True

    def isalnum(self) -> bool:
        return True

    def translate(self, table: Any) -> str:
        return self.lie

    def upper(self) -> str:
        return self.lie

    def __int__(self) -> int:
        return int(self.lie)

    def __eq__(self, other: object) -> bool:
        return True

    def __hash__(self) -> int:
        return 0

    def __str__(self) -> str:
        return self.lie


def non_str(rng: random.Random) -> object:
    nir = synthetic_nir(rng)
    choices: list[Callable[[], object]] = [
        lambda: None,
        lambda: rng.randrange(-(10**20), 10**20),
        lambda: int(nir) if nir.isdigit() else 0,
        lambda: rng.random() * 10**15,
        lambda: float("nan"),
        lambda: nir.encode(),
        lambda: bytearray(nir.encode()),
        lambda: list(nir),
        lambda: {"nir": nir},
        lambda: rng.random() < 0.5,
        lambda: Hostile(),
        lambda: CardType.WITH_PHOTO,
        lambda: object(),
    ]
    return rng.choice(choices)()


def huge(rng: random.Random) -> str:
    if rng.random() < 0.5:
        pattern = "".join(random_character(rng) for _ in range(rng.randint(1, 8)))
        return (pattern * (HUGE // len(pattern) + 1))[:HUGE]
    return synthetic_nir(rng) + rng.choice(SEPARATORS) * (HUGE - 15)


def draw(rng: random.Random, kind: str) -> object:
    if kind == "unicode":
        return "".join(random_character(rng) for _ in range(rng.randint(0, 80)))
    if kind == "near-valid":
        return near_valid(rng)
    if kind == "surrogates":
        value = near_valid(rng)
        for _ in range(rng.randint(1, 3)):
            index = rng.randrange(len(value) + 1)
            value = value[:index] + chr(rng.randint(0xD800, 0xDFFF)) + value[index:]
        return value
    if kind == "huge":
        return huge(rng)
    if kind == "non-str":
        return non_str(rng)
    if kind == "subclass":
        return Text(near_valid(rng))
    return LyingText(near_valid(rng))


# --- Watching for network and file writes ------------------------------------------

_WATCHING = False
_EVENTS: list[str] = []
_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_APPEND | os.O_CREAT | os.O_TRUNC
_FORBIDDEN_PREFIXES = ("socket.", "http.client.", "urllib.", "ftplib.", "smtplib.", "subprocess.")
_FORBIDDEN_EVENTS = {
    "os.remove",
    "os.rename",
    "os.mkdir",
    "os.rmdir",
    "os.truncate",
    "os.chmod",
    "os.link",
    "os.symlink",
    "os.system",
    "os.exec",
    "os.posix_spawn",
    "os.fork",
    "shutil.copyfile",
    "shutil.rmtree",
    "shutil.move",
    "sqlite3.connect",
}


def _is_write(args: tuple[Any, ...]) -> bool:
    # "open" is raised with (path, mode, flags); mode is None for os.open.
    mode = args[1] if len(args) > 1 else None
    flags = args[2] if len(args) > 2 else 0
    if isinstance(mode, str) and any(letter in mode for letter in "wax+"):
        return True
    return isinstance(flags, int) and bool(flags & _WRITE_FLAGS)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if not _WATCHING:
        return
    if (
        event.startswith(_FORBIDDEN_PREFIXES)
        or event in _FORBIDDEN_EVENTS
        or (event == "open" and _is_write(args))
    ):
        _EVENTS.append(event)


def install_audit_hook() -> None:
    """Install the hook (it cannot be removed) and prove that it sees what it must."""
    global _WATCHING
    sys.addaudithook(_audit)
    import socket

    _WATCHING = True
    try:
        with open(os.devnull, "w", encoding="utf-8"):  # a write, to nowhere
            pass
        socket.socket().close()  # a socket, connected to nothing
    finally:
        _WATCHING = False
    if "open" not in _EVENTS or not any(event.startswith("socket.") for event in _EVENTS):
        raise RuntimeError(f"the audit hook does not see writes and sockets: {_EVENTS}")
    _EVENTS.clear()


# --- Calling and judging -----------------------------------------------------------


@dataclass
class Report:
    calls: int = 0
    values: int = 0
    crashes: int = 0
    inconsistencies: int = 0
    leaks: int = 0
    forbidden_events: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    @property
    def failures(self) -> int:
        return self.crashes + self.inconsistencies + self.leaks + self.forbidden_events

    def record(self, what: str, kind: str, name: str, value: object, detail: str) -> None:
        setattr(self, what, getattr(self, what) + 1)
        self.by_kind[f"{what}: {kind}"] += 1
        if self.by_kind[f"{what}: {kind}"] <= 3:  # a few examples of each finding
            shown = repr(value) if not isinstance(value, str) or len(value) < 100 else "huge"
            self.examples.append(
                f"{what} [{kind}] {name}: {detail} ({type(value).__name__} {shown[:80]})"
            )


@dataclass
class Outcome:
    result: object = None
    error: BaseException | None = None


def call(report: Report, function: Callable[[], object]) -> Outcome:
    global _WATCHING
    report.calls += 1
    _WATCHING = True
    try:
        return Outcome(result=function())
    except Exception as error:  # judged by the caller, whatever it is
        return Outcome(error=error)
    finally:
        _WATCHING = False


@dataclass(frozen=True)
class Family:
    """The functions of one identifier, for one set of keyword arguments."""

    name: str
    check: Callable[[Any], Any]
    parse: Callable[[Any], Any]
    is_valid: Callable[[Any], bool]


FAMILIES = (
    Family("nir", check_nir, parse_nir, is_valid_nir),
    Family(
        "nir strict",
        lambda v: check_nir(v, strict=True),
        lambda v: parse_nir(v, strict=True),
        lambda v: is_valid_nir(v, strict=True),
    ),
    Family("code", check_provisional_code, parse_provisional_code, is_valid_provisional_code),
    Family(
        "serial with photo",
        lambda v: check_serial(v, card_type=CardType.WITH_PHOTO),
        lambda v: parse_serial(v, card_type=CardType.WITH_PHOTO),
        lambda v: is_valid_serial(v, card_type=CardType.WITH_PHOTO),
    ),
    Family(
        "serial without photo, strict",
        lambda v: check_serial(v, card_type="sans photo", strict=True),
        lambda v: parse_serial(v, card_type="sans photo", strict=True),
        lambda v: is_valid_serial(v, card_type="sans photo", strict=True),
    ),
)

FORM_FIELDS = ("provisional_code", "nir", "card_type", "serial")


def form_with(field_name: str, value: object) -> FormCheck:
    values: dict[str, Any] = {
        "provisional_code": VALID_CODE,
        "nir": VALID_NIR,
        "card_type": None,
        "serial": VALID_SERIAL,
    }
    values[field_name] = value
    return check_form(**values)


def runs_of(value: str) -> set[str]:
    """The 6-character runs of ``value``, as typed and without separators."""
    runs: set[str] = set()
    for text in {value, remove_separators(value)}:
        runs.update(text[i : i + LEAK_RUN] for i in range(len(text) - LEAK_RUN + 1))
    # A run that is part of a quoted constant once its separators are dropped
    # (" 80250", as typed before the prefix) is the message's own text.
    return {
        run
        for run in runs
        if not any(remove_separators(run) in quoted for quoted in QUOTED_CONSTANTS)
    }


def leaked(messages: Sequence[str], runs: set[str]) -> str | None:
    for message in messages:
        for run in runs:
            if run in message:
                return run
    return None


def messages_of(outcome: Outcome) -> list[str]:
    result = outcome.result
    if isinstance(outcome.error, ValidationError):
        return [str(outcome.error), outcome.error.message_fr]
    if isinstance(result, (Check, FormCheck)):
        return [text for issue in result.issues for text in (issue.message, issue.message_fr)]
    return []


def is_whole_number(value: object) -> bool:
    """A number the NIR functions read as its decimal text (a NIR read by pandas)."""
    if isinstance(value, float):
        return value.is_integer() and value >= 0
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def judge_family(report: Report, kind: str, family: Family, value: object) -> list[Outcome]:
    check = call(report, lambda: family.check(value))
    parse = call(report, lambda: family.parse(value))
    is_valid = call(report, lambda: family.is_valid(value))
    name = family.name
    if is_valid.error is not None or not isinstance(is_valid.result, bool):
        report.record("crashes", kind, f"is_valid {name}", value, repr(is_valid.error))
    is_text = isinstance(value, str)
    int_nir = name.startswith("nir") and is_whole_number(value)
    for label, outcome in (("check", check), ("parse", parse)):
        error = outcome.error
        if error is None:
            if not is_text and not int_nir:
                report.record("crashes", kind, f"{label} {name}", value, "no InvalidType")
            continue
        if is_text and not isinstance(error, ValidationError):
            report.record("crashes", kind, f"{label} {name}", value, repr(error))
        elif is_text and isinstance(error, InvalidType):
            report.record("crashes", kind, f"{label} {name}", value, "InvalidType for a str")
        elif is_text and label == "check":
            report.record("crashes", kind, f"check {name}", value, f"raised {error!r}")
        elif not is_text and not isinstance(error, ValidationError if int_nir else InvalidType):
            report.record("crashes", kind, f"{label} {name}", value, repr(error))
    judge_agreement(report, kind, name, value, (check, parse, is_valid))
    return [check, parse]


def judge_agreement(
    report: Report, kind: str, name: str, value: object, outcomes: tuple[Outcome, Outcome, Outcome]
) -> None:
    """A check's own fields, is_valid and parse must tell the same story."""
    check, parse, is_valid = outcomes
    result = check.result
    if isinstance(result, Check):
        problems = []
        if result.valid != (result.errors == ()) or (result.value is None) == result.valid:
            problems.append("a check's valid, errors and value disagree")
        if isinstance(is_valid.result, bool) and is_valid.result != result.valid:
            problems.append(f"is_valid says {is_valid.result}, check says {result.valid}")
        if result.valid and (parse.error is not None or parse.result != result.value):
            problems.append("parse disagrees with a valid check")
        if not result.valid and (
            not isinstance(parse.error, ValidationError) or parse.error.issue != result.errors[0]
        ):
            problems.append("parse does not raise the check's first error")
        for problem in problems:
            report.record("inconsistencies", kind, name, value, problem)


def judge_form(report: Report, kind: str, field_name: str, value: object) -> Outcome:
    outcome = call(report, lambda: form_with(field_name, value))
    allowed_non_str = value is None or isinstance(value, CardType)
    if field_name == "card_type" and allowed_non_str:
        acceptable = outcome.error is None
    elif isinstance(value, str):
        acceptable = outcome.error is None and isinstance(outcome.result, FormCheck)
    else:
        acceptable = isinstance(outcome.error, InvalidType) or (
            field_name == "nir" and is_whole_number(value) and outcome.error is None
        )
    if not acceptable:
        report.record("crashes", kind, f"check_form {field_name}", value, repr(outcome.error))
    result = outcome.result
    if isinstance(result, FormCheck) and result.valid != (result.errors == ()):
        report.record("inconsistencies", kind, f"check_form {field_name}", value, "valid vs errors")
    return outcome


def fuzz_one(report: Report, kind: str, value: object) -> None:
    report.values += 1
    report.by_kind[f"values: {kind}"] += 1
    outcomes = [
        outcome for family in FAMILIES for outcome in judge_family(report, kind, family, value)
    ]
    outcomes += [judge_form(report, kind, field_name, value) for field_name in FORM_FIELDS]
    if _EVENTS:
        report.record("forbidden_events", kind, "any", value, ", ".join(sorted(set(_EVENTS))))
        _EVENTS.clear()
    if isinstance(value, str) and len(value) <= vitale_ids.nir.MAX_INPUT_LENGTH:
        text = str.__str__(value)
        runs = runs_of(text)
        for outcome in outcomes:
            run = leaked(messages_of(outcome), runs)
            if run is not None:
                report.record("leaks", kind, "message", value, f"holds {run!r}")


def run(count: int, seed: int, seconds: float, kinds: Sequence[str] = KINDS) -> Report:
    """Fuzz ``count`` values (or for ``seconds``, whichever ends first)."""
    install_audit_hook()
    rng = random.Random(seed)  # noqa: S311 - test data, not secrets
    report = Report()
    weights = [WEIGHTS[kind] for kind in kinds]
    deadline = time.monotonic() + seconds
    for _ in range(count):
        if time.monotonic() > deadline:
            break
        kind = rng.choices(kinds, weights)[0]
        fuzz_one(report, kind, draw(rng, kind))
    return report


def print_report(report: Report, seed: int, elapsed: float) -> None:
    print(f"seed {seed}: {report.values} values, {report.calls} calls in {elapsed:.1f} s")
    for what in ("crashes", "inconsistencies", "leaks", "forbidden_events"):
        print(f"  {what.replace('_', ' ')}: {getattr(report, what)}")
    for label, number in sorted(report.by_kind.items()):
        print(f"    {label}: {number}")
    for example in report.examples:
        print(f"  e.g. {example}")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100_000, help="values to try")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--seconds", type=float, default=3600.0, help="time budget")
    parser.add_argument(
        "--skip", action="append", default=[], choices=KINDS, help="a kind to leave out"
    )
    args = parser.parse_args(argv)
    kinds = [kind for kind in KINDS if kind not in args.skip]
    start = time.monotonic()
    report = run(args.count, args.seed, args.seconds, kinds)
    print_report(report, args.seed, time.monotonic() - start)
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
