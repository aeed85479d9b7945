"""Issue and Check set their slots by hand (for speed): they still behave as attrs classes."""

from __future__ import annotations

import pickle

import attrs
import pytest

from synthetic import ORDINARY
from vitale_ids import (
    Check,
    Issue,
    ValidationError,
    check_nir,
    parse_nir,
)
from vitale_ids._core import describe_character, mask, original_index, raise_first, slot_setters


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


# --- Found by mutation testing: shared clean-up and wording ----------------


def test_slot_setters_set_the_fields_of_a_new_object() -> None:
    # Called when the modules are imported, so that only a direct call can test it.
    set_valid, set_value, set_errors, set_warnings = slot_setters(
        Check, "valid", "value", "errors", "warnings"
    )
    check: Check[str] = object.__new__(Check)
    for setter, field_value in zip(
        (set_valid, set_value, set_errors, set_warnings), (True, "x", (), ()), strict=True
    ):
        setter(check, field_value)
    assert check == Check(True, "x", (), ())


@pytest.mark.parametrize(
    ("char", "english", "french"),
    [
        ("a", "the letter a", "la lettre a"),
        ("z", "the letter z", "la lettre z"),
        ("A", "the letter A", "la lettre A"),
        ("Z", "the letter Z", "la lettre Z"),
        ("0", "the digit 0", "le chiffre 0"),
        ("9", "the digit 9", "le chiffre 9"),
        ("{", "the character '{'", "le caractère '{'"),
        (":", "the character ':'", "le caractère ':'"),
        ("@", "the character '@'", "le caractère '@'"),
        ("é", "an accented letter", "une lettre accentuée"),
        ("Ω", "a Greek letter", "une lettre grecque"),
        ("Ж", "a Cyrillic letter", "une lettre cyrillique"),
        ("あ", "a letter from another alphabet", "une lettre d'un autre alphabet"),
        ("\u0301", "an accent on its own", "un accent isolé"),
        (
            "١",
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        ),
        ("½", "a number sign that is not a digit", "un signe numérique qui n'est pas un chiffre"),
        ("¡", "a punctuation mark", "un signe de ponctuation"),
        ("€", "a symbol", "un symbole"),
        ("😀", "an emoji", "un émoji"),
        ("\x00", "a control character", "un caractère de contrôle"),
        (
            "\u200b",
            "an invisible or unassigned character",
            "un caractère invisible ou non attribué",
        ),
        (
            "\ue000",
            "an invisible or unassigned character",
            "un caractère invisible ou non attribué",
        ),
    ],
    ids=lambda value: value.encode("unicode_escape").decode("ascii").replace("\\", "U+")[:20],
)
def test_every_kind_of_character_is_named(char: str, english: str, french: str) -> None:
    assert describe_character(char) == (english, french)


def test_masks_never_show_a_short_value_whole() -> None:
    assert mask("abcd", 2, 2) == "****"
    assert mask("abc", 2, 2) == "***"
    assert mask("abcdefgh", 2, 2) == "ab****gh"
    assert mask("abcdefgh", 0, 2, fill="#") == "######gh"


def test_original_index_past_the_end() -> None:
    assert original_index("1 2 3", 2) == 4
    with pytest.raises(IndexError, match=r"^3$"):
        original_index("1 2 3", 3)


def test_an_unmapped_code_raises_a_plain_validation_error() -> None:
    issue = Issue("x.unknown", "x", None, "message", "message")
    with pytest.raises(ValidationError) as raised:
        raise_first(Check(False, None, (issue,), ()), {})
    assert type(raised.value) is ValidationError
    assert raised.value.issue == issue


def test_an_issue_speaks_both_languages() -> None:
    (issue,) = check_nir("").errors
    assert (
        issue.message_in("fr")
        == issue.message_fr
        == "Le NIR est vide ; il doit comporter 15 caractères."
    )
    assert (
        issue.message_in("en") == issue.message == "The NIR is empty; it should have 15 characters."
    )
    assert issue.message_in("de") == issue.message
