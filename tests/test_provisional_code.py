"""The code provisoire rules, with the messages checked word for word.

Every code here is made up.
"""

from __future__ import annotations

import pickle

import pytest

from vitale_ids import (
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    ProvisionalCode,
    ValidationError,
    check_provisional_code,
    is_valid_provisional_code,
    parse_provisional_code,
)

CODE = "xK4b9Tq2Lm7k"


def only_error(value: str) -> Issue:
    result = check_provisional_code(value)
    assert not result.valid
    assert result.value is None
    assert len(result.errors) == 1, result.errors
    assert result.warnings == ()
    return result.errors[0]


def test_a_well_formed_code_is_valid_with_no_issue() -> None:
    result = check_provisional_code(CODE)
    assert result.valid
    assert result.errors == ()
    assert result.warnings == ()
    assert result.value == ProvisionalCode(CODE)
    assert result.value is not None
    assert result.value.compact == CODE


@pytest.mark.parametrize("code", ["000000000000", "ZZZZZZZZZZZZ", "zzzzzzzzzzzz", "O0O0O0O0O0O0"])
def test_every_ascii_letter_and_digit_is_allowed(code: str) -> None:
    assert parse_provisional_code(code).compact == code


def test_case_is_kept_exactly() -> None:
    assert parse_provisional_code(CODE.upper()).compact == "XK4B9TQ2LM7K"
    assert parse_provisional_code(CODE.lower()).compact == "xk4b9tq2lm7k"
    assert parse_provisional_code(CODE.upper()) != parse_provisional_code(CODE.lower())


@pytest.mark.parametrize(
    "typed",
    [
        "xK4b 9Tq2 Lm7k",
        "xK4b-9Tq2-Lm7k",
        "xK4b.9Tq2.Lm7k",
        "  xK4b9Tq2Lm7k\n",
        "xK4b\u00a09Tq2\u202fLm7k",  # no-break spaces
        "xK4b\u20139Tq2\u2014Lm7k",  # en and em dashes
        "\ufeffxK4b9Tq2\u200bLm7k",  # byte-order mark and zero-width space
    ],
)
def test_separators_are_removed(typed: str) -> None:
    assert parse_provisional_code(typed).compact == CODE


@pytest.mark.parametrize("value", ["", "   ", " - . "])
def test_empty(value: str) -> None:
    issue = only_error(value)
    assert issue.code == "code.empty"
    assert issue.field == "provisional_code"
    assert issue.position is None
    assert issue.message == (
        "The code provisoire is empty; it should have the 12 characters given in the"
        " invitation letter, e-mail or SMS."
    )
    assert issue.message_fr == (
        "Le code provisoire est vide ; il doit comporter les 12 caractères donnés dans le"
        " courrier, l'e-mail ou le SMS d'invitation."
    )
    with pytest.raises(InvalidLength):
        parse_provisional_code(value)


@pytest.mark.parametrize("length", [1, 11, 13, 20])
def test_length_gives_the_count_found(length: int) -> None:
    value = (CODE * 2)[:length]
    issue = only_error(value)
    assert issue.code == "code.length"
    assert issue.position is None
    assert issue.message == f"The code provisoire must have 12 characters; this one has {length}."
    assert issue.message_fr == (
        f"Le code provisoire doit comporter 12 caractères ; celui-ci en a {length}."
    )
    with pytest.raises(InvalidLength) as raised:
        parse_provisional_code(value)
    assert raised.value.code == "code.length"


def test_separators_do_not_count_in_the_length() -> None:
    assert only_error("xK4b 9Tq2 Lm7").message.endswith("this one has 11.")


def test_input_over_64_characters_is_refused_before_scanning() -> None:
    issue = only_error("é" * 65)
    assert issue.code == "code.length"
    assert (
        issue.message == "The code provisoire must have 12 characters; this input has more than 64."
    )
    assert issue.message_fr == (
        "Le code provisoire doit comporter 12 caractères ; cette saisie en a plus de 64."
    )
    # 64 characters are still read: separators alone do not make a code wrong.
    assert is_valid_provisional_code(CODE + " " * 52)
    assert check_provisional_code(CODE + " " * 52).valid
    assert check_provisional_code(CODE + "-" * 52).valid


def test_a_str_subclass_gives_a_plain_str() -> None:
    class Text(str):
        pass

    result = check_provisional_code(Text(CODE))
    assert result.value is not None
    assert type(result.value.compact) is str
    assert result == check_provisional_code(CODE)


@pytest.mark.parametrize(
    ("char", "english", "french"),
    [
        ("é", "an accented letter", "une lettre accentuée"),
        ("Ω", "a Greek letter", "une lettre grecque"),
        ("Д", "a Cyrillic letter", "une lettre cyrillique"),
        (
            "１",
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        ),
        ("_", "the character '_'", "le caractère '_'"),
        ("/", "the character '/'", "le caractère '/'"),
        ("😀", "an emoji", "un émoji"),
    ],
)
def test_character_names_the_kind_with_its_position(char: str, english: str, french: str) -> None:
    # Compact character 6 stands at index 6 of what was typed: the space counts there.
    issue = only_error("xK4b 9" + char + "q2 Lm7k")
    assert issue.code == "code.character"
    assert issue.position == 6
    assert issue.message == (
        "Character 6 of the code provisoire must be a letter without accent or a digit"
        f" (A-Z, a-z, 0-9); it is {english}."
    )
    assert issue.message_fr == (
        "Le caractère 6 du code provisoire doit être une lettre sans accent ou un chiffre"
        f" (A-Z, a-z, 0-9) ; c'est {french}."
    )
    with pytest.raises(InvalidFormat):
        parse_provisional_code("xK4b 9" + char + "q2 Lm7k")


def test_position_is_counted_in_what_was_typed() -> None:
    result = check_provisional_code("xK4b - 9Tq2 - Lm7!")
    assert [(issue.code, issue.position) for issue in result.errors] == [("code.character", 17)]
    assert result.errors[0].message.startswith("Character 12 of")


def test_o_and_zero_are_both_valid_with_no_hint() -> None:
    result = check_provisional_code("O0O0O0O0O0O0")
    assert result.valid
    assert result.warnings == ()


def test_every_error_is_reported_at_once() -> None:
    result = check_provisional_code("aé/b")
    assert [(issue.code, issue.position) for issue in result.errors] == [
        ("code.length", None),
        ("code.character", 1),
        ("code.character", 2),
    ]
    with pytest.raises(InvalidLength):
        parse_provisional_code("aé/b")


def test_strict_changes_nothing_as_there_is_no_warning() -> None:
    assert check_provisional_code(CODE, strict=True) == check_provisional_code(CODE)
    assert not is_valid_provisional_code("x", strict=True)


@pytest.mark.parametrize("value", [None, 123456789012, b"xK4b9Tq2Lm7k", [CODE]])
def test_non_str(value: object) -> None:
    assert is_valid_provisional_code(value) is False
    with pytest.raises(InvalidType) as raised:
        parse_provisional_code(value)  # type: ignore[arg-type]
    assert raised.value.code == "code.type"
    assert raised.value.field == "provisional_code"
    assert CODE not in str(raised.value)
    with pytest.raises(TypeError):
        check_provisional_code(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        ProvisionalCode(value)  # type: ignore[arg-type]


def test_repr_and_str_are_masked() -> None:
    code = parse_provisional_code(CODE)
    assert code.masked == "**********7k"
    assert repr(code) == "ProvisionalCode('**********7k')"
    assert str(code) == "**********7k"
    assert f"{code}" == "**********7k"
    shown = repr(code) + str(code) + repr(check_provisional_code(CODE))
    assert CODE[:10] not in shown
    assert CODE not in shown


def test_messages_never_contain_the_code() -> None:
    for value in [CODE + "x", CODE[:-1] + "é", CODE[:11], "é" + CODE]:
        for issue in check_provisional_code(value).issues:
            for text in (issue.message, issue.message_fr):
                assert CODE[:4] not in text
                assert CODE[-4:] not in text


def test_code_is_immutable_hashable_picklable_and_constructible_from_text() -> None:
    code = ProvisionalCode("xK4b 9Tq2 Lm7k")
    assert code == parse_provisional_code(CODE)
    assert hash(code) == hash(parse_provisional_code(CODE))
    assert pickle.loads(pickle.dumps(code)) == code  # noqa: S301 - our own object
    with pytest.raises(AttributeError):
        code.compact = "x"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        ProvisionalCode("xK4b")


def test_errors_are_value_errors_and_pickle() -> None:
    with pytest.raises(ValueError, match="12 characters") as raised:
        parse_provisional_code("abc")
    assert isinstance(raised.value, ValidationError)
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own object
    assert type(copy) is InvalidLength
    assert copy.issue == raised.value.issue
