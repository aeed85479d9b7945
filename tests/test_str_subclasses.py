"""A ``str`` subclass is read as the plain ``str`` it holds, by every public function.

A subclass can override anything: ``__len__`` (even to return -1, or 0 for a
huge text), ``__iter__``, ``__int__``, ``__getitem__``, ``__eq__``,
``__hash__``, ``__str__``, ``__contains__``, ``isdigit``, ``replace``... Each
public function must give, for such a value, exactly what it gives for the
plain text: the same result, or the same exception with the same issue
(issue #13, item 6).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from vitale_ids import (
    CardType,
    Nir,
    ProvisionalCode,
    VitaleSerial,
    check_fhir_identifier,
    check_form,
    check_identity,
    check_nir,
    check_provisional_code,
    check_serial,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
    nir_key,
    parse_nir,
    parse_provisional_code,
    parse_serial,
    validators,
)
from vitale_ids import nir as nir_module
from vitale_ids import provisional_code as code_module
from vitale_ids import serial as serial_module
from vitale_ids.ins import fhir_identifier
from vitale_ids.strategies import nir_inputs, provisional_codes

# Synthetic values (tests/synthetic.py, docs): a NIR, a code, a serial.
NIR = "1 85 05 78 006 084 91"
CODE = "xK4b 9Tq2 Lm7k"
SERIAL = "123 456 789 01"
NIR_OID = "urn:oid:1.2.250.1.213.1.4.8"

# What a lying method answers: another text, valid where the held one may not be.
OTHER = "185057800608491"

LIES: dict[str, Callable[..., Any]] = {
    "__len__ -1": lambda self: -1,
    "__len__ 0": lambda self: 0,
    "__len__ 15": lambda self: len(OTHER),
    "__iter__": lambda self: iter(OTHER),
    "__int__": lambda self: int(OTHER),
    "__index__": lambda self: int(OTHER),
    "__getitem__": lambda self, key: OTHER[key],
    "__eq__": lambda self, other: True,
    "__ne__": lambda self, other: False,
    "__hash__": lambda self: hash(OTHER),
    "__str__": lambda self: OTHER,
    "__repr__": lambda self: OTHER,
    "__contains__": lambda self, part: True,
    "__add__": lambda self, other: OTHER,
    "__mod__": lambda self, other: OTHER,
    "__format__": lambda self, spec: OTHER,
    "isdigit": lambda self: True,
    "isdecimal": lambda self: True,
    "isascii": lambda self: True,
    "isalnum": lambda self: True,
    "isspace": lambda self: False,
    "replace": lambda self, *args: OTHER,
    "translate": lambda self, table: OTHER,
    "upper": lambda self: OTHER,
    "lower": lambda self: OTHER,
    "casefold": lambda self: OTHER,
    "strip": lambda self, *args: OTHER,
    "rstrip": lambda self, *args: OTHER,
    "split": lambda self, *args: [OTHER],
    "startswith": lambda self, *args: True,
    "encode": lambda self, *args: OTHER.encode(),
}
# The names, in a fixed order for Hypothesis.
_LIE_NAMES = sorted(LIES)


@functools.cache
def lying_class(names: frozenset[str]) -> type[str]:
    """A ``str`` subclass whose methods ``names`` lie."""
    methods = {}
    for name in names:
        method = LIES[name]
        methods[name.split()[0]] = method
    return type("Lying", (str,), methods)


lies = st.frozensets(st.sampled_from(_LIE_NAMES), min_size=1)
texts = st.one_of(
    st.sampled_from([NIR, CODE, SERIAL, OTHER, "", " ", "avec photo", "2A", "M", "1985-05"]),
    nir_inputs(),
    provisional_codes(),
    st.text(max_size=20),
    st.text(alphabet="0123456789 AB", max_size=25),
)


def outcome(call: Callable[[], Any]) -> tuple[Any, ...]:
    """What a call gives: its result, or its exception's class, issue and message."""
    try:
        result = call()
    except Exception as error:  # any exception is an outcome to compare
        return ("raised", type(error), getattr(error, "issue", None), str(error))
    return ("returned", type(result), result)


# Each public function, called with ``text`` in one of its arguments.
CALLS: dict[str, Callable[[str], Any]] = {
    "check_nir": check_nir,
    "check_nir strict": lambda text: check_nir(text, strict=True),
    "parse_nir": parse_nir,
    "is_valid_nir": is_valid_nir,
    "is_valid_nir strict": lambda text: is_valid_nir(text, strict=True),
    "nir.compact": nir_module.compact,
    "nir.format": nir_module.format,
    "nir.validate": nir_module.validate,
    "nir_key": nir_key,
    "Nir": Nir,
    "check_provisional_code": check_provisional_code,
    "parse_provisional_code": parse_provisional_code,
    "is_valid_provisional_code": is_valid_provisional_code,
    "provisional_code.compact": code_module.compact,
    "ProvisionalCode": ProvisionalCode,
    "check_serial": check_serial,
    "check_serial with photo": lambda text: check_serial(text, CardType.WITH_PHOTO),
    "check_serial card type": lambda text: check_serial(SERIAL, text),
    "parse_serial": lambda text: parse_serial(text, "avec photo"),
    "is_valid_serial": is_valid_serial,
    "is_valid_serial card type": lambda text: is_valid_serial(SERIAL, text),
    "serial.compact": serial_module.compact,
    "VitaleSerial": lambda text: VitaleSerial(text, CardType.WITH_PHOTO),
    "VitaleSerial card type": lambda text: VitaleSerial(SERIAL, text),
    "CardType.parse": CardType.parse,
    "check_form code": lambda text: check_form(
        provisional_code=text, nir=NIR, card_type=None, serial=SERIAL
    ),
    "check_form nir": lambda text: check_form(
        provisional_code=CODE, nir=text, card_type="avec photo", serial=SERIAL
    ),
    "check_form card type": lambda text: check_form(
        provisional_code=CODE, nir=NIR, card_type=text, serial=SERIAL
    ),
    "check_form serial": lambda text: check_form(
        provisional_code=CODE, nir=NIR, card_type=None, serial=text
    ),
    "fhir_identifier": fhir_identifier,
    "fhir_identifier environment": lambda text: fhir_identifier(NIR, text),  # type: ignore[arg-type]
    "check_fhir_identifier value": lambda text: check_fhir_identifier(
        {"value": text, "system": NIR_OID, "use": "official"}
    ),
    "check_fhir_identifier system": lambda text: check_fhir_identifier(
        {"value": OTHER, "system": text}
    ),
    "check_fhir_identifier use": lambda text: check_fhir_identifier(
        {"value": OTHER, "system": NIR_OID, "use": text}
    ),
    "check_fhir_identifier type": lambda text: check_fhir_identifier(
        {
            "value": OTHER,
            "system": NIR_OID,
            "type": {
                "coding": [
                    {"system": text, "code": "INS-NIA"},
                    {
                        "system": "https://hl7.fr/ig/fhir/core/CodeSystem/fr-core-cs-v2-0203",
                        "code": text,
                    },
                ]
            },
        }
    ),
    "check_identity": check_identity,
    "check_identity sex": lambda text: check_identity(NIR, sex=text),
    "check_identity birth date": lambda text: check_identity(NIR, birth_date=text),
    "check_identity birthplace": lambda text: check_identity(NIR, birthplace_code=text),
    "validators.nir": lambda text: validators.nir()(None, None, text),  # type: ignore[arg-type]
    "validators.provisional_code": lambda text: validators.provisional_code()(
        None,
        None,  # type: ignore[arg-type]
        text,
    ),
    "validators.serial": lambda text: validators.serial(card_type="avec photo")(
        None,
        None,  # type: ignore[arg-type]
        text,
    ),
}


@pytest.mark.parametrize("name", list(CALLS))
@settings(max_examples=60, deadline=None)
@given(text=texts, names=lies)
def test_a_lying_subclass_gives_what_its_plain_text_gives(
    name: str, text: str, names: frozenset[str]
) -> None:
    call = CALLS[name]
    value = lying_class(names)(text)
    assert outcome(lambda: call(value)) == outcome(lambda: call(text))


@pytest.mark.parametrize("names", [frozenset({"__len__ 0"}), frozenset({"__len__ -1"})])
def test_a_huge_subclass_that_says_it_is_short_is_refused(names: frozenset[str]) -> None:
    value = lying_class(names)("1" * 10**6)
    assert not is_valid_nir(value)
    assert not is_valid_provisional_code(value)
    assert not is_valid_serial(value, CardType.WITH_PHOTO)
    assert [issue.code for issue in check_nir(value).errors] == ["nir.length"]
    assert [issue.code for issue in check_provisional_code(value).errors] == ["code.length"]


def test_a_lying_int_does_not_make_a_wrong_nir_valid() -> None:
    wrong = lying_class(frozenset({"__int__", "__index__", "isdigit", "isascii"}))(
        "185057800608419"
    )
    assert is_valid_nir(wrong) is False
    assert check_nir(wrong).valid is False


def test_results_hold_plain_str() -> None:
    value = lying_class(frozenset({"__getitem__", "__eq__", "__hash__"}))(NIR)
    assert type(parse_nir(value).compact) is str
    assert type(parse_provisional_code(lying_class(frozenset({"isalnum"}))(CODE)).compact) is str
    assert type(parse_serial(lying_class(frozenset({"replace"}))(SERIAL)).compact) is str


def test_a_lying_class_does_lie() -> None:
    # Without this, the tests above could pass with subclasses that tell the truth.
    value = lying_class(frozenset(_LIE_NAMES) - {"__len__ -1", "__len__ 0"})("not a nir")
    assert value.isdigit()
    assert value == "anything"
    assert value[:3] == OTHER[:3]
    assert int(value) == int(OTHER)
    assert str(value) == OTHER
    assert "z" in value
    assert list(value) == list(OTHER)
    assert value.replace(" ", "") == OTHER
    assert len(value) == len(OTHER)
    with pytest.raises(ValueError, match="__len__"):
        len(lying_class(frozenset({"__len__ -1"}))(""))
