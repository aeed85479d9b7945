"""Developer sessions that CI does not run.

``nox -s mutation`` runs mutmut on the validator modules (configured under
``[tool.mutmut]`` in pyproject.toml) and prints the score of each module. It
takes several minutes: pass mutant names to run a part, for example
``nox -s mutation -- "vitale_ids.nir*"``. Results stay in ``mutants/``, where
``mutmut browse`` and ``mutmut show <name>`` read them.

``nox -s fuzz`` puts random and hostile values through every validator
(scripts/fuzz.py: random Unicode, near-valid identifiers, surrogates, 10**6
characters, non-``str`` objects, ``str`` subclasses) and counts crashes,
inconsistencies, leaks in messages, and network or file-writing events. Pass
the script's options after ``--``, for example
``nox -s fuzz -- --count 1000000 --seconds 900 --seed 7``.
"""

from __future__ import annotations

import nox

nox.options.sessions = []  # Nothing runs unless asked for by name.


@nox.session
def mutation(session: nox.Session) -> None:
    """Mutation testing of the validators: the share of mutants the suite kills."""
    session.install("-e", ".[test]", "mutmut>=3.2")
    # The same Hypothesis examples on every run, so that a mutant's fate does not
    # depend on luck (see tests/conftest.py).
    env = {"VITALE_IDS_HYPOTHESIS_PROFILE": "mutation"}
    session.run("mutmut", "run", *session.posargs, env=env)
    session.run("python", "scripts/mutation_score.py")


@nox.session
def fuzz(session: nox.Session) -> None:
    """Red-team fuzzing: 100,000 values by default; the figures go to docs/robustness.md."""
    session.install("-e", ".")
    session.run("python", "scripts/fuzz.py", *session.posargs)
