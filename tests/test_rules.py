"""The library follows its rules modules: each rule constant, walked, gives the verdict it says.

Each test reads a rule from ``_nir_rules``, ``_serial_rules`` or ``_code_rules``
and checks that every validator, fast paths and the column kernel included,
decides as the rule says, for every value the rule covers. A rule changed in its module changes
what these tests expect; a validator that stated the rule again, and was not
changed with it, fails them. The rules themselves are held to their public
sources elsewhere: the key formula against python-stdnum
(tests/test_nir_stdnum.py), the published examples in tests/test_nir.py.
"""

from __future__ import annotations

import itertools
import string

import pytest

from synthetic import key_of
from vitale_ids import (
    CardType,
    _code_rules,
    _core,
    _nir_rules,
    _serial_rules,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
    nir_key,
    parse_nir,
)
from vitale_ids import nir as nir_module
from vitale_ids import provisional_code as code_module
from vitale_ids import serial as serial_module
from vitale_ids.columns import check_nir_column, nir_is_valid

# A NIR in parts, to change one part at a time: sex, year, month, department,
# place, order. Positions come from the rules module.
SEX, YEAR, MONTH, DEPARTMENT = "1", "85", "05", "78"
PLACE, ORDER = "006", "084"


def nir(
    sex: str = SEX,
    month: str = MONTH,
    department: str = DEPARTMENT,
    order: str = ORDER,
    key: str | None = None,
) -> str:
    body = sex + YEAR + month + department + PLACE + order
    assert len(body) == _nir_rules.BODY_LENGTH
    return body + (key_of(body) if key is None else key)


def spaced_as_on_the_card(value: str) -> str:
    """``value`` in the printed groups, one space apart (when it has a NIR's length)."""
    if len(value) != _nir_rules.LENGTH:
        return value
    return " ".join(value[group] for group in _nir_rules.GROUPS)


def verdict(value: str, strict: bool = False) -> tuple[bool, list[str], list[str]]:
    """check_nir's verdict, after checking that is_valid_nir gives the same."""
    result = check_nir(value, strict=strict)
    assert is_valid_nir(value, strict=strict) is result.valid, value
    # The column kernel reads the same rules: as typed, and as on the card.
    first = result.errors[0] if result.errors else None
    for typed in (value, spaced_as_on_the_card(value)):
        row = check_nir_column([typed], strict=strict).to_pylist()[0]
        assert (row["valid"], row["code"]) == (result.valid, first and first.code), typed
        assert row["warnings"] == [issue.code for issue in result.warnings], typed
        assert nir_is_valid([typed], strict=strict).to_pylist() == [result.valid], typed
    return (
        result.valid,
        [issue.code for issue in result.errors],
        [issue.code for issue in result.warnings],
    )


def test_the_positions_cover_the_nir() -> None:
    parts = (
        _nir_rules.SEX,
        _nir_rules.YEAR,
        _nir_rules.MONTH,
        _nir_rules.DEPARTMENT,
        _nir_rules.PLACE,
        _nir_rules.ORDER,
        _nir_rules.KEY,
    )
    assert parts == _nir_rules.GROUPS
    assert [part.start for part in parts[1:]] == [part.stop for part in parts[:-1]]
    assert (parts[0].start, parts[-1].stop) == (0, _nir_rules.LENGTH)
    assert _nir_rules.ORDER.stop == _nir_rules.BODY_LENGTH
    value = nir()
    key = value[_nir_rules.KEY]
    assert [value[part] for part in parts] == [SEX, YEAR, MONTH, DEPARTMENT, PLACE, ORDER, key]


@pytest.mark.parametrize("sex", sorted(_nir_rules.DIGITS))
def test_each_sex_digit_gets_the_verdict_of_its_rule(sex: str) -> None:
    value = nir(sex=sex)
    if sex in _nir_rules.ORDINARY_SEX_DIGITS:
        assert verdict(value) == (True, [], [])
        assert parse_nir(value).online_form_accepts is (sex in _nir_rules.ONLINE_FORM_SEX_DIGITS)
    elif sex in _nir_rules.TEMPORARY_SEX_DIGITS:
        assert verdict(value) == (True, [], ["nir.temporary"])
        assert verdict(value, strict=True) == (False, ["nir.temporary"], [])
        assert parse_nir(value).is_temporary
    else:
        assert sex not in _nir_rules.SEX_DIGITS
        assert verdict(value) == (False, ["nir.sex"], [])


@pytest.mark.parametrize("month", range(100))
def test_each_month_gets_the_verdict_of_its_rule(month: int) -> None:
    value = nir(month=f"{month:02d}")
    if month in _nir_rules.KNOWN_MONTHS:
        assert verdict(value) == (True, [], [])
        assert parse_nir(value).birth_month == month
    elif month in _nir_rules.UNKNOWN_MONTHS:
        assert verdict(value) == (True, [], ["nir.unknown_month"])
        assert verdict(value, strict=True) == (False, ["nir.unknown_month"], [])
        assert parse_nir(value).birth_month is None
        assert not parse_nir(value).online_form_accepts
    else:
        assert month in _nir_rules.IMPOSSIBLE_MONTHS
        assert verdict(value) == (False, ["nir.month"], [])


def test_the_month_families_split_every_two_digit_number() -> None:
    known = set(_nir_rules.KNOWN_MONTHS)
    unknown = set(_nir_rules.UNKNOWN_MONTHS)
    assert known | unknown | _nir_rules.IMPOSSIBLE_MONTHS == set(range(100))
    assert not (known & unknown)


@pytest.mark.parametrize(("department", "digits"), sorted(_nir_rules.CORSICA_KEY_DIGITS.items()))
def test_corsica_is_read_with_the_digits_of_its_rule(department: str, digits: str) -> None:
    as_digits = nir(department=digits)
    key = as_digits[_nir_rules.KEY]
    for typed in (department, department.lower()):
        value = nir(department=typed, key=key)
        assert verdict(value) == (True, [], [])
        assert parse_nir(value).department == department
        assert nir_key(value[: _nir_rules.BODY_LENGTH]) == key
    assert department in nir_module.CORSICA_DEPARTMENTS


@pytest.mark.parametrize("letter", string.ascii_letters)
def test_no_other_letter_is_a_department(letter: str) -> None:
    department = _nir_rules.CORSICA_BEFORE_1976[0] + letter
    if department.upper() in _nir_rules.CORSICA_KEY_DIGITS:
        return
    for key in ("01", "50", "97"):
        assert verdict(nir(department=department, key=key)) == (False, ["nir.character"], [])


@pytest.mark.parametrize("prefix", sorted(_nir_rules.OVERSEAS_PREFIXES))
def test_overseas_departments_have_three_characters(prefix: str) -> None:
    parsed = parse_nir(nir(department=prefix))
    width = _nir_rules.OVERSEAS_DEPARTMENT.stop - _nir_rules.OVERSEAS_DEPARTMENT.start
    assert len(parsed.department) == width
    assert parsed.commune == parsed.compact[_nir_rules.OVERSEAS_COMMUNE]


def test_abroad_gives_a_country_code() -> None:
    parsed = parse_nir(nir(department=_nir_rules.ABROAD))
    assert parsed.commune is None
    assert parsed.country_code == PLACE


@pytest.mark.parametrize("order", [_nir_rules.NO_ORDER, "001", "999"])
def test_the_order_number_follows_its_rule(order: str) -> None:
    expected: tuple[bool, list[str], list[str]] = (
        (False, ["nir.order"], []) if order == _nir_rules.NO_ORDER else (True, [], [])
    )
    assert verdict(nir(order=order)) == expected


@pytest.mark.parametrize("key", range(10**_nir_rules.KEY_LENGTH))
def test_each_key_gets_the_verdict_of_its_rule(key: int) -> None:
    body = nir()[: _nir_rules.BODY_LENGTH]
    value = body + f"{key:02d}"
    right = _nir_rules.key_of(_nir_rules.read_number(body) or 0)
    assert right in _nir_rules.KEYS
    if key not in _nir_rules.KEYS:
        assert verdict(value) == (False, ["nir.key_range"], [])
    elif key == right:
        assert verdict(value) == (True, [], [])
    else:
        assert verdict(value) == (False, ["nir.checksum"], [])


def test_the_key_formula_of_the_rules_is_the_one_the_tests_know() -> None:
    # synthetic.key_of is written independently, and python-stdnum holds it
    # (tests/test_nir_stdnum.py); the library's key is the rules module's.
    for sex, month, department in itertools.product("1278", ("01", "12", "42"), ("2A", "2B", "99")):
        body = nir(sex=sex, month=month, department=department)[: _nir_rules.BODY_LENGTH]
        key = _nir_rules.key_of(_nir_rules.read_number(body) or 0)
        assert f"{key:02d}" == key_of(body) == nir_key(body)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "185057800608491",
        "1850578006084",
        "253072A07300443",
        "253072a07300443",
        "2530 72A",
        "１８５",
    ],
)
def test_one_reading_of_the_digits(text: str) -> None:
    number = _nir_rules.read_number(text)
    department = text[_nir_rules.DEPARTMENT]
    digits = _nir_rules.CORSICA_KEY_DIGITS.get(department)
    if digits is not None:
        text = text[: _nir_rules.DEPARTMENT.start] + digits + text[_nir_rules.DEPARTMENT.stop :]
    expected: int | None = int(text) if text and text.isascii() and text.isdigit() else None
    assert number == expected


@pytest.mark.parametrize("length", range(_nir_rules.LENGTH + 3))
def test_each_length_gets_the_verdict_of_its_rule(length: int) -> None:
    value = (nir() * 2)[:length]
    valid, errors, _warnings = verdict(value)
    if length == _nir_rules.LENGTH:
        assert valid
    elif length == _nir_rules.BODY_LENGTH:
        assert errors == ["nir.missing_key"]
    elif length == 0:
        assert errors == ["nir.empty"]
    else:
        assert errors[0] == "nir.length"


ORDER_SLICE = _nir_rules.ORDER


def test_the_fast_path_tables_are_derived_from_the_rules() -> None:
    sound = {
        int(sex) * _nir_rules.SEX_DIVISOR + year * _nir_rules.MONTH_MODULUS + month
        for sex in _nir_rules.ORDINARY_SEX_DIGITS
        for year in range(100)
        for month in _nir_rules.KNOWN_MONTHS
    }
    assert sound == _nir_rules.SOUND_SEX_YEAR_MONTHS
    value = int(nir())
    body = value // _nir_rules.KEY_FACTOR
    assert body // _nir_rules.SEX_YEAR_MONTH_DIVISOR == int(SEX + YEAR + MONTH)
    assert body % _nir_rules.ORDER_MODULUS == int(ORDER)
    for number in (0, 1, body, 10**13 - 1, *range(1000, 1300)):
        remainder = number % _nir_rules.KEY_MODULUS
        assert _nir_rules.KEY_OF_REMAINDER[remainder] == _nir_rules.key_of(number)
    # The tables of flags that the fast paths index, read from a whole number.
    for number in (0, 1, body, 10**13 - 1, *range(1000, 1300), *range(10**12, 10**12 + 300)):
        for key in (0, _nir_rules.key_of(number), 98, 99, 1 + _nir_rules.key_of(number) % 97):
            whole = number * _nir_rules.KEY_FACTOR + key
            right = key == _nir_rules.key_of(number)
            assert bool(_nir_rules.RIGHT_KEY_FLAGS[whole % _nir_rules.KEY_CHECK_MODULUS]) is right
            order = f"{number:013d}"[ORDER_SLICE]
            sound_order = bool(
                _nir_rules.SOUND_ORDER_FLAGS[whole % _nir_rules.ORDER_AND_KEY_MODULUS]
            )
            assert sound_order is (order != _nir_rules.NO_ORDER)
            first_5 = whole // _nir_rules.WHOLE_SEX_YEAR_MONTH_DIVISOR
            assert first_5 == number // _nir_rules.SEX_YEAR_MONTH_DIVISOR
    for first_5 in range(10**5):
        flagged = bool(_nir_rules.SOUND_SEX_YEAR_MONTH_FLAGS[first_5])
        text = f"{first_5:05d}"
        assert flagged is (
            text[_nir_rules.SEX] in _nir_rules.ORDINARY_SEX_DIGITS
            and int(text[_nir_rules.MONTH]) in _nir_rules.KNOWN_MONTHS
        )


def test_one_input_limit() -> None:
    for module in (nir_module, code_module, serial_module):
        assert module.MAX_INPUT_LENGTH == _core.MAX_INPUT_LENGTH


# --- Serial number --------------------------------------------------------------


@pytest.mark.parametrize("length", range(1, _serial_rules.PRINTED_PHOTO_LENGTH + 3))
def test_each_serial_length_gets_the_verdict_of_its_rule(length: int) -> None:
    # Digits that read as no date and are no part of the scheme's number.
    digits = ("7" * length)[:length]
    with_photo = check_serial(digits, card_type=CardType.WITH_PHOTO)
    assert with_photo.valid is (length == _serial_rules.PHOTO_LENGTH)
    without_photo = check_serial(digits, card_type=CardType.WITHOUT_PHOTO)
    assert without_photo.valid is (length in _serial_rules.NO_PHOTO_ACCEPTED_LENGTHS)
    unusual = [issue.code for issue in without_photo.warnings] == ["serial.unusual_length"]
    assert unusual is (length in _serial_rules.NO_PHOTO_UNUSUAL_LENGTHS)
    inferred = _serial_rules.infer_card_type(digits)
    assert serial_module.infer_card_type(digits) is inferred
    alone = check_serial(digits)
    if inferred is None:
        assert "card_type.missing" in [issue.code for issue in alone.errors]
    else:
        assert length in _serial_rules.USUAL_LENGTHS[inferred]
        assert alone.value is not None
        assert alone.value.card_type is inferred
    for card_type in CardType:
        for strict in (False, True):
            expected = check_serial(digits, card_type=card_type, strict=strict).valid
            assert is_valid_serial(digits, card_type=card_type, strict=strict) is expected


def test_the_printed_form_follows_the_prefix_rule() -> None:
    last = "7" * _serial_rules.PHOTO_LENGTH
    printed = _serial_rules.PHOTO_CARD_PREFIX + last
    assert len(printed) == _serial_rules.PRINTED_PHOTO_LENGTH
    result = check_serial(printed, card_type=CardType.WITH_PHOTO)
    assert result.value is not None
    assert result.value.compact == last
    assert [issue.code for issue in result.warnings] == ["serial.prefix_removed"]
    changed = "9" + printed[1:]
    assert not check_serial(changed, card_type=CardType.WITH_PHOTO).valid


def test_parts_of_the_issuer_number_get_a_warning() -> None:
    issuer = _serial_rules.ISSUER_NUMBER
    part = issuer[: _serial_rules.SHORTEST_SERIAL]
    result = check_serial(part, card_type=CardType.WITHOUT_PHOTO)
    assert "serial.issuer_number" in [issue.code for issue in result.warnings]


# --- Code provisoire ------------------------------------------------------------


@pytest.mark.parametrize("char", [chr(code) for code in range(128)] + ["é", "１", "Ω"])
def test_each_character_gets_the_verdict_of_the_alphabet(char: str) -> None:
    value = "a" * (_code_rules.LENGTH - 1) + char
    if _core.is_separator(char):
        return  # dropped before the code is read
    expected = char in _code_rules.ALPHABET
    assert check_provisional_code(value).valid is expected
    assert is_valid_provisional_code(value) is expected


@pytest.mark.parametrize("length", range(_code_rules.LENGTH + 3))
def test_each_code_length_gets_the_verdict_of_its_rule(length: int) -> None:
    value = "a" * length
    assert check_provisional_code(value).valid is (length == _code_rules.LENGTH)
    assert is_valid_provisional_code(value) is (length == _code_rules.LENGTH)
    assert code_module.CODE_LENGTH == _code_rules.LENGTH
