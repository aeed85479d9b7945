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
from vitale_ids.cli.parser import build_parser

if TYPE_CHECKING:
    import argparse
    from collections.abc import Callable, Sequence

__all__ = ["main"]


def _fail(lang: Lang, message: str) -> None:
    sys.stderr.write(f"{PROG}: {pick(lang, 'error', 'erreur')}: {message}\n")


def _stop_writing_to_stdout() -> None:
    # The reader is gone: point stdout at the null device, so that the flush
    # at exit does not fail a second time.
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    lang: Lang = args.lang or default_lang(os.environ)
    run: Callable[[argparse.Namespace, Lang], int] = args.run
    try:
        status = run(args, lang)
        # Flushed here, so that a closed pipe is caught below, not at exit.
        sys.stdout.flush()
    except UsageError as error:
        _fail(lang, pick(lang, error.message, error.message_fr))
        return EXIT_USAGE
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _stop_writing_to_stdout()
        return EXIT_BROKEN_PIPE
    return status
