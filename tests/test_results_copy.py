"""Results are frozen, and they copy: pickle, ``copy.deepcopy`` and ``copy.copy``.

A result never changes once built, not even through a second call of its
``__init__``; and every public result type survives a pickle round trip or a
deep copy, equal to the original and still masked in its ``repr``
(issue #13, item 7).
"""

from __future__ import annotations

import copy
import pickle
from collections.abc import Callable
from typing import Any

import attrs
import pytest

from vitale_ids import (
    CardType,
    Check,
    FormCheck,
    InvalidChecksum,
    InvalidComponent,
    InvalidFormat,
    InvalidLength,
    InvalidType,
    Issue,
    Nir,
    ProvisionalCode,
    Sex,
    ValidationError,
    VitaleSerial,
    check_fhir_identifier,
    check_form,
    check_identity,
    check_nir,
    check_provisional_code,
    check_serial,
    parse_nir,
    parse_provisional_code,
    parse_serial,
)

# Synthetic values (tests/synthetic.py, docs).
NIR = "1 85 05 78 006 084 91"
NIR_COMPACT = "185057800608491"
CODE = "xK4b 9Tq2 Lm7k"
SERIAL = "123 456 789 01"
NIR_OID = "urn:oid:1.2.250.1.213.1.4.8"


def _error(call: Callable[[], object]) -> ValidationError:
    try:
        call()
    except ValidationError as error:
        return error
    raise AssertionError("no error")


RESULTS: dict[str, Callable[[], object]] = {
    "Nir": lambda: parse_nir(NIR),
    "ProvisionalCode": lambda: parse_provisional_code(CODE),
    "VitaleSerial": lambda: parse_serial(SERIAL, CardType.WITH_PHOTO),
    "CardType": lambda: CardType.WITHOUT_PHOTO,
    "Sex": lambda: Sex.FEMALE,
    "Issue": lambda: check_nir("1 85 05 78 006 084 19").errors[0],
    "Check valid": lambda: check_nir(NIR),
    "Check with warnings": lambda: check_nir("7 85 05 78 006 084 93"),
    "Check invalid": lambda: check_provisional_code("xK4b 9Tq2 Lm7"),
    "Check serial": lambda: check_serial(SERIAL),
    "FormCheck": lambda: check_form(provisional_code=CODE, nir=NIR, card_type=None, serial=SERIAL),
    "FormCheck invalid": lambda: check_form(
        provisional_code="xK4b", nir="1 85 05 78 006 084 19", card_type="?", serial="1"
    ),
    "INS identifier check": lambda: check_fhir_identifier(
        {"value": NIR_COMPACT, "system": NIR_OID, "use": "official"}
    ),
    "INS identity check": lambda: check_identity(NIR, sex="F", birthplace_code="78646"),
    "InvalidLength": lambda: _error(lambda: parse_nir("1")),
    "InvalidFormat": lambda: _error(lambda: parse_nir("1 85 05 78 OO6 084 91")),
    "InvalidComponent": lambda: _error(lambda: parse_nir("0 85 05 78 006 084 91")),
    "InvalidChecksum": lambda: _error(lambda: parse_nir("1 85 05 78 006 084 19")),
    "InvalidType": lambda: _error(lambda: parse_nir(b"185")),  # type: ignore[arg-type]
    "ValidationError": lambda: _error(lambda: check_identity(NIR, sex=1)),  # type: ignore[arg-type]
}

COPIES: dict[str, Callable[[Any], Any]] = {
    "pickle": lambda value: pickle.loads(pickle.dumps(value)),  # noqa: S301 - our own object
    "pickle protocol 0": lambda value: pickle.loads(  # noqa: S301 - our own object
        pickle.dumps(value, protocol=0)
    ),
    "deepcopy": copy.deepcopy,
    "copy": copy.copy,
}


def _same(original: object, copied: object) -> None:
    assert type(copied) is type(original)
    if isinstance(original, ValidationError):
        assert isinstance(copied, ValidationError)
        assert copied.issue == original.issue
        assert copied.args == original.args
        assert str(copied) == str(original)
    else:
        assert copied == original
        assert hash(copied) == hash(original) or isinstance(original, FormCheck)
    assert repr(copied) == repr(original)


@pytest.mark.parametrize("how", list(COPIES))
@pytest.mark.parametrize("name", list(RESULTS))
def test_every_result_copies(name: str, how: str) -> None:
    original = RESULTS[name]()
    _same(original, COPIES[how](original))


@pytest.mark.parametrize("how", list(COPIES))
def test_a_copied_form_check_keeps_its_fields(how: str) -> None:
    original = check_form(provisional_code=CODE, nir=NIR, card_type=None, serial=SERIAL)
    copied = COPIES[how](original)
    assert list(copied.fields) == list(original.fields)
    assert copied.fields["nir"].value.compact == NIR_COMPACT
    assert copied.fields["serial"].value.card_type is CardType.WITH_PHOTO
    with pytest.raises(TypeError):  # still read-only
        copied.fields["nir"] = None


@pytest.mark.parametrize("how", list(COPIES))
@pytest.mark.parametrize("name", ["Nir", "ProvisionalCode", "VitaleSerial", "FormCheck"])
def test_a_copy_stays_masked(name: str, how: str) -> None:
    copied = COPIES[how](RESULTS[name]())
    for secret in (NIR_COMPACT, "xK4b9Tq2Lm7k", "12345678901"):
        assert secret not in repr(copied)
        assert secret not in str(copied)


# --- Re-initialising a result raises, and leaves it as it was ---------------------

REINITS: dict[str, tuple[Callable[[], Any], tuple[Any, ...]]] = {
    "Nir": (lambda: parse_nir(NIR), ("2 95 10 99 126 111 93",)),
    "ProvisionalCode": (lambda: parse_provisional_code(CODE), ("aaaa bbbb cccc",)),
    "VitaleSerial": (
        lambda: parse_serial(SERIAL, CardType.WITH_PHOTO),
        ("12345678", CardType.WITHOUT_PHOTO),
    ),
    "Issue": (
        lambda: check_nir("1 85 05 78 006 084 19").errors[0],
        ("nir.other", "nir", 0, "Rewritten.", "Réécrit."),
    ),
    "Check": (lambda: check_nir("1 85 05 78 006 084 19"), (True, None)),
    "FormCheck": (
        lambda: check_form(provisional_code=CODE, nir=NIR, card_type=None, serial=SERIAL),
        (False, (), (), {}),
    ),
}


@pytest.mark.parametrize("name", list(REINITS))
def test_a_result_cannot_be_initialised_again(name: str) -> None:
    build, arguments = REINITS[name]
    result = build()
    before = (repr(result), *attrs.astuple(result, recurse=False))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        result.__init__(*arguments)
    assert (repr(result), *attrs.astuple(result, recurse=False)) == before


@pytest.mark.parametrize(
    "cls", [Nir, ProvisionalCode, VitaleSerial, Issue, Check, FormCheck], ids=lambda c: c.__name__
)
def test_a_result_is_frozen(cls: type) -> None:
    assert attrs.has(cls)
    instance = REINITS[cls.__name__][0]()
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        instance.compact = "x" if hasattr(instance, "compact") else None
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        setattr(instance, attrs.fields(cls)[0].name, None)


def test_the_exceptions_copy_as_their_own_class() -> None:
    for cls in (InvalidLength, InvalidFormat, InvalidComponent, InvalidChecksum, InvalidType):
        issue = Issue("nir.x", "nir", None, "Message.", "Message.")
        copied = pickle.loads(pickle.dumps(cls(issue)))  # noqa: S301 - our own object
        assert type(copied) is cls
        assert copied.issue == issue
