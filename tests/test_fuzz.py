"""The fuzzing harness (scripts/fuzz.py, ``nox -s fuzz``): a short seeded run, and its detectors.

The full run is not part of the suite; this keeps the harness working, and
shows that each of its detectors can fire.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from vitale_ids import Check, Issue, check_nir

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "fuzz.py"


@pytest.fixture(scope="module")
def fuzz() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fuzz_script", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


def figures(output: str) -> dict[str, int]:
    found = {}
    for line in output.splitlines():
        name, _, number = line.strip().partition(": ")
        if name in ("crashes", "inconsistencies", "leaks", "forbidden events"):
            found[name] = int(number)
    return found


def test_a_short_seeded_run_finds_nothing() -> None:
    result = run_script("--count", "300", "--seed", "12")
    assert result.returncode == 0, result.stdout + result.stderr
    assert figures(result.stdout) == {
        "crashes": 0,
        "inconsistencies": 0,
        "leaks": 0,
        "forbidden events": 0,
    }
    first = result.stdout.splitlines()[0]
    assert first.startswith("seed 12: 300 values, ")
    for kind in ("unicode", "near-valid", "surrogates", "non-str", "subclass", "lying-subclass"):
        assert f"values: {kind}: " in result.stdout


def test_the_same_seed_draws_the_same_values(fuzz: ModuleType) -> None:
    def values(seed: int) -> list[str]:
        rng = fuzz.random.Random(seed)
        drawn = [fuzz.draw(rng, kind) for kind in fuzz.KINDS if kind != "huge" for _ in range(20)]
        # Objects without a value of their own (object(), Hostile) show by their type.
        return [
            f"{type(value).__name__} {str.__str__(value) if isinstance(value, str) else ''}"
            for value in drawn
        ]

    assert values(3) == values(3)
    assert values(3) != values(4)


def test_the_synthetic_identifiers_are_valid(fuzz: ModuleType) -> None:
    from vitale_ids import CardType, is_valid_nir, is_valid_provisional_code, is_valid_serial

    rng = fuzz.random.Random(5)
    for _ in range(200):
        assert is_valid_nir(fuzz.synthetic_nir(rng))
        assert is_valid_provisional_code(fuzz.synthetic_code(rng))
        serial = fuzz.synthetic_serial(rng)
        card_type = CardType.WITH_PHOTO if len(serial) in (11, 21) else CardType.WITHOUT_PHOTO
        assert is_valid_serial(serial, card_type=card_type)


def test_a_huge_value_has_a_million_characters(fuzz: ModuleType) -> None:
    rng = fuzz.random.Random(6)
    assert {len(fuzz.huge(rng)) for _ in range(4)} == {10**6}


def careless_family(fuzz: ModuleType, **overrides: object) -> object:
    functions = {
        "name": "nir",
        "check": check_nir,
        "parse": fuzz.parse_nir,
        "is_valid": fuzz.is_valid_nir,
        **overrides,
    }
    return fuzz.Family(**functions)


def test_an_is_valid_that_disagrees_is_an_inconsistency(fuzz: ModuleType) -> None:
    report = fuzz.Report()
    family = careless_family(fuzz, is_valid=lambda value: True)
    fuzz.judge_family(report, "near-valid", family, "1 85 05 78 006 084 19")
    assert report.inconsistencies == 1
    assert report.crashes == 0


def test_an_unexpected_exception_is_a_crash(fuzz: ModuleType) -> None:
    def broken(value: object) -> Check[object]:
        raise ValueError("broken")

    report = fuzz.Report()
    fuzz.judge_family(report, "unicode", careless_family(fuzz, check=broken), "abc")
    assert report.crashes == 1
    report = fuzz.Report()
    fuzz.judge_family(report, "non-str", careless_family(fuzz, parse=lambda value: None), b"1")
    assert report.crashes == 1  # a non-str must raise InvalidType


def test_a_message_with_six_characters_of_the_value_is_a_leak(fuzz: ModuleType) -> None:
    value = "1 85 05 78 006 084 91"
    issue = Issue("nir.checksum", "nir", 0, "The number 850578 is wrong.", "Faux.")
    outcome = fuzz.Outcome(result=Check(False, None, (issue,)))
    assert fuzz.leaked(fuzz.messages_of(outcome), fuzz.runs_of(value)) == "850578"
    five = Issue("nir.checksum", "nir", 0, "The number 85057 is wrong.", "Faux.")
    outcome = fuzz.Outcome(result=Check(False, None, (five,)))
    assert fuzz.leaked(fuzz.messages_of(outcome), fuzz.runs_of(value)) is None


def test_the_photo_card_prefix_quoted_in_messages_is_no_leak(fuzz: ModuleType) -> None:
    assert "802500" not in fuzz.runs_of("8025000002 1234567890 1")
    assert " 80250" not in fuzz.runs_of(" 8025000002 1234567890 1")
    assert "00002 " not in fuzz.runs_of("0825000002 44205G64469")
    assert "123456" in fuzz.runs_of("8025000002 1234567890 1")


def test_a_file_write_or_a_socket_is_seen() -> None:
    # In a fresh interpreter: the audit hook cannot be removed once installed.
    code = (
        "import importlib.util, os, socket, sys\n"
        f"spec = importlib.util.spec_from_file_location('fuzz_script', {str(SCRIPT)!r})\n"
        "fuzz = importlib.util.module_from_spec(spec); sys.modules['fuzz_script'] = fuzz\n"
        "spec.loader.exec_module(fuzz)\n"
        "fuzz.install_audit_hook()\n"
        "report = fuzz.Report()\n"
        "fuzz.call(report, lambda: open(os.devnull, 'a').close())\n"
        "fuzz.call(report, lambda: socket.socket().close())\n"
        "fuzz.call(report, lambda: open(os.devnull).close())\n"
        "print(sorted(set(fuzz._EVENTS)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    events = result.stdout.strip()
    assert "'open'" in events
    assert "socket." in events
