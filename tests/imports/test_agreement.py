"""An agreement document becomes draft clause rows: metadata, article, language, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlmodel import Session, select

from app.affiliates.keys import Caller
from app.affiliates.models import Role
from app.clauses.models import Clause, ClauseStatus
from app.imports.documents.agreement import AgreementMeta, agreement_rows
from app.imports.errors import FileRefused
from app.imports.runner import run_import
from app.taxonomy.model import Taxonomy
from tests.imports.builders import AGREEMENTS, write_docx, write_numbered_docx

META = AgreementMeta.from_mapping(
    {"title": "Contrat intégratif 2024", "country": "IT", "union": ["Sindacato Esempio"],
     "employer": "Comune di Esempio", "year": 2024, "language": "it"},
    "test",
)  # fmt: skip
FRENCH = (
    "Accord sur le numérique\n\n"
    "Article 1 – Télétravail\n"
    "Le télétravail repose sur le double volontariat, et l'employeur fournit l'équipement "
    "nécessaire au travail à distance ainsi qu'une indemnité de télétravail.\n"
    "Article 2 – Vide\n"
    "Article 3 – Déconnexion\n"
    "Aucun courriel n'est envoyé aux agents après vingt heures : le droit à la déconnexion "
    "s'applique à tous les services, y compris pendant les congés.\n"
)


def _write(tmp_path: Path, text: str, name: str = "accord.txt") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_each_article_carries_the_agreement_metadata(taxonomy: Taxonomy) -> None:
    rows = agreement_rows(AGREEMENTS / "it_contratto.txt", "txt", META, taxonomy).rows
    values = rows[1].values
    assert (values["agreement"], values["country"], values["employer"], values["article"]) == (
        "Contrat intégratif 2024",
        "IT",
        "Comune di Esempio",
        "Art. 2",
    )
    assert values["title"] == "Lavoro agile"


def test_external_ids_come_from_the_file_name_and_article(taxonomy: Taxonomy) -> None:
    rows = agreement_rows(AGREEMENTS / "it_contratto.txt", "txt", META, taxonomy).rows
    assert [r.values["external_id"] for r in rows][:2] == [
        "it_contratto.txt#Art. 1",
        "it_contratto.txt#Art. 2",
    ]


def test_each_article_language_comes_from_its_own_text(tmp_path: Path, taxonomy: Taxonomy) -> None:
    rows = agreement_rows(_write(tmp_path, FRENCH), "txt", META, taxonomy).rows
    assert [r.values["language"] for r in rows] == ["fr", "fr"]
    assert rows[0].review is not None
    assert rows[0].review.language_reason.startswith("detected fr")
    assert "differs from the hint it" in rows[0].review.language_reason


def test_a_short_article_takes_the_language_hint(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = _write(tmp_path, "Art. 1 - Ferie\nSei settimane.\n")
    row = agreement_rows(path, "txt", META, taxonomy).rows[0]
    assert row.values["language"] == "it"
    assert row.review is not None
    assert row.review.language_reason == "the hint it: too little text to tell"


def test_a_heading_without_text_is_left_out_and_noted(tmp_path: Path, taxonomy: Taxonomy) -> None:
    result = agreement_rows(_write(tmp_path, FRENCH), "txt", AgreementMeta(), taxonomy)
    assert [r.values["article"] for r in result.rows] == ["Article 1", "Article 3"]
    assert "Article 2: a heading without text, left out" in result.notes


def test_suggestions_are_kept_for_review(tmp_path: Path, taxonomy: Taxonomy) -> None:
    rows = agreement_rows(_write(tmp_path, FRENCH), "txt", AgreementMeta(), taxonomy).rows
    review = rows[0].review
    assert review is not None
    assert "4.1" in {s.code for s in review.subthemes}
    assert all(s.keywords for s in review.subthemes)


def test_a_document_without_headings_is_one_clause(tmp_path: Path, taxonomy: Taxonomy) -> None:
    path = _write(tmp_path, "Workers may telework two days a week, with equipment provided.")
    result = agreement_rows(path, "txt", AgreementMeta(), taxonomy)
    assert len(result.rows) == 1
    assert "no article headings found: the whole text is one clause" in result.notes


def test_a_docx_gives_the_same_articles_as_its_text(tmp_path: Path, taxonomy: Taxonomy) -> None:
    text_path = AGREEMENTS / "pt_hospital.txt"
    lines = text_path.read_text(encoding="utf-8").splitlines()
    docx_path = write_docx(tmp_path / "pt_hospital.docx", lines)
    from_text = agreement_rows(text_path, "txt", AgreementMeta(), taxonomy).rows
    from_docx = agreement_rows(docx_path, "docx", AgreementMeta(), taxonomy).rows
    assert [r.values["text"] for r in from_docx] == [r.values["text"] for r in from_text]


def test_unknown_metadata_fields_are_refused() -> None:
    with pytest.raises(FileRefused, match="unknown field 'colour'"):
        AgreementMeta.from_mapping({"colour": "red"}, "cba.yaml")


def test_imported_articles_are_drafts_and_a_rerun_changes_nothing(
    session: Session, tmp_path: Path, taxonomy: Taxonomy
) -> None:
    rows = agreement_rows(_write(tmp_path, FRENCH), "txt", META, taxonomy).rows
    caller = Caller(role=Role.admin)
    first = run_import(session, taxonomy, caller, rows, source="docs", publish=True)
    again = run_import(session, taxonomy, caller, rows, source="docs", publish=True)
    statuses = session.exec(select(Clause.status)).all()
    assert (first.created, again.unchanged) == (2, 2)
    assert set(statuses) == {ClauseStatus.draft}
    assert [r.outcome for r in first.reviews] == ["created", "created"]


def test_word_numbered_articles_are_found(tmp_path: Path, taxonomy: Taxonomy) -> None:
    articles = [("Scope", "All workers of the city."), ("Telework", "Telework is voluntary.")]
    path = write_numbered_docx(tmp_path / "cba.docx", articles, level_text="Article %1.")
    rows = agreement_rows(path, "docx", AgreementMeta(), taxonomy).rows
    assert [(r.values["article"], r.values["title"]) for r in rows] == [
        ("Article I", "Scope"),
        ("Article II", "Telework"),
    ]
