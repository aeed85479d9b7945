"""Shared test configuration."""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

# CI runs more examples; a developer's run stays quick. Neither depends on timing.
settings.register_profile(
    "ci", max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", max_examples=100, deadline=None)
# Mutation testing runs the suite once per mutant: the same examples every
# time, so that a mutant is killed or not whatever the run.
settings.register_profile(
    "mutation", max_examples=100, deadline=None, derandomize=True, database=None
)
settings.load_profile(
    os.environ.get("VITALE_IDS_HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)
