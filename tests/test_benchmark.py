"""The benchmark's data and agreement check, on a small sample. Nothing here is timed."""

from __future__ import annotations

import importlib.util
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest
from stdnum.fr import nir as stdnum_nir

from vitale_ids import CardType, check_nir, is_valid_nir

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "run.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_run", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_mix_is_the_same_for_the_same_seed(bench: ModuleType) -> None:
    assert bench.make_mix(500, seed=7) == bench.make_mix(500, seed=7)
    assert bench.make_mix(500, seed=7) != bench.make_mix(500, seed=8)


def test_the_mix_has_the_shares_it_claims(bench: ModuleType) -> None:
    samples = bench.make_mix(4000, seed=1)
    kinds = Counter(sample.kind for sample in samples)
    assert 0.12 < kinds["typo"] / len(samples) < 0.18
    assert 0.06 < kinds["spaced"] / len(samples) < 0.11  # spaced numbers without a typo
    assert 0.6 < kinds["compact"] / len(samples) < 0.8
    assert kinds["Corsica"] > 0
    assert kinds["warning"] > 0
    values = [sample.value for sample in samples]
    abroad = [value for value in values if value.replace(" ", "")[5:7] == "99"]
    assert 0.02 < len(abroad) / len(values) < 0.08


def test_the_numbers_without_typo_are_valid_and_the_typos_mostly_not(bench: ModuleType) -> None:
    samples = bench.make_mix(3000, seed=2)
    assert all(is_valid_nir(s.value) for s in samples if s.kind != "typo")
    typos = [s.value for s in samples if s.kind == "typo"]
    # Swapping two equal digits changes nothing: a few typos stay valid.
    assert sum(map(is_valid_nir, typos)) < 0.1 * len(typos)
    assert all(check_nir(s.value).warnings for s in samples if s.kind == "warning")


def test_vitale_ids_and_python_stdnum_agree_on_the_mix(bench: ModuleType) -> None:
    values = [sample.value for sample in bench.make_mix(3000, seed=3)]
    assert bench.disagreements(values, stdnum_nir.is_valid, is_valid_nir) == []


def test_the_agreement_check_catches_a_fast_wrong_answer(bench: ModuleType) -> None:
    values = [sample.value for sample in bench.make_mix(300, seed=4)]

    def careless(value: str) -> bool:  # no key check: a typo goes through
        return len(value.replace(" ", "")) == 15

    wrong = bench.disagreements(values, stdnum_nir.is_valid, careless)
    assert wrong
    assert all(not stdnum_nir.is_valid(value) for value in wrong)


def test_the_script_refuses_to_time_a_validator_that_disagrees(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "is_valid_nir", lambda value: True)
    assert bench.main(["--size", "200"]) == 1
    assert "FAILED" in capsys.readouterr().out


def test_codes_and_serials_get_the_right_answers(bench: ModuleType) -> None:
    codes = bench.make_codes(2000, seed=5)
    serials = bench.make_serials(2000, seed=5)
    for samples in (codes, serials):
        kinds = Counter(sample.kind for sample in samples)
        assert 0.12 < kinds["typo"] / len(samples) < 0.18
        assert kinds["compact"] > kinds["typo"]
    assert {serial.card_type for serial in serials} == set(CardType)
    assert bench.wrong_answers([*codes, *serials]) == []


def test_a_wrong_code_or_serial_answer_is_caught(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    codes = bench.make_codes(300, seed=6)
    serials = bench.make_serials(300, seed=6)
    monkeypatch.setattr(bench, "is_valid_provisional_code", lambda value: True)
    wrong = bench.wrong_answers(codes)
    assert wrong
    assert set(wrong) <= {sample.value for sample in codes if sample.kind == "typo"}
    monkeypatch.setattr(bench, "check_serial", lambda value, card_type: check_nir(value))
    assert bench.wrong_answers(serials)


def test_the_cli_answers_are_checked_line_by_line(bench: ModuleType, tmp_path: Path) -> None:
    lines_file = str(tmp_path / "nirs.txt")
    values = bench.write_mix(lines_file, 300, seed=8)
    assert (tmp_path / "nirs.txt").read_text(encoding="utf-8").splitlines() == values
    status, output = bench.cli_output(lines_file)
    assert status == 1  # the mix has typos
    assert bench.cli_wrong_lines(output, values) == []
    first_valid = next(n for n, value in enumerate(values, start=1) if is_valid_nir(value))
    tampered = output.replace(f"{first_valid}: valid ", f"{first_valid}: invalid ", 1)
    assert bench.cli_wrong_lines(tampered, values) == [first_valid]
    missing = "\n".join(output.splitlines()[1:])
    assert bench.cli_wrong_lines(missing, values) == [1]


def test_the_cli_run_reports_its_own_peak_memory(bench: ModuleType, tmp_path: Path) -> None:
    lines_file = str(tmp_path / "nirs.txt")
    bench.write_mix(lines_file, 50, seed=9)
    run = bench.run_cli(lines_file)
    assert run.status == 1
    assert run.seconds > 0
    # The CLI's own memory: a Python process, some MiB.
    assert 1024 < run.peak_kib < 200 * 1024


def test_the_worst_inputs_are_64_characters_that_every_check_refuses(bench: ModuleType) -> None:
    assert all(len(value) == bench.WORST_LENGTH == 64 for value in bench.WORST_INPUTS.values())
    assert bench.worst_answers_are_right()


def test_the_worst_inputs_section_refuses_to_time_a_wrong_answer(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(bench, "check_nir", lambda value: check_nir("185057800608491"))
    assert not bench.worst_answers_are_right()
    assert bench.report_worst_inputs(rounds=1, repeat=1) is False
    assert "FAILED" in capsys.readouterr().out


def test_the_worst_inputs_section_reports_every_input_and_check(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.report_worst_inputs(rounds=1, repeat=1) is True
    output = capsys.readouterr().out
    for label in bench.WORST_INPUTS:
        (line,) = [line for line in output.splitlines() if line.startswith(f"  {label} ")]
        assert len(line.split()) - len(label.split()) == len(bench.WORST_CANDIDATES)
    assert "target <= 200 µs" in output
