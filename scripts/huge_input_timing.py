"""Time every public function on 100,000-character inputs (run by hand, not in CI).

The test suite proves that a huge input is refused after len() alone
(tests/test_robustness.py); this script gives the time it takes, which the
suite cannot assert without being flaky. Usage: python scripts/huge_input_timing.py
"""

from __future__ import annotations

import sys
import timeit
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from test_robustness import ENTRIES, call

HUGE = 100_000
PATTERNS = {
    "digits": "1" * HUGE,
    "spaces around a NIR": "1 85 05 78 006 084 91".ljust(HUGE),
    "accented letters": "é" * HUGE,
    "lone surrogates": "\udc80" * HUGE,
}


def main() -> None:
    worst = 0.0
    for entry in ENTRIES:
        for label, value in PATTERNS.items():
            runs = 2000
            timer = timeit.Timer(lambda entry=entry, value=value: call(entry, value))
            seconds = min(timer.repeat(number=runs, repeat=5)) / runs
            worst = max(worst, seconds)
            print(f"{entry.name:32} {label:22} {seconds * 1e6:8.2f} µs")
    print(f"slowest: {worst * 1e6:.2f} µs per call (the issue allows 1000 µs)")


if __name__ == "__main__":
    main()
