"""pydantic types, attrs validators and the DuckDB recipe, against the real libraries."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
from typing import Annotated

import attrs
import duckdb
import pydantic
import pytest

from leaks import leaked
from synthetic import ORDINARY, PUBLIC_2A, TEMPORARY, make_nir
from vitale_ids import (
    CardType,
    InvalidChecksum,
    InvalidComponent,
    InvalidLength,
    Issue,
    ValidationError,
    is_valid_nir,
    validators,
)
from vitale_ids.pydantic import (
    WARNINGS_KEY,
    Checked,
    MaskedStr,
    NirStr,
    OppositionForm,
    ProvisionalCodeStr,
    SerialStr,
)

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
        ("802500000212345678901", PHOTO_SERIAL),
    ],
)
def test_serial_str_infers_the_card_type(serial: str, kept: str) -> None:
    assert opposition(serial=serial).serial == kept


def test_serial_str_needs_the_card_type_where_check_form_does() -> None:
    # 10 digits: only a card without photo has them, and rarely; check_form
    # asks for the card type, and so does SerialStr.
    with pytest.raises(pydantic.ValidationError) as raised:
        opposition(serial="1234567890")
    assert [error["type"] for error in raised.value.errors()] == ["card_type.missing"]

    class WithoutPhoto(pydantic.BaseModel):
        serial: Annotated[str, Checked("serial", card_type="sans photo")]

    assert WithoutPhoto(serial="1234567890").serial == "1234567890"


def test_serial_str_warnings_are_reachable_through_the_validation_context() -> None:
    found: list[Issue] = []
    model = Opposition.model_validate(
        {"provisional_code": CODE, "nir": TEMPORARY, "serial": "8025000002" + PHOTO_SERIAL},
        context={WARNINGS_KEY: found},
    )
    assert model.serial == PHOTO_SERIAL
    assert [(issue.field, issue.code) for issue in found] == [
        ("nir", "nir.temporary"),
        ("card_type", "card_type.inferred"),
        ("serial", "serial.prefix_removed"),
    ]
    # Without the list, or with another context, validation is the same.
    assert Opposition.model_validate(model.model_dump(), context={"other": 1}) == model


def test_a_models_repr_and_str_show_no_identifier() -> None:
    model = opposition(serial="8025000002" + PHOTO_SERIAL)
    for text in (repr(model), str(model), repr(model.nir), f"{model!r}"):
        assert leaked(text, CODE, ORDINARY, PHOTO_SERIAL) == set(), text
    assert repr(model) == (
        "Opposition(provisional_code=ProvisionalCodeStr('**********'),"
        " nir=NirStr('185**********91'), serial=SerialStr('*******8901'))"
    )


def test_the_stored_values_are_plain_strings_but_for_repr() -> None:
    model = opposition()
    values = [model.provisional_code, model.nir, model.serial]
    assert values == [CODE, ORDINARY, PHOTO_SERIAL]
    assert all(isinstance(value, MaskedStr) for value in values)
    assert [str(value) for value in values] == [CODE, ORDINARY, PHOTO_SERIAL]
    assert [type(str(value)) for value in values] == [str, str, str]
    assert f"{model.nir}-{model.serial}" == f"{ORDINARY}-{PHOTO_SERIAL}"
    assert {type(value) for value in model.model_dump().values()} == {str}
    assert json.dumps(model.nir) == f'"{ORDINARY}"'
    assert pickle.loads(pickle.dumps(model)) == model  # noqa: S301 - our own bytes
    assert hash(model.nir) == hash(ORDINARY)


def test_a_pickled_error_carries_no_identifier() -> None:
    with pytest.raises(pydantic.ValidationError) as raised:
        opposition(nir=ORDINARY[:14] + "0")
    hidden = raised.value.errors()[0]["input"]
    assert hidden == "<hidden>"
    assert leaked(repr(pickle.dumps(hidden)), ORDINARY) == set()


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
    # Strict turns an inferred card type into an error: a strict serial needs one.
    with pytest.raises(ValueError, match="needs its card_type"):
        Checked("serial", strict=True)


def test_json_schema_is_a_described_string() -> None:
    schema = Opposition.model_json_schema()
    assert schema["properties"]["nir"]["type"] == "string"
    assert "NIR" in schema["properties"]["nir"]["description"]
    assert schema["required"] == ["provisional_code", "nir", "serial"]
    for field in ("provisional_code", "nir", "serial"):
        assert schema["properties"][field]["maxLength"] == 64
        for example in schema["properties"][field]["examples"]:
            opposition(**{field: example})  # each example is accepted


# --- pydantic: the ready-made form ------------------------------------------------------

FORM = {
    "provisional_code": "xK4b 9Tq2 Lm7k",
    "nir": "1 85 05 78 006 084 91",
    "card_type": "Carte Vitale avec photo",
    "serial": "123 456 789 01",
}


def form_errors(**changes: object) -> list[tuple[tuple[str | int, ...], str]]:
    with pytest.raises(pydantic.ValidationError) as raised:
        OppositionForm.model_validate({**FORM, **changes})
    text = str(raised.value) + raised.value.json()
    assert leaked(text, CODE, ORDINARY, PHOTO_SERIAL) == set()
    return [(error["loc"], error["type"]) for error in raised.value.errors()]


def test_opposition_form_stores_normalized_values() -> None:
    form = OppositionForm.model_validate(FORM)
    assert (form.provisional_code, form.nir, form.card_type, form.serial) == (
        CODE,
        ORDINARY,
        CardType.WITH_PHOTO,
        PHOTO_SERIAL,
    )
    assert form.warnings == ()
    assert form.deadline is None
    assert form.model_dump() == {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": "with_photo",
        "serial": PHOTO_SERIAL,
        "sent_on": None,
    }
    # What it dumps, it reads back.
    assert OppositionForm.model_validate_json(form.model_dump_json()) == form
    assert leaked(repr(form) + str(form), CODE, ORDINARY, PHOTO_SERIAL) == set()


def test_opposition_form_reports_every_field_at_its_loc() -> None:
    assert form_errors(provisional_code="xK4b", nir=ORDINARY[:14] + "0", serial="12") == [
        (("provisional_code",), "code.length"),
        (("nir",), "nir.checksum"),
        (("serial",), "serial.length"),
    ]
    assert form_errors(card_type="sans photo", serial=ORDINARY[2:12]) == [
        (("serial",), "form.serial_in_nir")
    ]
    assert form_errors(sent_on="yesterday") == [(("sent_on",), "date_from_datetime_parsing")]
    assert form_errors(provisional_code=None, card_type=[]) == [
        (("provisional_code",), "code.type"),
        (("card_type",), "card_type.type"),
    ]


def test_opposition_form_missing_fields_hide_the_other_fields() -> None:
    with pytest.raises(pydantic.ValidationError) as raised:
        OppositionForm.model_validate({"provisional_code": CODE, "nir": ORDINARY})
    errors = raised.value.errors()
    assert [(error["loc"], error["type"]) for error in errors] == [
        (("card_type",), "missing"),
        (("serial",), "missing"),
    ]
    assert leaked(repr(errors) + raised.value.json(), CODE, ORDINARY) == set()


def test_opposition_form_nested_keeps_the_loc() -> None:
    class Request(pydantic.BaseModel):
        form: OppositionForm

    with pytest.raises(pydantic.ValidationError) as raised:
        Request.model_validate({"form": {**FORM, "serial": "12"}})
    assert [error["loc"] for error in raised.value.errors()] == [("form", "serial")]


def test_opposition_form_strict_subclass_and_warnings() -> None:
    form = OppositionForm.model_validate(
        {**FORM, "nir": TEMPORARY, "card_type": None, "sent_on": "2025-12-01"}
    )
    assert [issue.code for issue in form.warnings] == ["nir.temporary", "card_type.inferred"]
    assert form.card_type is CardType.WITH_PHOTO
    assert str(form.deadline) == "2026-01-12"

    class Strict(OppositionForm):
        strict = True

    with pytest.raises(pydantic.ValidationError) as raised:
        Strict.model_validate({**FORM, "nir": TEMPORARY, "card_type": None})
    assert [error["type"] for error in raised.value.errors()] == [
        "nir.temporary",
        "card_type.inferred",
    ]


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
        "print(sorted(m for m in ('pydantic', 'pydantic_core', 'duckdb', 'hypothesis', 'django', 'fastapi') if m in sys.modules))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.strip() == "[]"


@pytest.mark.parametrize(
    ("module", "missing", "extra"),
    [
        ("vitale_ids.pydantic", "pydantic", "vitale_ids[pydantic]"),
        ("vitale_ids.pydantic", "pydantic_core", "vitale_ids[pydantic]"),
        ("vitale_ids.django", "django", "vitale_ids[django]"),
    ],
)
def test_a_missing_integration_library_names_the_extra(
    module: str, missing: str, extra: str
) -> None:
    # sys.modules[name] = None makes "import name" fail, as if it were not installed.
    code = (
        f"import sys; sys.modules[{missing!r}] = None\n"
        f"try:\n    import {module}\n"
        "except ImportError as error:\n    print(error)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert f"pip install '{extra}'" in output.stdout


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
