"""What to do once the form is right: send it online, or object by phone.

The online form refuses some values that can be right (monespacesante.fr terms
of use, section 3.3): their holder objects by phone instead, giving the code
provisoire, the NIR and the serial number. Which values it refuses is the
library's knowledge: ``Nir.online_form_accepts`` for the NIR, and the codes
of the serial number's warnings that say the online form refuses it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final, Literal

from vitale_ids import CardType, Nir, nir, serial
from vitale_ids.cli.base import Lang, pick
from vitale_ids.cli.output import PHONE_EN, PHONE_FR, mask_unparsed, shown

if TYPE_CHECKING:
    from vitale_ids import FormCheck

__all__ = ["Route", "next_steps", "route"]

#: How the person objects: online, by phone, or not yet (the form has errors).
Route = Literal["online", "phone"]

# The serial number's warnings whose message says that the online form refuses
# the value (the official app's date and scheme-number checks).
_SERIAL_REFUSED_ONLINE: Final = frozenset({"serial.looks_like_date", "serial.issuer_number"})

_SERIAL_WHERE_WITH_PHOTO: Final = (
    f"the {serial.PHOTO_LENGTH} digits that follow the prefix {serial.PHOTO_CARD_PREFIX}",
    f"les {serial.PHOTO_LENGTH} chiffres qui suivent le préfixe {serial.PHOTO_CARD_PREFIX}",
)
# The online form shows the prefix; it stays off the phone.
_PREFIX_SHOWN: Final = (" shown by the form", " affiché par le formulaire")
_SERIAL_WHERE_WITHOUT_PHOTO: Final = (
    "as printed on the back of the card, top left",
    "tel qu'il est imprimé au dos de la carte, en haut à gauche",
)


def _refused_online(result: FormCheck) -> list[str]:
    """The fields of a valid form that the online form refuses, in the form's order."""
    refused = []
    number = result.fields["nir"].value
    if isinstance(number, Nir) and not number.online_form_accepts:
        refused.append("nir")
    if any(issue.code in _SERIAL_REFUSED_ONLINE for issue in result.fields["serial"].warnings):
        refused.append("serial")
    return refused


def route(result: FormCheck) -> Route | None:
    """``None`` while the form has errors; else "phone" when the online form refuses a value."""
    if not result.valid:
        return None
    return "phone" if _refused_online(result) else "online"


def _values(result: FormCheck, reveal: bool, hidden: frozenset[str]) -> tuple[str, str, str]:
    code, number, serial_number = (
        mask_unparsed(shown("", result.fields[name].value, False))
        if name in hidden and not reveal
        else shown("", result.fields[name].value, reveal)
        for name in ("provisional_code", "nir", "serial")
    )
    return code, number, serial_number


def _serial_where(card_type: CardType, online: bool, lang: Lang) -> str:
    if card_type is CardType.WITH_PHOTO:
        return pick(lang, *_SERIAL_WHERE_WITH_PHOTO) + (
            pick(lang, *_PREFIX_SHOWN) if online else ""
        )
    return pick(lang, *_SERIAL_WHERE_WITHOUT_PHOTO)


def _online_steps(
    result: FormCheck, card_type: CardType, reveal: bool, lang: Lang, hidden: frozenset[str]
) -> list[str]:
    code, number, serial_number = _values(result, reveal, hidden)
    serial_where = _serial_where(card_type, True, lang)
    if lang == "fr":
        return [
            "Le formulaire est prêt à être envoyé.",
            "Prochaines étapes, en ligne (monespacesante.fr, formulaire d'opposition) :",
            f"  1. Code provisoire : tapez {code}, en respectant les majuscules.",
            f"  2. NIR : tapez {number}, les {nir.LENGTH} caractères, clé comprise.",
            f"  3. Type de carte : choisissez « {card_type.label_fr} ».",
            f"  4. Numéro de série : tapez {serial_number}, {serial_where}.",
            f"Par téléphone : {PHONE_FR}, avec le code provisoire, le NIR et le numéro de série.",
        ]
    return [
        "The form is ready to be sent.",
        "Next steps, online (monespacesante.fr, opposition form):",
        f"  1. Code provisoire: type {code}, keeping its upper and lower case.",
        f"  2. NIR: type {number}, all {nir.LENGTH} characters, key included.",
        f'  3. Card type: choose "{card_type.label_fr}".',
        f"  4. Serial number: type {serial_number}, {serial_where}.",
        f"By phone: {PHONE_EN}, with the code provisoire, the NIR and the serial number.",
    ]


def _phone_steps(
    result: FormCheck,
    refused: list[str],
    card_type: CardType,
    reveal: bool,
    lang: Lang,
    hidden: frozenset[str],
) -> list[str]:
    code, number, serial_number = _values(result, reveal, hidden)
    serial_where = _serial_where(card_type, False, lang)
    if lang == "fr":
        what = " et ".join(
            {"nir": "le NIR", "serial": "le numéro de série"}[name] for name in refused
        )
        return [
            f"Les valeurs sont correctes, mais le formulaire en ligne refuse {what} (voir les"
            " avertissements) : opposez-vous par téléphone.",
            f"Prochaines étapes, par téléphone : appelez le {PHONE_FR}, et donnez :",
            f"  1. le code provisoire : {code}, en précisant les majuscules et les minuscules ;",
            f"  2. le NIR : {number}, les {nir.LENGTH} caractères, clé comprise ;",
            f"  3. le numéro de série : {serial_number}, {serial_where}.",
        ]
    what = " and ".join({"nir": "the NIR", "serial": "the serial number"}[name] for name in refused)
    return [
        f"The values are right, but the online form refuses {what} (see the warnings):"
        " object by phone.",
        f"Next steps, by phone: call {PHONE_EN}, and give:",
        f"  1. the code provisoire: {code}, saying which letters are upper and lower case;",
        f"  2. the NIR: {number}, all {nir.LENGTH} characters, key included;",
        f"  3. the serial number: {serial_number}, {serial_where}.",
    ]


def next_steps(
    result: FormCheck,
    card_type: CardType,
    reveal: bool,
    lang: Lang,
    hidden: frozenset[str] = frozenset(),
) -> list[str]:
    """The lines that say how to object with a valid form: online, or by phone when refused.

    The fields in ``hidden`` are masked whole (unless ``reveal``).
    """
    refused = _refused_online(result)
    if refused:
        return _phone_steps(result, refused, card_type, reveal, lang, hidden)
    return _online_steps(result, card_type, reveal, lang, hidden)
