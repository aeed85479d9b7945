"""The rules of the carte Vitale serial number (numéro de série), each stated once.

Everything else derives from these constants: the validator and its fast
paths, the form's inference of the card type, the column kernels, the command
line's guess of a value's kind and the Hypothesis strategies.

Sources: monespacesante.fr terms of use, section 3.3 (what the form asks for);
the official Mon espace santé app's published serial validator
(assurance-maladie-mesdmp/ens-mobile): the fixed prefix it shows, the lengths
it accepts, and the values it refuses (a date, a part of the scheme's number,
a part of the NIR). No check digit is documented or verified.
"""

from __future__ import annotations

from typing import Final

from vitale_ids.card_type import CardType

#: The only characters of a serial number. It stays text: leading zeros count.
DIGITS: Final = frozenset("0123456789")

# --- Card with photo (Vitale 2) -----------------------------------------------------

#: The first 10 of the 21 digits printed beside the photo, the same on every
#: card (``80``: ISO/IEC 7812 healthcare; ``250``: France). The form shows them
#: as a fixed prefix.
PHOTO_CARD_PREFIX: Final = "8025000002"
#: The form wants the digits after the prefix.
PHOTO_LENGTH: Final = 11
#: What is printed: the prefix, then those 11 digits (groups of 10, 10 and 1).
PRINTED_PHOTO_LENGTH: Final = len(PHOTO_CARD_PREFIX) + PHOTO_LENGTH

# --- Card without photo (Vitale 1) ---------------------------------------------------

#: Printed on the back, top left: 8 or 13 digits.
NO_PHOTO_LENGTHS: Final = frozenset({8, 13})
#: The official app accepts any length from 8 to 13: 9 to 12 are genuine but unusual.
NO_PHOTO_ACCEPTED_LENGTHS: Final = range(8, 14)
NO_PHOTO_UNUSUAL_LENGTHS: Final = frozenset(NO_PHOTO_ACCEPTED_LENGTHS) - NO_PHOTO_LENGTHS

#: The usual lengths of each card type's serial, as the form wants it.
USUAL_LENGTHS: Final = {
    CardType.WITH_PHOTO: frozenset({PHOTO_LENGTH}),
    CardType.WITHOUT_PHOTO: NO_PHOTO_LENGTHS,
}

# --- Values the official app refuses --------------------------------------------------

#: The scheme's technical number: a serial number that is part of it is a mistake.
ISSUER_NUMBER: Final = "80250000025"
#: A value that reads as a DDMMYYYY date is a mistake (a birth date, say).
DATE_LENGTH: Final = 8
DATE_YEARS: Final = range(1900, 2100)
#: A serial found inside the NIR of the same form is an error; shorter digit
#: runs than the shortest serial are found in most NIRs by chance.
SHORTEST_SERIAL: Final = min(NO_PHOTO_ACCEPTED_LENGTHS)


def is_printed_photo_form(digits: str) -> bool:
    """True for the 21 digits printed on a card with photo: the prefix, then 11 digits."""
    return len(digits) == PRINTED_PHOTO_LENGTH and digits.startswith(PHOTO_CARD_PREFIX)


def infer_card_type(digits: str) -> CardType | None:
    """The card type that ``digits`` (ASCII digits) fit, when only one does.

    11 digits, or the 21 printed with the prefix, mean a card with photo; 8 or
    13 digits a card without photo. Any other length (9, 10 and 12 included,
    unusual on a card without photo) leaves the type open.
    """
    length = len(digits)
    if length in USUAL_LENGTHS[CardType.WITH_PHOTO] or is_printed_photo_form(digits):
        return CardType.WITH_PHOTO
    if length in USUAL_LENGTHS[CardType.WITHOUT_PHOTO]:
        return CardType.WITHOUT_PHOTO
    return None
