"""What a person sees when something fails: public names, and the extra to install."""

from __future__ import annotations

import copy
import inspect
import pickle
import subprocess
import sys

import pytest

import vitale_ids
from synthetic import ORDINARY, make_nir
from vitale_ids import (
    Check,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    ValidationError,
    check_nir,
    parse_nir,
)

WRONG_KEY = ORDINARY[:13] + ("19" if ORDINARY[13:] != "19" else "18")

# Each exception class, raised by a real call where the library raises it.
RAISED: dict[type[ValidationError], object] = {
    InvalidLength: "1 85 05",
    InvalidFormat: ORDINARY[:4] + "O" + ORDINARY[5:],
    InvalidComponent: make_nir(sex="5"),
    InvalidChecksum: WRONG_KEY,
    InvalidType: float(ORDINARY) + 0.5,
}


def raised_by_parse_nir(value: object) -> ValidationError:
    with pytest.raises(ValidationError) as caught:
        parse_nir(value)  # type: ignore[arg-type]
    return caught.value


def public_classes() -> list[type]:
    return [obj for name in vitale_ids.__all__ if inspect.isclass(obj := getattr(vitale_ids, name))]


def test_every_class_exported_names_a_public_module() -> None:
    for cls in public_classes():
        assert not any(part.startswith("_") for part in cls.__module__.split(".")), cls
        module = sys.modules[cls.__module__]
        assert getattr(module, cls.__qualname__) is cls


@pytest.mark.parametrize(
    "cls",
    [Check, Issue, ValidationError, *RAISED],
    ids=lambda cls: cls.__name__,
)
def test_the_core_classes_are_vitale_ids_classes(cls: type) -> None:
    assert cls.__module__ == "vitale_ids"
    assert f"{cls.__module__}.{cls.__qualname__}" == f"vitale_ids.{cls.__name__}"


@pytest.mark.parametrize("cls", list(RAISED), ids=lambda cls: cls.__name__)
def test_each_exception_is_raised_as_its_class_and_pickles(cls: type[ValidationError]) -> None:
    error = raised_by_parse_nir(RAISED[cls])
    assert type(error) is cls
    for copied in (
        pickle.loads(pickle.dumps(error)),  # noqa: S301 - our own object
        copy.deepcopy(error),
    ):
        assert type(copied) is cls
        assert copied.issue == error.issue
        assert str(copied) == str(error)
        assert copied.args == error.args


def test_the_base_class_pickles_too() -> None:
    issue = Issue("nir.checksum", "nir", 13, "English.", "Français.")
    error = ValidationError(issue)
    copied = pickle.loads(pickle.dumps(error))  # noqa: S301 - our own object
    assert type(copied) is ValidationError
    assert copied.issue == issue


def test_issue_and_check_pickle_by_their_public_name() -> None:
    result = check_nir(WRONG_KEY)
    (issue,) = result.errors
    for obj in (result, issue, check_nir(ORDINARY)):
        data = pickle.dumps(obj)
        assert b"vitale_ids._core" not in data
        assert pickle.loads(data) == obj  # noqa: S301 - our own object


def run_python(code: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False, timeout=60
    )


def test_a_traceback_names_the_public_class() -> None:
    result = run_python(f"import vitale_ids; vitale_ids.parse_nir({WRONG_KEY!r})")
    assert result.returncode == 1
    last_line = result.stderr.strip().splitlines()[-1]
    assert last_line.startswith("vitale_ids.InvalidChecksum: The key (characters 14-15)")
    assert "_core" not in last_line
    assert WRONG_KEY not in result.stderr


def test_without_the_extra_the_strategies_say_which_extra_to_install() -> None:
    # sys.modules[name] = None makes any import of that module fail, as when it
    # is not installed.
    result = run_python(
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "try:\n"
        "    import vitale_ids.strategies\n"
        "except ImportError as error:\n"
        "    print(type(error).__name__, error.name, error, sep='|')\n"
    )
    assert result.returncode == 0, result.stderr
    kind, name, message = result.stdout.strip().split("|")
    assert kind == "ModuleNotFoundError"
    assert name == "hypothesis"
    assert message == (
        "vitale_ids.strategies needs Hypothesis: pip install 'vitale_ids[hypothesis]'"
    )


def test_with_the_extra_the_strategies_import() -> None:
    result = run_python("import vitale_ids.strategies as s; print(s.nirs().example()[:1])")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() in set("123478")
