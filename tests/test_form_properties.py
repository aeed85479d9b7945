"""Properties of the whole-form check over many inputs."""

from __future__ import annotations

import string

from hypothesis import given
from hypothesis import strategies as st

from synthetic import make_nir
from vitale_ids import CardType, FormCheck, Nir, VitaleSerial, check_form

DIGITS = string.digits
texts = st.text(
    st.characters(codec="utf-8") | st.sampled_from(DIGITS + string.ascii_letters + " -."),
    max_size=70,
)
card_types = (
    st.none()
    | st.sampled_from(CardType)
    | st.sampled_from(["avec photo", "sans photo", "vitale 1", "photo?", "", " "])
)
codes = texts | st.text(st.sampled_from(DIGITS + string.ascii_letters), min_size=12, max_size=12)
# NIRs and serials that often share digits, so that form.serial_in_nir happens.
nirs = texts | st.builds(make_nir, order=st.integers(1, 999).map(lambda n: f"{n:03d}"))
serials = (
    texts
    | st.text(st.sampled_from(DIGITS), min_size=8, max_size=13)
    | nirs.map(lambda nir: nir[1:12])
)


def field_values(
    code: str, nir: str, card_type: CardType | str | None, serial: str
) -> dict[str, str]:
    return {"provisional_code": code, "nir": nir, "serial": serial, "card_type": str(card_type)}


@given(codes, nirs, card_types, serials)
def test_any_text_gives_a_form_check(
    code: str, nir: str, card_type: CardType | str | None, serial: str
) -> None:
    result = check_form(provisional_code=code, nir=nir, card_type=card_type, serial=serial)
    assert isinstance(result, FormCheck)
    assert list(result.fields) == ["provisional_code", "nir", "card_type", "serial"]
    assert result.valid == (result.errors == ())
    assert result.valid == all(check.valid for check in result.fields.values())
    # Each issue once: the serial's field repeats a missing or unknown card type.
    assert result.errors == tuple(
        dict.fromkeys(i for c in result.fields.values() for i in c.errors)
    )
    for check in result.fields.values():
        assert check.valid == (check.value is not None)
    assert result.warnings == tuple(i for c in result.fields.values() for i in c.warnings)
    typed = field_values(code, nir, card_type, serial)
    for field, check in result.fields.items():
        for issue in check.issues:
            # The serial's field also carries a missing or unknown card type's error.
            assert issue.field == field or (field, issue.field) == ("serial", "card_type")
            assert issue.position is None or 0 <= issue.position < len(typed[issue.field])
    if result.valid:
        assert all(check.value is not None for check in result.fields.values())
        serial_value = result.fields["serial"].value
        nir_value = result.fields["nir"].value
        assert isinstance(serial_value, VitaleSerial)
        assert isinstance(nir_value, Nir)
        assert serial_value.card_type is result.fields["card_type"].value
        assert serial_value.compact not in nir_value.compact


@given(codes, nirs, card_types, serials)
def test_strict_is_the_ordinary_check_with_warnings_as_errors(
    code: str, nir: str, card_type: CardType | str | None, serial: str
) -> None:
    lenient = check_form(provisional_code=code, nir=nir, card_type=card_type, serial=serial)
    strict = check_form(
        provisional_code=code, nir=nir, card_type=card_type, serial=serial, strict=True
    )
    assert strict.warnings == ()
    assert sorted(strict.errors, key=repr) == sorted(lenient.errors + lenient.warnings, key=repr)
    assert strict.valid == (lenient.valid and not lenient.warnings)
