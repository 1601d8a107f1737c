"""The `backend` fixture: every search backend the behaviour suite holds to the same promises.

The built-in engine always runs. Meilisearch runs too when COMMONS_MEILI_URL names a server
(COMMONS_MEILI_KEY its key, if any): each test gets an index of its own, deleted afterwards.
`meilisearch_backend` makes one with a lexicon, for the suite across languages.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest

from app.search.builtin import BuiltinSearchBackend
from app.search.contract import SearchBackend
from app.search.dictionaries.lexicon import Lexicon

MEILI_URL = os.environ.get("COMMONS_MEILI_URL")
MEILI_KEY = os.environ.get("COMMONS_MEILI_KEY") or None
NO_MEILI = "COMMONS_MEILI_URL not set: no Meilisearch server on this machine"


def meilisearch_backend(lexicon: Lexicon | None = None) -> Iterator[SearchBackend]:
    import meilisearch

    from app.search.meili.backend import MeiliSearchBackend

    assert MEILI_URL is not None
    uid = f"test_{uuid.uuid4().hex}"
    backend = MeiliSearchBackend(MEILI_URL, MEILI_KEY, uid, timeout_s=5.0, lexicon=lexicon)
    backend.ensure_ready()
    try:
        yield backend
    finally:
        client = meilisearch.Client(MEILI_URL, MEILI_KEY)
        client.wait_for_task(client.delete_index(uid).task_uid)


@pytest.fixture(
    params=[
        "builtin",
        pytest.param("meilisearch", marks=pytest.mark.skipif(MEILI_URL is None, reason=NO_MEILI)),
    ]
)
def backend(request: pytest.FixtureRequest) -> Iterator[SearchBackend]:
    """An empty, ready search backend of each kind."""
    if request.param == "meilisearch":
        yield from meilisearch_backend()
    else:
        engine = BuiltinSearchBackend()
        engine.ensure_ready()
        yield engine
