"""On our labelled agreements, the splitter finds every labelled article where it starts."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from app.imports.documents.extract import extract_text
from app.imports.documents.splitter import split_agreement
from tests.imports.builders import AGREEMENTS, FIXTURES

LABELLED: list[dict[str, Any]] = yaml.safe_load(
    (FIXTURES / "agreements.yaml").read_text(encoding="utf-8")
)


def test_the_labelled_set_covers_the_required_languages() -> None:
    assert {"en", "fr", "es", "pt", "de", "ja", "ko"} <= {e["language"] for e in LABELLED}


@pytest.mark.parametrize("entry", LABELLED, ids=[e["file"] for e in LABELLED])
def test_the_splitter_finds_the_labelled_articles(entry: dict[str, Any]) -> None:
    path = AGREEMENTS / entry["file"]
    text = extract_text(path, Path(entry["file"]).suffix.lstrip(".")).text
    found = [s for s in split_agreement(text) if s.kind == "article"]
    assert [(s.ref, s.title) for s in found] == [(a["ref"], a["title"]) for a in entry["articles"]]
    for segment, label in zip(found, entry["articles"], strict=True):
        assert segment.body.startswith(label["starts"]), segment.ref
