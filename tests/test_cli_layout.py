"""The command line is a thin layer over the public API, one concern a module."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import vitale_ids.cli

CLI = Path(vitale_ids.cli.__file__).parent
MODULES = sorted(CLI.rglob("*.py"))
# Each module keeps to one concern: one this long has grown a second.
MAX_LINES = 300


def private_imports(source: str) -> list[str]:
    """The imports in ``source`` that reach a private part of vitale_ids."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
            names: list[str] = []
        elif isinstance(node, ast.ImportFrom):
            # A relative import is always inside vitale_ids.
            module = f"vitale_ids.{node.module or ''}" if node.level else node.module or ""
            modules = [module]
            names = [alias.name for alias in node.names]
        else:
            continue
        for module in modules:
            if module != "vitale_ids" and not module.startswith("vitale_ids."):
                continue
            parts = [part for part in module.split(".") if part] + names
            if any(part.startswith("_") and not part.endswith("__") for part in parts):
                found.append(f"line {node.lineno}: {module} {names}")
    return found


def test_the_check_finds_private_imports() -> None:
    assert private_imports("from vitale_ids._core import Lang") != []
    assert private_imports("import vitale_ids._places") != []
    assert private_imports("from vitale_ids import _nir_rules") != []
    assert private_imports("from vitale_ids.nir import _key_for") != []
    assert private_imports("from ._core import remove_separators") != []
    assert private_imports("from vitale_ids import __version__, nir\nimport os._x") == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(CLI)))
def test_the_command_line_imports_nothing_private(path: Path) -> None:
    assert private_imports(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("path", MODULES, ids=lambda path: str(path.relative_to(CLI)))
def test_each_module_of_the_command_line_stays_small(path: Path) -> None:
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES
