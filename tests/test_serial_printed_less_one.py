"""20 digits that start with the prefix of a card with photo: the 21 printed, one left out."""

from __future__ import annotations

import pytest

from vitale_ids import CardType, check_serial, is_valid_serial, serial
from vitale_ids.form import check_serial_inferring_card_type

PRINTED = f"{serial.PHOTO_CARD_PREFIX}12345678901"
LESS_ONE = PRINTED[:-1]


@pytest.mark.parametrize("card_type", list(CardType))
def test_the_serial_check_says_one_printed_digit_is_missing(card_type: CardType) -> None:
    result = check_serial(LESS_ONE, card_type=card_type)
    assert not result.valid
    assert [issue.code for issue in result.errors] == ["serial.length"]
    issue = result.errors[0]
    assert issue.message == (
        "The serial number has 20 digits and starts with 8025000002, the prefix of every card"
        " with photo: one digit is missing from the 21 printed beside the photo. The form"
        " wants the last 11."
    )
    assert issue.message_fr == (
        "Le numéro de série comporte 20 chiffres et commence par 8025000002, le préfixe de"
        " toutes les cartes avec photo : il manque un chiffre aux 21 imprimés à côté de la"
        " photo. Le formulaire en demande les 11 derniers."
    )
    assert not is_valid_serial(LESS_ONE, card_type=card_type)
    # Whole, the same digits are fine on a card with photo.
    assert check_serial(PRINTED, card_type=CardType.WITH_PHOTO).valid


def test_without_a_card_type_too() -> None:
    result = check_serial_inferring_card_type("8025000002 123456789 0")
    codes = [issue.code for issue in result.errors]
    assert codes == ["card_type.missing", "serial.length"]
    assert "one digit is missing" in result.errors[1].message


def test_other_20_digits_keep_the_length_message() -> None:
    other = "9" + LESS_ONE[1:]
    message = check_serial(other, card_type=CardType.WITH_PHOTO).errors[0].message
    assert message.startswith("The serial number of a card with photo must have 11 digits;")
