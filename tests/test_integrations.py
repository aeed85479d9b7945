"""pydantic types, attrs validators and the DuckDB recipe, against the real libraries."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Annotated

import attrs
import duckdb
import pydantic
import pytest

from synthetic import ORDINARY, PUBLIC_2A, TEMPORARY, make_nir
from vitale_ids import (
    CardType,
    InvalidChecksum,
    InvalidComponent,
    InvalidLength,
    ValidationError,
    is_valid_nir,
    validators,
)
from vitale_ids.pydantic import Checked, NirStr, ProvisionalCodeStr, SerialStr

CODE = "xK4b9Tq2Lm7k"
PHOTO_SERIAL = "12345678901"


class Opposition(pydantic.BaseModel):
    provisional_code: ProvisionalCodeStr
    nir: NirStr
    serial: SerialStr


def opposition(**changes: object) -> Opposition:
    fields: dict[str, object] = {"provisional_code": CODE, "nir": ORDINARY, "serial": PHOTO_SERIAL}
    fields.update(changes)
    return Opposition.model_validate(fields)


# --- pydantic ---------------------------------------------------------------------


def test_pydantic_types_store_the_normalized_values() -> None:
    model = opposition(
        provisional_code="xK4b 9Tq2-Lm7k",
        nir="1 85 05 78 006 084 91",
        serial="80250000021234567890 1",
    )
    assert model.provisional_code == CODE  # case kept
    assert model.nir == ORDINARY
    assert model.serial == PHOTO_SERIAL  # the printed prefix removed
    assert model.model_dump() == {"provisional_code": CODE, "nir": ORDINARY, "serial": PHOTO_SERIAL}
    assert json.loads(model.model_dump_json())["nir"] == ORDINARY


def error_of(**changes: object) -> dict[str, object]:
    with pytest.raises(pydantic.ValidationError) as raised:
        opposition(**changes)
    (error,) = raised.value.errors()
    text = str(raised.value) + raised.value.json()
    for value in changes.values():
        if value is not None:
            # The identifier never reaches pydantic's error text.
            assert str(value).replace(" ", "") not in text.replace(" ", "")
    return dict(error)


def test_pydantic_error_carries_our_code_and_messages() -> None:
    error = error_of(nir="1 85 05 78 006 084 19")
    assert error["type"] == "nir.checksum"
    assert error["loc"] == ("nir",)
    assert error["input"] is not None
    context = error["ctx"]
    assert isinstance(context, dict)
    assert context["code"] == "nir.checksum"
    assert context["field"] == "nir"
    assert context["position"] == 19
    assert context["message"] == error["msg"]
    assert context["message_fr"] == (
        "La clé (caractères 14-15) ne correspond pas aux 13 premiers caractères :"
        " l'un d'eux est sans doute mal saisi."
    )


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"provisional_code": "xK4b9Tq2Lm7"}, "code.length"),
        ({"provisional_code": 123456789012}, "code.type"),
        ({"nir": 185057800608491}, "nir.type"),
        ({"nir": None}, "nir.type"),
        ({"serial": "1234567"}, "serial.length"),
        ({"serial": "1234567890O"}, "serial.character"),
    ],
)
def test_pydantic_errors_for_each_field(changes: dict[str, object], code: str) -> None:
    assert error_of(**changes)["type"] == code


@pytest.mark.parametrize(
    ("serial", "kept"),
    [
        ("12345678", "12345678"),  # without photo
        ("1234567890123", "1234567890123"),  # without photo
        ("1234567890", "1234567890"),  # only a card without photo can have 10 digits
        ("802500000212345678901", PHOTO_SERIAL),
    ],
)
def test_serial_str_infers_the_card_type(serial: str, kept: str) -> None:
    assert opposition(serial=serial).serial == kept


def test_warnings_pass_unless_strict() -> None:
    assert opposition(nir=TEMPORARY).nir == TEMPORARY

    class Strict(pydantic.BaseModel):
        nir: Annotated[str, Checked("nir", strict=True)]
        serial: Annotated[str, Checked("serial", card_type=CardType.WITHOUT_PHOTO, strict=True)]

    with pytest.raises(pydantic.ValidationError) as raised:
        Strict(nir=TEMPORARY, serial="1234567890")
    assert [error["type"] for error in raised.value.errors()] == [
        "nir.temporary",
        "serial.unusual_length",
    ]
    assert Strict(nir=PUBLIC_2A, serial="12345678").nir == PUBLIC_2A


def test_checked_refuses_a_bad_configuration_when_the_model_is_defined() -> None:
    with pytest.raises(InvalidComponent):
        Checked("serial", card_type="vitale 3")
    with pytest.raises(ValueError, match="kind must be one of"):
        Checked("iban")  # type: ignore[arg-type]


def test_json_schema_is_a_described_string() -> None:
    schema = Opposition.model_json_schema()
    assert schema["properties"]["nir"]["type"] == "string"
    assert "NIR" in schema["properties"]["nir"]["description"]
    assert schema["required"] == ["provisional_code", "nir", "serial"]


# --- attrs ------------------------------------------------------------------------


@attrs.frozen
class Applicant:
    provisional_code: str = attrs.field(validator=validators.provisional_code())
    nir: str = attrs.field(validator=validators.nir())
    serial: str = attrs.field(validator=validators.serial(card_type="avec photo"))


def test_attrs_validators_accept_and_refuse() -> None:
    assert Applicant(CODE, ORDINARY, PHOTO_SERIAL).nir == ORDINARY
    with pytest.raises(InvalidChecksum) as raised:
        Applicant(CODE, ORDINARY[:13] + "01", PHOTO_SERIAL)
    assert raised.value.code == "nir.checksum"
    with pytest.raises(InvalidLength):
        Applicant(CODE[:11], ORDINARY, PHOTO_SERIAL)
    with pytest.raises(ValidationError) as serial_error:
        Applicant(CODE, ORDINARY, "12345678")
    assert serial_error.value.code == "serial.length"
    with pytest.raises(TypeError):
        Applicant(CODE, 185057800608491, PHOTO_SERIAL)  # type: ignore[arg-type]


def test_attrs_validators_strict_and_card_type_errors() -> None:
    @attrs.define
    class Strict:
        nir: str = attrs.field(validator=validators.nir(strict=True))

    assert Strict(ORDINARY).nir == ORDINARY
    with pytest.raises(InvalidComponent):
        Strict(TEMPORARY)
    with pytest.raises(InvalidComponent) as raised:
        validators.serial(card_type="vitale 3")
    assert raised.value.code == "card_type.unknown"


# --- DuckDB -----------------------------------------------------------------------


def test_duckdb_checks_a_100000_row_column() -> None:
    def nir_is_valid(value: str) -> bool:
        return is_valid_nir(value)

    connection = duckdb.connect()
    connection.create_function("is_valid_nir", nir_is_valid, ["VARCHAR"], "BOOLEAN")
    # Synthetic numbers built in SQL; every tenth one gets a wrong key.
    connection.execute(
        """
        CREATE TABLE people AS
        SELECT i, body || lpad(((97 - body::BIGINT % 97 + (i % 10 = 0)::INT - 1) % 97 + 1)::VARCHAR, 2, '0') AS nir
        FROM (
            SELECT i, (1 + i % 2)::VARCHAR || lpad((i % 100)::VARCHAR, 2, '0')
                   || lpad((1 + i % 12)::VARCHAR, 2, '0') || lpad((1 + i % 95)::VARCHAR, 2, '0')
                   || lpad((i % 1000)::VARCHAR, 3, '0') || lpad((1 + i % 999)::VARCHAR, 3, '0') AS body
            FROM range(100000) AS t(i)
        )
        """
    )
    rows = connection.execute("SELECT nir, is_valid_nir(nir) FROM people").fetchall()
    assert len(rows) == 100_000
    # The SQL answer is the library's answer, row by row, and the typos are refused.
    assert all(valid == is_valid_nir(nir) for nir, valid in rows)
    valid, invalid = connection.execute(
        "SELECT count(*) FILTER (WHERE is_valid_nir(nir)), count(*) FILTER (WHERE NOT is_valid_nir(nir)) FROM people"
    ).fetchone() or (0, 0)
    assert (valid, invalid) == (90_000, 10_000)
    assert connection.execute("SELECT is_valid_nir(NULL)").fetchone() == (None,)
    assert is_valid_nir(make_nir(place="75056"))


# --- Import cost --------------------------------------------------------------------


def test_importing_vitale_ids_imports_no_integration() -> None:
    code = (
        "import sys, vitale_ids; "
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'duckdb', 'hypothesis', 'attrs.validators_x') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"


# --- pydantic under hostile input -----------------------------------------------------

HOSTILE_VALUES = [
    "",
    "\x00" * 20,
    "\ud800\udc00",
    "1" * 100_000,
    " " * 100_000,
    b"185057800608491",
    185057800608491,
    None,
    ["185057800608491"],
    3.5,
]


@pytest.mark.parametrize("field", ["provisional_code", "nir", "serial"])
@pytest.mark.parametrize("value", HOSTILE_VALUES, ids=range(len(HOSTILE_VALUES)))
def test_pydantic_types_answer_hostile_input_with_pydantic_errors(
    field: str, value: object
) -> None:
    # Only pydantic's ValidationError, with one of our codes, and no input in it.
    with pytest.raises(pydantic.ValidationError) as raised:
        opposition(**{field: value})
    (error,) = raised.value.errors()
    prefix = "code." if field == "provisional_code" else f"{field}."
    assert str(error["type"]).startswith(prefix)
    assert "'<hidden>'" in str(raised.value)
