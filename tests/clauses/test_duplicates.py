"""Near-duplicates: the most similar clauses a reader may see, whatever their number; and the
normalisation the content hash is made of."""

from __future__ import annotations

import re
import sys
import unicodedata

from sqlmodel import Session

from app.clauses.duplicates import LOAD_BATCH, near_duplicates
from app.clauses.hashing import content_hash, new_public_id, normalize_text
from app.clauses.models import Clause, ClauseStatus

BASE = (
    "The employer shall consult the union before any software that records the work of staff "
    "is introduced, and shall state what is recorded, why, and for how long."
)


def add(session: Session, text: str, status: ClauseStatus, title: str = "Notice") -> Clause:
    clause = Clause(
        public_id=new_public_id(),
        title=title,
        text=text,
        language="en",
        status=status,
        content_hash=content_hash(title, text),
    )
    session.add(clause)
    session.commit()
    session.refresh(clause)
    return clause


def test_normalize_text_collapses_every_unicode_space_as_the_regex_did() -> None:
    spaces = "".join(chr(cp) for cp in range(sys.maxunicode + 1) if chr(cp).isspace())
    sample = f"{spaces}Ｔhe  Union{spaces}AGREES\u00a0ﬁrst{spaces}"
    folded = unicodedata.normalize("NFKC", sample).casefold()
    assert normalize_text(sample) == re.sub(r"\s+", " ", folded).strip()
    assert normalize_text(sample) == "the union agrees first"


def test_the_most_similar_visible_clauses_come_first_beyond_one_loading_batch(
    session: Session,
) -> None:
    exact = add(session, BASE, ClauseStatus.published)
    # More close clauses than one loading batch, each saying all of it and a little more (a
    # token-set similarity of 100), every other one hidden from the reader; then the newest,
    # a word changed: less similar, so after them all.
    close = [
        add(session, f"{BASE} See annex {n}.", ClauseStatus.published, title=f"Close {n}")
        for n in range(LOAD_BATCH + 6)
    ]
    reworded = add(session, BASE.replace("consult", "inform"), ClauseStatus.published)
    add(session, "Canteen opening hours are set by the works council.", ClauseStatus.published)
    add(session, BASE + " A draft says it too.", ClauseStatus.draft)
    submitted = add(session, BASE, ClauseStatus.submitted)
    hidden = {c.public_id for c in close[1::2]}

    found = near_duplicates(session, submitted, limit=5, shown=lambda c: c.public_id not in hidden)

    assert [(d.id, d.similarity) for d in found[:1]] == [(exact.public_id, 100.0)]
    # Among equals, the newest first; the hidden ones never.
    visible_newest_first = [c.public_id for c in reversed(close) if c.public_id not in hidden]
    assert [d.id for d in found[1:]] == visible_newest_first[:4]
    everyone = near_duplicates(session, submitted, limit=LOAD_BATCH * 2)
    # Drafts and unrelated text are never flagged; the reworded clause comes last.
    assert len(everyone) == 1 + len(close) + 1
    assert everyone[-1].id == reworded.public_id
    assert 85 <= everyone[-1].similarity < 100
