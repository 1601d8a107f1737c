"""Pydantic's errors worded by type, in the reader's language, with their limits."""

from __future__ import annotations

from datetime import date
from enum import Enum
from typing import Annotated, Any

import pytest
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, StringConstraints, ValidationError

from app.i18n.translate import reading_in
from app.i18n.validation_messages import field_message


class Kind(Enum):
    negotiated = "negotiated"
    model = "model"


class Sample(BaseModel):
    model_config = ConfigDict(extra="forbid")

    title: Annotated[str, StringConstraints(min_length=1, max_length=5)] = "t"
    code: Annotated[str, StringConstraints(min_length=2)] = "ab"
    year: int = Field(default=2000, ge=1900, le=2100)
    signed: date | None = None
    url: HttpUrl | None = None
    kind: Kind = Kind.negotiated
    tags: list[str] = Field(default_factory=list, max_length=2)


def _messages(language: str, **data: Any) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        Sample(**data)
    with reading_in(language):
        return {str(e["loc"][0]): field_message(e) for e in caught.value.errors()}


@pytest.mark.parametrize(
    ("data", "french"),
    [
        ({"title": ""}, "ne peut pas être vide"),
        ({"code": "a"}, "doit comporter au moins 2 caractères"),
        ({"title": "toolong"}, "doit comporter au plus 5 caractères"),
        ({"title": 42}, "doit être du texte"),
        ({"year": "last year"}, "doit être un nombre entier"),
        ({"year": 1492}, "doit être supérieur ou égal à 1900"),
        ({"year": 3000}, "doit être inférieur ou égal à 2100"),
        (
            {"signed": "2024-13-01"},
            "doit être une date au format AAAA-MM-JJ, par exemple 2024-03-01",
        ),
        ({"url": "not a url"}, "doit être une adresse web (URL)"),
        (
            {"url": "ftp://example.org"},
            "doit être une adresse web commençant par http:// ou https://",
        ),
        ({"kind": "agreement"}, "doit valoir 'negotiated' ou 'model'"),
        ({"tags": ["a", "b", "c"]}, "doit contenir au plus 2 éléments"),
        ({"tags": "a"}, "doit être une liste"),
        ({"unexpected": 1}, "n'est pas un champ de cette requête"),
    ],
)
def test_each_error_type_is_worded_in_french(data: dict[str, Any], french: str) -> None:
    assert list(_messages("fr", **data).values()) == [french]


def test_counts_follow_the_languages_plural_rules() -> None:
    assert _messages("es", code="a")["code"] == "debe tener al menos 2 caracteres"
    assert _messages("pt", tags=["a", "b", "c"])["tags"] == "deve conter no máximo 2 itens"


def test_english_readers_get_our_wording_too() -> None:
    assert _messages("en", year=1492) == {"year": "must be 1900 or more"}
    assert _messages("en", kind="x") == {"kind": "must be 'negotiated' or 'model'"}


def test_our_own_validator_message_is_kept() -> None:
    wrong = ValueError("unknown licence 'WTFPL'")
    error = {"type": "value_error", "msg": f"Value error, {wrong}", "ctx": {"error": wrong}}
    with reading_in("fr"):
        assert field_message(error) == "unknown licence 'WTFPL'"


def test_a_type_we_do_not_word_keeps_pydantics_english_or_says_not_valid() -> None:
    error = {"type": "uuid_parsing", "msg": "Input should be a valid UUID"}
    with reading_in("en"):
        assert field_message(error) == "Input should be a valid UUID"
    with reading_in("es"):
        assert field_message(error) == "no es válido"


def test_a_missing_field_is_required_in_portuguese() -> None:
    class Needs(BaseModel):
        title: str

    with pytest.raises(ValidationError) as caught:
        Needs.model_validate({})
    with reading_in("pt"):
        assert field_message(caught.value.errors()[0]) == "é obrigatório"
