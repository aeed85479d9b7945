"""The serial number rules, one test per rule, with the messages checked word for word.

Every serial number here is made up.
"""

from __future__ import annotations

import pickle

import pytest

from vitale_ids import (
    CardType,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    ValidationError,
    VitaleSerial,
    check_serial,
    is_valid_serial,
    parse_serial,
)

WITH = CardType.WITH_PHOTO
WITHOUT = CardType.WITHOUT_PHOTO
PHOTO_SERIAL = "12345678901"
PRINTED_PHOTO_SERIAL = "8025000002" + PHOTO_SERIAL
SHORT_SERIAL = "31415926"  # not a date: month 41
LONG_SERIAL = "2718281828459"

PHONE_EN = "The online form refuses it; if it is right, you can object by phone at 3422."
PHONE_FR = (
    "Le formulaire en ligne le refuse ; s'il est exact, vous pouvez vous opposer par"
    " téléphone au 3422."
)


def only_error(value: str, card_type: CardType | str, *, strict: bool = False) -> Issue:
    result = check_serial(value, card_type=card_type, strict=strict)
    assert not result.valid
    assert result.value is None
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


def only_warning(value: str, card_type: CardType | str) -> Issue:
    result = check_serial(value, card_type=card_type)
    assert result.valid
    assert result.value is not None
    assert len(result.warnings) == 1, result.warnings
    return result.warnings[0]


# --- Valid numbers ------------------------------------------------------------


def test_eleven_digits_with_photo() -> None:
    result = check_serial(PHOTO_SERIAL, card_type=WITH)
    assert result.valid
    assert result.errors == ()
    assert result.warnings == ()
    assert result.value == VitaleSerial(PHOTO_SERIAL, WITH)
    assert result.value is not None
    assert result.value.compact == PHOTO_SERIAL
    assert result.value.card_type is WITH


@pytest.mark.parametrize("value", [SHORT_SERIAL, LONG_SERIAL])
def test_eight_or_thirteen_digits_without_photo(value: str) -> None:
    result = check_serial(value, card_type=WITHOUT)
    assert result.valid
    assert result.warnings == ()
    assert result.value is not None
    assert result.value.compact == value
    assert result.value.card_type is WITHOUT


def test_leading_zeros_are_kept() -> None:
    assert parse_serial("00000000017", card_type=WITH).compact == "00000000017"
    assert parse_serial("00314159", card_type=WITHOUT).compact == "00314159"


@pytest.mark.parametrize(
    "card_type", ["avec photo", "Carte Vitale avec photo", "with_photo", "vitale 2"]
)
def test_card_type_given_as_text(card_type: str) -> None:
    assert parse_serial(PHOTO_SERIAL, card_type=card_type).card_type is WITH


@pytest.mark.parametrize(
    "typed",
    [
        "123 456 789 01",
        "1234-5678-901",
        "1234.5678.901",
        "\u00a012345678901\u202f",
        "12345\u200b678901\ufeff",
    ],
)
def test_separators_are_removed(typed: str) -> None:
    assert parse_serial(typed, card_type=WITH).compact == PHOTO_SERIAL


# --- Card with photo ------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "position"),
    [
        (PRINTED_PHOTO_SERIAL, 0),
        ("8025000002 1234567890 1", 0),  # the groups printed on the card
        ("  8025000002123456789 01", 2),
    ],
)
def test_the_whole_21_digits_keep_the_last_11_with_a_warning(typed: str, position: int) -> None:
    warning = only_warning(typed, WITH)
    assert warning.code == "serial.prefix_removed"
    assert warning.field == "serial"
    assert warning.position == position
    assert warning.message == (
        "The serial number has 21 digits and starts with 8025000002, the prefix of every card"
        " with photo: the form wants only the last 11 digits, which were kept."
    )
    assert warning.message_fr == (
        "Le numéro de série comporte 21 chiffres et commence par 8025000002, le préfixe de"
        " toutes les cartes avec photo : le formulaire n'en demande que les 11 derniers"
        " chiffres, qui ont été gardés."
    )
    assert parse_serial(typed, card_type=WITH).compact == PHOTO_SERIAL


def test_11_digits_that_start_like_the_prefix_are_an_ordinary_serial() -> None:
    result = check_serial("80250000021", card_type=WITH)
    assert result.valid
    assert result.issues == ()
    assert is_valid_serial("80250000021", card_type=WITH, strict=True)


def test_21_digits_without_the_prefix() -> None:
    assert not is_valid_serial("8025000003" + PHOTO_SERIAL, card_type=WITH)
    issue = only_error("8025000003" + PHOTO_SERIAL, WITH)
    assert issue.code == "serial.length"
    assert issue.position is None
    assert issue.message == (
        "The serial number of a card with photo must have 11 digits, or the 21 printed"
        " beside the photo, which start with 8025000002; these 21 do not."
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte avec photo doit comporter 11 chiffres, ou les 21"
        " imprimés à côté de la photo, qui commencent par 8025000002 ; ces 21 chiffres"
        " ne commencent pas ainsi."
    )


@pytest.mark.parametrize("length", [1, 7, 14, 20, 22])
def test_with_photo_length(length: int) -> None:
    issue = only_error(("1234567890" * 3)[:length], WITH)
    assert issue.code == "serial.length"
    assert issue.position is None
    assert issue.message == (
        f"The serial number of a card with photo must have 11 digits; this one has {length}."
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte avec photo doit comporter 11 chiffres ;"
        f" celui-ci en a {length}."
    )
    with pytest.raises(InvalidLength):
        parse_serial(("1234567890" * 3)[:length], card_type=WITH)


@pytest.mark.parametrize("length", [8, 13])
def test_with_photo_length_that_fits_a_card_without_photo(length: int) -> None:
    issue = only_error(LONG_SERIAL[:length], WITH)
    assert issue.code == "serial.length"
    assert issue.message == (
        f"The serial number of a card with photo must have 11 digits; this one has {length}."
        " A card without photo has serial numbers of this length: is the card type right?"
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte avec photo doit comporter 11 chiffres ;"
        f" celui-ci en a {length}. Une carte sans photo a des numéros de série de cette"
        " longueur : le type de carte est-il le bon ?"
    )


@pytest.mark.parametrize("length", [9, 10, 12])
def test_with_photo_length_that_fits_a_card_without_photo_rarely(length: int) -> None:
    issue = only_error(LONG_SERIAL[:length], WITH)
    assert issue.message == (
        f"The serial number of a card with photo must have 11 digits; this one has {length}."
        " A card without photo can have serial numbers of this length, though rarely:"
        " is the card type right?"
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte avec photo doit comporter 11 chiffres ;"
        f" celui-ci en a {length}. Une carte sans photo peut, rarement, avoir des numéros"
        " de série de cette longueur : le type de carte est-il le bon ?"
    )


# --- Card without photo -----------------------------------------------------------


@pytest.mark.parametrize("length", [9, 10, 12])
def test_without_photo_unusual_length(length: int) -> None:
    warning = only_warning(LONG_SERIAL[:length], WITHOUT)
    assert warning.code == "serial.unusual_length"
    assert warning.position is None
    assert warning.message == (
        "A card without photo usually has a serial number of 8 or 13 digits; this one has"
        f" {length}. The form accepts 8 to 13 digits, but check that none is missing or extra."
    )
    assert warning.message_fr == (
        "Une carte sans photo a en général un numéro de série de 8 ou 13 chiffres ; celui-ci"
        f" en a {length}. Le formulaire accepte de 8 à 13 chiffres, mais vérifiez qu'il n'en"
        " manque aucun et qu'aucun n'est en trop."
    )


def test_without_photo_eleven_digits_fits_a_card_with_photo() -> None:
    warning = only_warning(PHOTO_SERIAL, WITHOUT)
    assert warning.code == "serial.unusual_length"
    assert warning.message == (
        "A card without photo usually has a serial number of 8 or 13 digits; this one has"
        " 11. The form accepts 8 to 13 digits, but check that none is missing or extra."
        " 11 digits is the length for a card with photo: is the card type right?"
    )
    assert warning.message_fr == (
        "Une carte sans photo a en général un numéro de série de 8 ou 13 chiffres ; celui-ci"
        " en a 11. Le formulaire accepte de 8 à 13 chiffres, mais vérifiez qu'il n'en"
        " manque aucun et qu'aucun n'est en trop. 11 chiffres, c'est la longueur pour une"
        " carte avec photo : le type de carte est-il le bon ?"
    )


@pytest.mark.parametrize("length", [1, 7, 14, 21, 30])
def test_without_photo_length(length: int) -> None:
    issue = only_error(("2718281828" * 3)[:length], WITHOUT)
    assert issue.code == "serial.length"
    assert issue.position is None
    assert issue.message == (
        "The serial number of a card without photo must have 8 or 13 digits (8 to 13 are"
        f" accepted); this one has {length}."
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte sans photo doit comporter 8 ou 13 chiffres (8 à 13"
        f" sont acceptés) ; celui-ci en a {length}."
    )


def test_without_photo_the_21_printed_digits_of_a_card_with_photo() -> None:
    issue = only_error(PRINTED_PHOTO_SERIAL, WITHOUT)
    assert issue.message == (
        "The serial number of a card without photo must have 8 or 13 digits (8 to 13 are"
        " accepted); this one has 21. These are the 21 digits printed on a card with photo:"
        " is the card type right?"
    )
    assert issue.message_fr == (
        "Le numéro de série d'une carte sans photo doit comporter 8 ou 13 chiffres (8 à 13"
        " sont acceptés) ; celui-ci en a 21. Ce sont les 21 chiffres imprimés sur une carte"
        " avec photo : le type de carte est-il le bon ?"
    )


# --- Empty, characters, over-long input ---------------------------------------------


@pytest.mark.parametrize(
    ("card_type", "english", "french"),
    [
        (
            WITH,
            "The serial number is empty; on a card with photo it is printed beside the photo,"
            " and the form wants its last 11 digits.",
            "Le numéro de série est vide ; sur une carte avec photo, il est imprimé à côté de"
            " la photo, et le formulaire en demande les 11 derniers chiffres.",
        ),
        (
            WITHOUT,
            "The serial number is empty; on a card without photo it is printed on the back,"
            " top left, and has 8 or 13 digits.",
            "Le numéro de série est vide ; sur une carte sans photo, il est imprimé au dos, en"
            " haut à gauche, et comporte 8 ou 13 chiffres.",
        ),
    ],
)
@pytest.mark.parametrize("value", ["", "  ", " - "])
def test_empty(value: str, card_type: CardType, english: str, french: str) -> None:
    issue = only_error(value, card_type)
    assert issue.code == "serial.empty"
    assert issue.field == "serial"
    assert issue.position is None
    assert (issue.message, issue.message_fr) == (english, french)
    with pytest.raises(InvalidLength):
        parse_serial(value, card_type=card_type)


@pytest.mark.parametrize(
    ("char", "english", "french"),
    [
        (
            "O",
            "the letter O (did you mean the digit 0?)",
            "la lettre O (vouliez-vous dire le chiffre 0 ?)",
        ),
        (
            "l",
            "the letter l (did you mean the digit 1?)",
            "la lettre l (vouliez-vous dire le chiffre 1 ?)",
        ),
        ("X", "the letter X", "la lettre X"),
        ("é", "an accented letter", "une lettre accentuée"),
        (
            "٣",
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        ),
        ("/", "the character '/'", "le caractère '/'"),
    ],
)
def test_character(char: str, english: str, french: str) -> None:
    typed = "123 45" + char + " 789 01"
    issue = only_error(typed, WITH)
    assert issue.code == "serial.character"
    assert issue.field == "serial"
    assert issue.position == 6
    assert issue.message == f"Character 6 of the serial number must be a digit; it is {english}."
    assert issue.message_fr == (
        f"Le caractère 6 du numéro de série doit être un chiffre ; c'est {french}."
    )
    with pytest.raises(InvalidFormat):
        parse_serial(typed, card_type=WITH)


def test_fullwidth_digits_are_refused_even_though_python_calls_them_digits() -> None:
    fullwidth = PHOTO_SERIAL.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert fullwidth.isdigit()
    result = check_serial(fullwidth, card_type=WITH)
    assert [issue.code for issue in result.errors] == ["serial.character"] * 11


def test_every_error_is_reported_at_once() -> None:
    result = check_serial("12O4X", card_type=WITH)
    assert [(issue.code, issue.position) for issue in result.errors] == [
        ("serial.length", None),
        ("serial.character", 2),
        ("serial.character", 4),
    ]
    with pytest.raises(InvalidLength):
        parse_serial("12O4X", card_type=WITH)


def test_input_over_64_characters_is_refused_before_scanning() -> None:
    issue = only_error("1" * 65, WITHOUT)
    assert issue.code == "serial.length"
    assert issue.message == (
        "The serial number has at most 21 digits; this input has more than 64 characters."
    )
    assert issue.message_fr == (
        "Le numéro de série comporte au plus 21 chiffres ; cette saisie a plus de 64 caractères."
    )
    assert is_valid_serial(PHOTO_SERIAL + " " * 53, card_type=WITH)
    assert check_serial(PHOTO_SERIAL + " " * 53, card_type=WITH).valid
    # The full check reads 64 characters too: a warning, not a refusal.
    padded_date = check_serial("01012000" + " " * 56, card_type=WITHOUT)
    assert padded_date.valid
    assert [issue.code for issue in padded_date.warnings] == ["serial.looks_like_date"]


# --- Mistakes the official app refuses: warnings ---------------------------------------


@pytest.mark.parametrize("value", ["01012000", "29022024", "31121999", "15071900", "01012099"])
def test_looks_like_date(value: str) -> None:
    warning = only_warning(value, WITHOUT)
    assert warning.code == "serial.looks_like_date"
    assert warning.position is None
    assert warning.message == (
        "The serial number reads as a date (day, month, year): check that it is the card's"
        f" serial number and not a date. {PHONE_EN}"
    )
    assert warning.message_fr == (
        "Le numéro de série se lit comme une date (jour, mois, année) : vérifiez que c'est"
        f" bien le numéro de série de la carte et non une date. {PHONE_FR}"
    )


@pytest.mark.parametrize(
    "value",
    [
        "29022023",  # not a leap year
        "31042020",  # April has 30 days
        "00012000",
        "01002000",
        "01131999",
        "01011899",
        "01012100",
        "20000101",  # YYYYMMDD is not what the app looks for
    ],
)
def test_not_a_date(value: str) -> None:
    result = check_serial(value, card_type=WITHOUT)
    assert result.valid
    assert result.warnings == ()


def test_a_date_with_photo_is_a_length_error_and_a_warning() -> None:
    result = check_serial("14071989", card_type=WITH)
    assert [issue.code for issue in result.errors] == ["serial.length"]
    assert [issue.code for issue in result.warnings] == ["serial.looks_like_date"]


@pytest.mark.parametrize(
    ("value", "card_type"),
    [
        ("80250000025", WITH),
        ("80250000", WITHOUT),
        ("50000025", WITHOUT),
        ("250000025", WITHOUT),
        ("8025000002" + "80250000025", WITH),
    ],
)
def test_issuer_number(value: str, card_type: CardType) -> None:
    result = check_serial(value, card_type=card_type)
    assert result.valid
    warning = result.warnings[-1]
    assert warning.code == "serial.issuer_number"
    assert warning.position is None
    assert warning.message == (
        "The serial number is part of 80250000025, a number of the health-insurance scheme"
        f" shared by every card, not this card's own serial number. {PHONE_EN}"
    )
    assert warning.message_fr == (
        "Le numéro de série fait partie de 80250000025, un numéro du régime d'assurance"
        " maladie commun à toutes les cartes, et non le numéro de série propre à cette carte."
        f" {PHONE_FR}"
    )


def test_warnings_are_not_given_on_top_of_a_character_error() -> None:
    result = check_serial("0101200O", card_type=WITHOUT)
    assert [issue.code for issue in result.errors] == ["serial.character"]
    assert result.warnings == ()


# --- strict ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "card_type", "code", "error_class"),
    [
        (PRINTED_PHOTO_SERIAL, WITH, "serial.prefix_removed", InvalidLength),
        (LONG_SERIAL[:10], WITHOUT, "serial.unusual_length", InvalidLength),
        ("01012000", WITHOUT, "serial.looks_like_date", InvalidComponent),
        ("80250000025", WITH, "serial.issuer_number", InvalidComponent),
    ],
)
def test_strict_turns_warnings_into_errors(
    value: str, card_type: CardType, code: str, error_class: type[ValidationError]
) -> None:
    assert is_valid_serial(value, card_type=card_type)
    result = check_serial(value, card_type=card_type, strict=True)
    assert not result.valid
    assert result.value is None
    assert [issue.code for issue in result.errors] == [code]
    assert result.warnings == ()
    with pytest.raises(error_class) as raised:
        parse_serial(value, card_type=card_type, strict=True)
    assert raised.value.code == code
    assert not is_valid_serial(value, card_type=card_type, strict=True)


def test_strict_keeps_ordinary_numbers_valid() -> None:
    assert is_valid_serial(PHOTO_SERIAL, card_type=WITH, strict=True)
    assert is_valid_serial(SHORT_SERIAL, card_type=WITHOUT, strict=True)
    assert is_valid_serial(LONG_SERIAL, card_type=WITHOUT, strict=True)


# --- Card type given as text it cannot read ------------------------------------------


def test_unknown_card_type_is_an_issue_and_the_serial_is_still_checked() -> None:
    result = check_serial("12X45", card_type="photo?")
    assert [(issue.code, issue.field) for issue in result.errors] == [
        ("card_type.unknown", "card_type"),
        ("serial.length", "serial"),
        ("serial.character", "serial"),
    ]
    assert result.errors[1].message == (
        "The serial number must have 11 digits on a card with photo, or 8 to 13 on a card"
        " without photo; this one has 5."
    )
    assert result.errors[1].message_fr == (
        "Le numéro de série doit comporter 11 chiffres sur une carte avec photo, ou de 8 à 13"
        " sur une carte sans photo ; celui-ci en a 5."
    )
    with pytest.raises(InvalidComponent) as raised:
        parse_serial(PHOTO_SERIAL, card_type="photo?")
    assert raised.value.code == "card_type.unknown"
    assert not is_valid_serial(PHOTO_SERIAL, card_type="photo?")


@pytest.mark.parametrize(
    "value", [PHOTO_SERIAL, SHORT_SERIAL, LONG_SERIAL, "1234567890", PRINTED_PHOTO_SERIAL]
)
def test_unknown_card_type_with_a_length_one_type_accepts(value: str) -> None:
    result = check_serial(value, card_type="")
    assert [issue.code for issue in result.errors] == ["card_type.unknown"]
    assert result.errors[0].message == (
        'The card type must be "avec photo" or "sans photo" (carte Vitale with or without'
        " photo); this value is neither."
    )


def test_unknown_card_type_and_an_empty_serial() -> None:
    result = check_serial(" ", card_type="x")
    assert [issue.code for issue in result.errors] == ["card_type.unknown", "serial.empty"]
    assert result.errors[1].message == "The serial number is empty."
    assert result.errors[1].message_fr == "Le numéro de série est vide."


# --- Types and privacy ---------------------------------------------------------------


@pytest.mark.parametrize("value", [None, 12345678901, b"12345678901", ["1"]])
def test_non_str_serial(value: object) -> None:
    assert is_valid_serial(value, card_type=WITH) is False
    with pytest.raises(InvalidType) as raised:
        parse_serial(value, card_type=WITH)  # type: ignore[arg-type]
    assert raised.value.code == "serial.type"
    assert PHOTO_SERIAL not in str(raised.value)
    with pytest.raises(TypeError):
        check_serial(value, card_type=WITH)  # type: ignore[arg-type]


@pytest.mark.parametrize("card_type", [2, b"avec photo"])
def test_card_type_of_the_wrong_type(card_type: object) -> None:
    assert is_valid_serial(PHOTO_SERIAL, card_type=card_type) is False
    with pytest.raises(InvalidType) as raised:
        check_serial(PHOTO_SERIAL, card_type=card_type)  # type: ignore[arg-type]
    assert raised.value.code == "card_type.type"
    with pytest.raises(TypeError):
        parse_serial(PHOTO_SERIAL, card_type=card_type)  # type: ignore[arg-type]


def test_repr_and_str_are_masked() -> None:
    serial = parse_serial(PHOTO_SERIAL, card_type=WITH)
    assert serial.masked == "*******8901"
    assert repr(serial) == "VitaleSerial('*******8901', CardType.WITH_PHOTO)"
    assert str(serial) == "*******8901"
    assert parse_serial(SHORT_SERIAL, card_type=WITHOUT).masked == "****5926"
    shown = repr(serial) + str(serial) + repr(check_serial(PRINTED_PHOTO_SERIAL, card_type=WITH))
    assert PHOTO_SERIAL[:7] not in shown


def test_messages_never_contain_the_number() -> None:
    for value, card_type in [
        (PHOTO_SERIAL + "2", WITH),
        (PHOTO_SERIAL[:-1] + "O", WITH),
        (PRINTED_PHOTO_SERIAL, WITH),
        (LONG_SERIAL[:10], WITHOUT),
    ]:
        for issue in check_serial(value, card_type=card_type).issues:
            for text in (issue.message, issue.message_fr):
                assert "1234" not in text
                assert "2718" not in text


def test_serial_is_immutable_hashable_picklable_and_constructible_from_text() -> None:
    serial = VitaleSerial("123 456 789 01", "avec photo")
    assert serial == parse_serial(PHOTO_SERIAL, card_type=WITH)
    assert hash(serial) == hash(parse_serial(PHOTO_SERIAL, card_type=WITH))
    assert serial != parse_serial(PHOTO_SERIAL, card_type=WITHOUT)
    assert pickle.loads(pickle.dumps(serial)) == serial  # noqa: S301 - our own object
    with pytest.raises(AttributeError):
        serial.compact = "x"  # type: ignore[misc]
    with pytest.raises(InvalidLength):
        VitaleSerial(PRINTED_PHOTO_SERIAL, WITH, strict=True)
    assert VitaleSerial(PRINTED_PHOTO_SERIAL, WITH).compact == PHOTO_SERIAL


@pytest.mark.parametrize(
    ("value", "inferred"),
    [
        (PHOTO_SERIAL, WITH),
        ("8025000002 1234567890 1", WITH),
        ("31415926", WITHOUT),
        ("2718281828459", WITHOUT),
    ],
)
def test_without_a_card_type_it_is_inferred(value: str, inferred: CardType) -> None:
    for result in (check_serial(value), check_serial(value, card_type=None)):
        assert result.valid
        assert result.value is not None
        assert result.value.card_type is inferred
        assert result.warnings[0].code == "card_type.inferred"
        assert result.warnings[0].field == "card_type"
    assert is_valid_serial(value)
    assert not is_valid_serial(value, strict=True)
    assert parse_serial(value).card_type is inferred
    strict = check_serial(value, strict=True)
    assert strict.errors[0].code == "card_type.inferred"
    assert strict.value is None


@pytest.mark.parametrize("value", ["1234567890", "123456789012", "12O45678901", ""])
def test_without_a_card_type_that_the_length_does_not_show(value: str) -> None:
    result = check_serial(value)
    assert not result.valid
    assert "card_type.missing" in [issue.code for issue in result.errors]
    assert [issue.code for issue in result.errors].count("card_type.missing") == 1
    assert not is_valid_serial(value)
    with pytest.raises(ValidationError):
        parse_serial(value)


def test_a_blank_card_type_text_is_not_a_missing_one() -> None:
    # Only None means "not given" to check_serial; check_form also reads a
    # blank text so, as an unticked choice on the form.
    assert [issue.code for issue in check_serial(PHOTO_SERIAL, card_type=" ").errors] == [
        "card_type.unknown"
    ]
