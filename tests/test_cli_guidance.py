"""What the command line tells people (issue 12), run as they run it: a subprocess, a terminal.

- nothing checked is no success;
- ``form`` sends people whose values the online form refuses to the phone;
- ``explain`` shows without ``--reveal`` nothing from which the number can be rebuilt;
- the interactive form asks again for a value that fails;
- ``card_type.missing`` names ``--card-type``; 20 digits of the printed serial say
  that one is missing; ``--card-type`` settles ``--kind auto`` for 13 digits;
- a value that looks like another identifier says so.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import time
from typing import TYPE_CHECKING

import pytest

from synthetic import ORDINARY, PUBLIC_ABROAD, make_nir
from test_cli import _read_available as read_available
from test_cli import cli_env, run_cli
from vitale_ids import check_form, check_nir, check_serial, parse_nir
from vitale_ids.cli.commands.form_prompts import MAX_TRIES

if TYPE_CHECKING:
    from collections.abc import Sequence

CODE = "xK4b-9Tq2-Lm7k"
SERIAL_WITH_PHOTO = "123 456 789 01"
SERIAL_WITHOUT_PHOTO = "31415926"
TEMPORARY = make_nir(sex="7")
UNKNOWN_MONTH = make_nir(month="42")
DATE_SERIAL = "01012001"  # reads as 1 January 2001
ISSUER_PART = "80250000"  # part of the scheme's number
NO_VALUE_EN = "vitale-ids: error: no value to check: stdin is empty or holds only blank lines.\n"
NO_VALUE_FR = (
    "vitale-ids: erreur: aucune valeur à vérifier : l'entrée standard est vide ou ne"
    " contient que des lignes vides.\n"
)


# --- Nothing checked is no success ---------------------------------------------------


@pytest.mark.parametrize("stdin", ["", "\n", "\n\n  \n\t\n", "\r\n"])
def test_no_value_at_all_exits_2(stdin: str) -> None:
    result = run_cli("check", stdin=stdin)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", NO_VALUE_EN)
    as_json = run_cli("check", "--json", "--kind", "nir", stdin=stdin)
    assert (as_json.returncode, as_json.stdout) == (2, "")


def test_no_value_says_so_in_french() -> None:
    result = run_cli("check", "--lang", "fr", stdin="\n")
    assert (result.returncode, result.stderr) == (2, NO_VALUE_FR)
    by_locale = run_cli("check", stdin="", env=cli_env(LANG="fr_FR.UTF-8"))
    assert by_locale.stderr == NO_VALUE_FR


def test_blank_lines_between_values_are_skipped_and_not_values() -> None:
    result = run_cli("check", stdin=f"\n{ORDINARY}\n\n \n{ORDINARY}\n\n")
    assert result.returncode == 0
    assert result.stdout == (
        "2: valid nir 1 85 ** ** *** *** 91\n5: valid nir 1 85 ** ** *** *** 91\n"
    )


# --- form: online, or by phone --------------------------------------------------------


def form_text(*fields: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    return run_cli("form", "--lang", lang, stdin="".join(field + "\n" for field in fields))


@pytest.mark.parametrize(
    ("nir", "card_type", "serial", "refused"),
    [
        (TEMPORARY, "avec photo", SERIAL_WITH_PHOTO, "the NIR"),
        (UNKNOWN_MONTH, "", SERIAL_WITH_PHOTO, "the NIR"),
        (ORDINARY, "sans photo", DATE_SERIAL, "the serial number"),
        (ORDINARY, "sans photo", ISSUER_PART, "the serial number"),
        (TEMPORARY, "sans photo", DATE_SERIAL, "the NIR and the serial number"),
    ],
)
def test_values_the_online_form_refuses_send_people_to_the_phone(
    nir: str, card_type: str, serial: str, refused: str
) -> None:
    expected = check_form(provisional_code=CODE, nir=nir, card_type=card_type, serial=serial)
    assert expected.valid  # right values, which the online form refuses
    result = form_text(CODE, nir, card_type, serial)
    assert result.returncode == 0
    assert "ready to be sent" not in result.stdout
    assert "Next steps, online" not in result.stdout
    verdict = result.stdout.split("\n\n", 1)[1]
    masked_nir = parse_nir(nir).masked
    assert verdict.startswith(
        f"The values are right, but the online form refuses {refused} (see the warnings):"
        " object by phone.\n"
        "Next steps, by phone: call 3422, Monday to Friday, 8:30 to 17:30, and give:\n"
        "  1. the code provisoire: **********7k, saying which letters are upper and lower case;\n"
        f"  2. the NIR: {masked_nir}, all 15 characters, key included;\n"
        "  3. the serial number: "
    )


def test_the_phone_route_in_french_and_in_json() -> None:
    result = form_text(CODE, TEMPORARY, "sans photo", SERIAL_WITHOUT_PHOTO, lang="fr")
    verdict = result.stdout.split("\n\n", 1)[1]
    assert verdict == (
        "Les valeurs sont correctes, mais le formulaire en ligne refuse le NIR (voir les"
        " avertissements) : opposez-vous par téléphone.\n"
        "Prochaines étapes, par téléphone : appelez le 3422, du lundi au vendredi, de 8 h 30"
        " à 17 h 30, et donnez :\n"
        "  1. le code provisoire : **********7k, en précisant les majuscules et les"
        " minuscules ;\n"
        "  2. le NIR : 7 85 ** ** *** *** 82, les 15 caractères, clé comprise ;\n"
        "  3. le numéro de série : ****5926, tel qu'il est imprimé au dos de la carte, en haut"
        " à gauche.\n"
    )
    fields = {"provisional_code": CODE, "nir": TEMPORARY, "card_type": None, "serial": "1" * 8}
    record = json.loads(run_cli("form", "--json", stdin=json.dumps(fields)).stdout)
    assert (record["valid"], record["route"]) == (True, "phone")


def test_a_form_the_online_form_takes_is_ready_to_be_sent() -> None:
    result = form_text(CODE, ORDINARY, "", "8025000002 1234567890 1")
    verdict = result.stdout.split("\n\n", 1)[1]
    assert verdict.startswith(
        "The form is ready to be sent.\nNext steps, online (monespacesante.fr, opposition form):\n"
    )
    # The card type inferred and the prefix dropped are no refusal: the steps
    # say what to choose and what to type.
    assert "by phone" not in verdict.lower().split("\n", 2)[2].rsplit("\n", 2)[0]
    fields = {"provisional_code": CODE, "nir": ORDINARY, "card_type": None, "serial": "1" * 11}
    record = json.loads(run_cli("form", "--json", stdin=json.dumps(fields)).stdout)
    assert record["route"] == "online"
    fields["nir"] = ORDINARY[:-1]
    record = json.loads(run_cli("form", "--json", stdin=json.dumps(fields)).stdout)
    assert (record["valid"], record["route"]) == (False, None)


def test_strict_makes_the_refusals_errors() -> None:
    result = run_cli("form", "--strict", stdin=f"{CODE}\n{TEMPORARY}\navec photo\n{'1' * 11}\n")
    assert result.returncode == 1
    assert "The form has 1 error: correct it before sending it.\n" in result.stdout
    assert "by phone:" not in result.stdout


# --- explain: nothing to rebuild the number from ----------------------------------------


ABROAD_ELSEWHERE = make_nir(sex="2", year="95", month="10", place="99109", order="222")


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # Same sex, year, month and department: other commune, other order number.
        (ORDINARY, make_nir(place="78123", order="999")),
        (make_nir(place="97125"), make_nir(place="97199", order="512")),
        (make_nir(place="2A004"), make_nir(place="2A247", order="002")),
        # Born abroad: another country, another order number.
        (PUBLIC_ABROAD, ABROAD_ELSEWHERE),
    ],
)
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_explain_without_reveal_depends_on_nothing_that_rebuilds_the_number(
    first: str, second: str, lang: str
) -> None:
    one, other = (run_cli("explain", "--lang", lang, stdin=nir + "\n") for nir in (first, second))
    assert one.returncode == other.returncode == 0

    def without_key(text: str) -> list[str]:
        # The key is in the masked form; the two keys differ.
        return [line for line in text.splitlines() if not line.startswith(("NIR", "Key", "Clé"))]

    assert without_key(one.stdout) == without_key(other.stdout)
    nir = parse_nir(first)
    assert nir.order not in one.stdout
    assert f"{nir.order}" not in without_key(one.stdout)


def test_explain_shows_month_and_department_and_hides_the_rest() -> None:
    result = run_cli("explain", stdin=PUBLIC_ABROAD + "\n")
    assert result.stdout == (
        "NIR: 2 95 ** ** *** *** 93 (valid)\n"
        "Number type: ordinary\n"
        "Sex: woman\n"
        "Year of birth: 95 (the number does not say which century)\n"
        "Month of birth: October\n"
        "Birthplace: Born abroad (--reveal shows the country)\n"
        "Order number: *** (--reveal shows it)\n"
        "Key: 93, correct\n"
        "Online form: accepts this number.\n"
    )
    french = run_cli("explain", "--lang", "fr", stdin=make_nir(place="91228") + "\n")
    assert "Lieu de naissance : Essonne, ou Algérie avant 1962\n" in french.stdout
    assert "Numéro d'ordre : *** (--reveal le montre)\n" in french.stdout


def test_explain_reveal_shows_everything() -> None:
    result = run_cli("explain", "--reveal", stdin=PUBLIC_ABROAD + "\n")
    nir = parse_nir(PUBLIC_ABROAD)
    assert result.stdout == (
        "NIR: 2 95 10 99 126 111 93 (valid)\n"
        "Number type: ordinary\n"
        "Sex: woman\n"
        "Year of birth: 95 (the number does not say which century)\n"
        "Month of birth: October\n"
        f"Birthplace: {nir.birthplace}\n"
        "Order number: 111\n"
        "Key: 93, correct\n"
        "Online form: accepts this number.\n"
    )
    overseas = run_cli("explain", "--reveal", "--lang", "fr", stdin=make_nir(place="97125"))
    assert "Code de la commune : 25\nNuméro d'ordre : 084\n" in overseas.stdout


# --- The interactive form asks again ------------------------------------------------------


def run_prompts(
    args: Sequence[str], answers: Sequence[tuple[str, str]]
) -> tuple[int, str, str, str]:
    """Run the command line on a pseudo-terminal, answering each prompt in turn.

    Unlike ``test_cli.run_on_terminal``, a prompt that comes back is waited
    for again: each answer waits for its prompt after the previous one.
    """
    master, slave = pty.openpty()
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
    stderr = b""
    echo = b""
    seen = 0
    try:
        for prompt, answer in answers:
            deadline = time.monotonic() + 30
            while (found := stderr.find(prompt.encode(), seen)) < 0:
                assert time.monotonic() < deadline, stderr
                stderr += read_available(process.stderr.fileno(), 0.1)
            seen = found + len(prompt.encode())
            os.write(master, answer.encode() + b"\n")
            echo += read_available(master, 0.3)
        stdout, rest = process.communicate(timeout=30)
        stderr += rest
        while chunk := read_available(master, 0.1):
            echo += chunk
    finally:
        os.close(master)
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, stdout.decode(), stderr.decode(), echo.decode()


CODE_PROMPT = "Code provisoire (hidden input): "
NIR_PROMPT = "NIR (hidden input): "
CARD_PROMPT = "Card type, "
SERIAL_PROMPT = "Serial number (hidden input): "
WRONG_KEY = ORDINARY[:-2] + "19"


def test_a_value_that_fails_is_asked_for_again() -> None:
    status, stdout, stderr, echo = run_prompts(
        ["form"],
        [
            (CODE_PROMPT, "xK4b9Tq2Lm7"),  # one character short
            (CODE_PROMPT, CODE),
            (NIR_PROMPT, WRONG_KEY),
            (NIR_PROMPT, ORDINARY),
            (CARD_PROMPT, "vitale 3"),
            (CARD_PROMPT, "avec photo"),
            (SERIAL_PROMPT, "123 456 789 0"),
            (SERIAL_PROMPT, SERIAL_WITH_PHOTO),
        ],
    )
    assert status == 0
    assert stdout.startswith(
        "Code provisoire: **********7k (valid)\n"
        "NIR: 1 85 ** ** *** *** 91 (valid)\n"
        "Card type: Carte Vitale with photo (valid)\n"
        "Serial number: *******8901 (valid)\n"
    )
    checksum = check_nir(WRONG_KEY).errors[0]
    assert f"  error nir.checksum: {checksum.message}\n  Type it again (try 2 of 3).\n" in stderr
    assert "  error code.length: " in stderr
    assert "  error card_type.unknown: " in stderr
    serial_error = check_serial("123 456 789 0", card_type="avec photo").errors[0]
    assert f"  error serial.length: {serial_error.message}\n" in stderr
    for secret in (CODE, ORDINARY, WRONG_KEY, SERIAL_WITH_PHOTO):
        assert secret not in echo + stdout + stderr


def test_after_three_tries_the_value_is_kept_and_reported() -> None:
    assert MAX_TRIES == 3
    status, stdout, stderr, _echo = run_prompts(
        ["form", "--lang", "fr", "--card-type", "avec photo", "--code", CODE],
        [
            ("NIR (saisie masquée) : ", WRONG_KEY),
            ("NIR (saisie masquée) : ", WRONG_KEY),
            ("NIR (saisie masquée) : ", WRONG_KEY),
            ("Numéro de série (saisie masquée) : ", SERIAL_WITH_PHOTO),
        ],
    )
    assert status == 1
    assert stderr.count("Saisissez-le à nouveau") == 2
    assert "(essai 3 sur 3)" in stderr
    assert "NIR : *************** (non valide)\n  erreur nir.checksum" in stdout


def test_a_value_typed_in_the_wrong_prompt_is_pointed_out() -> None:
    _status, _stdout, stderr, _echo = run_prompts(
        ["form", "--card-type", "avec photo"],
        [
            (CODE_PROMPT, ORDINARY),  # the NIR, typed first
            (CODE_PROMPT, CODE),
            (NIR_PROMPT, ORDINARY),
            (SERIAL_PROMPT, SERIAL_WITH_PHOTO),
        ],
    )
    assert (
        "  warning kind.looks_like: This looks like a NIR, not a code provisoire: is it in"
        " the right field?\n  Type it again (try 2 of 3).\n"
    ) in stderr


def test_a_card_type_left_empty_that_the_serial_does_not_tell_is_asked_for_again() -> None:
    status, stdout, stderr, _echo = run_prompts(
        ["form", "--code", CODE, "--nir", ORDINARY],
        [
            (CARD_PROMPT, ""),
            (SERIAL_PROMPT, "314159265"),  # 9 digits: a card without photo, unusually
            (CARD_PROMPT, "sans photo"),
        ],
    )
    assert status == 0
    assert (
        '  error card_type.missing: The card type is missing: choose "avec photo" or "sans'
        ' photo". The serial number does not show which it is. Give it with --card-type'
        ' "avec photo" or --card-type "sans photo".\n  Type it again (try 2 of 3).\n'
    ) in stderr
    assert "Card type: Carte Vitale without photo (valid)\n" in stdout


def test_warnings_do_not_ask_again() -> None:
    status, stdout, stderr, _echo = run_prompts(
        ["form"],
        [
            (CODE_PROMPT, CODE),
            (NIR_PROMPT, TEMPORARY),
            (CARD_PROMPT, ""),
            (SERIAL_PROMPT, SERIAL_WITH_PHOTO),
        ],
    )
    assert status == 0
    assert "again" not in stderr
    assert "Next steps, by phone" in stdout


# --- Card type, the printed serial less a digit, --kind auto --------------------------------


def test_card_type_missing_names_the_option() -> None:
    result = run_cli("check", "--kind", "serial", "314159265")
    assert result.stdout.endswith(
        'The serial number does not show which it is. Give it with --card-type "avec photo"'
        ' or --card-type "sans photo".\n'
    )
    french = run_cli("check", "--lang", "fr", "--json", "--kind", "serial", "314159265")
    assert json.loads(french.stdout)["errors"][0]["message"].endswith(
        'Indiquez-le avec --card-type "avec photo" ou --card-type "sans photo".'
    )
    form = form_text(CODE, ORDINARY, "", "314159265")
    assert '--card-type "avec photo"' in form.stdout


@pytest.mark.parametrize("options", [[], ["--kind", "serial"], ["--card-type", "avec photo"]])
def test_the_printed_serial_less_one_digit_says_so(options: list[str]) -> None:
    printed_less_one = "8025000002 1234567890"
    result = run_cli("check", *options, printed_less_one)
    assert result.returncode == 1
    assert result.stdout.startswith("1: invalid serial ********** ********** | error ")
    assert (
        "error serial.length: The serial number has 20 digits and starts with 8025000002, the"
        " prefix of every card with photo: one digit is missing from the 21 printed beside the"
        " photo. The form wants the last 11."
    ) in result.stdout
    french = run_cli("check", "--lang", "fr", *options, printed_less_one)
    assert "il manque un chiffre aux 21 imprimés à côté de la photo" in french.stdout


def test_the_card_type_settles_13_digits() -> None:
    thirteen = "1 85 05 78 006 084"
    without_photo = run_cli("check", "--card-type", "sans photo", thirteen)
    assert without_photo.stdout == "1: valid serial *********6084\n"
    with_photo = run_cli("check", "--card-type", "avec photo", thirteen)
    assert with_photo.stdout.startswith("1: invalid nir * ** ** ** *** *** | error nir.missing_key")
    alone = run_cli("check", thirteen)
    assert "kind.ambiguous" in alone.stdout


# --- A value that looks like another identifier --------------------------------------------


def test_check_with_a_kind_points_out_another_identifier() -> None:
    result = run_cli("check", "--kind", "nir", "Qw3r Ty7u 9PzX", SERIAL_WITH_PHOTO)
    first, second = result.stdout.splitlines()
    assert first.startswith("1: invalid nir **** **** **** | error nir.length")
    assert first.endswith(
        " | warning kind.looks_like: This looks like a code provisoire, not a NIR: is it in"
        " the right field? --kind code checks it as one."
    )
    assert second.endswith(
        "This looks like a serial number, not a NIR: is it in the right field? --kind serial"
        " checks it as one."
    )
    french = run_cli("check", "--lang", "fr", "--kind", "code", "--json", ORDINARY)
    warning = json.loads(french.stdout)["warnings"][0]
    assert warning == {
        "code": "kind.looks_like",
        "position": None,
        "message": "Cette valeur ressemble à un NIR, pas à un code provisoire : est-elle dans le"
        " bon champ ? --kind nir la vérifie comme telle.",
    }


def test_no_note_for_a_shape_of_its_own_kind() -> None:
    # 13 digits are a NIR without its key as much as a serial number.
    result = run_cli("check", "--kind", "nir", "1 85 05 78 006 084")
    assert "kind.looks_like" not in result.stdout
    # --kind auto takes the value for what it looks like.
    assert "kind.looks_like" not in run_cli("check", "Qw3r Ty7u 9PzX").stdout


def test_form_and_explain_point_out_another_identifier() -> None:
    result = form_text(ORDINARY, CODE, "avec photo", SERIAL_WITH_PHOTO, lang="fr")
    lines = result.stdout.splitlines()
    # The form's own error, form.wrong_field, says it: the command line adds no note.
    assert (
        "  erreur form.wrong_field : Cette valeur ressemble à un NIR, pas à un code"
        " provisoire : est-elle dans le bon champ ?"
    ) in lines
    assert (
        "  erreur form.wrong_field : Cette valeur ressemble à un code provisoire, pas à"
        " un NIR : est-elle dans le bon champ ?"
    ) in lines
    assert not any("kind.looks_like" in line for line in lines)
    explain = run_cli("explain", stdin=SERIAL_WITH_PHOTO + "\n")
    assert explain.stdout.endswith(
        "warning kind.looks_like: This looks like a serial number, not a NIR: is it in the"
        " right field?\n"
    )


def test_a_value_valid_as_another_identifier_is_masked_whole() -> None:
    # 12 digits: a valid code provisoire, and a valid serial number of a card
    # without photo. Its own mask would show digits of the other.
    result = run_cli("check", "--kind", "code", "3141 5926 5358")
    assert result.stdout == "1: valid code **** **** ****\n"
    form = form_text("314159265358", ORDINARY, "sans photo", "271828182845")
    assert "Code provisoire: ************ (valid)\n" in form.stdout
    assert "Serial number: ************ (valid)\n" in form.stdout
    assert "  1. Code provisoire: type ************, keeping" in form.stdout
    assert "  4. Serial number: type ************, as printed" in form.stdout
    revealed = run_cli("check", "--kind", "code", "--reveal", "3141 5926 5358")
    assert revealed.stdout == "1: valid code 314159265358\n"
