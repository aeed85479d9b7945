"""Countries of birth, as INSEE writes them: accents, capitals, and every name of a code."""

from __future__ import annotations

import csv
from importlib import resources

import pytest

from synthetic import make_nir
from vitale_ids import parse_nir
from vitale_ids._places import countries

# Codes in INSEE's table that the first, upper-case table shipped without.
ADDED_CODES = {
    "143": "Chypre",
    "158": "Féroé",
    "159": "Territoires norvégiens en Atlantique Nord",
    "160": "Åland",
    "161": "Dépendances de la Couronne britannique",
    "162": "Île des Faisans",
    "263": "Protectorat d'Arabie du Sud",
    "264": "Nouvelle-Guinée néerlandaise",
    "265": "Territoires australiens de l'océan Indien",
    "362": "Zanzibar",
    "363": "Terres australes norvégiennes",
    "446": "Territoire antarctique argentin",
    "447": "Territoire antarctique chilien",
    "519": "Territoires de la Nouvelle-Zélande",
    "520": "Cook",
    "521": "Niue",
    "522": "Territoires de l'Australie en Océanie",
    "699": "Antarctique",
}


def birthplaces(country_code: str) -> tuple[str, str]:
    nir = parse_nir(make_nir(place="99" + country_code))
    assert nir.country_code == country_code
    return nir.birthplace, nir.birthplace_fr


@pytest.mark.parametrize(("code", "name"), ADDED_CODES.items())
def test_the_added_codes_are_named(code: str, name: str) -> None:
    assert birthplaces(code) == (f"Born abroad: {name}", f"Né(e) à l'étranger : {name}")


@pytest.mark.parametrize(
    ("code", "english", "french"),
    [
        ("126", "Grèce", "Grèce"),
        ("394", "Sao Tomé-et-Principe", "Sao Tomé-et-Principe"),
        ("326", "Côte d'Ivoire", "Côte d'Ivoire"),
        ("247", "Émirats arabes unis", "Émirats arabes unis"),
        ("239", "Corée du Sud", "Corée du Sud"),
        # Other names in brackets: a former name, a territory, an other spelling.
        ("327", "Bénin (also: Dahomey)", "Bénin (aussi : Dahomey)"),
        ("101", "Danemark (also: Féroé)", "Danemark (aussi : Féroé)"),
        (
            "132",
            "Royaume-Uni (also: Guernesey; Jersey; Île de Man)",
            "Royaume-Uni (aussi : Guernesey ; Jersey ; Île de Man)",
        ),
        ("211", "Kamtchatka (also: Kamtchatcka)", "Kamtchatka (aussi : Kamtchatcka)"),
        # Names with a comma stay whole.
        (
            "307",
            "Kenya (also: Kenya, Ouganda; Soudan anglo-égyptien, Kenya, Ouganda)",
            "Kenya (aussi : Kenya, Ouganda ; Soudan anglo-égyptien, Kenya, Ouganda)",
        ),
    ],
)
def test_names_are_as_insee_writes_them(code: str, english: str, french: str) -> None:
    assert birthplaces(code) == (f"Born abroad: {english}", f"Né(e) à l'étranger : {french}")


def shipped_rows() -> list[list[str]]:
    text = resources.files("vitale_ids").joinpath("data/insee_countries.csv").read_text("utf-8")
    return list(csv.reader(text.splitlines()))


def test_every_code_shows_every_name_of_its_row_unchanged() -> None:
    header, *rows = shipped_rows()
    assert header == ["cog_code", "nir_code", "continent", "names"]
    assert len(rows) == len(countries()) == 254
    for cog_code, nir_code, _continent, names in rows:
        assert cog_code == "99" + nir_code
        english, french = birthplaces(nir_code)
        first, *others = names.split(" | ")
        assert english.startswith(f"Born abroad: {first}")
        assert french.startswith(f"Né(e) à l'étranger : {first}")
        for other in others:  # no name is lost or re-capitalised
            assert other in english
            assert other in french
        assert ("(also: " in english) == bool(others)


def test_the_table_has_capitals_and_accents() -> None:
    names = [name for row in shipped_rows()[1:] for name in row[3].split(" | ")]
    assert not [name for name in names if name.isupper() and len(name) > 4]
    assert sum(not name.isascii() for name in names) > 50


@pytest.mark.parametrize("code", ["699", "158", "101"])
def test_the_strategies_draw_every_country_even_a_continent_of_one(code: str) -> None:
    from hypothesis import Phase, find, settings

    from vitale_ids.strategies import nirs

    reach = settings(database=None, max_examples=3000, phases=[Phase.generate], derandomize=True)
    assert find(nirs(abroad=True), lambda value: value[7:10] == code, settings=reach)
