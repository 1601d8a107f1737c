"""A clause saying the words itself ranks above one matched only through its taxonomy labels."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from app.clauses.models import Clause, Visibility
from app.search.builtin.engine import BuiltinSearchBackend
from app.search.contract import SearchQuery
from app.search.documents import clause_document
from app.settings import PROJECT_ROOT
from app.taxonomy.loader import load_taxonomy

TAXONOMY = load_taxonomy(PROJECT_ROOT / "seed" / "taxonomy")
ON_43 = {"theme": [], "subtheme": ["4.3"], "lifecycle": []}


def document(public_id: str, language: str, title: str, text: str) -> dict[str, Any]:
    clause = Clause.model_validate(
        {"id": 1, "public_id": public_id, "title": title, "text": text, "language": language,
         "year": 2024, "signed_date": date(2024, 3, 1), "visibility": Visibility.public,
         "content_hash": "x"}
    )  # fmt: skip
    return clause_document(clause, ON_43, [], TAXONOMY)


# The ids decide the final tie-break; both orders must give the same ranking.
@pytest.mark.parametrize(("spanish", "french"), [("a-es", "z-fr"), ("z-es", "a-fr")])
def test_own_words_beat_labels_whatever_the_ids(spanish: str, french: str) -> None:
    engine = BuiltinSearchBackend()
    engine.rebuild(
        [
            document(spanish, "es", "Jornada y descanso",
                     "1. Se reconoce el derecho a la desconexión digital fuera del horario."),
            document(french, "fr", "Soirées sans sollicitation",
                     "1. Aucun agent n'est tenu de répondre aux messages le soir."),
        ]
    )  # fmt: skip
    page = engine.search(SearchQuery(q="derecho a la desconexión"))
    assert [hit.document["id"] for hit in page.hits] == [spanish, french]
