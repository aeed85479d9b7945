"""The NIR rules, one test per rule, with the messages checked word for word."""

from __future__ import annotations

import pickle

import pytest

from synthetic import (
    ORDINARY,
    PUBLIC_2A,
    PUBLIC_2B,
    PUBLIC_ABROAD,
    TEMPORARY,
    UNKNOWN_MONTH,
    key_of,
    make_nir,
)
from vitale_ids import (
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    Nir,
    Sex,
    ValidationError,
    check_nir,
    is_valid_nir,
    nir_key,
    parse_nir,
)
from vitale_ids import nir as nir_module

PHONE_EN = "The online form refuses it; you can object by phone at 3422."
PHONE_FR = "Le formulaire en ligne le refuse ; vous pouvez vous opposer par téléphone au 3422."


def only_error(value: str, *, strict: bool = False) -> Issue:
    result = check_nir(value, strict=strict)
    assert not result.valid
    assert result.value is None
    assert len(result.errors) == 1, result.errors
    return result.errors[0]


# --- Valid numbers -------------------------------------------------------------


def test_ordinary_number_is_valid_with_no_issue() -> None:
    result = check_nir(ORDINARY)
    assert result.valid
    assert bool(result) is True
    assert result.errors == ()
    assert result.warnings == ()
    assert result.value == Nir(ORDINARY)


@pytest.mark.parametrize("value", [PUBLIC_ABROAD, PUBLIC_2A, PUBLIC_2B])
def test_public_examples_are_valid(value: str) -> None:
    assert is_valid_nir(value)
    assert is_valid_nir(value, strict=True)


def test_parts_of_an_ordinary_number() -> None:
    nir = parse_nir("1 85 05 78 006 084 91")
    assert nir.compact == "185057800608491"
    assert nir.sex is Sex.MALE
    assert nir.birth_year == 85
    assert nir.birth_month == 5
    assert nir.month_code == "05"
    assert nir.department == "78"
    assert nir.commune == "006"
    assert nir.country_code is None
    assert nir.order == "084"
    assert nir.key == "91"
    assert nir.is_temporary is False
    assert nir.online_form_accepts is True
    assert nir.birthplace == "Yvelines"


def test_parts_of_a_birth_abroad() -> None:
    nir = parse_nir(PUBLIC_ABROAD)
    assert nir.sex is Sex.FEMALE
    assert nir.department == "99"
    assert nir.commune is None
    assert nir.country_code == "126"
    assert nir.birthplace == "Born abroad: Grèce"
    assert nir.birthplace_fr == "Né(e) à l'étranger : Grèce"


def test_parts_of_an_overseas_birth() -> None:
    nir = parse_nir(make_nir(place="97123"))
    assert nir.department == "971"
    assert nir.commune == "23"
    assert nir.country_code is None
    assert nir.birthplace == "Guadeloupe"


def test_unknown_overseas_and_country_codes_are_described_not_refused() -> None:
    overseas = parse_nir(make_nir(place="97923"))
    assert overseas.birthplace == "Overseas (code 979 is not in the INSEE table)"
    abroad = parse_nir(make_nir(place="99999"))
    assert abroad.birthplace == "Born abroad (country code 999 is not in the INSEE table)"
    assert abroad.birthplace_fr == "Né(e) à l'étranger (code pays 999 absent de la table INSEE)"


@pytest.mark.parametrize(
    ("place", "english", "french"),
    [
        (
            "20123",
            "Corse, before its 1976 split into 2A and 2B",
            "Corse, avant sa division en 2A et 2B en 1976",
        ),
        ("2A004", "Corse-du-Sud", "Corse-du-Sud"),
        ("2B033", "Haute-Corse", "Haute-Corse"),
        ("91228", "Essonne, or Algeria before 1962", "Essonne, ou Algérie avant 1962"),
        ("94028", "Val-de-Marne, or Algeria before 1962", "Val-de-Marne, ou Algérie avant 1962"),
        ("95127", "Val-d'Oise, or Morocco before 1956", "Val-d'Oise, ou Maroc avant 1956"),
        ("96001", "Tunisia, before 1956", "Tunisie, avant 1956"),
        (
            "00000",
            "Not given (00, seen on temporary numbers)",
            "Non renseigné (00, vu sur les numéros provisoires)",
        ),
        ("99109", "Born abroad: Allemagne", "Né(e) à l'étranger : Allemagne"),
        (
            "99239",
            "Born abroad: Corée du Sud",
            "Né(e) à l'étranger : Corée du Sud",
        ),
    ],
)
def test_birthplace_with_its_history(place: str, english: str, french: str) -> None:
    nir = parse_nir(make_nir(place=place))
    assert (nir.birthplace, nir.birthplace_fr) == (english, french)


def test_every_two_digit_department_is_accepted() -> None:
    for department in [f"{d:02d}" for d in range(100)] + ["2A", "2B"]:
        assert is_valid_nir(make_nir(place=department + "123")), department


# --- Normalization ---------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "1 85 05 78 006 084 91",
        "  185057800608491\n",
        "1.85.05.78.006.084.91",
        "1-85-05-78-006-084-91",
        "1\u00a085\u00a005\u00a078\u00a0006\u00a0084\u00a091",  # no-break spaces
        "1\u202f85\u202f05 78 006 084 91",  # narrow no-break spaces
        "1\u201385\u201305\u201378 006 084 91",  # en dashes
        "\ufeff185057800608491\u200b",  # byte-order mark and zero-width space
    ],
)
def test_separators_are_removed(typed: str) -> None:
    assert parse_nir(typed).compact == ORDINARY


def test_lower_case_corsica_is_upper_cased() -> None:
    assert parse_nir(PUBLIC_2A.lower()).compact == PUBLIC_2A
    assert parse_nir("2 53 07 2b 073 004 70").compact == PUBLIC_2B
    assert nir_module.compact("2 53 07 2a 073 004 43") == PUBLIC_2A


def test_input_over_64_characters_is_refused_before_scanning() -> None:
    issue = only_error(ORDINARY + " " * 50)
    assert issue.code == "nir.length"
    assert issue.message == "The NIR must have 15 characters; this input has more than 64."
    assert issue.message_fr == "Le NIR doit comporter 15 caractères ; cette saisie en a plus de 64."
    # 64 characters are still read: separators alone do not make an input wrong.
    assert is_valid_nir(ORDINARY + " " * 49)


# --- Errors, in the order of the rules -------------------------------------------


@pytest.mark.parametrize("value", ["", "   ", " . - "])
def test_empty(value: str) -> None:
    issue = only_error(value)
    assert issue.code == "nir.empty"
    assert issue.field == "nir"
    assert issue.position is None
    assert issue.message == "The NIR is empty; it should have 15 characters."
    assert issue.message_fr == "Le NIR est vide ; il doit comporter 15 caractères."
    with pytest.raises(InvalidLength):
        parse_nir(value)


def test_missing_key_offers_the_key() -> None:
    issue = only_error("1 85 05 78 006 084")
    assert issue.code == "nir.missing_key"
    assert issue.position is None
    assert issue.message == (
        "The NIR has 13 characters: its 2-digit key is missing."
        " For these 13 characters the key is 91: add it at the end."
    )
    assert issue.message_fr == (
        "Le NIR ne comporte que 13 caractères : il manque sa clé à 2 chiffres."
        " Pour ces 13 caractères, la clé est 91 : ajoutez-la à la fin."
    )
    with pytest.raises(InvalidLength) as raised:
        parse_nir("1850578006084")
    assert raised.value.code == "nir.missing_key"


def test_missing_key_without_a_key_when_a_character_is_wrong() -> None:
    result = check_nir("18505780060X4")
    assert [issue.code for issue in result.errors] == ["nir.missing_key", "nir.character"]
    assert result.errors[0].message == "The NIR has 13 characters: its 2-digit key is missing."


@pytest.mark.parametrize("length", [1, 12, 14, 16, 30])
def test_length(length: int) -> None:
    issue = only_error(("1850578006084910000000000000000000")[:length])
    assert issue.code == "nir.length"
    assert issue.position is None
    assert issue.message == f"The NIR must have 15 characters; this one has {length}."
    assert issue.message_fr == f"Le NIR doit comporter 15 caractères ; celui-ci en a {length}."


def test_character_letter_with_lookalike_hint_and_original_position() -> None:
    issue = only_error("1 85 05 78 OO6 084 91".replace("OO6", "0O6"))
    assert issue.code == "nir.character"
    # Compact character 9, at index 12 of what was typed (spaces count there).
    assert issue.position == 12
    assert (
        issue.message
        == "Character 9 must be a digit; it is the letter O (did you mean the digit 0?)."
    )
    assert issue.message_fr == (
        "Le caractère 9 doit être un chiffre ; c'est la lettre O (vouliez-vous dire le chiffre 0 ?)."
    )
    with pytest.raises(InvalidFormat):
        parse_nir("1 85 05 78 0O6 084 91")


def test_character_in_the_corsica_positions() -> None:
    issue = only_error("1850578X0608491")
    assert issue.position == 7
    issue = only_error("18505X8006084" + "91")
    assert issue.code == "nir.character"
    assert issue.position == 5
    assert issue.message == "Character 6 must be a digit, or 2A/2B for Corsica; it is the letter X."
    assert issue.message_fr == (
        "Le caractère 6 doit être un chiffre, ou 2A/2B pour la Corse ; c'est la lettre X."
    )


@pytest.mark.parametrize("department", ["2C", "3A", "A2", "1B"])
def test_only_2a_and_2b_are_letters(department: str) -> None:
    value = "18505" + department + "00608491"
    assert [issue.code for issue in check_nir(value).errors] == ["nir.character"]


@pytest.mark.parametrize(
    ("digit", "english", "french"),
    [
        (
            "１",
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        ),
        (
            "٣",
            "a digit from another script (only 0 to 9 are accepted)",
            "un chiffre d'une autre écriture (seuls 0 à 9 sont acceptés)",
        ),
        ("é", "an accented letter", "une lettre accentuée"),
        ("Ο", "a Greek letter", "une lettre grecque"),
        ("😀", "an emoji", "un émoji"),
        ("\x00", "a control character", "un caractère de contrôle"),
        ("/", "the character '/'", "le caractère '/'"),
    ],
)
def test_character_kinds_are_named_without_echoing_the_input(
    digit: str, english: str, french: str
) -> None:
    value = ORDINARY[:14] + digit
    issue = only_error(value)
    assert issue.code == "nir.character"
    assert issue.position == 14
    assert issue.message == f"Character 15 must be a digit; it is {english}."
    assert issue.message_fr == f"Le caractère 15 doit être un chiffre ; c'est {french}."


def test_non_ascii_digits_are_refused_even_though_python_calls_them_digits() -> None:
    fullwidth = ORDINARY.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert fullwidth.isdigit()
    result = check_nir(fullwidth)
    assert len(result.errors) == 15
    assert {issue.code for issue in result.errors} == {"nir.character"}
    assert not is_valid_nir(fullwidth)


@pytest.mark.parametrize("digit", ["0", "5", "6", "9"])
def test_sex(digit: str) -> None:
    issue = only_error(make_nir(sex=digit))
    assert issue.code == "nir.sex"
    assert issue.position == 0
    assert issue.message == (
        "Character 1 (sex) must be 1 or 2, or 3, 4, 7 or 8 on a temporary number."
    )
    assert issue.message_fr == (
        "Le caractère 1 (sexe) doit valoir 1 ou 2, ou 3, 4, 7 ou 8 sur un numéro provisoire."
    )
    with pytest.raises(InvalidComponent):
        parse_nir(make_nir(sex=digit))


@pytest.mark.parametrize("month", ["00", "13", "15", "19"])
def test_month(month: str) -> None:
    issue = only_error(make_nir(month=month))
    assert issue.code == "nir.month"
    assert issue.position == 3
    assert issue.message == (
        "Characters 4-5 (month of birth) must be 01 to 12, or 20 to 99 when the month is unknown;"
        " 00 and 13 to 19 are never a month."
    )
    assert issue.message_fr == (
        "Les caractères 4-5 (mois de naissance) doivent aller de 01 à 12, ou de 20 à 99 si le mois"
        " est inconnu ; 00 et 13 à 19 ne sont jamais un mois."
    )


def test_order() -> None:
    issue = only_error(make_nir(order="000"))
    assert issue.code == "nir.order"
    assert issue.position == 10
    assert issue.message == "Characters 11-13 (order number) must be 001 to 999."
    assert issue.message_fr == "Les caractères 11-13 (numéro d'ordre) doivent aller de 001 à 999."
    assert is_valid_nir(make_nir(order="001"))
    assert is_valid_nir(make_nir(order="999"))


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("", "nir.empty"),
        ("1" * 65, "nir.length"),
        ("18505", "nir.length"),
        (ORDINARY[:13], "nir.missing_key"),
        (ORDINARY[:4] + "X" + ORDINARY[5:], "nir.character"),
        (make_nir(sex="5"), "nir.sex"),
        (make_nir(sex="3"), "nir.temporary"),
        (make_nir(month="13"), "nir.month"),
        (make_nir(month="45"), "nir.unknown_month"),
        (make_nir(order="000"), "nir.order"),
        (ORDINARY[:13] + "98", "nir.key_range"),
        (ORDINARY[:13] + "19", "nir.checksum"),
    ],
)
def test_every_issue_belongs_to_the_nir_field(value: str, code: str) -> None:
    for typed in (value, " " + value):  # the shortcuts and the full check
        issues = check_nir(typed).issues
        assert code in {issue.code for issue in issues}
        assert {issue.field for issue in issues} == {"nir"}


def test_nir_key_errors_belong_to_the_nir_field() -> None:
    with pytest.raises(ValidationError) as raised:
        nir_key("18505")
    assert (raised.value.code, raised.value.field) == ("nir.length", "nir")


def as_typed(nir: str) -> str:
    """``nir`` as people type it: a stray space first, then the card's groups."""
    groups = (nir[0], nir[1:3], nir[3:5], nir[5:7], nir[7:10], nir[10:13], nir[13:])
    return " " + " ".join(groups)


@pytest.mark.parametrize(
    ("nir", "code", "position"),
    [
        # " 3 85 05 78 006 084 91": characters 1, 4-5, 11-13 and 14-15 stand at
        # 1, 6, 16 and 20 of what was typed.
        (make_nir(sex="3"), "nir.temporary", 1),
        (make_nir(sex="5"), "nir.sex", 1),
        (make_nir(month="45"), "nir.unknown_month", 6),
        (make_nir(month="13"), "nir.month", 6),
        (make_nir(order="000"), "nir.order", 16),
        (ORDINARY[:13] + "98", "nir.key_range", 20),
        (ORDINARY[:13] + "19", "nir.checksum", 20),
    ],
)
def test_positions_point_at_what_was_typed(nir: str, code: str, position: int) -> None:
    typed = as_typed(nir)
    (issue,) = check_nir(typed).issues
    assert (issue.code, issue.position) == (code, position)
    assert typed[position] == nir[{1: 0, 6: 3, 16: 10, 20: 13}[position]]


@pytest.mark.parametrize("key", ["00", "98", "99"])
def test_key_range(key: str) -> None:
    issue = only_error(ORDINARY[:13] + key)
    assert issue.code == "nir.key_range"
    assert issue.position == 13
    assert (
        issue.message
        == "The key (characters 14-15) must be 01 to 97; 00, 98 and 99 are never a key."
    )
    assert (
        issue.message_fr
        == "La clé (caractères 14-15) doit aller de 01 à 97 ; 00, 98 et 99 ne sont jamais une clé."
    )
    with pytest.raises(InvalidChecksum):
        parse_nir(ORDINARY[:13] + key)


def test_checksum() -> None:
    issue = only_error("1 85 05 78 006 084 19")
    assert issue.code == "nir.checksum"
    assert issue.position == 19
    assert issue.message == (
        "The key (characters 14-15) does not match the first 13 characters:"
        " one of them is probably mistyped."
    )
    assert issue.message_fr == (
        "La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères :"
        " l'un d'eux est sans doute mal saisi."
    )
    with pytest.raises(InvalidChecksum) as raised:
        parse_nir("1 85 05 78 006 084 19")
    assert raised.value.code == "nir.checksum"
    assert raised.value.position == 19
    assert str(raised.value) == issue.message
    assert raised.value.message_fr == issue.message_fr


def test_corsica_key_uses_19_and_18_not_20() -> None:
    # django-localflavor reads both 2A and 2B as 20; with 20 these keys fail.
    assert nir_key(PUBLIC_2A[:13]) == "43"
    assert nir_key(PUBLIC_2B[:13]) == "70"
    as_20 = PUBLIC_2A[:5] + "20" + PUBLIC_2A[7:13]
    assert key_of(as_20) != "43"


def test_every_error_is_reported_at_once() -> None:
    result = check_nir("0 85 15 78 006 000 91")
    assert [issue.code for issue in result.errors] == [
        "nir.sex",
        "nir.month",
        "nir.order",
        "nir.checksum",
    ]
    with pytest.raises(InvalidComponent) as raised:
        parse_nir("0 85 15 78 006 000 91")
    assert raised.value.code == "nir.sex"


# --- Warnings and strict ------------------------------------------------------------


@pytest.mark.parametrize("digit", ["7", "8"])
def test_temporary_nia(digit: str) -> None:
    result = check_nir(make_nir(sex=digit))
    assert result.valid
    (warning,) = result.warnings
    assert warning.code == "nir.temporary"
    assert warning.position == 0
    assert warning.message == (
        "Character 1 is the sex digit of a temporary number (NIA, numéro d'identification"
        f" d'attente). {PHONE_EN}"
    )
    assert warning.message_fr == (
        "Le caractère 1 est le chiffre du sexe d'un numéro provisoire (NIA, numéro"
        f" d'identification d'attente). {PHONE_FR}"
    )
    assert result.value is not None
    assert result.value.is_temporary
    assert result.value.online_form_accepts is False


@pytest.mark.parametrize(("digit", "sex"), [("3", Sex.MALE), ("4", Sex.FEMALE)])
def test_temporary_birth_abroad(digit: str, sex: Sex) -> None:
    result = check_nir(make_nir(sex=digit, place="99109"))
    (warning,) = result.warnings
    assert warning.message == (
        "Character 1 is the sex digit of a temporary number, given while a birth abroad is"
        f" being registered. {PHONE_EN}"
    )
    assert warning.message_fr == (
        "Le caractère 1 est le chiffre du sexe d'un numéro provisoire, attribué pendant"
        f" l'immatriculation d'une personne née à l'étranger. {PHONE_FR}"
    )
    assert result.value is not None
    assert result.value.sex is sex


@pytest.mark.parametrize("month", ["20", "30", "42", "50", "99"])
def test_unknown_month(month: str) -> None:
    result = check_nir(make_nir(month=month))
    assert result.valid
    (warning,) = result.warnings
    assert warning.code == "nir.unknown_month"
    assert warning.position == 3
    assert warning.message == (
        f"Characters 4-5 give no month of birth: the month is unknown. {PHONE_EN}"
    )
    assert warning.message_fr == (
        f"Les caractères 4-5 ne donnent pas de mois de naissance : le mois est inconnu. {PHONE_FR}"
    )
    assert result.value is not None
    assert result.value.birth_month is None
    assert result.value.month_code == month
    assert result.value.online_form_accepts is False


def test_strict_turns_warnings_into_errors() -> None:
    result = check_nir(TEMPORARY, strict=True)
    assert not result.valid
    assert result.value is None
    assert [issue.code for issue in result.errors] == ["nir.temporary"]
    assert result.warnings == ()
    assert not is_valid_nir(UNKNOWN_MONTH, strict=True)
    with pytest.raises(InvalidComponent) as raised:
        parse_nir(UNKNOWN_MONTH, strict=True)
    assert raised.value.code == "nir.unknown_month"
    assert check_nir(ORDINARY, strict=True).valid


def test_warnings_come_with_errors() -> None:
    result = check_nir(make_nir(sex="7")[:13] + "01")
    assert [issue.code for issue in result.errors] == ["nir.checksum"]
    assert [issue.code for issue in result.warnings] == ["nir.temporary"]


# --- Types, errors and privacy ---------------------------------------------------------


@pytest.mark.parametrize(
    "value", [None, True, -185057800608491, b"185057800608491", ["1"], 1.5, float("nan")]
)
def test_non_str(value: object) -> None:
    assert is_valid_nir(value) is False
    assert issubclass(InvalidType, TypeError)
    with pytest.raises(InvalidType) as raised:
        parse_nir(value)  # type: ignore[arg-type]
    assert raised.value.code == "nir.type"
    assert "185057800608491" not in str(raised.value)
    with pytest.raises(InvalidType):
        check_nir(value)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        nir_key(value)  # type: ignore[arg-type]


def test_every_error_class_is_a_value_error() -> None:
    for cls in (InvalidLength, InvalidFormat, InvalidComponent, InvalidChecksum, InvalidType):
        assert issubclass(cls, ValidationError)
        assert issubclass(cls, ValueError)


def test_errors_pickle() -> None:
    with pytest.raises(ValidationError) as raised:
        parse_nir("1 85 05 78 006 084 19")
    copy = pickle.loads(pickle.dumps(raised.value))  # noqa: S301 - our own object
    assert type(copy) is InvalidChecksum
    assert copy.issue == raised.value.issue


def runs_of(text: str, size: int) -> set[str]:
    return {text[i : i + size] for i in range(len(text) - size + 1)}


@pytest.mark.parametrize("value", [ORDINARY, PUBLIC_2A, PUBLIC_ABROAD, TEMPORARY])
def test_repr_and_str_are_masked(value: str) -> None:
    nir = parse_nir(value)
    shown = repr(nir) + str(nir) + repr(check_nir(value)) + nir.masked
    digits_shown = "".join(c for c in shown if c.isalnum())
    assert not runs_of(nir.compact, 6) & runs_of(digits_shown, 6)
    assert nir.compact not in shown
    assert repr(nir) == f"Nir({nir.masked!r})"
    assert str(nir) == nir.masked


def test_messages_never_contain_the_number() -> None:
    for value in ["1 85 05 78 006 084 19", "0850578006084", "185057800608491x"]:
        for issue in check_nir(value).issues:
            for text in (issue.message, issue.message_fr):
                assert not runs_of(value.replace(" ", ""), 6) & runs_of(text, 6)


def test_format_and_masked() -> None:
    nir = parse_nir(ORDINARY)
    assert nir.format() == "1 85 05 78 006 084 91"
    assert nir.format("") == ORDINARY
    assert nir.format(".") == "1.85.05.78.006.084.91"
    assert nir.masked == "1 85 ** ** *** *** 91"
    assert nir_module.format(ORDINARY, "-") == "1-85-05-78-006-084-91"
    assert nir_module.validate("1 85 05 78 006 084 91") == ORDINARY


def test_nir_is_immutable_hashable_and_constructible_from_text() -> None:
    nir = Nir("1 85 05 78 006 084 91")
    assert nir == parse_nir(ORDINARY)
    assert hash(nir) == hash(parse_nir(ORDINARY))
    with pytest.raises(AttributeError):
        nir.compact = "x"  # type: ignore[misc]
    with pytest.raises(InvalidChecksum):
        Nir("1 85 05 78 006 084 19")
    with pytest.raises(InvalidComponent):
        Nir(TEMPORARY, strict=True)


def test_nir_key() -> None:
    assert nir_key("1850578006084") == "91"
    assert nir_key("2 95 10 99 126 111") == "93"
    assert nir_key("253072a073004") == "43"
    with pytest.raises(InvalidLength):
        nir_key("185057800608")
    with pytest.raises(InvalidLength):
        nir_key(ORDINARY)
    with pytest.raises(InvalidFormat) as raised:
        nir_key("1 85 05 78 006 O84")
    assert raised.value.position == 15
    with pytest.raises(InvalidLength):
        nir_key("1" * 100)


# --- Found by mutation testing (nox -s mutation) ---------------------------


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
