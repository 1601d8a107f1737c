"""Japanese queries cut into words where the script changes."""

from __future__ import annotations

from app.search.analysis.japanese import japanese_words


def test_a_question_is_cut_at_its_particles() -> None:
    assert japanese_words("会社は社用車の位置情報を記録できますか") == [
        "会社",
        "社用車",
        "位置情報",
        "記録",
        "できますか",
    ]


def test_katakana_and_kanji_are_separate_words() -> None:
    assert japanese_words("テレワーク手当") == ["テレワーク", "手当"]


def test_chinese_is_left_whole() -> None:
    assert japanese_words("离线权") == ["离线权"]


def test_a_run_of_particles_alone_is_kept() -> None:
    assert japanese_words("のは") == ["のは"]
