"""benchmarks/columns.py: its data and its agreement check, on small samples. Nothing is timed."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pyarrow as pa
import pytest

from vitale_ids import is_valid_nir

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "columns.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("benchmark_columns", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["benchmark_columns"] = module
    spec.loader.exec_module(module)
    return module


def test_the_column_repeats_the_mix_up_to_the_rows_asked(bench: ModuleType) -> None:
    values = bench.distinct_values(300, seed=3)
    assert len(values) == 300
    assert len(set(values)) > 250
    column = bench.make_column(values, 1000)
    assert column.type == pa.large_string()
    assert len(column) == 1000
    assert column.to_pylist()[300:600] == values
    assert column.to_pylist()[900:] == values[:100]


def test_the_mix_agrees_with_the_per_row_checks(bench: ModuleType) -> None:
    values = bench.distinct_values(2000, seed=4)
    assert any(" " in value for value in values)
    assert not all(map(is_valid_nir, values))
    assert bench.wrong_rows(values) == []
    assert bench.wrong_rows(values, strict=True) == []


def test_the_agreement_check_catches_a_wrong_kernel(
    bench: ModuleType, monkeypatch: pytest.MonkeyPatch
) -> None:
    values = bench.distinct_values(200, seed=5)
    monkeypatch.setattr(
        bench, "nir_is_valid", lambda column, strict=False: pa.array([True] * len(column))
    )
    wrong = bench.wrong_rows(values)
    assert wrong
    assert all(not is_valid_nir(values[row]) for row in wrong)


def test_a_quick_run_without_spark_prints_every_figure(
    bench: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert bench.main(["--quick", "--no-spark", "--rows", "3000", "--rounds", "1"]) == 0
    output = capsys.readouterr().out
    for line in (
        "Agreement: all 3,000 distinct rows",
        "nir_is_valid / validate_many",
        "check_nir_column / validate_many",
        "vectorised, times faster than the per-row UDF",
        "Peak memory of check_nir_column on 3,000 rows",
    ):
        assert line in output
