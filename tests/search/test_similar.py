"""Similar clauses, on every backend: the closest content first, the clause and its copies never,
the same sub-themes preferred, only what the reader may see."""

from __future__ import annotations

from typing import Any

import pytest

from app.search.contract import SearchBackend, SearchFilters
from app.search.similar import Source, informative_words, similar

from .corpus import clause, corpus

PUBLIC = SearchFilters()


def _keystrokes(clause_id: str, spec: str, **fields: Any) -> dict[str, Any]:
    return clause(
        clause_id,
        spec,
        title_en="Keystroke logging forbidden",
        text_en="No keystroke logging software is installed on the computers of the staff.",
        **fields,
    )


@pytest.fixture
def engine(backend: SearchBackend) -> SearchBackend:
    backend.rebuild(
        [
            *corpus(),
            _keystrokes("keystrokes-ie", "en IE EUR 20220101 6.1"),
            _keystrokes("keystrokes-us", "en US AMR 20220101 5.2"),
            _keystrokes("keystrokes-members", "en GB EUR 20220101 6.1", visibility="affiliates"),
        ]
    )
    return backend


SURVEILLANCE = Source(
    id="surveillance-au",
    title="Limits on electronic surveillance",
    text="The employer shall not use keystroke logging or covert surveillance software. "
    "Personal data collected by monitoring tools is deleted after ninety days. Rest breaks are "
    "never recorded.",
    language="en",
    subthemes=("6.1",),
)


def ids(engine: SearchBackend, source: Source, **options: Any) -> list[str]:
    options.setdefault("limit", 5)
    return [hit.document["id"] for hit in similar(engine, source, PUBLIC, **options)]


def test_the_rarest_words_make_the_query(engine: SearchBackend) -> None:
    words = informative_words(engine, SURVEILLANCE, PUBLIC)
    assert {"keystroke", "logging"} <= set(words)
    # Words no other clause holds find nothing: left out, however rare.
    assert not {"covert", "ninety", "limits"} & set(words)
    # Stop words and short words never: they tell no clause apart.
    assert not {"the", "not", "use", "after"} & set(words)


def test_the_closest_clauses_come_back_never_the_clause_itself(engine: SearchBackend) -> None:
    found = ids(engine, SURVEILLANCE)
    assert "surveillance-au" not in found
    assert found[0] == "keystrokes-ie"
    assert "keystrokes-us" in found


def test_the_same_sub_theme_comes_first(engine: SearchBackend) -> None:
    assert ids(engine, SURVEILLANCE)[0] == "keystrokes-ie"
    on_data = Source(**{**SURVEILLANCE.__dict__, "subthemes": ("5.2",)})
    assert ids(engine, on_data)[0] == "keystrokes-us"


def test_copies_and_clauses_the_reader_may_not_see_never_come_back(
    engine: SearchBackend,
) -> None:
    found = ids(engine, SURVEILLANCE, limit=20, excluded=["keystrokes-ie"])
    assert "keystrokes-ie" not in found
    assert "keystrokes-us" in found
    assert "keystrokes-members" not in found
    members = SearchFilters(visibility=("public", "affiliates"))
    seen = [h.document["id"] for h in similar(engine, SURVEILLANCE, members, limit=20)]
    assert "keystrokes-members" in seen


def test_at_most_the_limit(engine: SearchBackend) -> None:
    assert len(ids(engine, SURVEILLANCE, limit=1)) == 1
    assert ids(engine, SURVEILLANCE, limit=0) == []


def test_a_clause_without_words_finds_nothing(engine: SearchBackend) -> None:
    empty = Source(id="x", title="—", text="12 34", language="en", subthemes=())
    assert ids(engine, empty) == []
