"""One module per command: ``check``, ``explain`` and ``form``.

Each has a ``run(args, lang)`` that returns the exit status.
"""
