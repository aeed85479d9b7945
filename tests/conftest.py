"""Shared test configuration."""

from __future__ import annotations

import os

import pytest
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # Until #14's pydantic.py is merged: today's pydantic.py calls
    # vitale_ids.serial.compact(), which now refuses a huge input with
    # InvalidLength, as every compact() does (#11); #14's no longer calls it.
    # xfail_strict makes these fail once that is merged: then delete this hook.
    hostile_huge_serial = (
        "test_pydantic_types_answer_hostile_input_with_pydantic_errors[3-serial]",
        "test_pydantic_types_answer_hostile_input_with_pydantic_errors[4-serial]",
    )
    for item in items:
        if item.name in hostile_huge_serial:
            item.add_marker(
                pytest.mark.xfail(reason="pydantic.py calls serial.compact() until #14 is merged")
            )
