"""Pre-check the identifiers of the Mon espace santé opposition form.

``check_*`` functions return a :class:`Check` with every error and warning;
``parse_*`` functions return the parsed value or raise a :class:`ValidationError`;
``is_valid_*`` functions return a bool and never raise.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from vitale_ids.nir import Nir, Sex, check_nir, is_valid_nir, nir_key, parse_nir
from vitale_ids.provisional_code import (
    ProvisionalCode,
    check_provisional_code,
    is_valid_provisional_code,
    parse_provisional_code,
)
from vitale_ids.serial import VitaleSerial, check_serial, is_valid_serial, parse_serial

if TYPE_CHECKING:
    from vitale_ids.form import FormCheck, check_form, code_expires_on, opposition_deadline
    from vitale_ids.ins import check_fhir_identifier, check_identity

__version__ = "0.1.0.dev0"

# The form check needs datetime and its own result class: it is loaded on first
# use, so that `import vitale_ids` stays cheap for callers who validate one
# identifier (docs/performance.md).
_FORM_NAMES = frozenset({"FormCheck", "check_form", "code_expires_on", "opposition_deadline"})
# The INS checks (FHIR identifier, identity traits) need datetime too: same reason.
_INS_NAMES = frozenset({"check_fhir_identifier", "check_identity"})


def __getattr__(name: str) -> Any:
    if name in _FORM_NAMES:
        from vitale_ids import form

        return getattr(form, name)
    if name in _INS_NAMES:
        from vitale_ids import ins

        return getattr(ins, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
]
