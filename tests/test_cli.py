"""The command line, run as a user runs it: ``python -m vitale_ids`` in a subprocess."""

from __future__ import annotations

import datetime
import json
import os
import pty
import select
import shutil
import subprocess
import sys
import time
from importlib import metadata
from typing import TYPE_CHECKING

import pytest

from synthetic import ORDINARY, PUBLIC_2A, PUBLIC_2B, PUBLIC_ABROAD, TEMPORARY, make_nir
from vitale_ids import (
    CardType,
    Issue,
    check_form,
    check_nir,
    check_provisional_code,
    check_serial,
    opposition_deadline,
)
from vitale_ids._core import remove_separators
from vitale_ids.cli import default_lang, detect_kind, mask_unparsed, read_lines

if TYPE_CHECKING:
    from collections.abc import Sequence
    from pathlib import Path

CODE = "xK4b-9Tq2-Lm7k"
SERIAL_WITH_PHOTO = "123 456 789 01"
SERIAL_PRINTED = "8025000002 1234567890 1"
SERIAL_WITHOUT_PHOTO = "31415926"
WRONG_KEY = "1 85 05 78 006 084 19"  # ORDINARY with a wrong key
MISSING_KEY = "1 85 05 78 006 084"
UNKNOWN_MONTH_TEMPORARY = make_nir(sex="8", month="42")  # 885427800608442
ESSONNE = make_nir(place="91228")


def cli_env(**extra: str) -> dict[str, str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if name not in ("LC_ALL", "LANG", "LANGUAGE", "LC_MESSAGES")
    }
    env["PYTHONIOENCODING"] = "utf-8"
    env.update(extra)
    return env


def run_cli(
    *args: str,
    stdin: str | bytes = b"",
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    data = stdin.encode("utf-8") if isinstance(stdin, str) else stdin
    result = subprocess.run(
        [sys.executable, "-m", "vitale_ids", *args],
        input=data,
        capture_output=True,
        env=cli_env() if env is None else env,
        timeout=60,
        check=False,
    )
    return subprocess.CompletedProcess(
        result.args,
        result.returncode,
        result.stdout.decode("utf-8"),
        result.stderr.decode("utf-8"),
    )


def assert_nothing_whole(result: subprocess.CompletedProcess[str], values: Sequence[str]) -> None:
    """No value appears whole in stdout or stderr, as typed or without its separators."""
    for value in values:
        for form in {value, remove_separators(value), remove_separators(value).upper()} - {""}:
            assert form not in result.stdout, (form, result.stdout)
            assert form not in result.stderr, (form, result.stderr)


# --- Exit status -------------------------------------------------------------------


def test_every_value_valid_exits_0() -> None:
    result = run_cli("check", ORDINARY, PUBLIC_ABROAD)
    assert result.returncode == 0
    assert result.stdout == (
        "1: valid nir 1 85 ** ** *** *** 91\n2: valid nir 2 95 ** ** *** *** 93\n"
    )
    assert result.stderr == ""


def test_any_invalid_value_exits_1() -> None:
    result = run_cli("check", ORDINARY, WRONG_KEY)
    assert result.returncode == 1
    assert result.stdout.splitlines()[1].startswith("2: invalid nir ")
    assert result.stderr == ""


@pytest.mark.parametrize(
    "args",
    [
        ["check", "--no-such-flag", ORDINARY],
        ["check", "--kind", "iban", ORDINARY],
        ["check", "--lang", "de", ORDINARY],
        ["no-such-command"],
        [],
        ["form", "--sent-on", "3 March 2025", "--code", "x", "--nir", "x", "--serial", "x"],
        ["form", "--sent-on", "2025-02-30", "--code", "x", "--nir", "x", "--serial", "x"],
    ],
)
def test_usage_errors_exit_2_on_stderr(args: list[str]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert "error" in result.stderr


def test_unknown_card_type_is_a_usage_error_in_the_chosen_language() -> None:
    result = run_cli("check", "--card-type", "vitale 3", "--lang", "fr", SERIAL_WITHOUT_PHOTO)
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr == (
        "vitale-ids: erreur: --card-type : Le type de carte doit être « avec photo » ou"
        " « sans photo » ; cette valeur n'est ni l'un ni l'autre.\n"
    )


def test_unreadable_stdin_exits_2_after_the_lines_before_it() -> None:
    stdin = (ORDINARY + "\n").encode() + b"\xff\xfe\n" + (ORDINARY + "\n").encode()
    result = run_cli("check", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout == "1: valid nir 1 85 ** ** *** *** 91\n"
    assert result.stderr == "vitale-ids: error: line 2 of stdin is not UTF-8 text.\n"


def test_a_bad_byte_is_reported_on_its_own_line_even_far_into_the_input() -> None:
    # Lines are decoded one at a time, so a bad byte 30,000 lines down is
    # reported there, after every line before it has its result.
    stdin = (ORDINARY + "\n").encode() * 30_000 + b"\x80\n"
    result = run_cli("check", stdin=stdin)
    assert result.returncode == 2
    assert result.stdout.count("\n") == 30_000
    assert result.stderr == "vitale-ids: error: line 30001 of stdin is not UTF-8 text.\n"


def test_closed_stdin_is_a_usage_error() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "vitale_ids", "check"],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        env=cli_env(),
        check=False,
    )
    # /dev/null is readable and empty: nothing to check is no success.
    assert (result.returncode, result.stdout) == (2, b"")
    assert result.stderr == (
        b"vitale-ids: error: no value to check: stdin is empty or holds only blank lines.\n"
    )
    # `<&-` starts the program with no stdin at all.
    shell = shutil.which("sh")
    assert shell is not None
    closed = subprocess.run(
        [shell, "-c", 'exec "$0" -m vitale_ids check <&-', sys.executable],
        capture_output=True,
        env=cli_env(),
        check=False,
    )
    assert closed.returncode == 2
    assert closed.stderr == b"vitale-ids: error: stdin is closed: there is nothing to read.\n"


def test_a_reader_that_goes_away_ends_the_run_quietly(tmp_path: Path) -> None:
    batch = tmp_path / "batch.txt"
    batch.write_text((ORDINARY + "\n") * 200_000, encoding="utf-8")
    with batch.open("rb") as stdin:
        process = subprocess.Popen(
            [sys.executable, "-m", "vitale_ids", "check"],
            stdin=stdin,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            env=cli_env(),
        )
    assert process.stdout is not None
    first = process.stdout.readline()
    process.stdout.close()  # as `| head -1` does
    _stdout, stderr = process.communicate(timeout=60)
    assert first == b"1: valid nir 1 85 ** ** *** *** 91\n"
    assert process.returncode == 141
    assert stderr == b""


# --- Batches from stdin ------------------------------------------------------------


def test_a_mixed_batch_gives_one_line_per_value_in_input_order() -> None:
    values = [
        ORDINARY,
        WRONG_KEY,
        CODE,
        "",  # blank lines are skipped but counted
        SERIAL_WITH_PHOTO,
        "1 85 05 78 006 O84 91",
        TEMPORARY,
        "xK4b9Tq2Lm7é",
        "   ",
        PUBLIC_2B,
    ]
    result = run_cli("check", stdin="".join(value + "\n" for value in values))
    lines = result.stdout.splitlines()
    assert result.returncode == 1
    assert [line.split(" ")[:3] for line in lines] == [
        ["1:", "valid", "nir"],
        ["2:", "invalid", "nir"],
        ["3:", "valid", "code"],
        ["5:", "valid", "serial"],
        ["6:", "invalid", "nir"],
        ["7:", "valid", "nir"],
        ["8:", "invalid", "code"],
        ["10:", "valid", "nir"],
    ]
    assert lines[1] == (
        "2: invalid nir * ** ** ** *** *** ** | error nir.checksum: "
        + check_nir(WRONG_KEY).errors[0].message
    )
    assert lines[4] == (
        "6: invalid nir * ** ** ** *** *** ** | error nir.character: Character 11 must be a"
        " digit; it is the letter O (did you mean the digit 0?)."
    )
    temporary_warning = check_nir(TEMPORARY).warnings[0]
    assert lines[5] == (
        f"7: valid nir 7 85 ** ** *** *** 82 | warning nir.temporary: {temporary_warning.message}"
    )
    assert result.stderr == ""


def test_crlf_line_endings_a_byte_order_mark_and_a_last_line_without_newline() -> None:
    stdin = b"\xef\xbb\xbf" + f"{ORDINARY}\r\n{PUBLIC_2A}\r\n{PUBLIC_ABROAD}".encode()
    result = run_cli("check", stdin=stdin)
    assert result.returncode == 0
    assert result.stdout == (
        "1: valid nir 1 85 ** ** *** *** 91\n"
        "2: valid nir 2 53 ** ** *** *** 43\n"
        "3: valid nir 2 95 ** ** *** *** 93\n"
    )


def test_an_over_long_line_is_one_masked_result() -> None:
    stdin = ORDINARY + "\n" + "7" * 100_000 + "\n" + ORDINARY + "\n"
    result = run_cli("check", stdin=stdin)
    lines = result.stdout.splitlines()
    assert len(lines) == 3
    assert lines[1] == (
        "2: invalid unknown " + "*" * 64 + "... | error kind.unknown: This value (more than"
        " 64 characters) has the shape of no identifier: a NIR has 15 characters, a code"
        " provisoire 12 letters and digits, a serial number 8 to 13 or 21 digits. Say which"
        " it is with --kind nir, --kind code or --kind serial."
    )
    assert lines[2].startswith("3: valid nir")
    forced = run_cli("check", "--kind", "nir", stdin="1" * 5000 + "\n")
    assert forced.stdout == (
        "1: invalid nir " + "*" * 64 + "... | error nir.length: The NIR must have 15"
        " characters; this input has more than 64.\n"
    )


def test_results_are_flushed_one_line_at_a_time() -> None:
    # The first result arrives while stdin is still open: nothing waits for
    # the end of the input, or for a buffer to fill.
    with subprocess.Popen(
        [sys.executable, "-m", "vitale_ids", "check"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env=cli_env(),
    ) as process:
        assert process.stdin is not None
        assert process.stdout is not None
        process.stdin.write((ORDINARY + "\n").encode())
        process.stdin.flush()
        ready, _, _ = select.select([process.stdout], [], [], 30)
        assert ready, "no result while stdin is still open"
        assert process.stdout.readline() == b"1: valid nir 1 85 ** ** *** *** 91\n"
        process.stdin.close()
        assert process.wait(timeout=30) == 0


def test_peak_memory_does_not_grow_with_the_input(tmp_path: Path) -> None:
    values = [ORDINARY, WRONG_KEY, CODE, SERIAL_WITH_PHOTO, PUBLIC_ABROAD, "1 85 05 78 006 O84 91"]

    def peak_rss_kib(lines: int) -> int:
        path = tmp_path / f"{lines}.txt"
        with path.open("w", encoding="utf-8") as file:
            for index in range(lines):
                file.write(values[index % len(values)] + "\n")
        # A fresh process per run, so that RUSAGE_CHILDREN holds this run's
        # command line alone.
        measure = (
            "import resource, subprocess, sys\n"
            "with open(sys.argv[1], 'rb') as stdin:\n"
            "    done = subprocess.run([sys.executable, '-m', 'vitale_ids', 'check'],"
            " stdin=stdin, stdout=subprocess.DEVNULL, check=False)\n"
            "assert done.returncode == 1, done.returncode\n"
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        )
        result = subprocess.run(
            [sys.executable, "-c", measure, str(path)],
            capture_output=True,
            text=True,
            env=cli_env(),
            timeout=120,
            check=True,
        )
        return int(result.stdout)

    small = peak_rss_kib(1_000)
    large = peak_rss_kib(100_000)
    # Keeping the 100,000 lines, or their results, would add well over 10 MiB
    # (measured: about 16 MiB for the lines alone); a stream adds nothing.
    assert large - small < 4 * 1024, (small, large)


# --- JSON --------------------------------------------------------------------------


def test_json_lines_parse_with_the_documented_keys() -> None:
    values = [ORDINARY, WRONG_KEY, TEMPORARY, CODE, "123456789012"]
    result = run_cli("check", "--json", stdin="\n".join(values) + "\n")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == len(values)
    for record in records:
        assert list(record) == ["line", "kind", "valid", "value", "errors", "warnings"]
        for issue in record["errors"] + record["warnings"]:
            assert list(issue) == ["code", "position", "message"]
    assert records[0] == {
        "line": 1,
        "kind": "nir",
        "valid": True,
        "value": "1 85 ** ** *** *** 91",
        "errors": [],
        "warnings": [],
    }
    assert records[1]["errors"] == [
        {"code": "nir.checksum", "position": 19, "message": check_nir(WRONG_KEY).errors[0].message}
    ]
    assert records[1]["value"] == "* ** ** ** *** *** **"
    assert [issue["code"] for issue in records[2]["warnings"]] == ["nir.temporary"]
    assert records[2]["valid"] is True
    assert (records[3]["kind"], records[3]["value"]) == ("code", "**********7k")
    assert (records[4]["kind"], records[4]["valid"]) == (None, False)
    assert records[4]["errors"][0]["code"] == "kind.ambiguous"
    assert result.returncode == 1


def test_json_messages_follow_the_language() -> None:
    result = run_cli("check", "--json", "--lang", "fr", WRONG_KEY)
    record = json.loads(result.stdout)
    assert record["errors"][0]["message"] == check_nir(WRONG_KEY).errors[0].message_fr


# --- Masking -----------------------------------------------------------------------

SECRETS = [
    ORDINARY,
    WRONG_KEY,
    TEMPORARY,
    PUBLIC_ABROAD,
    PUBLIC_2A,
    MISSING_KEY,
    "1 85 05 78 006 O84 91",
    CODE,
    "xK4b9Tq2Lm7",
    SERIAL_WITH_PHOTO,
    SERIAL_PRINTED,
    SERIAL_WITHOUT_PHOTO,
    "123456789012",
]


@pytest.mark.parametrize("output", [[], ["--json"], ["--lang", "fr"], ["--strict"]])
def test_no_output_shows_a_whole_value(output: list[str]) -> None:
    stdin = "".join(value + "\n" for value in SECRETS)
    assert_nothing_whole(run_cli("check", *output, stdin=stdin), SECRETS)
    for kind in ("nir", "code", "serial"):
        assert_nothing_whole(run_cli("check", "--kind", kind, *output, stdin=stdin), SECRETS)


def test_explain_and_form_show_no_whole_value() -> None:
    for value in (ORDINARY, WRONG_KEY, UNKNOWN_MONTH_TEMPORARY, MISSING_KEY):
        assert_nothing_whole(run_cli("explain", stdin=value + "\n"), [value])
    fields = [CODE, ORDINARY, "", SERIAL_PRINTED]
    for args in ([], ["--lang", "fr"]):
        assert_nothing_whole(run_cli("form", *args, stdin="\n".join(fields) + "\n"), fields)
    wrong_fields = ["xK4b9Tq2Lm7", WRONG_KEY, ORDINARY, "185057800608"]
    assert_nothing_whole(run_cli("form", stdin="\n".join(wrong_fields) + "\n"), wrong_fields)
    as_json = json.dumps(
        {"provisional_code": CODE, "nir": ORDINARY, "card_type": None, "serial": SERIAL_PRINTED}
    )
    assert_nothing_whole(run_cli("form", "--json", stdin=as_json), [CODE, ORDINARY, SERIAL_PRINTED])


def test_usage_errors_show_no_value() -> None:
    result = run_cli("form", "--json", stdin='{"nir": ' + json.dumps(ORDINARY) + ", oops}")
    assert result.returncode == 2
    assert result.stderr == "vitale-ids: error: --json: stdin is not a JSON object.\n"
    assert_nothing_whole(result, [ORDINARY])


def test_an_invalid_value_keeps_its_shape_only() -> None:
    assert mask_unparsed("1 85 05 78 006 084 19") == "* ** ** ** *** *** **"
    assert mask_unparsed("xK4b-9Tq2-Lm7") == "****-****-***"
    assert mask_unparsed("  1.85\t05\u200b78 ") == "*.** ****"
    assert mask_unparsed("") == ""
    assert mask_unparsed("9" * 65) == "*" * 64 + "..."


def test_reveal_shows_values_whole_in_the_form_s_spelling() -> None:
    result = run_cli(
        "check", "--reveal", PUBLIC_ABROAD, "253072a07300443", SERIAL_PRINTED, CODE, WRONG_KEY
    )
    assert result.stdout.splitlines()[:4] == [
        "1: valid nir 295109912611193",
        "2: valid nir 253072A07300443",
        "3: valid serial 12345678901 | warning card_type.inferred: "
        + check_form(provisional_code="", nir="", card_type=None, serial=SERIAL_PRINTED)
        .warnings[0]
        .message
        + " | warning serial.prefix_removed: "
        + check_serial(SERIAL_PRINTED, card_type=CardType.WITH_PHOTO).warnings[0].message,
        "4: valid code xK4b9Tq2Lm7k",
    ]
    assert result.stdout.splitlines()[4].startswith(f"5: invalid nir {WRONG_KEY} | ")


def test_reveal_escapes_control_characters() -> None:
    result = run_cli("check", "--reveal", "--kind", "code", "abc\x1b[31mdef")
    assert result.stdout.startswith("1: invalid code abc\\x1b[31mdef | ")
    assert "\x1b" not in result.stdout


# --- Language ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "fr"}, "fr"),
        ({"LANG": "en_GB.UTF-8"}, "en"),
        ({"LC_ALL": "fr_CA.UTF-8", "LANG": "en_US.UTF-8"}, "fr"),
        ({"LC_ALL": "C", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LC_ALL": "", "LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LANG": "FR_fr"}, "fr"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
    ],
)
def test_default_language(environ: dict[str, str], expected: str) -> None:
    assert default_lang(environ) == expected


def test_lang_fr_gives_french_messages() -> None:
    result = run_cli("check", "--lang", "fr", WRONG_KEY, TEMPORARY)
    assert result.stdout == (
        "1: invalid nir * ** ** ** *** *** ** | erreur nir.checksum : La clé (caractères"
        " 14-15) ne correspond pas aux 13 premiers caractères : l'un d'eux est sans doute mal"
        " saisi.\n"
        "2: valid nir 7 85 ** ** *** *** 82 | avertissement nir.temporary : "
        + check_nir(TEMPORARY).warnings[0].message_fr
        + "\n"
    )


def test_the_environment_picks_the_language_and_the_flag_wins() -> None:
    french = run_cli("check", WRONG_KEY, env=cli_env(LANG="fr_FR.UTF-8"))
    assert "erreur nir.checksum : La clé" in french.stdout
    english = run_cli("check", "--lang", "en", WRONG_KEY, env=cli_env(LANG="fr_FR.UTF-8"))
    assert "error nir.checksum: The key" in english.stdout
    c_locale = run_cli("check", WRONG_KEY, env=cli_env(LC_ALL="C", LANG="fr_FR.UTF-8"))
    assert "error nir.checksum: The key" in c_locale.stdout


# --- Auto-detection ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"),
    [
        (ORDINARY, "nir"),
        (PUBLIC_ABROAD, "nir"),
        (PUBLIC_2A, "nir"),
        ("2 53 07 2b 073 004 70", "nir"),
        ("18505780060849", "nir"),  # 14 digits: a NIR with a digit missing
        ("1 85 05 78 006 O84 91", "nir"),  # a letter O for a zero
        ("1 85 05 78 006 ０84 91", "nir"),  # a full-width digit
        (CODE, "code"),
        ("ABCDEFGHJKLM", "code"),
        ("1234567890a1", "code"),
        ("xK4b9Tq2Lm7", "code"),  # 11 characters: a code with one missing
        ("xK4b9Tq2Lm7kZ", "code"),
        ("xK4b9Tq2Lm7é", "code"),
        (SERIAL_WITH_PHOTO, "serial"),
        (SERIAL_PRINTED, "serial"),
        (SERIAL_WITHOUT_PHOTO, "serial"),
        ("314159265", "serial"),
        ("3141592653", "serial"),
        ("123 456 789 O1", "serial"),  # a letter O for a zero
    ],
)
def test_detect_kind(value: str, kind: str) -> None:
    assert detect_kind(value) == kind


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("123456789012", "kind.ambiguous"),
        ("1234 5678 9012", "kind.ambiguous"),
        ("1850578006084", "kind.ambiguous"),
        ("", "kind.unknown"),
        ("  ", "kind.unknown"),
        ("1234567", "kind.unknown"),
        ("1" * 16, "kind.unknown"),
        ("1" * 22, "kind.unknown"),
        ("1" * 65, "kind.unknown"),
        ("***", "kind.unknown"),
    ],
)
def test_detect_kind_cannot_tell(value: str, code: str) -> None:
    issue = detect_kind(value)
    assert isinstance(issue, Issue)
    assert (issue.code, issue.field, issue.position) == (code, "kind", None)


def test_a_card_with_photo_settles_the_ambiguous_shapes() -> None:
    assert detect_kind("123456789012", CardType.WITH_PHOTO) == "code"
    assert detect_kind("1850578006084", CardType.WITH_PHOTO) == "nir"
    # 13 digits are the usual serial number of a card without photo; 12 are
    # unusual, so a code provisoire stays as likely.
    assert detect_kind("1850578006084", CardType.WITHOUT_PHOTO) == "serial"
    issue = detect_kind("123456789012", CardType.WITHOUT_PHOTO)
    assert isinstance(issue, Issue)
    assert issue.code == "kind.ambiguous"


def test_the_ambiguous_case_says_so_and_names_the_kind_that_decides() -> None:
    result = run_cli("check", "3141 5926 5358", MISSING_KEY)
    assert result.returncode == 1
    assert result.stdout == (
        "1: invalid unknown **** **** **** | error kind.ambiguous: 12 digits can be a code"
        " provisoire or a serial number: say which with --kind code or --kind serial.\n"
        "2: invalid unknown * ** ** ** *** *** | error kind.ambiguous: 13 digits can be a NIR"
        " without its key or a serial number: say which with --kind nir or --kind serial.\n"
    )
    french = run_cli("check", "--lang", "fr", "3141 5926 5358")
    assert french.stdout == (
        "1: invalid unknown **** **** **** | erreur kind.ambiguous : 12 chiffres peuvent être"
        " un code provisoire ou un numéro de série : précisez-le avec --kind code ou"
        " --kind serial.\n"
    )


def test_the_named_kinds_decide() -> None:
    # 12 digits are a serial number too: masked whole, so that no digit of
    # what may be a serial number shows.
    as_code = run_cli("check", "--kind", "code", "3141 5926 5358")
    assert as_code.stdout == "1: valid code **** **** ****\n"
    as_serial = run_cli(
        "check", "--kind", "serial", "--card-type", "sans photo", "--json", "3141 5926 5358"
    )
    record = json.loads(as_serial.stdout)
    assert (record["kind"], record["valid"], record["value"]) == ("serial", True, "**** **** ****")
    assert [issue["code"] for issue in record["warnings"]] == ["serial.unusual_length"]
    as_nir = run_cli("check", "--kind", "nir", MISSING_KEY)
    assert as_nir.stdout == (
        "1: invalid nir * ** ** ** *** *** | error nir.missing_key: "
        + check_nir(MISSING_KEY).errors[0].message
        + "\n"
    )
    with_photo = run_cli("check", "--card-type", "avec photo", "3141 5926 5358", MISSING_KEY)
    assert [line.split(" ")[:3] for line in with_photo.stdout.splitlines()] == [
        ["1:", "valid", "code"],
        ["2:", "invalid", "nir"],
    ]


def test_kind_names_a_validator_whatever_the_shape() -> None:
    result = run_cli("check", "--kind", "code", "--json", ORDINARY)
    record = json.loads(result.stdout)
    assert record["kind"] == "code"
    assert record["errors"] == [
        {
            "code": "code.length",
            "position": None,
            "message": check_provisional_code(ORDINARY).errors[0].message,
        }
    ]


def test_serials_without_card_type_are_inferred_as_check_form_does() -> None:
    result = run_cli("check", "--kind", "serial", "--json", SERIAL_WITHOUT_PHOTO, "314159265")
    first, second = (json.loads(line) for line in result.stdout.splitlines())
    assert first["valid"] is True
    assert [issue["code"] for issue in first["warnings"]] == ["card_type.inferred"]
    assert second["valid"] is False
    assert [issue["code"] for issue in second["errors"]] == ["card_type.missing"]
    strict = run_cli("check", "--kind", "serial", "--strict", "--json", SERIAL_WITHOUT_PHOTO)
    record = json.loads(strict.stdout)
    assert (record["valid"], record["errors"][0]["code"]) == (False, "card_type.inferred")


def test_strict_is_passed_through() -> None:
    lenient = run_cli("check", UNKNOWN_MONTH_TEMPORARY)
    strict = run_cli("check", "--strict", UNKNOWN_MONTH_TEMPORARY)
    assert lenient.returncode == 0
    assert strict.returncode == 1
    errors = check_nir(UNKNOWN_MONTH_TEMPORARY, strict=True).errors
    assert strict.stdout == (
        "1: invalid nir *************** | "
        + " | ".join(f"error {issue.code}: {issue.message}" for issue in errors)
        + "\n"
    )


# --- The hidden prompt -------------------------------------------------------------


def _read_available(fd: int, timeout: float) -> bytes:
    ready, _, _ = select.select([fd], [], [], timeout)
    if not ready:
        return b""
    try:
        return os.read(fd, 65536)
    except OSError:  # the terminal has no writer left
        return b""


def run_on_terminal(
    args: Sequence[str], answers: Sequence[tuple[str, str]]
) -> tuple[int, str, str, str]:
    """Run the command line with a pseudo-terminal as stdin.

    For each (prompt, answer), wait for the prompt on stderr, then type the
    answer on the terminal. Returns the exit status, stdout, stderr, and what
    the terminal displayed (its echo).
    """
    master, slave = pty.openpty()
    # A new session has no controlling terminal, so getpass uses stdin (the
    # pseudo-terminal) and writes its prompt to stderr; the developer's own
    # terminal is never touched.
    process = subprocess.Popen(
        [sys.executable, "-m", "vitale_ids", *args],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=cli_env(),
        start_new_session=True,
    )
    os.close(slave)
    assert process.stderr is not None
    assert process.stdout is not None
    stderr = b""
    echo = b""
    try:
        for prompt, answer in answers:
            deadline = time.monotonic() + 30
            while prompt.encode() not in stderr:
                assert time.monotonic() < deadline, stderr
                stderr += _read_available(process.stderr.fileno(), 0.1)
            # Echo is set before the prompt is written: typing now is safe.
            os.write(master, answer.encode() + b"\n")
            echo += _read_available(master, 0.3)
        stdout, rest = process.communicate(timeout=30)
        stderr += rest
        while chunk := _read_available(master, 0.1):
            echo += chunk
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stdout.decode(), stderr.decode(), echo.decode()


def test_check_prompts_with_hidden_input_on_a_terminal() -> None:
    status, stdout, stderr, echo = run_on_terminal(
        ["check"], [("Value to check (hidden input): ", ORDINARY)]
    )
    assert status == 0
    assert stdout == "1: valid nir 1 85 ** ** *** *** 91\n"
    assert stderr.startswith("Value to check (hidden input): ")
    # Echo was off: the terminal did not display what was typed.
    assert ORDINARY not in echo
    assert "85 05" not in echo


def test_the_terminal_test_sees_echo_when_echo_is_on() -> None:
    # The same harness, with a program that leaves echo on, does see the
    # typed value: the hidden-input test above can fail.
    master, slave = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-c", "import sys; sys.stderr.write('> '); sys.stderr.flush(); input()"],
        stdin=slave,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    os.close(slave)
    try:
        assert process.stderr is not None
        assert os.read(process.stderr.fileno(), 10) == b"> "
        os.write(master, ORDINARY.encode() + b"\n")
        process.communicate(timeout=30)
        assert ORDINARY in _read_available(master, 5).decode()
    finally:
        os.close(master)


def test_explain_prompts_in_french() -> None:
    status, stdout, stderr, echo = run_on_terminal(
        ["explain", "--lang", "fr"], [("NIR (saisie masquée) : ", ESSONNE)]
    )
    assert status == 0
    assert "Lieu de naissance : Essonne, ou Algérie avant 1962\n" in stdout
    assert ESSONNE not in echo + stdout + stderr


def test_form_asks_for_each_field_and_hides_the_secrets() -> None:
    status, stdout, stderr, echo = run_on_terminal(
        ["form"],
        [
            ("Code provisoire (hidden input): ", CODE),
            ("NIR (hidden input): ", ORDINARY),
            ("Card type, ", "avec photo"),
            ("Serial number (hidden input): ", SERIAL_WITH_PHOTO),
        ],
    )
    assert status == 0
    assert stdout.startswith(
        "Code provisoire: **********7k (valid)\n"
        "NIR: 1 85 ** ** *** *** 91 (valid)\n"
        "Card type: Carte Vitale with photo (valid)\n"
        "Serial number: *******8901 (valid)\n"
    )
    # The card type is not a secret, and is echoed as typed; the others are not.
    assert "avec photo" in echo
    for secret in (CODE, ORDINARY, SERIAL_WITH_PHOTO):
        assert secret not in echo + stdout + stderr


# --- explain -----------------------------------------------------------------------


def test_explain_an_ordinary_number() -> None:
    result = run_cli("explain", stdin=ORDINARY + "\n")
    assert result.returncode == 0
    assert result.stdout == (
        "NIR: 1 85 ** ** *** *** 91 (valid)\n"
        "Number type: ordinary\n"
        "Sex: man\n"
        "Year of birth: 85 (the number does not say which century)\n"
        "Month of birth: May\n"
        "Birthplace: Yvelines\n"
        "Order number: *** (--reveal shows it)\n"
        "Key: 91, correct\n"
        "Online form: accepts this number.\n"
    )


def test_explain_gives_the_history_of_a_birthplace_and_the_country() -> None:
    assert "Birthplace: Essonne, or Algeria before 1962\n" in run_cli("explain", ESSONNE).stdout
    abroad = run_cli("explain", "--lang", "fr", "--reveal", stdin=PUBLIC_ABROAD)
    assert "Lieu de naissance : Né(e) à l'étranger : Grece\n" in abroad.stdout
    assert "Sexe : femme\n" in abroad.stdout
    assert "Mois de naissance : octobre\n" in abroad.stdout


def test_explain_a_number_the_online_form_refuses() -> None:
    result = run_cli("explain", stdin=UNKNOWN_MONTH_TEMPORARY + "\n")
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "Number type: temporary (first digit 8)" in lines
    assert "Month of birth: unknown (code 42: the civil record gives no month)" in lines
    assert (
        "Online form: refuses this number, although it can be genuine: object by phone at"
        " 3422, Monday to Friday, 8:30 to 17:30."
    ) in lines
    assert lines[-2:] == [
        f"warning {issue.code}: {issue.message}"
        for issue in check_nir(UNKNOWN_MONTH_TEMPORARY).warnings
    ]


def test_explain_an_invalid_number() -> None:
    result = run_cli("explain", "--lang", "fr", stdin=WRONG_KEY + "\n")
    assert result.returncode == 1
    assert result.stdout == (
        "NIR : * ** ** ** *** *** ** (non valide)\n"
        f"erreur nir.checksum : {check_nir(WRONG_KEY).errors[0].message_fr}\n"
    )


def test_explain_reveal_and_one_value_only() -> None:
    revealed = run_cli("explain", "--reveal", stdin=ORDINARY + "\n")
    assert revealed.stdout.startswith("NIR: 1 85 05 78 006 084 91 (valid)\n")
    two = run_cli("explain", stdin=f"{ORDINARY}\n{PUBLIC_2A}\n")
    assert (two.returncode, two.stdout) == (2, "")
    assert two.stderr == (
        "vitale-ids: error: explain takes one NIR; stdin holds more. Use check for a batch.\n"
    )
    none = run_cli("explain", stdin="\n\n")
    assert (none.returncode, none.stderr) == (2, "vitale-ids: error: stdin holds no value.\n")


# --- form --------------------------------------------------------------------------


def test_form_from_flags_with_the_deadline() -> None:
    result = run_cli(
        "form",
        "--code",
        CODE,
        "--nir",
        ORDINARY,
        "--card-type",
        "sans photo",
        "--serial",
        SERIAL_WITHOUT_PHOTO,
        "--sent-on",
        "2099-01-01",
    )
    assert result.returncode == 0
    deadline = opposition_deadline(datetime.date(2099, 1, 1))
    assert deadline == datetime.date(2099, 2, 12)
    assert result.stdout == (
        "Code provisoire: **********7k (valid)\n"
        "NIR: 1 85 ** ** *** *** 91 (valid)\n"
        "Card type: Carte Vitale without photo (valid)\n"
        "Serial number: ****5926 (valid)\n"
        "\n"
        "The form is ready to be sent.\n"
        "Next steps, online (monespacesante.fr, opposition form):\n"
        "  1. Code provisoire: type **********7k, keeping its upper and lower case.\n"
        "  2. NIR: type 1 85 ** ** *** *** 91, all 15 characters, key included.\n"
        '  3. Card type: choose "Carte Vitale sans photo".\n'
        "  4. Serial number: type ****5926, as printed on the back of the card, top left.\n"
        "By phone: 3422, Monday to Friday, 8:30 to 17:30, with the code provisoire, the NIR"
        " and the serial number.\n"
        "Deadline: Thursday 12 February 2099, six weeks after the invitation was sent"
        " (Thursday 1 January 2099). The code provisoire expires the same day.\n"
    )


def test_form_reveal_gives_the_values_to_type() -> None:
    result = run_cli(
        "form", "--reveal", stdin=f"{CODE}\n{PUBLIC_2B}\nwith photo\n{SERIAL_PRINTED}\n"
    )
    assert "  1. Code provisoire: type xK4b9Tq2Lm7k, keeping" in result.stdout
    assert "  2. NIR: type 253072B07300470, all 15" in result.stdout
    assert "  4. Serial number: type 12345678901, the 11 digits" in result.stdout


def test_form_in_french_with_every_problem_by_field() -> None:
    fields = ["xK4b9Tq2Lm7", "185057800608419", "vitale 3", "123 456 789 O1"]
    result = run_cli("form", "--lang", "fr", stdin="\n".join(fields) + "\n")
    assert result.returncode == 1
    expected = check_form(
        provisional_code=fields[0], nir=fields[1], card_type=fields[2], serial=fields[3]
    )
    assert [issue.code for issue in expected.errors] == [
        "code.length",
        "nir.checksum",
        "card_type.unknown",
        "serial.character",
    ]
    assert result.stdout == (
        "Code provisoire : *********** (non valide)\n"
        f"  erreur code.length : {expected.errors[0].message_fr}\n"
        "NIR : *************** (non valide)\n"
        f"  erreur nir.checksum : {expected.errors[1].message_fr}\n"
        "Type de carte : ****** * (non valide)\n"
        f"  erreur card_type.unknown : {expected.errors[2].message_fr}\n"
        "Numéro de série : *** *** *** ** (non valide)\n"
        f"  erreur serial.character : {expected.errors[3].message_fr}\n"
        "\n"
        "Le formulaire a 4 erreurs : corrigez-les avant de l'envoyer.\n"
    )


def test_form_prints_each_problem_once_under_its_field() -> None:
    # Without a card type, the serial's own check repeats the card type's
    # error; it is printed once, under the card type.
    fields = [CODE, ORDINARY, "", "3141592653"]
    result = run_cli("form", stdin="\n".join(fields) + "\n")
    expected = check_form(
        provisional_code=CODE, nir=ORDINARY, card_type=None, serial=fields[3]
    ).errors
    assert [issue.code for issue in expected] == ["card_type.missing"]
    assert result.returncode == 1
    assert result.stdout == (
        "Code provisoire: **********7k (valid)\n"
        "NIR: 1 85 ** ** *** *** 91 (valid)\n"
        "Card type: (not given) (invalid)\n"
        f"  error card_type.missing: {expected[0].message}"
        ' Give it with --card-type "avec photo" or --card-type "sans photo".\n'
        "Serial number: ********** (not fully checked: see the card type)\n"
        "\n"
        "The form has 1 error: correct it before sending it.\n"
    )


def test_form_says_when_the_deadline_has_passed() -> None:
    fields = f"{CODE}\n{ORDINARY}\n\n{SERIAL_WITH_PHOTO}\n"
    result = run_cli("form", "--lang", "fr", "--sent-on", "2024-01-31", stdin=fields)
    assert result.stdout.endswith(
        "Date limite : mercredi 13 mars 2024, six semaines après l'envoi de l'invitation"
        " (mercredi 31 janvier 2024). Le code provisoire expire le même jour.\n"
        "Cette date est passée : l'espace est peut-être déjà ouvert. Vous pouvez toujours"
        " le fermer à tout moment.\n"
    )
    assert "Par téléphone : 3422, du lundi au vendredi, de 8 h 30 à 17 h 30" in result.stdout


def test_form_writes_the_first_of_the_month_as_french_does() -> None:
    fields = f"{CODE}\n{ORDINARY}\n\n{SERIAL_WITH_PHOTO}\n"
    result = run_cli("form", "--lang", "fr", "--sent-on", "2026-11-20", stdin=fields)
    assert "Date limite : vendredi 1er janvier 2027, six semaines" in result.stdout
    english = run_cli("form", "--lang", "en", "--sent-on", "2026-11-20", stdin=fields)
    assert "Deadline: Friday 1 January 2027, six weeks" in english.stdout


def test_form_with_stdin_short_of_a_field_is_a_usage_error() -> None:
    result = run_cli("form", "--code", CODE, stdin=f"{ORDINARY}\n")
    assert result.returncode == 2
    assert result.stderr.startswith("vitale-ids: error: stdin ended before the field 'Card type'")
    # Flags fill their fields: the lines of stdin go to the others, in order.
    filled = run_cli(
        "form",
        "--code",
        CODE,
        "--card-type",
        "avec photo",
        stdin=f"{ORDINARY}\n{SERIAL_WITH_PHOTO}\n",
    )
    assert filled.returncode == 0


def test_form_json_in_and_out() -> None:
    fields = {
        "provisional_code": CODE,
        "nir": UNKNOWN_MONTH_TEMPORARY,
        "card_type": None,
        "serial": SERIAL_WITHOUT_PHOTO,
    }
    result = run_cli("form", "--json", "--sent-on", "2099-01-01", stdin=json.dumps(fields))
    assert result.returncode == 0
    record = json.loads(result.stdout)
    assert list(record) == ["valid", "fields", "route", "deadline"]
    # The online form refuses a temporary number with an unknown month.
    assert record["route"] == "phone"
    assert record["valid"] is True
    assert record["deadline"] == "2099-02-12"
    assert list(record["fields"]) == ["provisional_code", "nir", "card_type", "serial"]
    assert record["fields"]["card_type"] == {
        "valid": True,
        "value": "without_photo",
        "errors": [],
        "warnings": [
            {
                "code": "card_type.inferred",
                "position": None,
                "message": check_form(
                    provisional_code=CODE,
                    nir=UNKNOWN_MONTH_TEMPORARY,
                    card_type=None,
                    serial=SERIAL_WITHOUT_PHOTO,
                )
                .fields["card_type"]
                .warnings[0]
                .message,
            }
        ],
    }
    assert record["fields"]["nir"]["value"] == "8 85 ** ** *** *** 42"
    assert [w["code"] for w in record["fields"]["nir"]["warnings"]] == [
        "nir.temporary",
        "nir.unknown_month",
    ]
    # A flag wins over the same key in the JSON object.
    overridden = run_cli("form", "--json", "--card-type", "avec photo", stdin=json.dumps(fields))
    card_type = json.loads(overridden.stdout)["fields"]["card_type"]
    assert card_type["value"] == "with_photo"
    assert overridden.returncode == 1  # 8 digits do not fit a card with photo


@pytest.mark.parametrize(
    ("stdin", "message"),
    [
        ("[1, 2]", "--json: stdin is not a JSON object."),
        ('{"nir": 185057800608491}', "--json: nir must be a string."),
        ('{"card_type": 2}', "--json: card_type must be a string or null."),
        (
            '{"code": "x"}',
            "--json: unknown key(s) code; the keys are provisional_code, nir, card_type, serial.",
        ),
        ("{" * 70_000, "--json: stdin is too long to be the four fields of the form."),
        ("[" * 60_000, "--json: stdin is not a JSON object."),
        (b"\xff{}", "--json: stdin is not a JSON object."),
    ],
)
def test_form_json_usage_errors(stdin: str | bytes, message: str) -> None:
    result = run_cli("form", "--json", stdin=stdin)
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == f"vitale-ids: error: {message}\n"


def test_form_json_missing_fields_are_empty() -> None:
    result = run_cli("form", "--json", stdin='{"nir": "' + ORDINARY + '"}')
    record = json.loads(result.stdout)
    assert result.returncode == 1
    assert record["fields"]["provisional_code"]["errors"][0]["code"] == "code.empty"
    assert record["fields"]["serial"]["errors"][0]["code"] == "serial.empty"
    assert record["fields"]["card_type"]["value"] is None


# --- Installation ------------------------------------------------------------------


def test_the_console_script_is_declared() -> None:
    scripts = metadata.entry_points(group="console_scripts")
    assert [entry.value for entry in scripts if entry.name == "vitale-ids"] == [
        "vitale_ids.cli:main"
    ]


def test_version_and_help() -> None:
    version = run_cli("--version")
    assert (version.returncode, version.stdout.split()[0]) == (0, "vitale-ids")
    for command in ("check", "explain", "form"):
        help_text = run_cli(command, "--help")
        assert help_text.returncode == 0
        # The help says where values are safe to type.
        words = " ".join(help_text.stdout.split())
        assert "shell history" in words
        assert "hidden prompt" in words


def test_read_lines_is_a_lazy_stream() -> None:
    import io

    class CountingStream(io.BytesIO):
        reads = 0

        def readline(self, size: int | None = -1) -> bytes:
            CountingStream.reads += 1
            return super().readline(size)

    stream = CountingStream(b"a\nb\n" + b"c" * 5000 + b"\nd")
    lines = read_lines(stream)
    assert next(lines) == (1, "a")
    assert CountingStream.reads == 1
    assert list(lines) == [(2, "b"), (3, "c" * 1024), (4, "d")]
