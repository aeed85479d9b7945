"""The Hypothesis plugin: ``st.from_type(Nir)`` and co. draw from :mod:`vitale_ids.strategies`.

Hypothesis calls :func:`register_type_strategies` while it is being imported
(the ``hypothesis`` entry point in ``pyproject.toml``), in every environment
where ``vitale_ids`` is installed. So this module imports nothing heavy and
builds nothing: each strategy is built when ``from_type`` first asks for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from vitale_ids.nir import Nir
    from vitale_ids.provisional_code import ProvisionalCode
    from vitale_ids.serial import VitaleSerial

__all__ = ["register_type_strategies"]


def _nir_strategy(_type: type[Nir]) -> SearchStrategy[Nir]:
    from vitale_ids.nir import parse_nir
    from vitale_ids.strategies import nirs

    return nirs().map(parse_nir)


def _provisional_code_strategy(_type: type[ProvisionalCode]) -> SearchStrategy[ProvisionalCode]:
    from vitale_ids.provisional_code import parse_provisional_code
    from vitale_ids.strategies import provisional_codes

    return provisional_codes().map(parse_provisional_code)


def _serial_strategy(_type: type[VitaleSerial]) -> SearchStrategy[VitaleSerial]:
    from vitale_ids.strategies import serials

    return serials()


def register_type_strategies() -> None:
    """Tell Hypothesis how to draw the library's value types."""
    from hypothesis import strategies as st

    from vitale_ids.nir import Nir
    from vitale_ids.provisional_code import ProvisionalCode
    from vitale_ids.serial import VitaleSerial

    st.register_type_strategy(Nir, _nir_strategy)
    st.register_type_strategy(ProvisionalCode, _provisional_code_strategy)
    st.register_type_strategy(VitaleSerial, _serial_strategy)
