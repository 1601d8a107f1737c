"""Splitter and theme suggester, measured on our labelled agreements.

    .venv/bin/python -m bench.splitter [--verbose]

Reads tests/imports/fixtures/agreements.yaml and prints the splitter's article precision and
recall (an article counts when its reference matches and its text starts where the label
says), then the theme suggester's precision and recall over the labelled articles, for
sub-themes and for themes. Not a test: it asserts nothing.
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from app.imports.documents.extract import extract_text
from app.imports.documents.splitter import Segment, split_agreement
from app.imports.documents.suggest import ThemeSuggester
from app.taxonomy.loader import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "imports" / "fixtures"


@dataclass
class Tally:
    """True positives, false positives and false negatives."""

    hits: int = 0
    extra: int = 0
    missed: int = 0

    def add(self, found: set[str], wanted: set[str]) -> None:
        self.hits += len(found & wanted)
        self.extra += len(found - wanted)
        self.missed += len(wanted - found)

    def line(self, name: str) -> str:
        precision = self.hits / (self.hits + self.extra) if self.hits + self.extra else 1.0
        recall = self.hits / (self.hits + self.missed) if self.hits + self.missed else 1.0
        return (
            f"{name:<22} precision {precision:6.1%}  recall {recall:6.1%}  "
            f"(hits {self.hits}, extra {self.extra}, missed {self.missed})"
        )


def _key(ref: str | None, body: str, starts: str) -> str:
    return f"{(ref or '').casefold()}|{starts}" if body.startswith(starts) else f"{ref}|?"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="show every miss")
    args = parser.parse_args()
    taxonomy = load_taxonomy(ROOT / "seed" / "taxonomy")
    suggester = ThemeSuggester(taxonomy)
    labelled: list[dict[str, Any]] = yaml.safe_load((FIXTURES / "agreements.yaml").read_text())
    articles, subthemes, themes = Tally(), Tally(), Tally()
    for entry in labelled:
        path = FIXTURES / "agreements" / entry["file"]
        text = extract_text(path, path.suffix.lstrip(".")).text
        found = [s for s in split_agreement(text) if s.kind == "article"]
        wanted = entry["articles"]
        by_ref = {(s.ref or "").casefold(): s for s in found}
        starts = {a["ref"].casefold(): a["starts"] for a in wanted}
        found_keys = {
            _key(s.ref, s.body, starts.get((s.ref or "").casefold(), "\0")) for s in found
        }
        wanted_keys = {f"{a['ref'].casefold()}|{a['starts']}" for a in wanted}
        articles.add(found_keys, wanted_keys)
        if args.verbose and found_keys != wanted_keys:
            extra, missed = found_keys - wanted_keys, wanted_keys - found_keys
            print(f"{entry['file']}: extra {extra}, missed {missed}")
        for label in wanted:
            segment: Segment | None = by_ref.get(label["ref"].casefold())
            if segment is None:
                continue
            text_of = f"{segment.title or ''}\n{segment.body}"
            got_themes, got_subthemes = suggester.suggest(text_of, entry["language"])
            got_sub = {s.code for s in got_subthemes}
            want_sub = set(label["subthemes"])
            subthemes.add(got_sub, want_sub)
            themes.add({t.code for t in got_themes}, {c.split(".")[0] for c in want_sub})
            if args.verbose and got_sub != want_sub:
                reasons = {s.code: s.keywords for s in got_subthemes}
                print(f"{entry['file']} {label['ref']}: got {reasons}, labelled {sorted(want_sub)}")
    count = sum(len(e["articles"]) for e in labelled)
    print(f"{len(labelled)} agreements, {count} labelled articles")
    print(articles.line("splitter (articles)"))
    print(subthemes.line("suggester (sub-themes)"))
    print(themes.line("suggester (themes)"))


if __name__ == "__main__":
    main()
