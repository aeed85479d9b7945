"""Synthetic NIRs for the tests: every number here is made up, its key computed."""

from __future__ import annotations


def key_of(body: str) -> str:
    number = int(body[:5] + {"2A": "19", "2B": "18"}.get(body[5:7], body[5:7]) + body[7:])
    return f"{97 - number % 97:02d}"


def make_nir(
    sex: str = "1",
    year: str = "85",
    month: str = "05",
    place: str = "78006",
    order: str = "084",
) -> str:
    """A NIR with a correct key. ``place`` is the 5 characters of positions 6-10."""
    body = sex + year + month + place + order
    assert len(body) == 13, body
    return body + key_of(body)


ORDINARY = make_nir()  # 185057800608491
TEMPORARY = make_nir(sex="7")
UNKNOWN_MONTH = make_nir(month="42")

# The public examples from DOMAIN.md (python-stdnum's documentation).
PUBLIC_ABROAD = "2 95 10 99 126 111 93"
PUBLIC_2B = "253072B07300470"
PUBLIC_2A = "253072A07300443"
