"""The entry point: parse, run the command, turn what went wrong into an exit status."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from vitale_ids.cli.base import (
    EXIT_BROKEN_PIPE,
    EXIT_INTERRUPTED,
    EXIT_USAGE,
    PROG,
    Lang,
    UsageError,
    default_lang,
    pick,
)
from vitale_ids.cli.parser import ArgvError, build_parser
from vitale_ids.cli.streams import OutputError, guarded_streams

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["main"]


def _stop_writing_to_stdout() -> None:
    # The reader is gone, or the disk is full: point stdout at the null
    # device, so that the flush at exit does not fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


class _Session:
    """The language of the messages: the environment's, then --lang once parsed."""

    def __init__(self, lang: Lang) -> None:
        self.lang = lang

    def fail(self, english: str, french: str) -> int:
        # stderr is guarded: with stderr closed or full, the exit status still tells.
        sys.stderr.write(
            f"{PROG}: {pick(self.lang, 'error', 'erreur')}: {pick(self.lang, english, french)}\n"
        )
        return EXIT_USAGE


def _command(arguments: list[str], session: _Session) -> int:
    try:
        args = build_parser().parse_args(arguments)
    except ArgvError as error:
        sys.stderr.write(f"{error.usage}{error.prog}: error: {error.masked(arguments)}\n")
        return EXIT_USAGE
    except SystemExit as done:
        # --help and --version: written to stdout, which is flushed next.
        return done.code if isinstance(done.code, int) else EXIT_USAGE
    session.lang = args.lang or session.lang
    run: Callable[[argparse.Namespace, Lang], int] = args.run
    return run(args, session.lang)


def _settle(arguments: list[str], session: _Session) -> int:
    """Run the command and flush stdout; what went wrong becomes an exit status."""
    if sys.stdout is None:
        return session.fail(
            "stdout is closed: there is nowhere to write the results.",
            "la sortie standard est fermée : les résultats ne peuvent être écrits nulle part.",
        )
    try:
        status = _command(arguments, session)
        # Flushed here, so that a closed pipe is caught below, not at exit.
        sys.stdout.flush()
    except UsageError as error:
        return session.fail(error.message, error.message_fr)
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return EXIT_BROKEN_PIPE
    except OutputError as error:
        _stop_writing_to_stdout()
        return session.fail(
            f"the results cannot be written to stdout ({error.reason}).",
            f"les résultats ne peuvent être écrits sur la sortie standard ({error.reason}).",
        )
    return status


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    arguments = list(sys.argv[1:] if argv is None else argv)
    with guarded_streams():
        try:
            return _settle(arguments, _Session(default_lang(os.environ)))
        except KeyboardInterrupt:
            sys.stderr.write("\n")
            return EXIT_INTERRUPTED
