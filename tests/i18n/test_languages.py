"""Language tags are checked against CLDR and kept in their conventional case."""

from __future__ import annotations

import pytest

from app.i18n.languages import normalize_language_tag
from app.i18n.negotiate import choose_language


@pytest.mark.parametrize(
    ("tag", "expected"),
    [("en", "en"), ("PT-br", "pt-BR"), ("zh_hans", "zh-Hans"), ("tl", "tl"), ("fil", "fil")],
)
def test_known_tags_are_normalised(tag: str, expected: str) -> None:
    assert normalize_language_tag(tag) == expected


@pytest.mark.parametrize("tag", ["xx", "english", "", "e", "en--US", "zz-ZZ"])
def test_unknown_tags_are_refused(tag: str) -> None:
    with pytest.raises(ValueError, match="language"):
        normalize_language_tag(tag)


def test_explicit_language_beats_accept_language() -> None:
    assert choose_language("fr", "es", ["en", "fr", "es"]) == "fr"


def test_accept_language_weights_are_honoured() -> None:
    assert choose_language(None, "de;q=0.2, es;q=0.8", ["en", "es", "de"]) == "es"


def test_regional_variant_falls_back_to_the_language() -> None:
    assert choose_language("pt-BR", None, ["en", "pt"]) == "pt"
    assert choose_language("zh-CN", None, ["en", "zh-Hans"]) == "zh-Hans"
