"""What every part of the command line shares: exit statuses, languages, usage errors."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from vitale_ids import nir
from vitale_ids.cli.status import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_INVALID,
    EXIT_USAGE,
    EXIT_VALID,
)

if TYPE_CHECKING:
    from collections.abc import Mapping

__all__ = [
    "EXIT_BROKEN_PIPE",
    "EXIT_INTERRUPTED",
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_VALID",
    "MAX_VALUE_CHARS",
    "PROG",
    "SAFE_INPUT_EN",
    "Lang",
    "UsageError",
    "default_lang",
    "pick",
    "without_separators",
]

PROG: Final = "vitale-ids"

#: The languages of the messages (the validators word every issue in both).
Lang = Literal["en", "fr"]

# The validators refuse longer inputs before scanning them.
MAX_VALUE_CHARS: Final = nir.MAX_INPUT_LENGTH

SAFE_INPUT_EN: Final = (
    "Values given as arguments or flags end up in your shell history and in the process"
    " list: the safe ways are stdin (a pipe or a file) and the hidden prompt, which appears"
    " when no value is given and stdin is a terminal."
)


class UsageError(Exception):
    """A problem with how the command was called or fed: exit status 2.

    It carries its message in both languages; the command picks one.
    """

    def __init__(self, message: str, message_fr: str) -> None:
        super().__init__(message)
        self.message = message
        self.message_fr = message_fr


def pick(lang: Lang, english: str, french: str) -> str:
    return french if lang == "fr" else english


def default_lang(environ: Mapping[str, str]) -> Lang:
    """French when ``LC_ALL`` (or, when it is unset or empty, ``LANG``) starts with "fr"."""
    setting = environ.get("LC_ALL") or environ.get("LANG") or ""
    return "fr" if setting.lower().startswith("fr") else "en"


def without_separators(text: str) -> str:
    """``text`` (at most ``MAX_VALUE_CHARS`` long) cleaned up as the validators clean it.

    Spaces, dots, dashes and invisible characters go; the NIR's clean-up also
    upper-cases a Corsican letter, which changes no length and no kind.
    """
    return nir.compact(text)
