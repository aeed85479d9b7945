"""The NIR as the health identity (INS): FHIR FR Core identifier and identity coherence (#15)."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import vitale_ids
from synthetic import ORDINARY, PUBLIC_2A, PUBLIC_2B, PUBLIC_ABROAD, make_nir
from test_import import loaded_after
from vitale_ids import InvalidType, Issue, Nir, Sex, parse_nir
from vitale_ids.ins import (
    FHIR_IDENTIFIER_TYPE_SYSTEM,
    INS_NIA_SYSTEM,
    INS_NIR_DEMO_SYSTEM,
    INS_NIR_SYSTEM,
    INS_NIR_TEST_SYSTEM,
    Environment,
    check_fhir_identifier,
    check_identity,
    fhir_identifier,
)
from vitale_ids.strategies import identities, nirs

ENVIRONMENTS: tuple[Environment, ...] = ("production", "test", "demo")

# One synthetic number of each family, and the slice it belongs to in production.
FAMILIES = {
    "man": (make_nir(sex="1"), "INS-NIR"),
    "woman": (make_nir(sex="2"), "INS-NIR"),
    "nia man": (make_nir(sex="7"), "INS-NIA"),
    "nia woman": (make_nir(sex="8"), "INS-NIA"),
    "registration man": (make_nir(sex="3", place="99109"), "INS-NIA"),
    "registration woman": (make_nir(sex="4", place="99109"), "INS-NIA"),
    "corsica 2A": (parse_nir(PUBLIC_2A).compact, "INS-NIR"),
    "corsica 2B": (parse_nir(PUBLIC_2B).compact, "INS-NIR"),
    "corsica 20": (make_nir(year="55", place="20004"), "INS-NIR"),
    "overseas": (make_nir(place="97105"), "INS-NIR"),
    "abroad": (parse_nir(PUBLIC_ABROAD).compact, "INS-NIR"),
    "unknown month": (make_nir(month="42"), "INS-NIR"),
    "nia department 00": (make_nir(sex="8", place="00123"), "INS-NIA"),
}
SYSTEMS = {
    "INS-NIR": INS_NIR_SYSTEM,
    "INS-NIA": INS_NIA_SYSTEM,
    "INS-NIR-TEST": INS_NIR_TEST_SYSTEM,
    "INS-NIR-DEMO": INS_NIR_DEMO_SYSTEM,
}
USES = {"INS-NIR": "official", "INS-NIA": "temp", "INS-NIR-TEST": "official"}
USES["INS-NIR-DEMO"] = "official"


def expected_code(family_code: str, environment: Environment) -> str:
    return {"production": family_code, "test": "INS-NIR-TEST", "demo": "INS-NIR-DEMO"}[environment]


def codes(issues: tuple[Issue, ...]) -> list[str]:
    return [issue.code for issue in issues]


def assert_private(nir: str, issues: tuple[Issue, ...]) -> None:
    """No run of 6 characters of the NIR appears in any message, in either language."""
    compact = parse_nir(nir).compact if len(nir) != 15 else nir
    runs = {compact[start : start + 6] for start in range(len(compact) - 5)}
    for issue in issues:
        for message in (issue.message, issue.message_fr):
            assert message, issue
            assert not any(run in message for run in runs), (issue.code, message)


def assert_both_languages(issues: tuple[Issue, ...]) -> None:
    for issue in issues:
        assert issue.message, issue
        assert issue.message_fr, issue
        assert issue.message != issue.message_fr, issue


# --- Building and reading the FHIR identifier -----------------------------------------


@pytest.mark.parametrize("environment", ENVIRONMENTS)
@pytest.mark.parametrize("family", sorted(FAMILIES))
def test_round_trip_through_json(family: str, environment: Environment) -> None:
    nir, family_code = FAMILIES[family]
    identifier = parse_nir(nir).to_fhir_identifier(environment)
    code = expected_code(family_code, environment)
    assert identifier == {
        "use": USES[code],
        "type": {"coding": [{"system": FHIR_IDENTIFIER_TYPE_SYSTEM, "code": code}]},
        "system": SYSTEMS[code],
        "value": nir,
    }
    result = check_fhir_identifier(json.loads(json.dumps(identifier)))
    assert result.valid
    assert result.errors == ()
    assert result.value == parse_nir(nir)
    # Only the number's own warnings (temporary, unknown month): none about FHIR.
    assert [c for c in codes(result.warnings) if not c.startswith("nir.")] == []


@given(nirs(), st.sampled_from(ENVIRONMENTS))
def test_every_number_round_trips(nir: str, environment: Environment) -> None:
    identifier = json.loads(json.dumps(Nir(nir).to_fhir_identifier(environment)))
    result = check_fhir_identifier(identifier)
    assert result.valid
    assert result.value is not None
    assert result.value.compact == nir
    assert all(code.startswith("nir.") for code in codes(result.warnings))


def test_the_method_and_the_function_agree() -> None:
    nir = parse_nir(ORDINARY)
    assert nir.to_fhir_identifier() == fhir_identifier(nir) == fhir_identifier(ORDINARY)
    assert nir.to_fhir_identifier("demo") == fhir_identifier(ORDINARY, "demo")


def test_an_unknown_environment_is_refused() -> None:
    with pytest.raises(ValueError, match="production, test, demo"):
        parse_nir(ORDINARY).to_fhir_identifier("staging")  # type: ignore[arg-type]


def test_a_fhir_identifier_is_a_mapping() -> None:
    with pytest.raises(InvalidType) as caught:
        check_fhir_identifier([ORDINARY])  # type: ignore[arg-type]
    assert caught.value.code == "fhir.not_an_object"
    assert isinstance(caught.value, TypeError)
    assert "list" in str(caught.value)
    assert ORDINARY not in str(caught.value)


def identifier_of(nir: str, **changes: Any) -> dict[str, Any]:
    identifier = fhir_identifier(nir)
    for key, value in changes.items():
        if value is None:
            del identifier[key]
        else:
            identifier[key] = value
    return identifier


@pytest.mark.parametrize("value", [None, "", "   ", 185057800608491, ["x"]])
def test_a_value_is_required(value: object) -> None:
    identifier = identifier_of(ORDINARY)
    if value is None:
        del identifier["value"]
    else:
        identifier["value"] = value
    result = check_fhir_identifier(identifier)
    assert not result.valid
    assert codes(result.errors) == ["fhir.value"]


def test_the_value_is_checked_as_a_nir() -> None:
    wrong_key = ORDINARY[:13] + "19"
    result = check_fhir_identifier(identifier_of(ORDINARY, value=wrong_key))
    assert [(issue.code, issue.position) for issue in result.errors] == [("nir.checksum", 13)]
    assert_private(ORDINARY, result.issues)


def test_a_value_with_separators_is_accepted_with_a_warning() -> None:
    result = check_fhir_identifier(identifier_of(ORDINARY, value=parse_nir(ORDINARY).format()))
    assert result.valid
    assert codes(result.warnings) == ["fhir.value_format"]
    assert not check_fhir_identifier(
        identifier_of(ORDINARY, value=parse_nir(ORDINARY).format()), strict=True
    ).valid


def test_a_system_is_required() -> None:
    result = check_fhir_identifier(identifier_of(ORDINARY, system=None))
    assert codes(result.errors) == ["fhir.system_missing"]


@pytest.mark.parametrize(
    ("system", "hint"),
    [
        ("urn:oid:1.2.250.1.213.1.4.2", False),
        ("http://example.org/ins", False),
        (12, False),
        ("1.2.250.1.213.1.4.8", True),
    ],
)
def test_an_unknown_system_is_an_error(system: object, hint: bool) -> None:
    result = check_fhir_identifier(identifier_of(ORDINARY, system=system))
    assert codes(result.errors) == ["fhir.system_unknown"]
    assert ("urn:oid:" in result.errors[0].message) is hint


@pytest.mark.parametrize(
    ("nir", "system"),
    [
        (FAMILIES["nia man"][0], INS_NIR_SYSTEM),
        (FAMILIES["nia woman"][0], INS_NIR_SYSTEM),
        (FAMILIES["man"][0], INS_NIA_SYSTEM),
        (FAMILIES["corsica 2A"][0], INS_NIA_SYSTEM),
    ],
)
def test_a_nia_under_the_nir_oid_or_the_reverse_is_an_error(nir: str, system: str) -> None:
    # type and use are removed so that only the system can disagree with the number.
    result = check_fhir_identifier(identifier_of(nir, system=system, type=None, use=None))
    assert codes(result.errors) == ["fhir.system_mismatch"]
    assert_private(nir, result.issues)
    assert_both_languages(result.issues)


@pytest.mark.parametrize("sex", ["3", "4"])
def test_a_registration_number_under_the_nir_oid_is_only_a_warning(sex: str) -> None:
    nir = make_nir(sex=sex, place="99109")
    identifier = {"use": "official", "system": INS_NIR_SYSTEM, "value": nir}
    result = check_fhir_identifier(identifier)
    assert result.valid
    assert codes(result.warnings) == ["nir.temporary", "fhir.system_unsettled"]
    assert "INS-NIA" in result.warnings[1].message
    assert not check_fhir_identifier(identifier, strict=True).valid


@pytest.mark.parametrize("environment", ["test", "demo"])
def test_a_nia_of_a_test_or_demo_patient_is_fine(environment: Environment) -> None:
    identifier = fhir_identifier(FAMILIES["nia man"][0], environment)
    assert codes(check_fhir_identifier(identifier).warnings) == ["nir.temporary"]


def test_the_type_must_agree_with_the_system() -> None:
    wrong = {"coding": [{"system": FHIR_IDENTIFIER_TYPE_SYSTEM, "code": "INS-NIA"}]}
    result = check_fhir_identifier(identifier_of(ORDINARY, type=wrong))
    assert codes(result.errors) == ["fhir.type_mismatch"]
    # Codings of other systems are not judged; nor is a type left out.
    other = {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/v2-0203", "code": "NI"}]}
    assert check_fhir_identifier(identifier_of(ORDINARY, type=other)).valid
    assert check_fhir_identifier(identifier_of(ORDINARY, type=None)).valid


@pytest.mark.parametrize(
    "changes",
    [
        {"type": "INS-NIR"},
        {"type": {"coding": {"code": "INS-NIR"}}},
        {"type": {"coding": ["INS-NIR"]}},
        {"use": 1},
    ],
)
def test_a_malformed_type_or_use_is_an_error(changes: dict[str, Any]) -> None:
    result = check_fhir_identifier(identifier_of(ORDINARY, **changes))
    assert codes(result.errors) == ["fhir.malformed"]


@pytest.mark.parametrize(("nir", "use"), [(ORDINARY, "usual"), (ORDINARY, "temp")])
def test_a_use_the_slice_does_not_take_is_an_error(nir: str, use: str) -> None:
    result = check_fhir_identifier(identifier_of(nir, use=use))
    assert codes(result.errors) == ["fhir.use"]


def test_a_nia_may_be_official_as_fr_core_decided_in_2025() -> None:
    nia = FAMILIES["nia woman"][0]
    assert check_fhir_identifier(identifier_of(nia, use="official")).valid
    assert codes(check_fhir_identifier(identifier_of(nia, use="official")).warnings) == [
        "nir.temporary"
    ]


def test_a_missing_use_and_an_old_one_are_warnings() -> None:
    missing = check_fhir_identifier(identifier_of(ORDINARY, use=None))
    assert missing.valid
    assert codes(missing.warnings) == ["fhir.use_missing"]
    old = check_fhir_identifier(identifier_of(ORDINARY, use="old"))
    assert old.valid
    assert codes(old.warnings) == ["fhir.use_old"]
    assert not check_fhir_identifier(identifier_of(ORDINARY, use="old"), strict=True).valid


def test_every_fhir_issue_is_private_and_bilingual() -> None:
    nia = FAMILIES["nia man"][0]
    results = [
        check_fhir_identifier(identifier_of(nia, system=INS_NIR_SYSTEM, use="usual")),
        check_fhir_identifier(identifier_of(nia, value=parse_nir(nia).format(), use=None)),
        check_fhir_identifier(identifier_of(nia, system="1.2.250.1.213.1.4.9")),
        check_fhir_identifier(identifier_of(nia, type={"coding": [1]}, use="old")),
        check_fhir_identifier(identifier_of(nia, value=None, system=None)),
    ]
    seen = {issue.code for result in results for issue in result.issues}
    assert {
        "fhir.system_mismatch",
        "fhir.use",
        "fhir.value_format",
        "fhir.use_missing",
        "fhir.system_unknown",
        "fhir.malformed",
        "fhir.use_old",
        "fhir.value",
        "fhir.system_missing",
    } <= seen
    for result in results:
        assert_private(nia, result.issues)
        assert_both_languages(result.issues)


# --- Identity coherence: sex ----------------------------------------------------------------


@pytest.mark.parametrize("spelling", [Sex.MALE, "M", "m", "male", "Male ", "1"])
def test_every_spelling_of_male_agrees_with_an_odd_digit(spelling: Sex | str) -> None:
    assert check_identity(ORDINARY, sex=spelling).valid
    assert codes(check_identity(make_nir(sex="2"), sex=spelling).errors) == ["identity.sex"]


@pytest.mark.parametrize("spelling", [Sex.FEMALE, "F", "female", "2"])
def test_every_spelling_of_female_agrees_with_an_even_digit(spelling: Sex | str) -> None:
    assert check_identity(make_nir(sex="2"), sex=spelling).valid
    assert codes(check_identity(ORDINARY, sex=spelling).errors) == ["identity.sex"]


@pytest.mark.parametrize(("digit", "sex"), [("3", "M"), ("4", "F"), ("7", "M"), ("8", "F")])
def test_temporary_numbers_are_odd_male_and_even_female(digit: str, sex: str) -> None:
    nir = make_nir(sex=digit)
    assert check_identity(nir, sex=sex).valid
    other = "F" if sex == "M" else "M"
    assert codes(check_identity(nir, sex=other).errors) == ["identity.sex"]


def test_the_sex_issue_points_at_character_1_of_what_was_typed() -> None:
    spaced = " " + parse_nir(ORDINARY).format()
    result = check_identity(spaced, sex="female")
    assert [(i.code, i.field, i.position) for i in result.errors] == [("identity.sex", "sex", 1)]
    assert "woman" in result.errors[0].message
    assert "femme" in result.errors[0].message_fr


@pytest.mark.parametrize("sex", ["unknown", "", "  "])
def test_an_unknown_sex_is_not_compared(sex: str) -> None:
    assert check_identity(ORDINARY, sex=sex).issues == ()


# --- Identity coherence: birth date ------------------------------------------------------------


@pytest.mark.parametrize(
    "birth_date",
    [
        datetime.date(1985, 5, 14),
        datetime.datetime(1985, 5, 14, 8, 30),
        datetime.date(1885, 5, 1),
        "1985",
        "1985-05",
        "1985-05-14",
        " 2085-05-31 ",
    ],
)
def test_a_birth_date_that_agrees(birth_date: datetime.date | str) -> None:
    assert check_identity(ORDINARY, birth_date=birth_date).issues == ()


@pytest.mark.parametrize(
    ("birth_date", "expected"),
    [
        ("1984-05-14", ["identity.birth_year"]),
        ("1986", ["identity.birth_year"]),
        ("1985-06", ["identity.birth_month"]),
        (datetime.date(1975, 6, 1), ["identity.birth_year", "identity.birth_month"]),
    ],
)
def test_a_birth_date_that_contradicts(
    birth_date: datetime.date | str, expected: list[str]
) -> None:
    result = check_identity(ORDINARY, birth_date=birth_date)
    assert codes(result.errors) == expected
    positions = {"identity.birth_year": 1, "identity.birth_month": 3}
    assert [issue.position for issue in result.errors] == [positions[c] for c in expected]
    assert_private(ORDINARY, result.issues)


def test_an_unknown_month_is_not_compared() -> None:
    result = check_identity(make_nir(month="42"), birth_date="1985-11-02")
    assert codes(result.errors) == []
    assert codes(result.warnings) == ["nir.unknown_month"]


# --- Identity coherence: birthplace ------------------------------------------------------------


@pytest.mark.parametrize(
    ("nir", "code"),
    [
        (ORDINARY, "78006"),
        (PUBLIC_2A, "2a073"),
        (PUBLIC_ABROAD, "99126"),
        (make_nir(place="97105"), "97105"),
        (make_nir(sex="8", place="00123"), "75056"),  # 00 gives no place to compare
    ],
)
def test_the_same_birthplace_agrees(nir: str, code: str) -> None:
    assert codes(check_identity(nir, birthplace_code=code).issues) in ([], ["nir.temporary"])


@pytest.mark.parametrize(
    ("nir", "code"),
    [
        (ORDINARY, "78646"),
        (make_nir(place="75115"), "75056"),  # an arrondissement and the city
        (make_nir(place="97105"), "97120"),
    ],
)
def test_another_commune_of_the_department_is_a_warning(nir: str, code: str) -> None:
    result = check_identity(nir, birthplace_code=code)
    assert result.valid
    assert codes(result.warnings) == ["identity.birthplace_commune"]
    assert "merged or renumbered" in result.warnings[0].message
    assert "fusionnée ou renumérotée" in result.warnings[0].message_fr


@pytest.mark.parametrize(
    ("nir", "code", "says"),
    [
        (ORDINARY, "69123", "another department"),
        (PUBLIC_2A, "2B073", "another department"),
        (make_nir(place="97105"), "97205", "another department"),
        (parse_nir(PUBLIC_ABROAD).compact, "99109", "another country"),
        (parse_nir(PUBLIC_ABROAD).compact, "78006", "born abroad"),
        (ORDINARY, "99109", "birth in France"),
        (make_nir(place="92050"), "75056", "another department"),  # 92 is no old Seine code
    ],
)
def test_a_plain_contradiction_is_an_error(nir: str, code: str, says: str) -> None:
    result = check_identity(nir, birthplace_code=code)
    assert [(i.code, i.field, i.position) for i in result.errors] == [
        ("identity.birthplace", "birthplace_code", 5)
    ]
    assert says in result.errors[0].message
    assert_private(nir, result.issues)
    assert code not in result.errors[0].message
    assert code not in result.errors[0].message_fr


CORSICA_20 = make_nir(year="55", place="20004")


@pytest.mark.parametrize(
    ("nir", "code", "birth_date", "english", "french"),
    [
        (CORSICA_20, "2A004", None, "Corsica", "Corse"),
        (CORSICA_20, "2B004", "1955-05", "Corsica", "Corse"),
        (PUBLIC_2A, "20073", None, "Corsica", "Corse"),
        (make_nir(year="60", place="75115"), "92050", "1960", "Seine", "Seine"),
        (make_nir(year="60", place="78646"), "91228", None, "Seine-et-Oise", "Seine-et-Oise"),
        (make_nir(year="55", place="91352"), "99352", "1955-05-01", "Algeria", "Algérie"),
        (make_nir(year="62", place="94001"), "99352", "1962", "Algeria", "Algérie"),
        (make_nir(year="50", place="95001"), "99350", "1950", "Morocco", "Maroc"),
        (make_nir(year="50", place="96001"), "99351", None, "Tunisia", "Tunisie"),
        (make_nir(year="95", place="97123"), "97701", "1995", "Saint-Barthélemy", "Guadeloupe"),
        (make_nir(year="05", place="98501"), "97601", "2005", "Mayotte", "Mayotte"),
    ],
)
def test_history_is_a_warning_that_names_it(
    nir: str, code: str, birth_date: str | None, english: str, french: str
) -> None:
    result = check_identity(nir, birthplace_code=code, birth_date=birth_date)
    assert result.valid
    assert codes(result.warnings) == ["identity.birthplace_history"]
    warning = result.warnings[0]
    assert english in warning.message
    assert french in warning.message_fr
    assert warning.position == 5
    assert_private(nir, result.issues)
    strict = check_identity(nir, birthplace_code=code, birth_date=birth_date, strict=True)
    assert codes(strict.errors) == ["identity.birthplace_history"]


@pytest.mark.parametrize(
    ("nir", "code", "birth_date", "year", "field"),
    [
        # Department 20 alone contradicts a birth in 1976 or later: the date is at fault.
        (make_nir(year="80", place="20004"), "2A004", "1980-05", "1975", "birth_date"),
        (make_nir(year="80", place="20004"), "20004", "1980", "1975", "birth_date"),
        (make_nir(year="80", place="20004"), None, "1980", "1975", "birth_date"),
        (make_nir(year="70", place="75115"), "92050", "1970", "1967", "birthplace_code"),
        (make_nir(year="70", place="91352"), "99352", "1970", "1962", "birthplace_code"),
        (make_nir(year="60", place="95001"), "99350", "1960", "1956", "birthplace_code"),
        (make_nir(year="57", place="96001"), "99351", "1957", "1956", "birthplace_code"),
    ],
)
def test_history_after_its_end_is_an_error(
    nir: str, code: str | None, birth_date: str, year: str, field: str
) -> None:
    result = check_identity(nir, birthplace_code=code, birth_date=birth_date)
    assert [(i.code, i.field, i.position) for i in result.errors] == [
        ("identity.birthplace", field, 5)
    ]
    assert year in result.errors[0].message
    assert year in result.errors[0].message_fr
    assert_private(nir, result.issues)


# --- Inputs ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("traits", "code"),
    [
        ({"sex": "X"}, "identity.sex_format"),
        ({"sex": "other"}, "identity.sex_format"),
        ({"birth_date": "1985-13"}, "identity.birth_date_format"),
        ({"birth_date": "1985-02-30"}, "identity.birth_date_format"),
        ({"birth_date": "85"}, "identity.birth_date_format"),
        ({"birth_date": "14/05/1985"}, "identity.birth_date_format"),
        ({"birth_date": "１９８５"}, "identity.birth_date_format"),
        ({"birthplace_code": "7"}, "identity.birthplace_format"),
        ({"birthplace_code": "2C004"}, "identity.birthplace_format"),
        ({"birthplace_code": "78 646 1"}, "identity.birthplace_format"),
    ],
)
def test_an_unreadable_trait_is_an_error(traits: dict[str, Any], code: str) -> None:
    result = check_identity(ORDINARY, **traits)
    assert not result.valid
    assert [(i.code, i.position) for i in result.errors] == [(code, None)]
    assert result.errors[0].field == next(iter(traits))
    (value,) = traits.values()
    assert str(value).strip() not in result.errors[0].message


@pytest.mark.parametrize(
    ("traits", "code"),
    [
        ({"sex": 1}, "identity.sex_type"),
        ({"birth_date": 1985}, "identity.birth_date_type"),
        ({"birthplace_code": 78646}, "identity.birthplace_code_type"),
    ],
)
def test_a_trait_of_another_type_raises(traits: dict[str, Any], code: str) -> None:
    with pytest.raises(InvalidType) as caught:
        check_identity(ORDINARY, **traits)
    assert caught.value.code == code
    assert str(next(iter(traits.values()))) not in str(caught.value)


def test_the_nir_may_be_a_nir_object_and_nothing_else() -> None:
    assert check_identity(parse_nir(ORDINARY), sex="M", birth_date="1985-05").valid
    with pytest.raises(InvalidType):
        check_identity(185057800608491)  # type: ignore[arg-type]


def test_a_wrong_nir_gives_its_own_issues_and_no_comparison() -> None:
    result = check_identity(ORDINARY[:13] + "19", sex="F", birthplace_code="69123")
    assert codes(result.errors) == ["nir.checksum"]
    assert result.value is None


def test_every_contradiction_is_reported_at_once() -> None:
    result = check_identity(ORDINARY, sex="F", birth_date="1990-01-01", birthplace_code="99109")
    assert codes(result.errors) == [
        "identity.sex",
        "identity.birth_year",
        "identity.birth_month",
        "identity.birthplace",
    ]
    assert_private(ORDINARY, result.issues)
    assert_both_languages(result.issues)


# --- Properties --------------------------------------------------------------------------


@given(identities())
def test_a_coherent_identity_has_no_error(identity: Any) -> None:
    result = check_identity(
        identity.nir,
        sex=identity.sex,
        birth_date=identity.birth_date,
        birthplace_code=identity.birthplace_code,
    )
    assert result.errors == ()
    assert result.value == Nir(identity.nir)
    assert set(codes(result.warnings)) <= {
        "nir.temporary",
        "nir.unknown_month",
        "identity.birthplace_commune",
        "identity.birthplace_history",
    }


@given(
    identities(),
    st.sampled_from(["M", "F"]),
    st.integers(1850, 2030),
    st.integers(1, 12),
    st.sampled_from(["78646", "2A004", "97105", "99126", "20004", "99352", "92050"]),
)
def test_no_message_shows_the_number(
    identity: Any, sex: str, year: int, month: int, place: str
) -> None:
    result = check_identity(
        identity.nir, sex=sex, birth_date=f"{year}-{month:02d}", birthplace_code=place
    )
    assert_private(identity.nir, result.issues)
    assert_both_languages(result.issues)
    # At most one character of the NIR is named: its sex digit, for a temporary number.
    for issue in result.issues:
        assert identity.nir[1:] not in issue.message


def test_the_ins_checks_are_loaded_on_first_use() -> None:
    from vitale_ids import ins

    assert vitale_ids.check_identity is ins.check_identity
    assert vitale_ids.check_fhir_identifier is ins.check_fhir_identifier
    assert {"check_identity", "check_fhir_identifier"} <= set(vitale_ids.__all__)
    assert "vitale_ids.ins" not in loaded_after("import vitale_ids")
    assert "vitale_ids.ins" in loaded_after("from vitale_ids import check_identity")


# --- Hostile input ------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
KEYS = ("use", "type", "system", "value")


@given(
    st.sampled_from(KEYS),
    json_values | st.text(max_size=80) | st.just("1" * 100_000),
    st.sampled_from(sorted(FAMILIES)),
)
def test_any_json_in_any_key_gives_a_check(key: str, value: object, family: str) -> None:
    identifier = fhir_identifier(FAMILIES[family][0])
    identifier[key] = value
    result = check_fhir_identifier(identifier)
    assert result.valid == (result.errors == ())
    assert (result.value is None) == (not result.valid)
    assert_both_languages(result.issues)


@given(json_values.filter(lambda value: not isinstance(value, dict)) | st.text())
def test_anything_but_a_mapping_raises_invalid_type(value: object) -> None:
    with pytest.raises(InvalidType) as caught:
        check_fhir_identifier(value)  # type: ignore[arg-type]
    assert caught.value.code == "fhir.not_an_object"
    assert caught.value.issue.message.endswith(f"got {type(value).__name__}.")


@given(
    st.sampled_from(["sex", "birth_date", "birthplace_code"]),
    st.text(max_size=80) | st.just("1985-05-14" + " " * 100_000),
)
def test_any_trait_text_gives_a_check(trait: str, value: str) -> None:
    traits: dict[str, Any] = {trait: value}
    result = check_identity(ORDINARY, **traits)
    assert result.valid == (result.errors == ())
    assert all(issue.field == trait for issue in result.issues)
    assert all(issue.code.startswith("identity.") for issue in result.issues)
