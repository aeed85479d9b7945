"""All the messages of one check together name at most one character of the value (#12).

People type a value in the wrong field: a code provisoire where the NIR goes, a
NIR where the serial number goes. A metamorphic property tells whether the
messages name a character without knowing how they word it: ``twin`` replaces
every character of the value by another of the same kind (a letter by a letter
of the same case, a digit by a digit of the same category as a NIR's sex
digit, ASCII punctuation by other punctuation;
the lookalikes O, o, I and l and every other character are kept). When the two
values get the same issues (codes and positions), their messages, in each
language, may differ in one word at most: the one character named. A computed
key offered for 13 digits counts as one word too (see docs/privacy.md).
"""

from __future__ import annotations

import random
import re
import string
from typing import TYPE_CHECKING, Final

from hypothesis import example, given, settings
from hypothesis import strategies as st

from vitale_ids import (
    CardType,
    Issue,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
)
from vitale_ids.strategies import nirs, provisional_codes, serials

if TYPE_CHECKING:
    from collections.abc import Callable

LOOKALIKES: Final = frozenset("OoIl")
PUNCTUATION: Final = "!\"#$%&'()*+,/:;<=>?@[\\]^_`{|}~"  # not the separators . and -
# repr() quotes these differently: kept as they are, which names nothing new.
QUOTED: Final = "'\"\\"
GROUPS: Final = (
    "".join(c for c in string.ascii_uppercase if c not in LOOKALIKES),
    "".join(c for c in string.ascii_lowercase if c not in LOOKALIKES),
    # Digits stay in the group of their category as a NIR's sex digit, which the
    # warnings may describe: ordinary, temporary (two kinds), impossible.
    "12",
    "34",
    "78",
    "0569",
    "".join(c for c in PUNCTUATION if c not in QUOTED),
)
WORDS: Final = re.compile(r"\w+|[^\w\s]")


def twin(value: str, rng: random.Random) -> str:
    """``value`` with each character replaced by another of its kind."""
    out = []
    for char in value:
        group = next((group for group in GROUPS if char in group), None)
        out.append(char if group is None else rng.choice(group))
    return "".join(out)


def differing(
    mine: tuple[Issue, ...], theirs: tuple[Issue, ...], lang: str
) -> list[tuple[str, str]]:
    """The words that differ between two checks' messages in ``lang``."""
    words_a, words_b = words(mine, lang), words(theirs, lang)
    assert len(words_a) == len(words_b)
    return [(a, b) for a, b in zip(words_a, words_b, strict=True) if a != b]


def words(issues: tuple[Issue, ...], lang: str) -> list[str]:
    return [word for issue in issues for word in WORDS.findall(issue.message_in(lang))]


def shape(issues: tuple[Issue, ...]) -> list[tuple[str, int | None]]:
    return [(issue.code, issue.position) for issue in issues]


def form_as(field: str) -> Callable[[str], tuple[Issue, ...]]:
    def check(value: str) -> tuple[Issue, ...]:
        fields = {
            "provisional_code": "xK4b 9Tq2 Lm7k",
            "nir": "1 85 05 78 006 084 91",
            "serial": "123 456 789 01",
        }
        fields[field] = value
        return check_form(card_type=None, **fields).issues  # type: ignore[arg-type]

    return check


CHECKS: Final[dict[str, Callable[[str], tuple[Issue, ...]]]] = {
    "check_nir": lambda value: check_nir(value).issues,
    "check_nir strict": lambda value: check_nir(value, strict=True).issues,
    "check_provisional_code": lambda value: check_provisional_code(value).issues,
    "check_serial": lambda value: check_serial(value).issues,
    "check_serial avec photo": lambda value: check_serial(value, CardType.WITH_PHOTO).issues,
    "check_serial sans photo": lambda value: check_serial(value, "sans photo").issues,
    "check_form nir": form_as("nir"),
    "check_form code": form_as("provisional_code"),
    "check_form serial": form_as("serial"),
}

identifiers = st.one_of(
    nirs(),
    nirs().map(lambda nir: nir[:13]),  # without the key: the key is offered
    provisional_codes(),
    serials().map(lambda serial: serial.compact),
    st.text(string.ascii_letters + string.digits + PUNCTUATION + " é", max_size=24),
)


@settings(max_examples=300)
@given(
    value=identifiers,
    check_name=st.sampled_from(sorted(CHECKS)),
    seed=st.integers(0, 2**32 - 1),
)
@example(value="xK4b_Tq2!Lm7k", check_name="check_provisional_code", seed=1)
@example(value="12a4567890b", check_name="check_serial avec photo", seed=1)
@example(value="7 85 42 78 006 084 04", check_name="check_nir", seed=1)
@example(value="0 85 13 78 006 000 91", check_name="check_nir", seed=1)
@example(value="Qw3r Ty7u 9PzX", check_name="check_form nir", seed=1)
@example(value="1850578006084", check_name="check_nir", seed=1)
def test_the_messages_of_a_check_name_at_most_one_character(
    value: str, check_name: str, seed: int
) -> None:
    check = CHECKS[check_name]
    issues = check(value)
    rng = random.Random(seed)
    compared = 0
    for _ in range(20):
        other = twin(value, rng)
        other_issues = check(other)
        if shape(other_issues) != shape(issues):
            continue  # other rules apply to the twin: nothing to compare
        compared += 1
        for lang in ("en", "fr"):
            found = differing(issues, other_issues, lang)
            assert len(found) <= 1, (value, other, lang, found)
        if compared >= 3:
            break


def test_two_wrong_characters_name_only_the_first() -> None:
    (length, *characters) = check_nir("xK4b9Tq2Lm7k").errors
    assert length.code == "nir.length"
    assert [issue.position for issue in characters] == [0, 1, 3, 5, 6, 8, 9, 11]
    assert "the letter x" in characters[0].message
    for issue in characters[1:]:
        assert "another character that is not allowed" in issue.message
        assert "un autre caractère non autorisé" in issue.message_fr


def test_the_comparison_sees_two_named_characters() -> None:
    # The property can fail: the old wording named every wrong character.
    def old(first: str, second: str) -> tuple[Issue, ...]:
        return tuple(
            Issue("code.character", "provisional_code", i, f"It is {c}.", f"C'est {c}.")
            for i, c in ((4, first), (8, second))
        )

    assert len(differing(old("_", "!"), old("#", "?"), "en")) == 2
    assert len(differing(old("_", "!"), old("#", "!"), "fr")) == 1
    rng = random.Random(0)
    assert twin("xK4b_Tq2!Lm7k", rng) != "xK4b_Tq2!Lm7k"
