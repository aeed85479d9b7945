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
checked is no success; stdout that cannot be written), 130 on Ctrl-C, 141
when the reader of stdout goes away.

How it is laid out, one concern a module:

- this module: ``main``, the console script, which loads the rest only when
  it runs, so that Ctrl-C while it loads exits quietly too; the other names
  below are loaded on first use;
- ``app``: the entry point proper; exceptions become exit statuses;
- ``parser``: the argparse parser of the three commands, whose errors mask
  what was typed;
- ``base``: languages, ``UsageError``, what all modules share; ``status``: the
  exit statuses;
- ``input``: stdin read line by line, the hidden and the visible prompts;
- ``detect``: which identifier a value is, from its shape (``--kind auto``);
- ``shapes``: a value typed in the wrong place, told by the identifiers' own
  checks (``kind.looks_like``, and masking a value valid as another kind);
- ``output``: masking values, wording issues as text or JSON, dates;
- ``streams``: writing that never crashes (closed or full streams, terminals
  that are not UTF-8, lone surrogates);
- ``commands.check``, ``commands.explain``, ``commands.form`` (with
  ``commands.form_input``, where the form's four fields come from,
  ``commands.form_prompts``, the prompts that ask again for a value that
  fails, and ``commands.form_steps``, the next steps: online, or by phone when
  the online form refuses a value): one module per command, each with
  ``run(args, lang)``.
"""

from __future__ import annotations

import sys

from vitale_ids.cli.status import EXIT_INTERRUPTED, EXIT_INVALID, EXIT_USAGE, EXIT_VALID

# typing.TYPE_CHECKING without importing typing: until main() runs, Ctrl-C is
# a traceback, so nothing is imported before it that can wait.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from collections.abc import Sequence
    from typing import Any

    from vitale_ids.cli.base import default_lang
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

_LAZY = {
    "default_lang": "vitale_ids.cli.base",
    "Outcome": "vitale_ids.cli.commands.check",
    "check_value": "vitale_ids.cli.commands.check",
    "KINDS": "vitale_ids.cli.detect",
    "detect_kind": "vitale_ids.cli.detect",
    "read_lines": "vitale_ids.cli.input",
    "mask_unparsed": "vitale_ids.cli.output",
    "build_parser": "vitale_ids.cli.parser",
}


def __getattr__(name: str) -> Any:
    import importlib

    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit status."""
    # Ctrl-C while the command line loads exits as it does later: 130, quietly.
    try:
        from vitale_ids.cli import app

        return app.main(argv)
    except KeyboardInterrupt:
        if sys.stderr is not None:
            sys.stderr.write("\n")
        return EXIT_INTERRUPTED
