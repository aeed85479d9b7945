"""The public Hypothesis strategies: what they draw, how they shrink, how they register."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import unicodedata
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from synthetic import key_of, make_nir
from vitale_ids import (
    CardType,
    Nir,
    ProvisionalCode,
    ValidationError,
    VitaleSerial,
    check_nir,
    check_serial,
    parse_nir,
    parse_provisional_code,
    parse_serial,
)
from vitale_ids._places import countries, departments
from vitale_ids.nir import MAX_INPUT_LENGTH
from vitale_ids.strategies import (
    InvalidNir,
    invalid_nirs,
    nir_inputs,
    nirs,
    provisional_codes,
    serials,
)

# No database, so that each run starts afresh. REACH only asks whether a draw
# exists: it skips shrinking, which is most of find()'s time, and is
# derandomized, so that a rare family found today is found on every run.
SEARCH = settings(database=None, max_examples=2000)
REACH = settings(database=None, max_examples=2000, phases=[Phase.generate], derandomize=True)

PLACE_FLAGS = ("corsica", "abroad", "overseas")
FLAGS = (*PLACE_FLAGS, "temporary", "unknown_month")


def families(value: str) -> set[str]:
    """The families of a compact NIR, read independently of the library."""
    found = set()
    department = value[5:7]
    if department in ("20", "2A", "2B"):
        found.add("corsica")
    if department in ("97", "98"):
        found.add("overseas")
    if department == "99":
        found.add("abroad")
    if value[0] in "3478":
        found.add("temporary")
    if int(value[3:5]) >= 20:
        found.add("unknown_month")
    return found


@st.composite
def flag_sets(draw: st.DrawFn) -> dict[str, bool | None]:
    flags: dict[str, bool | None] = {
        name: draw(st.sampled_from([None, True, False])) for name in FLAGS
    }
    forced_places = [name for name in PLACE_FLAGS if flags[name]]
    for name in forced_places[1:]:
        flags[name] = draw(st.sampled_from([None, False]))
    return flags


# --- nirs() ---------------------------------------------------------------------


@given(nirs())
def test_nirs_are_valid_compact_and_well_formed(value: str) -> None:
    assert len(value) == 15
    assert value == value.upper()
    assert value[13:] == key_of(value[:13])
    nir = parse_nir(value)
    assert nir.compact == value
    assert 1 <= int(nir.order) <= 999


@given(flag_sets(), st.data())
def test_each_keyword_forces_or_excludes_its_family(
    flags: dict[str, bool | None], data: st.DataObject
) -> None:
    value = data.draw(nirs(**flags))
    assert check_nir(value).valid
    found = families(value)
    for name, flag in flags.items():
        if flag is True:
            assert name in found
        elif flag is False:
            assert name not in found


@given(nirs(overseas=True))
def test_overseas_departments_come_from_the_insee_table(value: str) -> None:
    nir = parse_nir(value)
    assert nir.department in departments()
    assert len(nir.department) == 3
    assert nir.commune is not None
    assert len(nir.commune) == 2


@given(nirs(abroad=True))
def test_births_abroad_use_existing_country_codes(value: str) -> None:
    nir = parse_nir(value)
    assert nir.country_code in countries()
    assert nir.commune is None


@given(nirs(corsica=False, abroad=False, overseas=False, temporary=False, unknown_month=False))
def test_ordinary_numbers_are_what_the_online_form_takes(value: str) -> None:
    nir = parse_nir(value, strict=True)
    assert nir.online_form_accepts
    assert nir.department in {f"{d:02d}" for d in range(1, 97)} - {"20"}


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("2A", lambda v: v[5:7] == "2A"),
        ("2B", lambda v: v[5:7] == "2B"),
        ("20", lambda v: v[5:7] == "20"),
        ("971", lambda v: v[5:8] == "971"),
        ("988", lambda v: v[5:8] == "988"),
        ("abroad", lambda v: v[5:7] == "99"),
        ("Algeria before 1962", lambda v: v[5:7] == "91"),
        ("Tunisia before 1956", lambda v: v[5:7] == "96"),
        ("department 00 on a temporary number", lambda v: v[5:7] == "00"),
        ("sex 3", lambda v: v[0] == "3"),
        ("sex 4", lambda v: v[0] == "4"),
        ("sex 7", lambda v: v[0] == "7"),
        ("sex 8", lambda v: v[0] == "8"),
        ("month 20", lambda v: v[3:5] == "20"),
        ("month 99", lambda v: v[3:5] == "99"),
        ("month 12", lambda v: v[3:5] == "12"),
        ("order 999", lambda v: v[10:13] == "999"),
        (
            "temporary, unknown month and abroad at once",
            lambda v: (
                families(v)
                >= {
                    "temporary",
                    "unknown_month",
                    "abroad",
                }
            ),
        ),
    ],
)
def test_the_default_covers_the_whole_genuine_space(description: str, condition: Any) -> None:
    assert condition(find(nirs(), condition, settings=REACH)), description


def test_department_00_is_only_on_temporary_numbers() -> None:
    @given(nirs(temporary=False))
    def never_00(value: str) -> None:
        assert value[5:7] != "00"

    never_00()


def test_nirs_shrink_towards_a_simple_ordinary_number() -> None:
    simplest = make_nir(sex="1", year="00", month="01", place="01000", order="001")
    assert find(nirs(), lambda value: True, settings=SEARCH) == simplest
    # Even when the draw must be unusual, the rest stays simple.
    assert find(nirs(), lambda v: v[5:7] == "99", settings=SEARCH) == make_nir(
        sex="1", year="00", month="01", place="99101", order="001"
    )
    assert find(nirs(), lambda v: v[0] != "1", settings=SEARCH) == make_nir(
        sex="2", year="00", month="01", place="01000", order="001"
    )
    assert find(nirs(), lambda v: v[3:5] > "12", settings=SEARCH) == make_nir(
        sex="1", year="00", month="20", place="01000", order="001"
    )


@pytest.mark.parametrize(
    "flags",
    [
        {"corsica": True, "abroad": True},
        {"overseas": True, "abroad": True},
        {"corsica": True, "overseas": True, "abroad": True},
        {"temporary": "yes"},
        {"corsica": 1},
    ],
)
def test_contradictory_or_wrong_keywords_are_refused(flags: dict[str, Any]) -> None:
    with pytest.raises(InvalidArgument):
        nirs(**flags)


# --- invalid_nirs() ------------------------------------------------------------


KIND_CODES = {
    "checksum": {"nir.checksum", "nir.key_range"},
    "sex": {"nir.sex"},
    "month": {"nir.month"},
    "order": {"nir.order"},
    "character": {"nir.character"},
    "length": {"nir.length", "nir.missing_key", "nir.empty"},
}


def assert_announced(bad: InvalidNir) -> None:
    assert bad.code in KIND_CODES[bad.kind]
    for strict in (False, True):
        result = check_nir(bad.value, strict=strict)
        assert [(i.code, i.position) for i in result.issues] == [(bad.code, bad.position)]
    with pytest.raises(ValidationError) as raised:
        parse_nir(bad.value)
    assert raised.value.code == bad.code


@given(invalid_nirs())
def test_invalid_nirs_have_exactly_the_announced_issue(bad: InvalidNir) -> None:
    assert_announced(bad)


@given(st.sampled_from(sorted(KIND_CODES)), st.data())
def test_each_kind_draws_only_its_fault(kind: Any, data: st.DataObject) -> None:
    bad = data.draw(invalid_nirs(kind))
    assert bad.kind == kind
    assert_announced(bad)


@pytest.mark.parametrize(
    ("kind", "code"), [(kind, code) for kind, codes in KIND_CODES.items() for code in codes]
)
def test_every_code_of_a_kind_is_drawn(kind: Any, code: str) -> None:
    assert find(invalid_nirs(kind), lambda bad: bad.code == code, settings=REACH).code == code


def test_character_faults_include_digits_from_other_scripts() -> None:
    def non_ascii_digit(bad: InvalidNir) -> bool:
        assert bad.position is not None
        char = bad.value[bad.position]
        return unicodedata.category(char) == "Nd" and not char.isascii()

    assert non_ascii_digit(find(invalid_nirs("character"), non_ascii_digit, settings=REACH))


def test_character_faults_reach_the_corsica_positions() -> None:
    # Beside a 2, an A or a B is valid, in either case; a C is not.
    bad = find(
        invalid_nirs("character"),
        lambda bad: bad.position == 6 and bad.value[5] == "2",
        settings=REACH,
    )
    assert bad.value[6] not in "AaBb"


@pytest.mark.parametrize(
    ("kind", "simplest"),
    [
        ("checksum", make_nir(year="00", month="01", place="01000", order="001")[:13] + "36"),
        ("sex", make_nir(sex="0", year="00", month="01", place="01000", order="001")),
        ("month", make_nir(year="00", month="00", place="01000", order="001")),
        ("order", make_nir(year="00", month="01", place="01000", order="000")),
        ("character", "O" + make_nir(year="00", month="01", place="01000", order="001")[1:]),
        ("length", make_nir(year="00", month="01", place="01000", order="001")[:14]),
    ],
)
def test_invalid_nirs_shrink_towards_a_simple_number(kind: Any, simplest: str) -> None:
    assert find(invalid_nirs(kind), lambda bad: True, settings=SEARCH).value == simplest


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(InvalidArgument, match="kind must be None or one of checksum"):
        invalid_nirs("key")  # type: ignore[arg-type]


# --- nir_inputs() --------------------------------------------------------------


@given(nirs(), st.data())
def test_nir_inputs_normalize_to_the_same_nir(value: str, data: st.DataObject) -> None:
    typed = data.draw(nir_inputs(compact=st.just(value)))
    assert len(typed) <= MAX_INPUT_LENGTH
    assert parse_nir(typed) == parse_nir(value)
    assert parse_nir(typed).compact == value
    # The same warnings too (temporary number, unknown month).
    codes = [issue.code for issue in check_nir(value).warnings]
    assert [issue.code for issue in check_nir(typed).warnings] == codes


@given(nir_inputs())
def test_nir_inputs_are_valid_by_default(typed: str) -> None:
    assert check_nir(typed).valid


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("the card's groups", lambda t: t.strip() == parse_nir(t).format()),
        ("no-break spaces", lambda t: "\u00a0" in t),
        ("narrow no-break spaces", lambda t: "\u202f" in t),
        ("dots", lambda t: "." in t),
        ("hyphens", lambda t: "-" in t),
        ("lower-case 2a", lambda t: "2a" in t.replace(" ", "")),
        ("lower-case 2b", lambda t: "2b" in t.replace(" ", "")),
        ("a trailing new line", lambda t: t.endswith("\n")),
    ],
)
def test_nir_inputs_are_written_as_people_write(description: str, condition: Any) -> None:
    assert condition(find(nir_inputs(), condition, settings=REACH)), description


def test_nir_inputs_shrink_towards_the_compact_form() -> None:
    assert find(nir_inputs(), lambda typed: True, settings=SEARCH) == find(
        nirs(), lambda value: True, settings=SEARCH
    )


# --- provisional_codes() ------------------------------------------------------


@given(provisional_codes())
def test_provisional_codes_are_valid_and_kept_as_drawn(code: str) -> None:
    assert len(code) == 12
    assert code.isascii()
    assert code.isalnum()
    assert parse_provisional_code(code).compact == code


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("mixed case", lambda c: c != c.upper() and c != c.lower()),
        ("a lower-case code", lambda c: c == c.lower() and not c.isdigit()),
        ("z and Z", lambda c: "z" in c and "Z" in c),
        ("9", lambda c: "9" in c),
    ],
)
def test_provisional_codes_cover_both_cases(description: str, condition: Any) -> None:
    assert condition(find(provisional_codes(), condition, settings=REACH)), description


def test_provisional_codes_shrink_towards_zeros() -> None:
    assert find(provisional_codes(), lambda code: True, settings=SEARCH) == "0" * 12


# --- serials() -------------------------------------------------------------------


@given(serials())
def test_serials_are_valid_objects(serial: VitaleSerial) -> None:
    assert isinstance(serial, VitaleSerial)
    assert serial.compact.isascii()
    assert serial.compact.isdigit()
    assert parse_serial(serial.compact, card_type=serial.card_type) == serial
    if serial.card_type is CardType.WITH_PHOTO:
        assert len(serial.compact) == 11
    else:
        assert 8 <= len(serial.compact) <= 13


@pytest.mark.parametrize("card_type", [CardType.WITH_PHOTO, CardType.WITHOUT_PHOTO, "sans photo"])
def test_serials_keep_to_the_card_type_asked(card_type: CardType | str) -> None:
    expected = CardType.parse(card_type)

    @given(serials(card_type))
    def only_that_type(serial: VitaleSerial) -> None:
        assert serial.card_type is expected

    only_that_type()


@pytest.mark.parametrize(
    ("description", "condition"),
    [
        ("with photo", lambda s: s.card_type is CardType.WITH_PHOTO),
        ("8 digits", lambda s: len(s.compact) == 8),
        ("13 digits", lambda s: len(s.compact) == 13),
        ("9 digits, with a warning", lambda s: len(s.compact) == 9),
        ("12 digits, with a warning", lambda s: len(s.compact) == 12),
        ("a leading zero kept", lambda s: s.compact.startswith("0") and s.compact.strip("0")),
    ],
)
def test_serials_cover_both_cards(description: str, condition: Any) -> None:
    assert condition(find(serials(), condition, settings=REACH)), description


def test_serials_shrink_towards_a_card_with_photo() -> None:
    simplest = find(serials(), lambda serial: True, settings=SEARCH)
    assert (simplest.compact, simplest.card_type) == ("0" * 11, CardType.WITH_PHOTO)
    assert check_serial(simplest.compact, card_type=simplest.card_type).issues == ()
    without_photo = find(
        serials(), lambda s: s.card_type is CardType.WITHOUT_PHOTO, settings=SEARCH
    )
    assert without_photo.compact == "0" * 8


@pytest.mark.parametrize("card_type", ["vitale 3", 2, b"avec photo"])
def test_serials_refuse_an_unknown_card_type(card_type: Any) -> None:
    with pytest.raises(InvalidArgument, match="card_type must be None, a CardType"):
        serials(card_type)


# --- Registration with Hypothesis ------------------------------------------------


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.from_type(Nir), st.from_type(ProvisionalCode), st.from_type(VitaleSerial))
def test_from_type_draws_the_librarys_objects(
    nir: Nir, code: ProvisionalCode, serial: VitaleSerial
) -> None:
    assert isinstance(nir, Nir)
    assert parse_nir(nir.compact) == nir
    assert isinstance(code, ProvisionalCode)
    assert parse_provisional_code(code.compact) == code
    assert isinstance(serial, VitaleSerial)
    assert parse_serial(serial.compact, card_type=serial.card_type) == serial


def run_python(code: str) -> str:
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_importing_vitale_ids_does_not_import_hypothesis() -> None:
    loaded = run_python(
        """
        import sys
        import vitale_ids
        print(sorted({"hypothesis", "regex", "csv", "vitale_ids.strategies"} & set(sys.modules)))
        """
    )
    assert loaded.strip() == "[]"


def test_the_entry_point_registers_the_types_when_hypothesis_is_imported() -> None:
    # In a fresh interpreter, importing Hypothesis alone must register the types
    # (through the installed entry point), without reading the INSEE tables,
    # building a strategy, or warning (-W error).
    output = run_python(
        """
        import sys
        from hypothesis import find, strategies as st
        import vitale_ids
        print("vitale_ids._places" in sys.modules, "vitale_ids.strategies" in sys.modules)
        for name in ("Nir", "ProvisionalCode", "VitaleSerial"):
            cls = getattr(vitale_ids, name)
            print(type(find(st.from_type(cls), lambda value: True)).__name__)
        """
    )
    assert output.split() == ["False", "False", "Nir", "ProvisionalCode", "VitaleSerial"]
