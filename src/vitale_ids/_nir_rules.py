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

from collections.abc import Iterable
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
#: Birthplace not given: seen on temporary numbers only.
NO_DEPARTMENT: Final = "00"

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

    ``None`` when ``text`` is anything else. ``text`` is a NIR's first 13
    characters, or all 15 (the number is then the body's times 100 plus the
    key), in compact form: Corsica's letters in upper case, as ``compact()``
    writes them. So a text it reads is a compact form. This is the one reading
    of a NIR's digits: the validators, their fast paths and ``nir_key`` all use
    it, with :func:`key_of`.
    """
    # isdigit() alone accepts "１" and "٣", and int() a sign, spaces and "_".
    if text.isdigit() and text.isascii():  # the usual text: no letter to replace
        return int(text)
    digits = CORSICA_KEY_DIGITS.get(text[DEPARTMENT])
    if digits is None:
        return None
    text = text[: DEPARTMENT.start] + digits + text[DEPARTMENT.stop :]
    if not (text.isdigit() and text.isascii()):
        return None
    return int(text)


# --- What the official online form accepts ---------------------------------------------

#: The Mon espace santé app checks ``^[12]\d{2}(0[1-9]|1[0-2])(2[AB]|\d{2})\d{6}\d{2}$``
#: plus the key: temporary numbers and unknown months are refused online, and
#: their holders object by phone (3422).
ONLINE_FORM_SEX_DIGITS: Final = ORDINARY_SEX_DIGITS
ONLINE_FORM_MONTHS: Final = KNOWN_MONTHS


# --- Derived: the tables the fast paths look up ------------------------------------
#
# Nothing below is a rule: each table is computed from the rules above, so that
# a fast path follows any change made there.


def _width(part: slice) -> int:
    """How many characters a part has."""
    return int(part.stop) - int(part.start)


#: A whole NIR read as a number (15 characters) is its body's number times
#: this, plus the key.
KEY_FACTOR: Final = 10**KEY_LENGTH
#: The key formula as a table: the key of a body's number ``n`` is
#: ``KEY_OF_REMAINDER[n % KEY_MODULUS]``, an index where key_of() is a call.
KEY_OF_REMAINDER: Final = tuple(key_of(remainder) for remainder in range(KEY_MODULUS))
#: The number of a NIR's body (13 characters) divided by this is its first 5
#: characters (sex, year, month) as a number: 1 85 05 ... -> 18505.
SEX_YEAR_MONTH_DIVISOR: Final = 10 ** (BODY_LENGTH - MONTH.stop)
#: That number divided by this is the sex digit, and modulo this the month.
SEX_DIVISOR: Final = 10 ** (MONTH.stop - SEX.stop)
MONTH_MODULUS: Final = 10 ** _width(MONTH)
#: The number of a NIR's body modulo this is its order number (the body's last part).
ORDER_MODULUS: Final = 10 ** _width(ORDER)
#: :data:`NO_ORDER` as that number.
NO_ORDER_NUMBER: Final = int(NO_ORDER)


def _sex_year_months(sexes: frozenset[str], months: range) -> frozenset[int]:
    return frozenset(
        int(sex) * SEX_DIVISOR + year * MONTH_MODULUS + month
        for sex in sexes
        for year in range(10 ** _width(YEAR))
        for month in months
    )


#: The first 5 characters (sex, year, month) as a number, for every number with
#: nothing to report: an ordinary sex digit and a known month. One set lookup
#: costs less than taking them apart.
SOUND_SEX_YEAR_MONTHS: Final = _sex_year_months(ORDINARY_SEX_DIGITS, KNOWN_MONTHS)
#: The sex digits as numbers, and the months that are genuine (known or
#: unknown): the fast acceptance of numbers that only get a warning.
SEX_NUMBERS: Final = frozenset(int(digit) for digit in SEX_DIGITS)
GENUINE_MONTHS: Final = frozenset(KNOWN_MONTHS) | frozenset(UNKNOWN_MONTHS)
#: The printed groups, as on the card: 1 85 05 78 006 084 91.
GROUPS: Final = (SEX, YEAR, MONTH, DEPARTMENT, PLACE, ORDER, KEY)

# The fast paths read a whole NIR (15 characters) as one number and judge each
# rule with one operation and one index into a table of flags, rather than take
# the number apart first: an index costs less than a set lookup or a comparison.


def _flags(size: int, flagged: Iterable[int], flag: int = 1) -> bytes:
    """``size`` bytes: ``flag`` at each index in ``flagged``, the other value elsewhere."""
    flags = bytearray([1 - flag]) * size
    for index in flagged:
        flags[index] = flag
    return bytes(flags)


#: A whole NIR read as a number, modulo this, is its body's remainder (mod
#: :data:`KEY_MODULUS`) times :data:`KEY_FACTOR`, plus its key.
KEY_CHECK_MODULUS: Final = KEY_MODULUS * KEY_FACTOR
#: The values of ``number % KEY_CHECK_MODULUS`` whose key is right: the key formula
#: as a set.
RIGHT_KEY_ENDINGS: Final = frozenset(
    remainder * KEY_FACTOR + key_of(remainder) for remainder in range(KEY_MODULUS)
)
#: The same as flags, indexed by ``number % KEY_CHECK_MODULUS`` (a tuple: the
#: quickest index of all).
RIGHT_KEY_FLAGS: Final = tuple(_flags(KEY_CHECK_MODULUS, RIGHT_KEY_ENDINGS))
#: A whole NIR read as a number divided by this is its first 5 characters (sex,
#: year, month) as a number: ``SOUND_SEX_YEAR_MONTH_FLAGS`` is indexed by it.
WHOLE_SEX_YEAR_MONTH_DIVISOR: Final = SEX_YEAR_MONTH_DIVISOR * KEY_FACTOR
SOUND_SEX_YEAR_MONTH_FLAGS: Final = _flags(10**MONTH.stop, SOUND_SEX_YEAR_MONTHS)
#: A whole NIR read as a number modulo this is its order number and key.
ORDER_AND_KEY_MODULUS: Final = ORDER_MODULUS * KEY_FACTOR
#: The values of ``number % ORDER_AND_KEY_MODULUS`` whose order is :data:`NO_ORDER`.
NO_ORDER_ENDINGS: Final = range(NO_ORDER_NUMBER * KEY_FACTOR, (NO_ORDER_NUMBER + 1) * KEY_FACTOR)
#: Flags indexed by ``number % ORDER_AND_KEY_MODULUS``: 0 for no order, 1 for any other.
SOUND_ORDER_FLAGS: Final = _flags(ORDER_AND_KEY_MODULUS, NO_ORDER_ENDINGS, flag=0)
