"""Pre-check the identifiers of the Mon espace santé opposition form.

``check_*`` functions return a :class:`Check` with every error and warning;
``parse_*`` functions return the parsed value or raise a :class:`ValidationError`;
``is_valid_*`` functions return a bool and never raise.
"""

from __future__ import annotations

# typing.TYPE_CHECKING, without importing typing (and re): what the package
# imports before a program built on it runs is all it cannot guard (see below).
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any

    from vitale_ids._core import (
        Check,
        InvalidChecksum,
        InvalidComponent,
        InvalidFormat,
        InvalidLength,
        InvalidType,
        Issue,
        ValidationError,
    )
    from vitale_ids.card_type import CardType
    from vitale_ids.form import (
        FormCheck,
        check_form,
        code_expires_on,
        opposition_deadline,
        wrong_field,
    )
    from vitale_ids.ins import check_fhir_identifier, check_identity
    from vitale_ids.nir import Nir, Sex, check_nir, is_valid_nir, nir_key, parse_nir
    from vitale_ids.provisional_code import (
        ProvisionalCode,
        check_provisional_code,
        is_valid_provisional_code,
        parse_provisional_code,
    )
    from vitale_ids.serial import VitaleSerial, check_serial, is_valid_serial, parse_serial

__version__ = "0.1.0.dev0"

# Every name is loaded on first use, each from its own module: `import
# vitale_ids` costs next to nothing (the form check, with datetime, only when
# it is used; docs/performance.md), and a program built on the package (its
# command line) can set itself up before anything heavy loads, so that Ctrl-C
# while it starts is handled like Ctrl-C later.
_HOMES = {
    "vitale_ids._core": (
        "Check",
        "InvalidChecksum",
        "InvalidComponent",
        "InvalidFormat",
        "InvalidLength",
        "InvalidType",
        "Issue",
        "ValidationError",
    ),
    "vitale_ids.card_type": ("CardType",),
    "vitale_ids.form": (
        "FormCheck",
        "check_form",
        "code_expires_on",
        "opposition_deadline",
        "wrong_field",
    ),
    "vitale_ids.ins": ("check_fhir_identifier", "check_identity"),
    "vitale_ids.nir": ("Nir", "Sex", "check_nir", "is_valid_nir", "nir_key", "parse_nir"),
    "vitale_ids.provisional_code": (
        "ProvisionalCode",
        "check_provisional_code",
        "is_valid_provisional_code",
        "parse_provisional_code",
    ),
    "vitale_ids.serial": ("VitaleSerial", "check_serial", "is_valid_serial", "parse_serial"),
}
_HOME_OF = {name: module for module, names in _HOMES.items() for name in names}
# The identifier modules, there as attributes as if imported eagerly.
_SUBMODULES = frozenset({"card_type", "nir", "provisional_code", "serial"})


def __getattr__(name: str) -> Any:
    import importlib

    if name in _HOME_OF:
        value = getattr(importlib.import_module(_HOME_OF[name]), name)
    elif name in _SUBMODULES:
        value = importlib.import_module(f"vitale_ids.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


__all__ = [
    "CardType",
    "Check",
    "FormCheck",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Issue",
    "Nir",
    "ProvisionalCode",
    "Sex",
    "ValidationError",
    "VitaleSerial",
    "check_fhir_identifier",
    "check_form",
    "check_identity",
    "check_nir",
    "check_provisional_code",
    "check_serial",
    "code_expires_on",
    "is_valid_nir",
    "is_valid_provisional_code",
    "is_valid_serial",
    "nir_key",
    "opposition_deadline",
    "parse_nir",
    "parse_provisional_code",
    "parse_serial",
    "wrong_field",
]
