"""``python -m vitale_ids``: the command line (see :mod:`vitale_ids.cli`)."""

from __future__ import annotations

# The guard keeps the doctest collector, which imports every module, from
# running the command line.
if __name__ == "__main__":
    import sys

    try:
        from vitale_ids.cli import main
    except KeyboardInterrupt:
        # Ctrl-C before the command line has loaded (it loads next to
        # nothing): 130, quietly, as later.
        if sys.stderr is not None:
            sys.stderr.write("\n")
        sys.exit(130)
    sys.exit(main())
