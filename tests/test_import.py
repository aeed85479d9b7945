"""`import vitale_ids` stays cheap: what it must not load, checked in a fresh interpreter."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

# Loaded on first use only: the regex module (describing an odd character),
# csv and importlib.resources (the INSEE tables), datetime and the form check.
# (unicodedata is not listed: attrs loads it anyway.)
LAZY_MODULES = [
    "regex",
    "csv",
    "importlib.resources",
    "datetime",
    "hypothesis",
    "vitale_ids._places",
    "vitale_ids.form",
]


def loaded_after(statement: str) -> set[str]:
    code = f"import json, sys; {statement}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout))


def test_import_loads_nothing_heavy() -> None:
    assert loaded_after("import vitale_ids") & set(LAZY_MODULES) == set()


def test_validating_a_nir_loads_nothing_heavy() -> None:
    statement = "import vitale_ids; vitale_ids.check_nir('185057800608491')"
    assert loaded_after(statement) & set(LAZY_MODULES) == set()


def test_the_form_check_is_there_on_first_use() -> None:
    import vitale_ids
    from vitale_ids import form

    assert vitale_ids.check_form is form.check_form
    assert vitale_ids.FormCheck is form.FormCheck
    assert {"check_form", "FormCheck", "code_expires_on", "opposition_deadline"} <= set(
        vitale_ids.__all__
    )
    assert "vitale_ids.form" in loaded_after("from vitale_ids import check_form")


def test_an_unknown_name_is_still_an_attribute_error() -> None:
    import vitale_ids

    with pytest.raises(AttributeError, match="no_such_name"):
        vitale_ids.no_such_name  # noqa: B018
