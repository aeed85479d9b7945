"""The command line: ``vitale-ids check``, ``explain`` and ``form``.

A thin layer over the public API: every rule and every message comes from the
validators; this package only reads values, picks the language and prints. It
imports nothing private from ``vitale_ids`` (a test checks), and the shapes it
tells identifiers by come from the identifiers' own modules.

Privacy comes first. Values are masked in every output unless ``--reveal`` is
given, and the safe ways to pass a value are stdin and the hidden prompt
(values given as arguments or flags end up in the shell history and in the
process list).

Exit status: 0 when every value is valid, 1 when any is invalid, 2 on a usage
error (unknown flag or kind, unreadable input, no value at all: nothing
checked is no success).

How it is laid out, one concern a module:

- ``app``: ``main``, the entry point; exceptions become exit statuses;
- ``parser``: the argparse parser of the three commands;
- ``base``: exit statuses, languages, ``UsageError``, what all modules share;
- ``input``: stdin read line by line, the hidden and the visible prompts;
- ``detect``: which identifier a value is, from its shape (``--kind auto``);
- ``shapes``: a value typed in the wrong place, told by the identifiers' own
  checks (``kind.looks_like``, and masking a value valid as another kind);
- ``output``: masking values, wording issues as text or JSON, dates;
- ``commands.check``, ``commands.explain``, ``commands.form`` (with
  ``commands.form_input``, where the form's four fields come from,
  ``commands.form_prompts``, the prompts that ask again for a value that
  fails, and ``commands.form_steps``, the next steps: online, or by phone when
  the online form refuses a value): one module per command, each with
  ``run(args, lang)``.
"""

from __future__ import annotations

from vitale_ids.cli.app import main
from vitale_ids.cli.base import EXIT_INVALID, EXIT_USAGE, EXIT_VALID, default_lang
from vitale_ids.cli.commands.check import Outcome, check_value
from vitale_ids.cli.detect import KINDS, detect_kind
from vitale_ids.cli.input import read_lines
from vitale_ids.cli.output import mask_unparsed
from vitale_ids.cli.parser import build_parser

__all__ = [
    "EXIT_INVALID",
    "EXIT_USAGE",
    "EXIT_VALID",
    "KINDS",
    "Outcome",
    "build_parser",
    "check_value",
    "default_lang",
    "detect_kind",
    "main",
    "mask_unparsed",
    "read_lines",
]
