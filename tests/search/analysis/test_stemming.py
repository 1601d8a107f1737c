"""Which words stem, and the stems that are kept: one rule for every backend."""

from __future__ import annotations

from app.search.analysis.stemming import root_of, roots, stemmable


def test_short_words_and_unspaced_script_do_not_stem() -> None:
    assert not stemmable("gps")
    assert not stemmable("労働者の権利")
    assert stemmable("monitored")


def test_a_stem_too_short_to_join_words_by_is_left_out() -> None:
    assert root_of("en", "monitored") == "monitor"
    assert root_of("en", "uses") is None  # "use": too short
    assert root_of("en", "cctv") == "cctv"


def test_many_words_give_the_same_roots_as_one_at_a_time() -> None:
    words = ["monitored", "monitoring", "uses", "gps", "workers", "権利"]
    single = {root for word in words if (root := root_of("en", word)) is not None}
    assert roots("en", words) == single == {"monitor", "worker"}
