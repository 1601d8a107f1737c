"""Links that keep every filter and the query in the URL, so that a search can be shared."""

from __future__ import annotations

from urllib.parse import urlencode

from starlette.datastructures import QueryParams

# The parameters a search page understands; anything else is dropped from its links.
SEARCH_PARAMS: tuple[str, ...] = (
    "q",
    "theme",
    "subtheme",
    "lifecycle",
    "country",
    "region",
    "sector",
    "language",
    "kind",
    "year_from",
    "year_to",
    "sort",
)


class SearchLinks:
    """The current search's parameters, and links that change one thing about them."""

    def __init__(self, params: QueryParams) -> None:
        self.pairs = [(k, v) for k, v in params.multi_items() if k in SEARCH_PARAMS and v]

    def _url(self, pairs: list[tuple[str, str]]) -> str:
        return "/search?" + urlencode(pairs) if pairs else "/search"

    def selected(self, key: str, value: str) -> bool:
        return (key, value) in self.pairs

    def toggle(self, key: str, value: str) -> str:
        """The search with this filter value added, or removed when it is already on."""
        if self.selected(key, value):
            return self._url([p for p in self.pairs if p != (key, value)])
        return self._url([*self.pairs, (key, value)])

    def year(self, value: str) -> str:
        """The search limited to one year, or with the year limits removed when it is set."""
        rest = [p for p in self.pairs if p[0] not in ("year_from", "year_to")]
        if self.selected("year_from", value) and self.selected("year_to", value):
            return self._url(rest)
        return self._url([*rest, ("year_from", value), ("year_to", value)])

    def page(self, number: int) -> str:
        return self._url([*self.pairs, ("page", str(number))])

    def feed(self) -> str:
        """The Atom feed of this search: its newest matches, whatever the page's order."""
        pairs = [p for p in self.pairs if p[0] != "sort"]
        return "/feeds/clauses.atom?" + urlencode(pairs) if pairs else "/feeds/clauses.atom"

    def hidden(self, *skip: str) -> list[tuple[str, str]]:
        """The parameters a form must carry so that submitting it keeps the other filters."""
        return [p for p in self.pairs if p[0] not in skip]

    @property
    def filtered(self) -> bool:
        return any(k not in ("q", "sort") for k, _ in self.pairs)

    def cleared(self) -> str:
        return self._url([p for p in self.pairs if p[0] in ("q", "sort")])
