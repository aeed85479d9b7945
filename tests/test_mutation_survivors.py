"""Rules that mutation testing showed the rest of the suite did not pin down.

Each test here kills mutants that survived the suite (``nox -s mutation``): a
default argument, a boundary, a message, a part of a table. The equivalent
mutants that remain are listed in docs/strategies.md.
"""

from __future__ import annotations

import datetime

import pytest

from synthetic import ORDINARY, TEMPORARY, make_nir
from vitale_ids import (
    CardType,
    Check,
    InvalidLength,
    Issue,
    Nir,
    ValidationError,
    check_form,
    check_nir,
    nir_key,
    opposition_deadline,
)
from vitale_ids import card_type as card_type_module
from vitale_ids import nir as nir_module
from vitale_ids._core import describe_character, mask, original_index, raise_first, slot_setters

CODE = "a1B2c3D4e5F6"
SERIAL = "12345678901"


# --- NIR ----------------------------------------------------------------------------


def test_nir_objects_and_validate_are_lenient_by_default() -> None:
    assert Nir(TEMPORARY).is_temporary
    assert nir_module.validate(TEMPORARY) == TEMPORARY
    with pytest.raises(ValueError, match="temporary number"):
        nir_module.validate(TEMPORARY, strict=True)


def test_format_uses_spaces_by_default() -> None:
    assert nir_module.format(ORDINARY) == "1 85 05 78 006 084 91"


@pytest.mark.parametrize(
    ("value", "english"),
    [
        # Beside the 2 of a department, an A or a B could be right.
        (
            "185057O00608491",
            "Character 7 must be a digit, or 2A/2B for Corsica; it is the letter O.",
        ),
        # Character 8 is a commune digit: only a digit, and the look-alike hint.
        (
            "18505780O608491",
            "Character 9 must be a digit; it is the letter O (did you mean the digit 0?).",
        ),
        (
            "1850578O0608491",
            "Character 8 must be a digit; it is the letter O (did you mean the digit 0?).",
        ),
    ],
    ids=["character-7", "character-9", "character-8"],
)
def test_what_a_character_must_be_depends_on_where_it_stands(value: str, english: str) -> None:
    (issue,) = check_nir(value).errors
    assert issue.message == english


def test_a_lower_case_letter_is_named_as_typed() -> None:
    # Only 2a and 2b are upper-cased; an "a" or a "b" elsewhere is reported as typed.
    (issue,) = check_nir("185057a00608491").errors
    assert issue.message == "Character 7 must be a digit, or 2A/2B for Corsica; it is the letter a."
    (issue,) = check_nir("1850578b0608491").errors
    assert issue.message == "Character 8 must be a digit; it is the letter b."
    assert nir_module.compact("1 85 05 7a 006 084 91") == "185057a00608491"
    assert nir_module.compact("1 85 05 2b 006 084 91") == "185052B00608491"


@pytest.mark.parametrize("department", ["2X", "2C", "2Z"])
def test_only_a_and_b_are_letters_after_a_2(department: str) -> None:
    (issue,) = check_nir(f"18505{department}00608491").errors
    assert (issue.code, issue.position) == ("nir.character", 6)


@pytest.mark.parametrize(
    "month", ["O1", "1O", "０1", "1٣"], ids=["letter", "letter-2", "fullwidth", "arabic-indic"]
)
def test_a_wrong_character_in_the_month_is_one_error(month: str) -> None:
    result = check_nir(f"185{month}7800608491")
    assert [issue.code for issue in result.issues] == ["nir.character"]


def test_thirteen_characters_are_checked_part_by_part() -> None:
    # The key is missing, and the other parts are still judged.
    result = check_nir(make_nir(sex="5")[:13])
    assert [issue.code for issue in result.errors] == ["nir.missing_key", "nir.sex"]
    result = check_nir(make_nir(month="00", order="000")[:13])
    assert [issue.code for issue in result.errors] == [
        "nir.missing_key",
        "nir.month",
        "nir.order",
    ]
    assert [issue.code for issue in check_nir(TEMPORARY[:13]).warnings] == ["nir.temporary"]


def test_a_wrong_character_after_2a_is_refused_not_raised() -> None:
    # The fast path reads 2A/2B numbers apart: the character after them counts too.
    value = "185052AX0608491"
    assert nir_module.is_valid_nir(value) is False
    (issue,) = check_nir(value).errors
    assert (issue.code, issue.position) == ("nir.character", 7)


@pytest.mark.parametrize("sex", ["5", "9"])
@pytest.mark.parametrize("month", ["01", "04"])
def test_a_wrong_sex_digit_is_refused_whatever_follows(sex: str, month: str) -> None:
    # Sex, year and month are read as one number on the fast path: 5 00 01 is
    # 50001, which a division by the wrong power of ten would read as sex 4.
    value = make_nir(sex=sex, year="00", month=month)
    assert nir_module.is_valid_nir(value) is False
    assert [issue.code for issue in check_nir(value).errors] == ["nir.sex"]


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


def test_nir_key_reads_up_to_64_characters() -> None:
    assert nir_key(ORDINARY[:13] + " " * 51) == "91"
    with pytest.raises(InvalidLength) as raised:
        nir_key(ORDINARY[:13] + " " * 52)
    assert raised.value.issue.message == (
        "A key is computed on the first 13 characters of a NIR; there are 65."
    )
    assert raised.value.issue.message_fr == (
        "La clé se calcule sur les 13 premiers caractères du NIR ; il y en a 65."
    )


# --- Shared clean-up and wording -----------------------------------------------------


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


# --- Card type, serial number and form ---------------------------------------------


def test_the_card_type_spellings() -> None:
    # Built when the module is imported, so that only a direct call can test the table.
    spellings = card_type_module._spellings()
    with_photo = {word for word, card in spellings.items() if card is CardType.WITH_PHOTO}
    without_photo = {word for word, card in spellings.items() if card is CardType.WITHOUT_PHOTO}
    prefixes = ("", "carte", "cartevitale", "card", "vitalecard")
    assert with_photo == {p + w for p in prefixes for w in ("avecphoto", "withphoto")} | {
        "vitale2",
        "cartevitale2",
        "cardvitale2",
    }
    assert without_photo == {
        p + w for p in prefixes for w in ("sansphoto", "withoutphoto", "nophoto")
    } | {"vitale1", "cartevitale1", "cardvitale1"}


def test_a_card_type_reads_up_to_64_characters() -> None:
    assert CardType.parse("avec photo".ljust(64)) is CardType.WITH_PHOTO
    with pytest.raises(ValueError, match="neither"):
        CardType.parse("avec photo".ljust(65))


def form(**fields: object) -> object:
    values: dict[str, object] = {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": CardType.WITH_PHOTO,
        "serial": SERIAL,
    }
    values.update(fields)
    return check_form(**values)  # type: ignore[arg-type]


def error_codes(result: object) -> list[str]:
    return [issue.code for issue in result.errors]  # type: ignore[attr-defined]


def test_a_field_with_an_error_is_not_valid() -> None:
    missing = form(card_type=None, serial="123456789")
    assert missing.fields["card_type"].valid is False  # type: ignore[attr-defined]
    unknown = form(card_type="vitale 3")
    assert unknown.fields["card_type"].valid is False  # type: ignore[attr-defined]
    in_nir = form(serial=ORDINARY[2:13])
    assert error_codes(in_nir) == ["form.serial_in_nir"]
    assert in_nir.fields["serial"].valid is False  # type: ignore[attr-defined]


def test_the_serial_is_looked_for_in_a_nir_of_64_characters() -> None:
    nir = " ".join(ORDINARY).ljust(64)
    assert len(nir) == 64
    assert error_codes(form(nir=nir, serial=ORDINARY[2:13])) == ["form.serial_in_nir"]


def test_a_serial_of_64_characters_is_read() -> None:
    serial = " ".join(SERIAL).ljust(64)
    result = form(card_type=None, serial=serial)
    assert [issue.code for issue in result.warnings] == ["card_type.inferred"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    "serial",
    ["1" * 21, "8025000002" + "12345", "8025000002"],
    ids=["21-without-prefix", "prefix-and-5", "prefix-alone"],
)
def test_only_the_21_printed_digits_show_a_card_with_photo(serial: str) -> None:
    assert "card_type.missing" in error_codes(form(card_type=None, serial=serial))


@pytest.mark.parametrize("serial", ["1" * 14, "1" * 21], ids=["14-digits", "21-without-prefix"])
def test_without_a_card_type_the_serial_must_fit_one(serial: str) -> None:
    assert error_codes(form(card_type="vitale 3", serial=serial)) == [
        "card_type.unknown",
        "serial.length",
    ]


def test_without_a_card_type_the_serials_warnings_are_kept() -> None:
    result = form(card_type="vitale 3", serial="01012000")
    assert error_codes(result) == ["card_type.unknown"]
    warnings = [issue.code for issue in result.warnings]  # type: ignore[attr-defined]
    assert warnings == ["serial.looks_like_date"]
    serial_warnings = result.fields["serial"].warnings  # type: ignore[attr-defined]
    assert [issue.code for issue in serial_warnings] == ["serial.looks_like_date"]


def test_the_deadline_names_what_it_was_given() -> None:
    with pytest.raises(TypeError, match=r"^Expected a datetime.date, got str\.$"):
        opposition_deadline("2025-03-03")  # type: ignore[arg-type]
    assert opposition_deadline(datetime.date(2025, 3, 3)) == datetime.date(2025, 4, 14)
