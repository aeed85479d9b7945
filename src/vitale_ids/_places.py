"""Birthplaces from the INSEE tables shipped in ``vitale_ids/data``.

The tables are read on first use, not at import: most callers only validate,
and ``import vitale_ids`` must stay cheap.
"""

from __future__ import annotations

import functools

from vitale_ids import _nir_rules

__all__ = ["birthplace", "countries", "departments"]

# Codes whose meaning changed with history. The wording is ours; the facts are
# public (INSEE: department codes reused after 1968, Corsica split in 1976).
_HISTORY: dict[str, tuple[str, str]] = {
    _nir_rules.CORSICA_BEFORE_1976: (
        "Corse, before its 1976 split into 2A and 2B",
        "Corse, avant sa division en 2A et 2B en 1976",
    ),
    "91": ("Essonne, or Algeria before 1962", "Essonne, ou Algérie avant 1962"),
    "92": ("Hauts-de-Seine, or Algeria before 1962", "Hauts-de-Seine, ou Algérie avant 1962"),
    "93": (
        "Seine-Saint-Denis, or Algeria before 1962",
        "Seine-Saint-Denis, ou Algérie avant 1962",
    ),
    "94": ("Val-de-Marne, or Algeria before 1962", "Val-de-Marne, ou Algérie avant 1962"),
    "95": ("Val-d'Oise, or Morocco before 1956", "Val-d'Oise, ou Maroc avant 1956"),
    "96": ("Tunisia, before 1956", "Tunisie, avant 1956"),
    _nir_rules.NO_DEPARTMENT: (
        "Not given (00, seen on temporary numbers)",
        "Non renseigné (00, vu sur les numéros provisoires)",
    ),
}

_LOWER_WORDS = frozenset(
    {"de", "du", "des", "et", "ou", "la", "le", "les", "en", "aux", "dans", "da"}
)


def _read_rows(name: str) -> list[list[str]]:
    import csv
    from importlib import resources

    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    return rows[1:]


def _title(name: str) -> str:
    """INSEE's upper-case country names, in ordinary capitals ("Coree (Republique de)")."""
    words = []
    for position, word in enumerate(name.split(" ")):
        lower = word.lower()
        if position and lower.rstrip("),") in _LOWER_WORDS:
            words.append(lower)
        elif lower[:2] in ("d'", "l'") and len(lower) > 2:
            words.append(lower[:2] + lower[2:].capitalize())
        else:
            words.append("-".join(part.capitalize() for part in lower.split("-")))
    title = " ".join(words)
    # "(Etat de)" style parentheses keep an upper-case first letter.
    return "(".join(part[:1].upper() + part[1:] for part in title.split("("))


_OVERSEAS_WIDTH = _nir_rules.OVERSEAS_DEPARTMENT.stop - _nir_rules.OVERSEAS_DEPARTMENT.start


@functools.cache
def departments() -> dict[str, str]:
    """Department code ("01", "2A", "971"...) to its name."""
    return {code: name for code, name, _note in _read_rows("insee_departments.csv")}


@functools.cache
def countries() -> dict[str, str]:
    """NIR country code (3 digits, "109") to the country's usual name."""
    return {
        nir_code: _title(names.split(" | ")[0])
        for _cog, nir_code, _continent, names in _read_rows("insee_countries.csv")
    }


def birthplace(department: str, country_code: str | None) -> tuple[str, str]:
    """A short description of a birthplace, in English and in French."""
    if country_code is not None:
        country = countries().get(country_code)
        if country is None:
            return (
                f"Born abroad (country code {country_code} is not in the INSEE table)",
                f"Né(e) à l'étranger (code pays {country_code} absent de la table INSEE)",
            )
        return f"Born abroad: {country}", f"Né(e) à l'étranger : {country}"
    if department in _HISTORY:
        return _HISTORY[department]
    name = departments().get(department)
    if name is not None:
        return name, name
    if len(department) == _OVERSEAS_WIDTH:
        return (
            f"Overseas (code {department} is not in the INSEE table)",
            f"Outre-mer (code {department} absent de la table INSEE)",
        )
    return (
        f"Department {department} (not in the INSEE table)",
        f"Département {department} (absent de la table INSEE)",
    )
