"""The search document: one builder for every backend."""

from __future__ import annotations

from datetime import date
from typing import Any

from app.clauses.models import Clause, Translation, TranslationKind, Visibility
from app.search.documents import clause_document
from app.settings import PROJECT_ROOT
from app.taxonomy.loader import load_taxonomy

TAXONOMY = load_taxonomy(PROJECT_ROOT / "seed" / "taxonomy")


def make_clause(**overrides: Any) -> Clause:
    fields: dict[str, Any] = {
        "id": 1,
        "public_id": "c-abc",
        "title": "Droit à la déconnexion",
        "text": "1. Aucun salarié n'est tenu de répondre le soir.",
        "language": "fr",
        "country": "FR",
        "region": "europe",
        "year": 2022,
        "signed_date": date(2022, 5, 17),
        "visibility": Visibility.public,
        "content_hash": "x",
    }
    fields.update(overrides)
    return Clause.model_validate(fields)


CODES = {"theme": [], "subtheme": ["4.3"], "lifecycle": []}


def test_original_and_translations_get_a_field_per_language() -> None:
    translation = Translation(
        clause_id=1,
        language="en",
        title="Right to disconnect",
        text="1. No one...",
        kind=TranslationKind.machine,
    )
    document = clause_document(make_clause(), CODES, [translation], TAXONOMY)
    assert document["title_fr"] == "Droit à la déconnexion"
    assert document["text_en"] == "1. No one..."
    assert document["title"] == "Droit à la déconnexion"
    assert document["language"] == "fr"


def test_languages_outside_the_index_list_share_the_other_field() -> None:
    document = clause_document(make_clause(language="vi"), CODES, [], TAXONOMY)
    assert "text_other" in document
    assert "text_vi" not in document


def test_labels_carry_theme_and_subtheme_terms_in_every_language() -> None:
    document = clause_document(make_clause(), CODES, [], TAXONOMY)
    assert document["themes"] == ["4"]
    english = " ".join(document["labels_en"]).lower()
    assert "right to disconnect" in english
    assert any("déconnexion" in term for term in document["labels_fr"])
    for language in TAXONOMY.languages:
        suffix = language.split("-")[0].lower()
        assert document.get(f"labels_{suffix}"), language


def test_sort_date_comes_from_signed_date_else_year() -> None:
    assert clause_document(make_clause(), CODES, [], TAXONOMY)["sort_date"] == 20220517
    undated = make_clause(signed_date=None, year=2019)
    assert clause_document(undated, CODES, [], TAXONOMY)["sort_date"] == 20190000


def test_a_theme_narrowed_by_a_subtheme_brings_its_label_not_its_keywords() -> None:
    telework = {"theme": [], "subtheme": ["4.1"], "lifecycle": []}
    labels = clause_document(make_clause(), telework, [], TAXONOMY)["labels_en"]
    assert TAXONOMY.label("4") in labels
    assert "right to disconnect" not in labels  # a keyword of theme 4, not of 4.1
    assert "telework allowance" in labels


def test_a_theme_alone_brings_its_keywords() -> None:
    theme_only = {"theme": ["4"], "subtheme": [], "lifecycle": []}
    labels = clause_document(make_clause(), theme_only, [], TAXONOMY)["labels_en"]
    assert "right to disconnect" in labels
