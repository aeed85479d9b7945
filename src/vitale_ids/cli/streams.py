"""Writing that never crashes: closed or full streams, terminals that are not UTF-8.

Every line the command line writes goes through here:

- stdout is wrapped so that a failed write (a full disk, a closed descriptor)
  becomes an :class:`OutputError`, which the entry point turns into exit
  status 2, not a traceback and not 1 ("invalid");
- stderr is wrapped so that writing to it never fails: with stderr closed or
  full, the exit status still tells what happened;
- both encode with the ``vitale_ids.cli`` error handler: a character the
  terminal cannot show (a C locale, ``PYTHONIOENCODING=ascii``) is written as
  ASCII. French prose reads better transliterated ("numero", "cle") than
  escaped, so a letter with accents loses them and French quotes become
  ``<<`` and ``>>``; any other character, a lone surrogate included, is escaped as
  ``\\uXXXX``, so that every line written is valid in the stream's encoding
  (valid UTF-8 when that is the encoding).

A value revealed whole is escaped, never transliterated, before it gets here
(:func:`vitale_ids.cli.output.printable`): a transliterated value would not
be the value.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import locale
import sys
import unicodedata
from typing import TYPE_CHECKING, Final, TextIO, cast

if TYPE_CHECKING:
    from collections.abc import Iterator

__all__ = [
    "ERRORS",
    "OutputError",
    "as_ascii",
    "encodable",
    "for_terminal",
    "guarded_streams",
    "writes_utf8",
]

#: The codec error handler of the command line's streams.
ERRORS: Final = "vitale_ids.cli"

# The typography of the messages that has no accent to drop.
_TYPOGRAPHY: Final = {
    # French quotes hold spaces inside (« avec photo »): ASCII ones would not.
    "«": "<<",
    "»": ">>",
    "‘": "'",
    "’": "'",
    "“": '"',
    "”": '"',
    "…": "...",
    "–": "-",
    "—": "-",
    "−": "-",
    "\u00a0": " ",
    "\u202f": " ",
    "œ": "oe",
    "Œ": "OE",
    "æ": "ae",
    "Æ": "AE",
}


def _escaped(char: str) -> str:
    code = ord(char)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def as_ascii(char: str) -> str:
    """``char`` as ASCII: a Latin letter without its accents, or else escaped.

    Only canonical decompositions are used: a full-width or an Arabic-Indic
    digit named by a message must not turn into the ASCII digit it is not.
    """
    if char.isascii():
        return char
    if char in _TYPOGRAPHY:
        return _TYPOGRAPHY[char]
    if not 0xD800 <= ord(char) <= 0xDFFF:
        decomposed = unicodedata.normalize("NFD", char)
        base = "".join(part for part in decomposed if not unicodedata.combining(part))
        if base.isascii() and base.isalpha():
            return base
    return _escaped(char)


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    return "".join(as_ascii(char) for char in error.object[error.start : error.end]), error.end


codecs.register_error(ERRORS, _fallback)


def encodable(char: str, encoding: str) -> bool:
    try:
        char.encode(encoding)
    except (UnicodeError, LookupError):
        return False
    return True


def writes_utf8(stream: TextIO | None) -> bool:
    """Whether ``stream`` writes UTF-8 (so that any character but a surrogate fits)."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def for_terminal(text: str) -> str:
    """``text`` as the terminal's encoding can write it (the hidden prompt's own stream)."""
    encoding = locale.getpreferredencoding(False)
    try:
        return text.encode(encoding, ERRORS).decode(encoding)
    except LookupError:
        return text.encode("ascii", ERRORS).decode("ascii")


class OutputError(Exception):
    """stdout cannot be written: it is closed, full, or failing."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _reason(error: Exception) -> str:
    return getattr(error, "strerror", None) or type(error).__name__


class _Output:
    """stdout, whose failures are an :class:`OutputError` (a closed pipe stays itself)."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        try:
            return self._stream.write(text)
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise OutputError(_reason(error)) from None

    def flush(self) -> None:
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except (OSError, ValueError) as error:
            raise OutputError(_reason(error)) from None

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


class _Diagnostics:
    """stderr, which never fails: a message that cannot be written is dropped."""

    encoding = "utf-8"

    def __init__(self, stream: TextIO | None) -> None:
        self._stream = stream
        if stream is not None:
            self.encoding = stream.encoding

    def write(self, text: str) -> int:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            if self._stream is not None:
                self._stream.write(text)
        return len(text)

    def flush(self) -> None:
        with contextlib.suppress(OSError, ValueError, AttributeError):
            if self._stream is not None:
                self._stream.flush()

    def isatty(self) -> bool:
        return False if self._stream is None else self._stream.isatty()

    def __getattr__(self, name: str) -> object:
        return getattr(self._stream, name)


def _set_errors(stream: TextIO | None, errors: str | None) -> str | None:
    """Give ``stream`` the error handler ``errors``; return the one it had."""
    if not isinstance(stream, io.TextIOWrapper) or errors is None:
        return None
    before = stream.errors
    with contextlib.suppress(OSError, ValueError):
        stream.reconfigure(errors=errors)
    return before


@contextlib.contextmanager
def guarded_streams() -> Iterator[None]:
    """Within: stdout fails as :class:`OutputError`, stderr never fails, both write ASCII
    when they must. ``sys.stdout`` stays ``None`` when it is closed."""
    stdout, stderr = sys.stdout, sys.stderr
    errors = (_set_errors(stdout, ERRORS), _set_errors(stderr, ERRORS))
    if stdout is not None:
        sys.stdout = cast("TextIO", _Output(stdout))
    sys.stderr = cast("TextIO", _Diagnostics(stderr))
    try:
        yield
    finally:
        sys.stdout, sys.stderr = stdout, stderr
        _set_errors(stdout, errors[0])
        _set_errors(stderr, errors[1])
