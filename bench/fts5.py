"""SQLite FTS5 raced against the built-in engine: same corpus, same queries, same rules.

    PYTHONPATH=. .venv/bin/python -m bench.fts5 --clauses 100000

The same search documents (app.search.documents) of N synthetic clauses go to an FTS5
prototype and to the built-in engine; the same query mix (bench.search.make_query) is timed on
one thread, in-process; a checklist of the project's rules runs on hand-written clauses.
The prototype: a contentless FTS5 table of titles, labels and texts (all languages of a kind in
one column, unicode61 without diacritics, prefix indexes 2 and 3, bm25 10/5/1, the last word a
prefix); a trigram table of Han, kana, Hangul and Thai runs; plain tables of facet values,
joined for filters, grouped for counts. When all the words find nothing the last is dropped
and it tries again (Meilisearch's "last" strategy). It makes no snippets. Not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import resource
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from sqlmodel import Session

from app import migrate
from app.clauses.models import Clause
from app.clauses.repository import ClauseFilter
from app.db import make_engine
from app.search.builtin.engine import BuiltinSearchBackend
from app.search.contract import SearchFilters, SearchQuery, SortOrder
from app.search.dictionaries.expansion import forget_guesses
from app.search.dictionaries.keys import lookup_key
from app.search.documents import clause_document, published_documents
from app.search.queries import search_query
from app.settings import Settings
from app.taxonomy.loader import load_taxonomy
from app.taxonomy.model import Taxonomy
from bench.loader import load_corpus
from bench.search import percentile
from bench.workloads import WORKLOADS, add_corpus_option

SCHEMA = """
CREATE TABLE clause (rowid INTEGER PRIMARY KEY, pid TEXT, country TEXT, region TEXT,
    sector TEXT, language TEXT, kind TEXT, visibility TEXT, year INTEGER, sort_date INTEGER);
CREATE TABLE tag (clause INTEGER, facet TEXT, code TEXT);
CREATE VIRTUAL TABLE words USING fts5 (titles, labels, texts, content='',
    tokenize='unicode61 remove_diacritics 2', prefix='2 3');
CREATE VIRTUAL TABLE dense USING fts5 (runs, tokenize='trigram');
CREATE TEMP TABLE m (id INTEGER PRIMARY KEY, score REAL);
"""
FINISH = """
CREATE INDEX tag_clause ON tag (clause);
CREATE INDEX tag_code ON tag (facet, code, clause);
INSERT INTO words (words) VALUES ('optimize');
INSERT INTO dense (dense) VALUES ('optimize');
"""
COLUMNS = ("country", "region", "sector", "language", "kind", "visibility", "year", "sort_date")
TAGS = ("themes", "subthemes", "lifecycle")
# SQL strings built here hold only our own names and `?`: every user value is a parameter.
FACET_SQL = " UNION ALL ".join(
    [f"SELECT '{c}', c.{c}, count(*) FROM m JOIN clause c ON c.rowid = m.id GROUP BY 2"  # noqa: S608
     for c in ("country", "region", "sector", "language", "kind", "year")]
    + ["SELECT t.facet, t.code, count(*) FROM m JOIN tag t ON t.clause = m.id GROUP BY 1, 2"]
)  # fmt: skip
TAGGED = "s.id IN (SELECT clause FROM tag WHERE facet = ? AND code IN ({}))"
DENSE = re.compile("[\u0e00-\u0eff\u1100-\u11ff\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]+")
ITEM = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')
LETTER = re.compile(r"[^\W_]")
Facets = dict[str, dict[str, int]]
Race = tuple[str, list[int]]


def fts_terms(q: str) -> tuple[list[str], list[str], list[str]]:
    """FTS5 strings of the wanted words and phrases, of the excluded ones, and dense runs.

    Each word or phrase becomes one quoted FTS5 string (quotes doubled), so no user input is
    read as FTS5 syntax; the last word, when nothing follows it, is a prefix (`"word"*`).
    """
    wanted: list[str] = []
    unwanted: list[str] = []
    runs: list[str] = []
    for item in ITEM.finditer(q):
        minus = bool(item.group(1) or item.group(3))
        text = item.group(2) if item.group(2) is not None else item.group(4)
        if not minus:
            runs += DENSE.findall(text)
        text = DENSE.sub(" ", text)
        if not LETTER.search(text):
            continue
        string = '"' + text.replace('"', '""') + '"'
        if not minus and item.group(4) is not None and item.end() == len(q):
            string += "*"
        (unwanted if minus else wanted).append(string)
    return wanted, unwanted, runs


def _where(filters: SearchFilters, unwanted: list[str], runs: list[str]) -> tuple[str, list[Any]]:
    """The conditions on a match `s` and its clause row `c`, and their parameters."""
    conditions: list[str] = []
    params: list[Any] = []
    for name, values in filters.value_filters().items():
        marks = ", ".join("?" * len(values))
        if name in TAGS:
            conditions.append(TAGGED.format(marks))
            params.append(name)
        else:
            conditions.append(f"c.{name} IN ({marks})")
        params += values
    for bound, operator in ((filters.year_from, ">="), (filters.year_to, "<=")):
        if bound is not None:
            conditions.append(f"c.year {operator} ?")
            params.append(bound)
    for string in unwanted:
        conditions.append("s.id NOT IN (SELECT rowid FROM words WHERE words MATCH ?)")
        params.append(string)
    for run in runs:
        # Trigrams need three characters; a shorter run is looked for by a scan (SQLite 3.40's
        # LIKE on a trigram table finds nothing for a pattern of one or two characters).
        if len(run) >= 3:
            conditions.append("s.id IN (SELECT rowid FROM dense WHERE dense MATCH ?)")
            params.append(f'"{run}"')
        else:
            conditions.append("s.id IN (SELECT rowid FROM dense WHERE instr(runs, ?))")
            params.append(run)
    return " AND ".join(conditions) or "1", params


def _strings(document: dict[str, Any], prefix: str) -> Iterator[str]:
    for name, value in document.items():
        if name.startswith(prefix):
            yield from [value] if isinstance(value, str) else value


class Fts5Prototype:
    """The search documents in SQLite FTS5 tables, in a database file of their own."""

    def __init__(self, path: Path) -> None:
        self.db = sqlite3.connect(path)
        self.db.executescript(SCHEMA)

    def build(self, documents: Iterable[dict[str, Any]]) -> None:
        """Index these documents, then index the tags and merge the FTS5 segments."""
        with self.db:
            for rowid, document in enumerate(documents, start=1):
                self._add(rowid, document)
        self.db.executescript(FINISH)

    def _add(self, rowid: int, document: dict[str, Any]) -> None:
        kinds = ["\n".join(_strings(document, p)) for p in ("title_", "labels_", "text_")]
        values = (rowid, document["id"], *(document.get(name) for name in COLUMNS))
        self.db.execute("INSERT INTO clause VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values)
        tags = [(rowid, facet, code) for facet in TAGS for code in document.get(facet) or ()]
        self.db.executemany("INSERT INTO tag VALUES (?, ?, ?)", tags)
        self.db.execute("INSERT INTO words (rowid, titles, labels, texts) VALUES (?, ?, ?, ?)",
                        (rowid, *kinds))  # fmt: skip
        if runs := "\n".join(DENSE.findall("\n".join(kinds))):
            self.db.execute("INSERT INTO dense (rowid, runs) VALUES (?, ?)", (rowid, runs))

    def search(self, query: SearchQuery, facets: bool) -> tuple[list[str], int, Facets]:
        """Ids of the page, the total and (when asked) the facet counts of one query."""
        wanted, unwanted, runs = fts_terms(query.q)
        where, params = _where(query.filters, unwanted, runs)
        total = 0
        for used in range(len(wanted), 0, -1) if wanted else [0]:
            self.db.execute("DELETE FROM m")
            source = "SELECT rowid AS id, 0.0 AS score FROM clause"
            if used:
                source = "SELECT rowid AS id, bm25(words, 10.0, 5.0, 1.0) AS score FROM words "
                source += "WHERE words MATCH ?"
            # Materialized: else the planner may loop over the filters' rows and run the
            # full-text match again for each of them.
            insert = f"INSERT INTO m WITH s AS MATERIALIZED ({source}) SELECT s.id, s.score "
            insert += f"FROM s JOIN clause c ON c.rowid = s.id WHERE {where}"
            first = [" ".join(wanted[:used])] if used else []
            total = self.db.execute(insert, [*first, *params]).rowcount
            if total:
                break
        order = {SortOrder.newest: "c.sort_date DESC", SortOrder.oldest: "c.sort_date"}
        by = order.get(query.sort, "m.score, c.sort_date DESC")
        sql = f"SELECT c.pid FROM m JOIN clause c ON c.rowid = m.id ORDER BY {by}, c.pid "  # noqa: S608
        rows = self.db.execute(sql + "LIMIT ? OFFSET ?", (query.limit, query.offset))
        page = [pid for (pid,) in rows]
        counts: Facets = {}
        for name, value, count in self.db.execute(FACET_SQL) if facets else ():
            counts.setdefault(name, {})[str(value)] = count
        return page, total, counts


def api_query(path: str) -> SearchQuery:
    """The SearchQuery the API makes of one request of the mix (anonymous, page 1 of 20)."""
    params = parse_qs(urlsplit(path).query, keep_blank_values=True)
    year_from, year_to = params.get("year_from"), params.get("year_to")
    filters = ClauseFilter(
        themes=params.get("theme", []),
        country=params.get("country", []),
        year_from=int(year_from[0]) if year_from else None,
        year_to=int(year_to[0]) if year_to else None,
    )
    return search_query(params["q"][0].strip(), filters, False, SortOrder.relevance, 1, 20)


def race(label: str, search: Callable[[SearchQuery], int], queries: list[SearchQuery]) -> Race:
    """A line of figures (latency percentiles, mean total, queries with no hit), the totals."""
    latencies: list[float] = []
    totals: list[int] = []
    for query in queries:
        started = time.perf_counter()
        totals.append(search(query))
        latencies.append(time.perf_counter() - started)
    ms = "".join(f"{percentile(latencies, p):8.2f}" for p in (50, 95, 99))
    return f"{label:<48}{ms}  {statistics.mean(totals):10.0f}  {totals.count(0):6d}", totals


def cold(engine: BuiltinSearchBackend, query: SearchQuery) -> int:
    """The built-in search with its remembered answers and terms dropped first, and its
    lexicon's remembered translations, compound splits and typo corrections when it has one."""
    engine._index.memo.clear()
    engine._index.pages.clear()
    if engine.lexicon is not None:
        engine.lexicon.translations.cache_clear()
        engine.lexicon.machine.cache_clear()
        lookup_key.cache_clear()
        forget_guesses()
    return engine.search(query).total


# Written for this checklist: id, language, sub-theme, title, text.
CHECK_CLAUSES = (
    ("surv-en", "en", "6.1", "New tools", "The union is consulted before surveillance software."),
    ("train-en", "en", "3.3", "Paid learning", "New systems come with paid retraining time."),
    ("keys-en", "en", "7.4", "Keyboards", "Each keystroke counter is removed from desks."),
    ("desc-es", "es", "4.3", "Jornada", "Se reconoce el derecho a la desconexión digital."),
    ("soir-fr", "fr", "4.3", "Soirées", "Aucun agent n'est tenu de répondre le soir."),
    ("notice-en", "en", "7.4", "Desks", "The employer gives written notice of any change."),
    ("apart-en", "en", "7.4", "Committee", "Notice of a meeting is given; minutes are written."),
    ("jp", "ja", "4.3", "勤務時間外", "使用者は勤務時間外に業務連絡をしてはならない。"),
)
CHECKS: tuple[tuple[str, str, Callable[[list[str]], bool]], ...] = (
    ("typo: surveilance finds surveillance", "surveilance", lambda ids: "surv-en" in ids),
    ("typo: retraning finds retraining", "retraning", lambda ids: "train-en" in ids),
    ("accents: desconexion finds desconexión", "desconexion", lambda ids: "desc-es" in ids),
    ("prefix: keystro finds keystroke", "keystro", lambda ids: "keys-en" in ids),
    ('phrase: "written notice" only side by side', '"written notice"',
     lambda ids: "notice-en" in ids and "apart-en" not in ids),
    ("Japanese: 業務連絡 in unspaced text", "業務連絡", lambda ids: ids[:1] == ["jp"]),
    ("Japanese: two-character 業務", "業務", lambda ids: ids[:1] == ["jp"]),
    ("own words above another language's label", "derecho a la desconexión",
     lambda ids: "soir-fr" in ids[ids.index("desc-es") + 1 :] if "desc-es" in ids else False),
)  # fmt: skip


def checklist(taxonomy: Taxonomy, folder: Path) -> list[str]:
    """Each rule run on both engines over CHECK_CLAUSES: builtin, fts5, rule, their top ids."""
    documents = []
    for pid, language, sub, title, text in CHECK_CLAUSES:
        clause = Clause(id=1, public_id=pid, title=title, text=text, language=language,
                        year=2024, signed_date=date(2024, 3, 1), content_hash=pid)  # fmt: skip
        codes = {"theme": [], "subtheme": [sub], "lifecycle": []}
        documents.append(clause_document(clause, codes, [], taxonomy))
    builtin = BuiltinSearchBackend()
    builtin.rebuild(documents)
    fts = Fts5Prototype(folder / "checklist.sqlite")
    fts.build(documents)
    yes = {True: "yes", False: "no"}
    lines = []
    for rule, q, holds in CHECKS:
        query = SearchQuery(q=q, limit=100)
        found = [hit.document["id"] for hit in builtin.search(query).hits]
        fts_found = fts.search(query, facets=False)[0]
        tops = f"{','.join(found[:3]) or '-'} | {','.join(fts_found[:3]) or '-'}"
        lines.append(f"{yes[holds(found)]:<8} {yes[holds(fts_found)]:<5} {rule:<44} {tops}")
    return lines


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def workload(description: str | None) -> tuple[argparse.Namespace, list[SearchQuery]]:
    """--clauses, --queries, --seed and --corpus from the command line, and the queries of
    the corpus's mix."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--clauses", type=int, default=10_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=11)
    add_corpus_option(parser)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    make_query = WORKLOADS[args.corpus].query
    return args, [api_query(make_query(rng)) for _ in range(args.queries)]


def main() -> None:
    args, queries = workload(__doc__)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="commons-fts5-") as name:
        folder = Path(name)
        settings = Settings(data_dir=folder)
        migrate.upgrade(settings)
        engine = make_engine(settings)
        taxonomy = load_taxonomy(settings.taxonomy_dir)
        load_s = load_corpus(engine, taxonomy, args.clauses, corpus=args.corpus)

        def documents() -> Iterator[dict[str, Any]]:
            return published_documents(Session(engine), taxonomy)

        read_s = timed(lambda: sum(1 for _ in documents()))
        rss = [peak_mib()]
        fts = Fts5Prototype(folder / "fts5.sqlite")
        fts_build_s = timed(lambda: fts.build(documents()))
        fts_mib = (folder / "fts5.sqlite").stat().st_size / 2**20
        fts_plain = race("fts5 (a) page + total", lambda q: fts.search(q, False)[1], queries)
        fts_facets = race("fts5 (b) page + total + facets by GROUP BY",
                          lambda q: fts.search(q, True)[1], queries)  # fmt: skip
        rss.append(peak_mib())
        builtin = BuiltinSearchBackend()
        builtin_build_s = timed(lambda: builtin.rebuild(documents()))
        builtin_cold = race("builtin, page + total + facets, caches emptied",
                            lambda q: cold(builtin, q), queries)  # fmt: skip
        builtin_warm = race("builtin, page + total + facets, as shipped",
                            lambda q: builtin.search(q).total, queries)  # fmt: skip
        rss.append(peak_mib())
        checks = checklist(taxonomy, folder)
        engine.dispose()
    load_after = os.getloadavg()
    same = sum(a == b for a, b in zip(fts_facets[1], builtin_cold[1], strict=True))

    print(f"clauses {args.clauses}, queries {args.queries} (seed {args.seed}), "
          f"{os.cpu_count()} CPUs, SQLite {sqlite3.sqlite_version}")  # fmt: skip
    print(f"load average 1/5/15 min: before {load_before}, after {load_after}")
    print(f"database load {load_s:.1f} s; reading the search documents alone {read_s:.1f} s")
    print(f"fts5    build {fts_build_s:6.1f} s (reading included), on disk {fts_mib:.0f} MiB")
    print(f"builtin build {builtin_build_s:6.1f} s (reading included), in memory")
    print(f"process peak RSS: after loading {rss[0]:.0f} MiB, after the fts5 phase {rss[1]:.0f} "
          f"MiB, after the builtin phase {rss[2]:.0f} MiB")  # fmt: skip
    print(f"\n{'one thread, in-process, ms':<48}{'p50':>8}{'p95':>8}{'p99':>8}  mean total  no hit")
    print("\n".join(line for line, _ in (fts_plain, fts_facets, builtin_cold, builtin_warm)))
    print(f"same total in fts5 and builtin: {same} of {args.queries} queries")
    print(f"\n{'builtin':<8} {'fts5':<5} {'rule':<44} top ids: builtin | fts5")
    print("\n".join(checks))


if __name__ == "__main__":
    main()
