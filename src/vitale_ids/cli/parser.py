"""The ``vitale-ids`` parser: its ``check``, ``explain`` and ``form`` commands."""

from __future__ import annotations

import argparse
import re
from typing import TYPE_CHECKING, Any, NoReturn

from vitale_ids import __version__
from vitale_ids.cli.base import PROG, SAFE_INPUT_EN
from vitale_ids.cli.commands import check, explain, form
from vitale_ids.cli.detect import KINDS
from vitale_ids.cli.output import MAX_ECHOED_CHARS, mask_long, printable

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

__all__ = ["ArgvError", "build_parser"]


# The longest cluster of short options (-vqx…) argparse is expected to read.
_CLUSTER = 12


class ArgvError(Exception):
    """argparse's complaint about the command line: exit status 2.

    argparse quotes what was typed ("unrecognized arguments: …", "invalid
    choice: '…'"), and what was typed can be a NIR or a code provisoire:
    :meth:`masked` is the message with every such piece masked.
    """

    def __init__(self, message: str, usage: str, prog: str, names: Collection[str]) -> None:
        super().__init__(message)
        self.message = message
        self.usage = usage
        self.prog = prog
        self.names = frozenset(names)

    def masked(self, arguments: Sequence[str]) -> str:
        """The message, with each piece of ``arguments`` over 5 characters masked.

        The pieces are what argparse can quote: a whole argument, what follows
        its ``=``, what follows a short option's letter (or a cluster of
        them: ``-vq…``). The parser's own option and command names stay: they
        are no one's secret.
        """
        pieces = set()
        for token in arguments:
            pieces.add(token)
            if "=" in token:
                pieces.add(token.partition("=")[2])
            if token.startswith("-") and not token.startswith("--"):
                pieces.update(token[start:] for start in range(2, min(len(token), _CLUSTER)))
        long_pieces = [p for p in pieces if len(p) > MAX_ECHOED_CHARS and p not in self.names]
        message = self.message
        masked = 0
        for piece in sorted(long_pieces, key=len, reverse=True):
            mask = mask_long(piece)
            # argparse writes a piece as typed or as its repr.
            for spelling in {piece, repr(piece)[1:-1]}:
                pattern = rf"(?<!\w){re.escape(spelling)}(?!\w)"
                message, count = re.subn(pattern, mask.replace("\\", "\\\\"), message)
                masked += count
        if masked:
            message += f" (arguments over {MAX_ECHOED_CHARS} characters are masked)"
        return printable(message)


class _Parser(argparse.ArgumentParser):
    """A parser whose errors are an :class:`ArgvError`, to be masked, not printed."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # Every option and choice name of the whole command line, shared by
        # its parsers once built (argparse adds --help in __init__).
        self.names: set[str] = set()
        super().__init__(*args, **kwargs)

    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        action = super().add_argument(*args, **kwargs)
        self.names.update(action.option_strings)
        if action.choices is not None:
            self.names.update(str(choice) for choice in action.choices)
        return action

    def error(self, message: str) -> NoReturn:
        raise ArgvError(message, self.format_usage(), self.prog, self.names)


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--lang",
        choices=("en", "fr"),
        help="language of the messages (default: French when LC_ALL, or else LANG,"
        " starts with 'fr'; English otherwise)",
    )
    parser.add_argument(
        "--reveal",
        action="store_true",
        help="show values whole (the form's own spelling of valid values); without it,"
        " every value is masked",
    )


def _add_strict_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="turn warnings into errors, as the official online form does",
    )


def _add_check(commands: argparse._SubParsersAction[_Parser]) -> None:
    parser = commands.add_parser(
        "check",
        help="check values, one result line each",
        description="Check each VALUE, or each line of stdin (blank lines skipped, still"
        " counted; no value at all is a usage error), and print one line per value: its"
        " line number, valid or invalid, its kind, the masked value, then every error and"
        " warning. With no VALUE and a"
        " terminal as stdin, prompt for one value with hidden input.",
        epilog=SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    parser.add_argument(
        "--kind",
        choices=KINDS,
        default="auto",
        help="what the values are (default: auto, guessed from each value's shape; an"
        " ambiguous shape is reported, with the --kind that decides)",
    )
    parser.add_argument(
        "--card-type",
        metavar="TYPE",
        help='the card type for serial numbers: "avec photo" or "sans photo" (or "with'
        ' photo", "vitale 2"...). Without it, the type is inferred from the length,'
        " when only one fits",
    )
    _add_strict_option(parser)
    parser.add_argument(
        "--json",
        action="store_true",
        help="print one JSON object per line: line, kind, valid, value, errors, warnings",
    )
    _add_output_options(parser)
    parser.add_argument(
        "values",
        nargs="*",
        metavar="VALUE",
        help="values to check (unsafe: they stay in the shell history; prefer stdin)",
    )
    parser.set_defaults(run=check.run)


def _add_explain(commands: argparse._SubParsersAction[_Parser]) -> None:
    parser = commands.add_parser(
        "explain",
        help="decode a NIR: sex, year, month, birthplace, order number, key",
        description="Decode a NIR for a person: sex, year of birth (without its century),"
        " month, birthplace with its history, order number, key, and what the online"
        " form will make of it. The NIR comes from the argument, or else from stdin, or"
        " a hidden prompt when stdin is a terminal.",
        epilog=SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    _add_output_options(parser)
    parser.add_argument(
        "nir",
        nargs="?",
        metavar="NIR",
        help="the NIR (unsafe: it stays in the shell history; prefer stdin or the prompt)",
    )
    parser.set_defaults(run=explain.run)


def _add_form(commands: argparse._SubParsersAction[_Parser]) -> None:
    parser = commands.add_parser(
        "form",
        help="check the four fields of the opposition form together",
        description="Check the four fields of the opposition form (code provisoire, NIR,"
        " card type, serial number), print every problem by field, and, when all is"
        " valid, what to do next. Fields not given as flags are asked for in turn, with"
        " hidden input for the code, the NIR and the serial, when stdin is a terminal;"
        " otherwise they are read from stdin, one line per missing field in that order"
        " (an empty card type line lets the serial number decide). With --json, stdin"
        " holds a JSON object with the keys provisional_code, nir, card_type and serial,"
        " and the result is printed as JSON.",
        epilog=SAFE_INPUT_EN,
        allow_abbrev=False,
    )
    parser.add_argument("--code", metavar="CODE", help="the code provisoire (unsafe: see below)")
    parser.add_argument("--nir", metavar="NIR", help="the NIR (unsafe: see below)")
    parser.add_argument(
        "--card-type", metavar="TYPE", help='the card type: "avec photo" or "sans photo"'
    )
    parser.add_argument("--serial", metavar="SERIAL", help="the serial number (unsafe: see below)")
    parser.add_argument(
        "--json",
        action="store_true",
        help="read the fields as a JSON object from stdin, and print the result as JSON",
    )
    parser.add_argument(
        "--sent-on",
        metavar="YYYY-MM-DD",
        help="the day the invitation was sent: gives the deadline to object",
    )
    _add_strict_option(parser)
    _add_output_options(parser)
    parser.set_defaults(run=form.run)


def build_parser() -> argparse.ArgumentParser:
    """The ``vitale-ids`` parser, with its ``check``, ``explain`` and ``form`` commands."""
    parser = _Parser(
        prog=PROG,
        description="Pre-check the identifiers of the Mon espace santé opposition form:"
        " the NIR, the code provisoire, the carte Vitale type and its serial number.",
        epilog=SAFE_INPUT_EN + " Exit status: 0 all valid, 1 something invalid, 2 usage error.",
        allow_abbrev=False,
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    _add_check(commands)
    _add_explain(commands)
    _add_form(commands)
    names = parser.names.union(commands.choices, *(sub.names for sub in commands.choices.values()))
    for each in (parser, *commands.choices.values()):
        each.names = names
    return parser
