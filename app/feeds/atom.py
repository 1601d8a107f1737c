"""An Atom document (RFC 4287) of clauses, built with ElementTree so that every text is escaped."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from xml.etree import ElementTree as ET

from app.clauses.schemas import ClausePublic
from app.i18n.names import country_name
from app.taxonomy.model import Taxonomy

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
SUMMARY_CHARS = 400
# ISO 3166-1 by its URN (RFC 5141): a name, not an address anyone fetches.
COUNTRY_SCHEME = "urn:iso:std:iso:3166:-1"
ET.register_namespace("", ATOM)


@dataclass(frozen=True)
class FeedHead:
    """What the feed says of itself: its id and self link (the feed's own URL), its page."""

    title: str
    self_url: str
    page_url: str
    base_url: str  # the service's root, for clause links and category schemes
    language: str  # the reader's, for labels and the feed's title


def _when(moment: datetime) -> str:
    """RFC 3339 in UTC; stored times are naive UTC."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def _add(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attributes)
    if text is not None:
        element.text = text
    return element


def _summary(text: str) -> str:
    flat = " ".join(text.split())
    if len(flat) <= SUMMARY_CHARS:
        return flat
    return flat[:SUMMARY_CHARS].rsplit(" ", 1)[0] + " …"


def _updated(clause: ClausePublic) -> datetime:
    return max(clause.updated_at, clause.published_at or clause.updated_at)


def _entry(feed: ET.Element, head: FeedHead, taxonomy: Taxonomy, clause: ClausePublic) -> None:
    link = f"{head.base_url}/clauses/{clause.id}"
    entry = _add(feed, "entry")
    _add(entry, "id", link)
    _add(entry, "title", clause.title, **{XML_LANG: clause.language})
    _add(entry, "link", rel="alternate", type="text/html", href=link)
    _add(entry, "published", _when(clause.published_at or clause.created_at))
    _add(entry, "updated", _when(_updated(clause)))
    author = _add(entry, "author")
    _add(author, "name", clause.attribution.name if clause.attribution else "Clause Commons")
    for code in (*clause.themes, *clause.subthemes):
        label = taxonomy.label(code, head.language)
        _add(entry, "category", term=code, scheme=f"{head.base_url}/themes", label=label)
    if clause.country:
        label = country_name(clause.country, head.language)
        _add(entry, "category", term=clause.country, scheme=COUNTRY_SCHEME, label=label)
    _add(entry, "summary", _summary(clause.text), type="text", **{XML_LANG: clause.language})
    _add(entry, "rights", clause.licence)


def atom_feed(head: FeedHead, taxonomy: Taxonomy, clauses: list[ClausePublic]) -> bytes:
    """The feed of these clauses, newest first as given."""
    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: head.language})
    _add(feed, "id", head.self_url)
    _add(feed, "title", head.title)
    newest = max((_updated(clause) for clause in clauses), default=None)
    _add(feed, "updated", _when(newest or datetime.now(UTC)))
    _add(feed, "link", rel="self", type="application/atom+xml", href=head.self_url)
    _add(feed, "link", rel="alternate", type="text/html", href=head.page_url)
    author = _add(feed, "author")
    _add(author, "name", "Clause Commons")
    _add(feed, "generator", "Clause Commons")
    for clause in clauses:
        _entry(feed, head, taxonomy, clause)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
