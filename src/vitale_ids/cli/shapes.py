"""A value typed in the wrong place: does it have the shape of another identifier?

People type a value in the wrong box. When the value checked as one kind is a
valid identifier of another kind, and does not have the shape of its own kind,
the command line says so (``kind.looks_like``). Validity is the identifiers'
own public checks; the shape is :func:`~vitale_ids.cli.detect.possible_kinds`.

A value that is valid as another kind is also shown masked whole: its own
mask would show characters of what may be a secret of that other kind (a code
provisoire's last 2, a serial number's last 4).
"""

from __future__ import annotations

from typing import Final

from vitale_ids import (
    CardType,
    Issue,
    is_valid_nir,
    is_valid_provisional_code,
    is_valid_serial,
)
from vitale_ids.cli.detect import possible_kinds

__all__ = ["LOOKS_LIKE", "looks_like", "valid_as_others"]

#: The code of the command line's note about a value in the wrong place.
LOOKS_LIKE: Final = "kind.looks_like"

_KINDS: Final = ("nir", "code", "serial")
_NAMES: Final = {
    "nir": ("a NIR", "un NIR"),
    "code": ("a code provisoire", "un code provisoire"),
    "serial": ("a serial number", "un numéro de série"),
}
_FIELDS: Final = {"nir": "nir", "code": "provisional_code", "serial": "serial"}


def _valid_as(kind: str, value: str, card_type: CardType | None) -> bool:
    if kind == "nir":
        return is_valid_nir(value)
    if kind == "code":
        return is_valid_provisional_code(value)
    card_types = list(CardType) if card_type is None else [card_type]
    return any(is_valid_serial(value, card_type=each) for each in card_types)


def valid_as_others(value: str, own: str, card_type: CardType | None = None) -> list[str]:
    """The kinds other than ``own`` that ``value`` is valid as (a serial number
    for ``card_type``, or for either card type when it is ``None``)."""
    return [kind for kind in _KINDS if kind != own and _valid_as(kind, value, card_type)]


def looks_like(
    value: str, own: str, card_type: CardType | None = None, *, option: bool = False
) -> Issue | None:
    """The note for ``value`` checked as ``own`` when it looks like another identifier.

    ``None`` when it has the shape of its own kind (13 digits are a NIR
    without its key as much as a serial number), or is valid as no other
    kind. With ``option``, the note names the ``--kind`` that checks it as what
    it looks like.
    """
    if own in possible_kinds(value):
        return None
    others = valid_as_others(value, own, card_type)
    if not others:
        return None
    what_en = " or ".join(_NAMES[kind][0] for kind in others)
    what_fr = " ou ".join(_NAMES[kind][1] for kind in others)
    message = f"This looks like {what_en}, not {_NAMES[own][0]}: is it in the right field?"
    message_fr = (
        f"Cette valeur ressemble à {what_fr}, pas à {_NAMES[own][1]} : est-elle dans le bon champ ?"
    )
    if option:
        kinds = " or ".join(f"--kind {kind}" for kind in others)
        kinds_fr = " ou ".join(f"--kind {kind}" for kind in others)
        message += f" {kinds} checks it as one."
        message_fr += f" {kinds_fr} la vérifie comme telle."
    return Issue(LOOKS_LIKE, _FIELDS[own], None, message, message_fr)
