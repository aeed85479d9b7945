"""Time vitale_ids.columns against per-row checking, in one process: ratios in one run.

    python benchmarks/columns.py --rows 10000000     # the figures of docs/performance.md
    python benchmarks/columns.py --quick             # a smoke run: small data

It needs the ``bench`` extra (``pip install -e '.[bench]'``): stella-stdnum,
DuckDB, pyarrow, numpy and pyspark (Java 17 for Spark; ``--no-spark`` skips it).

Method:

- The column is the realistic mix of benchmarks/run.py (``make_mix``: compact
  numbers, 10% spaced, 15% typos, Corsica, births abroad, temporary numbers),
  1,000,000 distinct rows repeated up to ``--rows`` in one Arrow
  ``large_string`` column. Nothing is cached between rows, so repeating rows
  costs the kernel what new rows would.
- Before any timing, every row of the distinct mix is checked: ``nir_is_valid``
  and ``check_nir_column`` must give what ``is_valid_nir`` and ``check_nir``
  give, or the script exits with status 1.
- Candidates are timed in interleaved rounds; the best round counts.
  Per-row baselines (a list comprehension of ``is_valid_nir``, stella-stdnum's
  ``validate_many``) run on ``--baseline-rows`` rows (their cost per row does
  not depend on the column's length), the kernels on all ``--rows``.
- DuckDB and Spark time whole queries over the same table: the vectorised
  functions, a per-row Python UDF of ``is_valid_nir``, and the engine's floor
  (``count(length(nir) = 15)``, which reads the column and does nothing with it).
- Peak memory of ``check_nir_column`` is measured in a child process (its
  peak resident size before and during the call), against the column's size.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any

import pyarrow as pa

from vitale_ids import check_nir, is_valid_nir
from vitale_ids.columns import check_nir_column, nir_is_valid, register_duckdb

DISTINCT_ROWS = 1_000_000


def _load_run() -> ModuleType:
    """benchmarks/run.py, for its mix of NIRs."""
    path = Path(__file__).resolve().parent / "run.py"
    spec = importlib.util.spec_from_file_location("benchmark_run", path)
    if spec is None or spec.loader is None:  # pragma: no cover
        raise ImportError(path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def distinct_values(rows: int, seed: int) -> list[str]:
    """The realistic mix of benchmarks/run.py: at most DISTINCT_ROWS different rows."""
    return [sample.value for sample in _load_run().make_mix(min(rows, DISTINCT_ROWS), seed)]


def make_column(values: Sequence[str], rows: int) -> pa.Array:
    """``values`` repeated up to ``rows`` rows, as one Arrow large_string array."""
    base = pa.array(values, pa.large_string())
    whole, rest = divmod(rows, len(base))
    return pa.concat_arrays([base] * whole + [base.slice(0, rest)])


def wrong_rows(values: Sequence[str], strict: bool = False) -> list[int]:
    """Rows where the column functions disagree with the per-row checks (none, or a bug)."""
    valid = nir_is_valid(values, strict=strict).to_pylist()
    checks = check_nir_column(values, strict=strict).to_pylist()
    wrong = []
    for row, (value, is_valid, got) in enumerate(zip(values, valid, checks, strict=True)):
        result = check_nir(value, strict=strict)
        first = result.errors[0] if result.errors else None
        want = {
            "valid": result.valid,
            "code": first and first.code,
            "position": first and first.position,
            "warnings": [issue.code for issue in result.warnings],
        }
        if is_valid != is_valid_nir(value, strict=strict) or got != want:
            wrong.append(row)
    return wrong


def best_seconds(candidates: Mapping[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Best wall-clock seconds of each candidate over interleaved rounds (after a warm-up)."""
    for run in candidates.values():
        run()
    best = dict.fromkeys(candidates, float("inf"))
    names = list(candidates)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            start = time.perf_counter()
            candidates[name]()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def _line(label: str, ns_per_row: float, note: str = "") -> None:
    print(f"  {label:<52} {ns_per_row:9.1f} ns/row  {note}")


def _target(label: str, ratio: float, limit: float, higher_is_better: bool = False) -> bool:
    met = ratio >= limit if higher_is_better else ratio <= limit
    sign = ">=" if higher_is_better else "<="
    print(f"  {label:<52} {ratio:9.3f}x   target {sign} {limit}x: {'met' if met else 'MISSED'}")
    return met


def report_kernels(column: pa.Array, values: list[str], baseline_rows: int, rounds: int) -> None:
    from stella_stdnum import validate_many

    baseline = [values[row % len(values)] for row in range(baseline_rows)]
    rows = len(column)
    print(f"Kernels: {rows:,} rows; per-row baselines on {baseline_rows:,} rows")
    seconds = best_seconds(
        {
            "nir_is_valid": lambda: nir_is_valid(column),
            "check_nir_column": lambda: check_nir_column(column),
            "nir_is_valid strict": lambda: nir_is_valid(column, strict=True),
        },
        rounds,
    )
    per_row = {name: value / rows * 1e9 for name, value in seconds.items()}
    base_seconds = best_seconds(
        {
            "stella-stdnum validate_many": lambda: validate_many("fr.nir", baseline),
            "[is_valid_nir(x) for x in values]": lambda: [is_valid_nir(x) for x in baseline],
        },
        rounds,
    )
    per_row |= {name: value / baseline_rows * 1e9 for name, value in base_seconds.items()}
    for name, value in per_row.items():
        _line(name, value)
    stella = per_row["stella-stdnum validate_many"]
    comprehension = per_row["[is_valid_nir(x) for x in values]"]
    _target("nir_is_valid / validate_many", per_row["nir_is_valid"] / stella, 0.10)
    _target("nir_is_valid / list comprehension", per_row["nir_is_valid"] / comprehension, 0.10)
    _target("check_nir_column / validate_many", per_row["check_nir_column"] / stella, 0.15)
    print()


def report_duckdb(column: pa.Array, rounds: int) -> None:
    import duckdb

    con = duckdb.connect()
    register_duckdb(con)

    def row_is_valid_nir(value: str) -> bool:  # DuckDB counts strict= as a parameter
        return is_valid_nir(value)

    con.create_function("row_is_valid_nir", row_is_valid_nir, ["VARCHAR"], "BOOLEAN")
    table = pa.table({"nir": column})
    con.register("source", table)
    con.execute("CREATE TABLE people AS SELECT nir FROM source")
    con.unregister("source")
    rows = len(column)

    def count(condition: str) -> Callable[[], object]:
        query = f"SELECT count(*) FILTER (WHERE {condition}) FROM people"  # noqa: S608 (fixed text)
        return lambda: con.execute(query).fetchone()

    print(f"DuckDB {duckdb.__version__}: {rows:,} rows in a table, whole queries")
    seconds = best_seconds(
        {
            "vitale_nir_is_valid (Arrow UDF)": count("vitale_nir_is_valid(nir)"),
            "vitale_nir_error IS NULL (Arrow UDF)": count("vitale_nir_error(nir) IS NULL"),
            "per-row Python UDF of is_valid_nir": count("row_is_valid_nir(nir)"),
            "floor: length(nir) = 15": count("length(nir) = 15"),
        },
        rounds,
    )
    per_row = {name: value / rows * 1e9 for name, value in seconds.items()}
    for name, value in per_row.items():
        _line(name, value)
    vectorised = per_row["vitale_nir_is_valid (Arrow UDF)"]
    _target(
        "per-row UDF / vectorised",
        per_row["per-row Python UDF of is_valid_nir"] / vectorised,
        4.0,
        higher_is_better=True,
    )
    print(f"  {'vectorised / floor':<52} {vectorised / per_row['floor: length(nir) = 15']:9.1f}x")
    print()


def report_spark(column: pa.Array, rounds: int) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    start = time.perf_counter()
    from pyspark.sql import SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType

    from vitale_ids.columns import spark as vsp

    spark = (
        SparkSession.builder.master("local[2]")
        .appName("vitale_ids benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    rows = len(column)
    df = spark.createDataFrame(pa.table({"nir": column})).repartition(2).cache()
    df.count()

    def row_is_valid_nir(value: str | None) -> bool | None:
        return None if value is None else is_valid_nir(value)

    row_udf = F.udf(row_is_valid_nir, BooleanType())

    def count(condition: Any) -> Callable[[], object]:
        return lambda: df.select(F.count(F.when(condition, 1))).collect()

    print(f"Spark {spark.version} local[2]: {rows:,} rows, cached; startup {startup:.1f} s")
    seconds = best_seconds(
        {
            "vitale nir_is_valid (Arrow UDF)": count(vsp.nir_is_valid("nir")),
            "vitale check_nir_column (Arrow UDF)": count(
                vsp.check_nir_column("nir")["code"].isNull()
            ),
            "per-row Python UDF of is_valid_nir": count(row_udf("nir")),
            "floor: length(nir) = 15": count(F.length("nir") == 15),
        },
        rounds,
    )
    for name, value in seconds.items():
        _line(name, value / rows * 1e9, f"{rows / value / 1e6:6.1f} M rows/s")
    _target(
        "per-row UDF / vectorised",
        seconds["per-row Python UDF of is_valid_nir"] / seconds["vitale nir_is_valid (Arrow UDF)"],
        4.0,
        higher_is_better=True,
    )
    spark.stop()
    print()


_MEMORY_CHILD = """
import resource, sys
sys.path.insert(0, {here!r})
import columns
column = columns.make_column(columns.distinct_values({rows}, {seed}), {rows})
size = column.nbytes
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
result = columns.check_nir_column(column)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(size, before * 1024, after * 1024, result.nbytes)
"""


def report_memory(rows: int, seed: int) -> None:
    code = _MEMORY_CHILD.format(here=str(Path(__file__).resolve().parent), rows=rows, seed=seed)
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    size, before, after, result = (int(word) for word in output)
    mib = 1024 * 1024
    print(f"Peak memory of check_nir_column on {rows:,} rows (a child process)")
    print(f"  the column: {size / mib:,.0f} MiB; the result: {result / mib:,.0f} MiB")
    print(
        f"  peak resident size grew by {(after - before) / mib:,.0f} MiB during the call"
        f" ({(after - before) / size:.2f}x the column)"
    )
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="rows in the column (default 10,000,000)")
    parser.add_argument("--baseline-rows", type=int, help="rows for per-row baselines")
    parser.add_argument("--engine-rows", type=int, help="rows for DuckDB and Spark")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small data")
    parser.add_argument("--no-spark", action="store_true", help="skip Spark")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rows = args.rows or (20_000 if args.quick else 10_000_000)
    baseline_rows = args.baseline_rows or min(rows, 2_000_000)
    engine_rows = args.engine_rows or min(rows, 2_000_000)
    rounds = args.rounds or (1 if args.quick else 3)

    print(f"Python {sys.version.split()[0]}, {sys.platform}, {os.cpu_count()} cores", end="")
    if hasattr(os, "getloadavg"):
        print(f", load average {os.getloadavg()[0]:.1f} at the start", end="")
    print(f"; best of {rounds} interleaved rounds\n")
    values = distinct_values(rows, args.seed)
    wrong = wrong_rows(values) + wrong_rows(values, strict=True)
    if wrong:
        print(f"FAILED: the column functions disagree with the per-row checks on {len(wrong)} rows")
        return 1
    print(
        f"Agreement: all {len(values):,} distinct rows, strict and not, as check_nir gives them\n"
    )
    column = make_column(values, rows)
    report_kernels(column, values, baseline_rows, rounds)
    engine_column = column.slice(0, engine_rows)
    report_duckdb(engine_column, rounds)
    if not args.no_spark:
        report_spark(engine_column, rounds)
    report_memory(rows, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
