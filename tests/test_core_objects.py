"""Issue and Check set their slots by hand (for speed): they still behave as attrs classes."""

from __future__ import annotations

import pickle

import attrs
import pytest

from synthetic import ORDINARY
from vitale_ids import Check, Issue, check_nir, parse_nir


def an_issue(position: int | None = 3) -> Issue:
    return Issue("nir.month", "nir", position, "English.", "Français.")


def test_issue_fields_equality_hash_and_repr() -> None:
    issue = an_issue()
    assert (issue.code, issue.field, issue.position) == ("nir.month", "nir", 3)
    assert (issue.message, issue.message_fr) == ("English.", "Français.")
    assert issue == an_issue()
    assert issue != an_issue(4)
    assert hash(issue) == hash(an_issue())
    assert repr(issue) == (
        "Issue(code='nir.month', field='nir', position=3, message='English.',"
        " message_fr='Français.')"
    )
    assert attrs.asdict(issue)["position"] == 3


def test_check_defaults_keywords_and_equality() -> None:
    nir = parse_nir(ORDINARY)
    assert Check(True, nir) == Check(True, nir, (), ())
    assert Check(valid=True, value=nir, warnings=()) == check_nir(ORDINARY)
    check: Check[None] = Check(False, None, (an_issue(),))
    assert (check.valid, check.value, check.errors, check.warnings) == (
        False,
        None,
        (an_issue(),),
        (),
    )
    assert hash(check) == hash(Check(False, None, (an_issue(),), ()))
    assert repr(Check(True, 1)) == "Check(valid=True, value=1, errors=(), warnings=())"


def test_both_stay_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        an_issue().position = 4  # type: ignore[misc]
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        check_nir(ORDINARY).valid = False  # type: ignore[misc]


def test_evolve_and_pickle() -> None:
    assert attrs.evolve(an_issue(), position=None).position is None
    result = check_nir(ORDINARY)
    assert attrs.evolve(result, valid=False).valid is False
    assert pickle.loads(pickle.dumps(result)) == result  # noqa: S301 - our own object
    assert pickle.loads(pickle.dumps(an_issue())) == an_issue()  # noqa: S301 - our own object


def test_the_fast_results_equal_the_full_ones() -> None:
    fast = check_nir(ORDINARY)  # built by the fast path
    assert fast == Check(True, parse_nir(ORDINARY), (), ())
    assert type(fast.value) is type(parse_nir(ORDINARY))
    assert fast.value is not None
    assert fast.value.compact == ORDINARY
