"""The exit statuses, in a module that imports nothing (the entry point needs them first)."""

from __future__ import annotations

# Not even typing is imported here: see vitale_ids.cli.main.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Final

__all__ = ["EXIT_BROKEN_PIPE", "EXIT_INTERRUPTED", "EXIT_INVALID", "EXIT_USAGE", "EXIT_VALID"]

EXIT_VALID: Final = 0
EXIT_INVALID: Final = 1
EXIT_USAGE: Final = 2
# Conventional statuses for Ctrl-C and for a reader that went away (`| head`).
EXIT_INTERRUPTED: Final = 130
EXIT_BROKEN_PIPE: Final = 141
