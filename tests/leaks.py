"""Does a text show an identifier? Any run of 6 of its characters counts."""

from __future__ import annotations

import re

RUN = 6

# What people put between the groups of an identifier.
_SEPARATORS = re.compile(r"[\s.\-]")


def runs_of(identifier: str, run: int = RUN) -> set[str]:
    compact = _SEPARATORS.sub("", identifier)
    return {compact[start : start + run] for start in range(len(compact) - run + 1)}


def leaked(text: str, *identifiers: str) -> set[str]:
    """The runs of ``identifiers`` that ``text`` shows, with or without separators."""
    squeezed = _SEPARATORS.sub("", text)
    return {
        run
        for identifier in identifiers
        for run in runs_of(identifier)
        if run in text or run in squeezed
    }
