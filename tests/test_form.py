"""The whole-form check: every field at once, the cross-field rules, the deadline.

Every identifier here is synthetic (the NIRs' keys are computed).
"""

from __future__ import annotations

import datetime
import types
from typing import Any

import pytest

from synthetic import ORDINARY, TEMPORARY
from vitale_ids import (
    CardType,
    FormCheck,
    InvalidType,
    Nir,
    ProvisionalCode,
    VitaleSerial,
    check_form,
    check_serial,
    code_expires_on,
    opposition_deadline,
)
from vitale_ids.form import check_serial_inferring_card_type

CODE = "xK4b9Tq2Lm7k"
PHOTO_SERIAL = "12345678901"
SHORT_SERIAL = "31415926"
LONG_SERIAL = "2718281828459"


def form(**changes: Any) -> FormCheck:
    fields: dict[str, Any] = {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": CardType.WITH_PHOTO,
        "serial": PHOTO_SERIAL,
    }
    fields.update(changes)
    return check_form(**fields)


def codes(issues: tuple[Any, ...]) -> list[tuple[str, str]]:
    return [(issue.field, issue.code) for issue in issues]


# --- A valid form -----------------------------------------------------------------


def test_a_valid_form() -> None:
    result = form()
    assert result.valid
    assert bool(result) is True
    assert result.errors == ()
    assert result.warnings == ()
    assert result.issues == ()
    assert list(result.fields) == ["provisional_code", "nir", "card_type", "serial"]
    assert result.fields["provisional_code"].value == ProvisionalCode(CODE)
    assert result.fields["nir"].value == Nir(ORDINARY)
    assert result.fields["card_type"].value is CardType.WITH_PHOTO
    assert result.fields["serial"].value == VitaleSerial(PHOTO_SERIAL, CardType.WITH_PHOTO)
    assert all(check.valid for check in result.fields.values())


def test_fields_cannot_be_changed() -> None:
    result = form()
    assert isinstance(result.fields, types.MappingProxyType)
    with pytest.raises(TypeError):
        result.fields["nir"] = result.fields["serial"]  # type: ignore[index]
    with pytest.raises(AttributeError):
        result.valid = False  # type: ignore[misc]


def test_fields_are_typed_and_spaced_as_people_type_them() -> None:
    result = form(
        provisional_code="xK4b 9Tq2 Lm7k",
        nir="1 85 05 78 006 084 91",
        card_type="Carte Vitale avec photo",
        serial="8025000002 1234567890 1",
    )
    assert result.valid
    assert codes(result.warnings) == [("serial", "serial.prefix_removed")]
    assert result.fields["serial"].value == VitaleSerial(PHOTO_SERIAL, CardType.WITH_PHOTO)


# --- Every problem at once ---------------------------------------------------------


def test_every_field_is_checked_and_every_problem_reported() -> None:
    result = form(
        provisional_code="xK4b9Tq2Lm7",
        nir="1 85 05 78 006 084 19",
        card_type="photo?",
        serial="12O45",
    )
    assert not result.valid
    assert codes(result.errors) == [
        ("provisional_code", "code.length"),
        ("nir", "nir.checksum"),
        ("card_type", "card_type.unknown"),
        ("serial", "serial.length"),
        ("serial", "serial.character"),
    ]
    assert result.errors[-1].position == 2
    for field, check in result.fields.items():
        assert not check.valid
        # The serial's field also carries the card type's error (see FormCheck).
        allowed = {field, "card_type"} if field == "serial" else {field}
        assert all(issue.field in allowed for issue in check.issues)
    assert result.errors == tuple(
        dict.fromkeys(issue for check in result.fields.values() for issue in check.errors)
    )


def test_empty_form() -> None:
    result = check_form(provisional_code="", nir="", card_type=None, serial="")
    assert codes(result.errors) == [
        ("provisional_code", "code.empty"),
        ("nir", "nir.empty"),
        ("card_type", "card_type.missing"),
        ("serial", "serial.empty"),
    ]


def test_warnings_of_every_field_are_gathered() -> None:
    result = form(nir=TEMPORARY, card_type=CardType.WITHOUT_PHOTO, serial="1234567890")
    assert result.valid
    assert codes(result.warnings) == [
        ("nir", "nir.temporary"),
        ("serial", "serial.unusual_length"),
    ]


# --- Serial number inside the NIR --------------------------------------------------


@pytest.mark.parametrize(
    ("serial", "card_type"),
    [
        (ORDINARY[:11], CardType.WITH_PHOTO),
        (ORDINARY[4:15], CardType.WITH_PHOTO),
        (ORDINARY[:8], CardType.WITHOUT_PHOTO),
        (ORDINARY[2:15], CardType.WITHOUT_PHOTO),
        ("8025000002" + ORDINARY[1:12], CardType.WITH_PHOTO),  # the last 11 are compared
        (" ".join(ORDINARY[3:11]), CardType.WITHOUT_PHOTO),
    ],
)
def test_serial_in_nir(serial: str, card_type: CardType) -> None:
    result = form(serial=serial, card_type=card_type, nir="1 85 05 78 006 084 91")
    assert not result.valid
    assert codes(result.errors) == [("serial", "form.serial_in_nir")]
    issue = result.errors[0]
    assert issue.position is None
    assert issue.message == (
        "The serial number is found inside the NIR: it is not the card's serial number,"
        " which is printed beside the photo on a card with photo, and on the back, top left,"
        " on a card without photo. The online form refuses it."
    )
    assert issue.message_fr == (
        "Le numéro de série se trouve dans le NIR : ce n'est pas le numéro de série de la"
        " carte, imprimé à côté de la photo sur une carte avec photo, et au dos, en haut à"
        " gauche, sur une carte sans photo. Le formulaire en ligne le refuse."
    )
    serial_check = result.fields["serial"]
    assert not serial_check.valid
    assert serial_check.value is None
    assert serial_check.errors == (issue,)


@pytest.mark.parametrize("strict", [False, True])
def test_printed_serial_inside_the_nir_is_reported_strict_or_not(strict: bool) -> None:
    # The 21 printed digits keep their last 11, which are in the NIR. strict=True
    # makes the removed prefix an error, and must not lose the cross-field one.
    serial = "8025000002 " + ORDINARY[1:11] + " " + ORDINARY[11]
    result = form(serial=serial, strict=strict)
    assert "form.serial_in_nir" in [issue.code for issue in result.errors]
    prefix = [issue for issue in result.issues if issue.code == "serial.prefix_removed"]
    assert [issue in result.errors for issue in prefix] == [strict]


def test_the_whole_nir_typed_as_the_serial() -> None:
    result = form(serial=ORDINARY)
    assert codes(result.errors) == [
        ("serial", "serial.length"),
        ("serial", "form.serial_in_nir"),
        ("serial", "form.wrong_field"),
    ]


def test_serial_in_an_invalid_nir_is_still_found() -> None:
    wrong_key = ORDINARY[:13] + "19"
    result = form(nir=wrong_key, serial=ORDINARY[:11])
    assert codes(result.errors) == [("nir", "nir.checksum"), ("serial", "form.serial_in_nir")]


def test_short_serials_are_not_looked_for_in_the_nir() -> None:
    # "8" is in the NIR, but the serial is already wrong by its length.
    result = form(serial="8")
    assert codes(result.errors) == [("serial", "serial.length")]


def test_serial_not_in_nir() -> None:
    assert form(serial=PHOTO_SERIAL).valid
    # The same digits, but not as a run inside the NIR.
    assert form(serial=ORDINARY[:5] + ORDINARY[6:12]).valid


def test_serial_in_nir_even_without_a_card_type() -> None:
    result = form(card_type=None, serial=ORDINARY[:11])
    assert codes(result.issues) == [
        ("serial", "form.serial_in_nir"),
        ("card_type", "card_type.inferred"),
    ]


# --- Card type: given, inferred, missing, unknown --------------------------------------


@pytest.mark.parametrize(
    ("serial", "inferred", "english", "french"),
    [
        (
            PHOTO_SERIAL,
            CardType.WITH_PHOTO,
            "The card type is not given; a serial number of 11 digits (or the 21 printed beside"
            ' the photo) means a card with photo. The form asks for the card type: choose "avec'
            ' photo".',
            "Le type de carte n'est pas indiqué ; un numéro de série de 11 chiffres (ou les 21"
            " imprimés à côté de la photo) indique une carte avec photo. Le formulaire demande"
            " le type de carte : choisissez « avec photo ».",
        ),
        (
            "8025000002" + PHOTO_SERIAL,
            CardType.WITH_PHOTO,
            "The card type is not given; a serial number of 11 digits (or the 21 printed beside"
            ' the photo) means a card with photo. The form asks for the card type: choose "avec'
            ' photo".',
            "Le type de carte n'est pas indiqué ; un numéro de série de 11 chiffres (ou les 21"
            " imprimés à côté de la photo) indique une carte avec photo. Le formulaire demande"
            " le type de carte : choisissez « avec photo ».",
        ),
        (
            SHORT_SERIAL,
            CardType.WITHOUT_PHOTO,
            "The card type is not given; a serial number of 8 or 13 digits means a card"
            ' without photo. The form asks for the card type: choose "sans photo".',
            "Le type de carte n'est pas indiqué ; un numéro de série de 8 ou 13 chiffres"
            " indique une carte sans photo. Le formulaire demande le type de carte :"
            " choisissez « sans photo ».",
        ),
        (
            LONG_SERIAL,
            CardType.WITHOUT_PHOTO,
            "The card type is not given; a serial number of 8 or 13 digits means a card"
            ' without photo. The form asks for the card type: choose "sans photo".',
            "Le type de carte n'est pas indiqué ; un numéro de série de 8 ou 13 chiffres"
            " indique une carte sans photo. Le formulaire demande le type de carte :"
            " choisissez « sans photo ».",
        ),
    ],
)
@pytest.mark.parametrize("not_given", [None, "", "  ", "-" * 64])
def test_card_type_inferred(
    serial: str, inferred: CardType, english: str, french: str, not_given: str | None
) -> None:
    result = form(card_type=not_given, serial=serial)
    assert result.valid
    warning = next(issue for issue in result.warnings if issue.field == "card_type")
    assert warning.code == "card_type.inferred"
    assert warning.position is None
    assert (warning.message, warning.message_fr) == (english, french)
    assert result.fields["card_type"].value is inferred
    serial_value = result.fields["serial"].value
    assert isinstance(serial_value, VitaleSerial)
    assert serial_value.card_type is inferred


def test_a_card_type_of_65_separators_is_not_read() -> None:
    # Up to 64 characters a choice left blank is recognized; beyond, nothing is scanned.
    result = form(card_type="-" * 65)
    assert codes(result.errors)[0] == ("card_type", "card_type.unknown")


def test_serial_inferring_card_type_is_lenient_by_default() -> None:
    result = check_serial(PHOTO_SERIAL)
    assert result.valid
    assert [issue.code for issue in result.warnings] == ["card_type.inferred"]


def test_inferred_card_type_is_an_error_when_strict() -> None:
    result = form(card_type=None, strict=True)
    assert not result.valid
    assert codes(result.errors) == [("card_type", "card_type.inferred")]
    assert result.warnings == ()
    assert result.fields["card_type"].value is None
    # The serial number is still checked against the inferred type.
    assert result.fields["serial"].valid


@pytest.mark.parametrize(
    "serial", ["1234567890", "123456789", "123456789012", "12345", "", "12O45678901"]
)
def test_card_type_missing(serial: str) -> None:
    result = form(card_type=None, serial=serial)
    assert not result.valid
    issue = result.fields["card_type"].errors[0]
    assert issue.code == "card_type.missing"
    assert issue.field == "card_type"
    assert issue.message == (
        'The card type is missing: choose "avec photo" or "sans photo". The serial number'
        " does not show which it is."
    )
    assert issue.message_fr == (
        "Le type de carte manque : choisissez « avec photo » ou « sans photo ». Le numéro"
        " de série ne permet pas de le savoir."
    )


def test_missing_card_type_leaves_the_serial_invalid_without_a_value() -> None:
    result = form(card_type=None, serial="1234567890")
    # Listed once for the form, though the serial's field repeats it.
    assert codes(result.errors) == [("card_type", "card_type.missing")]
    serial_check = result.fields["serial"]
    assert not serial_check.valid
    assert serial_check.value is None
    assert codes(serial_check.errors) == [("card_type", "card_type.missing")]


def test_every_field_check_has_a_value_exactly_when_valid() -> None:
    for card_type in (None, "vitale 3", "avec photo", "sans photo"):
        for serial in ("1234567890", PHOTO_SERIAL, "12345678", ""):
            result = form(card_type=card_type, serial=serial)
            for check in result.fields.values():
                assert check.valid == (check.value is not None), (card_type, serial)


def test_card_type_unknown() -> None:
    result = form(card_type="vitale 3")
    assert codes(result.errors) == [("card_type", "card_type.unknown")]
    assert result.errors[0].message == (
        'The card type must be "avec photo" or "sans photo" (carte Vitale with or without'
        " photo); this value is neither."
    )
    assert result.fields["card_type"].value is None
    assert result.fields["serial"].value is None


def test_card_type_does_not_match_the_serial() -> None:
    result = form(card_type="sans photo", serial="8025000002" + PHOTO_SERIAL)
    assert codes(result.errors) == [("serial", "serial.length")]
    assert result.errors[0].message.endswith(
        "These are the 21 digits printed on a card with photo: is the card type right?"
    )


# --- strict ------------------------------------------------------------------------


def test_strict_turns_every_warning_into_an_error() -> None:
    lenient = form(nir=TEMPORARY, card_type=None, serial="8025000002" + PHOTO_SERIAL)
    assert lenient.valid
    assert codes(lenient.warnings) == [
        ("nir", "nir.temporary"),
        ("card_type", "card_type.inferred"),
        ("serial", "serial.prefix_removed"),
    ]
    strict = form(nir=TEMPORARY, card_type=None, serial="8025000002" + PHOTO_SERIAL, strict=True)
    assert not strict.valid
    assert strict.warnings == ()
    assert strict.errors == lenient.warnings


# --- Types and privacy --------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "code"),
    [("provisional_code", "code.type"), ("nir", "nir.type"), ("serial", "serial.type")],
)
def test_non_str_fields_raise_invalid_type(field: str, code: str) -> None:
    with pytest.raises(InvalidType) as raised:
        form(**{field: 185057800608491})
    assert raised.value.code == code
    assert raised.value.field == field
    assert isinstance(raised.value, TypeError)


def test_card_type_of_the_wrong_type() -> None:
    with pytest.raises(InvalidType) as raised:
        form(card_type=2)
    assert raised.value.code == "card_type.type"


def test_repr_shows_only_codes() -> None:
    result = form(card_type=None, serial=ORDINARY[:11])
    assert repr(result) == (
        "FormCheck(valid=False, errors=['form.serial_in_nir'], warnings=['card_type.inferred'])"
    )
    assert repr(form()) == "FormCheck(valid=True, errors=[], warnings=[])"


def test_nothing_shown_contains_an_identifier() -> None:
    result = form(serial="8025000002" + PHOTO_SERIAL, nir=TEMPORARY)
    shown = repr(result) + str(result) + repr(dict(result.fields)) + str(dict(result.fields))
    for secret in (CODE[:10], ORDINARY[2:13], TEMPORARY[2:13], PHOTO_SERIAL[:7]):
        assert secret not in shown
    for issue in result.issues:
        for text in (issue.message, issue.message_fr):
            assert CODE[:4] not in text
            assert PHOTO_SERIAL[:4] not in text


def test_form_checks_compare_and_hash() -> None:
    assert form() == form()
    assert hash(form()) == hash(form())
    assert form() != form(serial=SHORT_SERIAL, card_type="sans photo")


# --- Deadline -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sent_on", "deadline"),
    [
        (datetime.date(2025, 3, 3), datetime.date(2025, 4, 14)),
        (datetime.date(2025, 12, 1), datetime.date(2026, 1, 12)),
        (datetime.date(2024, 1, 20), datetime.date(2024, 3, 2)),  # leap year: 29 February
        (datetime.date(2023, 1, 20), datetime.date(2023, 3, 3)),
    ],
)
def test_opposition_deadline_is_six_weeks_after_sending(
    sent_on: datetime.date, deadline: datetime.date
) -> None:
    assert opposition_deadline(sent_on) == deadline
    assert (deadline - sent_on).days == 42
    assert code_expires_on(sent_on) == deadline


def test_a_datetime_counts_as_its_date() -> None:
    sent_at = datetime.datetime(2025, 3, 3, 23, 59, tzinfo=datetime.timezone.utc)
    assert opposition_deadline(sent_at) == datetime.date(2025, 4, 14)
    assert type(opposition_deadline(sent_at)) is datetime.date


@pytest.mark.parametrize("value", ["2025-03-03", None, 20250303])
def test_deadline_needs_a_date(value: object) -> None:
    with pytest.raises(TypeError, match=r"Expected a datetime\.date, got"):
        opposition_deadline(value)  # type: ignore[arg-type]


def test_code_expires_on_is_the_same_function() -> None:
    assert code_expires_on is opposition_deadline


@pytest.mark.parametrize(
    "serial",
    [PHOTO_SERIAL, "12345678", "8025000002" + PHOTO_SERIAL, "1234567890", "12O45678901", ""],
)
@pytest.mark.parametrize("strict", [False, True])
def test_serial_inferring_card_type_agrees_with_the_form(serial: str, strict: bool) -> None:
    alone = check_serial(serial, strict=strict)
    fields = form(card_type=None, serial=serial, strict=strict).fields
    both = fields["card_type"].issues + fields["serial"].issues
    # The same issues as the form's two fields, each once, and the same value.
    assert set(alone.issues) == set(both)
    assert len(alone.issues) == len(set(alone.issues))
    assert alone.valid == (fields["card_type"].valid and fields["serial"].valid)
    # Strict can fail the inferred card type while the serial's field keeps its
    # value; the combined check, invalid then, has none.
    assert alone.value == (fields["serial"].value if alone.valid else None)


@pytest.mark.parametrize("serial", [PHOTO_SERIAL, "1234567890", "12O45678901"])
@pytest.mark.parametrize("strict", [False, True])
def test_check_serial_inferring_card_type_is_a_deprecated_alias(serial: str, strict: bool) -> None:
    with pytest.warns(DeprecationWarning, match="check_serial"):
        alias = check_serial_inferring_card_type(serial, strict=strict)
    assert alias == check_serial(serial, strict=strict)


# --- Found by mutation testing ---------------------------------------------


def error_codes(result: FormCheck) -> list[str]:
    return [issue.code for issue in result.errors]


def test_a_field_with_an_error_is_not_valid() -> None:
    missing = form(card_type=None, serial="123456789")
    assert missing.fields["card_type"].valid is False
    unknown = form(card_type="vitale 3")
    assert unknown.fields["card_type"].valid is False
    in_nir = form(serial=ORDINARY[2:13])
    assert error_codes(in_nir) == ["form.serial_in_nir"]
    assert in_nir.fields["serial"].valid is False


def test_the_serial_is_looked_for_in_a_nir_of_64_characters() -> None:
    nir = " ".join(ORDINARY).ljust(64)
    assert len(nir) == 64
    assert error_codes(form(nir=nir, serial=ORDINARY[2:13])) == ["form.serial_in_nir"]


def test_a_serial_of_64_characters_is_read() -> None:
    serial = " ".join(PHOTO_SERIAL).ljust(64)
    result = form(card_type=None, serial=serial)
    assert [issue.code for issue in result.warnings] == ["card_type.inferred"]


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
    warnings = [issue.code for issue in result.warnings]
    assert warnings == ["serial.looks_like_date"]
    serial_warnings = result.fields["serial"].warnings
    assert [issue.code for issue in serial_warnings] == ["serial.looks_like_date"]


def test_the_deadline_names_what_it_was_given() -> None:
    with pytest.raises(TypeError, match=r"^Expected a datetime.date, got str\.$"):
        opposition_deadline("2025-03-03")  # type: ignore[arg-type]
    assert opposition_deadline(datetime.date(2025, 3, 3)) == datetime.date(2025, 4, 14)


# --- A value in the wrong field (#12) ------------------------------------------------


def test_swapped_nir_and_serial_say_they_are_in_the_wrong_field() -> None:
    result = form(nir=PHOTO_SERIAL, serial=ORDINARY)
    assert codes(result.errors) == [
        ("nir", "nir.length"),
        ("nir", "form.wrong_field"),
        ("serial", "serial.length"),
        ("serial", "form.wrong_field"),
    ]
    nir_note, serial_note = (i for i in result.errors if i.code == "form.wrong_field")
    assert nir_note.message == (
        "This looks like a serial number, not a NIR: is it in the right field?"
    )
    assert serial_note.message_fr == (
        "Cette valeur ressemble à un NIR, pas à un numéro de série : est-elle dans le bon champ ?"
    )


def test_a_code_in_the_nir_field_says_so_and_names_one_character_at_most() -> None:
    result = form(nir="xK4b 9Tq2 Lm7k")
    assert ("nir", "form.wrong_field") in codes(result.errors)
    note = next(i for i in result.errors if i.code == "form.wrong_field")
    assert "a code provisoire" in note.message


@pytest.mark.parametrize(
    ("value", "field", "expected"),
    [
        ("xK4b 9Tq2 Lm7k", "nir", "provisional_code"),
        (ORDINARY, "serial", "nir"),
        (PHOTO_SERIAL, "nir", "serial"),
        (ORDINARY, "provisional_code", "nir"),
    ],
)
def test_wrong_field(value: str, field: str, expected: str) -> None:
    from vitale_ids import wrong_field
    from vitale_ids.form import valid_as_other_fields

    issue = wrong_field(value, field)
    assert issue is not None
    assert (issue.code, issue.field, issue.position) == ("form.wrong_field", field, None)
    assert expected in valid_as_other_fields(value, field)


def test_no_wrong_field_for_a_right_value_or_a_nir_without_its_key() -> None:
    from vitale_ids import wrong_field

    assert wrong_field(ORDINARY, "nir") is None
    assert wrong_field("something else", "nir") is None
    assert wrong_field(ORDINARY[:13], "nir") is None  # nir.missing_key says it
    assert codes(form().errors) == []
    with pytest.raises(ValueError, match="field must be one of"):
        wrong_field(ORDINARY, "card_type")
