"""The rules of the NIR, each stated once, with its source.

Everything else derives from these constants: the validators and their fast
paths, the column kernels, the command line's guess of a value's kind, the
Hypothesis strategies and the INS checks. To change a rule, change it here.
Positions are 0-based slices of the compact form (15 characters).

Sources: the INSEE répertoire (fr.wikipedia "Numéro de sécurité sociale en
France", Service-Public F33078); python-stdnum ``stdnum/fr/nir.py``; CNAM's
``nir-validation`` and its issues #3, #8, #16, #20; the official Mon espace
santé app's published NIR validator (assurance-maladie-mesdmp/ens-mobile).
"""

from __future__ import annotations

from typing import Final

# --- Shape ---------------------------------------------------------------------

#: A NIR has 13 characters that describe a birth, then a 2-digit key.
BODY_LENGTH: Final = 13
KEY_LENGTH: Final = 2
LENGTH: Final = BODY_LENGTH + KEY_LENGTH

SEX: Final = slice(0, 1)
YEAR: Final = slice(1, 3)
MONTH: Final = slice(3, 5)
#: Two characters; overseas (97x, 98x) the department has three (see below).
DEPARTMENT: Final = slice(5, 7)
#: The commune, or the INSEE country code for a birth abroad.
PLACE: Final = slice(7, 10)
ORDER: Final = slice(10, 13)
KEY: Final = slice(13, 15)

#: The only characters a NIR has, apart from Corsica's letters.
DIGITS: Final = frozenset("0123456789")

# --- Sex ---------------------------------------------------------------------------

#: 1 for a man, 2 for a woman (odd male, even female on every number).
ORDINARY_SEX_DIGITS: Final = frozenset("12")
#: NIA (numéro d'identification d'attente), a temporary number: CSP R1111-31,
#: ANS Référentiel INS.
NIA_SEX_DIGITS: Final = frozenset("78")
#: Used for people born abroad while they are being registered (CNAM
#: nir-validation issue #20): genuine, and temporary.
REGISTRATION_SEX_DIGITS: Final = frozenset("34")
TEMPORARY_SEX_DIGITS: Final = NIA_SEX_DIGITS | REGISTRATION_SEX_DIGITS
#: 0, 5, 6 and 9 never start a NIR: 5 and 6 are MIG numbers (CNAM
#: nir-validation issues #3, #8, #16).
SEX_DIGITS: Final = ORDINARY_SEX_DIGITS | TEMPORARY_SEX_DIGITS

# --- Month -------------------------------------------------------------------------

#: A real month of birth.
KNOWN_MONTHS: Final = range(1, 13)
#: Used when the civil record gives no month (20, 30-42, 50-99 are seen; CNAM's
#: validator accepts 20-99 since 2024): genuine, with an unknown month.
UNKNOWN_MONTHS: Final = range(20, 100)
#: 00 and 13-19 are never a month code.
IMPOSSIBLE_MONTHS: Final = (
    frozenset(range(100)) - frozenset(KNOWN_MONTHS) - frozenset(UNKNOWN_MONTHS)
)

# --- Birthplace ----------------------------------------------------------------------

#: Corsica's departments since 1976, and the digits the key formula reads for
#: them (python-stdnum, CNAM nir-validation, the official app).
CORSICA_KEY_DIGITS: Final = {"2A": "19", "2B": "18"}
#: Corsica's department before 1976; also the first character of 2A and 2B.
CORSICA_BEFORE_1976: Final = "20"
#: The letters that may follow a 2 at positions 6-7 (upper case once compact).
CORSICA_LETTERS: Final = frozenset(code[1] for code in CORSICA_KEY_DIGITS)
#: Overseas departments have 3 digits (971...), then a 2-digit commune.
OVERSEAS_PREFIXES: Final = frozenset({"97", "98"})
OVERSEAS_DEPARTMENT: Final = slice(5, 8)
OVERSEAS_COMMUNE: Final = slice(8, 10)
#: Born abroad: positions 8-10 are then the country's INSEE code.
ABROAD: Final = "99"

# --- Order number and key ------------------------------------------------------------------

#: 000 is never an order number; 001-999 are.
NO_ORDER: Final = "000"

#: The key is 97 - (the first 13 characters read as a number) mod 97.
KEY_MODULUS: Final = 97
#: Hence a key is 01-97: 00, 98 and 99 never occur.
KEYS: Final = range(1, KEY_MODULUS + 1)


def key_of(body_number: int) -> int:
    """The key of the first 13 characters, read as a number by :func:`read_number`."""
    return KEY_MODULUS - body_number % KEY_MODULUS


def read_number(text: str) -> int | None:
    """``text`` (ASCII digits, with 2A/2B at positions 6-7) as the key formula reads it.

    ``None`` when ``text`` is anything else. Corsica's letters may be in lower
    case. ``text`` is a NIR's first 13 characters, or all 15 (the number is
    then the body's times 100 plus the key).
    """
    department = text[DEPARTMENT].upper()
    digits = CORSICA_KEY_DIGITS.get(department)
    if digits is not None:
        text = text[: DEPARTMENT.start] + digits + text[DEPARTMENT.stop :]
    # isdigit() alone accepts "１" and "٣", and int() a sign, spaces and "_".
    if not (text.isascii() and text.isdigit()):
        return None
    return int(text)


# --- What the official online form accepts ---------------------------------------------

#: The Mon espace santé app checks ``^[12]\d{2}(0[1-9]|1[0-2])(2[AB]|\d{2})\d{6}\d{2}$``
#: plus the key: temporary numbers and unknown months are refused online, and
#: their holders object by phone (3422).
ONLINE_FORM_SEX_DIGITS: Final = ORDINARY_SEX_DIGITS
ONLINE_FORM_MONTHS: Final = KNOWN_MONTHS
