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
  DuckDB runs on ``--engine-rows`` rows, Spark on ``--spark-rows`` (all the
  rows unless told), cached in 2 partitions, with the settings of
  :data:`SPARK_SETTINGS` for every UDF. The per-row UDF of the target is
  Spark's default since 4.2 (Arrow batches); Spark's figures add the pickled
  per-row UDF (``useArrow=False``, the default before), an Arrow UDF that only
  compares lengths (the cost of crossing to Python and back: what the
  vectorised function would cost with a kernel of no cost), each query's
  fixed cost (the same query on a tiny table) and the cost per row beyond
  it, and the CPU time of the driver, the JVM and its Python workers
  together (Linux).
- Peak memory of ``check_nir_column`` is measured in a child process (its
  peak resident size before and during the call), against the column's size.
"""

from __future__ import annotations

import argparse
import importlib.util
import math
import os
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType
from typing import Any, Final

import pyarrow as pa

from vitale_ids import check_nir, is_valid_nir
from vitale_ids.columns import check_nir_column, nir_is_valid, register_duckdb
from vitale_ids.columns._arrow import BLOCK_ROWS

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


class Timing:
    """Best seconds of a candidate over the rounds: wall clock, and CPU time.

    On a busy machine the wall clock counts the time other processes had the
    CPU; the CPU time does not (threads of this process, DuckDB's included,
    add up). Ratios are given on both. ``first`` is the wall clock of the
    warm-up call, which no round counts.
    """

    def __init__(self) -> None:
        self.wall = float("inf")
        self.cpu = float("inf")
        self.first = float("nan")


def best_seconds(
    candidates: Mapping[str, Callable[[], object]],
    rounds: int,
    cpu_clock: Callable[[], float] = time.process_time,
) -> dict[str, Timing]:
    """Best times of each candidate over interleaved rounds (after a warm-up)."""
    best = {name: Timing() for name in candidates}
    for name, run in candidates.items():
        wall = time.perf_counter()
        run()
        best[name].first = time.perf_counter() - wall
    names = list(candidates)
    for round_number in range(rounds):
        shift = round_number % len(names)
        for name in names[shift:] + names[:shift]:
            wall, cpu = time.perf_counter(), cpu_clock()
            candidates[name]()
            best[name].wall = min(best[name].wall, time.perf_counter() - wall)
            best[name].cpu = min(best[name].cpu, cpu_clock() - cpu)
    return best


def _line(label: str, timing: Timing, rows: int, note: str = "") -> None:
    wall, cpu = timing.wall / rows * 1e9, timing.cpu / rows * 1e9
    print(f"  {label:<44} {wall:8.1f} ns/row wall {cpu:8.1f} ns/row CPU  {note}")


def _target(
    label: str, times: tuple[Timing, int], base: tuple[Timing, int], limit: float, faster: bool
) -> None:
    """The ratio of per-row times, on the wall clock and in CPU time, against ``limit``."""
    (timing, rows), (base_timing, base_rows) = times, base
    ratios = []
    for kind in ("wall", "cpu"):
        mine = getattr(timing, kind) / rows
        theirs = getattr(base_timing, kind) / base_rows
        ratios.append(theirs / mine if faster else mine / theirs)
    sign = ">=" if faster else "<="
    met = [(ratio >= limit) if faster else (ratio <= limit) for ratio in ratios]
    if math.isnan(ratios[1]):  # no CPU time to compare: the wall clock alone
        met[1] = met[0]
    verdict = "met" if all(met) else ("met in CPU time" if met[1] else "MISSED")
    print(
        f"  {label:<44} {ratios[0]:6.3f}x wall {ratios[1]:6.3f}x CPU"
        f"   target {sign} {limit}x: {verdict}"
    )


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
    base_seconds = best_seconds(
        {
            "stella-stdnum validate_many": lambda: validate_many("fr.nir", baseline),
            "[is_valid_nir(x) for x in values]": lambda: [is_valid_nir(x) for x in baseline],
        },
        rounds,
    )
    for name, timing in seconds.items():
        _line(name, timing, rows)
    for name, timing in base_seconds.items():
        _line(name, timing, baseline_rows)
    stella = (base_seconds["stella-stdnum validate_many"], baseline_rows)
    comprehension = (base_seconds["[is_valid_nir(x) for x in values]"], baseline_rows)
    valid = (seconds["nir_is_valid"], rows)
    _target("nir_is_valid / validate_many", valid, stella, 0.10, faster=False)
    _target("nir_is_valid / list comprehension", valid, comprehension, 0.10, faster=False)
    check = (seconds["check_nir_column"], rows)
    _target("check_nir_column / validate_many", check, stella, 0.15, faster=False)
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
    for name, timing in seconds.items():
        _line(name, timing, rows)
    vectorised = (seconds["vitale_nir_is_valid (Arrow UDF)"], rows)
    per_row = (seconds["per-row Python UDF of is_valid_nir"], rows)
    _target("vectorised, times faster than the per-row UDF", vectorised, per_row, 4.0, faster=True)
    floor = seconds["floor: length(nir) = 15"]
    print(f"  {'vectorised / floor (wall)':<44} {vectorised[0].wall / floor.wall:6.1f}x")
    print()


#: The session settings of the Spark part, the same for every UDF timed: the
#: advice of docs/columns.md ("Spark").
SPARK_SETTINGS: Final = {
    # Arrow batches of the kernel's block size: the cost per batch (the
    # crossing to Python and back) is spread over more rows than the default
    # 10,000.
    "spark.sql.execution.arrow.maxRecordsPerBatch": str(BLOCK_ROWS),
}
#: The fixed cost of a query is the time of the same query over this many rows.
SPARK_TINY_ROWS: Final = 2_000

SPARK_VECTORISED: Final = "vitale nir_is_valid (Arrow UDF)"
SPARK_PER_ROW: Final = "per-row UDF, Arrow batches (4.2+ default)"
SPARK_PICKLED: Final = "per-row UDF, pickled rows (default < 4.2)"
SPARK_CROSSING: Final = "crossing: an Arrow UDF of length = 15"


def process_tree_cpu() -> float:
    """CPU seconds of this process and all its descendants (Spark's JVM, its Python workers).

    Read from /proc (Linux); not a number elsewhere. A child that has ended
    counts in its parent's time for its children, once reaped.
    """
    if not os.path.exists("/proc/self/stat"):
        return float("nan")
    parents: dict[int, int] = {}
    ticks: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as stat:
                text = stat.read()
        except OSError:  # the process ended meanwhile
            continue
        # After "pid (command) ": state, ppid, ... utime, stime, cutime, cstime (fields 14-17).
        fields = text[text.rindex(")") + 2 :].split()
        pid = int(entry.name)
        parents[pid] = int(fields[1])
        ticks[pid] = sum(int(field) for field in fields[11:15])
    children: dict[int, list[int]] = {}
    for pid, parent in parents.items():
        children.setdefault(parent, []).append(pid)
    total, pending = 0, [os.getpid()]
    while pending:
        pid = pending.pop()
        total += ticks.get(pid, 0)
        pending.extend(children.get(pid, []))
    return total / os.sysconf("SC_CLK_TCK")


def _load() -> str:
    """The load average of the last minute, if the system gives it."""
    return f"{os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else "?"


def report_spark(column: pa.Array, rounds: int) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    with warnings.catch_warnings():
        # PySpark's own notice that it does not fully support pandas 3, given
        # when the session starts and when an Arrow-optimized UDF is made.
        warnings.filterwarnings("ignore", "PySpark does not yet fully support", FutureWarning)
        _report_spark(column, rounds)


def _report_spark(column: pa.Array, rounds: int) -> None:
    start = time.perf_counter()
    import pyarrow.compute as pc
    from pyspark.sql import DataFrame, SparkSession
    from pyspark.sql import functions as F
    from pyspark.sql.types import BooleanType

    from vitale_ids.columns import spark as vsp

    builder = (
        SparkSession.builder.master("local[2]")
        .appName("vitale_ids benchmark")
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.driver.memory", "4g")
        .config("spark.sql.shuffle.partitions", "2")
    )
    for key, value in SPARK_SETTINGS.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - start
    load_before = _load()

    def cached(rows: pa.Array) -> DataFrame:
        # Checkpointed first, the plan refers to stored blocks, as a table read
        # from files would. A DataFrame made from an Arrow table smaller than
        # spark.sql.execution.arrow.localRelationThreshold (48 MB) holds its
        # rows in its plan, and every query plans them again: 0.4 s a query
        # for 2,000,000 rows, most of the floor that this script once printed.
        frame = spark.createDataFrame(pa.table({"nir": rows})).repartition(2)
        frame = frame.localCheckpoint().cache()
        frame.count()
        return frame

    def row_is_valid_nir(value: str | None) -> bool | None:
        return None if value is None else is_valid_nir(value)

    # useArrow given, Spark does not guess the kind of UDF from the type hints
    # (a str gave "UserWarning: Cannot infer the eval type from type hints").
    # Both call the function once per row. True, the default since Spark 4.2
    # (spark.sql.execution.pythonUDF.arrow.enabled), hands the rows over in
    # Arrow batches; False, the default before, in pickled batches of 100.
    per_row = F.udf(row_is_valid_nir, BooleanType(), useArrow=True)
    pickled = F.udf(row_is_valid_nir, BooleanType(), useArrow=False)

    def lengths(values: pa.Array) -> pa.Array:
        return pc.equal(pc.utf8_length(values), 15)

    # What the vectorised function would cost with a kernel that took no time.
    crossing = F.arrow_udf(lengths, BooleanType())  # type: ignore[attr-defined,unused-ignore]
    conditions = {
        SPARK_VECTORISED: vsp.nir_is_valid("nir"),
        "vitale check_nir_column (Arrow UDF)": vsp.check_nir_column("nir")["code"].isNull(),
        SPARK_PER_ROW: per_row("nir"),
        SPARK_PICKLED: pickled("nir"),
        SPARK_CROSSING: crossing("nir"),
        "floor: length(nir) = 15": F.length("nir") == 15,
    }

    def queries(frame: DataFrame) -> dict[str, Callable[[], object]]:
        def count(condition: Any) -> Callable[[], object]:
            return lambda: frame.select(F.count(F.when(condition, 1))).collect()

        return {name: count(condition) for name, condition in conditions.items()}

    rows = len(column)
    frame = cached(column)
    seconds = best_seconds(queries(frame), rounds, cpu_clock=process_tree_cpu)
    frame.unpersist()
    # After the big queries: the JVM has compiled its hot code by then.
    tiny_rows = min(SPARK_TINY_ROWS, max(rows // 10, 2))
    tiny = cached(column.slice(0, tiny_rows))
    fixed = best_seconds(queries(tiny), max(rounds, 5), cpu_clock=process_tree_cpu)
    tiny.unpersist()
    # The kernel alone, in this process, on the batches Spark hands the UDF (string, not large).
    strings = column.cast(pa.string())
    kernel = best_seconds(
        {
            "kernel": lambda: [
                nir_is_valid(strings.slice(first, BLOCK_ROWS))
                for first in range(0, rows, BLOCK_ROWS)
            ]
        },
        rounds,
    )["kernel"]
    spark.stop()

    print(
        f"Spark {spark.version} local[2]: {rows:,} rows cached in 2 partitions,"
        f" Arrow batches of {BLOCK_ROWS:,} rows; load average {load_before}-{_load()};"
        " CPU time of this process, the JVM and its Python workers"
    )
    print(
        f"  start-up, counted in no figure below: the session {startup:.1f} s; the first query"
        f" (workers start, modules load): {seconds[SPARK_VECTORISED].first:.1f} s vectorised,"
        f" {seconds[SPARK_PER_ROW].first:.1f} s per-row"
    )
    for name, timing in seconds.items():
        _line(name, timing, rows, f"{rows / timing.wall / 1e6:6.2f} M rows/s")
    print(f"  fixed cost per query (the same query on {tiny_rows:,} rows), and per row beyond it:")
    beyond = {}
    for name, timing in seconds.items():
        beyond[name] = (timing.wall - fixed[name].wall) / (rows - tiny_rows) * 1e9
        rate = f"{1e3 / beyond[name]:6.2f} M rows/s" if beyond[name] > 0 else ""
        print(f"    {name:<42} {fixed[name].wall:6.2f} s + {beyond[name]:7.1f} ns/row wall  {rate}")
    vectorised = (seconds[SPARK_VECTORISED], rows)
    _target(
        "vectorised, times faster than the per-row UDF",
        vectorised,
        (seconds[SPARK_PER_ROW], rows),
        4.0,
        faster=True,
    )
    label = "the same, per row beyond the fixed cost"
    print(f"  {label:<44} {beyond[SPARK_PER_ROW] / beyond[SPARK_VECTORISED]:6.3f}x wall")
    label = "the same, against the pickled per-row UDF"
    ratio = seconds[SPARK_PICKLED].wall / seconds[SPARK_VECTORISED].wall
    print(f"  {label:<44} {ratio:6.3f}x wall")
    label = "per-row UDF / crossing (a kernel of no cost)"
    ratio = seconds[SPARK_PER_ROW].wall / seconds[SPARK_CROSSING].wall
    print(f"  {label:<44} {ratio:6.3f}x wall: the most any kernel can give here")
    print(
        f"  the kernel alone (nir_is_valid in this process, one thread):"
        f" {kernel.cpu / rows * 1e9:.1f} ns/row CPU"
    )
    print()


_MEMORY_CHILD = """
import sys, tracemalloc
import pyarrow as pa
from vitale_ids.columns import check_nir_column
# Mapped, not read: the column takes nothing from Arrow's memory pool.
column = pa.ipc.open_file(pa.memory_map(sys.argv[1])).read_all().column(0).chunk(0)
pool = pa.default_memory_pool()
before = pool.bytes_allocated()
tracemalloc.start()  # NumPy reports its arrays to tracemalloc
result = check_nir_column(column)
numpy_peak = tracemalloc.get_traced_memory()[1]
print(column.nbytes, numpy_peak, pool.max_memory() - before, result.nbytes)
"""


def report_memory(column: pa.Array) -> None:
    """Peak memory of check_nir_column, in a child that holds only the column."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "column.arrow")
        table = pa.table({"nir": column})
        with pa.OSFile(path, "wb") as sink, pa.ipc.new_file(sink, table.schema) as writer:
            writer.write_table(table)
        output = subprocess.run(
            [sys.executable, "-c", _MEMORY_CHILD, path], capture_output=True, text=True, check=True
        ).stdout.split()
    size, numpy_peak, arrow_peak, result = (int(word) for word in output)
    mib = 1024 * 1024
    print(f"Peak memory of check_nir_column on {len(column):,} rows (a child process)")
    print(f"  the column: {size / mib:,.0f} MiB; the result: {result / mib:,.0f} MiB")
    print(
        f"  peaks during the call: NumPy {numpy_peak / mib:,.0f} MiB (tracemalloc),"
        f" Arrow {arrow_peak / mib:,.0f} MiB (its memory pool):"
        f" {(numpy_peak + arrow_peak) / size:.2f}x the column's size at most"
    )
    print()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, help="rows in the column (default 10,000,000)")
    parser.add_argument("--baseline-rows", type=int, help="rows for per-row baselines")
    parser.add_argument("--engine-rows", type=int, help="rows for DuckDB (default 2,000,000)")
    parser.add_argument("--spark-rows", type=int, help="rows for Spark (default: all the rows)")
    parser.add_argument("--rounds", type=int, help="timed rounds (default 3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: small data")
    parser.add_argument("--no-spark", action="store_true", help="skip Spark")
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    rows = args.rows or (20_000 if args.quick else 10_000_000)
    baseline_rows = args.baseline_rows or min(rows, 2_000_000)
    engine_rows = args.engine_rows or min(rows, 2_000_000)
    spark_rows = min(args.spark_rows or rows, rows)
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
    report_duckdb(column.slice(0, engine_rows), rounds)
    if not args.no_spark:
        report_spark(column.slice(0, spark_rows), rounds)
    report_memory(column)
    return 0


if __name__ == "__main__":
    sys.exit(main())
