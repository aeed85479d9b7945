"""Reading values: stdin line by line, the hidden prompt, the visible one.

The safe ways to pass a value are stdin and the hidden prompt: values given as
arguments or flags end up in the shell history and in the process list.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING, BinaryIO, Final, TextIO

from vitale_ids.cli.base import Lang, UsageError, pick
from vitale_ids.cli.streams import for_terminal

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "prompt_hidden",
    "prompt_visible",
    "read_lines",
    "stdin",
    "value_prompt",
]

# A line longer than this is not an identifier: the rest of it is read and
# dropped in chunks, so that memory stays bounded whatever the input.
_MAX_LINE_BYTES: Final = 1024

_WHAT: Final = {
    "auto": ("Value to check", "Valeur à vérifier"),
    "nir": ("NIR", "NIR"),
    "code": ("Code provisoire", "Code provisoire"),
    "serial": ("Serial number", "Numéro de série"),
}


def stdin() -> TextIO:
    """``sys.stdin``, or a usage error when it is closed."""
    stream = sys.stdin
    if stream is None:
        raise UsageError(
            "stdin is closed: there is nothing to read.",
            "l'entrée standard est fermée : rien à lire.",
        )
    return stream


def _unreadable(number: int, error: Exception) -> UsageError:
    if isinstance(error, UnicodeDecodeError):
        return UsageError(
            f"line {number} of stdin is not UTF-8 text.",
            f"la ligne {number} de l'entrée standard n'est pas du texte UTF-8.",
        )
    return UsageError(
        f"stdin cannot be read ({type(error).__name__}).",
        f"l'entrée standard est illisible ({type(error).__name__}).",
    )


def read_lines(stream: BinaryIO) -> Iterator[tuple[int, str]]:
    """Number the lines of ``stream`` (UTF-8 bytes), without their line ending.

    Lines are read and decoded one at a time, so that memory stays bounded
    and an undecodable byte is reported on its own line. A line longer than
    any useful value is cut, and the rest of it is read and dropped piece by
    piece. A byte-order mark at the start and CRLF line endings are accepted.
    """
    number = 0
    while True:
        number += 1
        try:
            chunk = stream.readline(_MAX_LINE_BYTES)
            cut = len(chunk) == _MAX_LINE_BYTES and not chunk.endswith(b"\n")
            rest = chunk
            while len(rest) == _MAX_LINE_BYTES and not rest.endswith(b"\n"):
                rest = stream.readline(_MAX_LINE_BYTES)
        except OSError as error:
            raise _unreadable(number, error) from None
        if not chunk:
            return
        if number == 1:
            chunk = chunk.removeprefix(b"\xef\xbb\xbf")
        chunk = chunk.removesuffix(b"\n").removesuffix(b"\r")
        try:
            # A cut line may end in the middle of a character; it is too long
            # to be valid anyway.
            text = chunk.decode("utf-8", "ignore" if cut else "strict")
        except UnicodeDecodeError as error:
            raise _unreadable(number, error) from None
        yield number, text


def _not_text() -> UsageError:
    return UsageError(
        "what was typed is not text in the terminal's encoding.",
        "la saisie n'est pas du texte dans le codage du terminal.",
    )


def prompt_hidden(prompt: str) -> str:
    """Read a value with echo off, the prompt on the terminal (never on stdout)."""
    import getpass

    try:
        # getpass writes to the terminal itself, in the locale's encoding.
        return getpass.getpass(for_terminal(prompt))
    except EOFError:
        raise UsageError("no value was typed.", "aucune valeur n'a été saisie.") from None
    except UnicodeDecodeError:
        raise _not_text() from None


def prompt_visible(prompt: str) -> str:
    """Read a line that is no secret (the card type), the prompt on stderr."""
    stream = stdin()
    sys.stderr.write(prompt)
    sys.stderr.flush()
    try:
        line = stream.readline()
    except UnicodeDecodeError:
        raise _not_text() from None
    if not line:
        raise UsageError("no value was typed.", "aucune valeur n'a été saisie.")
    return line.removesuffix("\n")


def value_prompt(kind: str, lang: Lang) -> str:
    """The hidden prompt for one value of ``kind`` (a choice of ``check --kind``)."""
    what = _WHAT[kind]
    return pick(lang, f"{what[0]} (hidden input): ", f"{what[1]} (saisie masquée) : ")
