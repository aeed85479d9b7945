"""Pre-check the identifiers of the Mon espace santé opposition form.

``check_*`` functions return a :class:`Check` with every error and warning;
``parse_*`` functions return the parsed value or raise a :class:`ValidationError`;
``is_valid_*`` functions return a bool and never raise.
"""

from __future__ import annotations

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
from vitale_ids.nir import Nir, Sex, check_nir, is_valid_nir, nir_key, parse_nir

__version__ = "0.1.0.dev0"

__all__ = [
    "Check",
    "InvalidChecksum",
    "InvalidComponent",
    "InvalidFormat",
    "InvalidLength",
    "InvalidType",
    "Issue",
    "Nir",
    "Sex",
    "ValidationError",
    "check_nir",
    "is_valid_nir",
    "nir_key",
    "parse_nir",
]
