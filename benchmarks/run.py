"""Time vitale_ids against its peers, on the same synthetic data, in one process.

    python benchmarks/run.py            # the full run (well under a minute)
    python benchmarks/run.py --quick    # a smoke run: small data, few rounds

It needs the ``bench`` extra (``pip install -e '.[bench]'``): python-stdnum and
stella-stdnum, the Rust-backed validator.

Method (docs/performance.md says more):

- The data is a seeded, realistic mix of synthetic NIRs (see ``make_mix``).
- Before any timing, ``is_valid_nir`` must agree with python-stdnum, and with
  ``check_nir``, on every number of the mix: a fast wrong answer is a failure,
  and the script exits with status 1.
- Each candidate is an expression, timed in the same ``for x in data`` loop,
  after a warm-up pass. Rounds are interleaved (each round runs every
  candidate once, in a rotating order) and the best round counts. The cost of
  the empty loop is subtracted. Absolute times on a shared machine are noisy;
  the ratios between candidates timed in the same rounds are the figures that
  count.
- Codes provisoires and serial numbers are timed the same way, on mixes with
  the same shares of spaced input and typos; each answer is first checked
  against what the generator knows. No peer library has them: a naive floor
  (a regex, or isdigit and a length) gives the scale.
- ``import vitale_ids`` and ``import attrs`` are timed in fresh interpreters,
  alternately, with their bytecode already compiled (as after an install);
  the best run counts, as for every other figure.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import string
import subprocess
import sys
import tempfile
import time
import timeit
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import NamedTuple

from vitale_ids import (
    CardType,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
)

# --- The data -------------------------------------------------------------------
#
# Shares of the mix. They follow what a pipeline or a form sees: most numbers
# are stored compact and are right; people type some with spaces, as printed
# on the card; some carry a typo. Corsica (2A/2B) is about 0.5% of the
# population and births abroad several percent; both are rounded up a little
# so that their code paths weigh in the totals.
SPACED_SHARE = 0.10
TYPO_SHARE = 0.15
CORSICA_SHARE = 0.01
ABROAD_SHARE = 0.05
OVERSEAS_SHARE = 0.03
# Genuine but unusual numbers, which get a warning: temporary numbers (first
# digit 3, 4, 7 or 8) and records with no month of birth (20-99).
TEMPORARY_SHARE = 0.01
UNKNOWN_MONTH_SHARE = 0.005

# Typos people make when copying a number, with their weights.
TYPO_WEIGHTS: Mapping[str, int] = {
    "substitution": 45,  # one digit replaced by another
    "transposition": 25,  # two neighbours swapped
    "deletion": 12,  # one character left out
    "duplication": 8,  # one character typed twice
    "lookalike": 5,  # the letter O for 0, or l for 1
    "missing key": 5,  # the 13 characters without the key
}

# Birth abroad: a few real INSEE country codes (Germany, Spain, Portugal,
# Italy, Belgium, Morocco, Algeria, Tunisia, Türkiye, Senegal).
COUNTRY_CODES = ("109", "134", "139", "127", "131", "350", "352", "351", "208", "341")
OVERSEAS_DEPARTMENTS = ("971", "972", "973", "974", "976")
CARD_GROUPS = (1, 3, 5, 7, 10, 13)  # where the card prints a space


class Sample(NamedTuple):
    kind: str  # "compact", "spaced", "typo", "Corsica" or "warning"
    value: str


def key_of(body: str) -> str:
    """The key of 13 characters, computed here rather than by the code under test."""
    number = int(body[:5] + {"2A": "19", "2B": "18"}.get(body[5:7], body[5:7]) + body[7:])
    return f"{97 - number % 97:02d}"


def _person(rng: random.Random) -> tuple[str, bool]:
    """A synthetic NIR with a right key, and whether it is an unusual one."""
    unusual = False
    sex = rng.choice("12")
    if rng.random() < TEMPORARY_SHARE:
        sex, unusual = rng.choice("3478"), True
    month = rng.randint(1, 12)
    if rng.random() < UNKNOWN_MONTH_SHARE:
        month, unusual = rng.randint(20, 99), True
    draw = rng.random()
    if draw < CORSICA_SHARE:
        place = rng.choice(("2A", "2B")) + f"{rng.randint(1, 366):03d}"
    elif draw < CORSICA_SHARE + ABROAD_SHARE:
        place = "99" + rng.choice(COUNTRY_CODES)
    elif draw < CORSICA_SHARE + ABROAD_SHARE + OVERSEAS_SHARE:
        place = rng.choice(OVERSEAS_DEPARTMENTS) + f"{rng.randint(1, 99):02d}"
    else:
        department = rng.choice([d for d in range(1, 96) if d != 20])
        place = f"{department:02d}{rng.randint(1, 999):03d}"
    body = f"{sex}{rng.randint(0, 99):02d}{month:02d}{place}{rng.randint(1, 999):03d}"
    return body + key_of(body), unusual


def _with_typo(value: str, rng: random.Random) -> str:
    kind = rng.choices(list(TYPO_WEIGHTS), weights=list(TYPO_WEIGHTS.values()))[0]
    index = rng.randrange(len(value))
    if kind == "lookalike" and ("0" in value or "1" in value):
        index = rng.choice([i for i, char in enumerate(value) if char in "01"])
        return value[:index] + {"0": "O", "1": "l"}[value[index]] + value[index + 1 :]
    if kind == "transposition":
        index = rng.randrange(len(value) - 1)
        return value[:index] + value[index + 1] + value[index] + value[index + 2 :]
    if kind == "deletion":
        return value[:index] + value[index + 1 :]
    if kind == "duplication":
        return value[:index] + value[index] + value[index:]
    if kind == "missing key":
        return value[:13]
    replacement = rng.choice([digit for digit in "0123456789" if digit != value[index]])
    return value[:index] + replacement + value[index + 1 :]


def _spaced(value: str) -> str:
    cuts = [cut for cut in CARD_GROUPS if cut < len(value)]
    return " ".join(
        value[start:end] for start, end in zip([0, *cuts], [*cuts, len(value)], strict=True)
    )


def make_mix(size: int, seed: int) -> list[Sample]:
    """``size`` synthetic NIRs in the realistic mix, the same for the same seed."""
    rng = random.Random(seed)
    samples = []
    for _ in range(size):
        value, unusual = _person(rng)
        typo = rng.random() < TYPO_SHARE
        if typo:
            value = _with_typo(value, rng)
        spaced = rng.random() < SPACED_SHARE
        if spaced:
            value = _spaced(value)
        if typo:
            kind = "typo"
        elif spaced:
            kind = "spaced"
        elif value[6:7] in ("A", "B"):
            kind = "Corsica"
        elif unusual:
            kind = "warning"
        else:
            kind = "compact"
        samples.append(Sample(kind, value))
    return samples


# Codes provisoires and serial numbers: the same shares of typed-with-spaces
# and of typos. Every typo here makes the value wrong, so the generator knows
# the right answer for each one.
CODE_CHARACTERS = string.ascii_letters + string.digits
CODE_TYPO_WEIGHTS: Mapping[str, int] = {"deletion": 40, "duplication": 30, "accent": 30}
PHOTO_CARD_SHARE = 0.7  # most cards in use are Vitale 2, with a photo
PRINTED_21_SHARE = 0.05  # the whole 21 digits printed on a card with photo


def make_codes(size: int, seed: int) -> list[Sample]:
    """``size`` synthetic codes provisoires: "compact", "grouped" (by 4) or "typo"."""
    rng = random.Random(seed)
    samples = []
    for _ in range(size):
        code = "".join(rng.choice(CODE_CHARACTERS) for _ in range(12))
        if rng.random() < TYPO_SHARE:
            typo = rng.choices(list(CODE_TYPO_WEIGHTS), list(CODE_TYPO_WEIGHTS.values()))[0]
            index = rng.randrange(12)
            if typo == "deletion":
                code = code[:index] + code[index + 1 :]
            elif typo == "duplication":
                code = code[:index] + code[index] + code[index:]
            else:
                code = code[:index] + rng.choice("éèàç") + code[index + 1 :]
            samples.append(Sample("typo", code))
        elif rng.random() < SPACED_SHARE:
            separator = rng.choice(" -")
            samples.append(Sample("grouped", separator.join((code[:4], code[4:8], code[8:]))))
        else:
            samples.append(Sample("compact", code))
    return samples


class SerialSample(NamedTuple):
    kind: str  # "compact", "spaced" or "typo"
    value: str
    card_type: CardType


def make_serials(size: int, seed: int) -> list[SerialSample]:
    """``size`` synthetic serial numbers, each with the card type it is checked for."""
    rng = random.Random(seed)
    samples = []
    for _ in range(size):
        if rng.random() < PHOTO_CARD_SHARE:
            card_type = CardType.WITH_PHOTO
            serial = "".join(rng.choice("0123456789") for _ in range(11))
            if rng.random() < PRINTED_21_SHARE:
                serial = "8025000002" + serial
        else:
            card_type = CardType.WITHOUT_PHOTO
            length = rng.choice((8, 13))
            serial = "".join(rng.choice("0123456789") for _ in range(length))
        kind = "compact"
        if rng.random() < TYPO_SHARE:
            index = rng.randrange(len(serial))
            if card_type is CardType.WITH_PHOTO and len(serial) == 11 and rng.random() < 0.6:
                # A digit left out or typed twice: 10 or 12 digits, never right.
                if rng.random() < 0.5:
                    serial = serial[:index] + serial[index + 1 :]
                else:
                    serial = serial[:index] + serial[index] + serial[index:]
            else:  # a letter for a digit (O for 0...)
                serial = serial[:index] + rng.choice("OlIB") + serial[index + 1 :]
            kind = "typo"
        elif rng.random() < SPACED_SHARE:
            serial = " ".join(serial[start : start + 4] for start in range(0, len(serial), 4))
            kind = "spaced"
        samples.append(SerialSample(kind, serial, card_type))
    return samples


# --- Agreement -----------------------------------------------------------------


def disagreements(
    values: Iterable[str], reference: Callable[[str], bool], candidate: Callable[[str], bool]
) -> list[str]:
    """The values on which ``candidate`` differs from ``reference`` or from check_nir.

    Every number of the mix is one that python-stdnum judges as vitale_ids
    does: the mix has spaces but no hyphens, and no number with an impossible
    part (sex 0, month 13, order 000...) and a right key. (python-stdnum checks
    only the characters, the length and the key.)
    """
    return [
        value
        for value in values
        if not (candidate(value) == reference(value) == check_nir(value).valid)
    ]


def wrong_answers(samples: Iterable[Sample | SerialSample]) -> list[str]:
    """The codes and serials that their is_valid_ or check_ function gets wrong.

    Each sample's kind says the right answer: a typo is wrong, anything else
    is right (a serial perhaps with a warning).
    """
    wrong = []
    for sample in samples:
        if isinstance(sample, SerialSample):
            answers = {
                is_valid_serial(sample.value, card_type=sample.card_type),
                check_serial(sample.value, card_type=sample.card_type).valid,
            }
        else:
            answers = {
                is_valid_provisional_code(sample.value),
                check_provisional_code(sample.value).valid,
            }
        if answers != {sample.kind != "typo"}:
            wrong.append(sample.value)
    return wrong


# --- Timing --------------------------------------------------------------------


def best_times(
    expressions: Mapping[str, str],
    data: Sequence[object],
    namespace: Mapping[str, object],
    rounds: int,
    target: str = "x",
    clock: Callable[[], float] = time.perf_counter,
) -> dict[str, float]:
    """Nanoseconds per item of each expression, best of interleaved rounds, loop excluded.

    Each expression runs in ``for <target> in data``, timed by ``clock``.
    """
    scope = {**namespace, "data": data}
    timers = {
        name: timeit.Timer(f"for {target} in data:\n    {expression}", timer=clock, globals=scope)
        for name, expression in {"(empty loop)": "pass", **expressions}.items()
    }
    for timer in timers.values():  # warm-up
        timer.timeit(number=1)
    names = list(timers)
    best = dict.fromkeys(names, float("inf"))
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            best[name] = min(best[name], timers[name].timeit(number=1))
    loop = best.pop("(empty loop)")
    return {name: (seconds - loop) / len(data) * 1e9 for name, seconds in best.items()}


def nir_candidates() -> tuple[dict[str, str], dict[str, object]]:
    """The expressions to time, and the names they use."""
    from stdnum.fr import nir as stdnum_nir
    from stella_stdnum import validate as stella_validate

    expressions = {
        "vitale_ids is_valid_nir": "is_valid_nir(x)",
        "vitale_ids check_nir": "check_nir(x)",
        "python-stdnum is_valid": "stdnum_nir.is_valid(x)",
        "stella-stdnum validate": 'stella_validate("fr.nir", x).valid',
        "naive floor (re + int % 97)": (
            "FLOOR.fullmatch(x) is not None and 97 - int(x[:13]) % 97 == int(x[13:])"
        ),
    }
    namespace = {
        "is_valid_nir": is_valid_nir,
        "check_nir": check_nir,
        "stdnum_nir": stdnum_nir,
        "stella_validate": stella_validate,
        "FLOOR": re.compile("[0-9]{15}"),
    }
    return expressions, namespace


def write_mix(path: str, lines: int, seed: int) -> list[str]:
    """Write ``lines`` NIRs of the mix to ``path``, one a line, and return them."""
    values = [sample.value for sample in make_mix(lines, seed)]
    with open(path, "w", encoding="utf-8") as file:
        file.write("\n".join(values) + "\n")
    return values


class CliRun(NamedTuple):
    seconds: float
    peak_kib: int  # the CLI's peak resident memory
    status: int


# Linux counts in a process's peak memory that of the process it was forked
# from, and this script holds a lot of data: the CLI is therefore started by a
# small launcher, which reports the CLI's own time, peak memory and status.
_CLI_LAUNCHER = """
import os, subprocess, sys, time
with open(sys.argv[1], "rb") as stdin:
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", "vitale_ids", "check", "--kind", "nir"],
        stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)  # ru_maxrss: KiB on Linux
    seconds = time.perf_counter() - start
print(seconds, usage.ru_maxrss, os.waitstatus_to_exitcode(status))
"""


def run_cli(lines_file: str) -> CliRun:
    """``python -m vitale_ids check --kind nir < lines_file``: time, peak memory, status."""
    result = subprocess.run(
        [sys.executable, "-c", _CLI_LAUNCHER, lines_file],
        capture_output=True,
        text=True,
        check=True,
    )
    seconds, peak_kib, status = result.stdout.split()
    return CliRun(float(seconds), int(peak_kib), int(status))


def cli_output(lines_file: str) -> tuple[int, str]:
    """The CLI's exit status and output on ``lines_file``."""
    with open(lines_file, "rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "vitale_ids", "check", "--kind", "nir"],
            stdin=stdin,
            capture_output=True,
            check=False,
        )
    return result.returncode, result.stdout.decode()


def cli_wrong_lines(output: str, values: Sequence[str]) -> list[int]:
    """The numbers of the lines whose "valid"/"invalid" differs from is_valid_nir."""
    verdicts = {}
    for line in output.splitlines():
        number, verdict = line.split(" ", 2)[:2]
        verdicts[int(number.rstrip(":"))] = verdict == "valid"
    return [
        number
        for number, value in enumerate(values, start=1)
        if verdicts.get(number) != is_valid_nir(value)
    ]


def import_times(modules: Sequence[str], runs: int) -> dict[str, list[float]]:
    """Seconds to import each module in a fresh interpreter, ``runs`` times, alternately."""
    # Bytecode caching may be off in a developer's shell; a user's install has it.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}

    def once(module: str) -> float:
        code = (
            "import time; start = time.perf_counter(); "
            f"import {module}; print(time.perf_counter() - start)"
        )
        result = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        return float(result.stdout)

    for module in modules:  # compiles and caches the bytecode
        once(module)
    times: dict[str, list[float]] = {module: [] for module in modules}
    for _ in range(runs):
        for module in modules:
            times[module].append(once(module))
    return times


# --- Report --------------------------------------------------------------------


def _print_times(times: Mapping[str, float], floor_name: str) -> None:
    for name, nanoseconds in times.items():
        print(f"  {name:<30} {nanoseconds:8.0f} {nanoseconds / times[floor_name]:9.2f}")


def _target_line(label: str, ratio: float, limit: float) -> str:
    verdict = "met" if ratio <= limit else "MISSED"
    return f"  {label:<44} {ratio:6.2f}x  (target <= {limit:.2f}x: {verdict})"


def check_answers(values: Sequence[str], codes: list[Sample], serials: list[SerialSample]) -> bool:
    """Every validator's answer on the data, before any timing. False if one is wrong."""
    from stdnum.fr import nir as stdnum_nir

    wrong = disagreements(values, stdnum_nir.is_valid, is_valid_nir)
    if wrong:
        print(f"FAILED: is_valid_nir, check_nir and python-stdnum disagree on {len(wrong)}")
        print("numbers of the mix (synthetic), for example:", *wrong[:5], sep="\n  ")
        return False
    print(f"Agreement: is_valid_nir == check_nir().valid == python-stdnum on all {len(values)}.")
    wrong = wrong_answers([*codes, *serials])
    if wrong:
        print(f"FAILED: a code or serial validator is wrong on {len(wrong)} of the mix, e.g.:")
        print(*wrong[:5], sep="\n  ")
        return False
    print(f"Right answers: codes provisoires and serial numbers, all {len(codes)} of each.\n")
    return True


def report_nir(samples: Sequence[Sample], rounds: int) -> None:
    expressions, namespace = nir_candidates()
    times = best_times(expressions, [sample.value for sample in samples], namespace, rounds)
    print(f"{'NIR, realistic mix':<32} {'ns/id':>8} {'x floor':>9}")
    _print_times(times, "naive floor (re + int % 97)")

    is_valid, stella = times["vitale_ids is_valid_nir"], times["stella-stdnum validate"]
    print("\nRatios (the figures that count):")
    print(_target_line("is_valid_nir / stella-stdnum", is_valid / stella, 1.0))
    print(
        _target_line(
            "is_valid_nir / python-stdnum", is_valid / times["python-stdnum is_valid"], 0.15
        )
    )
    print(_target_line("check_nir / stella-stdnum", times["vitale_ids check_nir"] / stella, 2.5))

    print("\nBy kind of input, ns/id (same method, fewer rounds):")
    short = ["is_valid_nir", "check_nir", "stdnum", "stella"]
    print(f"  {'kind':<10} {'share':>6} " + " ".join(f"{name:>12}" for name in short))
    for kind in sorted({sample.kind for sample in samples}):
        subset = [sample.value for sample in samples if sample.kind == kind]
        per_kind = best_times(
            {name: expressions[name] for name in list(expressions)[:4]},
            subset,
            namespace,
            max(3, rounds // 2),
        )
        figures = " ".join(f"{value:12.0f}" for value in per_kind.values())
        print(f"  {kind:<10} {len(subset) / len(samples):6.1%} {figures}")


def report_codes_and_serials(
    codes: Sequence[Sample], serials: Sequence[SerialSample], rounds: int
) -> None:
    print(f"\n{'Code provisoire, same mix shares':<32} {'ns/id':>8} {'x floor':>9}")
    code_times = best_times(
        {
            "is_valid_provisional_code": "is_valid_provisional_code(x)",
            "check_provisional_code": "check_provisional_code(x)",
            "naive floor (re fullmatch)": "CODE_FLOOR.fullmatch(x) is not None",
        },
        [sample.value for sample in codes],
        {
            "is_valid_provisional_code": is_valid_provisional_code,
            "check_provisional_code": check_provisional_code,
            "CODE_FLOOR": re.compile("[0-9A-Za-z]{12}"),
        },
        rounds,
    )
    _print_times(code_times, "naive floor (re fullmatch)")

    print(f"\n{'Serial number, same mix shares':<32} {'ns/id':>8} {'x floor':>9}")
    serial_times = best_times(
        {
            "is_valid_serial": "is_valid_serial(x, card_type=t)",
            "check_serial": "check_serial(x, card_type=t)",
            "naive floor (isdigit + length)": "x.isdigit() and len(x) in (8, 11, 13)",
        },
        [(sample.value, sample.card_type) for sample in serials],
        {"is_valid_serial": is_valid_serial, "check_serial": check_serial},
        rounds,
        target="x, t",
    )
    _print_times(serial_times, "naive floor (isdigit + length)")


# --- Worst inputs ------------------------------------------------------------------
#
# 64 characters is the longest input read (longer ones are refused after len()
# alone). The costliest are those where every character is wrong and unusual:
# each gets its own issue, with its kind looked up in the Unicode tables.

WORST_LENGTH = 64
WORST_INPUTS: Mapping[str, str] = {
    "CJK": "中" * 64,
    "CJK, spaced": "中 " * 32,
    "CJK, en dashes": "中\u2013" * 32,
    "emoji": "\U0001f600" * 64,
    "emoji, all different": "".join(chr(0x1F600 + index) for index in range(64)),
    "symbols, all different": "".join(chr(0x2190 + index) for index in range(64)),
    "combining marks": "\u0301" * 64,
    "letters and combining marks": "e\u0301" * 32,
    "mixed scripts": "éαжа中١\U0001f600\u0301" * 8,
    "lone surrogates": "\ud800" * 64,
    "lone surrogates, spaced": "\udc80\u00a0" * 32,
    "Arabic-Indic digits": "\u0661" * 64,
    "invisible format characters": "\u200e" * 64,
    "lookalikes O and l, spaced": "O l " * 16,
}

# Each expression gets one of the texts above as x; the form, in one field (the
# others valid) or in all three identifier fields.
WORST_CANDIDATES: Mapping[str, str] = {
    "check_nir": "check_nir(x)",
    "check_provisional_code": "check_provisional_code(x)",
    "check_serial": "check_serial(x, card_type=WITH_PHOTO)",
    "check_form, 1 field": (
        "check_form(provisional_code=CODE, nir=x, card_type=None, serial=SERIAL)"
    ),
    "check_form, 3 fields": "check_form(provisional_code=x, nir=x, card_type=None, serial=x)",
}
# Synthetic values from the docs, for the fields that are not under test.
_VALID_CODE = "xK4b 9Tq2 Lm7k"
_VALID_SERIAL = "123 456 789 01"
# The limit, per check of one identifier.
WORST_LIMIT_US = 200.0


def worst_namespace() -> dict[str, object]:
    from vitale_ids import check_form

    return {
        "check_nir": check_nir,
        "check_provisional_code": check_provisional_code,
        "check_serial": check_serial,
        "check_form": check_form,
        "WITH_PHOTO": CardType.WITH_PHOTO,
        "CODE": _VALID_CODE,
        "SERIAL": _VALID_SERIAL,
    }


def worst_answers_are_right() -> bool:
    """Every worst input is refused by every candidate: a fast wrong answer is no figure."""
    namespace = worst_namespace()
    for value in WORST_INPUTS.values():
        if len(value) != WORST_LENGTH:
            return False
        for expression in WORST_CANDIDATES.values():
            if eval(expression, {**namespace, "x": value}).valid:  # noqa: S307 - our own text
                return False
    return True


def worst_times(rounds: int, repeat: int) -> dict[str, dict[str, float]]:
    """Microseconds per call, for each worst input and candidate (best of ``rounds``).

    Timed in processor time: a round of calls of some 100 µs each is long enough
    for another process to take the processor, and that time is not the call's.
    """
    namespace = worst_namespace()
    return {
        label: {
            name: nanoseconds / 1000
            for name, nanoseconds in best_times(
                WORST_CANDIDATES, [value] * repeat, namespace, rounds, clock=time.process_time
            ).items()
        }
        for label, value in WORST_INPUTS.items()
    }


def report_worst_inputs(rounds: int, repeat: int) -> bool:
    if not worst_answers_are_right():
        print("FAILED: a worst input is not 64 characters, or a check accepts it")
        return False
    times = worst_times(rounds, repeat)
    names = ["nir", "code", "serial", "form 1", "form 3"]
    print(f"\nWorst {WORST_LENGTH}-character inputs, microseconds per call (best of {rounds}):")
    print(f"  {'input':<30}" + "".join(f"{name:>9}" for name in names))
    for label, by_name in times.items():
        print(f"  {label:<30}" + "".join(f"{value:9.1f}" for value in by_name.values()))
    worst_single = max(
        by_name[name]
        for by_name in times.values()
        for name in ("check_nir", "check_provisional_code", "check_serial", "check_form, 1 field")
    )
    worst_three = max(by_name["check_form, 3 fields"] for by_name in times.values())
    for label, value in (
        ("worst check_*, or check_form with 1 such field", worst_single),
        ("worst check_form with 3 such fields, per field", worst_three / 3),
    ):
        verdict = "met" if value <= WORST_LIMIT_US else "MISSED"
        print(f"  {label:<48} {value:6.1f} µs  (target <= {WORST_LIMIT_US:.0f} µs: {verdict})")
    return True


def report_cli(small: int, big: int, seed: int) -> bool:
    """Time the CLI on ``small`` and ``big`` lines; False if its answers are wrong."""
    with tempfile.TemporaryDirectory() as folder:
        files = {lines: os.path.join(folder, f"{lines}.txt") for lines in (small, big)}
        small_values = write_mix(files[small], small, seed + 1)
        write_mix(files[big], big, seed + 2)
        status, output = cli_output(files[small])
        wrong_lines = cli_wrong_lines(output, small_values)
        if status not in (0, 1) or wrong_lines:
            print(f"FAILED: the CLI (status {status}) is wrong on lines {wrong_lines[:5]}")
            return False
        runs = {lines: run_cli(files[lines]) for lines in (small, big)}
    print("\nCLI: python -m vitale_ids check --kind nir < file (stdout to /dev/null)")
    print(f"  (its {small} answers on the small file checked against is_valid_nir first)")
    print(f"  {'lines':>9} {'seconds':>8} {'lines/s':>9} {'peak memory':>12}")
    for lines, run in runs.items():
        print(
            f"  {lines:>9} {run.seconds:8.2f} {lines / run.seconds:9.0f}"
            f" {run.peak_kib / 1024:9.1f} MiB"
        )
    memory_ratio = runs[big].peak_kib / runs[small].peak_kib
    print(_target_line(f"peak memory, {big} lines / {small} lines", memory_ratio, 1.1))
    return True


def report_imports(runs: int) -> None:
    imports = import_times(["attrs", "vitale_ids"], runs)
    print(f"\nImport time, fresh interpreter, {runs} runs each, ms (best, median):")
    for module, seconds in imports.items():
        print(
            f"  import {module:<12} {min(seconds) * 1e3:7.2f} {statistics.median(seconds) * 1e3:7.2f}"
        )
    # The best run, as for every other figure here: the others only add the
    # noise of a shared machine.
    ratio = min(imports["vitale_ids"]) / min(imports["attrs"])
    print(_target_line("import vitale_ids / import attrs", ratio, 1.2))
    median_ratio = statistics.median(imports["vitale_ids"]) / statistics.median(imports["attrs"])
    print(f"  {'(the same with the medians)':<44} {median_ratio:6.2f}x")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a smoke run: small data")
    parser.add_argument("--size", type=int, help="numbers in the mix (default 100000)")
    parser.add_argument("--rounds", type=int, help="timed rounds per candidate (default 7)")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    size = args.size or (5_000 if args.quick else 100_000)
    rounds = args.rounds or (3 if args.quick else 7)
    cli_lines = (2_000, 20_000) if args.quick else (10_000, 1_000_000)
    import_runs = 5 if args.quick else 40

    print(f"Python {sys.version.split()[0]}, {sys.platform}; {size} NIRs, seed {args.seed}")
    if hasattr(os, "getloadavg"):  # how busy the machine was: absolute times depend on it
        print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    print(f"best of {rounds} interleaved rounds, empty loop subtracted\n")
    samples = make_mix(size, args.seed)
    codes = make_codes(size, args.seed)
    serials = make_serials(size, args.seed)
    if not check_answers([sample.value for sample in samples], codes, serials):
        return 1
    report_nir(samples, rounds)
    report_codes_and_serials(codes, serials, rounds)
    # Short rounds, and more of them: a call costs some 100 µs, and the best of
    # many short rounds is the least disturbed by a busy machine.
    if not report_worst_inputs(rounds if args.quick else 4 * rounds, 10 if args.quick else 20):
        return 1
    if not report_cli(*cli_lines, args.seed):
        return 1
    report_imports(import_runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
