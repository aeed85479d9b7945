from __future__ import annotations

from synthetic import ORDINARY, PUBLIC_2A, PUBLIC_2B, PUBLIC_ABROAD, key_of


def test_the_test_helper_agrees_with_the_public_examples() -> None:
    # If key_of were wrong, every synthetic number would be wrong with it.
    for example in (PUBLIC_ABROAD.replace(" ", ""), PUBLIC_2A, PUBLIC_2B):
        assert key_of(example[:13]) == example[13:]
    assert ORDINARY == "185057800608491"
