"""The command line under hostile conditions, run as a user runs it, in a subprocess.

Closed and full streams, terminals that are not UTF-8, lone surrogates,
identifiers typed where argparse echoes them, Ctrl-C while the program loads.
"""

from __future__ import annotations

import argparse
import json
import os
import pty
import select
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

import pytest

from synthetic import ORDINARY, TEMPORARY, make_nir
from vitale_ids.cli.parser import ArgvError
from vitale_ids.cli.streams import as_ascii

if TYPE_CHECKING:
    from collections.abc import Collection, Sequence

CODE = "xK4b9Tq2Lm7k"
SERIAL_WITH_PHOTO = "12345678901"
WRONG_KEY = "185057800608419"
SECRETS = (ORDINARY, CODE, SERIAL_WITH_PHOTO, "1 85 05 78 006 084 91", "xK4b 9Tq2 Lm7k")
PYTHON_M = (sys.executable, "-m", "vitale_ids")
STDOUT_CLOSED = "vitale-ids: error: stdout is closed: there is nowhere to write the results.\n"
DISK_FULL = (
    "vitale-ids: error: the results cannot be written to stdout (No space left on device).\n"
)


def console_script() -> str:
    # pip puts the console script beside the interpreter it installs for.
    found = shutil.which("vitale-ids", path=str(Path(sys.executable).parent))
    assert found is not None, "the package is not installed: pip install -e '.[test]'"
    return found


def environment(**extra: str) -> dict[str, str]:
    """The environment without any locale or encoding setting, plus ``extra``."""
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith("LC_")
        and name not in ("LANG", "LANGUAGE", "PYTHONIOENCODING", "PYTHONUTF8")
    }
    env.update(extra)
    return env


UTF8 = {"PYTHONIOENCODING": "utf-8"}
# Three ways to a terminal that is not UTF-8: Python's own setting, and a C locale
# with Python's UTF-8 mode and locale coercion (PEP 538, 540) turned off.
NOT_UTF8 = {
    "PYTHONIOENCODING=ascii": {"PYTHONIOENCODING": "ascii"},
    "LC_ALL=C": {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
    "LANG=C": {"LANG": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0"},
}


def run(
    args: Sequence[str | bytes],
    stdin: str | bytes = b"",
    env: dict[str, str] | None = None,
    shell_redirect: str = "",
) -> subprocess.CompletedProcess[bytes]:
    """Run ``python -m vitale_ids *args``, through ``sh`` when a redirection is given."""
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    command: list[str | bytes] = [*PYTHON_M, *args]
    if shell_redirect:
        shell = shutil.which("sh")
        assert shell is not None
        command = [shell, "-c", f'exec "$@" {shell_redirect}', "sh", *command]
    # The shell's redirection, when there is one, replaces the pipes.
    return subprocess.run(
        command,
        input=data,
        capture_output=True,
        env=environment(**UTF8) if env is None else env,
        timeout=60,
        check=False,
    )


def assert_one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert "Traceback" not in text
    assert text.count("\n") == 1, text
    assert text.endswith("\n"), text
    return text


# The three commands, each fed what it needs, all valid.
COMMANDS = {
    "check": (["check"], ORDINARY + "\n"),
    "check --json": (["check", "--json"], ORDINARY + "\n"),
    "explain": (["explain"], ORDINARY + "\n"),
    "form": (["form", "--card-type", "avec photo"], f"{CODE}\n{ORDINARY}\n{SERIAL_WITH_PHOTO}\n"),
    "--help": (["--help"], ""),
    "--version": (["--version"], ""),
}


# --- 1. Closed or full stdout, closed stderr ------------------------------------------


@pytest.mark.parametrize("name", COMMANDS)
def test_a_closed_stdout_exits_2_with_one_line(name: str) -> None:
    args, stdin = COMMANDS[name]
    result = run(args, stdin, shell_redirect=">&-")
    assert result.returncode == 2
    assert assert_one_line(result.stderr) == STDOUT_CLOSED


@pytest.mark.parametrize("name", COMMANDS)
def test_a_full_disk_exits_2_with_one_line(name: str) -> None:
    args, stdin = COMMANDS[name]
    result = run(args, stdin, shell_redirect=">/dev/full")
    assert result.returncode == 2
    assert assert_one_line(result.stderr) == DISK_FULL


def test_the_write_error_is_in_the_chosen_language() -> None:
    result = run(["check", "--lang", "fr"], ORDINARY + "\n", shell_redirect=">/dev/full")
    assert result.returncode == 2
    assert assert_one_line(result.stderr) == (
        "vitale-ids: erreur: les résultats ne peuvent être écrits sur la sortie standard"
        " (No space left on device).\n"
    )


def test_a_full_disk_after_many_results_still_exits_2() -> None:
    # Enough lines to fill several buffers: each failed write is caught, and
    # nothing is left to fail again when the interpreter exits.
    result = run(["check"], (ORDINARY + "\n") * 5000, shell_redirect=">/dev/full")
    assert (result.returncode, assert_one_line(result.stderr)) == (2, DISK_FULL)


@pytest.mark.parametrize("redirect", ["2>&-", "2>/dev/full", ">&- 2>&-", ">/dev/full 2>&-"])
def test_without_stderr_the_status_still_tells(redirect: str) -> None:
    unreadable = run(["check"], ORDINARY.encode() + b"\n\xff\n", shell_redirect=redirect)
    assert unreadable.returncode == 2
    valid = run(["check"], ORDINARY + "\n", shell_redirect=redirect)
    assert valid.returncode == (0 if redirect.startswith("2>") else 2)
    invalid = run(["check"], WRONG_KEY + "\n", shell_redirect=redirect)
    assert invalid.returncode == (1 if redirect.startswith("2>") else 2)


def test_without_stderr_the_results_still_go_to_stdout() -> None:
    result = run(["check"], ORDINARY.encode() + b"\n\xff\n", shell_redirect="2>&-")
    assert (result.returncode, result.stdout) == (2, b"1: valid nir 1 85 ** ** *** *** 91\n")


# --- 2. Terminals that are not UTF-8 --------------------------------------------------

# French and English outputs full of accents, French quotes and "numéro".
WORDY = {
    "check fr": (["check", "--lang", "fr"], f"{WRONG_KEY}\n18505780060849O\n{TEMPORARY}\nxK4b\n"),
    "check en": (["check"], f"{TEMPORARY}\n"),
    "explain fr": (["explain", "--lang", "fr"], make_nir(place="2A004", month="42") + "\n"),
    "explain en": (["explain"], make_nir(place="07186") + "\n"),
    "form fr": (["form", "--lang", "fr", "--sent-on", "2025-03-01"], f"{CODE}\n{TEMPORARY}\n\n1\n"),
    "form fr valid": (
        ["form", "--lang", "fr", "--card-type", "sans photo"],
        f"{CODE}\n{ORDINARY}\n31415926\n",
    ),
    "usage error fr": (["check", "--lang", "fr", "--card-type", "vitale 3"], "31415926\n"),
    "help": (["--help"], ""),
}


def transliterated(text: str) -> str:
    return "".join(as_ascii(char) for char in text)


@pytest.mark.parametrize("setting", NOT_UTF8)
@pytest.mark.parametrize("name", WORDY)
def test_a_terminal_without_utf8_gets_ascii(setting: str, name: str) -> None:
    args, stdin = WORDY[name]
    expected = run(args, stdin)
    result = run(args, stdin, env=environment(**NOT_UTF8[setting]))
    assert result.returncode == expected.returncode
    assert b"Traceback" not in result.stderr
    # The same words, as ASCII, on stdout and on stderr alike.
    assert result.stdout.decode("ascii") == transliterated(expected.stdout.decode("utf-8"))
    assert result.stderr.decode("ascii") == transliterated(expected.stderr.decode("utf-8"))
    assert not (expected.stdout + expected.stderr).isascii()


def test_french_reads_as_french_without_its_accents() -> None:
    env = environment(**NOT_UTF8["PYTHONIOENCODING=ascii"])
    explain = run(["explain", "--lang", "fr"], ORDINARY + "\n", env=env).stdout.decode("ascii")
    assert "\nNumero d'ordre : " in explain
    assert "Cle : 91, correcte\n" in explain
    assert "Annee de naissance : 85" in explain
    usage = run(["check", "--lang", "fr", "--card-type", "x", ORDINARY], env=env)
    assert usage.stderr.decode("ascii") == (
        "vitale-ids: erreur: --card-type : Le type de carte doit etre << avec photo >> ou"
        " << sans photo >> ; cette valeur n'est ni l'un ni l'autre.\n"
    )


def test_an_ascii_terminal_keeps_full_width_digits_apart() -> None:
    # A message that names an odd character does not turn it into the ASCII
    # character it is not: only Latin letters lose their accents.
    assert as_ascii("é") == "e"
    assert as_ascii("«") == "<<"
    assert as_ascii("１") == "\\uff11"
    assert as_ascii("٣") == "\\u0663"
    assert as_ascii("\ud800") == "\\ud800"


@pytest.mark.parametrize("setting", NOT_UTF8)
def test_json_on_an_ascii_terminal_loses_nothing(setting: str) -> None:
    args = ["check", "--json", "--lang", "fr"]
    stdin = f"{WRONG_KEY}\n{TEMPORARY}\n"
    expected = run(args, stdin)
    result = run(args, stdin, env=environment(**NOT_UTF8[setting]))
    lines = result.stdout.decode("ascii").splitlines()
    assert [json.loads(line) for line in lines] == [
        json.loads(line) for line in expected.stdout.decode().splitlines()
    ]


def test_a_revealed_value_is_escaped_not_transliterated() -> None:
    env = environment(PYTHONIOENCODING="ascii")
    result = run(["check", "--reveal", "--kind", "code", "xK4bé9Tq2Lm7"], env=env)
    assert result.returncode == 1
    # "e" would be another code: the value is shown as it is, escaped.
    assert result.stdout.decode("ascii").startswith("1: invalid code xK4b\\xe99Tq2Lm7 | ")


def test_c_locale_with_python_defaults_still_works() -> None:
    # Python turns UTF-8 mode on in the C locale: output is UTF-8 then.
    args, stdin = WORDY["explain fr"]
    result = run(args, stdin, env=environment(LC_ALL="C"))
    assert result.returncode == 0
    assert result.stdout == run(args, stdin).stdout


def _read_available(fd: int, timeout: float) -> bytes:
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:
        return b""


@pytest.mark.parametrize("setting", ["PYTHONIOENCODING=ascii", "LC_ALL=C"])
def test_the_hidden_prompt_on_an_ascii_terminal(setting: str) -> None:
    master, slave = pty.openpty()
    # A new session has no controlling terminal: getpass prompts on stderr.
    process = subprocess.Popen(
        [*PYTHON_M, "explain", "--lang", "fr"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=environment(**NOT_UTF8[setting]),
        start_new_session=True,
    )
    os.close(slave)
    assert process.stdout is not None
    assert process.stderr is not None
    try:
        prompt = b""
        deadline = time.monotonic() + 30
        while not prompt.endswith(b" : "):
            assert time.monotonic() < deadline, prompt
            prompt += _read_available(process.stderr.fileno(), 0.1)
        os.write(master, ORDINARY.encode() + b"\n")
        stdout, stderr = process.communicate(timeout=30)
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    assert prompt == b"NIR (saisie masquee) : "
    assert process.returncode == 0
    assert b"Traceback" not in stderr
    assert b"Cle : 91, correcte\n" in stdout


# --- 3. Lone surrogates ---------------------------------------------------------------

ODD_TEXT = ["\ud800", "\udfff", "a\udcffb", "\x00\x1b[2J", "\u2028x", "é\ud800" * 40]


def escape_surrogates(text: str) -> str:
    return "".join(
        f"\\u{ord(char):04x}" if 0xD800 <= ord(char) <= 0xDFFF else char for char in text
    )


def no_surrogate_anywhere(data: object) -> bool:
    if isinstance(data, str):
        return not any(0xD800 <= ord(char) <= 0xDFFF for char in data)
    if isinstance(data, dict):
        return all(no_surrogate_anywhere(k) and no_surrogate_anywhere(v) for k, v in data.items())
    if isinstance(data, list):
        return all(no_surrogate_anywhere(item) for item in data)
    return True


@pytest.mark.parametrize("odd", ODD_TEXT)
@pytest.mark.parametrize("field", ["provisional_code", "nir", "card_type", "serial"])
def test_form_json_reveal_writes_valid_utf8_json(odd: str, field: str) -> None:
    stdin = json.dumps({field: odd})  # "\ud800" as a JSON escape
    for reveal in ([], ["--reveal"]):
        result = run(["form", "--json", *reveal], stdin)
        assert result.returncode == 1
        assert b"Traceback" not in result.stderr
        record = json.loads(result.stdout.decode("utf-8"))
        assert no_surrogate_anywhere(record)
        value = record["fields"][field]["value"]
        if reveal:
            # Shown as typed, each lone surrogate as the text of its escape.
            assert value == escape_surrogates(odd)


@pytest.mark.parametrize("odd", [b"\xff", b"a\xedb", b"\xed\xa0\x80", b"xK4b\xff9Tq2Lm7k"])
@pytest.mark.parametrize("mode", [[], ["--json"]])
def test_check_reveal_of_an_argument_that_is_not_utf8(odd: bytes, mode: list[str]) -> None:
    result = run(["check", "--reveal", *mode, odd])
    assert result.returncode == 1
    assert b"Traceback" not in result.stderr
    line = result.stdout.decode("utf-8")  # strict: any byte that is not UTF-8 fails here
    shown = json.loads(line)["value"] if mode else line.split()[3]
    # The bytes are still told apart: each is shown as an escape, as text.
    assert shown == escape_surrogates(os.fsdecode(odd))


@pytest.mark.parametrize("odd", [b"\xff", b"a\xedb", b"\x1b[2J\xff", "é".encode() + b"\xff"])
def test_form_text_reveal_writes_valid_utf8(odd: bytes) -> None:
    flags = [b"--code", odd, b"--nir", odd, b"--card-type", odd, b"--serial", odd]
    result = run([b"form", b"--reveal", *flags])
    assert result.returncode == 1
    lines = result.stdout.decode("utf-8").splitlines()  # strict
    # Shown as typed, what cannot be shown escaped: a byte that is not UTF-8
    # as the escape of the surrogate Python reads it as, a control character too.
    shown = "".join(
        char if char.isprintable() else char.encode("unicode_escape").decode("ascii")
        for char in os.fsdecode(odd)
    )
    assert f"Code provisoire: {shown} (invalid)" in lines
    assert f"NIR: {shown} (invalid)" in lines


# --- 4. argv is never echoed ----------------------------------------------------------

ARGV_ERRORS = [
    ["explain", ORDINARY, "285057800608491"],
    ["explain", "--", ORDINARY, "1 85 05 78 006 084 91"],
    ["check", "--kind", ORDINARY],
    ["check", "--kind=" + CODE],
    ["check", "--kind", "xK4b'9Tq2\"Lm7k"],
    ["check", "-" + CODE],
    ["check", "-h" + CODE],
    ["check", "--json=" + ORDINARY],
    ["check", "--strict=" + CODE],
    ["check", "--lang", ORDINARY],
    ["form", "--lang=" + CODE],
    [ORDINARY],
    ["--" + CODE, "check"],
    ["check", "--kin=" + ORDINARY],
    ["check", "--card", ORDINARY, "--c=" + CODE],
    ["che", ORDINARY],
    ["check", "--kind"],
    ["form", "--code"],
    ["form", "--sent-on", ORDINARY, "--code", CODE, "--nir", ORDINARY, "--serial", "x"],
    ["form", "--sent-on=" + CODE[:10], "--code", "x", "--nir", "x", "--serial", "x"],
    ["--version=" + ORDINARY],
    ["explain", ORDINARY, "--reveal", SERIAL_WITH_PHOTO],
]


# The parser's own names: these are shown, whatever their length.
PARSER_NAMES = {
    "explain",
    "--kind",
    "--lang",
    "--reveal",
    "--code",
    "--card-type",
    "--serial",
    "--sent-on",
    "--strict",
    "--version",
}


def assert_names_no_secret(
    text: str, args: Sequence[str], names: Collection[str] = PARSER_NAMES
) -> None:
    # What follows "=" is the value; before it, an option name.
    typed = [arg.partition("=")[2] or arg for arg in args if arg not in names]
    for value in [*SECRETS, *typed]:
        compact = value.replace(" ", "")
        # No piece of it over 5 characters, as typed or without its spaces.
        for start in range(len(compact) - 5):
            assert compact[start : start + 6] not in text.replace(" ", ""), (value, text)


@pytest.mark.parametrize("args", ARGV_ERRORS, ids=lambda args: " ".join(args)[:40])
def test_usage_errors_name_the_option_never_the_value(args: list[str]) -> None:
    result = run(args)
    assert result.returncode == 2
    assert result.stdout == b""
    stderr = result.stderr.decode("utf-8")
    assert "error: " in stderr
    assert "Traceback" not in stderr
    assert_names_no_secret(stderr, args)


def test_usage_errors_say_what_is_wrong() -> None:
    kind = run(["check", "--kind", ORDINARY]).stderr.decode()
    assert kind.endswith(
        "vitale-ids check: error: argument --kind: invalid choice: '***************'"
        " (choose from 'auto', 'nir', 'code', 'serial')"
        " (arguments over 5 characters are masked)\n"
    )
    extra = run(["explain", ORDINARY, "1 85 05 78 006 084 91", "-v"]).stderr.decode()
    assert extra.endswith(
        "vitale-ids: error: unrecognized arguments: * ** ** ** *** *** ** -v"
        " (arguments over 5 characters are masked)\n"
    )
    explicit = run(["check", "--json=" + CODE]).stderr.decode()
    assert explicit.endswith(
        "argument --json: ignored explicit argument '************'"
        " (arguments over 5 characters are masked)\n"
    )


def test_short_pieces_and_the_parser_s_own_names_are_shown() -> None:
    lang = run(["check", "--lang", "de"]).stderr.decode()
    assert lang.endswith("argument --lang: invalid choice: 'de' (choose from 'en', 'fr')\n")
    assert (
        run(["che"])
        .stderr.decode()
        .endswith("invalid choice: 'che' (choose from 'check', 'explain', 'form')\n")
    )
    missing = run(["form", "--card-type"]).stderr.decode()
    assert missing.endswith("vitale-ids form: error: argument --card-type: expected one argument\n")
    control = run(["check", "--kind", "\x1b[2J"]).stderr.decode()
    assert "\x1b" not in control
    assert "invalid choice: '\\x1b[2J'" in control


class _Raising(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise LookupError(message)


def argparse_says(args: list[str]) -> str:
    """What argparse itself says about ``args``, on a parser with every error path.

    The command line's parser has no abbreviations, no typed options and one
    short option: this one has them all, so that each message argparse can
    write (in this Python's wording) goes through the masking.
    """
    parser = _Raising(prog="p", allow_abbrev=True)
    parser.add_argument("--kind", choices=["auto", "nir"])
    parser.add_argument("--kindness")
    parser.add_argument("--count", type=int)
    parser.add_argument("-v", action="store_true")
    parser.add_argument("-q", action="store_true")
    parser.add_argument("-n", type=int)
    with pytest.raises(LookupError) as error:
        parser.parse_args(args)
    return str(error.value)


ARGPARSE_PATHS = [
    ["--kin=" + ORDINARY],  # ambiguous prefix
    ["--kin", ORDINARY],
    ["--kindn=" + CODE, ORDINARY],  # an abbreviation, then one argument too many
    ["--kind", CODE],  # invalid choice
    ["--kin" + CODE],  # no such option
    ["--count", ORDINARY + "x"],  # invalid int
    ["--count=" + CODE],
    ["-n" + CODE],
    ["-vq" + CODE],  # a cluster of short options, then what is not one
    ["-vqvqv" + CODE],
    ["-v=" + CODE],
    [ORDINARY, CODE],  # unrecognized arguments
    ["--kind"],  # expected one argument
]


@pytest.mark.parametrize("args", ARGPARSE_PATHS, ids=lambda args: " ".join(args)[:20])
def test_every_message_of_argparse_is_masked(args: list[str]) -> None:
    message = argparse_says(args)
    names = {"--kind", "--kindness", "--count", "-v", "-q", "-n", "auto", "nir"}
    masked = ArgvError(message, "", "p", names).masked(args)
    assert_names_no_secret(masked, args, names)
    # What is not typed stays: the option is named.
    assert any(option in masked for option in ("--kind", "--count", "-n", "-v", "arguments"))


def test_form_json_masks_unknown_keys() -> None:
    result = run(["form", "--json"], json.dumps({ORDINARY: "x", "code": "y"}))
    assert result.returncode == 2
    assert result.stderr.decode() == (
        "vitale-ids: error: --json: unknown key(s) ***************, code;"
        " the keys are provisional_code, nir, card_type, serial.\n"
    )


# --- 5. Ctrl-C while the program loads ------------------------------------------------

# Imported first by the interpreter's site module: a finder that sends SIGINT to
# the process when a given module is about to load, so that the interrupt lands
# during the imports, every time, at a chosen place.
SITECUSTOMIZE = """\
import os
import signal
import sys

_AT = os.environ.get("VITALE_IDS_TEST_SIGINT_AT")


class _InterruptAt:
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name == _AT:
            sys.meta_path.remove(_InterruptAt)
            os.kill(os.getpid(), signal.SIGINT)
        return None


if _AT:
    sys.meta_path.insert(0, _InterruptAt)
"""

# From the package itself (loaded before any code of the command line runs, by
# `python -m` and by the console script alike) to the last modules of a command.
LOADED_WHILE_STARTING = [
    "typing",
    "vitale_ids._core",
    "attr",
    "vitale_ids.nir",
    "vitale_ids.cli.base",
    "argparse",
    "vitale_ids.cli.app",
    "vitale_ids.cli.commands.check",
    "vitale_ids.form",
]


def interrupted_at(
    module: str, tmp_path: Path, command: Sequence[str]
) -> subprocess.CompletedProcess[bytes]:
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = environment(
        PYTHONPATH=str(tmp_path), VITALE_IDS_TEST_SIGINT_AT=module, PYTHONIOENCODING="utf-8"
    )
    return subprocess.run(
        [*command, "form", "--card-type", "avec photo"],
        input=f"{CODE}\n{ORDINARY}\n{SERIAL_WITH_PHOTO}\n".encode(),
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )


@pytest.mark.parametrize("module", LOADED_WHILE_STARTING)
@pytest.mark.parametrize("entry", ["python -m vitale_ids", "vitale-ids"])
def test_ctrl_c_while_loading_exits_130_quietly(module: str, entry: str, tmp_path: Path) -> None:
    command = PYTHON_M if entry.startswith("python") else (console_script(),)
    result = interrupted_at(module, tmp_path, command)
    assert result.returncode == 128 + signal.SIGINT == 130, result.stderr.decode()
    assert result.stdout == b""
    assert result.stderr in (b"", b"\n")


def test_the_interrupting_finder_does_interrupt(tmp_path: Path) -> None:
    # The same finder, with a program that does not guard its imports: the
    # interrupt is a traceback, so the test above can fail.
    (tmp_path / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = environment(PYTHONPATH=str(tmp_path), VITALE_IDS_TEST_SIGINT_AT="argparse")
    result = subprocess.run(
        [sys.executable, "-c", "import argparse"],
        capture_output=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == -signal.SIGINT
    assert b"KeyboardInterrupt" in result.stderr
    # And without it, the command runs to its end.
    done = interrupted_at("no.such.module", tmp_path, PYTHON_M)
    assert done.returncode == 0
    assert done.stdout.startswith(b"Code provisoire: **********7k (valid)\n")
