"""``python -m vitale_ids``: the command line (see :mod:`vitale_ids.cli`)."""

from __future__ import annotations

# The guard keeps the doctest collector, which imports every module, from
# running the command line.
if __name__ == "__main__":
    import sys

    from vitale_ids.cli import main

    sys.exit(main())
