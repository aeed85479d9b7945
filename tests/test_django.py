"""vitale_ids.django with real Django: bound forms, model full_clean, both languages."""

from __future__ import annotations

import django
from django.conf import settings

if not settings.configured:
    settings.configure(
        DATABASES={"default": {"ENGINE": "django.db.backends.sqlite3", "NAME": ":memory:"}},
        INSTALLED_APPS=[],
        USE_I18N=True,
        LANGUAGE_CODE="en",
        LANGUAGES=[("en", "English"), ("fr", "Français")],
    )
    django.setup()

import html
import sys
from pathlib import Path
from typing import Any

import pytest
from django import forms
from django.apps import AppConfig
from django.core import serializers
from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.migrations.autodetector import MigrationAutodetector
from django.db.migrations.graph import MigrationGraph
from django.db.migrations.questioner import MigrationQuestioner
from django.db.migrations.state import ModelState, ProjectState
from django.db.migrations.writer import MigrationWriter
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.test import Client, override_settings
from django.urls import path
from django.utils import translation

from leaks import leaked
from synthetic import ORDINARY, TEMPORARY
from vitale_ids import CardType, check_nir, check_provisional_code, check_serial, parse_nir
from vitale_ids.django import (
    CardTypeField,
    NirField,
    NirModelField,
    OppositionForm,
    ProvisionalCodeField,
    SerialField,
    validate_card_type,
    validate_nir,
    validate_provisional_code,
    validate_serial,
)

CODE = "xK4b9Tq2Lm7k"
PHOTO_SERIAL = "12345678901"
IDENTIFIERS = (CODE, ORDINARY, PHOTO_SERIAL)


class Fields(forms.Form):  # type: ignore[misc]
    provisional_code = ProvisionalCodeField()
    nir = NirField()
    card_type = CardTypeField()
    serial = SerialField()
    serial_without_photo = SerialField(card_type="sans photo", required=False)


GOOD = {
    "provisional_code": "xK4b 9Tq2 Lm7k",
    "nir": "1 85 05 78 006 084 91",
    "card_type": "with_photo",
    "serial": "123 456 789 01",
}


class Person(models.Model):  # type: ignore[misc]
    nir = NirModelField()
    strict_nir = NirModelField(strict=True, blank=True)

    class Meta:
        app_label = "vitale_ids_tests"


def all_text(form: forms.Form) -> str:
    """Everything a form shows of its errors."""
    errors = form.errors
    return "".join([errors.as_json(), errors.as_text(), str(errors), repr(errors.as_data())])


def test_fields_clean_to_the_compact_strings() -> None:
    form = Fields({**GOOD, "serial": "8025000002 1234567890 1"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": "with_photo",
        "serial": PHOTO_SERIAL,
        "serial_without_photo": "",
    }
    # Plain str, never a masked object: saving one would lose data.
    assert {type(value) for value in form.cleaned_data.values()} == {str}


def test_a_field_misconfigured_fails_when_it_is_defined() -> None:
    with pytest.raises(ValueError, match="needs its card_type"):
        SerialField(strict=True)
    with pytest.raises(ValueError, match="card type must be"):
        SerialField(card_type="vitale 3")
    strict = SerialField(strict=True, card_type="sans photo")
    with pytest.raises(ValidationError) as raised:
        strict.clean("1234567890")
    assert raised.value.code == "serial.unusual_length"
    assert SerialField(card_type="sans photo").clean("1234567890") == "1234567890"


def test_the_card_type_field_reads_every_spelling() -> None:
    for spelling, value in [
        ("Carte Vitale sans photo", "without_photo"),
        ("avec photo", "with_photo"),
        ("VITALE 1", "without_photo"),
    ]:
        form = Fields({**GOOD, "card_type": spelling})
        assert form.is_valid(), form.errors
        assert form.cleaned_data["card_type"] == value


BAD_VALUES = [
    ("provisional_code", "xK4b 9Tq2 Lm7", lambda v: check_provisional_code(v)),
    ("provisional_code", "xK4b 9Tq2 Lm7é", lambda v: check_provisional_code(v)),
    ("nir", "1 85 05 78 006 084 19", lambda v: check_nir(v)),
    ("nir", "1 85 05 78 0O6 084 91", lambda v: check_nir(v)),
    ("nir", ORDINARY[:13], lambda v: check_nir(v)),
    ("serial", "1234567", lambda v: check_serial(v)),
    ("serial", "1234567890O", lambda v: check_serial(v)),
    ("serial_without_photo", "123456789012345", lambda v: check_serial(v, card_type="sans photo")),
]


@pytest.mark.parametrize("language", ["en", "fr", "fr-ca", "de"])
@pytest.mark.parametrize(("field", "value", "check"), BAD_VALUES)
def test_each_error_has_our_code_and_message_in_the_active_language(
    field: str, value: str, check: Any, language: str
) -> None:
    # The field's own problem, before the card type's.
    expected = next(issue for issue in check(value).errors if issue.field in field)
    with translation.override(language):
        form = Fields({**GOOD, field: value})
        assert not form.is_valid()
        (error,) = form.errors.as_data()[field]
        assert error.code == expected.code
        messages = error.messages
        text = all_text(form)
    assert messages == [expected.message_fr if language.startswith("fr") else expected.message]
    assert list(form.errors) == [field]
    assert leaked(text, value, *IDENTIFIERS) == set(), text


def test_a_message_follows_the_language_it_is_shown_in() -> None:
    with translation.override("fr"):
        form = Fields({**GOOD, "nir": "1 85 05 78 006 084 19"})
        assert not form.is_valid()
        french = form.errors["nir"][0]
    assert french.startswith("La clé")
    with translation.override("en"):
        assert form.errors["nir"][0].startswith("The key")


def test_an_initial_card_type_ticks_its_radio_button() -> None:
    for initial in (CardType.WITHOUT_PHOTO, "without_photo"):
        page = str(OppositionForm(initial={"card_type": initial})["card_type"])
        assert page.count("checked") == 1
        assert 'value="without_photo" id="id_card_type_1" checked' in page


def test_an_unknown_card_type_is_ours_and_a_missing_field_is_djangos() -> None:
    with translation.override("fr"):
        form = Fields({**GOOD, "card_type": "vitale 3", "nir": ""})
        assert not form.is_valid()
        assert form.errors.as_data()["card_type"][0].code == "card_type.unknown"
        assert form.errors["card_type"][0].startswith("Le type de carte doit être")
        assert form.errors.as_data()["nir"][0].code == "required"


def test_the_code_provisoire_is_not_written_back_into_the_page() -> None:
    form = Fields({**GOOD, "serial": "1234567"})
    assert not form.is_valid()
    page = form.as_p()
    assert leaked(page, CODE) == set()
    # The NIR and the serial number are shown again, so that a typo can be fixed.
    assert 'value="1 85 05 78 006 084 91"' in page
    assert 'autocapitalize="off"' in str(form["provisional_code"])


def test_validators_for_any_field() -> None:
    class Plain(forms.Form):  # type: ignore[misc]
        nir = forms.CharField(validators=[validate_nir])
        provisional_code = forms.CharField(validators=[validate_provisional_code])
        serial = forms.CharField(validators=[validate_serial])
        card_type = forms.CharField(validators=[validate_card_type])

    good = Plain({**GOOD})
    assert good.is_valid(), good.errors
    # A validator only checks: the value is kept as typed.
    assert good.cleaned_data["nir"] == GOOD["nir"]
    with translation.override("fr"):
        bad = Plain(
            {"nir": ORDINARY[:14] + "0", "provisional_code": "x", "serial": "12", "card_type": "?"}
        )
        assert not bad.is_valid()
        codes = {name: errors[0].code for name, errors in bad.errors.as_data().items()}
        text = all_text(bad)
    assert codes == {
        "nir": "nir.checksum",
        "provisional_code": "code.length",
        "serial": "serial.length",
        "card_type": "card_type.unknown",
    }
    assert leaked(text, ORDINARY) == set()
    with pytest.raises(ValidationError) as raised:
        validate_serial("1234567890")
    assert raised.value.code == "card_type.missing"


# --- The model field -----------------------------------------------------------------


def test_full_clean_stores_the_compact_nir() -> None:
    person = Person(nir="1 85 05 78 006 084 91")
    person.full_clean()
    assert person.nir == ORDINARY
    assert type(person.nir) is str


@pytest.mark.parametrize("language", ["en", "fr"])
def test_full_clean_refuses_with_our_code_in_the_active_language(language: str) -> None:
    person = Person(nir="1 85 05 78 006 084 19", strict_nir=TEMPORARY)
    with translation.override(language), pytest.raises(ValidationError) as raised:
        person.full_clean()
    errors = raised.value.error_dict
    assert [error.code for error in errors["nir"]] == ["nir.checksum"]
    assert [error.code for error in errors["strict_nir"]] == ["nir.temporary"]
    expected = check_nir("1 85 05 78 006 084 19").errors[0].message_in(language)
    with translation.override(language):
        assert errors["nir"][0].messages == [expected]
        assert leaked(str(raised.value.message_dict), ORDINARY, TEMPORARY) == set()


def test_the_model_field_saves_and_loads_through_the_database() -> None:
    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        Person.objects.create(nir="1.85.05.78.006.084.91")  # saved without full_clean
        stored = Person.objects.get()
        assert stored.nir == ORDINARY
        assert Person.objects.filter(nir="1 85 05 78 006 084 91").count() == 1
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


def test_saving_updating_and_filtering_never_raise_for_a_value_that_is_not_a_nir() -> None:
    # Only full_clean() validates: rows older than the field (or than its
    # strict=True) must still save, and a lookup with a typo finds nothing.
    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        Person.objects.create(nir="1 85 05 78 006 084 19", strict_nir="7 85 05 78 006 084 82")
        person = Person.objects.get()
        assert (person.nir, person.strict_nir) == ("1 85 05 78 006 084 19", TEMPORARY)
        person.save()
        assert Person.objects.filter(nir="garbage").count() == 0
        assert Person.objects.filter(strict_nir="7 85 05 78 006 084 82").count() == 1
        assert Person.objects.filter(nir__in=["1 85 05 78 006 084 19", "?"]).count() == 1
        assert Person.objects.update(nir="185057800608419", strict_nir="785 0578") == 1
        assert Person.objects.filter(strict_nir="785 0578").count() == 1
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


class SuiteApp(AppConfig):  # type: ignore[misc]
    """The test models' app, installed only where Django looks models up by label."""

    name = __name__
    label = "vitale_ids_tests"
    path = str(Path(__file__).parent)


def test_fixtures_of_stored_rows_load_back_whatever_they_hold() -> None:
    # dumpdata and loaddata go through the field's to_python: a row that
    # full_clean() would refuse today (a typo kept from before, a NIA in a
    # strict column) must still load, and no error may show its value.
    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        Person.objects.create(nir="1 85 05 78 006 084 19", strict_nir=TEMPORARY)
        with override_settings(INSTALLED_APPS=[f"{__name__}.SuiteApp"]):
            dumped = serializers.serialize("json", Person.objects.all())
            Person.objects.all().delete()
            for loaded in serializers.deserialize("json", dumped):
                loaded.save()
        stored = Person.objects.get()
        assert (stored.nir, stored.strict_nir) == ("1 85 05 78 006 084 19", TEMPORARY)
        with pytest.raises(ValidationError) as raised:
            stored.full_clean()
        assert {
            name: [e.code for e in errors] for name, errors in raised.value.error_dict.items()
        } == {
            "nir": ["nir.checksum"],
            "strict_nir": ["nir.temporary"],
        }
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


def test_a_parsed_nir_is_stored_whole_not_as_its_masked_text() -> None:
    with connection.schema_editor() as editor:
        editor.create_model(Person)
    try:
        Person.objects.create(nir=parse_nir("1 85 05 78 006 084 91"))
        assert Person.objects.get().nir == ORDINARY
        assert Person.objects.filter(nir=parse_nir(ORDINARY)).count() == 1
        person = Person(nir=parse_nir(ORDINARY))
        person.full_clean()
        assert person.nir == ORDINARY
    finally:
        with connection.schema_editor() as editor:
            editor.delete_model(Person)


def test_the_model_field_works_in_migrations() -> None:
    field = Person._meta.get_field("nir")
    _, path, args, kwargs = field.deconstruct()
    assert (path, args, kwargs) == ("vitale_ids.django.NirModelField", [], {})
    assert field.max_length == 15
    strict = Person._meta.get_field("strict_nir")
    assert strict.deconstruct()[3] == {"strict": True, "blank": True}
    rebuilt = NirModelField(**strict.deconstruct()[3])
    assert (rebuilt.strict, rebuilt.max_length) == (True, 15)

    def with_person() -> ProjectState:
        state = ProjectState()
        state.add_model(ModelState.from_model(Person))
        return state

    before, after = ProjectState(), with_person()
    # The test app has no migrations module: say it is the one to migrate.
    questioner = MigrationQuestioner(specified_apps={"vitale_ids_tests"})
    changes = MigrationAutodetector(before, after, questioner).changes(graph=MigrationGraph())
    (migration,) = changes["vitale_ids_tests"]
    source = MigrationWriter(migration).as_string()
    assert "import vitale_ids.django" in source
    assert "vitale_ids.django.NirModelField()" in source
    assert "vitale_ids.django.NirModelField(blank=True, strict=True)" in source
    # A second run finds nothing to migrate: the field deconstructs to itself.
    same = MigrationAutodetector(with_person(), with_person(), questioner).changes(
        graph=MigrationGraph()
    )
    assert same == {}


def test_the_model_fields_form_field_is_a_nir_field_without_max_length() -> None:
    class PersonForm(forms.ModelForm):  # type: ignore[misc]
        class Meta:
            model = Person
            fields = ("nir",)

    form = PersonForm({"nir": "1 85 05 78 006 084 91"})
    assert isinstance(form.fields["nir"], NirField)
    assert "maxlength" not in str(form["nir"])
    assert form.is_valid(), form.errors
    assert form.cleaned_data["nir"] == ORDINARY


# --- The ready-made form -----------------------------------------------------------


FORM = {
    "provisional_code": "xK4b 9Tq2 Lm7k",
    "nir": "1 85 05 78 006 084 91",
    "card_type": "",
    "serial": "123 456 789 01",
}


def test_opposition_form_cleans_the_four_fields() -> None:
    form = OppositionForm(FORM)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": "with_photo",  # inferred from the serial number
        "serial": PHOTO_SERIAL,
    }
    assert [issue.code for issue in form.warnings] == ["card_type.inferred"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        (
            {"card_type": "without_photo", "serial": ORDINARY[2:12]},
            {"serial": "form.serial_in_nir"},
        ),
        (
            # Swapped: each field says it holds the other field's identifier.
            {"card_type": "with_photo", "nir": PHOTO_SERIAL, "serial": ORDINARY},
            {
                "nir": ["nir.length", "form.wrong_field"],
                "serial": ["serial.length", "form.wrong_field"],
            },
        ),
        ({"card_type": "with_photo", "serial": "12345678"}, {"serial": "serial.length"}),
        ({"serial": "1234567890"}, {"card_type": "card_type.missing"}),
        ({"provisional_code": "xK4b"}, {"provisional_code": "code.length"}),
        # A missing field is said once, and the card type is not asked for
        # because a serial number is missing.
        ({"serial": "", "nir": ""}, {"serial": "required", "nir": "required"}),
        ({"card_type": "vitale 3"}, {"card_type": "card_type.unknown"}),
    ],
)
@pytest.mark.parametrize("language", ["en", "fr"])
def test_opposition_form_puts_each_problem_on_its_field(
    changes: dict[str, str], expected: dict[str, str | list[str]], language: str
) -> None:
    data = {**FORM, **changes}
    with translation.override(language):
        form = OppositionForm(data)
        assert not form.is_valid()
        codes = {
            name: [error.code for error in errors] for name, errors in form.errors.as_data().items()
        }
        text = all_text(form) + form.as_p()
    assert codes == {
        name: code if isinstance(code, list) else [code] for name, code in expected.items()
    }
    identifiers = [value for name, value in data.items() if name != "card_type"]
    assert leaked(all_text(form), *identifiers, *IDENTIFIERS) == set()
    assert leaked(text, CODE) == set()


def test_opposition_form_speaks_french_under_french() -> None:
    with translation.override("fr"):
        form = OppositionForm({**FORM, "card_type": "without_photo", "serial": ORDINARY[2:12]})
        assert not form.is_valid()
        assert form.errors["serial"][0].startswith("Le numéro de série se trouve dans le NIR")
        page = form.as_p()
    assert "Carte Vitale sans photo" in page
    assert "Numéro de sécurité sociale" in page


def test_opposition_form_strict_subclass() -> None:
    class StrictForm(OppositionForm):
        strict = True

    assert OppositionForm({**FORM, "nir": TEMPORARY}).is_valid()
    form = StrictForm({**FORM, "nir": TEMPORARY, "card_type": "with_photo"})
    assert not form.is_valid()
    assert form.errors.as_data()["nir"][0].code == "nir.temporary"


# --- Hostile input ---------------------------------------------------------------------

HOSTILE_TEXT = ["\x00" * 20, "\ud800\udc00", "1" * 100_000, " " * 100_000, "٣" * 15, "<script>"]
HOSTILE_OBJECTS = [b"185057800608491", 185057800608491, None, ["185057800608491"], 3.5]
VALIDATORS = [validate_nir, validate_provisional_code, validate_serial, validate_card_type]


@pytest.mark.parametrize("value", HOSTILE_TEXT, ids=range(len(HOSTILE_TEXT)))
def test_hostile_text_is_a_field_error_with_our_code(value: str) -> None:
    data = dict.fromkeys(["provisional_code", "nir", "card_type", "serial"], value)
    for form in (Fields(data), OppositionForm(data)):
        assert not form.is_valid()
        codes = {error.code for errors in form.errors.as_data().values() for error in errors}
        # Django's own: "required", and its CharField's refusal of NUL characters.
        prefixes = ("code.", "nir.", "card_type.", "serial.", "form.", "required", "null_char")
        assert all(code.startswith(prefixes) for code in codes), codes
        assert leaked(all_text(form), ORDINARY) == set()


@pytest.mark.parametrize("validator", VALIDATORS)
@pytest.mark.parametrize(
    "value", HOSTILE_TEXT + HOSTILE_OBJECTS, ids=range(len(HOSTILE_TEXT + HOSTILE_OBJECTS))
)
def test_validators_answer_anything_with_a_validation_error(validator: Any, value: object) -> None:
    with pytest.raises(ValidationError) as raised:
        validator(value)
    assert raised.value.code.split(".")[0] in {"nir", "code", "serial", "card_type"}


# --- Through Django's request stack ------------------------------------------------------


def opposition_view(request: HttpRequest) -> HttpResponse:
    form = OppositionForm(request.POST)
    if form.is_valid():
        return JsonResponse({"stored": form.cleaned_data})
    return HttpResponse(form.as_p() + form.errors.as_json(), status=400)


urlpatterns = [path("opposition", opposition_view)]


@pytest.mark.parametrize(
    ("accept_language", "message"),
    [
        ("fr-FR,fr;q=0.9,en;q=0.8", "La clé (caractères 14-15)"),
        ("en-GB,en;q=0.9", "The key (characters 14-15)"),
        ("de-DE", "The key (characters 14-15)"),
    ],
)
def test_a_posted_form_answers_in_the_language_the_browser_asks_for(
    accept_language: str, message: str
) -> None:
    with override_settings(
        ROOT_URLCONF=sys.modules[__name__],
        MIDDLEWARE=["django.middleware.locale.LocaleMiddleware"],
        ALLOWED_HOSTS=["testserver"],
    ):
        client = Client(HTTP_ACCEPT_LANGUAGE=accept_language)
        refused = client.post("/opposition", {**FORM, "nir": "1 85 05 78 006 084 19"})
        accepted = client.post("/opposition", FORM)
    page = refused.content.decode()
    assert refused.status_code == 400
    assert message in html.unescape(page)
    assert leaked(page, CODE) == set()  # the secret is not sent back
    assert accepted.status_code == 200
    assert accepted.json()["stored"] == {
        "provisional_code": CODE,
        "nir": ORDINARY,
        "card_type": "with_photo",
        "serial": PHOTO_SERIAL,
    }
