"""The card type: labels, and the spellings CardType.parse reads."""

from __future__ import annotations

import pytest

from vitale_ids import (
    CardType,
    InvalidComponent,
    InvalidType,
    ValidationError,
)
from vitale_ids import card_type as card_type_module


def test_labels() -> None:
    assert CardType.WITH_PHOTO.label_fr == "Carte Vitale avec photo"
    assert CardType.WITHOUT_PHOTO.label_fr == "Carte Vitale sans photo"
    assert CardType.WITH_PHOTO.label_en == "Carte Vitale with photo"
    assert CardType.WITHOUT_PHOTO.label_en == "Carte Vitale without photo"


def test_members_and_values() -> None:
    assert [member.name for member in CardType] == ["WITH_PHOTO", "WITHOUT_PHOTO"]
    assert CardType("with_photo") is CardType.WITH_PHOTO
    assert CardType("without_photo") is CardType.WITHOUT_PHOTO


@pytest.mark.parametrize(
    "text",
    [
        "Carte Vitale avec photo",
        "Carte Vitale with photo",
        "avec photo",
        "AVEC PHOTO",
        "avec-photo",
        "Avec_Photo",
        "with_photo",
        "WITH_PHOTO",
        "with photo",
        "With-Photo",
        "vitale 2",
        "Vitale2",
        "VITALE-2",
        "carte vitale 2",
        "carte avec photo",
        "card with photo",
        "Vitale card with photo",
        "  avec\u00a0photo\n",
    ],
)
def test_with_photo_spellings(text: str) -> None:
    assert CardType.parse(text) is CardType.WITH_PHOTO


@pytest.mark.parametrize(
    "text",
    [
        "Carte Vitale sans photo",
        "Carte Vitale without photo",
        "sans photo",
        "sans-photo",
        "Sans_Photo",
        "without_photo",
        "WITHOUT_PHOTO",
        "without photo",
        "without-photo",
        "no photo",
        "vitale 1",
        "Vitale1",
        "carte vitale 1",
        "carte sans photo",
        "card without photo",
    ],
)
def test_without_photo_spellings(text: str) -> None:
    assert CardType.parse(text) is CardType.WITHOUT_PHOTO


def test_a_card_type_is_returned_as_it_is() -> None:
    assert CardType.parse(CardType.WITH_PHOTO) is CardType.WITH_PHOTO
    assert CardType.parse(CardType.WITHOUT_PHOTO) is CardType.WITHOUT_PHOTO


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        "photo",
        "vitale",
        "2",
        "1",
        "vitale 3",
        "avec",
        "carte vitale",
        "appli carte Vitale",
        "avecphotos",
        "avec photo" + " " * 60,
        "1 85 05 78 006 084 91",
    ],
)
def test_anything_else_raises_card_type_unknown(text: str) -> None:
    with pytest.raises(InvalidComponent) as raised:
        CardType.parse(text)
    error = raised.value
    assert isinstance(error, ValueError)
    assert isinstance(error, ValidationError)
    assert error.code == "card_type.unknown"
    assert error.field == "card_type"
    assert error.position is None
    assert str(error) == (
        'The card type must be "avec photo" or "sans photo" (carte Vitale with or without'
        " photo); this value is neither."
    )
    assert error.message_fr == (
        "Le type de carte doit être « avec photo » ou « sans photo » ; cette valeur n'est ni"
        " l'un ni l'autre."
    )


@pytest.mark.parametrize("value", [None, 2, b"avec photo", True])
def test_non_str_raises_invalid_type(value: object) -> None:
    with pytest.raises(InvalidType) as raised:
        CardType.parse(value)  # type: ignore[arg-type]
    assert isinstance(raised.value, TypeError)
    assert isinstance(raised.value, ValueError)
    assert raised.value.code == "card_type.type"
    assert str(raised.value) == f"Expected a CardType or text (str), got {type(value).__name__}."
    assert raised.value.message_fr == (
        f"Un CardType ou un texte (str) est attendu, pas {type(value).__name__}."
    )


# --- Found by mutation testing ---------------------------------------------


def test_the_card_type_spellings() -> None:
    # Built when the module is imported, so that only a direct call can test the table.
    spellings = card_type_module._spellings()
    with_photo = {word for word, card in spellings.items() if card is CardType.WITH_PHOTO}
    without_photo = {word for word, card in spellings.items() if card is CardType.WITHOUT_PHOTO}
    prefixes = ("", "carte", "cartevitale", "card", "vitalecard")
    assert with_photo == {p + w for p in prefixes for w in ("avecphoto", "withphoto")} | {
        "vitale2",
        "cartevitale2",
        "cardvitale2",
    }
    assert without_photo == {
        p + w for p in prefixes for w in ("sansphoto", "withoutphoto", "nophoto")
    } | {"vitale1", "cartevitale1", "cardvitale1"}


def test_a_card_type_reads_up_to_64_characters() -> None:
    assert CardType.parse("avec photo".ljust(64)) is CardType.WITH_PHOTO
    with pytest.raises(ValueError, match="neither"):
        CardType.parse("avec photo".ljust(65))
