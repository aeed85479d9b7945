"""Birthplaces from the INSEE tables shipped in ``vitale_ids/data``.

The tables are read on first use, not at import: most callers only validate,
and ``import vitale_ids`` must stay cheap.
"""

from __future__ import annotations

import functools

from vitale_ids import _ins_rules, _nir_rules

__all__ = ["birthplace", "countries", "departments"]

# Codes whose meaning changed with history. The wording is ours; the facts
# (which codes, until when) are stated once, in _nir_rules and _ins_rules.
_FIXED_HISTORY: dict[str, tuple[str, str]] = {
    _nir_rules.CORSICA_BEFORE_1976: (
        "Corse, before its 1976 split into 2A and 2B",
        "Corse, avant sa division en 2A et 2B en 1976",
    ),
    _nir_rules.NO_DEPARTMENT: (
        "Not given (00, seen on temporary numbers)",
        "Non renseigné (00, vu sur les numéros provisoires)",
    ),
}

# The countries whose births carried a French department code before their
# independence, named in English and French.
_FORMER_COUNTRIES: tuple[tuple[_ins_rules.History, str, str], ...] = (
    (_ins_rules.ALGERIA, "Algeria", "Algérie"),
    (_ins_rules.MOROCCO, "Morocco", "Maroc"),
    (_ins_rules.TUNISIA, "Tunisia", "Tunisie"),
)


@functools.cache
def _history() -> dict[str, tuple[str, str]]:
    """Each department code with a history, and its description in English and French."""
    history = dict(_FIXED_HISTORY)
    for change, english, french in _FORMER_COUNTRIES:
        for code in sorted(change.old):
            today = departments().get(code) if code not in change.new else None
            # 96 was never a metropolitan department: the country is all there is to say.
            if today is None or today == french:
                history[code] = (
                    f"{english}, before {change.last_year}",
                    f"{french}, avant {change.last_year}",
                )
            else:
                history[code] = (
                    f"{today}, or {english} before {change.last_year}",
                    f"{today}, ou {french} avant {change.last_year}",
                )
    return history


def _read_rows(name: str) -> list[list[str]]:
    import csv
    from importlib import resources

    text = resources.files(__package__).joinpath(f"data/{name}").read_text(encoding="utf-8")
    rows = list(csv.reader(text.splitlines()))
    return rows[1:]


_OVERSEAS_WIDTH = _nir_rules.OVERSEAS_DEPARTMENT.stop - _nir_rules.OVERSEAS_DEPARTMENT.start


@functools.cache
def departments() -> dict[str, str]:
    """Department code ("01", "2A", "971"...) to its name."""
    return {code: name for code, name, _note in _read_rows("insee_departments.csv")}


@functools.cache
def countries() -> dict[str, tuple[str, ...]]:
    """NIR country code (3 digits, "109") to its names in INSEE's table, as INSEE writes them.

    The first is INSEE's name for the code. The others are what INSEE also files under the
    code: former names (Dahomey for Bénin), territories (Jersey for Royaume-Uni)
    and other spellings.
    """
    return {
        nir_code: tuple(names.split(" | "))
        for _cog, nir_code, _continent, names in _read_rows("insee_countries.csv")
    }


def _country_names(names: tuple[str, ...]) -> tuple[str, str]:
    """The first name, and the others in brackets: "Bénin (also: Dahomey)"."""
    first, *others = names
    if not others:
        return first, first
    # Semicolons, as some names hold a comma ("Kenya, Ouganda").
    return (
        f"{first} (also: {'; '.join(others)})",
        f"{first} (aussi : {' ; '.join(others)})",
    )


def birthplace(department: str, country_code: str | None) -> tuple[str, str]:
    """A short description of a birthplace, in English and in French."""
    if country_code is not None:
        names = countries().get(country_code)
        if names is None:
            return (
                f"Born abroad (country code {country_code} is not in the INSEE table)",
                f"Né(e) à l'étranger (code pays {country_code} absent de la table INSEE)",
            )
        country, country_fr = _country_names(names)
        return f"Born abroad: {country}", f"Né(e) à l'étranger : {country_fr}"
    history = _history()
    if department in history:
        return history[department]
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
