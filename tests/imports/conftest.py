"""Fixtures for the import tests: the real taxonomy, loaded once."""

from __future__ import annotations

import pytest

from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from app.taxonomy.model import Taxonomy


@pytest.fixture(scope="session")
def taxonomy() -> Taxonomy:
    return load_taxonomy(Settings().taxonomy_dir)
