"""vitale_ids.pydantic inside a real FastAPI app, through its HTTP stack (TestClient)."""

from __future__ import annotations

import importlib.metadata
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.testclient import TestClient
from pydantic import BaseModel

from leaks import leaked
from synthetic import ORDINARY, TEMPORARY
from vitale_ids import Check, check_nir, check_provisional_code, check_serial
from vitale_ids.pydantic import NirStr, OppositionForm, ProvisionalCodeStr, SerialStr

CODE = "xK4b9Tq2Lm7k"
PHOTO_SERIAL = "12345678901"
PRINTED_SERIAL = "8025000002" + PHOTO_SERIAL


class Opposition(BaseModel):
    provisional_code: ProvisionalCodeStr
    nir: NirStr
    serial: SerialStr


class StrictOppositionForm(OppositionForm):
    strict = True


def make_app() -> FastAPI:
    app = FastAPI()

    @app.post("/opposition")
    def opposition(body: Opposition) -> dict[str, Any]:
        # What an application stores, and what it would log.
        return {
            "stored": [body.provisional_code, body.nir, body.serial]
            == [CODE, ORDINARY, PHOTO_SERIAL],
            "types": sorted({type(str(value)).__name__ for value in body.model_dump().values()}),
            "logged": [repr(body), str(body)],
        }

    @app.post("/form")
    def form(body: OppositionForm) -> dict[str, Any]:
        return {
            "card_type": body.card_type.value if body.card_type else None,
            "serial_ok": body.serial == PHOTO_SERIAL,
            "warnings": [issue.code for issue in body.warnings],
            "deadline": str(body.deadline),
            "logged": [repr(body), str(body)],
        }

    @app.post("/strict-form")
    def strict_form(body: StrictOppositionForm) -> dict[str, Any]:
        return {"ok": True}

    return app


CLIENT = TestClient(make_app(), raise_server_exceptions=False)

GOOD = {
    "provisional_code": "xK4b 9Tq2 Lm7k",
    "nir": "1 85 05 78 006 084 91",
    "serial": PHOTO_SERIAL,
}
GOOD_FORM = {**GOOD, "card_type": "avec photo"}


def post(path: str, body: object, client: TestClient = CLIENT) -> tuple[int, str]:
    response = client.post(path, json=body)
    return response.status_code, response.text


def detail_of(text: str) -> list[dict[str, Any]]:
    detail: list[dict[str, Any]] = json.loads(text)["detail"]
    return detail


def assert_no_identifier(text: str, body: object) -> None:
    # Every value but the card type's ("avec photo") is an identifier.
    values = [v for k, v in body.items() if k != "card_type"] if isinstance(body, dict) else [body]
    identifiers = [value for value in values if isinstance(value, str)]
    assert leaked(text, *identifiers, CODE, ORDINARY, PHOTO_SERIAL) == set(), text


def test_valid_values_reach_the_app_compact_and_are_masked_in_its_logs() -> None:
    body = {**GOOD, "serial": PRINTED_SERIAL}
    status, text = post("/opposition", body)
    assert status == 200, text
    answer = json.loads(text)
    assert answer["stored"] is True
    assert answer["types"] == ["str"]
    for logged in answer["logged"]:
        assert leaked(logged, CODE, ORDINARY, PHOTO_SERIAL, PRINTED_SERIAL) == set(), logged


@pytest.mark.parametrize(
    ("field", "value", "code", "position"),
    [
        ("provisional_code", "xK4b 9Tq2 Lm7", "code.length", None),
        ("provisional_code", "xK4b 9Tq2 Lm7é", "code.character", 13),
        ("provisional_code", 123456789012, "code.type", None),
        ("nir", "1 85 05 78 006 084 19", "nir.checksum", 19),
        ("nir", "1 85 05 78 0O6 084 91", "nir.character", 12),
        ("nir", ORDINARY[:13], "nir.missing_key", None),
        ("nir", 185057800608491, "nir.type", None),
        ("serial", "1234567890O", "serial.character", 10),
        ("serial", "1234567", "serial.length", None),
        ("serial", "1234567890", "card_type.missing", None),
        ("serial", None, "serial.type", None),
    ],
)
def test_each_rejected_value_is_a_422_with_our_code_and_no_identifier(
    field: str, value: object, code: str, position: int | None
) -> None:
    body = {**GOOD, field: value}
    status, text = post("/opposition", body)
    assert status == 422, text
    (item,) = detail_of(text)
    assert item["type"] == code
    assert item["loc"] == ["body", field]
    context = item["ctx"]
    assert context["code"] == code
    assert context["position"] == position
    assert context["message"] == item["msg"]
    assert context["message_fr"]
    assert context["message_fr"] != context["message"]
    assert item["input"] == "<hidden>"
    assert_no_identifier(text, body)


def test_several_rejected_fields_are_each_a_detail_item() -> None:
    body = {"provisional_code": "xK4b", "nir": "1 85 05 78 006 084 19", "serial": "12"}
    status, text = post("/opposition", body)
    assert status == 422
    assert [(item["loc"][-1], item["type"]) for item in detail_of(text)] == [
        ("provisional_code", "code.length"),
        ("nir", "nir.checksum"),
        ("serial", "serial.length"),
    ]
    assert_no_identifier(text, body)


def test_a_missing_field_of_the_ready_made_form_shows_no_identifier() -> None:
    body = {"provisional_code": CODE, "nir": ORDINARY, "card_type": "avec photo"}
    status, text = post("/form", body)
    assert status == 422
    (item,) = detail_of(text)
    assert (item["type"], item["loc"], item["input"]) == ("missing", ["body", "serial"], "<hidden>")
    assert_no_identifier(text, body)


def test_a_body_that_is_not_an_object_is_not_echoed_by_the_ready_made_form() -> None:
    status, text = post("/form", [CODE, ORDINARY])
    assert status == 422
    assert_no_identifier(text, [CODE, ORDINARY])


def test_a_missing_field_of_your_own_model_echoes_the_body_without_the_recipe() -> None:
    # FastAPI puts the whole body in a missing field's error: what docs/privacy.md's
    # recipe is for.
    body = {"provisional_code": CODE, "nir": ORDINARY}
    status, text = post("/opposition", body)
    assert status == 422
    assert leaked(text, CODE, ORDINARY)


def app_with_the_privacy_recipe() -> FastAPI:
    # The recipe of docs/privacy.md, as written there.
    app = make_app()

    @app.exception_handler(RequestValidationError)
    async def validation_error_without_input(
        request: Request, error: RequestValidationError
    ) -> JSONResponse:
        detail = [
            {key: value for key, value in item.items() if key != "input"} for item in error.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": jsonable_encoder(detail)})

    return app


@pytest.mark.parametrize(
    "body",
    [
        {"provisional_code": CODE, "nir": ORDINARY},
        {"provisional_code": CODE, "serial": PHOTO_SERIAL},
        {"nir": ORDINARY, "serial": PHOTO_SERIAL},
        {"provisional_code": "bad", "nir": ORDINARY},
        [CODE, ORDINARY],
    ],
)
def test_the_privacy_recipe_hides_every_input(body: object) -> None:
    client = TestClient(app_with_the_privacy_recipe(), raise_server_exceptions=False)
    status, text = post("/opposition", body, client)
    assert status == 422
    assert all("input" not in item for item in detail_of(text))
    assert_no_identifier(text, body)


def test_the_ready_made_form_accepts_and_infers_the_card_type() -> None:
    body = {**GOOD, "card_type": None, "serial": PRINTED_SERIAL, "sent_on": "2025-03-03"}
    status, text = post("/form", body)
    assert status == 200, text
    answer = json.loads(text)
    assert answer["card_type"] == "with_photo"
    assert answer["serial_ok"] is True
    assert answer["warnings"] == ["card_type.inferred", "serial.prefix_removed"]
    assert answer["deadline"] == "2025-04-14"
    for logged in answer["logged"]:
        assert leaked(logged, CODE, ORDINARY, PHOTO_SERIAL) == set(), logged


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # A serial number copied from the NIR.
        (
            {"card_type": "sans photo", "serial": ORDINARY[5:13]},
            [(["body", "serial"], "form.serial_in_nir")],
        ),
        # The NIR and the serial number typed in each other's box.
        (
            {"nir": PHOTO_SERIAL, "serial": ORDINARY},
            [
                (["body", "nir"], "nir.length"),
                (["body", "nir"], "form.wrong_field"),
                (["body", "serial"], "serial.length"),
                (["body", "serial"], "form.wrong_field"),
            ],
        ),
        # A serial that does not fit the card type chosen.
        ({"serial": "12345678"}, [(["body", "serial"], "serial.length")]),
        ({"card_type": "vitale 3"}, [(["body", "card_type"], "card_type.unknown")]),
        (
            {"card_type": None, "serial": "1234567890"},
            [(["body", "card_type"], "card_type.missing")],
        ),
        ({"card_type": 2}, [(["body", "card_type"], "card_type.type")]),
    ],
)
def test_cross_field_problems_are_422_at_the_fields_loc(
    changes: dict[str, object], expected: list[tuple[list[str], str]]
) -> None:
    body = {**GOOD_FORM, **changes}
    status, text = post("/form", body)
    assert status == 422, text
    assert [(item["loc"], item["type"]) for item in detail_of(text)] == expected
    for item in detail_of(text):
        assert set(item["ctx"]) == {"code", "field", "position", "message", "message_fr"}
    assert_no_identifier(text, body)


def test_a_strict_form_refuses_what_the_online_form_refuses() -> None:
    assert post("/strict-form", GOOD_FORM)[0] == 200
    status, text = post("/strict-form", {**GOOD_FORM, "nir": TEMPORARY})
    assert status == 422
    assert [item["type"] for item in detail_of(text)] == ["nir.temporary"]
    assert_no_identifier(text, {"nir": TEMPORARY})


def test_openapi_schema_describes_each_type_with_synthetic_examples() -> None:
    schemas = CLIENT.get("/openapi.json").json()["components"]["schemas"]
    checks: dict[str, Callable[[str], Check[Any]]] = {
        "provisional_code": check_provisional_code,
        "nir": check_nir,
        "serial": check_serial,
    }
    for model in ("Opposition", "OppositionForm"):
        properties = schemas[model]["properties"]
        for field, check in checks.items():
            schema = properties[field]
            assert schema["type"] == "string"
            assert schema["description"]
            assert schema["maxLength"] >= 15
            assert schema["examples"]
            # Every example is accepted: the schema shows the accepted shape.
            assert all(check(example).valid for example in schema["examples"])
    card_type = schemas["OppositionForm"]["properties"]["card_type"]
    assert {"type": "null"} in card_type["anyOf"]
    assert card_type["examples"] == ["avec photo", "sans photo"]
    assert schemas["OppositionForm"]["required"] == [
        "provisional_code",
        "nir",
        "card_type",
        "serial",
    ]


def test_every_schema_example_passes_through_the_app() -> None:
    schemas = CLIENT.get("/openapi.json").json()["components"]["schemas"]
    properties = schemas["Opposition"]["properties"]
    for field in ("provisional_code", "nir", "serial"):
        for example in properties[field]["examples"]:
            status, text = post("/opposition", {**GOOD, field: example})
            assert status == 200, (field, text)


def test_the_readmes_install_command_brings_what_the_fastapi_docs_run() -> None:
    # docs/integrations.md drives its app with TestClient (httpx or httpx2) and a
    # real app needs a server: plain `fastapi` installs neither.
    readme = (Path(__file__).parent.parent / "README.md").read_text(encoding="utf-8")
    (command,) = re.findall(r"pip install '\.\[pydantic\]' ('[^']+'|[\w\[\]]+)", readme)
    match = re.fullmatch(r"'?fastapi(?:\[(\w+)\])?'?", command)
    assert match, command
    extra = match.group(1)
    requirements = importlib.metadata.requires("fastapi") or []
    brought = {
        re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0]
        for requirement in requirements
        if extra is not None and f'extra == "{extra}"' in requirement
    }
    assert brought & {"httpx", "httpx2"}, command
    assert "uvicorn" in brought, command


def test_swapped_fields_of_the_field_types_say_so() -> None:
    # The field types (NirStr, SerialStr) give the wrong field as their one error.
    body = {**GOOD, "nir": PHOTO_SERIAL, "serial": ORDINARY}
    status, text = post("/opposition", body)
    assert status == 422, text
    items = detail_of(text)
    assert [(item["loc"], item["type"]) for item in items] == [
        (["body", "nir"], "form.wrong_field"),
        (["body", "serial"], "form.wrong_field"),
    ]
    assert "looks like a serial number" in items[0]["msg"]
    assert_no_identifier(text, body)
