"""Which clauses a comparison holds, in which version, and in what order."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import groupby

from sqlmodel import Session

from app.clauses import repository as repo
from app.clauses.models import ClauseKind
from app.clauses.present import present
from app.clauses.schemas import ClausePublic
from app.compare.passages import KeywordMarker, passages
from app.compare.schemas import (
    Column,
    CompareAnswer,
    ComparedClause,
    CountryGroup,
    PassageOut,
    RegionGroup,
    Span,
)
from app.errors import FieldError, InvalidInput
from app.exports.rows import PAGE
from app.i18n.languages import same_language
from app.i18n.names import country_name
from app.i18n.translate import _
from app.taxonomy.model import Taxonomy

MIN_COLUMNS = 2
MAX_COLUMNS = 4
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 200
# Public ids are short (`c-` and ten letters); anything far longer is not one.
MAX_ID_CHARS = 64


def compared(clause: ClausePublic, language: str) -> ComparedClause:
    """The clause in the reader's language when it has a translation into it, else the original."""
    shown = None
    if not same_language(clause.language, language):
        shown = next((t for t in clause.translations if same_language(t.language, language)), None)
    return ComparedClause(
        id=clause.id,
        url=f"/clauses/{clause.id}",
        title=shown.title if shown else clause.title,
        text=shown.text if shown else clause.text,
        language=shown.language if shown else clause.language,
        original_language=clause.language,
        translation=shown.kind if shown else None,
        kind=clause.kind,
        country=clause.country,
        country_name=country_name(clause.country, language) if clause.country else None,
        region=clause.region,
        year=clause.year,
        unions=clause.unions,
        employer=clause.employer,
        agreement=clause.agreement.title,
        subthemes=clause.subthemes,
        licence=clause.licence,
        attribution=clause.attribution.name if clause.attribution else "Clause Commons",
        published_at=clause.published_at,
    )


def _grouped(clauses: list[ComparedClause], taxonomy: Taxonomy, language: str) -> list[RegionGroup]:
    """Clauses already in region, country order, as nested groups."""
    regions: list[RegionGroup] = []
    for region, in_region in groupby(clauses, key=lambda c: c.region):
        countries = [
            CountryGroup(
                country=country,
                name=country_name(country, language) if country else _("No country given"),
                clauses=list(in_country),
            )
            for country, in_country in groupby(in_region, key=lambda c: c.country)
        ]
        label = taxonomy.label(region, language) if region else _("No country given")
        regions.append(RegionGroup(region=region, label=label, countries=countries))
    return regions


def negotiated_only(filters: repo.ClauseFilter) -> repo.ClauseFilter:
    """Negotiated clauses unless the filters ask for a kind."""
    return filters if filters.kind else replace(filters, kind=(ClauseKind.negotiated.value,))


def one_subtheme(filters: repo.ClauseFilter) -> str:
    """The sub-theme compared: exactly one must be given."""
    if len(filters.subthemes) != 1:
        message = _("give exactly one sub-theme to compare, e.g. subtheme=4.3")
        raise InvalidInput.one("subtheme", message)
    return filters.subthemes[0]


def compare_page(
    session: Session,
    taxonomy: Taxonomy,
    filters: repo.ClauseFilter,
    signed_in: bool,
    language: str,
    page: int = 1,
    per_page: int = DEFAULT_PER_PAGE,
) -> CompareAnswer:
    """One page of a sub-theme's published clauses, grouped by region and country."""
    code = one_subtheme(filters)
    rows, total = repo.by_region_and_country(
        session,
        negotiated_only(filters),
        repo.Audience(signed_in=signed_in),
        (page - 1) * per_page,
        per_page,
    )
    clauses = [compared(c, language) for c in present(session, rows)]
    return CompareAnswer(
        subtheme=code,
        label=taxonomy.label(code, language),
        total=total,
        page=page,
        per_page=per_page,
        regions=_grouped(clauses, taxonomy, language),
        language=language,
    )


def wanted_ids(raw: Sequence[str]) -> list[str]:
    """The ids asked for, in order, commas allowed; two to four different ones."""
    ids = [part.strip() for value in raw for part in value.split(",") if part.strip()]
    if not MIN_COLUMNS <= len(ids) <= MAX_COLUMNS:
        message = _("choose from %(min)s to %(max)s clauses to compare")
        raise InvalidInput.one("ids", message % {"min": MIN_COLUMNS, "max": MAX_COLUMNS})
    errors = [
        FieldError(f"ids[{i}]", _("is not a clause id"))
        for i, value in enumerate(ids)
        if len(value) > MAX_ID_CHARS
    ]
    errors += [
        FieldError(f"ids[{i}]", _("is already in the comparison"))
        for i, value in enumerate(ids)
        if value in ids[:i]
    ]
    if errors:
        raise InvalidInput.of(errors)
    return ids


def chosen_clauses(session: Session, ids: Sequence[str], signed_in: bool) -> list[ClausePublic]:
    """The published clauses with these ids, in the order asked; a 422 names each one
    missing (or not readable by this reader: the two are not told apart)."""
    found = repo.published_by_public_ids(session, ids, repo.Audience(signed_in=signed_in))
    errors = [
        FieldError(f"ids[{i}]", _("no published clause '%(id)s'") % {"id": value})
        for i, value in enumerate(ids)
        if value not in found
    ]
    if errors:
        raise InvalidInput.of(errors)
    by_id = {c.id: c for c in present(session, [found[value] for value in ids])}
    return [by_id[value] for value in ids]


def marked_subthemes(clauses: Sequence[ClausePublic], asked: str | None) -> list[str]:
    """The sub-theme asked for; else those every clause shares; else all of theirs."""
    if asked:
        return [asked]
    shared = set(clauses[0].subthemes).intersection(*(c.subthemes for c in clauses[1:]))
    codes = shared or {code for c in clauses for code in c.subthemes}
    return sorted(codes, key=lambda code: tuple(int(p) for p in code.split(".")))


def keyword_marker(taxonomy: Taxonomy, codes: Sequence[str], language: str) -> KeywordMarker:
    """The labels and keywords of these sub-themes in a text's language (English if the
    taxonomy is not worded in it)."""
    base = language.split("-")[0].lower()
    worded = base if base in taxonomy.languages else "en"
    terms = [term for code in codes for term in taxonomy.terms(code, worded)]
    return KeywordMarker.of(worded, terms)


def side_by_side(
    session: Session,
    taxonomy: Taxonomy,
    raw_ids: Sequence[str],
    asked: str | None,
    signed_in: bool,
    language: str,
) -> tuple[list[str], list[Column]]:
    """The sub-themes marked and the columns of the clauses asked for, in order."""
    chosen = chosen_clauses(session, wanted_ids(raw_ids), signed_in)
    codes = marked_subthemes(chosen, asked)
    return codes, [column(compared(c, language), taxonomy, codes) for c in chosen]


def column(clause: ComparedClause, taxonomy: Taxonomy, codes: Sequence[str]) -> Column:
    marker = keyword_marker(taxonomy, codes, clause.language)
    return Column(
        clause=clause,
        passages=[
            PassageOut(
                text=p.text,
                mentions=p.mentions,
                marks=[Span(start=start, end=end) for start, end in p.marks],
            )
            for p in passages(clause.text, marker)
        ],
    )


def every_compared(
    session: Session, filters: repo.ClauseFilter, signed_in: bool, language: str
) -> Iterator[ComparedClause]:
    """Every clause of the comparison in order, page by page (bounded memory), for export."""
    one_subtheme(filters)
    offset = 0
    while True:
        rows, _total = repo.by_region_and_country(
            session, negotiated_only(filters), repo.Audience(signed_in=signed_in), offset, PAGE
        )
        if not rows:
            return
        yield from (compared(c, language) for c in present(session, rows))
        offset += len(rows)
        session.expunge_all()
