"""Print the mutation score of each module from the results in ``mutants/``.

Run after ``mutmut run`` (``nox -s mutation`` does both). The score is the
share of the mutants that were tested and killed; survivors are listed so
that each can be judged: a missing test, or an equivalent mutant.
"""

from __future__ import annotations

import collections
import shutil
import subprocess
import sys


def main() -> int:
    mutmut = shutil.which("mutmut")
    if mutmut is None:
        print("mutmut is not installed", file=sys.stderr)
        return 1
    listing = subprocess.run(  # noqa: S603 - a fixed command, no user input
        [mutmut, "results", "--all", "true"], capture_output=True, text=True, check=True
    ).stdout
    counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    survivors = []
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if not name.startswith("vitale_ids."):
            continue
        module = name.split(".x_")[0].split(".xǁ")[0]
        counts[module][status] += 1
        if status == "survived":
            survivors.append(name)
    total: collections.Counter[str] = collections.Counter()
    for module, statuses in sorted(counts.items()):
        total += statuses
        print(f"{module:32} {score(statuses)}")
    print(f"{'all':32} {score(total)}")
    if survivors:
        print("\nSurvivors (mutmut show <name>):")
        print("\n".join(f"  {name}" for name in survivors))
    return 0


def score(statuses: collections.Counter[str]) -> str:
    tested = sum(count for status, count in statuses.items() if status != "not checked")
    killed = statuses["killed"] + statuses["timeout"]
    if not tested:
        return "not run"
    other = ", ".join(
        f"{count} {status}"
        for status, count in sorted(statuses.items())
        if status not in ("killed", "timeout")
    )
    summary = f"{killed}/{tested} killed ({100 * killed / tested:.1f}%)"
    return f"{summary}; {other}" if other else summary


if __name__ == "__main__":
    sys.exit(main())
