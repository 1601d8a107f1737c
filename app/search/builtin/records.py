"""A search document taken apart for the index: its layout, facet values and stored form.

A layout is a document's searchable fields as one string of token characters (its own titles
and texts, then its labels; SEP between them): phrases and proximity read it. The stored form
is the document marshalled without its label fields (searches read them; hits never show
them). Layouts, stored forms and facet values are strings, ints and tuples of them, which the
garbage collector does not track: a million tracked objects would make its full passes stall
searches.
"""

from __future__ import annotations

import marshal
from typing import Any, Final, NamedTuple

from app.search.analysis.analyzer import SEP, has_dense, normalize, strip_markers, tokens
from app.search.contract import FACETS, MARK_END, MARK_START, searchable_fields

from .lexicon import Vocabulary

TITLE: Final = 0
LABELS: Final = 1
TEXT: Final = 2
KIND_OF_PREFIX: Final = {"title_": TITLE, "labels_": LABELS, "text_": TEXT}
FACET_FIELDS: Final = (*FACETS, "visibility")
_FIELD_RANK: Final = {name: rank for rank, name in enumerate(searchable_fields())}
_KINDS_SEEN: dict[str, int | None] = {
    name: KIND_OF_PREFIX[name[: name.index("_") + 1]] for name in _FIELD_RANK
}

LabelFields = tuple[tuple[str, object], ...]
Shape = tuple[tuple[str, ...], tuple[bool, ...]]
FacetValues = tuple[tuple[str, ...], ...]  # one tuple per FACET_FIELDS entry


def field_kind(name: str) -> int | None:
    """TITLE, LABELS or TEXT for a searchable field name, else None."""
    if name in _KINDS_SEEN:
        return _KINDS_SEEN[name]
    kind = None
    for prefix, candidate in KIND_OF_PREFIX.items():
        if name.startswith(prefix) and len(name) > len(prefix):
            kind = candidate
    if len(_KINDS_SEEN) < 10_000:  # field names are few; never let odd input grow this
        _KINDS_SEEN[name] = kind
    return kind


def document_id(document: dict[str, Any]) -> str:
    """The public id of a document; a document without one is a programming error."""
    value = document.get("id")
    if isinstance(value, bool) or not isinstance(value, str | int) or str(value) == "":
        raise ValueError(f"search document without a usable id: {value!r}")
    return str(value)


def _int_field(document: dict[str, Any], name: str) -> int | None:
    value = document.get(name)
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def facet_values(document: dict[str, Any], name: str) -> tuple[str, ...]:
    """The values of a facet field as strings (lists give one value per item)."""
    value = document.get(name)
    if value is None or isinstance(value, bool):
        return ()
    if isinstance(value, list | tuple):
        return tuple(str(item) for item in value if item is not None)
    return (str(value),)


def field_text(value: object) -> str | None:
    """The searchable text of a field value: a string, or a list of strings one per line."""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(item for item in value if isinstance(item, str))
    return None


def _marked(item: object) -> bool:
    return isinstance(item, str) and (MARK_START in item or MARK_END in item)


def _clean_value(value: object, sequence: type[list[Any]] | type[tuple[Any, ...]] = list) -> Any:
    if isinstance(value, str):
        return strip_markers(value)
    if isinstance(value, list | tuple) and any(map(_marked, value)):
        return sequence(strip_markers(item) if isinstance(item, str) else item for item in value)
    return value


def clean_document(document: dict[str, Any]) -> dict[str, Any]:
    """A copy of the document without highlight markers (lists are copied when changed)."""
    return {key: _clean_value(value) for key, value in document.items()}


class Layout(NamedTuple):
    """A document's searchable fields as one string of token characters."""

    seq: str
    fields: tuple[str, ...]
    starts: tuple[int, ...]
    kinds: tuple[int, ...]
    dense: tuple[bool, ...]  # whether each field holds text of a dense script

    def parts(self) -> list[tuple[str, int]]:
        """(token characters, kind) of each field."""
        if not self.starts:
            return []
        ends = [start - 1 for start in self.starts[1:]] + [len(self.seq)]
        return [
            (self.seq[start:end], kind)
            for start, end, kind in zip(self.starts, ends, self.kinds, strict=True)
        ]

    def field_part(self, position: int) -> str:
        """The token characters of the field at this position."""
        if position + 1 < len(self.starts):
            return self.seq[self.starts[position] : self.starts[position + 1] - 1]
        return self.seq[self.starts[position] :]


def combined(own: Layout, labels: Layout) -> Layout:
    """One layout of a document: its own fields (titles, then texts), then its labels.

    Labels are kept apart, one copy per distinct set shared by every document carrying it,
    and joined to a document's own fields only when its positions are read.
    """
    if not labels.starts:
        return own
    if not own.starts:
        return labels
    shift = len(own.seq) + 1
    return Layout(
        own.seq + SEP + labels.seq,
        own.fields + labels.fields,
        own.starts + tuple(start + shift for start in labels.starts),
        own.kinds + labels.kinds,
        own.dense + labels.dense,
    )


EMPTY_LAYOUT: Final = Layout("", (), (), (), ())


class Record(NamedTuple):
    """Everything the index keeps of one document."""

    pid: str
    sort_date: int
    year: int | None
    blob: bytes
    facets: FacetValues
    layout: Layout  # the document's own fields: titles and texts
    labels_layout: Layout  # its labels, shared with every document carrying the same set


def unpack(blob: bytes) -> dict[str, Any]:
    """The stored document back as a fresh dict (its label fields are not kept)."""
    # Only blobs this module marshalled itself are ever loaded: nothing comes from outside.
    document: dict[str, Any] = marshal.loads(blob)  # noqa: S302
    return document


LABEL_SETS_KEPT: Final = 50_000


class Packer:
    """Documents -> records, with a given vocabulary (new tokens get new characters)."""

    def __init__(self, vocabulary: Vocabulary) -> None:
        self._lookup = vocabulary.__getitem__
        # a distinct set of label fields -> its layout (documents share a few sets)
        self.label_sets: dict[LabelFields, Layout] = {}
        self._shapes: dict[Shape, tuple[tuple[str, ...], tuple[int, ...], tuple[bool, ...]]] = {}

    def sequence(self, text: str) -> tuple[str, bool]:
        """The token characters of a text, and whether it holds dense script."""
        normalized = normalize(text)
        dense = has_dense(normalized)
        found = tokens(normalized, dense)
        return "".join(map(self._lookup, found)), dense

    def layout(self, document: dict[str, Any] | LabelFields) -> Layout:
        """The layout of these fields (a document's, or a set of label fields)."""
        fields: list[tuple[int, int, str, str]] = []
        items = document.items() if isinstance(document, dict) else document
        for name, value in items:
            kind = field_kind(name)
            text = field_text(value) if kind is not None else None
            if kind is not None and text:
                fields.append((kind, _FIELD_RANK.get(name, len(_FIELD_RANK)), name, text))
        fields.sort()
        parts: list[str] = []
        starts: list[int] = []
        dense: list[bool] = []
        position = 0
        for _, _, _, text in fields:
            seq, is_dense = self.sequence(text)
            parts.append(seq)
            dense.append(is_dense)
            starts.append(position)
            position += len(seq) + 1
        key = (tuple(name for _, _, name, _ in fields), tuple(dense))
        shape = self._shapes.get(key)
        if shape is None:
            shape = self._shapes[key] = (key[0], tuple(kind for kind, *_ in fields), key[1])
        return Layout(SEP.join(parts), shape[0], tuple(starts), shape[1], shape[2])

    def labels(self, given: LabelFields) -> Layout:
        """The layout of a set of label fields (made once per distinct set)."""
        found = self.label_sets.get(given)
        if found is None:
            clean = tuple((key, _clean_value(value, tuple)) for key, value in given)
            if len(self.label_sets) >= LABEL_SETS_KEPT:
                self.label_sets.clear()  # only sharing is lost; documents keep their layouts
            found = self.label_sets[given] = self.layout(clean)
        return found

    def record(self, document: dict[str, Any]) -> Record:
        """The record of a document (markers stripped)."""
        pid = document_id(document)
        given: list[tuple[str, object]] = []
        rest: dict[str, Any] = {}
        for key, value in document.items():
            if key.startswith("labels_"):
                given.append((key, tuple(value) if isinstance(value, list) else value))
            else:
                rest[key] = value
        labels_layout = self.labels(tuple(given))
        clean = clean_document(rest)
        try:
            blob = marshal.dumps(clean)
        except ValueError as error:
            raise ValueError(f"search document {pid!r} is not plain data") from error
        return Record(
            pid=pid,
            sort_date=_int_field(clean, "sort_date") or 0,
            year=_int_field(clean, "year"),
            blob=blob,
            facets=tuple(facet_values(clean, name) for name in FACET_FIELDS),
            layout=self.layout(clean),
            labels_layout=labels_layout,
        )
