"""The taxonomy files: complete, consistent, and refused when broken."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from babel import Locale

from app.settings import PROJECT_ROOT
from app.taxonomy.loader import TaxonomyError, load_taxonomy

TAXONOMY_DIR = PROJECT_ROOT / "seed" / "taxonomy"
NOT_ISO_3166 = {
    "AC",
    "CP",
    "CQ",
    "DG",
    "EA",
    "EU",
    "EZ",
    "IC",
    "QO",
    "TA",
    "UN",
    "XA",
    "XB",
    "XK",
    "ZZ",
}


def test_seven_themes_and_thirty_one_subthemes() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    assert taxonomy.theme_codes == [str(n) for n in range(1, 8)]
    assert len(taxonomy.subtheme_codes) == 31
    assert taxonomy.subtheme_codes[:4] == ["1.1", "1.2", "1.3", "1.4"]
    assert "7.5" in taxonomy.subtheme_codes


def test_every_subtheme_has_description_and_keywords() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    for code in taxonomy.subtheme_codes:
        assert taxonomy.description(code).endswith("."), code
        assert len(taxonomy.keywords(code)) >= 3, code


def test_four_lifecycle_phases() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    assert taxonomy.phase_codes == ["collection", "analysis", "storage", "offboarding"]


def test_regions_cover_exactly_the_iso_countries_cldr_knows() -> None:
    taxonomy = load_taxonomy(TAXONOMY_DIR)
    territories = [str(code) for code in Locale("en").territories]
    cldr = {c for c in territories if len(c) == 2 and c.isalpha()} - NOT_ISO_3166
    assert set(taxonomy.countries) == cldr
    assert taxonomy.region_of("PH") == "asia-pacific"
    assert taxonomy.region_of("CO") == "interamerica"
    assert taxonomy.region_of("FR") == "europe"
    assert taxonomy.region_of("NO") == "europe"
    assert taxonomy.region_of("EG") == "africa-arab"


def _broken_copy(tmp_path: Path, file: str, old: str, new: str) -> Path:
    target = tmp_path / "taxonomy"
    shutil.copytree(TAXONOMY_DIR, target)
    path = target / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("file", "old", "new", "message"),
    [
        ("themes.yaml", 'code: "5.3"', 'code: "6.9"', "not under 5"),
        ("themes.yaml", 'code: "5.3"', 'code: "5.2"', "appears twice"),
        ("regions.yaml", "AD, AL", "AD, AD", "listed twice"),
        ("regions.yaml", '"NO"', "NO", "countries"),
        ("keywords/fr.yaml", '"4.3":', '"4.9":', "unknown code"),
    ],
)
def test_broken_taxonomy_is_refused_with_a_clear_message(
    tmp_path: Path, file: str, old: str, new: str, message: str
) -> None:
    with pytest.raises(TaxonomyError, match=message):
        load_taxonomy(_broken_copy(tmp_path, file, old, new))
