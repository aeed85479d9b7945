"""The sessions in docs/cli.md are real: each ```console block is run, and its output compared.

In a block, a line starting with ``$ `` is a command; the lines after it, up to
the next command, are what it prints (stdout and stderr, as a terminal shows
them). A block runs as one bash script, so that ``echo $?`` shows the exit
status of the command before it. ``vitale-ids`` runs as ``python -m
vitale_ids`` with the Python running the tests.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

DOC = Path(__file__).resolve().parent.parent / "docs" / "cli.md"

# The command at the start of a command line or after a pipe, with optional
# environment assignments before it (LANG=fr_FR.UTF-8 vitale-ids ...).
_COMMAND = re.compile(r"(^|\|\s*)((?:[A-Z_]+=\S*\s+)*)(vitale-ids|python -m vitale_ids)(?=\s|$)")


def console_blocks(text: str) -> list[tuple[int, list[str], str]]:
    """Each ```console block: its first line number, its commands, its expected output."""
    blocks = []
    lines = text.splitlines()
    index = 0
    while index < len(lines):
        if lines[index].strip() == "```console":
            start = index + 1
            end = lines.index("```", start)
            body = lines[start:end]
            commands = [line[2:] for line in body if line.startswith("$ ")]
            expected = "".join(line + "\n" for line in body if not line.startswith("$ "))
            blocks.append((start + 1, commands, expected))
            index = end
        index += 1
    return blocks


def shell_command(command: str) -> str:
    python = shlex.quote(sys.executable)
    return _COMMAND.sub(lambda match: f"{match[1]}{match[2]}{python} -m vitale_ids", command)


def session_env() -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("LC_ALL", "LANG", "LANGUAGE", "LC_MESSAGES")
    }
    # Fixed width for argparse's messages, UTF-8 whatever the machine.
    env.update({"PYTHONIOENCODING": "utf-8", "COLUMNS": "80"})
    return env


def run_session(commands: list[str]) -> str:
    bash = shutil.which("bash")
    if bash is None:
        pytest.skip("bash is needed to run the sessions of docs/cli.md")
    # Each command's stderr joins its stdout, in order, as on a terminal.
    script = "".join(f"{{ {shell_command(command)} ; }} 2>&1\n" for command in commands)
    result = subprocess.run(
        [bash, "--noprofile", "--norc", "-c", script],
        capture_output=True,
        env=session_env(),
        timeout=60,
        check=False,
    )
    assert result.stderr == b"", result.stderr
    return result.stdout.decode("utf-8")


BLOCKS = console_blocks(DOC.read_text(encoding="utf-8"))


def test_the_page_has_sessions() -> None:
    assert len(BLOCKS) >= 8
    assert all(commands for _line, commands, _expected in BLOCKS)


@pytest.mark.parametrize(
    ("line", "commands", "expected"), BLOCKS, ids=[f"line {line}" for line, _c, _e in BLOCKS]
)
def test_session_output_is_real(line: int, commands: list[str], expected: str) -> None:
    assert run_session(commands) == expected


def test_commands_are_rewritten_only_where_a_command_starts() -> None:
    python = shlex.quote(sys.executable)
    assert shell_command("printf 'x\\n' | vitale-ids check --kind nir") == (
        f"printf 'x\\n' | {python} -m vitale_ids check --kind nir"
    )
    assert shell_command("LANG=fr_FR.UTF-8 vitale-ids explain") == (
        f"LANG=fr_FR.UTF-8 {python} -m vitale_ids explain"
    )
    assert shell_command("echo vitale-ids") == "echo vitale-ids"


def test_a_session_runs_the_command_line_and_shows_the_exit_status() -> None:
    commands = ["vitale-ids check '1 85 05 78 006 084 91' 'x'", "echo $?"]
    assert run_session(commands) == (
        "1: valid nir 1 85 ** ** *** *** 91\n"
        "2: invalid code * | error code.length: The code provisoire must have 12 characters;"
        " this one has 1.\n"
        "1\n"
    )
