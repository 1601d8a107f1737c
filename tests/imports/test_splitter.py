"""The splitter finds article headings in every listed language, and keeps every character."""

from __future__ import annotations

import pytest

from app.imports.documents.splitter import Segment, split_agreement


def _articles(text: str) -> list[Segment]:
    return [s for s in split_agreement(text) if s.kind == "article"]


def _refs(text: str) -> list[str | None]:
    return [s.ref for s in _articles(text)]


@pytest.mark.parametrize(
    ("heading", "ref"),
    [
        ("Article 12 – Telework", "Article 12"),
        ("ARTICLE XII - TELEWORK", "ARTICLE XII"),
        ("Art. 12.3: Equipment", "Art. 12.3"),
        ("Art. 7bis – Astreintes", "Art. 7bis"),
        ("Article 1er – Objet", "Article 1er"),
        ("Article premier", "Article premier"),
        ("Artículo 12. Teletrabajo", "Artículo 12"),
        ("Articulo 12 - Teletrabajo", "Articulo 12"),
        ("Artigo 5.º Teletrabalho", "Artigo 5.º"),
        ("CLÁUSULA DÉCIMA SEGUNDA – DO TELETRABALHO", "CLÁUSULA DÉCIMA SEGUNDA"),
        ("Cláusula 3ª - Jornada", "Cláusula 3ª"),
        ("Articolo 12 - Lavoro agile", "Articolo 12"),
        ("Artikel 12 Mobiles Arbeiten", "Artikel 12"),
        ("§ 12 Mobile Arbeit", "§ 12"),
        ("Clause 7 Right to disconnect", "Clause 7"),
        ("第12条（在宅勤務）", "第12条"),
        ("第十二条　使用者は協議する。", "第十二条"),
        ("第１２条の２　在宅勤務", "第１２条の２"),
        ("제12조(재택근무) 사용자는 협의한다.", "제12조"),
        ("제 3 조 목적", "제3조"),
    ],
)
def test_an_article_heading_is_found(heading: str, ref: str) -> None:
    text = f"Preamble.\n{heading}\nThe parties agree on this.\n"
    assert _refs(text) == [ref]


def test_sections_cut_a_document_that_has_no_articles() -> None:
    text = "Section 4.1 Hours\nSeven hours a day.\nSection 4.2 Breaks\nTwo breaks a day.\n"
    assert _refs(text) == ["Section 4.1", "Section 4.2"]


def test_sections_inside_articles_stay_part_of_them() -> None:
    text = "Article 4 Hours\nSection 4.1 Daily\nSeven hours.\nArticle 5 Leave\nSix weeks.\n"
    articles = _articles(text)
    assert [a.ref for a in articles] == ["Article 4", "Article 5"]
    assert "Section 4.1 Daily" in articles[0].body


def test_a_sentence_that_starts_with_a_reference_is_not_a_heading() -> None:
    text = "Article 3 – Data\nArticle 12 of the Labour Code applies to all workers here.\n"
    assert _refs(text) == ["Article 3"]


def test_plural_and_lookalike_words_are_not_headings() -> None:
    text = "Articles 3 and 4 apply.\nArticle mix of rules.\nArt therapy is offered.\n"
    assert _refs(text) == []


def test_table_of_contents_lines_are_not_articles() -> None:
    text = "Article 1 - Scope ........ 2\nArticle 2 - Telework ..... 3\n\nArticle 1 - Scope\nAll.\n"
    assert _refs(text) == ["Article 1"]


def test_chapters_divide_without_becoming_articles() -> None:
    text = "CHAPITRE II – TEMPS DE TRAVAIL\nArticle 4 – Horaires\nSept heures.\n"
    kinds = [(s.kind, s.ref) for s in split_agreement(text)]
    assert kinds == [("division", "CHAPITRE II"), ("article", "Article 4")]


def test_the_title_on_the_heading_line_is_kept_apart_from_the_text() -> None:
    article = _articles("Article 4 – Telework\nTelework is voluntary.\n")[0]
    assert (article.title, article.body) == ("Telework", "Telework is voluntary.")


def test_a_short_line_under_a_bare_heading_is_its_title() -> None:
    article = _articles("ARTICLE 5\nTELEWORK\n5.1 Telework is voluntary.\n")[0]
    assert (article.title, article.body) == ("TELEWORK", "5.1 Telework is voluntary.")


def test_text_on_the_heading_line_is_the_start_of_the_body() -> None:
    line = "Article 3 – The employer shall consult the union before any new tool is introduced."
    article = _articles(line + "\nMore text.\n")[0]
    assert article.title is None
    assert article.body.startswith("The employer shall consult")


def test_a_bracketed_line_above_a_japanese_article_is_its_title() -> None:
    article = _articles("前文\n（在宅勤務）\n第2条　在宅勤務は任意とする。\n")[0]
    assert (article.title, article.body) == ("在宅勤務", "在宅勤務は任意とする。")


def test_a_text_without_headings_is_one_preamble() -> None:
    assert [s.kind for s in split_agreement("Just one clause.\nOn two lines.")] == ["preamble"]


def test_the_segments_put_together_give_back_the_text() -> None:
    text = "Intro\n\nCHAPTER I\nArticle 1 – A\nOne.\n（目的）\n第2条 二\n제3조(셋) 셋\n§ 4 Vier\n"
    segments = split_agreement(text)
    assert "".join(text[s.start : s.end] for s in segments) == text
