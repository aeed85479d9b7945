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

from vitale_ids import CardType, Issue, wrong_field
from vitale_ids.cli.detect import possible_kinds
from vitale_ids.form import valid_as_other_fields

__all__ = ["LOOKS_LIKE", "looks_like", "valid_as_others"]

#: The code of the command line's note about a value in the wrong place.
LOOKS_LIKE: Final = "kind.looks_like"

_KINDS: Final = ("nir", "code", "serial")
_FIELDS: Final = {"nir": "nir", "code": "provisional_code", "serial": "serial"}


def valid_as_others(value: str, own: str, card_type: CardType | None = None) -> list[str]:
    """The kinds other than ``own`` that ``value`` is valid as (a serial number
    for ``card_type``, or for either card type when it is ``None``).

    The library's :func:`vitale_ids.form.valid_as_other_fields`, in kinds.
    """
    fields = valid_as_other_fields(value, _FIELDS[own], card_type)
    return [kind for kind in _KINDS if _FIELDS[kind] in fields]


def looks_like(
    value: str, own: str, card_type: CardType | None = None, *, option: bool = False
) -> Issue | None:
    """The note for ``value`` checked as ``own`` when it looks like another identifier.

    The library's :func:`vitale_ids.wrong_field` decides and words it; the
    command line adds that ``value`` must not have the shape of its own kind
    (13 digits are a NIR without its key as much as a serial number). With
    ``option``, the note names the ``--kind`` that checks it as what it looks
    like.
    """
    if own in possible_kinds(value):
        return None
    issue = wrong_field(value, _FIELDS[own], card_type)
    if issue is None:
        return None
    message, message_fr = issue.message, issue.message_fr
    if option:
        others = valid_as_others(value, own, card_type)
        kinds = " or ".join(f"--kind {kind}" for kind in others)
        kinds_fr = " ou ".join(f"--kind {kind}" for kind in others)
        message += f" {kinds} checks it as one."
        message_fr += f" {kinds_fr} la vérifie comme telle."
    return Issue(LOOKS_LIKE, issue.field, None, message, message_fr)
