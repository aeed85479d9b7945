"""The type of carte Vitale: with photo (Vitale 2) or without photo (Vitale 1).

The opposition form offers two choices, and the serial number it then expects
depends on the choice:

- "Carte Vitale avec photo" (Vitale 2, issued since 2007): the serial number is
  printed beside the photo;
- "Carte Vitale sans photo" (Vitale 1, issued since 1998): the serial number is
  printed on the back, top left.

The phone app version of the card (appli carte Vitale, 2025) has no serial
number on the form, so it is not a card type here.

:meth:`CardType.parse` reads the labels and the usual spellings, ignoring case,
spaces, hyphens and underscores:

>>> from vitale_ids import CardType
>>> CardType.parse("Carte Vitale avec photo")
<CardType.WITH_PHOTO: 'with_photo'>
>>> CardType.parse("sans-photo"), CardType.parse("vitale 2")
(<CardType.WITHOUT_PHOTO: 'without_photo'>, <CardType.WITH_PHOTO: 'with_photo'>)
>>> CardType.WITHOUT_PHOTO.label_fr, CardType.WITHOUT_PHOTO.label_en
('Carte Vitale sans photo', 'Carte Vitale without photo')

Anything else raises :class:`~vitale_ids.InvalidComponent`, a ``ValueError``,
with the code ``card_type.unknown``:

>>> CardType.parse("photo?")
Traceback (most recent call last):
...
vitale_ids.InvalidComponent: The card type must be "avec photo" or "sans photo" (carte Vitale with or without photo); this value is neither.
"""

from __future__ import annotations

import enum
from typing import Final

from vitale_ids import _core
from vitale_ids._core import InvalidComponent, InvalidType, Issue, remove_separators

__all__ = ["CardType"]

FIELD: Final = "card_type"

# Long enough for the longest spelling with generous spacing; longer text is
# not a card type, and is refused before it is scanned.
MAX_INPUT_LENGTH: Final = _core.MAX_INPUT_LENGTH


class CardType(enum.Enum):
    """The two card types the opposition form offers."""

    WITH_PHOTO = "with_photo"
    WITHOUT_PHOTO = "without_photo"

    @property
    def label_fr(self) -> str:
        """The label of the official form: "Carte Vitale avec photo"."""
        return _LABELS[self][1]

    @property
    def label_en(self) -> str:
        """The label in English: "Carte Vitale with photo"."""
        return _LABELS[self][0]

    @classmethod
    def parse(cls, text: str | CardType) -> CardType:
        """The card type that ``text`` names, or raise ``card_type.unknown``.

        Accepted, in any case and with any spaces, hyphens or underscores: the
        French and English labels, "avec photo", "sans photo", "with photo",
        "without photo", "no photo", "vitale 2", "vitale 1" (with or without
        "carte", "carte vitale" or "card" in front), and the member names and
        values ("WITH_PHOTO", "without_photo"). A :class:`CardType` is returned
        as it is.
        """
        if isinstance(text, CardType):
            return text
        if type(text) is not str:
            plain = _core.plain_text(text)  # a subclass: the plain text it holds
            if plain is None:
                raise InvalidType(type_issue(text))
            text = plain
        if len(text) <= MAX_INPUT_LENGTH:
            found = _SPELLINGS.get(_normalize(text))
            if found is not None:
                return found
        raise InvalidComponent(unknown_issue())


_LABELS: Final = {
    CardType.WITH_PHOTO: ("Carte Vitale with photo", "Carte Vitale avec photo"),
    CardType.WITHOUT_PHOTO: ("Carte Vitale without photo", "Carte Vitale sans photo"),
}


def _spellings() -> dict[str, CardType]:
    with_photo = {"avecphoto", "withphoto", "vitale2"}
    without_photo = {"sansphoto", "withoutphoto", "nophoto", "vitale1"}
    prefixes = ("", "carte", "cartevitale", "card", "vitalecard")
    spellings: dict[str, CardType] = {}
    for words, card_type in (
        (with_photo, CardType.WITH_PHOTO),
        (without_photo, CardType.WITHOUT_PHOTO),
    ):
        for word in words:
            for prefix in prefixes:
                # "carte vitale 2" reads well; "carte vitale vitale 2" does not.
                if word.startswith("vitale") and "vitale" in prefix:
                    continue
                spellings[prefix + word] = card_type
    return spellings


_SPELLINGS: Final = _spellings()
_DELETE_UNDERSCORES: Final = str.maketrans("", "", "_")


def _normalize(text: str) -> str:
    return remove_separators(text).translate(_DELETE_UNDERSCORES).casefold()


def unknown_issue() -> Issue:
    """The ``card_type.unknown`` error. The value is not repeated: it may be anything."""
    return Issue(
        "card_type.unknown",
        FIELD,
        None,
        'The card type must be "avec photo" or "sans photo" (carte Vitale with or without'
        " photo); this value is neither.",
        "Le type de carte doit être « avec photo » ou « sans photo » ; cette valeur n'est ni"
        " l'un ni l'autre.",
    )


def type_issue(value: object) -> Issue:
    type_name = type(value).__name__
    return Issue(
        "card_type.type",
        FIELD,
        None,
        f"Expected a CardType or text (str), got {type_name}.",
        f"Un CardType ou un texte (str) est attendu, pas {type_name}.",
    )


def resolve(card_type: object) -> tuple[CardType | None, Issue | None]:
    """The card type, or the ``card_type.unknown`` issue; raise for a wrong type."""
    if isinstance(card_type, CardType):
        return card_type, None
    text = _core.plain_text(card_type)
    if text is None:
        raise InvalidType(type_issue(card_type))
    try:
        return CardType.parse(text), None
    except InvalidComponent as error:
        return None, error.issue
